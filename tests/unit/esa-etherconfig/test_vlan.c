/* SPDX-License-Identifier: BSD-2-Clause */
/* test_vlan.c - the RTM_NEWLINK request that creates a VLAN, read back. */
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "../check_esa.h"
#include "suites.h"

START_TEST(test_add_request)
{
	struct nl *nl = nl_open(NETLINK_ROUTE);
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1], *data[IFLA_VLAN_MAX + 1];
	struct nlmsghdr *req;

	ck_assert_ptr_nonnull(nl);
	req = vlan_add_request(nl, 3, "v0.34", 34);
	ck_assert_uint_eq(req->nlmsg_type, RTM_NEWLINK);
	ck_assert_uint_eq(req->nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL), NLM_F_CREATE | NLM_F_EXCL);
	ck_assert_int_eq(nl_attrs(req, sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), 0);
	ck_assert_uint_eq(mnl_attr_get_u32(tb[IFLA_LINK]), 3);
	ck_assert_str_eq(mnl_attr_get_str(tb[IFLA_IFNAME]), "v0.34");
	ck_assert_int_eq(nl_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX, NULL), 0);
	ck_assert_str_eq(mnl_attr_get_str(info[IFLA_INFO_KIND]), "vlan");
	ck_assert_int_eq(nl_nested(info[IFLA_INFO_DATA], data, IFLA_VLAN_MAX, NULL), 0);
	ck_assert_uint_eq(mnl_attr_get_payload_len(data[IFLA_VLAN_ID]), 2);
	ck_assert_uint_eq(mnl_attr_get_u16(data[IFLA_VLAN_ID]), 34);
	nl_close(nl);
}
END_TEST

Suite *
suite_vlan(void)
{
	Suite *s = suite_create("vlan");
	TCase *tc = tcase_create("request");

	tcase_add_test(tc, test_add_request);
	suite_add_tcase(s, tc);
	return s;
}
