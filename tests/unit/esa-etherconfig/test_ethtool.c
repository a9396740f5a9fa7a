/* SPDX-License-Identifier: BSD-2-Clause */
/* test_ethtool.c - ethtool replies from recorded dumps, malformed ones, and the requests. */
#include <errno.h>

#include <linux/ethtool.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

/*
 * tests/data/nl/eth{modes,state,info}.bin were recorded by tests/data/nl/record.sh:
 * the veth pair v1 (index 2) and v0 (index 3); veth says 10000 Mb/s, full duplex,
 * autonegotiation off, port twisted pair, link up; lo (index 1) answers LINKSTATE only.
 */
static void
load_all(struct media_table *t)
{
	static const char *const files[] = {
		"tests/data/nl/ethmodes.bin", "tests/data/nl/ethstate.bin", "tests/data/nl/ethinfo.bin",
	};

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < 3; i++) {
		size_t len;
		void *buf = load_fixture(files[i], &len);

		ck_assert_int_eq(nl_replay(buf, len, ethtool_table_add, t), 0);
		free(buf);
	}
}

START_TEST(test_recorded)
{
	struct media_table t;
	const struct media *m;

	load_all(&t);
	ck_assert_uint_eq(t.n, 3);
	for (unsigned int index = 2; index <= 3; index++) {
		m = media_find(&t, index);
		ck_assert_ptr_nonnull(m);
		ck_assert(m->has_modes);
		ck_assert(!m->autoneg);
		ck_assert_uint_eq(m->speed, 10000);
		ck_assert_uint_eq(m->duplex, DUPLEX_FULL);
		ck_assert_int_eq(m->link, 1);
		ck_assert_int_eq(m->port, PORT_TP);
		/* veth supports no mode (ethtool: "Not reported"), nor autonegotiation */
		ck_assert(m->has_supported);
		ck_assert_uint_eq(media_choices(m, NULL, 0), 0);
		ck_assert(!media_can_autoneg(m));
	}
	m = media_find(&t, 1);
	ck_assert_ptr_nonnull(m);
	ck_assert(!m->has_modes);
	ck_assert_int_eq(m->link, 1);
	ck_assert_int_eq(m->port, -1);
	ck_assert_ptr_null(media_find(&t, 4));
	media_table_free(&t);
}
END_TEST

/* Every prefix of a recording: no crash, no read past it. */
START_TEST(test_truncated)
{
	size_t len;
	void *buf = load_fixture("tests/data/nl/ethmodes.bin", &len);

	/* two LINKMODES replies of 124 bytes (v1, then v0): a cut keeps the whole ones before it */
	ck_assert_uint_eq(len, 2 * 124);
	for (size_t n = 0; n <= len; n++) {
		struct media_table t = { 0 };
		void *copy = exact_copy(buf, n);
		int rc = nl_replay(copy, n, ethtool_table_add, &t);

		free(copy);
		ck_assert_msg(t.n == n / 124, "cut at %zu: %zu entries", n, t.n);
		for (size_t i = 0; i < t.n; i++) {
			ck_assert(t.v[i].has_modes);
			ck_assert_uint_eq(t.v[i].speed, 10000);
		}
		if (n % 124 == 0)
			ck_assert_msg(rc == 0, "cut at %zu (whole replies): %d", n, rc);
		media_table_free(&t);
	}
	free(buf);
}
END_TEST

/* Builds a LINKMODES reply with the given header index and a speed attribute of LEN bytes. */
static struct nlmsghdr *
craft_modes(char *buf, uint32_t index, size_t speed_len, bool header)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	uint32_t speed = 1000;

	nlh->nlmsg_type = 21;
	g->cmd = ETHTOOL_MSG_LINKMODES_GET_REPLY;
	if (header) {
		struct nlattr *n = mnl_attr_nest_start(nlh, ETHTOOL_A_LINKMODES_HEADER);

		mnl_attr_put_u32(nlh, ETHTOOL_A_HEADER_DEV_INDEX, index);
		mnl_attr_nest_end(nlh, n);
	}
	mnl_attr_put_u8(nlh, ETHTOOL_A_LINKMODES_AUTONEG, AUTONEG_ENABLE);
	mnl_attr_put(nlh, ETHTOOL_A_LINKMODES_SPEED, speed_len, &speed);
	mnl_attr_put_u8(nlh, ETHTOOL_A_LINKMODES_DUPLEX, DUPLEX_HALF);
	return nlh;
}

