/* SPDX-License-Identifier: BSD-2-Clause */
/* test_cache.c - the IPv6 route exceptions --flush-all deletes: parsing and the delete request. */
#include <arpa/inet.h>
#include <errno.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>

#include "../../../bin/esa-arpshow/arpshow.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

static unsigned char dst[16], gw[16];

static void
addrs(void)
{
	ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8:2::1", dst), 1);
	ck_assert_int_eq(inet_pton(AF_INET6, "fe80::2", gw), 1);
}

/*
 * An exception as the kernel dumps it (`ip -6 route show cache`: 2001:db8:2::1 via
 * fe80::2 dev 3 metric 1024 expires 599sec mtu 1280): rtmsg with RTM_F_CLONED, then
 * RTA_TABLE, RTA_DST, RTA_PRIORITY, RTA_GATEWAY, RTA_OIF, RTA_METRICS, RTA_CACHEINFO;
 * its protocol is its route's (boot: added by `ip route add`).
 */
static struct nlmsghdr *
build(char *buf, int family, unsigned int flags)
{
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	struct nlattr *nest;
	struct rta_cacheinfo ci = { .rta_expires = 59900 };

	memset(buf, 0, 512);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWROUTE;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = (uint8_t)family;
	rtm->rtm_dst_len = 128;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_type = RTN_UNICAST;
	rtm->rtm_flags = flags;
	mnl_attr_put_u32(nlh, RTA_TABLE, RT_TABLE_MAIN);
	mnl_attr_put(nlh, RTA_DST, 16, dst);
	mnl_attr_put_u32(nlh, RTA_PRIORITY, 1024);
	mnl_attr_put(nlh, RTA_GATEWAY, 16, gw);
	mnl_attr_put_u32(nlh, RTA_OIF, 3);
	nest = mnl_attr_nest_start(nlh, RTA_METRICS);
	mnl_attr_put_u32(nlh, RTAX_MTU, 1280);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put(nlh, RTA_CACHEINFO, sizeof(ci), &ci);
	return nlh;
}

/* cache_parse() of an exact-size copy of NLH cut to LEN, so that ASan sees any read past it. */
static int
parse_exact(const struct nlmsghdr *nlh, uint32_t len, struct cached *c)
{
	struct nlmsghdr *copy = exact_copy(nlh, len);
	int rc;

	copy->nlmsg_len = len;
	rc = cache_parse(copy, c);
	free(copy);
	return rc;
}

START_TEST(test_exception)
{
	char buf[512];
	struct nlmsghdr *nlh;
	struct cached c;

	addrs();
	nlh = build(buf, AF_INET6, RTM_F_CLONED);
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), 1);
	ck_assert_mem_eq(c.dst, dst, 16);
	ck_assert_uint_eq(c.dst_len, 128);
	ck_assert_uint_eq(c.src_len, 0);
	ck_assert(c.has_gateway);
	ck_assert_mem_eq(c.gateway, gw, 16);
	ck_assert_uint_eq(c.oif, 3);
	ck_assert_uint_eq(c.table, RT_TABLE_MAIN);
	ck_assert(c.has_priority);
	ck_assert_uint_eq(c.priority, 1024);
	ck_assert_uint_eq(c.protocol, RTPROT_BOOT);
}
END_TEST

/* Routes, other families and other messages are no exceptions: skipped. */
START_TEST(test_skipped)
{
	char buf[512];
	struct nlmsghdr *nlh;
	struct cached c;

	addrs();
	nlh = build(buf, AF_INET6, 0);
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), 0);
	/* an IPv4 exception (5.3+ dumps them too) is /proc's business */
	nlh = build(buf, AF_INET, RTM_F_CLONED);
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), 0);
	nlh = build(buf, AF_INET6, RTM_F_CLONED);
	nlh->nlmsg_type = RTM_NEWLINK;
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), 0);
	/* a "cloned" prefix is no exception (those are host routes): its delete, on a
	 * kernel that ignores RTM_F_CLONED, could take a route of the node */
	for (unsigned int len = 0; len < 128; len += 16) {
		nlh = build(buf, AF_INET6, RTM_F_CLONED);
		((struct rtmsg *)mnl_nlmsg_get_payload(nlh))->rtm_dst_len = (uint8_t)len;
		ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), 0);
	}
	nlh = build(buf, AF_INET6, RTM_F_CLONED);
	((struct rtmsg *)mnl_nlmsg_get_payload(nlh))->rtm_dst_len = 127;
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), 0);
}
END_TEST

/* Malformed exceptions are refused with EPROTO, never read past. */
START_TEST(test_malformed)
{
	char buf[512];
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	struct cached c;

	addrs();
	/* no destination */
	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWROUTE;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET6;
	rtm->rtm_flags = RTM_F_CLONED;
	rtm->rtm_dst_len = 128;
	mnl_attr_put_u32(nlh, RTA_OIF, 3);
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* a destination of the wrong size */
	mnl_attr_put(nlh, RTA_DST, 4, dst);
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), -1);
	/* a prefix longer than an address */
	nlh = build(buf, AF_INET6, RTM_F_CLONED);
	((struct rtmsg *)mnl_nlmsg_get_payload(nlh))->rtm_dst_len = 129;
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), -1);
	/* a gateway of the wrong size; an interface index of two bytes */
	nlh = build(buf, AF_INET6, RTM_F_CLONED);
	mnl_attr_put(nlh, RTA_GATEWAY, 4, gw);
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), -1);
	nlh = build(buf, AF_INET6, RTM_F_CLONED);
	mnl_attr_put_u16(nlh, RTA_OIF, 3);
	ck_assert_int_eq(parse_exact(nlh, nlh->nlmsg_len, &c), -1);
	ck_assert_int_eq(errno, EPROTO);
}
END_TEST

