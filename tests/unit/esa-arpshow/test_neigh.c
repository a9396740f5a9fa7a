/* SPDX-License-Identifier: BSD-2-Clause */
/* test_neigh.c - neighbour parsing from recorded dumps, filters, lifetime, description. */
#include <errno.h>
#include <net/if_arp.h>
#include <sys/socket.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "../../../bin/esa-arpshow/arpshow.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

/* Collects every parsed entry of a replayed dump. */
struct collect {
	struct neigh v[16];
	int n;
	int skipped;
};

static int
collect_cb(const struct nlmsghdr *nlh, void *data)
{
	struct collect *c = data;
	struct neigh n;
	int r = neigh_parse(nlh, &n);

	if (r < 0)
		return MNL_CB_ERROR;
	if (r == 0) {
		c->skipped++;
		return MNL_CB_OK;
	}
	ck_assert_int_lt(c->n, 16);
	c->v[c->n++] = n;
	return MNL_CB_OK;
}

static void
replay_fixture(const char *name, struct collect *c)
{
	size_t len;
	void *buf = load_fixture(name, &len);

	memset(c, 0, sizeof(*c));
	ck_assert_int_eq(nl_replay(buf, len, collect_cb, c), 0);
	free(buf);
}

/*
 * tests/data/nl/neigh4.bin (tests/data/nl/record.sh) holds, on v0 (index 3):
 * 192.0.2.11 permanent, .12 stale, .14 reachable, .13 incomplete.
 */
START_TEST(test_parse_recorded_v4)
{
	static const unsigned char mac11[] = { 2, 0, 0, 0, 0, 0x0b };
	static const unsigned char a11[] = { 192, 0, 2, 11 }, a13[] = { 192, 0, 2, 13 };
	struct collect c;

	replay_fixture("tests/data/nl/neigh4.bin", &c);
	ck_assert_int_eq(c.n, 4);
	ck_assert_int_eq(c.v[0].family, AF_INET);
	ck_assert_mem_eq(c.v[0].addr, a11, 4);
	ck_assert_uint_eq(c.v[0].ifindex, 3);
	ck_assert_uint_eq(c.v[0].state, NUD_PERMANENT);
	ck_assert_uint_eq(c.v[0].lladdr_len, 6);
	ck_assert_mem_eq(c.v[0].lladdr, mac11, 6);
	ck_assert_uint_eq(c.v[1].state, NUD_STALE);
	ck_assert_uint_eq(c.v[2].state, NUD_REACHABLE);
	ck_assert(c.v[2].has_cacheinfo);
	ck_assert_uint_eq(c.v[2].confirmed_ticks, 1);
	ck_assert_uint_eq(c.v[3].state, NUD_INCOMPLETE);
	ck_assert_mem_eq(c.v[3].addr, a13, 4);
	ck_assert_uint_eq(c.v[3].lladdr_len, 0);
	for (int i = 0; i < 4; i++)
		ck_assert(neigh_listed(&c.v[i]));
	ck_assert(!neigh_dynamic(&c.v[0]));
	ck_assert(neigh_dynamic(&c.v[1]) && neigh_dynamic(&c.v[2]) && neigh_dynamic(&c.v[3]));
}
END_TEST

/* neigh6.bin: 2001:db8::11 permanent router, fe80::5 stale, four NOARP ff02:: entries. */
START_TEST(test_parse_recorded_v6)
{
	struct collect c;
	int listed = 0;

	replay_fixture("tests/data/nl/neigh6.bin", &c);
	ck_assert_int_eq(c.n, 6);
	for (int i = 0; i < c.n; i++) {
		ck_assert_int_eq(c.v[i].family, AF_INET6);
		if (!neigh_listed(&c.v[i])) {
			ck_assert_uint_eq(c.v[i].addr[0], 0xff);
			ck_assert_uint_eq(c.v[i].state, NUD_NOARP);
			continue;
		}
		listed++;
	}
	ck_assert_int_eq(listed, 2);
	ck_assert_uint_eq(c.v[0].state, NUD_PERMANENT);
	ck_assert(c.v[0].flags & NTF_ROUTER);
}
END_TEST

