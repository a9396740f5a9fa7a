/* SPDX-License-Identifier: BSD-2-Clause */
/* test_routes.c - route parsing from recorded and crafted replies, flags, and printers. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>

#include "../../../bin/esa-netstat/routes.h"
#include "addr.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

/* One listed row of a replayed dump: the route and one of its next hops. */
struct rrow {
	struct route r;
	struct hop h;
};

struct collect {
	struct rrow v[32];
	int n;		/* rows */
	int routes;	/* listed routes */
	int unlisted;
};

static int
collect_cb(const struct nlmsghdr *nlh, void *data)
{
	struct collect *c = data;
	struct route r;
	struct hop h;
	size_t pos = 0;
	int rc = route_parse(nlh, &r);

	if (rc < 0)
		return MNL_CB_ERROR;
	ck_assert_int_eq(rc, 1);
	if (!route_listed(&r)) {
		c->unlisted++;
		return MNL_CB_OK;
	}
	c->routes++;
	while (route_hop(&r, &pos, &h)) {
		ck_assert_int_lt(c->n, 32);
		c->v[c->n].r = r;
		c->v[c->n++].h = h;
	}
	return MNL_CB_OK;
}

/* The buffer stays allocated: multipath routes point into it. */
static void *
replay(const char *name, struct collect *c)
{
	size_t len;
	void *buf = load_fixture(name, &len);

	memset(c, 0, sizeof(*c));
	ck_assert_int_eq(nl_replay(buf, len, collect_cb, c), 0);
	return buf;
}

/* The Nth row (from 0) whose destination is DST/LEN, or fails. */
static const struct rrow *
find(const struct collect *c, int family, const char *dst, unsigned len, int nth)
{
	unsigned char a[16] = { 0 };

	ck_assert_int_eq(inet_pton(family, dst, a), 1);
	for (int i = 0; i < c->n; i++)
		if (c->v[i].r.family == family && c->v[i].r.dst_len == len &&
		    memcmp(c->v[i].r.dst, a, 16) == 0 && nth-- == 0)
			return &c->v[i];
	ck_abort_msg("no route %s/%u", dst, len);
	return NULL;
}

static void
assert_gw(const struct hop *h, int family, const char *gw, unsigned int ifindex)
{
	unsigned char a[16] = { 0 };

	ck_assert_uint_eq(h->ifindex, ifindex);
	if (gw == NULL) {
		ck_assert_int_eq(h->gw_family, 0);
		return;
	}
	ck_assert_int_eq(inet_pton(family, gw, a), 1);
	ck_assert_int_eq(h->gw_family, family);
	ck_assert_mem_eq(h->gw, a, family == AF_INET ? 4 : 16);
}

static const char *
flags_of(const struct rrow *w)
{
	static char buf[16];

	return route_flags(&w->r, &w->h, buf, sizeof(buf));
}

/*
 * route4.bin (tests/data/nl/record.sh): v1 index 2, v0 index 3. Main table: default
 * via 192.0.2.254 (proto boot), the two connected /24s, 203.0.113.7 via .254 proto
 * static, blackhole /25, unreachable /26, prohibit /27, and 203.0.113.0/28 over
 * 192.0.2.254 on v0 and 198.51.100.254 on v1. The local table is in the file too.
 */
START_TEST(test_recorded_v4)
{
	struct collect c;
	void *buf = replay("tests/data/nl/route4.bin", &c);
	const struct rrow *w;

	ck_assert_int_eq(c.routes, 8);
	ck_assert_int_eq(c.n, 9);
	ck_assert_int_gt(c.unlisted, 0);	/* local and broadcast routes */
	w = find(&c, AF_INET, "0.0.0.0", 0, 0);
	assert_gw(&w->h, AF_INET, "192.0.2.254", 3);
	ck_assert_uint_eq(w->r.protocol, RTPROT_BOOT);
	ck_assert_str_eq(flags_of(w), "UGS");
	w = find(&c, AF_INET, "192.0.2.0", 24, 0);
	assert_gw(&w->h, AF_INET, NULL, 3);
	ck_assert_uint_eq(w->r.scope, RT_SCOPE_LINK);
	ck_assert_str_eq(flags_of(w), "U");
	w = find(&c, AF_INET, "198.51.100.0", 24, 0);
	assert_gw(&w->h, AF_INET, NULL, 2);
	w = find(&c, AF_INET, "203.0.113.7", 32, 0);
	assert_gw(&w->h, AF_INET, "192.0.2.254", 3);
	ck_assert_str_eq(flags_of(w), "UGHS");
	w = find(&c, AF_INET, "203.0.113.128", 25, 0);
	ck_assert_uint_eq(w->r.type, RTN_BLACKHOLE);
	ck_assert_str_eq(flags_of(w), "UBS");
	w = find(&c, AF_INET, "203.0.113.64", 26, 0);
	ck_assert_uint_eq(w->r.type, RTN_UNREACHABLE);
	ck_assert_str_eq(flags_of(w), "URS");
	w = find(&c, AF_INET, "203.0.113.32", 27, 0);
	ck_assert_uint_eq(w->r.type, RTN_PROHIBIT);
	ck_assert_str_eq(flags_of(w), "URS");
	w = find(&c, AF_INET, "203.0.113.0", 28, 0);
	assert_gw(&w->h, AF_INET, "192.0.2.254", 3);
	ck_assert_str_eq(flags_of(w), "UGS");
	w = find(&c, AF_INET, "203.0.113.0", 28, 1);
	assert_gw(&w->h, AF_INET, "198.51.100.254", 2);
	free(buf);
}
END_TEST