/* Every cut of the exception: refused, or whole (the cut fell between attributes). */
START_TEST(test_truncated)
{
	char buf[512];
	struct nlmsghdr *nlh;
	struct cached c;

	addrs();
	nlh = build(buf, AF_INET6, RTM_F_CLONED);
	for (uint32_t cut = sizeof(struct nlmsghdr); cut <= nlh->nlmsg_len; cut++) {
		int rc = parse_exact(nlh, cut, &c);

		ck_assert(rc == -1 || rc == 1);
		if (cut < NLMSG_LENGTH(sizeof(struct rtmsg)) + 8 + 20)
			ck_assert_int_eq(rc, -1);	/* before RTA_DST is whole */
		if (rc == 1)
			ck_assert_mem_eq(c.dst, dst, 16);
	}
}
END_TEST

/* route6.bin (tests/data/nl/record.sh) holds routes and no exception: all skipped. */
static int
count_cb(const struct nlmsghdr *nlh, void *data)
{
	struct cached c;
	int rc = cache_parse(nlh, &c);

	if (rc < 0)
		return MNL_CB_ERROR;
	*(int *)data += rc;
	return MNL_CB_OK;
}

START_TEST(test_recorded_routes)
{
	size_t len;
	void *buf = load_fixture("tests/data/nl/route6.bin", &len);
	int n = 0;

	ck_assert_int_eq(nl_replay(buf, len, count_cb, &n), 0);
	ck_assert_int_eq(n, 0);
	free(buf);
}
END_TEST

/*
 * The delete names what the kernel matches an exception by, with RTM_F_CLONED, and
 * the metric and protocol a kernel that ignores the flag matches a route by.
 */
START_TEST(test_delete_request)
{
	static const enum mnl_attr_data_type types[RTA_MAX + 1] = {
		[RTA_OIF] = MNL_TYPE_U32, [RTA_TABLE] = MNL_TYPE_U32,
		[RTA_PRIORITY] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[RTA_MAX + 1];
	char buf[512];
	struct nlmsghdr *nlh, *req;
	const struct rtmsg *rtm;
	struct cached c;

	addrs();
	nlh = build(buf, AF_INET6, RTM_F_CLONED);
	ck_assert_int_eq(cache_parse(nlh, &c), 1);
	c.table = 1000;		/* a table past rtm_table's 8 bits */
	req = mnl_nlmsg_put_header(calloc(1, 512));
	req->nlmsg_type = RTM_DELROUTE;
	cache_delete_request(req, &c);
	ck_assert_int_eq(nl_attrs(req, sizeof(*rtm), tb, RTA_MAX, types), 0);
	rtm = mnl_nlmsg_get_payload(req);
	ck_assert_uint_eq(rtm->rtm_family, AF_INET6);
	ck_assert_uint_eq(rtm->rtm_dst_len, 128);
	ck_assert_uint_eq(rtm->rtm_flags, RTM_F_CLONED);
	ck_assert_uint_eq(rtm->rtm_table, RT_TABLE_UNSPEC);
	ck_assert_uint_eq(rtm->rtm_protocol, RTPROT_BOOT);
	ck_assert_ptr_nonnull(tb[RTA_PRIORITY]);
	ck_assert_uint_eq(mnl_attr_get_u32(tb[RTA_PRIORITY]), 1024);
	/* addresses are a struct in6_addr each, 16 bytes, as the kernel reads them */
	ck_assert_ptr_nonnull(tb[RTA_DST]);
	ck_assert_uint_eq(mnl_attr_get_payload_len(tb[RTA_DST]), 16);
	ck_assert_mem_eq(mnl_attr_get_payload(tb[RTA_DST]), dst, 16);
	ck_assert_ptr_nonnull(tb[RTA_GATEWAY]);
	ck_assert_uint_eq(mnl_attr_get_payload_len(tb[RTA_GATEWAY]), 16);
	ck_assert_mem_eq(mnl_attr_get_payload(tb[RTA_GATEWAY]), gw, 16);
	ck_assert_uint_eq(mnl_attr_get_u32(tb[RTA_OIF]), 3);
	ck_assert_uint_eq(mnl_attr_get_u32(tb[RTA_TABLE]), 1000);
	ck_assert_ptr_null(tb[RTA_SRC]);
	/* no metric dumped, none sent */
	c.has_priority = false;
	memset(req, 0, 512);
	req = mnl_nlmsg_put_header(req);
	cache_delete_request(req, &c);
	ck_assert_int_eq(nl_attrs(req, sizeof(*rtm), tb, RTA_MAX, types), 0);
	ck_assert_ptr_null(tb[RTA_PRIORITY]);
	free(req);
}
END_TEST

Suite *
suite_cache(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("cache");

	tcase_add_test(tc, test_exception);
	tcase_add_test(tc, test_skipped);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_recorded_routes);
	tcase_add_test(tc, test_delete_request);
	suite_add_tcase(s, tc);
	return s;
}