START_TEST(test_parse_truncated)
{
	size_t len;
	unsigned char *buf = load_fixture("tests/data/nl/neigh4.bin", &len);
	uint32_t full = ((struct nlmsghdr *)buf)->nlmsg_len;

	for (uint32_t cut = sizeof(struct nlmsghdr); cut <= full; cut++) {
		struct nlmsghdr *copy = exact_copy(buf, cut);
		struct neigh n;
		int r;

		copy->nlmsg_len = cut;
		r = neigh_parse(copy, &n);
		/* too short for its header or its address: refused; whole: parsed */
		ck_assert(r == -1 || r == 1);
		if (r == -1)
			ck_assert_int_eq(errno, EPROTO);
		if (cut == full)
			ck_assert_int_eq(r, 1);
		free(copy);
	}
	free(buf);
}
END_TEST

/* An RTM_NEWNEIGH with chosen attributes. */
static struct nlmsghdr *
build(char *buf, int family, const void *dst, size_t dlen, const void *ll, size_t llen)
{
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;

	memset(buf, 0, 512);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWNEIGH;
	ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	ndm->ndm_family = (uint8_t)family;
	ndm->ndm_ifindex = 3;
	ndm->ndm_state = NUD_STALE;
	if (dst != NULL)
		mnl_attr_put(nlh, NDA_DST, dlen, dst);
	if (ll != NULL)
		mnl_attr_put(nlh, NDA_LLADDR, llen, ll);
	return nlh;
}

START_TEST(test_parse_crafted)
{
	static const unsigned char v4[4] = { 192, 0, 2, 1 }, v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };
	unsigned char ll[40];
	char buf[512];
	struct neigh n;

	memset(ll, 0xab, sizeof(ll));
	ck_assert_int_eq(neigh_parse(build(buf, AF_INET, v4, 4, ll, 6), &n), 1);
	/* address of the wrong size for the family, or none */
	ck_assert_int_eq(neigh_parse(build(buf, AF_INET, v4, 3, NULL, 0), &n), -1);
	ck_assert_int_eq(neigh_parse(build(buf, AF_INET6, v4, 4, NULL, 0), &n), -1);
	ck_assert_int_eq(neigh_parse(build(buf, AF_INET, NULL, 0, NULL, 0), &n), -1);
	/* link-layer addresses of every size up to 32 (InfiniBand: 20), none longer */
	ck_assert_int_eq(neigh_parse(build(buf, AF_INET6, v6, 16, ll, 20), &n), 1);
	ck_assert_uint_eq(n.lladdr_len, 20);
	ck_assert_int_eq(neigh_parse(build(buf, AF_INET6, v6, 16, ll, 0), &n), 1);
	ck_assert_uint_eq(n.lladdr_len, 0);
	ck_assert_int_eq(neigh_parse(build(buf, AF_INET6, v6, 16, ll, 32), &n), 1);
	ck_assert_int_eq(neigh_parse(build(buf, AF_INET6, v6, 16, ll, 33), &n), -1);
	/* a bridge FDB entry and another message type are skipped, not errors */
	ck_assert_int_eq(neigh_parse(build(buf, AF_BRIDGE, ll, 6, ll, 6), &n), 0);
	((struct nlmsghdr *)buf)->nlmsg_type = RTM_NEWLINK;
	ck_assert_int_eq(neigh_parse((struct nlmsghdr *)buf, &n), 0);
}
END_TEST

START_TEST(test_listed)
{
	struct neigh n = { .family = AF_INET, .addr = { 192, 0, 2, 1 }, .state = NUD_STALE };

	ck_assert(neigh_listed(&n));
	n.state = NUD_NONE;		/* being created: ip neigh show hides it */
	ck_assert(!neigh_listed(&n));
	n.state = NUD_NOARP;
	ck_assert(!neigh_listed(&n));
	n.state = NUD_REACHABLE;
	n.flags = NTF_PROXY;
	ck_assert(!neigh_listed(&n));
	n.flags = 0;
	n.addr[0] = 224;		/* IPv4 multicast */
	ck_assert(!neigh_listed(&n));
	n.state = NUD_FAILED;
	n.addr[0] = 192;
	ck_assert(neigh_dynamic(&n));
	n.state = NUD_PERMANENT;
	ck_assert(neigh_listed(&n) && !neigh_dynamic(&n));
}
END_TEST