/*
 * route6.bin: 2001:db8::/64 on v0 (kernel), 2001:db8:1::/48 via fe80::1 on v0,
 * 2001:db8:2::/48 via 2001:db8::254 expiring in 600 s, 2001:db8:3::/48 over
 * 2001:db8::254 on v0 and fe80::2 on v1, blackhole 2001:db8:dead::/48 (on lo),
 * and fe80::/64 on each veth.
 */
START_TEST(test_recorded_v6)
{
	struct collect c;
	void *buf = replay("tests/data/nl/route6.bin", &c);
	const struct rrow *w;

	ck_assert_int_eq(c.routes, 7);
	ck_assert_int_eq(c.n, 8);
	w = find(&c, AF_INET6, "2001:db8::", 64, 0);
	assert_gw(&w->h, AF_INET6, NULL, 3);
	ck_assert_str_eq(flags_of(w), "U");
	ck_assert(w->r.has_metric);
	ck_assert_uint_eq(w->r.metric, 256);
	w = find(&c, AF_INET6, "2001:db8:1::", 48, 0);
	assert_gw(&w->h, AF_INET6, "fe80::1", 3);
	ck_assert_str_eq(flags_of(w), "UGS");
	w = find(&c, AF_INET6, "2001:db8:2::", 48, 0);
	assert_gw(&w->h, AF_INET6, "2001:db8::254", 3);
	/* 600 s in clock ticks (USER_HZ 100), minus the moments before the dump */
	ck_assert_int_gt(w->r.expires_ticks, 590 * 100);
	ck_assert_int_le(w->r.expires_ticks, 600 * 100);
	w = find(&c, AF_INET6, "2001:db8:3::", 48, 0);
	assert_gw(&w->h, AF_INET6, "2001:db8::254", 3);
	w = find(&c, AF_INET6, "2001:db8:3::", 48, 1);
	assert_gw(&w->h, AF_INET6, "fe80::2", 2);
	w = find(&c, AF_INET6, "2001:db8:dead::", 48, 0);
	ck_assert_uint_eq(w->r.type, RTN_BLACKHOLE);
	ck_assert_str_eq(flags_of(w), "UBS");
	(void)find(&c, AF_INET6, "fe80::", 64, 0);
	(void)find(&c, AF_INET6, "fe80::", 64, 1);
	free(buf);
}
END_TEST

/* Every cut of every message of both recordings: refused or parsed, never overread. */
START_TEST(test_truncated)
{
	static const char *const files[] = {
		"tests/data/nl/route4.bin", "tests/data/nl/route6.bin",
	};

	for (size_t f = 0; f < ESA_NELEM(files); f++) {
		size_t len, off = 0;
		unsigned char *buf = load_fixture(files[f], &len);

		while (off + sizeof(struct nlmsghdr) <= len) {
			uint32_t full = ((struct nlmsghdr *)(buf + off))->nlmsg_len;

			for (uint32_t cut = sizeof(struct nlmsghdr); cut <= full; cut++) {
				struct nlmsghdr *copy = exact_copy(buf + off, cut);
				struct route r;
				struct hop h;
				size_t pos = 0;
				int rc;

				copy->nlmsg_len = cut;
				rc = route_parse(copy, &r);
				ck_assert(rc == -1 || rc == 1);
				if (rc == -1)
					ck_assert_int_eq(errno, EPROTO);
				else
					while (route_hop(&r, &pos, &h))
						;
				if (cut == full)
					ck_assert_int_eq(rc, 1);
				free(copy);
			}
			off += MNL_ALIGN(full);
		}
		free(buf);
	}
}
END_TEST

