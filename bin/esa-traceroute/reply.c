/* SPDX-License-Identifier: BSD-2-Clause */
/* reply.c - the reply classifier: which probe an ICMP message answers, pure over bytes. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "esa.h"
#include "trace.h"

/* ICMP and ICMPv6 numbers (RFC 792, RFC 4443), spelled here so the parser needs no
 * system header's struct layouts: every field is read byte by byte. */
enum {
	ICMP4_ECHOREPLY = 0, ICMP4_UNREACH = 3, ICMP4_ECHO = 8, ICMP4_TIMXCEED = 11,
	ICMP6_UNREACH = 1, ICMP6_TIMXCEED = 3, ICMP6_PARAMPROB = 4,
	ICMP6_ECHO = 128, ICMP6_ECHOREPLY = 129,
	EE_ORIGIN_ICMP = 2, EE_ORIGIN_ICMP6 = 3,
};

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static int
reject(const char **why, const char *reason)
{
	if (why != NULL)
		*why = reason;
	return -1;
}

/* The Internet checksum of LEN bytes: 0 when a message carrying its sum is intact. */
static uint16_t
cksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += get16(p);
	if (len == 1)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/*
 * FreeBSD traceroute's annotation for an IPv4 unreachable CODE (MTU for code 4), and
 * whether it counts as "reached" or "unreachable" in its stop rule.
 */
static void
annotate4(uint8_t code, unsigned mtu, struct reply *r)
{
	static const char *const notes[] = {
		[0] = "!N", [1] = "!H", [2] = "!P", [3] = "", [4] = NULL, [5] = "!S",
		[6] = "!U", [7] = "!W", [8] = "!I", [9] = "!A", [10] = "!Z", [11] = "!Q",
		[12] = "!T", [13] = "!X", [14] = "!V", [15] = "!C",
	};

	r->kind = REPLY_UNREACH;
	if (code == 3 || code == 2)	/* port, protocol: the destination itself */
		r->kind = REPLY_REACHED;
	if (code == 4)
		snprintf(r->note, sizeof(r->note), "!F-%u", mtu);
	else if (code < ESA_NELEM(notes))
		snprintf(r->note, sizeof(r->note), "%s", notes[code]);
	else
		snprintf(r->note, sizeof(r->note), "!<%u>", code);
}

/* FreeBSD traceroute6's annotations: port unreachable is the destination, the
 * other codes it names stop the trace; codes it does not name are noted only. */
static void
annotate6(uint8_t type, uint8_t code, struct reply *r)
{
	static const char *const notes[] = { "!N", "!P", "!S", "!A" };

	if (type == ICMP6_PARAMPROB) {
		r->kind = REPLY_REACHED;
		snprintf(r->note, sizeof(r->note), "!H");
		return;
	}
	if (code == 4) {
		r->kind = REPLY_REACHED;
		r->note[0] = '\0';
	} else if (code < 4) {
		r->kind = REPLY_UNREACH;
		snprintf(r->note, sizeof(r->note), "%s", notes[code]);
	} else {
		r->kind = REPLY_NOTE;
		snprintf(r->note, sizeof(r->note), "!<%u>", code);
	}
}

/* An echo request or reply header (8 bytes at P) of ours: the probe number, or -1. */
static int
echo_probe(const uint8_t *p, const struct trace_key *k, bool check_ident)
{
	unsigned seq = get16(p + 6);

	if (check_ident && get16(p + 4) != k->ident)
		return -1;
	return seq < k->nprobes ? (int)seq : -1;
}

/* The upper-layer header our probe began with, quoted at U (8 bytes there): an echo
 * request of ours (ICMP), or a UDP header from our port to one of the probes' ports.
 * The probe number, or -1. */
static int
quoted_probe(const uint8_t *u, const struct trace_key *k)
{
	unsigned dport = get16(u + 2);

	if (k->method == TRACE_ICMP)
		return u[0] == (k->family == AF_INET6 ? ICMP6_ECHO : ICMP4_ECHO) ?
		    echo_probe(u, k, true) : -1;
	if (k->sport != 0 && get16(u) != k->sport)
		return -1;
	if (dport < k->port || dport - k->port >= k->nprobes)
		return -1;
	return (int)(dport - k->port);
}

/* Why a quoted probe is refused, in the words the error queue's check uses too. */
static const char *
not_ours(const struct trace_key *k)
{
	return k->method == TRACE_ICMP ? "quoted echo request not ours" :
	    "error about a port that is not ours";
}

int
trace_distance(unsigned ttl, int qttl)
{
	/* no quote (the error queue), or one that cannot be: a TTL of 0 is never
	 * delivered, and a TTL larger than the probe's was rewritten on the way */
	if (qttl < 1 || (unsigned)qttl > ttl)
		return (int)ttl;
	return (int)(ttl - (unsigned)qttl + 1);
}

