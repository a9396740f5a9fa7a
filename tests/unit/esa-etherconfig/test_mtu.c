/* SPDX-License-Identifier: BSD-2-Clause */
/* test_mtu.c - the MTU range check and the RTM_NEWLINK request that sets one. */
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "../check_esa.h"
#include "suites.h"

START_TEST(test_range)
{
	struct ifextra veth = { .has_limits = true, .min_mtu = 68, .max_mtu = 65535 };
	struct ifextra open = { .has_limits = true, .min_mtu = 0, .max_mtu = 0 };

	ck_assert(!mtu_in_range(&veth, 0));
	ck_assert(!mtu_in_range(&veth, 67));
	ck_assert(mtu_in_range(&veth, 68));
	ck_assert(mtu_in_range(&veth, 65535));
	ck_assert(!mtu_in_range(&veth, 65536));
	ck_assert(!mtu_in_range(&veth, 70000));
	/* max 0: no upper limit from the device */
	ck_assert(mtu_in_range(&open, 70000));
	ck_assert(!mtu_in_range(&open, 0));
	ck_assert(mtu_in_range(NULL, 1));
	ck_assert(!mtu_in_range(NULL, 0));
}
END_TEST

START_TEST(test_request)
{
	struct nl *nl = nl_open(NETLINK_ROUTE);
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi;
	struct nlmsghdr *req;

	ck_assert_ptr_nonnull(nl);
	req = mtu_request(nl, 3, 9000);
	ck_assert_uint_eq(req->nlmsg_type, RTM_NEWLINK);
	ck_assert_uint_eq(req->nlmsg_flags & NLM_F_CREATE, 0);
	ifi = mnl_nlmsg_get_payload(req);
	ck_assert_int_eq(ifi->ifi_index, 3);
	ck_assert_int_eq(nl_attrs(req, sizeof(*ifi), tb, IFLA_MAX, NULL), 0);
	ck_assert_uint_eq(mnl_attr_get_u32(tb[IFLA_MTU]), 9000);
	nl_close(nl);
}
END_TEST

/* The words of a refusal: only the links that lose something, each whole. */
START_TEST(test_loss_text)
{
	struct mtu_loss v[3] = {
		{ .name = "lo", .below_v4 = true, .v4 = true, .v6 = true,
		  .addrs = "127.0.0.1/8 ::1/128", .len = 19 },
		{ .name = "a0.34", .below_v4 = true },		/* no IPv4 address, no IPv6 */
		{ .name = "voice", .v6 = true },		/* IPv6, no address */
	};
	char buf[256];

	ck_assert_str_eq(mtu_loss_text(buf, sizeof(buf), v, 3),
	    "lo would lose IPv4 (it needs 68), IPv6 (it needs 1280) and 127.0.0.1/8 ::1/128; "
	    "voice would lose IPv6 (it needs 1280)");
	ck_assert_str_eq(mtu_loss_text(buf, sizeof(buf), v + 1, 1), "");
	v[0].v6 = false;
	ck_assert_str_eq(mtu_loss_text(buf, sizeof(buf), v, 1),
	    "lo would lose IPv4 (it needs 68) and 127.0.0.1/8 ::1/128");
	v[0].v4 = false;
	v[0].v6 = true;
	ck_assert_str_eq(mtu_loss_text(buf, sizeof(buf), v, 1),
	    "lo would lose IPv6 (it needs 1280) and 127.0.0.1/8 ::1/128");
	/* cut at the buffer, never past it */
	ck_assert_str_eq(mtu_loss_text(buf, 8, v, 3), "lo woul");
}
END_TEST

Suite *
suite_mtu(void)
{
	Suite *s = suite_create("mtu");
	TCase *tc = tcase_create("mtu");

	tcase_add_test(tc, test_range);
	tcase_add_test(tc, test_request);
	tcase_add_test(tc, test_loss_text);
	suite_add_tcase(s, tc);
	return s;
}
