/* SPDX-License-Identifier: BSD-2-Clause */
/* probe.c - the probe socket: open it, send a probe at a TTL, read what answers. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "esa.h"
#include "icmp.h"
#include "probe.h"

static int
setopt(int fd, int level, int name, int value)
{
	return setsockopt(fd, level, name, &value, sizeof(value));
}

/*
 * The raw socket that reads the ICMP errors whole (quoted header included, where the
 * error queue gives only the payload), when CAP_NET_RAW allows one: it passes time
 * exceeded, unreachable and (IPv6) parameter problem only. The descriptor, or -1:
 * without the capability, errors are read from the queue (IP_RECVERR) instead.
 */
static int
open_errors(int family)
{
	static const uint8_t v4[] = { ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED };
	static const uint8_t v6[] = { ICMP6_TIME_EXCEEDED, ICMP6_DST_UNREACH, ICMP6_PARAM_PROB };
	int fd = socket(family, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);

	if (fd < 0)
		return -1;
	if ((family == AF_INET6 ? icmp_filter(fd, family, v6, ESA_NELEM(v6)) :
	    icmp_filter(fd, family, v4, ESA_NELEM(v4))) == 0 &&
	    setopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1) == 0)
		return fd;
	close(fd);
	return -1;
}

/* Options of the open socket: errors queued, kernel timestamps, no DF (FreeBSD
 * sends without it), the source and the interface. 0, or -1 with *what and errno. */
static int
configure(struct probe_sock *s, const struct addr *src, unsigned scope_id, const char *ifname,
    const char **what)
{
	static const uint8_t raw6[] = { ICMP6_ECHO_REPLY, ICMP6_TIME_EXCEEDED,
	    ICMP6_DST_UNREACH, ICMP6_PARAM_PROB };
	static const struct in6_addr any;
	struct sockaddr_storage ss;
	socklen_t sl;
	int v6 = s->family == AF_INET6;

	*what = "setsockopt";
	if (!s->raw && s->efd < 0 && (v6 ? setopt(s->fd, IPPROTO_IPV6, IPV6_RECVERR, 1) :
	    setopt(s->fd, IPPROTO_IP, IP_RECVERR, 1)) < 0)
		return -1;
	if (setopt(s->fd, SOL_SOCKET, SO_TIMESTAMPNS, 1) < 0)
		return -1;
	if ((v6 ? setopt(s->fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, IPV6_PMTUDISC_DONT) :
	    setopt(s->fd, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT)) < 0)
		return -1;
	if (s->raw && v6 && icmp_filter(s->fd, AF_INET6, raw6, ESA_NELEM(raw6)) < 0)
		return -1;
	if (ifname != NULL) {
		*what = "-i";
		if (setsockopt(s->fd, SOL_SOCKET, SO_BINDTODEVICE, ifname,
		    (socklen_t)strlen(ifname) + 1) < 0)
			return -1;
	}
	if (s->raw && src == NULL)
		return 0;
	/* bound even without -s: the UDP source port and the ICMP identifier stay put */
	*what = "bind";
	/* a link-local source is bound in the destination's zone (the kernel reads it
	 * for link-local addresses alone) */
	sl = src != NULL ? addr_sockaddr(&ss, s->family, &src->u, 0, scope_id) :
	    addr_sockaddr(&ss, s->family, &any, 0, 0);
	if (bind(s->fd, (struct sockaddr *)&ss, sl) < 0)
		return -1;
	return 0;
}

int
probe_open(struct probe_sock *s, struct trace_key *k, const struct addr *dst, unsigned scope_id,
    const struct addr *src, const char *ifname, enum trace_method method, size_t datalen,
    const char **what)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);

	memset(s, 0, sizeof(*s));
	s->efd = -1;
	s->family = dst->family;
	s->method = method;
	s->datalen = datalen;
	s->pkt = xcalloc(1, datalen + 8);
	*what = method == TRACE_ICMP ? "ICMP socket" : "UDP socket";
	s->fd = method == TRACE_ICMP ? icmp_open(s->family, &s->raw) :
	    socket(s->family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (s->fd < 0)
		return -1;
	/* a raw probe socket reads its errors whole already */
	if (!s->raw)
		s->efd = open_errors(s->family);
	s->quoted = s->raw || s->efd >= 0;
	if (configure(s, src, scope_id, ifname, what) < 0)
		return -1;
	memset(k, 0, sizeof(*k));
	k->family = s->family;
	k->method = method;
	memcpy(k->dst, &dst->u, s->family == AF_INET6 ? 16 : 4);
	if (method == TRACE_UDP) {
		*what = "getsockname";
		if (getsockname(s->fd, (struct sockaddr *)&ss, &sl) < 0)
			return -1;
		/* the quoted UDP header names it: errors about other sockets are not ours */
		k->sport = ntohs(((struct sockaddr_in *)&ss)->sin_port);
	} else if (method == TRACE_ICMP && s->raw) {
		k->ident = (uint16_t)getpid();
	} else if (method == TRACE_ICMP) {
		*what = "getsockname";
		if (getsockname(s->fd, (struct sockaddr *)&ss, &sl) < 0)
			return -1;
		/* a datagram ICMP socket's port is its echo identifier */
		k->ident = ntohs(((struct sockaddr_in *)&ss)->sin_port);
	}
	s->dstlen = addr_sockaddr(&s->dst, s->family, &dst->u, 0, scope_id);
	return 0;
}

void
probe_close(struct probe_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	if (s->efd >= 0)
		close(s->efd);
	s->fd = s->efd = -1;
	free(s->pkt);
	s->pkt = NULL;
}

