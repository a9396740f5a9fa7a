/* SPDX-License-Identifier: BSD-2-Clause */
/* sock.c - esa-ping's socket: datagram or raw, set up before privilege is dropped. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>	/* before the linux/ headers: glibc's in6_pktinfo */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <netinet/icmp6.h>

#include "esa.h"
#include "icmp.h"
#include "priv.h"
#include "sock.h"
#include "text.h"

#define NO_RAW_HINT "needs CAP_NET_RAW, or a group in net.ipv4.ping_group_range"

/* The socket (icmp_open()): the descriptor, or -1 with a message naming what would
 * have worked when privilege was missing. */
static int
open_fd(struct ping_sock *s, char *why, size_t n)
{
	int fd = icmp_open(s->family, &s->raw), e = errno;

	if (fd >= 0)
		return fd;
	if (s->raw && (e == EPERM || e == EACCES))
		/* no CAP_NET_RAW: say what would have worked */
		snprintf(why, n, "socket: %s (%s)", strerror(e), NO_RAW_HINT);
	else
		snprintf(why, n, "socket: %s", strerror(e));
	return -1;
}

static int
setopt(int fd, int level, int name, int value, const char *what, char *why, size_t n)
{
	if (setsockopt(fd, level, name, &value, sizeof(value)) == 0)
		return 0;
	snprintf(why, n, "setsockopt %s: %s", what, strerror(errno));
	return -1;
}

/* Only the ICMP types a reply or an error can have reach a raw socket. */
static int
raw_filter(struct ping_sock *s, char *why, size_t n)
{
	static const uint8_t v4[] = { ICMP_ECHOREPLY, ICMP_DEST_UNREACH, ICMP_SOURCE_QUENCH,
	    ICMP_REDIRECT, ICMP_TIME_EXCEEDED, ICMP_PARAMETERPROB };
	static const uint8_t v6[] = { ICMP6_ECHO_REPLY, ICMP6_DST_UNREACH,
	    ICMP6_PACKET_TOO_BIG, ICMP6_TIME_EXCEEDED, ICMP6_PARAM_PROB };

	if (s->family == AF_INET ? icmp_filter(s->fd, AF_INET, v4, ESA_NELEM(v4)) == 0 :
	    icmp_filter(s->fd, AF_INET6, v6, ESA_NELEM(v6)) == 0)
		return 0;
	snprintf(why, n, "setsockopt ICMP_FILTER: %s", strerror(errno));
	return -1;
}