int
reply_ip4(const uint8_t *buf, size_t len, const struct trace_key *k, struct reply *r,
    const char **why)
{
	const uint8_t *icmp, *q;
	size_t hl, ilen, qhl;
	int p;

	if (k->family != AF_INET)
		return reject(why, "not an IPv4 trace");
	if (len < 20 || buf[0] >> 4 != 4)
		return reject(why, "not an IPv4 datagram");
	hl = (size_t)(buf[0] & 0x0f) * 4;
	if (hl < 20 || hl > len || buf[9] != IPPROTO_ICMP)
		return reject(why, "bad IPv4 header");
	icmp = buf + hl;
	ilen = len - hl;
	if (ilen < 8)
		return reject(why, "ICMP message too short");
	if (cksum(icmp, ilen) != 0)
		return reject(why, "bad ICMP checksum");
	memset(r, 0, sizeof(*r));
	r->family = AF_INET;
	r->qttl = -1;
	memcpy(r->from, buf + 12, 4);
	if (icmp[0] == ICMP4_ECHOREPLY) {
		if (k->method != TRACE_ICMP || (p = echo_probe(icmp, k, true)) < 0)
			return reject(why, "echo reply not ours");
		if (memcmp(buf + 12, k->dst, 4) != 0)
			return reject(why, "echo reply from another host");
		r->probe = (unsigned)p;
		r->kind = REPLY_REACHED;
		return 0;
	}
	if (!(icmp[0] == ICMP4_TIMXCEED && icmp[1] == 0) && icmp[0] != ICMP4_UNREACH)
		return reject(why, "not a time exceeded or unreachable");
	/* the quoted datagram: our header, always 20 bytes (we send no options), then
	 * the first 8 bytes of our echo request or UDP datagram */
	q = icmp + 8;
	if (ilen - 8 < 20)
		return reject(why, "quoted header missing or cut");
	qhl = (size_t)(q[0] & 0x0f) * 4;
	if (q[0] >> 4 != 4 || qhl != 20)
		return reject(why, "quoted header not ours (version or options)");
	if (ilen - 8 < qhl + 8)
		return reject(why, "quoted ICMP or UDP header missing or cut");
	if (q[9] != (k->method == TRACE_ICMP ? IPPROTO_ICMP : IPPROTO_UDP) ||
	    memcmp(q + 16, k->dst, 4) != 0)
		return reject(why, "quoted datagram not to our destination");
	if ((p = quoted_probe(q + qhl, k)) < 0)
		return reject(why, not_ours(k));
	r->probe = (unsigned)p;
	r->qttl = q[8];		/* the TTL our probe had left where it ended */
	if (icmp[0] == ICMP4_TIMXCEED)
		r->kind = REPLY_HOP;
	else
		annotate4(icmp[1], get16(icmp + 6), r);
	return 0;
}

/* Skips IPv6 extension headers from the quoted header at Q (N bytes): the offset of
 * the upper-layer header whose type is PROTO, or -1. */
static long
quoted6_upper(const uint8_t *q, size_t n, uint8_t proto)
{
	size_t off = 40, hl;
	uint8_t nh;

	if (n < 40 || q[0] >> 4 != 6)
		return -1;
	nh = q[6];
	for (int i = 0; i < 8; i++) {
		if (nh == proto)
			return n - off >= 8 ? (long)off : -1;
		switch (nh) {
		case 0: case 43: case 60:	/* hop-by-hop, routing, destination options */
			if (n - off < 8)
				return -1;
			hl = ((size_t)q[off + 1] + 1) * 8;
			break;
		case 44:			/* fragment: only a first fragment quotes us */
			if (n - off < 8 || (get16(q + off + 2) & 0xfff8) != 0)
				return -1;
			hl = 8;
			break;
		default:
			return -1;
		}
		if (hl > n - off)
			return -1;
		nh = q[off];
		off += hl;
	}
	return -1;
}

