/* SPDX-License-Identifier: BSD-2-Clause */
/* test_show.c - the host's own addresses as permanent entries, from recorded and crafted replies. */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "../../../bin/esa-arpshow/arpshow.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

/*
 * The links of tests/data/nl/record.sh: lo (1) with Linux's six zero bytes, v1 (2)
 * 02:00:00:00:00:02, v0 (3) 02:00:00:00:00:01; 4 is a link without a link-layer
 * address (a tunnel).
 */
static struct link links[] = {
	{ .index = 1, .name = "lo", .flags = IFF_UP | IFF_LOOPBACK, .addrlen = 6 },
	{ .index = 2, .name = "v1", .flags = IFF_UP, .addrlen = 6, .addr = { 2, 0, 0, 0, 0, 2 } },
	{ .index = 3, .name = "v0", .flags = IFF_UP, .addrlen = 6, .addr = { 2, 0, 0, 0, 0, 1 } },
	{ .index = 4, .name = "tun0", .flags = IFF_UP | IFF_POINTOPOINT },
};
static const struct link_table table = { links, ESA_NELEM(links), ESA_NELEM(links) };

struct collect {
	int family;
	struct neigh v[8];
	int n;
	int skipped;
};

static int
collect_cb(const struct nlmsghdr *nlh, void *data)
{
	struct collect *c = data;
	struct neigh n;
	int r = own_parse(nlh, c->family, &table, &n);

	if (r < 0)
		return MNL_CB_ERROR;
	if (r == 0) {
		c->skipped++;
		return MNL_CB_OK;
	}
	ck_assert_int_lt(c->n, 8);
	c->v[c->n++] = n;
	return MNL_CB_OK;
}

static void
replay(int family, struct collect *c)
{
	size_t len;
	void *buf = load_fixture("tests/data/nl/addr.bin", &len);

	memset(c, 0, sizeof(*c));
	c->family = family;
	ck_assert_int_eq(nl_replay(buf, len, collect_cb, c), 0);
	free(buf);
}

static void
assert_own(const struct neigh *n, int family, const char *ip, unsigned int ifindex)
{
	unsigned char want[16] = { 0 };
	const unsigned char mac[6] = { 2, 0, 0, 0, 0, (unsigned char)(ifindex == 2 ? 2 : 1) };

	ck_assert_int_eq(inet_pton(family, ip, want), 1);
	ck_assert_int_eq(n->family, family);
	ck_assert_mem_eq(n->addr, want, 16);
	ck_assert_uint_eq(n->ifindex, ifindex);
	ck_assert_uint_eq(n->state, NUD_PERMANENT);
	ck_assert_uint_eq(n->lladdr_len, 6);
	ck_assert_mem_eq(n->lladdr, mac, 6);
	ck_assert(n->local);
	ck_assert(!n->has_cacheinfo);
	ck_assert_ptr_null(n->ifname);
}

/*
 * addr.bin (see test_interfaces.c): lo's 127.0.0.1 and ::1 left out, every other
 * address of the requested family kept in dump order, the other family skipped.
 */
START_TEST(test_recorded)
{
	struct collect c;

	replay(AF_INET, &c);
	ck_assert_int_eq(c.n, 2);
	ck_assert_int_eq(c.skipped, 5);
	assert_own(&c.v[0], AF_INET, "198.51.100.1", 2);
	assert_own(&c.v[1], AF_INET, "192.0.2.1", 3);
	replay(AF_INET6, &c);
	ck_assert_int_eq(c.n, 3);
	ck_assert_int_eq(c.skipped, 4);
	/* the dump's order: ::1, v1's link-local, then v0's newest first */
	assert_own(&c.v[0], AF_INET6, "fe80::ff:fe00:2", 2);
	assert_own(&c.v[1], AF_INET6, "2001:db8::1", 3);
	assert_own(&c.v[2], AF_INET6, "fe80::ff:fe00:1", 3);
}
END_TEST

/* Every cut of every recorded message, for both tables: refused, skipped or whole. */
START_TEST(test_truncated)
{
	static const int families[] = { AF_INET, AF_INET6 };
	size_t len;
	unsigned char *buf = load_fixture("tests/data/nl/addr.bin", &len);

	for (size_t f = 0; f < ESA_NELEM(families); f++) {
		size_t off = 0;

		while (off + sizeof(struct nlmsghdr) <= len) {
			struct nlmsghdr *whole = (struct nlmsghdr *)(buf + off);
			uint32_t full = whole->nlmsg_len;
			struct neigh want, n;
			int rc_full = own_parse(whole, families[f], &table, &want);

			ck_assert(rc_full == 0 || rc_full == 1);
			for (uint32_t cut = sizeof(struct nlmsghdr); cut <= full; cut++) {
				struct nlmsghdr *copy = exact_copy(whole, cut);
				int rc;

				copy->nlmsg_len = cut;
				rc = own_parse(copy, families[f], &table, &n);
				if (cut < NLMSG_LENGTH(sizeof(struct ifaddrmsg)))
					ck_assert_int_eq(rc, -1);
				ck_assert(rc == -1 || rc == rc_full);
				if (rc == -1)
					ck_assert_int_eq(errno, EPROTO);
				if (rc == 1) {
					ck_assert_int_eq(n.family, families[f]);
					ck_assert_uint_eq(n.ifindex, want.ifindex);
					ck_assert(n.local);
				}
				if (cut == full) {
					ck_assert_int_eq(rc, rc_full);
					if (rc == 1)
						ck_assert_mem_eq(n.addr, want.addr, 16);
				}
				free(copy);
			}
			off += MNL_ALIGN(full);
		}
	}
	free(buf);
}
END_TEST