/* An RTM_NEWROUTE of the main table, to add attributes to. */
static struct nlmsghdr *
build(char *buf, int family, unsigned dst_len)
{
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;

	memset(buf, 0, 1024);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWROUTE;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = (uint8_t)family;
	rtm->rtm_dst_len = (uint8_t)dst_len;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_type = RTN_UNICAST;
	rtm->rtm_protocol = RTPROT_BOOT;
	return nlh;
}

/* Parses an exact-size copy of NLH, so that ASan sees any read past it. */
static int
parse_exact(const struct nlmsghdr *nlh, struct route *r)
{
	struct nlmsghdr *copy = exact_copy(nlh, nlh->nlmsg_len);
	struct hop h;
	size_t pos = 0;
	int rc = route_parse(copy, r);

	if (rc == 1)
		while (route_hop(r, &pos, &h))
			;
	free(copy);
	return rc;
}

/* Adds RTA_MULTIPATH holding one next hop whose rtnh_len claims HOPLEN bytes. */
static void
put_multipath(struct nlmsghdr *nlh, uint16_t hoplen, size_t real)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, RTA_MULTIPATH);
	struct rtnexthop *nh = mnl_nlmsg_get_payload_tail(nlh);
	static const unsigned char gw[4] = { 192, 0, 2, 254 };

	memset(nh, 0, sizeof(*nh));
	nh->rtnh_len = hoplen;
	nh->rtnh_ifindex = 3;
	nlh->nlmsg_len += sizeof(*nh);
	if (real > sizeof(*nh))
		mnl_attr_put(nlh, RTA_GATEWAY, sizeof(gw), gw);
	mnl_attr_nest_end(nlh, nest);
}

START_TEST(test_crafted)
{
	static const unsigned char a3[3] = { 203, 0, 113 }, a4[4] = { 203, 0, 113, 0 };
	static const unsigned char a16[16] = { 0x20, 0x01, 0x0d, 0xb8 };
	static const uint16_t oif16 = 3;
	char buf[1024];
	struct nlmsghdr *nlh;
	struct route r;
	unsigned char via[18];
	uint16_t vf = AF_INET6;

	/* RTA_DST shorter than the family's address */
	nlh = build(buf, AF_INET, 24);
	mnl_attr_put(nlh, RTA_DST, sizeof(a3), a3);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	nlh = build(buf, AF_INET6, 32);
	mnl_attr_put(nlh, RTA_DST, sizeof(a4), a4);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	/* prefix length past the family */
	nlh = build(buf, AF_INET, 33);
	mnl_attr_put(nlh, RTA_DST, sizeof(a4), a4);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	nlh = build(buf, AF_INET6, 129);
	mnl_attr_put(nlh, RTA_DST, sizeof(a16), a16);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	nlh = build(buf, AF_INET6, 128);
	mnl_attr_put(nlh, RTA_DST, sizeof(a16), a16);
	ck_assert_int_eq(parse_exact(nlh, &r), 1);
	/* a gateway of the wrong size; an interface index of two bytes */
	nlh = build(buf, AF_INET, 0);
	mnl_attr_put(nlh, RTA_GATEWAY, sizeof(a16), a16);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	nlh = build(buf, AF_INET, 0);
	mnl_attr_put(nlh, RTA_OIF, sizeof(oif16), &oif16);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	/* RTA_CACHEINFO shorter than struct rta_cacheinfo */
	nlh = build(buf, AF_INET, 0);
	mnl_attr_put(nlh, RTA_CACHEINFO, 8, a16);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	/* RTA_VIA: an IPv6 next hop for an IPv4 route; then one too short */
	memcpy(via, &vf, sizeof(vf));
	memcpy(via + 2, a16, 16);
	nlh = build(buf, AF_INET, 0);
	mnl_attr_put(nlh, RTA_VIA, sizeof(via), via);
	ck_assert_int_eq(parse_exact(nlh, &r), 1);
	ck_assert_int_eq(r.hop.gw_family, AF_INET6);
	nlh = build(buf, AF_INET, 0);
	mnl_attr_put(nlh, RTA_VIA, 10, via);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	nlh = build(buf, AF_INET, 0);
	mnl_attr_put(nlh, RTA_VIA, 1, via);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	/* RTA_MULTIPATH: a next hop whose length runs past the attribute; one too short */
	nlh = build(buf, AF_INET, 0);
	put_multipath(nlh, 64, 16);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	nlh = build(buf, AF_INET, 0);
	put_multipath(nlh, 4, 8);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
	nlh = build(buf, AF_INET, 0);
	put_multipath(nlh, 16, 16);
	ck_assert_int_eq(parse_exact(nlh, &r), 1);
	/* not a route, not an IP family */
	nlh = build(buf, AF_INET, 0);
	nlh->nlmsg_type = RTM_NEWLINK;
	ck_assert_int_eq(parse_exact(nlh, &r), 0);
	nlh = build(buf, AF_BRIDGE, 0);
	ck_assert_int_eq(parse_exact(nlh, &r), 0);
	/* the same attribute twice: the last one counts, as in the kernel's parser */
	nlh = build(buf, AF_INET, 28);
	mnl_attr_put(nlh, RTA_DST, sizeof(a4), a4);
	mnl_attr_put(nlh, RTA_DST, sizeof(a3), a3);
	ck_assert_int_eq(parse_exact(nlh, &r), -1);
}
END_TEST

