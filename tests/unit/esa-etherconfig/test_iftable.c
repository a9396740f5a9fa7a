/* SPDX-License-Identifier: BSD-2-Clause */
/* test_iftable.c - VLAN ids and MTU limits from recorded and crafted link messages. */
#include <errno.h>
#include <net/if_arp.h>

#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/ipv6.h>
#include <linux/rtnetlink.h>

#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "../check_esa.h"
#include "suites.h"

/*
 * tests/data/nl/link.bin (tests/data/nl/record.sh): lo (1), veth v1 (2) and v0 (3,
 * alias "Data 1"); veth's MTU limits are 68 and 65535, lo's 0 and 0 (none).
 */
START_TEST(test_recorded)
{
	struct iftable t = { 0 };
	const struct ifextra *x;
	size_t len;
	void *buf = load_fixture("tests/data/nl/link.bin", &len);

	ck_assert_int_eq(nl_replay(buf, len, iftable_add, &t), 0);
	iftable_sort(&t);
	ck_assert_uint_eq(t.nx, 3);
	ck_assert_uint_eq(t.links.n, 3);
	x = iftable_extra(&t, 3);
	ck_assert_ptr_nonnull(x);
	ck_assert(x->has_limits);
	ck_assert_uint_eq(x->min_mtu, 68);
	ck_assert_uint_eq(x->max_mtu, 65535);
	ck_assert(!x->is_vlan);
	ck_assert(x->has_inet6 && !x->inet6_disabled);
	ck_assert(iftable_is_ethernet(&t, link_by_index(&t.links, 3)));
	ck_assert(!iftable_is_ethernet(&t, link_by_index(&t.links, 1)));
	ck_assert_ptr_null(iftable_extra(&t, 9));
	ck_assert_ptr_null(iftable_vlan(&t, 3, 34));
	iftable_free(&t);
	free(buf);
}
END_TEST

/*
 * tests/data/nl/vlan.bin (record.sh's "vlan", recorded on the stock kernel of make
 * check-vm): the same namespace plus v0.34 (index 4, VLAN 34 on v0) and voice
 * (index 5, VLAN 4094 on v0, alias "Voice"); VLANs' MTU limits are 0 and 65535.
 */
START_TEST(test_recorded_vlan)
{
	struct iftable t = { 0 };
	const struct ifextra *x;
	const struct link *l;
	size_t len;
	void *buf = load_fixture("tests/data/nl/vlan.bin", &len);

	ck_assert_int_eq(nl_replay(buf, len, iftable_add, &t), 0);
	iftable_sort(&t);
	ck_assert_uint_eq(t.nx, 5);
	l = iftable_vlan(&t, 3, 34);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->name, "v0.34");
	ck_assert_uint_eq(l->index, 4);
	ck_assert_uint_eq(l->mtu, 1500);
	ck_assert(!iftable_is_ethernet(&t, l));
	x = iftable_extra(&t, 4);
	ck_assert(x->is_vlan && x->has_limits);
	ck_assert_uint_eq(x->min_mtu, 0);
	ck_assert_uint_eq(x->max_mtu, 65535);
	l = iftable_vlan(&t, 3, 4094);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->name, "voice");
	ck_assert_str_eq(link_display(l), "Voice");
	ck_assert_ptr_null(iftable_vlan(&t, 2, 34));
	ck_assert(iftable_is_ethernet(&t, link_by_index(&t.links, 3)));
	ck_assert(!iftable_extra(&t, 3)->is_vlan);
	iftable_free(&t);

	/* every prefix: no crash, no read past it */
	for (size_t n = 0; n <= len; n++) {
		void *copy = exact_copy(buf, n);

		(void)nl_replay(copy, n, iftable_add, &t);
		iftable_free(&t);
		free(copy);
	}
	free(buf);
}
END_TEST

/*
 * A VLAN link message built here, to vary what the recording cannot: index,
 * name, IFLA_LINK, and IFLA_LINKINFO { kind "vlan", data { IFLA_VLAN_ID of VIDLEN bytes } }.
 */
