/* SPDX-License-Identifier: BSD-2-Clause */
/* ntable.c - each interface's current reachable time, from the neighbour table parameters. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "arpshow.h"
#include "esa.h"

/*
 * One RTM_NEWNEIGHTBL message carries either the table's own parameters (no
 * NDTPA_IFINDEX, or 0) or one interface's. NDTPA_REACHABLE_TIME is the value the
 * kernel's timer uses: drawn at random between 0.5 and 1.5 times the base
 * reachable time, and drawn again every few minutes.
 */
int
ntable_add(const struct nlmsghdr *nlh, void *data)
{
	struct ntable *t = data;
	const struct nlattr *tb[NDTA_MAX + 1], *parms[NDTPA_MAX + 1];
	unsigned int ifindex = 0;
	uint64_t ms;

	if (nlh->nlmsg_type != RTM_NEWNEIGHTBL)
		return MNL_CB_OK;
	if (nl_attrs(nlh, sizeof(struct ndtmsg), tb, NDTA_MAX, NULL) < 0)
		return MNL_CB_ERROR;
	if (tb[NDTA_PARMS] == NULL)
		return MNL_CB_OK;
	if (nl_nested(tb[NDTA_PARMS], parms, NDTPA_MAX, NULL) < 0)
		return MNL_CB_ERROR;
	if (parms[NDTPA_REACHABLE_TIME] == NULL ||
	    mnl_attr_get_payload_len(parms[NDTPA_REACHABLE_TIME]) < sizeof(uint64_t))
		return MNL_CB_OK;
	ms = mnl_attr_get_u64(parms[NDTPA_REACHABLE_TIME]);
	if (ms > UINT32_MAX)
		ms = UINT32_MAX;
	if (parms[NDTPA_IFINDEX] != NULL) {
		if (mnl_attr_get_payload_len(parms[NDTPA_IFINDEX]) < sizeof(uint32_t)) {
			errno = EPROTO;
			return MNL_CB_ERROR;
		}
		ifindex = mnl_attr_get_u32(parms[NDTPA_IFINDEX]);
	}
	if (ifindex == 0) {
		t->default_ms = (uint32_t)ms;
		return MNL_CB_OK;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n].ifindex = ifindex;
	t->v[t->n].ms = (uint32_t)ms;
	t->n++;
	return MNL_CB_OK;
}

static int
cmp_reach(const void *a, const void *b)
{
	const struct reach *x = a, *y = b;

	return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

void
ntable_sort(struct ntable *t)
{
	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), cmp_reach);
}

int
ntable_load(struct nl *nl, int family, struct ntable *t)
{
	struct nlmsghdr *req = nl_request(nl, RTM_GETNEIGHTBL, 0);
	struct ndtmsg *ndtm = mnl_nlmsg_put_extra_header(req, sizeof(*ndtm));

	ndtm->ndtm_family = (uint8_t)family;
	/* an interrupted dump is still complete enough: each message stands alone */
	if (nl_dump(nl, req, ntable_add, t) < 0 && errno != EINTR)
		return -1;
	ntable_sort(t);
	return 0;
}

/*
 * The reachable time of IFINDEX; the table's own when the interface has none, and
 * the kernel's fixed default base (30 s) only if the kernel sent neither.
 */
uint32_t
ntable_reachable_ms(const struct ntable *t, unsigned int ifindex)
{
	struct reach key = { .ifindex = ifindex }, *r = NULL;

	if (t->n > 0)
		r = bsearch(&key, t->v, t->n, sizeof(*t->v), cmp_reach);
	if (r != NULL)
		return r->ms;
	return t->default_ms != 0 ? t->default_ms : 30000;
}

void
ntable_free(struct ntable *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}
