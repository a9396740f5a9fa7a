/* SPDX-License-Identifier: BSD-2-Clause */
/* neigh.c - neighbour entries: the dump request, the parsing of a reply, the lifetime. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if_arp.h>
#include <netinet/in.h>

#include "arpshow.h"

struct nlmsghdr *
neigh_request(struct nl *nl, int family, unsigned int ifindex)
{
	struct nlmsghdr *req = nl_request(nl, RTM_GETNEIGH, 0);
	struct ndmsg *ndm = mnl_nlmsg_put_extra_header(req, sizeof(*ndm));

	ndm->ndm_family = (uint8_t)family;
	/* a filter for the kernel where it can (nl_open()); neigh_matches() filters too */
	if (ifindex != 0)
		mnl_attr_put_u32(req, NDA_IFINDEX, ifindex);
	return req;
}

/*
 * Parses one RTM_NEWNEIGH message into N, reading only nlh->nlmsg_len bytes.
 * Returns 1 for an IPv4 or IPv6 entry, 0 for a message to skip (another type, a
 * bridge FDB entry), -1 with errno EPROTO for a malformed one.
 */
int
neigh_parse(const struct nlmsghdr *nlh, struct neigh *n)
{
	const struct nlattr *tb[NDA_MAX + 1];
	const struct ndmsg *ndm;
	size_t alen, len;

	if (nlh->nlmsg_type != RTM_NEWNEIGH)
		return 0;
	if (nl_attrs(nlh, sizeof(*ndm), tb, NDA_MAX, NULL) < 0)
		return -1;
	ndm = mnl_nlmsg_get_payload(nlh);
	if (ndm->ndm_family != AF_INET && ndm->ndm_family != AF_INET6)
		return 0;
	memset(n, 0, sizeof(*n));
	n->family = ndm->ndm_family;
	n->ifindex = (unsigned int)ndm->ndm_ifindex;
	n->state = ndm->ndm_state;
	n->flags = ndm->ndm_flags;
	alen = n->family == AF_INET ? 4 : 16;
	if (tb[NDA_DST] == NULL || mnl_attr_get_payload_len(tb[NDA_DST]) != alen)
		goto bad;
	memcpy(n->addr, mnl_attr_get_payload(tb[NDA_DST]), alen);
	if (tb[NDA_LLADDR] != NULL) {
		len = mnl_attr_get_payload_len(tb[NDA_LLADDR]);
		if (len > sizeof(n->lladdr))
			goto bad;
		memcpy(n->lladdr, mnl_attr_get_payload(tb[NDA_LLADDR]), len);
		n->lladdr_len = (unsigned int)len;
	}
	if (tb[NDA_CACHEINFO] != NULL) {
		struct nda_cacheinfo ci;

		if (mnl_attr_get_payload_len(tb[NDA_CACHEINFO]) < sizeof(ci))
			goto bad;
		memcpy(&ci, mnl_attr_get_payload(tb[NDA_CACHEINFO]), sizeof(ci));
		n->has_cacheinfo = true;
		n->confirmed_ticks = ci.ndm_confirmed;
	}
	if (tb[NDA_PROBES] != NULL) {
		if (mnl_attr_get_payload_len(tb[NDA_PROBES]) < sizeof(uint32_t))
			goto bad;
		n->probes = mnl_attr_get_u32(tb[NDA_PROBES]);
	}
	return 1;
bad:
	errno = EPROTO;
	return -1;
}

/*
 * Entries a listing shows, as `ip neigh show` does by default: not the ones the
 * kernel computes without asking (NOARP: multicast and broadcast mappings), not
 * those being created (NONE), not proxy entries, not multicast addresses (which
 * FreeBSD's ndp skips too).
 */
bool
neigh_listed(const struct neigh *n)
{
	if (n->state == NUD_NONE || (n->state & NUD_NOARP) || (n->flags & NTF_PROXY))
		return false;
	if (n->family == AF_INET6)
		return n->addr[0] != 0xff;
	return (n->addr[0] & 0xf0) != 0xe0;
}

/* Entries --flush deletes: learnt ones, the states `ip neigh flush` deletes. */
bool
neigh_dynamic(const struct neigh *n)
{
	const uint16_t dynamic = NUD_INCOMPLETE | NUD_REACHABLE | NUD_STALE | NUD_DELAY |
	    NUD_PROBE | NUD_FAILED;

	return neigh_listed(n) && (n->state & dynamic) && !(n->state & NUD_PERMANENT);
}

bool
neigh_matches(const struct neigh *n, const struct opts *o)
{
	if (o->ifindex != 0 && n->ifindex != o->ifindex)
		return false;
	if (o->host == NULL)
		return true;
	if (n->family != o->hostaddr.family)
		return false;
	if (o->host_scope != 0 && n->ifindex != o->host_scope)
		return false;
	return memcmp(n->addr, o->hostaddr.u.bytes, n->family == AF_INET ? 4 : 16) == 0;
}

/*
 * What "expires in" means on Linux: a REACHABLE entry is trusted until
 * REACHABLE_MS after its last confirmation (the kernel's timer compares exactly
 * that), then it turns STALE. NDA_CACHEINFO gives the time since confirmation in
 * clock ticks (HZ per second). Everything else that is not permanent has run out.
 */
void
neigh_lifetime(struct neigh *n, uint32_t reachable_ms, long hz)
{
	uint64_t ago_ms;

	n->expires_s = 0;
	if (n->state & NUD_PERMANENT) {
		n->life = LIFE_PERMANENT;
		return;
	}
	n->life = LIFE_EXPIRED;
	if (n->state != NUD_REACHABLE || !n->has_cacheinfo || hz <= 0)
		return;
	ago_ms = (uint64_t)n->confirmed_ticks * 1000 / (uint64_t)hz;
	if (ago_ms + 1000 <= reachable_ms) {
		n->life = LIFE_EXPIRES;
		n->expires_s = (uint32_t)((reachable_ms - ago_ms) / 1000);
	}
}

/* Names what a printer shows for the entry's interface: alias, scope, link type. */
void
neigh_describe(struct neigh *n, const struct link_table *links)
{
	const struct link *l = link_by_index(links, n->ifindex);

	n->ifname = l != NULL ? link_display(l) : "?";
	n->kname = l != NULL ? l->name : NULL;
	n->alias = l != NULL ? l->alias : NULL;
	n->scope = NULL;
	if (n->family == AF_INET6 && l != NULL &&
	    IN6_IS_ADDR_LINKLOCAL((const struct in6_addr *)n->addr))
		n->scope = l->name;
	n->link_type = NULL;
	if (l == NULL)
		return;
	if (l->type == ARPHRD_ETHER)
		n->link_type = strcmp(l->kind, "vlan") == 0 ? "vlan" : "ethernet";
	else if (l->type == ARPHRD_INFINIBAND)
		n->link_type = "infiniband";
}