int
probe_send(struct probe_sock *s, const struct trace_key *k, unsigned p, unsigned ttl)
{
	struct sockaddr_storage to = s->dst;
	size_t len = s->datalen;
	uint8_t *b = s->pkt;

	/* the probes of a hop leave one after another: one setsockopt() a hop */
	if (ttl != s->ttl) {
		if ((s->family == AF_INET6 ?
		    setopt(s->fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, (int)ttl) :
		    setopt(s->fd, IPPROTO_IP, IP_TTL, (int)ttl)) < 0)
			return -1;
		s->ttl = ttl;
	}
	if (s->method == TRACE_UDP) {
		uint16_t port = htons((uint16_t)(k->port + p));

		if (s->family == AF_INET6)
			((struct sockaddr_in6 *)&to)->sin6_port = port;
		else
			((struct sockaddr_in *)&to)->sin_port = port;
	} else {
		/* an echo request: type, code, checksum, identifier, sequence = probe */
		memset(b, 0, 8);
		b[0] = s->family == AF_INET6 ? ICMP6_ECHO_REQUEST : 8;
		b[4] = (uint8_t)(k->ident >> 8);
		b[5] = (uint8_t)k->ident;
		b[6] = (uint8_t)(p >> 8);
		b[7] = (uint8_t)p;
		len = s->datalen + 8;
		if (s->family == AF_INET) {
			uint16_t c = icmp_checksum(b, len);

			b[2] = (uint8_t)(c >> 8);
			b[3] = (uint8_t)c;
		}
	}
	if (sendto(s->fd, b, len, 0, (struct sockaddr *)&to, s->dstlen) < 0)
		return -1;
	return 0;
}

/* The kernel's arrival time (SCM_TIMESTAMPNS) in nanoseconds, 0 when absent; and the
 * IP_RECVERR/IPV6_RECVERR data. */
static void
read_cmsgs(struct msghdr *m, int64_t *stamp, struct errq *q)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c != NULL; c = CMSG_NXTHDR(m, c)) {
		size_t n = c->cmsg_len - CMSG_LEN(0);

		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS &&
		    n >= sizeof(struct timespec)) {
			struct timespec ts;

			memcpy(&ts, CMSG_DATA(c), sizeof(ts));
			*stamp = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
		} else if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR) ||
		    (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR)) {
			q->ee = CMSG_DATA(c);
			q->eelen = n;
		}
	}
}

enum queue { Q_ERRQ, Q_MAIN, Q_ERRSOCK };

/* One message: from the error queue, the ordinary one, or the raw error socket (Q).
 * 1 with R, 0 when the queue is empty, 2 for a message that is not ours (*WHY says
 * why), -1 on error. */
static int
read_one(struct probe_sock *s, const struct trace_key *k, enum queue qu, struct reply *r,
    int64_t *stamp, const char **why)
{
	bool errq = qu == Q_ERRQ;
	union { struct cmsghdr align; uint8_t b[512]; } ctl;
	struct sockaddr_storage from;
	uint8_t buf[2048];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov,
	    .msg_iovlen = 1, .msg_control = ctl.b, .msg_controllen = sizeof(ctl.b) };
	struct errq q = { 0 };
	const unsigned char *fa;
	ssize_t n;

	*stamp = 0;
	n = recvmsg(qu == Q_ERRSOCK ? s->efd : s->fd, &m,
	    MSG_DONTWAIT | (errq ? MSG_ERRQUEUE : 0));
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	read_cmsgs(&m, stamp, &q);
	fa = s->family == AF_INET6 ? (const unsigned char *)&((struct sockaddr_in6 *)&from)->sin6_addr :
	    (const unsigned char *)&((struct sockaddr_in *)&from)->sin_addr;
	if (errq) {
		q.dst = fa;
		q.dport = ntohs(s->family == AF_INET6 ? ((struct sockaddr_in6 *)&from)->sin6_port :
		    ((struct sockaddr_in *)&from)->sin_port);
		q.data = buf;
		q.dlen = (size_t)n;
		if (q.ee == NULL) {
			*why = "no error information";
			return 2;
		}
		return reply_errqueue(&q, k, r, why) == 0 ? 1 : 2;
	}
	if (qu == Q_ERRSOCK && s->family == AF_INET6)
		return reply_icmp6(buf, (size_t)n, fa, k, r, why) == 0 ? 1 : 2;
	if (qu == Q_ERRSOCK)
		return reply_ip4(buf, (size_t)n, k, r, why) == 0 ? 1 : 2;
	if (s->method == TRACE_UDP) {
		*why = "a UDP answer";	/* a service listening on a probed port */
		return 2;
	}
	if (!s->raw)
		return reply_echo(buf, (size_t)n, fa, k, r, why) == 0 ? 1 : 2;
	if (s->family == AF_INET6)
		return reply_icmp6(buf, (size_t)n, fa, k, r, why) == 0 ? 1 : 2;
	return reply_ip4(buf, (size_t)n, k, r, why) == 0 ? 1 : 2;
}

int
probe_recv(struct probe_sock *s, const struct trace_key *k, struct reply *r, int64_t *stamp,
    const char **why)
{
	int st;

	if (s->efd >= 0) {
		if ((st = read_one(s, k, Q_ERRSOCK, r, stamp, why)) != 0)
			return st;
	} else if (!s->raw) {
		if ((st = read_one(s, k, Q_ERRQ, r, stamp, why)) != 0)
			return st;
	}
	return read_one(s, k, Q_MAIN, r, stamp, why);
}