START_TEST(test_crafted)
{
	char buf[512] __attribute__((aligned(4)));
	struct media m;

	media_init(&m, 0);
	ck_assert_int_eq(ethtool_parse(craft_modes(buf, 7, 4, true), &m), 1);
	ck_assert_uint_eq(m.index, 7);
	ck_assert(m.autoneg);
	ck_assert_uint_eq(m.speed, 1000);
	ck_assert_uint_eq(m.duplex, DUPLEX_HALF);
	/* a speed of 2 bytes, no header, a header with index 0: malformed */
	media_init(&m, 0);
	errno = 0;
	ck_assert_int_eq(ethtool_parse(craft_modes(buf, 7, 2, true), &m), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert_int_eq(ethtool_parse(craft_modes(buf, 7, 4, false), &m), -1);
	ck_assert_int_eq(ethtool_parse(craft_modes(buf, 0, 4, true), &m), -1);
	/* shorter than the genetlink header */
	{
		struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

		nlh->nlmsg_len = sizeof(*nlh) + 2;
		ck_assert_int_eq(ethtool_parse(nlh, &m), -1);
	}
	/* another command: not ours, skipped */
	{
		struct nlmsghdr *nlh = craft_modes(buf, 7, 4, true);
		struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

		g->cmd = ETHTOOL_MSG_WOL_GET_REPLY;
		ck_assert_int_eq(ethtool_parse(nlh, &m), 0);
	}
}
END_TEST

/*
 * A LINKMODES reply whose OURS bit set (compact) has the mask MASK of MASKLEN bytes
 * (none when 0) and the value (advertised) all zero.
 */
static struct nlmsghdr *
craft_ours(char *buf, const uint32_t *mask, size_t masklen)
{
	struct nlmsghdr *nlh = craft_modes(buf, 7, 4, true);
	struct nlattr *n = mnl_attr_nest_start(nlh, ETHTOOL_A_LINKMODES_OURS);
	static const uint32_t zero[4];

	mnl_attr_put_u32(nlh, ETHTOOL_A_BITSET_SIZE, 128);
	mnl_attr_put(nlh, ETHTOOL_A_BITSET_VALUE, sizeof(zero), zero);
	if (masklen > 0)
		mnl_attr_put(nlh, ETHTOOL_A_BITSET_MASK, masklen, mask);
	mnl_attr_nest_end(nlh, n);
	return nlh;
}

/*
 * The supported modes as media choices: one per speed and duplex (1000baseT and
 * 1000baseKX are one), by speed, half first; the Autoneg bit; a mask cut inside a
 * word refused; no mask, nothing said.
 */
START_TEST(test_supported)
{
	char buf[512] __attribute__((aligned(4)));
	uint32_t mask[4] = { 0 };
	struct media_choice v[8];
	struct media m;
	size_t n;

	mask[0] = 1u << ETHTOOL_LINK_MODE_10baseT_Half_BIT | 1u << ETHTOOL_LINK_MODE_10baseT_Full_BIT |
	    1u << ETHTOOL_LINK_MODE_100baseT_Full_BIT | 1u << ETHTOOL_LINK_MODE_1000baseT_Full_BIT |
	    1u << ETHTOOL_LINK_MODE_Autoneg_BIT | 1u << ETHTOOL_LINK_MODE_1000baseKX_Full_BIT |
	    1u << ETHTOOL_LINK_MODE_10000baseT_Full_BIT | 1u << ETHTOOL_LINK_MODE_TP_BIT;
	/* 2500baseT_Full is bit 47, in the second word */
	mask[ETHTOOL_LINK_MODE_2500baseT_Full_BIT / 32] |= 1u << (ETHTOOL_LINK_MODE_2500baseT_Full_BIT % 32);
	media_init(&m, 0);
	ck_assert_int_eq(ethtool_parse(craft_ours(buf, mask, sizeof(mask)), &m), 1);
	ck_assert(m.has_supported);
	ck_assert(media_can_autoneg(&m));
	n = media_choices(&m, v, ESA_NELEM(v));
	ck_assert_uint_eq(n, 6);
	ck_assert_uint_eq(v[0].speed, 10);
	ck_assert_uint_eq(v[0].duplex, DUPLEX_HALF);
	ck_assert_uint_eq(v[1].speed, 10);
	ck_assert_uint_eq(v[1].duplex, DUPLEX_FULL);
	ck_assert_uint_eq(v[2].speed, 100);
	ck_assert_uint_eq(v[2].duplex, DUPLEX_FULL);
	ck_assert_uint_eq(v[3].speed, 1000);
	ck_assert_uint_eq(v[3].duplex, DUPLEX_FULL);
	ck_assert_uint_eq(v[4].speed, 2500);
	ck_assert_uint_eq(v[5].speed, 10000);
	/* MAX bounds what is written */
	ck_assert_uint_eq(media_choices(&m, v, 2), 2);
	/* no Autoneg bit */
	mask[0] &= ~(1u << ETHTOOL_LINK_MODE_Autoneg_BIT);
	media_init(&m, 0);
	ck_assert_int_eq(ethtool_parse(craft_ours(buf, mask, sizeof(mask)), &m), 1);
	ck_assert(!media_can_autoneg(&m));
	/* a mask of 3 bytes: malformed */
	media_init(&m, 0);
	errno = 0;
	ck_assert_int_eq(ethtool_parse(craft_ours(buf, mask, 3), &m), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* no mask (a bit list): nothing known of support */
	media_init(&m, 0);
	ck_assert_int_eq(ethtool_parse(craft_ours(buf, mask, 0), &m), 1);
	ck_assert(!m.has_supported);
	ck_assert_uint_eq(media_choices(&m, v, ESA_NELEM(v)), 0);
	ck_assert(!media_can_autoneg(&m));
}
END_TEST

/* Devices in any order: the table stays sorted and each one is found, merged once. */
START_TEST(test_order)
{
	static const uint32_t order[] = { 7, 3, 9, 5, 3, 1, 9 };
	char buf[512] __attribute__((aligned(4)));
	struct media_table t = { 0 };

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		ck_assert_int_eq(ethtool_table_add(craft_modes(buf, order[i], 4, true), &t), MNL_CB_OK);
	ck_assert_uint_eq(t.n, 5);
	for (size_t i = 1; i < t.n; i++)
		ck_assert_uint_lt(t.v[i - 1].index, t.v[i].index);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const struct media *m = media_find(&t, order[i]);

		ck_assert_ptr_nonnull(m);
		ck_assert_uint_eq(m->index, order[i]);
		ck_assert_uint_eq(m->speed, 1000);
	}
	ck_assert_ptr_null(media_find(&t, 4));
	ck_assert_ptr_null(media_find(&t, 10));
	ck_assert_ptr_null(media_find(&t, 0));
	media_table_free(&t);
	ck_assert_ptr_null(media_find(&t, 3));
}
END_TEST

/*
 * A LINKSTATE reply saying the link is down (ETHTOOL_A_LINKSTATE_LINK 0) is merged
 * as down, not left unknown, and a LINKMODES reply after it keeps it.
 */
START_TEST(test_link_down)
{
	char buf[512] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	struct media_table t = { 0 };
	const struct media *m;
	struct nlattr *n;

	nlh->nlmsg_type = 21;
	g->cmd = ETHTOOL_MSG_LINKSTATE_GET_REPLY;
	n = mnl_attr_nest_start(nlh, ETHTOOL_A_LINKSTATE_HEADER);
	mnl_attr_put_u32(nlh, ETHTOOL_A_HEADER_DEV_INDEX, 6);
	mnl_attr_nest_end(nlh, n);
	mnl_attr_put_u8(nlh, ETHTOOL_A_LINKSTATE_LINK, 0);
	ck_assert_int_eq(ethtool_table_add(nlh, &t), MNL_CB_OK);
	ck_assert_int_eq(ethtool_table_add(craft_modes(buf, 6, 4, true), &t), MNL_CB_OK);
	ck_assert_ptr_nonnull(m = media_find(&t, 6));
	ck_assert_int_eq(m->link, 0);
	ck_assert_uint_eq(m->speed, 1000);
	media_table_free(&t);
}
END_TEST

/* SPEED_UNKNOWN, 0 and DUPLEX_UNKNOWN read as unknown. */
START_TEST(test_unknown_values)
{
	char buf[512] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	struct nlattr *n;
	struct media m;

	g->cmd = ETHTOOL_MSG_LINKMODES_GET_REPLY;
	n = mnl_attr_nest_start(nlh, ETHTOOL_A_LINKMODES_HEADER);
	mnl_attr_put_u32(nlh, ETHTOOL_A_HEADER_DEV_INDEX, 5);
	mnl_attr_nest_end(nlh, n);
	mnl_attr_put_u32(nlh, ETHTOOL_A_LINKMODES_SPEED, (uint32_t)SPEED_UNKNOWN);
	mnl_attr_put_u8(nlh, ETHTOOL_A_LINKMODES_DUPLEX, DUPLEX_UNKNOWN);
	media_init(&m, 0);
	ck_assert_int_eq(ethtool_parse(nlh, &m), 1);
	ck_assert_uint_eq(m.speed, ETHTOOL_SPEED_UNKNOWN);
	ck_assert_uint_eq(m.duplex, DUPLEX_UNKNOWN);
}
END_TEST

/* The requests, read back attribute by attribute. */
START_TEST(test_requests)
{
	struct nl *nl = nl_open(NETLINK_GENERIC);
	const struct nlattr *tb[ETHTOOL_A_LINKMODES_MAX + 1], *hd[ETHTOOL_A_HEADER_MAX + 1];
	struct nlmsghdr *req;
	const struct genlmsghdr *g;

	ck_assert_ptr_nonnull(nl);
	req = ethtool_set_request(nl, 21, 3, false, 100, DUPLEX_HALF);
	ck_assert_uint_eq(req->nlmsg_type, 21);
	g = mnl_nlmsg_get_payload(req);
	ck_assert_uint_eq(g->cmd, ETHTOOL_MSG_LINKMODES_SET);
	ck_assert_int_eq(nl_attrs(req, GENL_HDRLEN, tb, ETHTOOL_A_LINKMODES_MAX, NULL), 0);
	ck_assert_uint_eq(mnl_attr_get_u8(tb[ETHTOOL_A_LINKMODES_AUTONEG]), AUTONEG_DISABLE);
	ck_assert_uint_eq(mnl_attr_get_u32(tb[ETHTOOL_A_LINKMODES_SPEED]), 100);
	ck_assert_uint_eq(mnl_attr_get_u8(tb[ETHTOOL_A_LINKMODES_DUPLEX]), DUPLEX_HALF);
	ck_assert_int_eq(nl_nested(tb[ETHTOOL_A_LINKMODES_HEADER], hd, ETHTOOL_A_HEADER_MAX, NULL), 0);
	ck_assert_uint_eq(mnl_attr_get_u32(hd[ETHTOOL_A_HEADER_DEV_INDEX]), 3);

	req = ethtool_set_request(nl, 21, 3, true, 0, 0);
	ck_assert_int_eq(nl_attrs(req, GENL_HDRLEN, tb, ETHTOOL_A_LINKMODES_MAX, NULL), 0);
	ck_assert_uint_eq(mnl_attr_get_u8(tb[ETHTOOL_A_LINKMODES_AUTONEG]), AUTONEG_ENABLE);
	ck_assert_ptr_null(tb[ETHTOOL_A_LINKMODES_SPEED]);
	ck_assert_ptr_null(tb[ETHTOOL_A_LINKMODES_DUPLEX]);

	/* a dump request names no device */
	req = ethtool_get_request(nl, 21, ETHTOOL_MSG_LINKSTATE_GET, 0);
	g = mnl_nlmsg_get_payload(req);
	ck_assert_uint_eq(g->cmd, ETHTOOL_MSG_LINKSTATE_GET);
	ck_assert_int_eq(nl_attrs(req, GENL_HDRLEN, tb, ETHTOOL_A_LINKSTATE_MAX, NULL), 0);
	ck_assert_int_eq(nl_nested(tb[ETHTOOL_A_LINKSTATE_HEADER], hd, ETHTOOL_A_HEADER_MAX, NULL), 0);
	ck_assert_ptr_null(hd[ETHTOOL_A_HEADER_DEV_INDEX]);
	ck_assert_uint_eq(mnl_attr_get_u32(hd[ETHTOOL_A_HEADER_FLAGS]), ETHTOOL_FLAG_COMPACT_BITSETS);
	nl_close(nl);
}
END_TEST

Suite *
suite_ethtool(void)
{
	Suite *s = suite_create("ethtool");
	TCase *tc = tcase_create("replies");

	tcase_add_test(tc, test_recorded);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_crafted);
	tcase_add_test(tc, test_supported);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_unknown_values);
	tcase_add_test(tc, test_link_down);
	tcase_add_test(tc, test_requests);
	suite_add_tcase(s, tc);
	return s;
}
