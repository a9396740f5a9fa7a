/* SPDX-License-Identifier: BSD-2-Clause */
/* sockets.c - view 1, the list of active sockets: FreeBSD's netstat -a from sock_diag. */
#include <err.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include "addr.h"
#include "esa.h"
#include "json.h"
#include "netstat.h"
#include "sockdiag.h"
#include "text.h"

/* FreeBSD's tcp_state names for the kernel's TCP states; SYN_RECV both ways. */
const char *
sockets_state_name(uint8_t state)
{
	static const char *const names[] = {
		[SOCK_ESTABLISHED] = "ESTABLISHED", [SOCK_SYN_SENT] = "SYN_SENT",
		[SOCK_SYN_RECV] = "SYN_RCVD", [SOCK_FIN_WAIT1] = "FIN_WAIT_1",
		[SOCK_FIN_WAIT2] = "FIN_WAIT_2", [SOCK_TIME_WAIT] = "TIME_WAIT",
		[SOCK_CLOSE] = "CLOSED", [SOCK_CLOSE_WAIT] = "CLOSE_WAIT",
		[SOCK_LAST_ACK] = "LAST_ACK", [SOCK_LISTEN] = "LISTEN",
		[SOCK_CLOSING] = "CLOSING", [SOCK_NEW_SYN_RECV] = "SYN_RCVD",
	};

	return state < ESA_NELEM(names) && names[state] != NULL ? names[state] : "UNKNOWN";
}

/*
 * An IPv6 socket talking IPv4 has IPv4-mapped addresses (::ffff:a.b.c.d); FreeBSD
 * shows such a connection as tcp4 with the IPv4 addresses, and so do we.
 */
void
sockets_unmap(struct sockdiag_sock *s)
{
	static const unsigned char prefix[12] = { [10] = 0xff, [11] = 0xff };

	if (s->family != AF_INET6 || memcmp(s->src, prefix, 12) != 0)
		return;
	memmove(s->src, s->src + 12, 4);
	memset(s->src + 4, 0, 12);
	if (memcmp(s->dst, prefix, 12) == 0)
		memmove(s->dst, s->dst + 12, 4);
	memset(s->dst + 4, 0, 12);
	s->family = AF_INET;
}

/* Does an AF_INET6 socket also take IPv4 ("tcp46")? Unspecified address, not v6only. */
bool
sockets_dual_stack(const struct sockdiag_sock *s)
{
	static const unsigned char any[16];

	return s->family == AF_INET6 && !s->v6only && memcmp(s->src, any, 16) == 0;
}

/* "tcp4", "tcp6", "udp46"...: the protocol and the families the socket takes. */
const char *
sockets_proto(const struct sockdiag_sock *s)
{
	bool udp = s->protocol == IPPROTO_UDP;

	if (sockets_dual_stack(s))
		return udp ? "udp46" : "tcp46";
	if (s->family == AF_INET)
		return udp ? "udp4" : "tcp4";
	return udp ? "udp6" : "tcp6";
}

/*
 * FreeBSD hides, without -a, the sockets of servers: TCP listeners and any socket
 * with no foreign address (unconnected UDP).
 */
bool
sockets_listed(const struct sockdiag_sock *s, bool all)
{
	static const unsigned char any[16];

	if (all)
		return true;
	if (s->protocol == IPPROTO_TCP && s->state == SOCK_LISTEN)
		return false;
	return memcmp(s->dst, any, s->family == AF_INET ? 4 : 16) != 0;
}

/*
 * Does S belong to the -4 or -6 listing? As FreeBSD's -f inet, a socket that
 * also takes IPv4 (tcp46) is in both.
 */
bool
sockets_family_match(const struct sockdiag_sock *s, int family)
{
	return family == AF_UNSPEC || s->family == family ||
	    (family == AF_INET && sockets_dual_stack(s));
}

/*
 * Linux reports a listener's accept queue and backlog where a connection has bytes
 * queued; FreeBSD's Recv-Q and Send-Q are bytes in the socket buffers, which a
 * listener never holds, so it prints 0 0 (the queues belong to -L).
 */
void
sockets_listen_queues(struct sockdiag_sock *s)
{
	if (s->protocol == IPPROTO_TCP && s->state == SOCK_LISTEN)
		s->rqueue = s->wqueue = 0;
}

/* Copies S to P, padded with spaces to WIDTH (never cut); returns the end. */
static char *
put_left(char *p, const char *s, size_t width)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	p += n;
	for (; n < width; n++)
		*p++ = ' ';
	return p;
}

