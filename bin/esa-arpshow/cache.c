/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cache.c - --flush-all's route caches: the kernel's IPv4 exceptions through
 * /proc/sys/net/ipv4/route/flush, the IPv6 ones (RTM_F_CLONED routes) dumped and
 * deleted one by one, as `ip route flush cache` and `ip -6 route flush cache` do.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/rtnetlink.h>

#include "arpshow.h"

/* Deleting while dumping can make the dump skip entries: rounds, as in flush.c. */
#define CACHE_ROUNDS 10

struct nlmsghdr *
cache_request(struct nl *nl)
{
	struct nlmsghdr *req = nl_request(nl, RTM_GETROUTE, 0);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(req, sizeof(*rtm));

	rtm->rtm_family = AF_INET6;
	/* with strict checking (nl_open()) the kernel then dumps the exceptions alone
	 * (5.3+); without it, routes come too and cache_parse() leaves them out */
	rtm->rtm_flags = RTM_F_CLONED;
	return req;
}

/* Copies attribute A of exactly LEN bytes into DST: 0, or -1 when its size is wrong. */
static int
cache_addr(const struct nlattr *a, void *dst, size_t len)
{
	if (mnl_attr_get_payload_len(a) != len)
		return -1;
	memcpy(dst, mnl_attr_get_payload(a), len);
	return 0;
}

int
cache_parse(const struct nlmsghdr *nlh, struct cached *c)
{
	const struct nlattr *tb[RTA_MAX + 1];
	const struct rtmsg *rtm;
	int r;

	if ((r = nl_route_attrs(nlh, tb, &rtm)) <= 0)
		return r;
	if (rtm->rtm_family != AF_INET6 || !(rtm->rtm_flags & RTM_F_CLONED))
		return 0;
	memset(c, 0, sizeof(*c));
	if (rtm->rtm_dst_len > 128 || rtm->rtm_src_len > 128 || tb[RTA_DST] == NULL ||
	    cache_addr(tb[RTA_DST], c->dst, 16) < 0)
		goto bad;
	/*
	 * An exception is always a host route: deleting anything shorter is what a kernel
	 * that ignores RTM_F_CLONED in a delete (3.x; 4.2-4.14 heed it only to skip
	 * cached routes when it is absent) would take for a route of the node.
	 */
	if (rtm->rtm_dst_len != 128)
		return 0;
	c->dst_len = rtm->rtm_dst_len;
	c->protocol = rtm->rtm_protocol;
	if (tb[RTA_SRC] != NULL && cache_addr(tb[RTA_SRC], c->src, 16) < 0)
		goto bad;
	c->src_len = tb[RTA_SRC] != NULL ? rtm->rtm_src_len : 0;
	if (tb[RTA_GATEWAY] != NULL) {
		if (cache_addr(tb[RTA_GATEWAY], c->gateway, 16) < 0)
			goto bad;
		c->has_gateway = true;
	}
	if (tb[RTA_OIF] != NULL)
		c->oif = mnl_attr_get_u32(tb[RTA_OIF]);
	if (tb[RTA_PRIORITY] != NULL) {
		c->priority = mnl_attr_get_u32(tb[RTA_PRIORITY]);
		c->has_priority = true;
	}
	c->table = tb[RTA_TABLE] != NULL ? mnl_attr_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
	return 1;
bad:
	errno = EPROTO;
	return -1;
}

void
cache_delete_request(struct nlmsghdr *req, const struct cached *c)
{
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(req, sizeof(*rtm));

	rtm->rtm_family = AF_INET6;
	rtm->rtm_dst_len = c->dst_len;
	rtm->rtm_src_len = c->src_len;
	rtm->rtm_table = c->table < 256 ? (uint8_t)c->table : RT_TABLE_UNSPEC;
	rtm->rtm_type = RTN_UNICAST;
	/* a kernel that ignores RTM_F_CLONED matches a route by these, as iproute2 sends */
	rtm->rtm_protocol = c->protocol;
	/* the kernel then looks among the exceptions of the route that covers dst */
	rtm->rtm_flags = RTM_F_CLONED;
	mnl_attr_put(req, RTA_DST, 16, c->dst);
	if (c->src_len != 0)
		mnl_attr_put(req, RTA_SRC, 16, c->src);
	if (c->has_gateway)
		mnl_attr_put(req, RTA_GATEWAY, 16, c->gateway);
	if (c->oif != 0)
		mnl_attr_put_u32(req, RTA_OIF, c->oif);
	if (c->has_priority)
		mnl_attr_put_u32(req, RTA_PRIORITY, c->priority);
	mnl_attr_put_u32(req, RTA_TABLE, c->table);
}

struct cache_flush {
	struct nl *del;
	unsigned long deleted;	/* in this round */
	int error;		/* errno of a failed delete, 0 if none */
};

static int
cache_entry(const struct nlmsghdr *nlh, void *data)
{
	struct cache_flush *f = data;
	struct nlmsghdr *req;
	struct cached c;
	int r = cache_parse(nlh, &c);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	req = nl_request(f->del, RTM_DELROUTE, 0);
	cache_delete_request(req, &c);
	if (nl_ack(f->del, req) < 0) {
		/* expired, or gone with its route, since the dump saw it */
		if (errno == ESRCH || errno == ENOENT)
			return MNL_CB_OK;
		f->error = errno;
		return MNL_CB_STOP;
	}
	f->deleted++;
	return MNL_CB_OK;
}

int
cache_flush6(struct nl *nl, struct nl *del, struct nl **failed)
{
	struct cache_flush f = { .del = del };

	for (int round = 0; round < CACHE_ROUNDS; round++) {
		f.deleted = 0;
		if (nl_dump(nl, cache_request(nl), cache_entry, &f) < 0 && errno != EINTR) {
			*failed = nl;
			return -1;
		}
		if (f.error != 0) {
			*failed = del;
			errno = f.error;
			return -1;
		}
		if (f.deleted == 0)
			break;
	}
	return 0;
}

int
cache_flush4(void)
{
	/* the kernel takes any write as the order; `ip route flush cache` writes "-1" */
	int fd = open(CACHE_FLUSH4, O_WRONLY | O_CLOEXEC | O_NOCTTY), e;

	if (fd < 0)
		return -1;
	if (write(fd, "1\n", 2) != 2) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}
