/* SPDX-License-Identifier: BSD-2-Clause */
/* sockdiag.c - TCP and UDP sockets from the kernel's inet_diag (sock_diag) dumps. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>

#include "sockdiag.h"

struct nlmsghdr *
sockdiag_request(struct nl *nl, int family, int protocol, uint32_t states)
{
	struct nlmsghdr *req = nl_request(nl, SOCK_DIAG_BY_FAMILY, 0);
	struct inet_diag_req_v2 *r = mnl_nlmsg_put_extra_header(req, sizeof(*r));

	r->sdiag_family = (uint8_t)family;
	r->sdiag_protocol = (uint8_t)protocol;
	r->idiag_states = states;
	return req;
}

int
sockdiag_parse(const struct nlmsghdr *nlh, int protocol, struct sockdiag_sock *s)
{
	const struct nlattr *tb[INET_DIAG_MAX + 1];
	const struct inet_diag_msg *m;
	size_t alen;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return 0;
	if (nl_attrs(nlh, sizeof(*m), tb, INET_DIAG_MAX, NULL) < 0)
		return -1;
	m = mnl_nlmsg_get_payload(nlh);
	if (m->idiag_family != AF_INET && m->idiag_family != AF_INET6)
		return 0;
	memset(s, 0, sizeof(*s));
	s->family = m->idiag_family;
	s->protocol = protocol;
	s->state = m->idiag_state;
	alen = s->family == AF_INET ? 4 : 16;
	memcpy(s->src, m->id.idiag_src, alen);
	memcpy(s->dst, m->id.idiag_dst, alen);
	s->sport = ntohs(m->id.idiag_sport);
	s->dport = ntohs(m->id.idiag_dport);
	s->rqueue = m->idiag_rqueue;
	s->wqueue = m->idiag_wqueue;
	s->uid = m->idiag_uid;
	s->inode = m->idiag_inode;
	s->ifindex = m->id.idiag_if;
	if (tb[INET_DIAG_SKV6ONLY] != NULL) {
		if (mnl_attr_get_payload_len(tb[INET_DIAG_SKV6ONLY]) < 1) {
			errno = EPROTO;
			return -1;
		}
		s->v6only = mnl_attr_get_u8(tb[INET_DIAG_SKV6ONLY]) != 0;
	}
	return 1;
}
