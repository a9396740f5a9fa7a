/* SPDX-License-Identifier: BSD-2-Clause */
/* ethtool.c - link modes, link state and port through the ethtool generic netlink family. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/ethtool.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>

#include "esa.h"
#include "etherconfig.h"

void
media_init(struct media *m, unsigned int index)
{
	memset(m, 0, sizeof(*m));
	m->index = index;
	m->speed = ETHTOOL_SPEED_UNKNOWN;
	m->duplex = DUPLEX_UNKNOWN;
	m->link = -1;
	m->port = -1;
}

/* The device index in a reply's header nest. 0, or -1 with EPROTO. */
static int
parse_header(const struct nlattr *nest, unsigned int *index)
{
	static const enum mnl_attr_data_type types[ETHTOOL_A_HEADER_MAX + 1] = {
		[ETHTOOL_A_HEADER_DEV_INDEX] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[ETHTOOL_A_HEADER_MAX + 1];

	if (nest == NULL || nl_nested(nest, tb, ETHTOOL_A_HEADER_MAX, types) < 0 ||
	    tb[ETHTOOL_A_HEADER_DEV_INDEX] == NULL ||
	    mnl_attr_get_u32(tb[ETHTOOL_A_HEADER_DEV_INDEX]) == 0) {
		errno = EPROTO;
		return -1;
	}
	*index = mnl_attr_get_u32(tb[ETHTOOL_A_HEADER_DEV_INDEX]);
	return 0;
}

/*
 * The supported modes in OURS, a compact bit set (the request asks for them): its
 * mask, the value being the advertised modes. 0, or -1 with EPROTO when malformed.
 */
static int
parse_supported(const struct nlattr *ours, struct media *m)
{
	static const enum mnl_attr_data_type types[ETHTOOL_A_BITSET_MAX + 1] = {
		[ETHTOOL_A_BITSET_SIZE] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[ETHTOOL_A_BITSET_MAX + 1];
	size_t len;

	if (nl_nested(ours, tb, ETHTOOL_A_BITSET_MAX, types) < 0)
		return -1;
	if (tb[ETHTOOL_A_BITSET_MASK] == NULL)
		return 0;	/* a bit list, or no mask: nothing said of support */
	len = mnl_attr_get_payload_len(tb[ETHTOOL_A_BITSET_MASK]);
	if (len % 4 != 0) {
		errno = EPROTO;
		return -1;
	}
	if (len > sizeof(m->supported))
		len = sizeof(m->supported);	/* modes past ours: no speed we offer */
	memset(m->supported, 0, sizeof(m->supported));
	memcpy(m->supported, mnl_attr_get_payload(tb[ETHTOOL_A_BITSET_MASK]), len);
	m->has_supported = true;
	return 0;
}

static int
parse_modes(const struct nlmsghdr *nlh, struct media *m)
{
	static const enum mnl_attr_data_type types[ETHTOOL_A_LINKMODES_MAX + 1] = {
		[ETHTOOL_A_LINKMODES_HEADER] = MNL_TYPE_NESTED,
		[ETHTOOL_A_LINKMODES_AUTONEG] = MNL_TYPE_U8,
		[ETHTOOL_A_LINKMODES_SPEED] = MNL_TYPE_U32,
		[ETHTOOL_A_LINKMODES_DUPLEX] = MNL_TYPE_U8,
		[ETHTOOL_A_LINKMODES_OURS] = MNL_TYPE_NESTED,
	};
	const struct nlattr *tb[ETHTOOL_A_LINKMODES_MAX + 1];

	if (nl_attrs(nlh, GENL_HDRLEN, tb, ETHTOOL_A_LINKMODES_MAX, types) < 0 ||
	    parse_header(tb[ETHTOOL_A_LINKMODES_HEADER], &m->index) < 0)
		return -1;
	if (tb[ETHTOOL_A_LINKMODES_OURS] != NULL && parse_supported(tb[ETHTOOL_A_LINKMODES_OURS], m) < 0)
		return -1;
	m->has_modes = true;
	if (tb[ETHTOOL_A_LINKMODES_AUTONEG] != NULL)
		m->autoneg = mnl_attr_get_u8(tb[ETHTOOL_A_LINKMODES_AUTONEG]) == AUTONEG_ENABLE;
	if (tb[ETHTOOL_A_LINKMODES_SPEED] != NULL)
		m->speed = mnl_attr_get_u32(tb[ETHTOOL_A_LINKMODES_SPEED]);
	/* the kernel says 0 or SPEED_UNKNOWN, or a value past INT_MAX no driver means */
	if (m->speed == 0 || m->speed > INT32_MAX)
		m->speed = ETHTOOL_SPEED_UNKNOWN;
	if (tb[ETHTOOL_A_LINKMODES_DUPLEX] != NULL)
		m->duplex = mnl_attr_get_u8(tb[ETHTOOL_A_LINKMODES_DUPLEX]);
	if (m->duplex != DUPLEX_HALF && m->duplex != DUPLEX_FULL)
		m->duplex = DUPLEX_UNKNOWN;
	return 1;
}

static int
parse_state(const struct nlmsghdr *nlh, struct media *m)
{
	static const enum mnl_attr_data_type types[ETHTOOL_A_LINKSTATE_MAX + 1] = {
		[ETHTOOL_A_LINKSTATE_HEADER] = MNL_TYPE_NESTED,
		[ETHTOOL_A_LINKSTATE_LINK] = MNL_TYPE_U8,
	};
	const struct nlattr *tb[ETHTOOL_A_LINKSTATE_MAX + 1];

	if (nl_attrs(nlh, GENL_HDRLEN, tb, ETHTOOL_A_LINKSTATE_MAX, types) < 0 ||
	    parse_header(tb[ETHTOOL_A_LINKSTATE_HEADER], &m->index) < 0)
		return -1;
	if (tb[ETHTOOL_A_LINKSTATE_LINK] != NULL)
		m->link = mnl_attr_get_u8(tb[ETHTOOL_A_LINKSTATE_LINK]) != 0;
	return 1;
}

static int
parse_info(const struct nlmsghdr *nlh, struct media *m)
{
	static const enum mnl_attr_data_type types[ETHTOOL_A_LINKINFO_MAX + 1] = {
		[ETHTOOL_A_LINKINFO_HEADER] = MNL_TYPE_NESTED,
		[ETHTOOL_A_LINKINFO_PORT] = MNL_TYPE_U8,
	};
	const struct nlattr *tb[ETHTOOL_A_LINKINFO_MAX + 1];

	if (nl_attrs(nlh, GENL_HDRLEN, tb, ETHTOOL_A_LINKINFO_MAX, types) < 0 ||
	    parse_header(tb[ETHTOOL_A_LINKINFO_HEADER], &m->index) < 0)
		return -1;
	if (tb[ETHTOOL_A_LINKINFO_PORT] != NULL)
		m->port = mnl_attr_get_u8(tb[ETHTOOL_A_LINKINFO_PORT]);
	return 1;
}

int
ethtool_parse(const struct nlmsghdr *nlh, struct media *m)
{
	const struct genlmsghdr *g;

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + GENL_HDRLEN) {
		errno = EPROTO;
		return -1;
	}
	g = mnl_nlmsg_get_payload(nlh);
	switch (g->cmd) {
	case ETHTOOL_MSG_LINKMODES_GET_REPLY:
		return parse_modes(nlh, m);
	case ETHTOOL_MSG_LINKSTATE_GET_REPLY:
		return parse_state(nlh, m);
	case ETHTOOL_MSG_LINKINFO_GET_REPLY:
		return parse_info(nlh, m);
	default:
		return 0;
	}
}

/* Where INDEX is, or would go, in T (kept sorted by index). */
static size_t
media_pos(const struct media_table *t, unsigned int index)
{
	size_t lo = 0, hi = t->n;

	/* the kernel dumps devices in index order: the usual place is the end */
	if (t->n > 0 && t->v[t->n - 1].index < index)
		return t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The entry of INDEX in T, made when missing. */
static struct media *
media_slot(struct media_table *t, unsigned int index)
{
	size_t i = media_pos(t, index);

	if (i < t->n && t->v[i].index == index)
		return &t->v[i];
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->v = xrealloc(t->v, t->cap, sizeof(*t->v));
	}
	memmove(&t->v[i + 1], &t->v[i], (t->n - i) * sizeof(*t->v));
	t->n++;
	media_init(&t->v[i], index);
	return &t->v[i];
}

int
ethtool_table_add(const struct nlmsghdr *nlh, void *data)
{
	struct media_table *t = data;
	struct media m, *slot;
	int r;

	media_init(&m, 0);
	r = ethtool_parse(nlh, &m);
	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	/* each reply carries a part: merge what it set into the device's entry */
	slot = media_slot(t, m.index);
	if (m.has_modes) {
		slot->has_modes = true;
		slot->autoneg = m.autoneg;
		slot->speed = m.speed;
		slot->duplex = m.duplex;
	}
	if (m.has_supported) {
		slot->has_supported = true;
		memcpy(slot->supported, m.supported, sizeof(slot->supported));
	}
	if (m.link >= 0)
		slot->link = m.link;
	if (m.port >= 0)
		slot->port = m.port;
	return MNL_CB_OK;
}

const struct media *
media_find(const struct media_table *t, unsigned int index)
{
	size_t i = media_pos(t, index);

	return i < t->n && t->v[i].index == index ? &t->v[i] : NULL;
}

void
media_table_free(struct media_table *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* The header attribute type of each GET command's request. */
static uint16_t
header_attr(uint8_t cmd)
{
	switch (cmd) {
	case ETHTOOL_MSG_LINKSTATE_GET:
		return ETHTOOL_A_LINKSTATE_HEADER;
	case ETHTOOL_MSG_LINKINFO_GET:
		return ETHTOOL_A_LINKINFO_HEADER;
	default:
		return ETHTOOL_A_LINKMODES_HEADER;
	}
}

static struct nlmsghdr *
ethtool_request(struct nl *nl, uint16_t family, uint8_t cmd, uint16_t header,
    unsigned int ifindex, uint32_t flags)
{
	struct nlmsghdr *req = nl_request(nl, family, 0);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(req, sizeof(*g));
	struct nlattr *nest;

	g->cmd = cmd;
	g->version = ETHTOOL_GENL_VERSION;
	nest = mnl_attr_nest_start(req, header);
	if (ifindex != 0)
		mnl_attr_put_u32(req, ETHTOOL_A_HEADER_DEV_INDEX, ifindex);
	mnl_attr_put_u32(req, ETHTOOL_A_HEADER_FLAGS, flags);
	mnl_attr_nest_end(req, nest);
	return req;
}

struct nlmsghdr *
ethtool_get_request(struct nl *nl, uint16_t family, uint8_t cmd, unsigned int ifindex)
{
	/* compact bit sets: the link modes we do not read take less room */
	return ethtool_request(nl, family, cmd, header_attr(cmd), ifindex,
	    ETHTOOL_FLAG_COMPACT_BITSETS);
}

struct nlmsghdr *
ethtool_set_request(struct nl *nl, uint16_t family, unsigned int ifindex, bool autoneg,
    uint32_t speed, uint8_t duplex)
{
	struct nlmsghdr *req = ethtool_request(nl, family, ETHTOOL_MSG_LINKMODES_SET,
	    ETHTOOL_A_LINKMODES_HEADER, ifindex, ETHTOOL_FLAG_OMIT_REPLY);

	/*
	 * As `ethtool -s IFACE autoneg on`: the driver advertises what it supports.
	 * As `ethtool -s IFACE speed S duplex D autoneg off`: forced.
	 */
	mnl_attr_put_u8(req, ETHTOOL_A_LINKMODES_AUTONEG,
	    autoneg ? AUTONEG_ENABLE : AUTONEG_DISABLE);
	if (!autoneg) {
		mnl_attr_put_u32(req, ETHTOOL_A_LINKMODES_SPEED, speed);
		mnl_attr_put_u8(req, ETHTOOL_A_LINKMODES_DUPLEX, duplex);
	}
	return req;
}

int
ethtool_load(struct nl *gen, uint16_t family, struct media_table *t)
{
	static const uint8_t cmds[] = {
		ETHTOOL_MSG_LINKMODES_GET, ETHTOOL_MSG_LINKSTATE_GET, ETHTOOL_MSG_LINKINFO_GET,
	};

	for (size_t i = 0; i < ESA_NELEM(cmds); i++) {
		/*
		 * A dump skips the devices whose driver has no such operation; an
		 * interrupted one is whole but maybe stale, which a listing can live with.
		 */
		if (nl_dump(gen, ethtool_get_request(gen, family, cmds[i], 0),
		    ethtool_table_add, t) < 0 && errno != EINTR && errno != EOPNOTSUPP)
			return -1;
	}
	return 0;
}
