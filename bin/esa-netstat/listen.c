/* SPDX-License-Identifier: BSD-2-Clause */
/* listen.c - view 4, the listen queues: accept queue, half-open connections, backlog. */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include "addr.h"
#include "esa.h"
#include "json.h"
#include "netstat.h"
#include "sockdiag.h"
#include "text.h"

/* The listeners, kept to count each one's half-open connections before printing. */
struct listeners {
	struct listener *v;
	size_t n, cap;
};

static int
add_listener(const struct nlmsghdr *nlh, void *data)
{
	struct listeners *t = data;
	struct sockdiag_sock s;
	int r = sockdiag_parse(nlh, IPPROTO_TCP, &s);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	if (s.state != SOCK_LISTEN)
		return MNL_CB_OK;
	sockets_unmap(&s);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xrealloc(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n++] = (struct listener){ .s = s };
	return MNL_CB_OK;
}

/*
 * The listener a half-open connection S belongs to: same port, and the listener's
 * own address, or failing that a wildcard one of a family that takes it (an IPv6
 * one takes IPv4 unless it is v6only). NULL if none (it may have closed).
 */
struct listener *
listen_owner(struct listener *v, size_t n, const struct sockdiag_sock *s)
{
	static const unsigned char any[16];
	struct listener *wild = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct sockdiag_sock *l = &v[i].s;

		if (l->sport != s->sport)
			continue;
		if (l->family == s->family && memcmp(l->src, s->src, s->family == AF_INET ? 4 : 16) == 0)
			return &v[i];
		if (wild == NULL && memcmp(l->src, any, l->family == AF_INET ? 4 : 16) == 0 &&
		    (l->family == s->family || sockets_dual_stack(l)))
			wild = &v[i];
	}
	return wild;
}

static int
count_half_open(const struct nlmsghdr *nlh, void *data)
{
	struct listeners *t = data;
	struct listener *owner;
	struct sockdiag_sock s;
	int r = sockdiag_parse(nlh, IPPROTO_TCP, &s);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	if (s.state != SOCK_SYN_RECV && s.state != SOCK_NEW_SYN_RECV)
		return MNL_CB_OK;
	sockets_unmap(&s);
	if ((owner = listen_owner(t->v, t->n, &s)) != NULL)
		owner->incqlen++;
	return MNL_CB_OK;
}

/*
 * "host.port" with the port in numbers, as FreeBSD's netstat -L prints it, and the
 * host cut at 16 characters unless WIDE ("localhost.example.com" -> "localhost.exampl").
 */
void
listen_address(char *buf, size_t size, const struct sockdiag_sock *s, int addr_flags, bool wide)
{
	char text[ADDR_HOSTPORT_MAX], safe[TEXT_SAFE_SIZE(ADDR_HOSTPORT_MAX)];
	const char *host, *dot;

	/* the port is a number, so the last dot always ends the host */
	addr_hostport(text, sizeof(text), s->family, s->src, s->sport, IPPROTO_TCP,
	    addr_flags | ADDR_NUMERIC_PORT, '.');
	host = text_safe(safe, sizeof(safe), text);
	if ((dot = strrchr(host, '.')) == NULL || wide || dot - host <= 16)
		snprintf(buf, size, "%s", host);
	else
		snprintf(buf, size, "%.16s%s", host, dot);
}

void
listen_print_row(FILE *out, const struct listener *l, int addr_flags, bool wide)
{
	char q[48], addr[TEXT_SAFE_SIZE(ADDR_HOSTPORT_MAX)];

	snprintf(q, sizeof(q), "%u/%u/%u", l->s.rqueue, l->incqlen, l->s.wqueue);
	listen_address(addr, sizeof(addr), &l->s, addr_flags, wide);
	fprintf(out, "%-5s %-14s %s\n", sockets_proto(&l->s), q, addr);
}

void
listen_print_json(struct json *j, const struct listener *l, int addr_flags)
{
	char ip[ADDR_IP_MAX], name[1025];

	json_object_open(j);
	sockets_json_proto(j, &l->s);
	json_key_uint(j, "qlen", l->s.rqueue);
	json_key_uint(j, "incqlen", l->incqlen);
	json_key_uint(j, "maxqlen", l->s.wqueue);
	json_key_str(j, "local_address", addr_ip(ip, sizeof(ip), l->s.family, l->s.src, NULL));
	json_key_uint(j, "local_port", l->s.sport);
	if (addr_name(l->s.family, l->s.src, 0, addr_flags, name, sizeof(name)) == 0)
		json_key_str(j, "local_hostname", name);
	json_object_close(j);
}

/* Reads the listeners of both families, then the half-open connections. */
static int
listen_collect(struct nl *diag, struct listeners *t)
{
	static const int families[] = { AF_INET, AF_INET6 };

	for (size_t f = 0; f < ESA_NELEM(families); f++)
		if (nl_dump(diag, sockdiag_request(diag, families[f], IPPROTO_TCP,
		    SOCK_STATE_BIT(SOCK_LISTEN)), add_listener, t) < 0 && errno != EINTR)
			return -1;
	for (size_t f = 0; f < ESA_NELEM(families) && t->n > 0; f++)
		if (nl_dump(diag, sockdiag_request(diag, families[f], IPPROTO_TCP,
		    SOCK_STATE_BIT(SOCK_SYN_RECV) | SOCK_STATE_BIT(SOCK_NEW_SYN_RECV)),
		    count_half_open, t) < 0 && errno != EINTR)
			return -1;
	return 0;
}

int
listen_run(struct nl *diag, const struct nopts *o)
{
	struct listeners t = { 0 };
	int flags = o->numeric ? ADDR_NUMERIC : 0;
	struct json j;

	if (listen_collect(diag, &t) < 0) {
		warn("reading the listening sockets");
		free(t.v);
		return ESA_EXIT_ERR;
	}
	if (o->json) {
		json_init(&j, stdout, 0);
		json_array_open(&j);
	} else {
		printf("Current listen queue sizes (qlen/incqlen/maxqlen)\n");
		printf("%-5s %-14s %s\n", "Proto", "Listen", "Local Address");
	}
	for (size_t i = 0; i < t.n; i++) {
		if (!sockets_family_match(&t.v[i].s, o->family))
			continue;
		if (o->json)
			listen_print_json(&j, &t.v[i], flags);
		else
			listen_print_row(stdout, &t.v[i], flags, o->wide);
	}
	if (o->json) {
		json_array_close(&j);
		json_end(&j);
	}
	free(t.v);
	return ESA_EXIT_OK;
}
