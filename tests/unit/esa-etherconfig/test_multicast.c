/* SPDX-License-Identifier: BSD-2-Clause */
/* test_multicast.c - finding our table in nft's list of tables. */
#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "../check_esa.h"
#include "../suites.h"

START_TEST(test_listed)
{
	ck_assert(multicast_listed("table arp esa_etherconfig\n"));
	ck_assert(multicast_listed("table arp filter\ntable arp esa_etherconfig\n"));
	ck_assert(multicast_listed("table arp esa_etherconfig"));
	ck_assert(!multicast_listed(""));
	ck_assert(!multicast_listed("table arp esa_etherconfig2\n"));
	ck_assert(!multicast_listed("table arp esa_etherconfi\n"));
	ck_assert(!multicast_listed("table ip esa_etherconfig\n"));
	ck_assert(!multicast_listed(" table arp esa_etherconfig\n"));
	ck_assert(!multicast_listed(NULL));
}
END_TEST

Suite *
suite_multicast(void)
{
	Suite *s = suite_create("multicast");
	TCase *tc = tcase_create("ruleset");

	tcase_add_test(tc, test_listed);
	suite_add_tcase(s, tc);
	return s;
}