static struct nlmsghdr *
build(char *buf, int family, unsigned int ifindex)
{
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;

	memset(buf, 0, 512);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWADDR;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = (uint8_t)family;
	ifa->ifa_prefixlen = family == AF_INET ? 24 : 64;
	ifa->ifa_index = ifindex;
	return nlh;
}

/* own_parse() of an exact-size copy of NLH, so that ASan sees any read past it. */
static int
parse_exact(const struct nlmsghdr *nlh, int family, struct neigh *n)
{
	struct nlmsghdr *copy = exact_copy(nlh, nlh->nlmsg_len);
	int rc = own_parse(copy, family, &table, n);

	free(copy);
	return rc;
}

START_TEST(test_crafted)
{
	static const unsigned char a4[4] = { 192, 0, 2, 1 }, peer[4] = { 192, 0, 2, 2 };
	static const unsigned char a16[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const unsigned int nolink[] = { 1, 4, 9, 0 };
	char buf[512];
	struct nlmsghdr *nlh;
	struct neigh n;

	/* an address attribute of the wrong size for the family, or none */
	nlh = build(buf, AF_INET, 3);
	mnl_attr_put(nlh, IFA_LOCAL, 3, a4);
	ck_assert_int_eq(parse_exact(nlh, AF_INET, &n), -1);
	ck_assert_int_eq(errno, EPROTO);
	nlh = build(buf, AF_INET, 3);
	mnl_attr_put(nlh, IFA_ADDRESS, 16, a16);
	ck_assert_int_eq(parse_exact(nlh, AF_INET, &n), -1);
	nlh = build(buf, AF_INET6, 3);
	mnl_attr_put(nlh, IFA_ADDRESS, 4, a4);
	ck_assert_int_eq(parse_exact(nlh, AF_INET6, &n), -1);
	nlh = build(buf, AF_INET6, 3);
	ck_assert_int_eq(parse_exact(nlh, AF_INET6, &n), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* an attribute whose length runs past the message */
	nlh = build(buf, AF_INET, 3);
	mnl_attr_put(nlh, IFA_LOCAL, 4, a4);
	((struct nlattr *)((char *)nlh + NLMSG_LENGTH(sizeof(struct ifaddrmsg))))->nla_len = 64;
	ck_assert_int_eq(parse_exact(nlh, AF_INET, &n), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* an ifaddrmsg cut short */
	nlh = build(buf, AF_INET, 3);
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg)) - 1;
	ck_assert_int_eq(parse_exact(nlh, AF_INET, &n), -1);
	/* point-to-point: IFA_LOCAL is ours, IFA_ADDRESS the peer's */
	nlh = build(buf, AF_INET, 3);
	mnl_attr_put(nlh, IFA_ADDRESS, 4, peer);
	mnl_attr_put(nlh, IFA_LOCAL, 4, a4);
	ck_assert_int_eq(parse_exact(nlh, AF_INET, &n), 1);
	ck_assert_mem_eq(n.addr, a4, 4);
	ck_assert_uint_eq(n.ifindex, 3);
	/* IPv6 with IFA_ADDRESS alone */
	nlh = build(buf, AF_INET6, 2);
	mnl_attr_put(nlh, IFA_ADDRESS, 16, a16);
	ck_assert_int_eq(parse_exact(nlh, AF_INET6, &n), 1);
	ck_assert_mem_eq(n.addr, a16, 16);
	ck_assert_uint_eq(n.lladdr_len, 6);
	/* skipped: another family, an unknown family, another message type */
	ck_assert_int_eq(parse_exact(nlh, AF_INET, &n), 0);
	nlh = build(buf, AF_PACKET, 3);
	mnl_attr_put(nlh, IFA_ADDRESS, 4, a4);
	ck_assert_int_eq(parse_exact(nlh, AF_INET, &n), 0);
	ck_assert_int_eq(parse_exact(nlh, AF_INET6, &n), 0);
	nlh = build(buf, AF_INET, 3);
	mnl_attr_put(nlh, IFA_LOCAL, 4, a4);
	nlh->nlmsg_type = RTM_DELADDR;
	ck_assert_int_eq(parse_exact(nlh, AF_INET, &n), 0);
	/* skipped: the loopback, a link without a link-layer address, an unknown link */
	for (size_t i = 0; i < ESA_NELEM(nolink); i++) {
		nlh = build(buf, AF_INET, nolink[i]);
		mnl_attr_put(nlh, IFA_LOCAL, 4, a4);
		ck_assert_int_eq(parse_exact(nlh, AF_INET, &n), 0);
	}
}
END_TEST

Suite *
suite_show(void)
{
	Suite *s = suite_create("show");
	TCase *tc = tcase_create("show");

	tcase_add_test(tc, test_recorded);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_crafted);
	suite_add_tcase(s, tc);
	return s;
}