START_TEST(test_matches)
{
	struct neigh n = { .family = AF_INET6, .addr = { 0xfe, 0x80, [15] = 5 }, .ifindex = 3 };
	struct opts o = { 0 };

	ck_assert(neigh_matches(&n, &o));
	o.ifindex = 2;
	ck_assert(!neigh_matches(&n, &o));
	o.ifindex = 0;
	o.host = "fe80::5%v0";
	o.hostaddr.family = AF_INET6;
	memcpy(o.hostaddr.u.bytes, n.addr, 16);
	ck_assert(neigh_matches(&n, &o));
	o.host_scope = 2;		/* the same address on another interface */
	ck_assert(!neigh_matches(&n, &o));
	o.host_scope = 3;
	ck_assert(neigh_matches(&n, &o));
	o.hostaddr.u.bytes[15] = 6;
	ck_assert(!neigh_matches(&n, &o));
	o.hostaddr.family = AF_INET;	/* same leading bytes, other family */
	memcpy(o.hostaddr.u.bytes, n.addr, 16);
	ck_assert(!neigh_matches(&n, &o));
}
END_TEST

START_TEST(test_lifetime)
{
	struct neigh n = { .state = NUD_REACHABLE, .has_cacheinfo = true, .confirmed_ticks = 1 };

	/* 1 tick at 100 Hz is 10 ms: 3,500,452 ms of reachable time leave 3500 s */
	neigh_lifetime(&n, 3500452, 100);
	ck_assert_int_eq(n.life, LIFE_EXPIRES);
	ck_assert_uint_eq(n.expires_s, 3500);
	/* confirmed 29.1 s ago, reachable 30 s: 0.9 s left is no whole second */
	n.confirmed_ticks = 2910;
	neigh_lifetime(&n, 30000, 100);
	ck_assert_int_eq(n.life, LIFE_EXPIRED);
	ck_assert_uint_eq(n.expires_s, 0);
	n.confirmed_ticks = 2900;	/* exactly 1 s left */
	neigh_lifetime(&n, 30000, 100);
	ck_assert_int_eq(n.life, LIFE_EXPIRES);
	ck_assert_uint_eq(n.expires_s, 1);
	/* at 1000 Hz: 999 ms left is "expired", never "expires in 0 seconds" */
	n.confirmed_ticks = 29001;
	neigh_lifetime(&n, 30000, 1000);
	ck_assert_int_eq(n.life, LIFE_EXPIRED);
	n.confirmed_ticks = 29000;
	neigh_lifetime(&n, 30000, 1000);
	ck_assert_int_eq(n.life, LIFE_EXPIRES);
	ck_assert_uint_eq(n.expires_s, 1);
	n.confirmed_ticks = UINT32_MAX;	/* no overflow in ticks * 1000 */
	neigh_lifetime(&n, UINT32_MAX, 100);
	ck_assert_int_eq(n.life, LIFE_EXPIRED);
	/* at 1 Hz a tick is a second: confirmed 5 s ago, reachable 30 s, 25 s left */
	n.confirmed_ticks = 5;
	neigh_lifetime(&n, 30000, 1);
	ck_assert_int_eq(n.life, LIFE_EXPIRES);
	ck_assert_uint_eq(n.expires_s, 25);
	neigh_lifetime(&n, 30000, 0);	/* unknown clock rate */
	ck_assert_int_eq(n.life, LIFE_EXPIRED);
	n.has_cacheinfo = false;
	n.confirmed_ticks = 0;
	neigh_lifetime(&n, 30000, 100);
	ck_assert_int_eq(n.life, LIFE_EXPIRED);
	n.state = NUD_STALE;
	n.has_cacheinfo = true;
	neigh_lifetime(&n, 30000, 100);
	ck_assert_int_eq(n.life, LIFE_EXPIRED);
	n.state = NUD_PERMANENT;
	neigh_lifetime(&n, 30000, 100);
	ck_assert_int_eq(n.life, LIFE_PERMANENT);
}
END_TEST

