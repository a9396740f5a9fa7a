/* SPDX-License-Identifier: BSD-2-Clause */
/* link.c - the interface table: index, kernel name, alias, type, and lookup both ways. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "esa.h"
#include "link.h"

#ifndef RTEXT_FILTER_SKIP_STATS
#define RTEXT_FILTER_SKIP_STATS (1 << 3)
#endif

/* Copies a netlink string attribute, whatever its termination, cut to SIZE-1. */
static void
copy_str(char *dst, size_t size, const struct nlattr *attr)
{
	const char *s = mnl_attr_get_payload(attr);
	size_t n = strnlen(s, mnl_attr_get_payload_len(attr));

	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

int
link_parse(const struct nlmsghdr *nlh, struct link *l)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return 0;
	if (nl_attrs(nlh, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0)
		return -1;
	ifi = mnl_nlmsg_get_payload(nlh);
	memset(l, 0, sizeof(*l));
	l->index = (unsigned int)ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	l->type = ifi->ifi_type;
	if (l->index == 0 || tb[IFLA_IFNAME] == NULL)
		goto bad;
	copy_str(l->name, sizeof(l->name), tb[IFLA_IFNAME]);
	if (tb[IFLA_MTU] != NULL && mnl_attr_get_payload_len(tb[IFLA_MTU]) >= 4)
		l->mtu = mnl_attr_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_LINK] != NULL && mnl_attr_get_payload_len(tb[IFLA_LINK]) >= 4)
		l->parent = mnl_attr_get_u32(tb[IFLA_LINK]);
	if (tb[IFLA_ADDRESS] != NULL) {
		size_t n = mnl_attr_get_payload_len(tb[IFLA_ADDRESS]);

		l->addrlen = n > LINK_ADDR_MAX ? LINK_ADDR_MAX : (unsigned int)n;
		memcpy(l->addr, mnl_attr_get_payload(tb[IFLA_ADDRESS]), l->addrlen);
	}
	if (tb[IFLA_STATS64] != NULL) {
		/* kernels add counters at the end: take what both sides know */
		size_t n = mnl_attr_get_payload_len(tb[IFLA_STATS64]);

		memcpy(&l->stats, mnl_attr_get_payload(tb[IFLA_STATS64]),
		    n < sizeof(l->stats) ? n : sizeof(l->stats));
		l->has_stats = true;
	}
	if (tb[IFLA_LINKINFO] != NULL) {
		const struct nlattr *info[IFLA_INFO_MAX + 1];

		if (nl_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX, NULL) < 0)
			goto bad;
		if (info[IFLA_INFO_KIND] != NULL)
			copy_str(l->kind, sizeof(l->kind), info[IFLA_INFO_KIND]);
	}
	if (tb[IFLA_IFALIAS] != NULL) {
		const char *s = mnl_attr_get_payload(tb[IFLA_IFALIAS]);
		size_t n = strnlen(s, mnl_attr_get_payload_len(tb[IFLA_IFALIAS]));

		/* the kernel sends no alias when none is set; an empty one means the same */
		if (n > 0) {
			l->alias = xmalloc(n + 1);
			memcpy(l->alias, s, n);
			l->alias[n] = '\0';
		}
	}
	return 1;
bad:
	errno = EPROTO;
	return -1;
}

int
link_table_add(const struct nlmsghdr *nlh, void *data)
{
	struct link_table *t = data;
	struct link l;
	int r = link_parse(nlh, &l);

	if (r < 0)
		return MNL_CB_ERROR;
	if (r == 0)
		return MNL_CB_OK;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->links = xrealloc(t->links, t->cap, sizeof(*t->links));
	}
	t->links[t->n++] = l;
	return MNL_CB_OK;
}

static int
cmp_index(const void *a, const void *b)
{
	const struct link *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

void
link_table_sort(struct link_table *t)
{
	if (t->n > 1)
		qsort(t->links, t->n, sizeof(*t->links), cmp_index);
}

void
link_table_free(struct link_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->links[i].alias);
	free(t->links);
	memset(t, 0, sizeof(*t));
}

int
link_load(struct nl *nl, struct link_table *t, int flags)
{
	for (int tries = 0;; tries++) {
		struct nlmsghdr *req = nl_request(nl, RTM_GETLINK, 0);
		struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(req, sizeof(*ifi));

		ifi->ifi_family = AF_UNSPEC;
		/* without counters the reply is smaller (kernel 4.17+, ignored before) */
		if (!(flags & LINK_STATS))
			mnl_attr_put_u32(req, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
		if (nl_dump(nl, req, link_table_add, t) == 0)
			break;
		if (errno != EINTR || tries == 2) {
			int saved = errno;

			link_table_free(t);
			errno = saved;
			return -1;
		}
		/* the table changed while it was read: read it again */
		link_table_free(t);
	}
	link_table_sort(t);
	return 0;
}

const struct link *
link_by_index(const struct link_table *t, unsigned int index)
{
	struct link key = { .index = index };

	if (t->n == 0)
		return NULL;
	return bsearch(&key, t->links, t->n, sizeof(*t->links), cmp_index);
}

const struct link *
link_by_name(const struct link_table *t, const char *name)
{
	const struct link *found = NULL;

	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->links[i].name, name) == 0)
			return &t->links[i];
	for (size_t i = 0; i < t->n; i++) {
		if (t->links[i].alias == NULL || strcmp(t->links[i].alias, name) != 0)
			continue;
		if (found != NULL) {
			errno = ENOTUNIQ;
			return NULL;
		}
		found = &t->links[i];
	}
	if (found == NULL)
		errno = ENODEV;
	return found;
}

const char *
link_strerror(int e)
{
	return e == ENOTUNIQ ? "alias of more than one interface" : "no such interface";
}

int
link_lookup(const struct link_table *t, const char *name, char kname[IFNAMSIZ])
{
	struct link_table own = { 0 };
	const struct link *l;
	struct nl *nl;
	int ret = 0, saved;

	/* longer than any alias the kernel keeps: no link has it, no table is read */
	if (strnlen(name, LINK_ALIAS_MAX + 1) > LINK_ALIAS_MAX) {
		errno = ENODEV;
		return 0;
	}
	if (t == NULL) {
		if ((nl = nl_open(NETLINK_ROUTE)) == NULL)
			return -1;
		ret = link_load(nl, &own, 0);
		saved = errno;
		nl_close(nl);
		errno = saved;
		if (ret < 0)
			return -1;
		t = &own;
	}
	if ((l = link_by_name(t, name)) != NULL) {
		ret = (int)l->index;
		if (kname != NULL)
			memcpy(kname, l->name, IFNAMSIZ);
	}
	saved = errno;
	link_table_free(&own);
	errno = saved;
	return ret;
}

const char *
link_display(const struct link *l)
{
	return l->alias != NULL ? l->alias : l->name;
}