/* What pass_skips() should say of a whole route R, from the parsed fields. */
static bool
skips_want(const struct route *r, enum pass pass)
{
	switch (pass) {
	case PASS_DEFAULTS:
		return r->dst_len != 0;
	case PASS_REST:
		return r->dst_len == 0;
	case PASS_OWN:
		return r->type != RTN_LOCAL;
	default:
		return false;
	}
}

/*
 * pass_skips() on every cut of every recorded message: a cut without a whole rtmsg
 * is never skipped (route_parse() refuses it), a longer one is judged by its
 * header as the whole message is, and that agrees with the parsed route.
 */
START_TEST(test_pass_skips_recorded)
{
	static const char *const files[] = {
		"tests/data/nl/route4.bin", "tests/data/nl/route6.bin",
	};
	static const enum pass passes[] = { PASS_ALL, PASS_DEFAULTS, PASS_REST, PASS_OWN };
	unsigned skipped[ESA_NELEM(passes)] = { 0 }, kept[ESA_NELEM(passes)] = { 0 };

	for (size_t f = 0; f < ESA_NELEM(files); f++) {
		size_t len, off = 0;
		unsigned char *buf = load_fixture(files[f], &len);

		while (off + sizeof(struct nlmsghdr) <= len) {
			uint32_t full = ((struct nlmsghdr *)(buf + off))->nlmsg_len;
			struct route r;

			ck_assert_int_eq(route_parse((struct nlmsghdr *)(buf + off), &r), 1);
			for (size_t p = 0; p < ESA_NELEM(passes); p++) {
				bool want = skips_want(&r, passes[p]);

				for (uint32_t cut = sizeof(struct nlmsghdr); cut <= full; cut++) {
					struct nlmsghdr *copy = exact_copy(buf + off, cut);

					copy->nlmsg_len = cut;
					if (cut < NLMSG_LENGTH(sizeof(struct rtmsg)))
						ck_assert(!pass_skips(copy, passes[p]));
					else
						ck_assert_int_eq(pass_skips(copy, passes[p]), want);
					free(copy);
				}
				if (want)
					skipped[p]++;
				else
					kept[p]++;
			}
			off += MNL_ALIGN(full);
		}
		free(buf);
	}
	/* the recordings hold defaults, other routes and local ones: each pass sorts */
	ck_assert_uint_eq(skipped[0], 0);
	for (size_t p = 1; p < ESA_NELEM(passes); p++) {
		ck_assert_uint_gt(skipped[p], 0);
		ck_assert_uint_gt(kept[p], 0);
	}
}
END_TEST