int
reply_icmp6(const uint8_t *buf, size_t len, const unsigned char *from,
    const struct trace_key *k, struct reply *r, const char **why)
{
	long up;
	int p;

	if (k->family != AF_INET6)
		return reject(why, "not an IPv6 trace");
	if (len < 8)
		return reject(why, "ICMPv6 message too short");
	memset(r, 0, sizeof(*r));
	r->family = AF_INET6;
	r->qttl = -1;
	memcpy(r->from, from, 16);
	if (buf[0] == ICMP6_ECHOREPLY) {
		if (k->method != TRACE_ICMP || (p = echo_probe(buf, k, true)) < 0)
			return reject(why, "echo reply not ours");
		if (memcmp(from, k->dst, 16) != 0)
			return reject(why, "echo reply from another host");
		r->probe = (unsigned)p;
		r->kind = REPLY_REACHED;
		return 0;
	}
	if (!(buf[0] == ICMP6_TIMXCEED && buf[1] == 0) && buf[0] != ICMP6_UNREACH &&
	    !(buf[0] == ICMP6_PARAMPROB && buf[1] == 1))
		return reject(why, "not a time exceeded, unreachable or parameter problem");
	if ((up = quoted6_upper(buf + 8, len - 8,
	    k->method == TRACE_ICMP ? IPPROTO_ICMPV6 : IPPROTO_UDP)) < 0)
		return reject(why, "quoted header missing, cut or not ours");
	if (memcmp(buf + 8 + 24, k->dst, 16) != 0)
		return reject(why, "quoted datagram not to our destination");
	if ((p = quoted_probe(buf + 8 + up, k)) < 0)
		return reject(why, not_ours(k));
	r->probe = (unsigned)p;
	r->qttl = buf[8 + 7];	/* the hop limit our probe had left where it ended */
	if (buf[0] == ICMP6_TIMXCEED)
		r->kind = REPLY_HOP;
	else
		annotate6(buf[0], buf[1], r);
	return 0;
}

int
reply_echo(const uint8_t *buf, size_t len, const unsigned char *from,
    const struct trace_key *k, struct reply *r, const char **why)
{
	uint8_t want = k->family == AF_INET6 ? ICMP6_ECHOREPLY : ICMP4_ECHOREPLY;
	size_t alen = k->family == AF_INET6 ? 16 : 4;
	int p;

	if (k->method != TRACE_ICMP)
		return reject(why, "not an ICMP trace");
	if (len < 8 || buf[0] != want || buf[1] != 0)
		return reject(why, "not an echo reply");
	/* the kernel matched the identifier of a datagram socket (it chose it) */
	if ((p = echo_probe(buf, k, false)) < 0)
		return reject(why, "echo reply not ours");
	if (memcmp(from, k->dst, alen) != 0)
		return reject(why, "echo reply from another host");
	memset(r, 0, sizeof(*r));
	r->family = k->family;
	r->qttl = -1;
	memcpy(r->from, from, alen);
	r->probe = (unsigned)p;
	r->kind = REPLY_REACHED;
	return 0;
}

int
reply_errqueue(const struct errq *q, const struct trace_key *k, struct reply *r,
    const char **why)
{
	struct sock_extended_err ee;
	size_t alen = k->family == AF_INET6 ? 16 : 4;
	size_t salen = k->family == AF_INET6 ? sizeof(struct sockaddr_in6) :
	    sizeof(struct sockaddr_in);
	const uint8_t *off;
	uint16_t fam;
	int p;

	if (q->eelen < sizeof(ee) + salen)
		return reject(why, "error queue entry too short");
	memcpy(&ee, q->ee, sizeof(ee));
	if (ee.ee_origin != (k->family == AF_INET6 ? EE_ORIGIN_ICMP6 : EE_ORIGIN_ICMP))
		return reject(why, "not an ICMP error");
	off = q->ee + sizeof(ee);
	memcpy(&fam, off, sizeof(fam));
	if (fam != k->family)
		return reject(why, "no offender address");
	if (memcmp(q->dst, k->dst, alen) != 0)
		return reject(why, "error about another destination");
	if (k->method == TRACE_UDP) {
		if (q->dport < k->port || (unsigned)(q->dport - k->port) >= k->nprobes)
			return reject(why, "error about a port that is not ours");
		p = q->dport - k->port;
	} else {
		if (q->dlen < 8 || q->data[0] != (k->family == AF_INET6 ? ICMP6_ECHO : ICMP4_ECHO))
			return reject(why, "quoted echo request missing or cut");
		if ((p = echo_probe(q->data, k, false)) < 0)
			return reject(why, "quoted echo request not ours");
	}
	memset(r, 0, sizeof(*r));
	r->family = k->family;
	r->qttl = -1;		/* the queue gives no quoted header */
	r->probe = (unsigned)p;
	/* sin_addr and sin6_addr follow the family and the port */
	memcpy(r->from, off + (k->family == AF_INET6 ? 8 : 4), alen);
	if (k->family == AF_INET) {
		if (ee.ee_type == ICMP4_TIMXCEED && ee.ee_code == 0)
			r->kind = REPLY_HOP;
		else if (ee.ee_type == ICMP4_UNREACH)
			annotate4(ee.ee_code, ee.ee_info, r);
		else
			return reject(why, "not a time exceeded or unreachable");
	} else {
		if (ee.ee_type == ICMP6_TIMXCEED && ee.ee_code == 0)
			r->kind = REPLY_HOP;
		else if (ee.ee_type == ICMP6_UNREACH ||
		    (ee.ee_type == ICMP6_PARAMPROB && ee.ee_code == 1))
			annotate6(ee.ee_type, ee.ee_code, r);
		else
			return reject(why, "not a time exceeded or unreachable");
	}
	return 0;
}