static struct nlmsghdr *
craft_vlan(char *buf, int index, const char *name, uint32_t parent, size_t vidlen)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	struct nlattr *info, *data;
	uint16_t vid = 34;

	nlh->nlmsg_type = RTM_NEWLINK;
	ifi->ifi_index = index;
	ifi->ifi_type = ARPHRD_ETHER;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_MTU, 1500);
	mnl_attr_put_u32(nlh, IFLA_LINK, parent);
	mnl_attr_put_u32(nlh, IFLA_MIN_MTU, 0);
	mnl_attr_put_u32(nlh, IFLA_MAX_MTU, 65535);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "vlan");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	mnl_attr_put(nlh, IFLA_VLAN_ID, vidlen, &vid);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return nlh;
}

START_TEST(test_vlan_message)
{
	char buf[1024] __attribute__((aligned(4)));
	struct iftable t = { 0 };
	struct ifextra x;
	const struct link *l;

	ck_assert_int_eq(iftable_parse_extra(craft_vlan(buf, 5, "v0.34", 3, 2), &x), 1);
	ck_assert(x.is_vlan);
	ck_assert_uint_eq(x.vid, 34);
	ck_assert_uint_eq(x.index, 5);
	ck_assert_int_eq(iftable_add(craft_vlan(buf, 5, "v0.34", 3, 2), &t), MNL_CB_OK);
	iftable_sort(&t);
	l = iftable_vlan(&t, 3, 34);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->name, "v0.34");
	ck_assert(!iftable_is_ethernet(&t, l));
	ck_assert_ptr_null(iftable_vlan(&t, 2, 34));
	ck_assert_ptr_null(iftable_vlan(&t, 3, 35));
	iftable_free(&t);
	/* an id of one byte is malformed */
	errno = 0;
	ck_assert_int_eq(iftable_parse_extra(craft_vlan(buf, 5, "v0.34", 3, 1), &x), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert_int_eq(iftable_add(craft_vlan(buf, 5, "v0.34", 3, 1), &t), MNL_CB_ERROR);
	iftable_free(&t);
	/* index 0 and other message types are skipped */
	ck_assert_int_eq(iftable_parse_extra(craft_vlan(buf, 0, "x", 3, 2), &x), 0);
	((struct nlmsghdr *)buf)->nlmsg_type = RTM_NEWADDR;
	ck_assert_int_eq(iftable_parse_extra((struct nlmsghdr *)buf, &x), 0);
}
END_TEST

/*
 * A VLAN whose parent is in another namespace (IFLA_LINK_NETNSID): its IFLA_LINK is
 * an index over there, which must not be taken for the local link of that index.
 */
START_TEST(test_vlan_parent_elsewhere)
{
	char buf[1024] __attribute__((aligned(4)));
	struct iftable t = { 0 };
	struct nlmsghdr *nlh;
	struct ifextra x;

	nlh = craft_vlan(buf, 5, "v0.34", 3, 2);
	ck_assert_int_eq(iftable_parse_extra(nlh, &x), 1);
	ck_assert(!x.parent_elsewhere);
	mnl_attr_put_u32(nlh, IFLA_LINK_NETNSID, 0);
	ck_assert_int_eq(iftable_parse_extra(nlh, &x), 1);
	ck_assert(x.is_vlan);
	ck_assert(x.parent_elsewhere);
	ck_assert_int_eq(iftable_add(nlh, &t), MNL_CB_OK);
	iftable_sort(&t);
	ck_assert_ptr_null(iftable_vlan(&t, 3, 34));
	iftable_free(&t);
	/* a netnsid of the wrong size is malformed */
	nlh = craft_vlan(buf, 5, "v0.34", 3, 2);
	mnl_attr_put_u16(nlh, IFLA_LINK_NETNSID, 0);
	ck_assert_int_eq(iftable_parse_extra(nlh, &x), -1);
}
END_TEST

/* MTU limits of the wrong size are refused, not read. */
START_TEST(test_bad_limits)
{
	char buf[512] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	struct ifextra x;

	nlh->nlmsg_type = RTM_NEWLINK;
	ifi->ifi_index = 4;
	mnl_attr_put_u16(nlh, IFLA_MIN_MTU, 68);
	ck_assert_int_eq(iftable_parse_extra(nlh, &x), -1);
	/* a message shorter than its ifinfomsg */
	nlh->nlmsg_len = sizeof(*nlh) + 4;
	ck_assert_int_eq(iftable_parse_extra(nlh, &x), -1);
}
END_TEST

/*
 * A dump racing a change may carry two messages for one index: the later one is
 * kept, whole (its name, parent and VLAN id together), and the index is listed once.
 */