/* Crafted headers: other types, short messages, and each pass's one criterion. */
START_TEST(test_pass_skips_crafted)
{
	static const uint16_t types[] = { RTM_DELROUTE, RTM_NEWADDR, NLMSG_DONE, NLMSG_ERROR };
	char buf[1024];
	struct nlmsghdr *nlh, *copy;
	struct rtmsg *rtm;

	/* a default unicast route: only PASS_REST and PASS_OWN skip it */
	nlh = build(buf, AF_INET, 0);
	copy = exact_copy(nlh, nlh->nlmsg_len);
	ck_assert(!pass_skips(copy, PASS_ALL));
	ck_assert(!pass_skips(copy, PASS_DEFAULTS));
	ck_assert(pass_skips(copy, PASS_REST));
	ck_assert(pass_skips(copy, PASS_OWN));
	free(copy);
	/* a local host route: PASS_DEFAULTS skips it, PASS_OWN keeps it */
	nlh = build(buf, AF_INET6, 128);
	rtm = mnl_nlmsg_get_payload(nlh);
	rtm->rtm_type = RTN_LOCAL;
	rtm->rtm_table = RT_TABLE_LOCAL;
	copy = exact_copy(nlh, nlh->nlmsg_len);
	ck_assert(!pass_skips(copy, PASS_ALL));
	ck_assert(pass_skips(copy, PASS_DEFAULTS));
	ck_assert(!pass_skips(copy, PASS_REST));
	ck_assert(!pass_skips(copy, PASS_OWN));
	free(copy);
	/* an unknown family is not the header check's business: route_parse() skips it */
	rtm->rtm_family = AF_PACKET;
	rtm->rtm_type = RTN_UNICAST;
	copy = exact_copy(nlh, nlh->nlmsg_len);
	ck_assert(pass_skips(copy, PASS_OWN));
	ck_assert(!pass_skips(copy, PASS_REST));
	free(copy);
	/* other message types are never skipped here, whatever their payload */
	for (size_t i = 0; i < ESA_NELEM(types); i++) {
		nlh = build(buf, AF_INET, 24);
		nlh->nlmsg_type = types[i];
		copy = exact_copy(nlh, nlh->nlmsg_len);
		for (int p = PASS_ALL; p <= PASS_OWN; p++)
			ck_assert(!pass_skips(copy, (enum pass)p));
		free(copy);
	}
	/* a header alone, and one byte short of the rtmsg */
	nlh = build(buf, AF_INET, 24);
	nlh->nlmsg_len = sizeof(*nlh);
	copy = exact_copy(nlh, nlh->nlmsg_len);
	ck_assert(!pass_skips(copy, PASS_DEFAULTS));
	ck_assert(!pass_skips(copy, PASS_OWN));
	free(copy);
	nlh = build(buf, AF_INET, 24);
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg)) - 1;
	copy = exact_copy(nlh, nlh->nlmsg_len);
	ck_assert(!pass_skips(copy, PASS_DEFAULTS));
	ck_assert(!pass_skips(copy, PASS_OWN));
	free(copy);
}
END_TEST

START_TEST(test_listed)
{
	struct route r = { .family = AF_INET, .table = RT_TABLE_MAIN };

	ck_assert(route_listed(&r));
	r.table = RT_TABLE_LOCAL;
	ck_assert(!route_listed(&r));
	r.table = RT_TABLE_MAIN;
	r.rtm_flags = RTM_F_CLONED;
	ck_assert(!route_listed(&r));
}
END_TEST

/* The own addresses of -r: local host routes only (not 127.0.0.0/8, broadcasts). */
START_TEST(test_local_listed)
{
	struct route r = { .family = AF_INET, .table = RT_TABLE_LOCAL, .type = RTN_LOCAL,
	    .dst_len = 32 };

	ck_assert(route_local_listed(&r));
	r.dst_len = 8;
	ck_assert(!route_local_listed(&r));
	r.dst_len = 32;
	r.type = RTN_BROADCAST;
	ck_assert(!route_local_listed(&r));
	r.type = RTN_LOCAL;
	r.table = RT_TABLE_MAIN;
	ck_assert(!route_local_listed(&r));
	r = (struct route){ .family = AF_INET6, .table = RT_TABLE_LOCAL, .type = RTN_ANYCAST,
	    .dst_len = 128 };
	ck_assert(!route_local_listed(&r));
	r.type = RTN_LOCAL;
	ck_assert(route_local_listed(&r));
}
END_TEST

