/* SPDX-License-Identifier: BSD-2-Clause */
/* iftable.c - the interface table of lib/link, with VLAN ids and MTU limits beside it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <net/if_arp.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/ipv6.h>
#include <linux/rtnetlink.h>

#include "esa.h"
#include "etherconfig.h"

/* Reads IFLA_LINKINFO: is it a VLAN, and which id. 0, or -1 with EPROTO. */
static int
parse_linkinfo(const struct nlattr *nest, struct ifextra *x)
{
	static const enum mnl_attr_data_type vtypes[IFLA_VLAN_MAX + 1] = {
		[IFLA_VLAN_ID] = MNL_TYPE_U16,
	};
	const struct nlattr *info[IFLA_INFO_MAX + 1], *vlan[IFLA_VLAN_MAX + 1];
	const char *kind;

	if (nl_nested(nest, info, IFLA_INFO_MAX, NULL) < 0 || info[IFLA_INFO_KIND] == NULL)
		return 0;
	kind = mnl_attr_get_payload(info[IFLA_INFO_KIND]);
	if (mnl_attr_get_payload_len(info[IFLA_INFO_KIND]) < 5 || memcmp(kind, "vlan", 5) != 0)
		return 0;
	x->is_vlan = true;
	if (info[IFLA_INFO_DATA] == NULL)
		return 0;
	if (nl_nested(info[IFLA_INFO_DATA], vlan, IFLA_VLAN_MAX, vtypes) < 0)
		return -1;
	if (vlan[IFLA_VLAN_ID] != NULL)
		x->vid = mnl_attr_get_u16(vlan[IFLA_VLAN_ID]);
	return 0;
}

/*
 * Reads IFLA_AF_SPEC: does the link run IPv6 (the kernel sends AF_INET6 only
 * while the link has an inet6_dev), and is it disabled there (disable_ipv6, at
 * DEVCONF_DISABLE_IPV6 of the IFLA_INET6_CONF array). An array too short to hold
 * it, from a kernel before 2.6.31, reads as "not disabled". 0, or -1 with EPROTO.
 */
static int
parse_af_spec(const struct nlattr *nest, struct ifextra *x)
{
	const struct nlattr *af[AF_INET6 + 1], *in6[IFLA_INET6_MAX + 1];
	const int32_t *conf;

	if (nl_nested(nest, af, AF_INET6, NULL) < 0)
		return -1;
	if (af[AF_INET6] == NULL)
		return 0;
	if (nl_nested(af[AF_INET6], in6, IFLA_INET6_MAX, NULL) < 0)
		return -1;
	x->has_inet6 = true;
	if (in6[IFLA_INET6_CONF] == NULL ||
	    mnl_attr_get_payload_len(in6[IFLA_INET6_CONF]) <
	    (DEVCONF_DISABLE_IPV6 + 1) * sizeof(*conf))
		return 0;
	conf = mnl_attr_get_payload(in6[IFLA_INET6_CONF]);
	x->inet6_disabled = conf[DEVCONF_DISABLE_IPV6] != 0;
	return 0;
}