START_TEST(test_duplicate_index)
{
	char buf[1024] __attribute__((aligned(4)));
	struct iftable t = { 0 };
	const struct link *l;
	struct nlmsghdr *nlh;

	for (int i = 0; i < 3; i++) {
		nlh = craft_vlan(buf, 5, i == 2 ? "new" : "old", (uint32_t)(2 + i), 2);
		ck_assert_int_eq(iftable_add(nlh, &t), MNL_CB_OK);
		ck_assert_int_eq(iftable_add(craft_vlan(buf, 9 - i, "other", 9, 2), &t),
		    MNL_CB_OK);
	}
	iftable_sort(&t);
	ck_assert_uint_eq(t.links.n, 4);	/* 5, 9, 8, 7 */
	ck_assert_uint_eq(t.nx, 4);
	for (size_t i = 0; i < t.nx; i++)
		ck_assert_uint_eq(t.x[i].index, t.links.links[i].index);
	l = link_by_index(&t.links, 5);
	ck_assert_str_eq(l->name, "new");
	ck_assert_uint_eq(l->parent, 4);
	ck_assert_ptr_eq(iftable_vlan(&t, 4, 34), l);
	ck_assert_ptr_null(iftable_vlan(&t, 2, 34));
	ck_assert_ptr_null(iftable_vlan(&t, 3, 34));
	iftable_free(&t);
}
END_TEST

/*
 * IFLA_AF_SPEC: AF_INET6 present while the link runs IPv6, its IFLA_INET6_CONF
 * array saying whether disable_ipv6 is set; a short array reads as not disabled.
 */
static struct nlmsghdr *
craft_inet6(char *buf, bool inet6, size_t nconf, int32_t disable)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	struct nlattr *spec, *af;
	int32_t conf[DEVCONF_MAX] = { 0 };

	nlh->nlmsg_type = RTM_NEWLINK;
	ifi->ifi_index = 3;
	ifi->ifi_type = ARPHRD_ETHER;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "v0");
	conf[DEVCONF_DISABLE_IPV6] = disable;
	spec = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
	af = mnl_attr_nest_start(nlh, AF_INET);
	mnl_attr_put_u32(nlh, IFLA_INET_CONF, 0);
	mnl_attr_nest_end(nlh, af);
	if (inet6) {
		af = mnl_attr_nest_start(nlh, AF_INET6);
		mnl_attr_put_u32(nlh, IFLA_INET6_FLAGS, 0);
		mnl_attr_put(nlh, IFLA_INET6_CONF, nconf * sizeof(conf[0]), conf);
		mnl_attr_nest_end(nlh, af);
	}
	mnl_attr_nest_end(nlh, spec);
	return nlh;
}

START_TEST(test_inet6)
{
	char buf[2048] __attribute__((aligned(4)));
	struct ifextra x;

	ck_assert_int_eq(iftable_parse_extra(craft_inet6(buf, true, DEVCONF_MAX, 0), &x), 1);
	ck_assert(x.has_inet6 && !x.inet6_disabled);
	ck_assert_int_eq(iftable_parse_extra(craft_inet6(buf, true, DEVCONF_MAX, 1), &x), 1);
	ck_assert(x.has_inet6 && x.inet6_disabled);
	ck_assert_int_eq(iftable_parse_extra(craft_inet6(buf, false, 0, 0), &x), 1);
	ck_assert(!x.has_inet6 && !x.inet6_disabled);
	ck_assert_int_eq(iftable_parse_extra(craft_inet6(buf, true, DEVCONF_DISABLE_IPV6, 1),
	    &x), 1);
	ck_assert(x.has_inet6 && !x.inet6_disabled);
	ck_assert_int_eq(iftable_parse_extra(craft_inet6(buf, true, 0, 1), &x), 1);
	ck_assert(x.has_inet6 && !x.inet6_disabled);
}
END_TEST

Suite *
suite_iftable(void)
{
	Suite *s = suite_create("iftable");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_recorded);
	tcase_add_test(tc, test_recorded_vlan);
	tcase_add_test(tc, test_vlan_message);
	tcase_add_test(tc, test_bad_limits);
	tcase_add_test(tc, test_vlan_parent_elsewhere);
	tcase_add_test(tc, test_duplicate_index);
	tcase_add_test(tc, test_inet6);
	suite_add_tcase(s, tc);
	return s;
}