START_TEST(test_flags)
{
	static const struct {
		uint8_t type, proto, dst_len, hopflags;
		bool gw;
		const char *want;
	} cases[] = {
		{ RTN_UNICAST, RTPROT_KERNEL, 24, 0, false, "U" },
		{ RTN_UNICAST, RTPROT_BOOT, 0, 0, true, "UGS" },
		{ RTN_UNICAST, RTPROT_STATIC, 32, 0, true, "UGHS" },
		{ RTN_UNICAST, RTPROT_KERNEL, 32, 0, false, "UH" },
		{ RTN_UNICAST, RTPROT_REDIRECT, 32, 0, true, "UGHD" },
		{ RTN_UNICAST, RTPROT_UNSPEC, 8, 0, false, "U" },
		{ RTN_UNICAST, 16 /* dhcp */, 0, 0, true, "UGS" },
		{ RTN_UNICAST, 9 /* ra */, 0, 0, true, "UGS" },
		{ RTN_UNICAST, RTPROT_BOOT, 0, RTNH_F_DEAD, true, "GS" },
		{ RTN_UNICAST, RTPROT_BOOT, 0, RTNH_F_LINKDOWN, true, "UGS" },
		{ RTN_BLACKHOLE, RTPROT_BOOT, 25, 0, false, "UBS" },
		{ RTN_UNREACHABLE, RTPROT_BOOT, 26, 0, false, "URS" },
		{ RTN_PROHIBIT, RTPROT_KERNEL, 32, 0, false, "UHR" },
	};
	char buf[16];

	for (size_t i = 0; i < ESA_NELEM(cases); i++) {
		struct route r = {
			.family = AF_INET, .type = cases[i].type, .protocol = cases[i].proto,
			.dst_len = cases[i].dst_len,
		};
		struct hop h = { .flags = cases[i].hopflags, .gw_family = cases[i].gw ? AF_INET : 0 };

		ck_assert_msg(strcmp(route_flags(&r, &h, buf, sizeof(buf)), cases[i].want) == 0,
		    "case %zu: %s, expected %s", i, buf, cases[i].want);
	}
	/* an IPv6 host route is /128, not /32 */
	{
		struct route r = { .family = AF_INET6, .dst_len = 32, .protocol = RTPROT_KERNEL };
		struct hop h = { 0 };

		ck_assert_str_eq(route_flags(&r, &h, buf, sizeof(buf)), "U");
		r.dst_len = 128;
		ck_assert_str_eq(route_flags(&r, &h, buf, sizeof(buf)), "UH");
		/* the seed: "10.0.202.7 link#2 UHS lo0", "localhost link#4 UH lo0" */
		r.type = RTN_LOCAL;
		r.own = ROUTE_OWN_ADDRESS;
		ck_assert_str_eq(route_flags(&r, &h, buf, sizeof(buf)), "UHS");
		r.own = ROUTE_OWN_LOOPBACK;
		ck_assert_str_eq(route_flags(&r, &h, buf, sizeof(buf)), "UH");
	}
}
END_TEST

START_TEST(test_names)
{
	char buf[8];

	ck_assert_str_eq(route_type_name(RTN_BLACKHOLE), "blackhole");
	ck_assert_str_eq(route_type_name(200), "unknown");
	ck_assert_str_eq(route_proto_name(RTPROT_BOOT, buf, sizeof(buf)), "boot");
	ck_assert_str_eq(route_proto_name(77, buf, sizeof(buf)), "77");
	ck_assert_str_eq(route_scope_name(RT_SCOPE_LINK, buf, sizeof(buf)), "link");
	ck_assert_str_eq(route_scope_name(7, buf, sizeof(buf)), "7");
}
END_TEST

/* ---- printers, from routes built here ------------------------------------------ */

#define HEADER "Destination        Gateway            Flags     Netif Expire\n"
/* FreeBSD 11's route.c: IPv6 with -n, Destination 33 and Gateway 29 (WID_DST_DEFAULT) */
#define HEADER6N "Destination                       Gateway                       " \
	"Flags     Netif Expire\n"

static struct route
mk(int family, const char *dst, unsigned len, uint8_t type, uint8_t proto)
{
	struct route r = {
		.family = family, .dst_len = (uint8_t)len, .type = type, .protocol = proto,
		.table = RT_TABLE_MAIN,
	};

	ck_assert_int_eq(inet_pton(family, dst, r.dst), 1);
	return r;
}

static struct hop
hop(int family, const char *gw, unsigned int ifindex, const char *ifname)
{
	struct hop h = { .ifindex = ifindex, .ifname = ifname };

	if (gw != NULL) {
		h.gw_family = family;
		ck_assert_int_eq(inet_pton(family, gw, h.gw), 1);
	}
	return h;
}

static char *
print_rows(const struct route *r, const struct hop *h, int n, bool json, bool numeric,
    bool wide)
{
	struct memout m;
	struct rprinter p;

	memout_open(&m);
	rprint_open(&p, m.f, json, numeric, wide);
	for (int i = 0; i < n; i++)
		rprint_route(&p, &r[i], &h[i]);
	rprint_close(&p);
	return memout_close(&m);
}