START_TEST(test_describe)
{
	struct link links[] = {
		{ .index = 2, .type = ARPHRD_ETHER, .name = "eth0", .kind = "vlan" },
		{ .index = 3, .type = ARPHRD_ETHER, .name = "v0", .alias = (char *)"Data 1" },
		{ .index = 4, .type = ARPHRD_INFINIBAND, .name = "ib0" },
		{ .index = 5, .type = ARPHRD_IPGRE, .name = "gre1" },
	};
	struct link_table t = { .links = links, .n = 4 };
	struct neigh n = { .family = AF_INET6, .addr = { 0xfe, 0x80, [15] = 5 }, .ifindex = 3 };

	neigh_describe(&n, &t);
	ck_assert_str_eq(n.ifname, "Data 1");
	ck_assert_str_eq(n.kname, "v0");
	ck_assert_str_eq(n.alias, "Data 1");
	ck_assert_str_eq(n.scope, "v0");	/* the kernel name, not the alias */
	ck_assert_str_eq(n.link_type, "ethernet");
	n.addr[0] = 0x20;			/* a global address has no scope */
	neigh_describe(&n, &t);
	ck_assert_ptr_null(n.scope);
	n.ifindex = 2;
	neigh_describe(&n, &t);
	ck_assert_str_eq(n.link_type, "vlan");
	n.ifindex = 4;
	neigh_describe(&n, &t);
	ck_assert_str_eq(n.link_type, "infiniband");
	ck_assert_str_eq(n.kname, "ib0");
	ck_assert_ptr_null(n.alias);
	n.ifindex = 5;
	neigh_describe(&n, &t);
	ck_assert_ptr_null(n.link_type);
	n.ifindex = 9;				/* gone since the table was read */
	n.addr[0] = 0xfe;
	neigh_describe(&n, &t);
	ck_assert_str_eq(n.ifname, "?");
	ck_assert_ptr_null(n.kname);
	ck_assert_ptr_null(n.alias);
	ck_assert_ptr_null(n.scope);
}
END_TEST

/*
 * The dump request: an ndmsg of the family, and NDA_IFINDEX (a u32) only when an
 * interface is asked for; index 0 means every interface and sends no attribute.
 */
START_TEST(test_request)
{
	struct nl *nl = nl_open(NETLINK_ROUTE);
	const struct nlattr *tb[NDA_MAX + 1];
	struct nlmsghdr *req;

	ck_assert_ptr_nonnull(nl);
	req = neigh_request(nl, AF_INET6, 0);
	ck_assert_uint_eq(req->nlmsg_type, RTM_GETNEIGH);
	ck_assert_uint_eq(((struct ndmsg *)NLMSG_DATA(req))->ndm_family, AF_INET6);
	ck_assert_uint_eq(req->nlmsg_len, NLMSG_LENGTH(sizeof(struct ndmsg)));
	req = neigh_request(nl, AF_INET, 7);
	ck_assert_uint_eq(((struct ndmsg *)NLMSG_DATA(req))->ndm_family, AF_INET);
	ck_assert_int_eq(nl_attrs(req, sizeof(struct ndmsg), tb, NDA_MAX, NULL), 0);
	ck_assert_ptr_nonnull(tb[NDA_IFINDEX]);
	ck_assert_uint_eq(mnl_attr_get_u32(tb[NDA_IFINDEX]), 7);
	nl_close(nl);
}
END_TEST

Suite *
suite_neigh(void)
{
	Suite *s = suite_create("neigh");
	TCase *tc = tcase_create("neigh");

	tcase_add_test(tc, test_parse_recorded_v4);
	tcase_add_test(tc, test_parse_recorded_v6);
	tcase_add_test(tc, test_parse_truncated);
	tcase_add_test(tc, test_parse_crafted);
	tcase_add_test(tc, test_listed);
	tcase_add_test(tc, test_matches);
	tcase_add_test(tc, test_lifetime);
	tcase_add_test(tc, test_describe);
	tcase_add_test(tc, test_request);
	suite_add_tcase(s, tc);
	return s;
}