/* TTL, don't-fragment, and the control messages the receive path reads. */
static int
set_options(struct ping_sock *s, const struct sock_conf *c, char *why, size_t n)
{
	int fd = s->fd;

	if (setopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS", why, n) < 0)
		return -1;
	if (s->family == AF_INET) {
		/* without -D the kernel fragments and never sets DF, as FreeBSD's ping;
		 * with it, DF on every probe and no local path MTU cache (PROBE), so that
		 * each probe draws its own "frag needed" */
		if (setopt(fd, SOL_IP, IP_MTU_DISCOVER, c->dontfrag ? IP_PMTUDISC_PROBE :
		    IP_PMTUDISC_DONT, "IP_MTU_DISCOVER", why, n) < 0 ||
		    setopt(fd, SOL_IP, IP_RECVTTL, 1, "IP_RECVTTL", why, n) < 0)
			return -1;
		/* a datagram socket gets ICMP errors only through its error queue; a raw
		 * one reads them as packets, and would get them twice */
		if (!s->raw && setopt(fd, SOL_IP, IP_RECVERR, 1, "IP_RECVERR", why, n) < 0)
			return -1;
		if (c->ttl && (setopt(fd, SOL_IP, IP_TTL, c->ttl, "IP_TTL", why, n) < 0 ||
		    setopt(fd, SOL_IP, IP_MULTICAST_TTL, c->ttl, "IP_MULTICAST_TTL", why, n) < 0))
			return -1;
	} else {
		/* the address a reply came to: ping6's -v prints it */
		if (setopt(fd, SOL_IPV6, IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT", why, n) < 0 ||
		    setopt(fd, SOL_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO", why, n) < 0)
			return -1;
		if (!s->raw && setopt(fd, SOL_IPV6, IPV6_RECVERR, 1, "IPV6_RECVERR", why, n) < 0)
			return -1;
		if (c->dontfrag && (setopt(fd, SOL_IPV6, IPV6_DONTFRAG, 1, "IPV6_DONTFRAG", why,
		    n) < 0 || setopt(fd, SOL_IPV6, IPV6_MTU_DISCOVER, IPV6_PMTUDISC_PROBE,
		    "IPV6_MTU_DISCOVER", why, n) < 0))
			return -1;
		if (c->ttl && (setopt(fd, SOL_IPV6, IPV6_UNICAST_HOPS, c->ttl,
		    "IPV6_UNICAST_HOPS", why, n) < 0 || setopt(fd, SOL_IPV6,
		    IPV6_MULTICAST_HOPS, c->ttl, "IPV6_MULTICAST_HOPS", why, n) < 0))
			return -1;
	}
	if (s->raw && raw_filter(s, why, n) < 0)
		return -1;
	return 0;
}

/* The source address the kernel picks for the destination: ping6 prints it. */
static int
find_source(struct ping_sock *s, const struct sock_conf *c, char *why, size_t n)
{
	const char *what;

	if (c->src != NULL) {
		s->src = *c->src;
		return 0;
	}
	/* only ping6's header shows it; IPv4 reports an unreachable host per probe,
	 * from sendto(), as FreeBSD's ping */
	if (s->family == AF_INET)
		return 0;
	if (icmp_source(&s->dst, s->dstlen, c->ifname, &s->src, &what) < 0) {
		snprintf(why, n, "%s: %s", what, strerror(errno));
		return -1;
	}
	return 0;
}

/* -I and -S: the device and the address to send from. */
static int
bind_source(struct ping_sock *s, const struct sock_conf *c, char *why, size_t n)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char q[TEXT_QUOTE_SIZE];

	if (c->ifname != NULL && setsockopt(s->fd, SOL_SOCKET, SO_BINDTODEVICE, c->ifname,
	    (socklen_t)strlen(c->ifname) + 1) < 0) {
		snprintf(why, n, "%s: %s", text_quote(q, sizeof(q), c->ifname), strerror(errno));
		return -1;
	}
	if (c->src == NULL)
		return 0;
	len = addr_sockaddr(&ss, c->src->family, &c->src->u, 0, c->scope_id);
	if (bind(s->fd, (struct sockaddr *)&ss, len) < 0) {
		snprintf(why, n, "bind: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Whether the destination is a group: a multicast address, the limited broadcast, or
 * a subnet's broadcast address. The kernel's route says which last one is: connect()
 * of a UDP socket without SO_BROADCAST fails with EACCES exactly on a broadcast
 * route (ip_route_connect()), and sends nothing.
 */
static bool
group_destination(const struct ping_sock *s, const struct sock_conf *c)
{
	const struct in_addr a = c->dst->u.v4;
	bool group = false;
	int fd;

	if (s->family == AF_INET6)
		return IN6_IS_ADDR_MULTICAST(&c->dst->u.v6);
	if (IN_MULTICAST(ntohl(a.s_addr)) || a.s_addr == htonl(INADDR_BROADCAST))
		return true;
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return false;
	if (c->ifname == NULL || setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, c->ifname,
	    (socklen_t)strlen(c->ifname) + 1) == 0)
		group = connect(fd, (const struct sockaddr *)&s->dst, s->dstlen) < 0 &&
		    errno == EACCES;
	close(fd);
	return group;
}

int
ping_sock_open(struct ping_sock *s, const struct sock_conf *c, char *why, size_t n)
{
	memset(s, 0, sizeof(*s));
	s->family = c->dst->family;
	s->dstlen = addr_sockaddr(&s->dst, c->dst->family, &c->dst->u, 0, c->scope_id);
	if ((s->fd = open_fd(s, why, n)) < 0)
		return -1;
	if (set_options(s, c, why, n) < 0 || bind_source(s, c, why, n) < 0 ||
	    find_source(s, c, why, n) < 0)
		goto fail;
	/* FreeBSD's ping sends to a broadcast address without being asked to (iputils
	 * wants -b); Linux refuses it (EACCES) unless SO_BROADCAST is on */
	if (s->family == AF_INET &&
	    setopt(s->fd, SOL_SOCKET, SO_BROADCAST, 1, "SO_BROADCAST", why, n) < 0)
		goto fail;
	s->group = group_destination(s, c);
	if (s->raw) {
		/* raw sockets see every ICMP message of the host: a random id, and the
		 * cookie for the 1 in 65536 chance that another ping drew the same */
		if (getrandom(&s->id, sizeof(s->id), 0) != sizeof(s->id)) {
			snprintf(why, n, "getrandom: %s", strerror(errno));
			goto fail;
		}
	}
	return 0;
fail:
	close(s->fd);
	s->fd = -1;
	return -1;
}

bool
ping_priv_fast(void)
{
	/* permitted is enough: a file capability cap_net_raw+p is privilege too */
	return geteuid() == 0 || priv_has(CAP_NET_RAW);
}

int
ping_priv_limit(char *why, size_t n)
{
	/* what esa-ping ever uses: the raw socket, then the calls that drop privilege */
	if (priv_limit(CAP_NET_RAW) < 0) {
		snprintf(why, n, "limiting capabilities: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int
ping_priv_drop(char *why, size_t n)
{
	const char *step;

	/* a failed drop must not go on (CVE-2023-40303) */
	if (priv_drop_to(ESA_USER, &step) < 0) {
		snprintf(why, n, "dropping privileges: %s: %s", step, strerror(errno));
		return -1;
	}
	return 0;
}

int
ping_sock_send(struct ping_sock *s, uint16_t seq, const uint8_t *payload, size_t len)
{
	static uint8_t pkt[8 + PING_MAXDATA6];
	ssize_t r;

	pkt[0] = s->family == AF_INET6 ? ICMP6_ECHO_REQUEST : 8;
	pkt[1] = 0;
	pkt[2] = pkt[3] = 0;
	/* a datagram socket writes its own id and checksum; ICMPv6 raw: the kernel sums */
	pkt[4] = (uint8_t)(s->id >> 8);
	pkt[5] = (uint8_t)s->id;
	pkt[6] = (uint8_t)(seq >> 8);
	pkt[7] = (uint8_t)seq;
	memcpy(pkt + 8, payload, len);
	if (s->raw && s->family == AF_INET) {
		uint16_t sum = icmp_checksum(pkt, 8 + len);

		pkt[2] = (uint8_t)(sum >> 8);
		pkt[3] = (uint8_t)sum;
	}
	r = sendto(s->fd, pkt, 8 + len, 0, (struct sockaddr *)&s->dst, s->dstlen);
	if (r < 0)
		return -1;
	if ((size_t)r != 8 + len) {
		errno = EMSGSIZE;
		return -1;
	}
	return 0;
}

static void
addr_from_sockaddr(struct addr *a, const struct sockaddr_storage *ss)
{
	memset(a, 0, sizeof(*a));
	a->family = ss->ss_family;
	if (ss->ss_family == AF_INET6)
		a->u.v6 = ((const struct sockaddr_in6 *)ss)->sin6_addr;
	else
		a->u.v4 = ((const struct sockaddr_in *)ss)->sin_addr;
}

/* Reads the control messages: receive time, TTL or hop limit, a queued error. */
static void
read_cmsgs(struct msghdr *m, struct rx *rx)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(m); c != NULL; c = CMSG_NXTHDR(m, c)) {
		size_t plen = c->cmsg_len - CMSG_LEN(0);
		int v;

		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS &&
		    plen >= sizeof(struct timespec)) {
			memcpy(&rx->at, CMSG_DATA(c), sizeof(rx->at));
		} else if (((c->cmsg_level == SOL_IP && c->cmsg_type == IP_TTL) ||
		    (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_HOPLIMIT)) &&
		    plen >= sizeof(int)) {
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			rx->ttl = v;
		} else if (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_PKTINFO &&
		    plen >= sizeof(struct in6_pktinfo)) {
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			rx->has_dst = true;
			rx->dst = pi.ipi6_addr;
			rx->dst_ifindex = (unsigned int)pi.ipi6_ifindex;
		} else if (((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) ||
		    (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR)) &&
		    plen >= sizeof(struct sock_extended_err)) {
			struct sock_extended_err ee;
			struct sockaddr_storage off = { 0 };
			size_t olen = plen - sizeof(ee);

			memcpy(&ee, CMSG_DATA(c), sizeof(ee));
			if (ee.ee_origin != SO_EE_ORIGIN_ICMP && ee.ee_origin != SO_EE_ORIGIN_ICMP6)
				continue;	/* a local error: sendto() reported it already */
			rx->is_error = true;
			rx->ee_type = ee.ee_type;
			rx->ee_code = ee.ee_code;
			rx->ee_info = ee.ee_info;
			/* the offender follows, when the kernel had room for it */
			if (olen > sizeof(off))
				olen = sizeof(off);
			memcpy(&off, CMSG_DATA(c) + sizeof(ee), olen);
			if (olen >= sizeof(sa_family_t) &&
			    (off.ss_family == AF_INET || off.ss_family == AF_INET6))
				addr_from_sockaddr(&rx->from, &off);
		}
	}
}

int
ping_sock_recv(struct ping_sock *s, uint8_t *buf, size_t size, bool errqueue, struct rx *rx)
{
	struct sockaddr_storage from;
	union {
		char buf[512];
		struct cmsghdr align;
	} cbuf;
	struct iovec iov = { buf, size };
	struct msghdr m = { &from, sizeof(from), &iov, 1, cbuf.buf, sizeof(cbuf.buf), 0 };
	ssize_t r;

	memset(rx, 0, sizeof(*rx));
	memset(&from, 0, sizeof(from));
	rx->ttl = -1;
	r = recvmsg(s->fd, &m, MSG_DONTWAIT | MSG_TRUNC | (errqueue ? MSG_ERRQUEUE : 0));
	if (r < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	/* MSG_TRUNC: r is the real size, larger than the buffer for an oversized packet */
	rx->truncated = (size_t)r > size || (m.msg_flags & MSG_TRUNC);
	rx->len = (size_t)r > size ? size : (size_t)r;
	addr_from_sockaddr(&rx->from, &from);
	/* on the error queue, msg_name is the destination of the packet the error quotes */
	if (errqueue && m.msg_namelen > 0 &&
	    (from.ss_family == AF_INET || from.ss_family == AF_INET6))
		rx->quoted_dst = rx->from;
	read_cmsgs(&m, rx);
	if (rx->at.tv_sec == 0 && rx->at.tv_nsec == 0)
		clock_gettime(CLOCK_REALTIME, &rx->at);	/* no kernel stamp: now */
	if (errqueue && !rx->is_error)
		rx->len = 0;
	return 1;
}
