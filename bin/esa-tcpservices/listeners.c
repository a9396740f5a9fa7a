/* SPDX-License-Identifier: BSD-2-Clause */
/* listeners.c - the listening sockets (sock_diag dumps), kept in a hash set by inode. */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "esa.h"
#include "tcpservices.h"

bool
listeners_wanted(const struct sockdiag_sock *s)
{
	if (s->protocol == IPPROTO_TCP)
		return s->state == SOCK_LISTEN;
	/*
	 * UDP has no LISTEN: a service's socket is bound to a port and not
	 * connected (state CLOSE, as `ss -lu` shows UNCONN). A connected UDP socket
	 * (state ESTABLISHED) is some client's, so it is not listed.
	 */
	return s->protocol == IPPROTO_UDP && s->state == SOCK_CLOSE && s->sport != 0;
}

/* Parses one message and keeps the socket if it is wanted; inode 0 is no file's. */
static int
add(const struct nlmsghdr *nlh, struct listeners *l, int protocol)
{
	struct sockdiag_sock s;
	int r = sockdiag_parse(nlh, protocol, &s);

	if (r < 0)
		return MNL_CB_ERROR;
	if (r == 0 || !listeners_wanted(&s) || s.inode == 0)
		return MNL_CB_OK;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = s;
	return MNL_CB_OK;
}

int
listeners_add_tcp(const struct nlmsghdr *nlh, void *data)
{
	return add(nlh, data, IPPROTO_TCP);
}

int
listeners_add_udp(const struct nlmsghdr *nlh, void *data)
{
	return add(nlh, data, IPPROTO_UDP);
}

/* Fibonacci hashing: inodes come from a counter, so the low bits alone would do too. */
static size_t
slot_of(uint32_t inode, size_t nslots)
{
	return (size_t)((inode * 2654435769u) & (uint32_t)(nslots - 1));
}

void
listeners_index(struct listeners *l)
{
	size_t want = 16;

	while (want < l->n * 2)
		want *= 2;
	free(l->slots);
	l->nslots = want;
	l->slots = xcalloc(want, sizeof(*l->slots));
	for (size_t i = 0; i < l->n; i++) {
		size_t k = slot_of(l->v[i].inode, want);

		while (l->slots[k] != 0) {
			/* the same socket twice (a dump that saw it move): keep one */
			if (l->v[l->slots[k] - 1].inode == l->v[i].inode)
				break;
			k = (k + 1) & (want - 1);
		}
		if (l->slots[k] == 0)
			l->slots[k] = (uint32_t)i + 1;
	}
}

const struct sockdiag_sock *
listeners_find(const struct listeners *l, uint32_t inode)
{
	size_t k;

	if (l->nslots == 0)
		return NULL;
	for (k = slot_of(inode, l->nslots); l->slots[k] != 0; k = (k + 1) & (l->nslots - 1)) {
		const struct sockdiag_sock *s = &l->v[l->slots[k] - 1];

		if (s->inode == inode)
			return s;
	}
	return NULL;
}

int
listeners_load(struct nl *nl, const struct topts *o, struct listeners *l)
{
	static const int families[] = { AF_INET, AF_INET6 };

	for (size_t i = 0; i < ESA_NELEM(families); i++) {
		if (o->family != AF_UNSPEC && o->family != families[i])
			continue;
		/*
		 * LISTEN only: asking for more states makes the kernel walk the whole
		 * established hash (milliseconds per dump even on an idle host).
		 */
		if (nl_dump(nl, sockdiag_request(nl, families[i], IPPROTO_TCP,
		    SOCK_STATE_BIT(SOCK_LISTEN)), listeners_add_tcp, l) < 0 && errno != EINTR)
			return -1;
		if (!o->udp)
			continue;
		if (nl_dump(nl, sockdiag_request(nl, families[i], IPPROTO_UDP,
		    SOCK_STATE_BIT(SOCK_CLOSE)), listeners_add_udp, l) < 0 && errno != EINTR)
			return -1;
	}
	listeners_index(l);
	return 0;
}

void
listeners_free(struct listeners *l)
{
	free(l->v);
	free(l->slots);
	memset(l, 0, sizeof(*l));
}