int
iftable_parse_extra(const struct nlmsghdr *nlh, struct ifextra *x)
{
	static const enum mnl_attr_data_type types[IFLA_MAX + 1] = {
		[IFLA_MIN_MTU] = MNL_TYPE_U32,
		[IFLA_MAX_MTU] = MNL_TYPE_U32,
		[IFLA_LINK_NETNSID] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi;

	memset(x, 0, sizeof(*x));
	if (nlh->nlmsg_type != RTM_NEWLINK)
		return 0;
	if (nl_attrs(nlh, sizeof(*ifi), tb, IFLA_MAX, types) < 0)
		return -1;
	ifi = mnl_nlmsg_get_payload(nlh);
	if (ifi->ifi_index <= 0)
		return 0;
	x->index = (unsigned int)ifi->ifi_index;
	/*
	 * A VLAN moved into another namespace than its parent's (a container's) keeps
	 * IFLA_LINK, the parent's index over there: it names no link of ours.
	 */
	x->parent_elsewhere = tb[IFLA_LINK_NETNSID] != NULL;
	if (tb[IFLA_MIN_MTU] != NULL && tb[IFLA_MAX_MTU] != NULL) {
		x->has_limits = true;
		x->min_mtu = mnl_attr_get_u32(tb[IFLA_MIN_MTU]);
		x->max_mtu = mnl_attr_get_u32(tb[IFLA_MAX_MTU]);
	}
	if (tb[IFLA_LINKINFO] != NULL && parse_linkinfo(tb[IFLA_LINKINFO], x) < 0)
		return -1;
	if (tb[IFLA_AF_SPEC] != NULL && parse_af_spec(tb[IFLA_AF_SPEC], x) < 0)
		return -1;
	return 1;
}

int
iftable_add(const struct nlmsghdr *nlh, void *data)
{
	struct iftable *t = data;
	struct ifextra x;
	int r = iftable_parse_extra(nlh, &x);

	if (r < 0)
		return MNL_CB_ERROR;
	if (r == 0)
		return MNL_CB_OK;
	r = link_table_add(nlh, &t->links);
	if (r != MNL_CB_OK || t->links.n == t->nx)
		return r;
	/* links.links[i] and x[i] come from the same message, until iftable_sort() */
	if (t->nx == t->capx) {
		t->capx = t->capx ? t->capx * 2 : 16;
		t->x = xrealloc(t->x, t->capx, sizeof(*t->x));
	}
	t->x[t->nx++] = x;
	return MNL_CB_OK;
}

static int
extra_cmp(const void *a, const void *b)
{
	const struct ifextra *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/* A message's place in the dump, sorted by index, then by arrival. */
struct arrival {
	unsigned int index;
	size_t pos;
};

static int
arrival_cmp(const void *a, const void *b)
{
	const struct arrival *x = a, *y = b;

	if (x->index != y->index)
		return (x->index > y->index) - (x->index < y->index);
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * Sorts links and extras by index, together, one entry an index. A dump racing a
 * change may carry two messages for one index; the links and the extras sorted
 * apart (qsort is not stable) could then pair one message's parent with the other's
 * VLAN id. The later message was built later, so it is the one kept.
 */
void
iftable_sort(struct iftable *t)
{
	size_t n = t->links.n < t->nx ? t->links.n : t->nx, k = 0;
	struct arrival *a = xcalloc(n, sizeof(*a));
	struct link *links = xcalloc(n, sizeof(*links));
	struct ifextra *x = xcalloc(n, sizeof(*x));

	for (size_t i = 0; i < n; i++)
		a[i] = (struct arrival){ .index = t->x[i].index, .pos = i };
	qsort(a, n, sizeof(*a), arrival_cmp);
	for (size_t i = 0; i < n; i++) {
		struct link *l = &t->links.links[a[i].pos];

		if (i + 1 < n && a[i + 1].index == a[i].index) {
			free(l->alias);		/* an older message of the same link */
			continue;
		}
		links[k] = *l;
		x[k++] = t->x[a[i].pos];
	}
	for (size_t i = n; i < t->links.n; i++)
		free(t->links.links[i].alias);
	free(a);
	free(t->links.links);
	free(t->x);
	t->links.links = links;
	t->links.n = k;
	t->links.cap = n;
	t->x = x;
	t->nx = k;
	t->capx = n;
}

void
iftable_free(struct iftable *t)
{
	link_table_free(&t->links);
	free(t->x);
	memset(t, 0, sizeof(*t));
}

int
iftable_load(struct nl *nl, struct iftable *t)
{
	/* a dump the kernel flags as interrupted is read again, as link_load() does */
	for (int tries = 0; tries < 3; tries++) {
		struct nlmsghdr *req = nl_request(nl, RTM_GETLINK, 0);
		struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(req, sizeof(*ifi));

		ifi->ifi_family = AF_UNSPEC;
		mnl_attr_put_u32(req, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
		iftable_free(t);
		if (nl_dump(nl, req, iftable_add, t) == 0) {
			iftable_sort(t);
			return 0;
		}
		if (errno != EINTR)
			return -1;
	}
	return -1;	/* errno EINTR: the table kept changing while it was read */
}

const struct ifextra *
iftable_extra(const struct iftable *t, unsigned int index)
{
	struct ifextra key = { .index = index };

	if (t->nx == 0)
		return NULL;
	return bsearch(&key, t->x, t->nx, sizeof(*t->x), extra_cmp);
}

bool
iftable_is_ethernet(const struct iftable *t, const struct link *l)
{
	const struct ifextra *x = iftable_extra(t, l->index);

	return l->type == ARPHRD_ETHER && (x == NULL || !x->is_vlan);
}

const struct link *
iftable_vlan(const struct iftable *t, unsigned int parent, uint16_t vid)
{
	for (size_t i = 0; i < t->links.n; i++) {
		const struct link *l = &t->links.links[i];
		const struct ifextra *x = iftable_extra(t, l->index);

		if (x != NULL && x->is_vlan && !x->parent_elsewhere && x->vid == vid &&
		    l->parent == parent)
			return l;
	}
	return NULL;
}