START_TEST(test_print_text)
{
	struct route r[5];
	struct hop h[5];
	char *got;

	r[0] = mk(AF_INET, "0.0.0.0", 0, RTN_UNICAST, RTPROT_BOOT);
	h[0] = hop(AF_INET, "192.0.2.254", 2, "Data 1");
	r[1] = mk(AF_INET, "192.0.2.0", 24, RTN_UNICAST, RTPROT_KERNEL);
	h[1] = hop(AF_INET, NULL, 2, "Data 1");
	r[2] = mk(AF_INET, "203.0.113.128", 25, RTN_BLACKHOLE, RTPROT_BOOT);
	h[2] = hop(AF_INET, NULL, 0, NULL);
	r[3] = mk(AF_INET6, "2001:db8:1::", 48, RTN_UNICAST, RTPROT_BOOT);
	h[3] = hop(AF_INET6, "fe80::1", 3, "eth0");
	h[3].gw_scope = "eth0";
	r[4] = mk(AF_INET6, "2001:db8:2::", 48, RTN_UNICAST, RTPROT_RA);
	r[4].expires_s = 1799;
	h[4] = hop(AF_INET6, "2001:db8::254", 3, "eth0");
	got = print_rows(r, h, 5, false, true, false);
	ck_assert_str_eq(got,
	    "Routing tables\n"
	    "\n"
	    "Internet:\n"
	    HEADER
	    "default            192.0.2.254        UGS      Data 1\n"
	    "192.0.2.0/24       link#2             U        Data 1\n"
	    "203.0.113.128/25   -                  UBS\n"
	    "\n"
	    "Internet6:\n"
	    HEADER6N
	    "2001:db8:1::/48                   fe80::1%eth0                  UGS        eth0\n"
	    "2001:db8:2::/48                   2001:db8::254                 UGS        eth0   1799\n");
	free(got);
}
END_TEST

/*
 * Long values: cut to 18 without -n and -W, pushing with either; Netif cut unless -W.
 * As route.c's p_sockaddr(), what runs past a column is taken from the next one's
 * padding (29 - 11 = 18 past Destination leaves Gateway 7, 12 past it Flags none).
 */
START_TEST(test_print_cut)
{
	struct route r = mk(AF_INET6, "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1", 128, RTN_UNICAST,
	    RTPROT_STATIC);
	struct hop h = hop(AF_INET6, "2001:db8::ffff:254", 3, "Management");
	char *got;

	r.dst_name = "host.with.a.long.name.example";
	h.gw_name = "gateway.example.com";
	got = print_rows(&r, &h, 1, false, false, false);
	ck_assert_str_eq(got, "Routing tables\n\nInternet6:\n" HEADER
	    "host.with.a.long.n gateway.example.co UGHS   Manageme\n");
	free(got);
	got = print_rows(&r, &h, 1, false, false, true);
	ck_assert_str_eq(got, "Routing tables\n\nInternet6:\n" HEADER
	    "host.with.a.long.name.example gateway.example.com UGHS Management\n");
	free(got);
	r.dst_name = NULL;
	h.gw_name = NULL;
	got = print_rows(&r, &h, 1, false, true, false);
	/* -n: 35 characters in Destination's 33 leave Gateway 27 */
	ck_assert_str_eq(got, "Routing tables\n\nInternet6:\n" HEADER6N
	    "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1 2001:db8::ffff:254          UGHS   Manageme\n");
	free(got);
	/* an alias with a control byte is escaped; a UTF-8 one is cut at a character */
	h.ifname = "D\xc3\xa4ta\033";
	got = print_rows(&r, &h, 1, false, true, false);
	ck_assert_str_eq(got, "Routing tables\n\nInternet6:\n" HEADER6N
	    "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1 2001:db8::ffff:254          UGHS   D\xc3\xa4ta\\033\n");
	free(got);
	h.ifname = "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4";
	got = print_rows(&r, &h, 1, false, true, false);
	ck_assert_str_eq(got, "Routing tables\n\nInternet6:\n" HEADER6N
	    "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1 2001:db8::ffff:254          UGHS   "
	    "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\n");
	free(got);
}
END_TEST