/* V right-aligned in WIDTH (wider values push). */
static char *
put_right(char *p, uint32_t v, size_t width)
{
	char tmp[10];
	size_t n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (size_t i = n; i < width; i++)
		*p++ = ' ';
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* One text row: "%-5s %6u %6u %-22s %-22s %s". Built in one buffer, one write. */
void
sockets_print_row(FILE *out, const struct sockdiag_sock *s, int addr_flags)
{
	char line[2 * ADDR_HOSTPORT_MAX + 64], local[ADDR_HOSTPORT_MAX];
	char foreign[ADDR_HOSTPORT_MAX], safe[TEXT_SAFE_SIZE(ADDR_HOSTPORT_MAX)], *p = line;

	addr_hostport(local, sizeof(local), s->family, s->src, s->sport, s->protocol,
	    addr_flags, '.');
	addr_hostport(foreign, sizeof(foreign), s->family, s->dst, s->dport, s->protocol,
	    addr_flags, '.');
	p = put_left(p, sockets_proto(s), 5);
	*p++ = ' ';
	p = put_right(p, s->rqueue, 6);
	*p++ = ' ';
	p = put_right(p, s->wqueue, 6);
	*p++ = ' ';
	/* names come from the resolver: escaped, which only costs when they need it */
	p = put_left(p, text_safe(safe, sizeof(safe), local), 22);
	*p++ = ' ';
	if (s->protocol == IPPROTO_TCP) {
		p = put_left(p, text_safe(safe, sizeof(safe), foreign), 22);
		*p++ = ' ';
		p = put_left(p, sockets_state_name(s->state), 0);
	} else {
		p = put_left(p, text_safe(safe, sizeof(safe), foreign), 0);
	}
	*p++ = '\n';
	fwrite(line, 1, (size_t)(p - line), out);
}

/*
 * The text's Proto column in esa-tools(7)'s words: protocol and family, and v6only for
 * an inet6 socket (as esa-tcpservices prints it), from which a script rebuilds "tcp46"
 * (inet6, v6only false, the unspecified address). A connection unmapped to IPv4 is
 * inet, as its tcp4 in the text.
 */
void
sockets_json_proto(struct json *j, const struct sockdiag_sock *s)
{
	json_key_str(j, "protocol", s->protocol == IPPROTO_UDP ? "udp" : "tcp");
	json_key_str(j, "family", s->family == AF_INET ? "inet" : "inet6");
	if (s->family == AF_INET6)
		json_key_bool(j, "v6only", s->v6only);
}

/* One JSON row: numeric addresses always, names beside them when found. */
void
sockets_print_json(struct json *j, const struct sockdiag_sock *s, int addr_flags)
{
	char ip[ADDR_IP_MAX], name[1025];

	json_object_open(j);
	sockets_json_proto(j, s);
	json_key_uint(j, "recv_q_bytes", s->rqueue);
	json_key_uint(j, "send_q_bytes", s->wqueue);
	json_key_str(j, "local_address", addr_ip(ip, sizeof(ip), s->family, s->src, NULL));
	json_key_uint(j, "local_port", s->sport);
	if (addr_name(s->family, s->src, 0, addr_flags, name, sizeof(name)) == 0)
		json_key_str(j, "local_hostname", name);
	json_key_str(j, "foreign_address", addr_ip(ip, sizeof(ip), s->family, s->dst, NULL));
	json_key_uint(j, "foreign_port", s->dport);
	if (addr_name(s->family, s->dst, 0, addr_flags, name, sizeof(name)) == 0)
		json_key_str(j, "foreign_hostname", name);
	if (s->protocol == IPPROTO_TCP)
		json_key_str(j, "state", sockets_state_name(s->state));
	json_key_uint(j, "uid", s->uid);
	json_key_uint(j, "inode", s->inode);
	json_object_close(j);
}

struct listing {
	const struct nopts *o;
	int protocol;
	int addr_flags;
	struct json *j;		/* NULL for text */
};

static int
sockets_entry(const struct nlmsghdr *nlh, void *data)
{
	struct listing *l = data;
	struct sockdiag_sock s;
	int r = sockdiag_parse(nlh, l->protocol, &s);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	sockets_unmap(&s);
	if (!sockets_listed(&s, l->o->all) || !sockets_family_match(&s, l->o->family))
		return MNL_CB_OK;
	sockets_listen_queues(&s);
	if (l->j != NULL)
		sockets_print_json(l->j, &s, l->addr_flags);
	else
		sockets_print_row(stdout, &s, l->addr_flags);
	return MNL_CB_OK;
}

int
sockets_run(struct nl *diag, const struct nopts *o)
{
	static const int protocols[] = { IPPROTO_TCP, IPPROTO_UDP };
	static const int families[] = { AF_INET, AF_INET6 };
	struct json j;
	/* ports stay numeric, as every one in the appliance's samples; --services names them */
	struct listing l = { .o = o, .addr_flags = o->numeric ? ADDR_NUMERIC :
	    o->services ? 0 : ADDR_NUMERIC_PORT };
	/*
	 * Half-open connections are FreeBSD's syncache entries, which its netstat -a never
	 * lists (-L counts them in incqlen): the kernel leaves them out for us. A TCP Fast
	 * Open socket still in SYN_RECV goes with them.
	 */
	uint32_t states = SOCK_ALL_STATES & ~(SOCK_STATE_BIT(SOCK_SYN_RECV) |
	    SOCK_STATE_BIT(SOCK_NEW_SYN_RECV));

	/* without -a the kernel can leave listeners out itself */
	if (!o->all)
		states &= ~SOCK_STATE_BIT(SOCK_LISTEN);

	if (o->json) {
		json_init(&j, stdout, 0);
		json_array_open(&j);
		l.j = &j;
	} else {
		printf("Active Internet connections%s\n", o->all ? " (including servers)" : "");
		printf("%-5s %-6s %-6s %-22s %-22s %s\n", "Proto", "Recv-Q", "Send-Q",
		    "Local Address", "Foreign Address", "(state)");
	}
	for (size_t p = 0; p < ESA_NELEM(protocols); p++) {
		if (o->protocol != 0 && o->protocol != protocols[p])
			continue;
		l.protocol = protocols[p];
		for (size_t f = 0; f < ESA_NELEM(families); f++) {
			/* -4 reads IPv6 sockets too: dual-stack and IPv4-mapped ones are IPv4's */
			if (o->family == AF_INET6 && families[f] == AF_INET)
				continue;
			if (nl_dump(diag, sockdiag_request(diag, families[f], protocols[p], states),
			    sockets_entry, &l) < 0 && errno != EINTR) {
				warn("reading the sockets");
				return ESA_EXIT_ERR;
			}
		}
	}
	if (o->json) {
		json_array_close(&j);
		json_end(&j);
	}
	return ESA_EXIT_OK;
}
