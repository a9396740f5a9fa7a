/* SPDX-License-Identifier: BSD-2-Clause */
/* test_mtu.c - the MTU range check and the RTM_NEWLINK request that sets one. */
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "../check_esa.h"
#include "../suites.h"

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

Suite *
suite_mtu(void)
{
	Suite *s = suite_create("mtu");
	TCase *tc = tcase_create("mtu");

	tcase_add_test(tc, test_range);
	tcase_add_test(tc, test_request);
	suite_add_tcase(s, tc);
	return s;
}