START_TEST(test_print_json)
{
	struct route r[2];
	struct hop h[2];
	char *got;

	r[0] = mk(AF_INET, "0.0.0.0", 0, RTN_UNICAST, RTPROT_BOOT);
	h[0] = hop(AF_INET, "192.0.2.254", 2, "Data \"1\"");
	h[0].kname = "eth1";
	h[0].alias = "Data \"1\"";
	h[0].gw_name = "gw.example";
	r[1] = mk(AF_INET6, "2001:db8:2::", 48, RTN_UNICAST, RTPROT_KERNEL);
	r[1].expires_s = 60;
	r[1].has_metric = true;
	r[1].metric = 1024;
	r[1].scope = RT_SCOPE_LINK;
	h[1] = hop(AF_INET6, NULL, 3, "eth0");
	h[1].kname = "eth0";
	r[1].dst_name = "net.example";
	got = print_rows(r, h, 2, true, false, false);
	ck_assert_str_eq(got, "["
	    "{\"family\":\"inet\",\"destination\":\"0.0.0.0\",\"prefix_len\":0,"
	    "\"gateway\":\"192.0.2.254\",\"gateway_hostname\":\"gw.example\","
	    "\"interface\":\"eth1\",\"alias\":\"Data \\\"1\\\"\",\"ifindex\":2,\"flags\":\"UGS\","
	    "\"route_type\":\"unicast\",\"route_protocol\":\"boot\",\"scope\":\"universe\"},"
	    "{\"family\":\"inet6\",\"destination\":\"2001:db8:2::\",\"prefix_len\":48,"
	    "\"destination_hostname\":\"net.example\","
	    "\"interface\":\"eth0\",\"ifindex\":3,\"flags\":\"U\",\"expires_s\":60,"
	    "\"route_type\":\"unicast\",\"route_protocol\":\"kernel\",\"scope\":\"link\","
	    "\"metric\":1024}]\n");
	free(got);
	got = print_rows(r, h, 0, true, false, false);
	ck_assert_str_eq(got, "[]\n");
	free(got);
}
END_TEST

/* route_describe: names only without ADDR_NUMERIC, scopes, seconds from ticks. */
START_TEST(test_describe)
{
	struct link lk[] = {
		{ .index = 2, .name = "v1" },
		{ .index = 3, .name = "v0", .alias = (char *)"Data 1" },
	};
	struct link_table links = { lk, 2, 2 };
	struct route r = mk(AF_INET6, "fe80::", 64, RTN_UNICAST, RTPROT_KERNEL);
	struct hop h = hop(AF_INET6, "fe80::1", 3, NULL);
	char name[NI_MAXHOST];

	r.hop.ifindex = 3;
	r.expires_ticks = 12345;
	route_describe(&r, &links, 100, ADDR_NUMERIC, name, sizeof(name));
	ck_assert_str_eq(r.dst_scope, "v0");
	ck_assert_ptr_null(r.dst_name);
	ck_assert_uint_eq(r.expires_s, 123);
	r.expires_ticks = -5;
	route_describe(&r, &links, 100, ADDR_NUMERIC, name, sizeof(name));
	ck_assert_uint_eq(r.expires_s, 0);
	route_describe_hop(&r, &h, &links, ADDR_NUMERIC, name, sizeof(name));
	ck_assert_str_eq(h.ifname, "Data 1");
	ck_assert_str_eq(h.kname, "v0");
	ck_assert_str_eq(h.alias, "Data 1");
	ck_assert_str_eq(h.gw_scope, "v0");
	ck_assert_ptr_null(h.gw_name);
	h.ifindex = 9;
	route_describe_hop(&r, &h, &links, ADDR_NUMERIC, name, sizeof(name));
	ck_assert_ptr_null(h.ifname);
	ck_assert_ptr_null(h.kname);
	ck_assert_ptr_null(h.alias);
	ck_assert_ptr_null(h.gw_scope);
	h.ifindex = 2;
	route_describe_hop(&r, &h, &links, ADDR_NUMERIC, name, sizeof(name));
	ck_assert_str_eq(h.kname, "v1");
	ck_assert_ptr_null(h.alias);
}
END_TEST

Suite *
suite_routes(void)
{
	Suite *s = suite_create("routes");
	TCase *tc = tcase_create("routes");

	tcase_add_test(tc, test_recorded_v4);
	tcase_add_test(tc, test_recorded_v6);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_crafted);
	tcase_add_test(tc, test_pass_skips_recorded);
	tcase_add_test(tc, test_pass_skips_crafted);
	tcase_add_test(tc, test_listed);
	tcase_add_test(tc, test_local_listed);
	tcase_add_test(tc, test_flags);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_print_text);
	tcase_add_test(tc, test_print_cut);
	tcase_add_test(tc, test_print_json);
	tcase_add_test(tc, test_describe);
	suite_add_tcase(s, tc);
	return s;
}
