/* SPDX-License-Identifier: BSD-2-Clause */
/* test_multicast.c - finding our table in nft's list of tables, and judging what it holds. */
#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "../check_esa.h"
#include "suites.h"

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

#define HEAD "table arp esa_etherconfig {\n" \
	"\tcomment \"esa-etherconfig multicast reject: drop ARP replies from multicast MACs\"\n" \
	"\tchain input {\n" \
	"\t\ttype filter hook input priority filter; policy accept;\n"
#define RULE "\t\tarp operation reply arp saddr ether & 01:00:00:00:00:00 == 01:00:00:00:00:00"
#define TAIL "\t}\n}\n"

/* Our table is ours whatever its counter says; anything else in it is not. */
START_TEST(test_ours)
{
	ck_assert(multicast_ours(HEAD RULE " counter packets 0 bytes 0 drop\n" TAIL));
	ck_assert(multicast_ours(HEAD RULE " counter packets 18446744073709551615 bytes 42 drop\n"
	    TAIL));
	ck_assert(!multicast_ours(HEAD RULE " counter drop\n" TAIL));
	ck_assert(!multicast_ours(HEAD RULE " counter packets bytes 0 drop\n" TAIL));
	ck_assert(!multicast_ours(HEAD RULE " counter packets 1x bytes 0 drop\n" TAIL));
	/* another word before the number is not the counter nft prints */
	ck_assert(!multicast_ours(HEAD RULE " counter pickets 1 bytes 0 drop\n" TAIL));
	ck_assert(!multicast_ours(HEAD RULE " counter packets 1 bites 0 drop\n" TAIL));
	ck_assert(!multicast_ours(HEAD RULE " counter packets 0 bytes 0 accept\n" TAIL));
	ck_assert(!multicast_ours(HEAD "\t\tdrop\n" TAIL));
	ck_assert(!multicast_ours(HEAD TAIL));
	ck_assert(!multicast_ours(HEAD RULE " counter packets 0 bytes 0 drop\n\t\tdrop\n" TAIL));
	ck_assert(!multicast_ours(HEAD RULE " counter packets 0 bytes 0 drop\n" TAIL
	    "table arp x {\n}\n"));
	ck_assert(!multicast_ours(HEAD RULE " counter packets 0 bytes 0 drop\n"));
	ck_assert(!multicast_ours("table arp esa_etherconfig {\n\tchain input {\n" TAIL));
	ck_assert(!multicast_ours(""));
	ck_assert(!multicast_ours(NULL));
}
END_TEST

Suite *
suite_multicast(void)
{
	Suite *s = suite_create("multicast");
	TCase *tc = tcase_create("ruleset");

	tcase_add_test(tc, test_listed);
	tcase_add_test(tc, test_ours);
	suite_add_tcase(s, tc);
	return s;
}
