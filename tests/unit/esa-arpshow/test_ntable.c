/* SPDX-License-Identifier: BSD-2-Clause */
/* test_ntable.c - reachable times from recorded neighbour table parameters. */
#include <errno.h>
#include <sys/socket.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "../../../bin/esa-arpshow/arpshow.h"
#include "../check_esa.h"
#include "suites.h"

/*
 * tests/data/nl/ntable4.bin (record.sh): the ARP table's own parameters with a
 * reachable time of 25176 ms, then v0 (index 3, base 3600 s) with 3500452 ms, v1
 * (2) with 26980 ms and lo (1) with 42660 ms; read with an independent decoder.
 */
START_TEST(test_recorded)
{
	struct ntable t = { 0 };
	size_t len;
	void *buf = load_fixture("tests/data/nl/ntable4.bin", &len);

	ck_assert_int_eq(nl_replay(buf, len, ntable_add, &t), 0);
	ntable_sort(&t);
	ck_assert_uint_eq(t.default_ms, 25176);
	ck_assert_uint_eq(t.n, 3);
	ck_assert_uint_eq(ntable_reachable_ms(&t, 3), 3500452);
	ck_assert_uint_eq(ntable_reachable_ms(&t, 2), 26980);
	ck_assert_uint_eq(ntable_reachable_ms(&t, 1), 42660);
	ck_assert_uint_eq(ntable_reachable_ms(&t, 9), 25176);	/* unknown: the table's */
	ntable_free(&t);
	ck_assert_uint_eq(ntable_reachable_ms(&t, 3), 30000);	/* nothing: kernel default */
	free(buf);
}
END_TEST

START_TEST(test_truncated)
{
	size_t len;
	unsigned char *buf = load_fixture("tests/data/nl/ntable6.bin", &len);

	for (size_t cut = 0; cut <= len; cut++) {
		struct ntable t = { 0 };
		void *copy = exact_copy(buf, cut);
		int r = nl_replay(copy, cut, ntable_add, &t);

		ck_assert(r == 0 || (r == -1 && errno == EPROTO));
		ntable_free(&t);
		free(copy);
	}
	free(buf);
}
END_TEST

/* An RTM_NEWNEIGHTBL whose parameters hold an index and a reachable time of given sizes. */
static struct nlmsghdr *
build(char *buf, size_t idx_len, size_t rt_len)
{
	static const unsigned char bytes[8] = { 7, 0, 0, 0, 0, 0, 0, 0 };
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	memset(buf, 0, 256);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWNEIGHTBL;
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ndtmsg));
	nest = mnl_attr_nest_start(nlh, NDTA_PARMS);
	mnl_attr_put(nlh, NDTPA_IFINDEX, idx_len, bytes);
	mnl_attr_put(nlh, NDTPA_REACHABLE_TIME, rt_len, bytes);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

START_TEST(test_crafted)
{
	struct ntable t = { 0 };
	char buf[256];

	ck_assert_int_eq(ntable_add(build(buf, 4, 8), &t), MNL_CB_OK);
	ck_assert_uint_eq(t.n, 1);
	ck_assert_uint_eq(ntable_reachable_ms(&t, 7), 7);
	/* a reachable time too short to be a u64 is not used */
	ck_assert_int_eq(ntable_add(build(buf, 4, 4), &t), MNL_CB_OK);
	ck_assert_uint_eq(t.n, 1);
	/* an index too short to be a u32 is an error */
	ck_assert_int_eq(ntable_add(build(buf, 2, 8), &t), MNL_CB_ERROR);
	ck_assert_int_eq(errno, EPROTO);
	ntable_free(&t);
}
END_TEST

Suite *
suite_ntable(void)
{
	Suite *s = suite_create("ntable");
	TCase *tc = tcase_create("ntable");

	tcase_add_test(tc, test_recorded);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_crafted);
	suite_add_tcase(s, tc);
	return s;
}
