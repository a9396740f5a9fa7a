/* SPDX-License-Identifier: BSD-2-Clause */
/* test_reply.c - the reply classifier on messages built here byte by byte, malformed
 * ones included, each in an exact-size buffer so that ASan sees any overread. */
#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../../../bin/esa-traceroute/trace.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

#define DST4 "192.0.2.9"
#define HOP4 "198.51.100.1"
#define DST6 "2001:db8::9"
#define HOP6 "2001:db8:1::1"

static struct trace_key
key(int family, enum trace_method m)
{
	struct trace_key k = { .family = family, .method = m, .port = 33434, .ident = 0x1234,
	    .nprobes = 30 };

	ck_assert_int_eq(inet_pton(family, family == AF_INET6 ? DST6 : DST4, k.dst), 1);
	return k;
}

static void
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
sum(uint8_t *p, size_t len, size_t at)
{
	uint32_t s = 0;

	put16(p + at, 0);
	for (size_t i = 0; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		s += (uint32_t)p[len - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	put16(p + at, ~s & 0xffff);
}

/* An IPv4 header of IHL words at P (options: OPT bytes), protocol PROTO, SRC -> DST. */
static size_t
ip4(uint8_t *p, unsigned ihl, uint8_t proto, const char *src, const char *dst, uint8_t opt)
{
	memset(p, 0, ihl * 4);
	p[0] = (uint8_t)(0x40 | ihl);
	p[8] = 1;
	p[9] = proto;
	inet_pton(AF_INET, src, p + 12);
	inet_pton(AF_INET, dst, p + 16);
	for (unsigned i = 20; i < ihl * 4; i++)
		p[i] = opt;
	return ihl * 4;
}

/*
 * A whole IPv4 ICMP error from FROM: TYPE/CODE (MTU in the last two bytes of the
 * header), quoting an IPv4 header of QIHL words to QDST and our echo request (ID,
 * SEQ); the quote is cut to QUOTE bytes (-1: whole). Returns the length in BUF.
 */
static size_t
icmp4_error(uint8_t *b, const char *from, uint8_t type, uint8_t code, unsigned mtu,
    unsigned qihl, const char *qdst, unsigned id, unsigned seq, long quote)
{
	size_t n = ip4(b, 5, IPPROTO_ICMP, from, "192.0.2.1", 0), q, i = n;

	memset(b + i, 0, 8);
	b[i] = type;
	b[i + 1] = code;
	put16(b + i + 6, mtu);
	q = i + 8;
	q += ip4(b + q, qihl, IPPROTO_ICMP, "192.0.2.1", qdst, 0x9f);
	memset(b + q, 0, 8);
	b[q] = 8;
	put16(b + q + 4, id);
	put16(b + q + 6, seq);
	q += 8;
	if (quote >= 0)
		q = i + 8 + (size_t)quote;
	sum(b + i, q - i, 2);
	return q;
}

/* reply_ip4 on an exact-size copy. */
static int
run4(const uint8_t *b, size_t n, const struct trace_key *k, struct reply *r)
{
	void *c = exact_copy(b, n);
	const char *why = NULL;
	int st = reply_ip4(c, n, k, r, &why);

	ck_assert(st == 0 || why != NULL);
	free(c);
	return st;
}

START_TEST(test_ip4_time_exceeded)
{
	struct trace_key k = key(AF_INET, TRACE_ICMP);
	uint8_t b[256], from[4];
	struct reply r;
	size_t n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x1234, 7, -1);

	ck_assert_int_eq(run4(b, n, &k, &r), 0);
	ck_assert_uint_eq(r.probe, 7);
	ck_assert_int_eq(r.kind, REPLY_HOP);
	ck_assert_str_eq(r.note, "");
	inet_pton(AF_INET, HOP4, from);
	ck_assert_mem_eq(r.from, from, 4);
	/* every shorter cut is refused, without reading past it */
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(run4(b, i, &k, &r), -1);
}
END_TEST

START_TEST(test_ip4_not_ours)
{
	struct trace_key k = key(AF_INET, TRACE_ICMP);
	uint8_t b[256];
	struct reply r;
	size_t n;

	/* another identifier, a sequence number past the probes, another destination */
	n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x4321, 7, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x1234, 30, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	n = icmp4_error(b, HOP4, 11, 0, 0, 5, "192.0.2.10", 0x1234, 7, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	/* time exceeded in reassembly (code 1) is not a hop */
	n = icmp4_error(b, HOP4, 11, 1, 0, 5, DST4, 0x1234, 7, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	/* a redirect, a source quench: neither */
	n = icmp4_error(b, HOP4, 5, 0, 0, 5, DST4, 0x1234, 7, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	/* a bad checksum */
	n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x1234, 7, -1);
	b[22] ^= 1;
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	/* a UDP trace's key never matches a raw ICMP datagram */
	k.method = TRACE_UDP;
	n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x1234, 7, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
}
END_TEST

START_TEST(test_ip4_hostile_quotes)
{
	struct trace_key k = key(AF_INET, TRACE_ICMP);
	uint8_t b[256];
	struct reply r;
	size_t n;

	/* no quoted header at all: exactly 8 ICMP bytes, a valid checksum (the
	 * packet_ok() case of LBL traceroute) */
	n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x1234, 7, 0);
	ck_assert_uint_eq(n, 28);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	/* quoted header cut in the middle, and cut after the header */
	for (long q = 1; q < 28; q++) {
		n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x1234, 7, q);
		ck_assert_int_eq(run4(b, n, &k, &r), -1);
	}
	/* quoted ihl 15 with 40 bytes of bad options (0x9f), the echo after them */
	n = icmp4_error(b, HOP4, 11, 0, 0, 15, DST4, 0x1234, 7, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	/* quoted ihl 15 but only 20 bytes quoted; quoted ihl below 5 */
	n = icmp4_error(b, HOP4, 11, 0, 0, 15, DST4, 0x1234, 7, 20);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x1234, 7, -1);
	b[28] = 0x43;
	sum(b + 20, n - 20, 2);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	/* outer ihl below 5, outer ihl past the datagram */
	n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x1234, 7, -1);
	b[0] = 0x44;
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	b[0] = 0x4f;
	ck_assert_int_eq(run4(b, 40, &k, &r), -1);
	/* IPv6 version in an IPv4 slot */
	b[0] = 0x65;
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
}
END_TEST

START_TEST(test_ip4_outer_options)
{
	struct trace_key k = key(AF_INET, TRACE_ICMP);
	uint8_t b[256], t[256];
	struct reply r;
	size_t n = icmp4_error(t, HOP4, 11, 0, 0, 5, DST4, 0x1234, 3, -1);

	/* the same message behind an outer header of 60 bytes (options are the
	 * sender's business): still ours */
	ip4(b, 15, IPPROTO_ICMP, HOP4, "192.0.2.1", 1);
	memcpy(b + 60, t + 20, n - 20);
	ck_assert_int_eq(run4(b, n + 40, &k, &r), 0);
	ck_assert_uint_eq(r.probe, 3);
}
END_TEST

START_TEST(test_ip4_unreachables)
{
	static const struct { uint8_t code; const char *note; enum reply_kind kind; } c[] = {
		{ 0, "!N", REPLY_UNREACH }, { 1, "!H", REPLY_UNREACH },
		{ 2, "!P", REPLY_REACHED }, { 3, "", REPLY_REACHED },
		{ 4, "!F-1400", REPLY_UNREACH }, { 5, "!S", REPLY_UNREACH },
		{ 6, "!U", REPLY_UNREACH }, { 7, "!W", REPLY_UNREACH },
		{ 8, "!I", REPLY_UNREACH }, { 9, "!A", REPLY_UNREACH },
		{ 10, "!Z", REPLY_UNREACH }, { 11, "!Q", REPLY_UNREACH },
		{ 12, "!T", REPLY_UNREACH }, { 13, "!X", REPLY_UNREACH },
		{ 14, "!V", REPLY_UNREACH }, { 15, "!C", REPLY_UNREACH },
		{ 16, "!<16>", REPLY_UNREACH }, { 255, "!<255>", REPLY_UNREACH },
	};
	struct trace_key k = key(AF_INET, TRACE_ICMP);
	uint8_t b[256];
	struct reply r;

	for (size_t i = 0; i < ESA_NELEM(c); i++) {
		size_t n = icmp4_error(b, HOP4, 3, c[i].code, 1400, 5, DST4, 0x1234, 2, -1);

		ck_assert_int_eq(run4(b, n, &k, &r), 0);
		ck_assert_str_eq(r.note, c[i].note);
		ck_assert_int_eq(r.kind, c[i].kind);
	}
}
END_TEST

START_TEST(test_ip4_echo_reply)
{
	struct trace_key k = key(AF_INET, TRACE_ICMP);
	uint8_t b[64];
	struct reply r;
	size_t n = ip4(b, 5, IPPROTO_ICMP, DST4, "192.0.2.1", 0);

	memset(b + n, 0, 8);
	put16(b + n + 4, 0x1234);
	put16(b + n + 6, 29);
	sum(b + n, 8, 2);
	ck_assert_int_eq(run4(b, n + 8, &k, &r), 0);
	ck_assert_int_eq(r.kind, REPLY_REACHED);
	ck_assert_uint_eq(r.probe, 29);
	/* from a host that is not the destination */
	inet_pton(AF_INET, HOP4, b + 12);
	ck_assert_int_eq(run4(b, n + 8, &k, &r), -1);
}
END_TEST

/* An ICMPv6 error quoting an IPv6 header to QDST (with a hop-by-hop header when
 * EXT), then our echo request; cut to QUOTE bytes after the ICMPv6 header. */
static size_t
icmp6_error(uint8_t *b, uint8_t type, uint8_t code, const char *qdst, bool ext,
    unsigned seq, long quote)
{
	size_t q = 8;

	memset(b, 0, 128);
	b[0] = type;
	b[1] = code;
	b[q] = 0x60;
	b[q + 6] = ext ? 0 : IPPROTO_ICMPV6;
	b[q + 7] = 1;
	inet_pton(AF_INET6, "2001:db8::1", b + q + 8);
	inet_pton(AF_INET6, qdst, b + q + 24);
	q += 40;
	if (ext) {
		b[q] = IPPROTO_ICMPV6;
		b[q + 1] = 0;
		b[q + 2] = 1;	/* PadN */
		b[q + 3] = 4;
		q += 8;
	}
	b[q] = 128;
	put16(b + q + 4, 0x1234);
	put16(b + q + 6, seq);
	q += 8;
	return quote >= 0 ? 8 + (size_t)quote : q;
}

static int
run6(const uint8_t *b, size_t n, const struct trace_key *k, struct reply *r)
{
	void *c = exact_copy(b, n);
	unsigned char from[16];
	int st;

	inet_pton(AF_INET6, HOP6, from);
	st = reply_icmp6(c, n, from, k, r, NULL);
	free(c);
	return st;
}

START_TEST(test_icmp6)
{
	static const struct { uint8_t type, code; const char *note; enum reply_kind kind; } c[] = {
		{ 3, 0, "", REPLY_HOP }, { 1, 0, "!N", REPLY_UNREACH },
		{ 1, 1, "!P", REPLY_UNREACH }, { 1, 2, "!S", REPLY_UNREACH },
		{ 1, 3, "!A", REPLY_UNREACH }, { 1, 4, "", REPLY_REACHED },
		{ 1, 5, "!<5>", REPLY_NOTE }, { 4, 1, "!H", REPLY_REACHED },
	};
	struct trace_key k = key(AF_INET6, TRACE_ICMP);
	uint8_t b[128];
	struct reply r;
	size_t n;

	for (size_t i = 0; i < ESA_NELEM(c); i++) {
		n = icmp6_error(b, c[i].type, c[i].code, DST6, i % 2 == 1, 11, -1);
		ck_assert_int_eq(run6(b, n, &k, &r), 0);
		ck_assert_uint_eq(r.probe, 11);
		ck_assert_str_eq(r.note, c[i].note);
		ck_assert_int_eq(r.kind, c[i].kind);
	}
	/* short payloads: nothing, 10 bytes, 39 bytes, a header and 7 bytes */
	n = icmp6_error(b, 3, 0, DST6, false, 11, -1);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(run6(b, i, &k, &r), -1);
	n = icmp6_error(b, 3, 0, DST6, true, 11, -1);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(run6(b, i, &k, &r), -1);
	/* another destination, sequence past the probes, a hop limit code 1 */
	ck_assert_int_eq(run6(b, icmp6_error(b, 3, 0, "2001:db8::a", false, 11, -1), &k, &r), -1);
	ck_assert_int_eq(run6(b, icmp6_error(b, 3, 0, DST6, false, 30, -1), &k, &r), -1);
	ck_assert_int_eq(run6(b, icmp6_error(b, 3, 1, DST6, false, 11, -1), &k, &r), -1);
	/* a quoted UDP datagram in an ICMP trace; a packet too big */
	n = icmp6_error(b, 3, 0, DST6, false, 11, -1);
	b[8 + 6] = IPPROTO_UDP;
	ck_assert_int_eq(run6(b, n, &k, &r), -1);
	ck_assert_int_eq(run6(b, icmp6_error(b, 2, 0, DST6, false, 11, -1), &k, &r), -1);
	/* routing and destination options headers are passed over as hop-by-hop is */
	n = icmp6_error(b, 3, 0, DST6, true, 11, -1);
	b[8 + 6] = 43;
	ck_assert_int_eq(run6(b, n, &k, &r), 0);
	ck_assert_uint_eq(r.probe, 11);
	b[8 + 6] = 60;
	ck_assert_int_eq(run6(b, n, &k, &r), 0);
	ck_assert_uint_eq(r.probe, 11);
	/* an extension header whose length runs past the message */
	n = icmp6_error(b, 3, 0, DST6, true, 11, -1);
	b[48 + 1] = 200;
	ck_assert_int_eq(run6(b, n, &k, &r), -1);
}
END_TEST

START_TEST(test_icmp6_echo_reply)
{
	struct trace_key k = key(AF_INET6, TRACE_ICMP);
	unsigned char from[16];
	uint8_t b[8] = { 129, 0, 0, 0, 0x12, 0x34, 0, 4 };
	struct reply r;

	inet_pton(AF_INET6, DST6, from);
	ck_assert_int_eq(reply_icmp6(b, 8, from, &k, &r, NULL), 0);
	ck_assert_int_eq(r.kind, REPLY_REACHED);
	ck_assert_uint_eq(r.probe, 4);
	ck_assert_int_eq(reply_icmp6(b, 7, from, &k, &r, NULL), -1);
	/* a datagram socket's reply: the kernel matched the identifier */
	b[4] = 0x99;
	ck_assert_int_eq(reply_icmp6(b, 8, from, &k, &r, NULL), -1);
	ck_assert_int_eq(reply_echo(b, 8, from, &k, &r, NULL), 0);
	ck_assert_uint_eq(r.probe, 4);
	from[15] ^= 1;
	ck_assert_int_eq(reply_echo(b, 8, from, &k, &r, NULL), -1);
	b[0] = 128;
	from[15] ^= 1;
	ck_assert_int_eq(reply_echo(b, 8, from, &k, &r, NULL), -1);
}
END_TEST

/* An error queue entry: the extended error then the offender's address. */
struct eebuf {
	struct sock_extended_err ee;
	struct sockaddr_in6 off;	/* room for either family */
};

static struct eebuf
ee_make(int family, uint8_t origin, uint8_t type, uint8_t code, uint32_t info)
{
	struct eebuf e;

	memset(&e, 0, sizeof(e));
	e.ee.ee_origin = origin;
	e.ee.ee_type = type;
	e.ee.ee_code = code;
	e.ee.ee_info = info;
	if (family == AF_INET6) {
		e.off.sin6_family = AF_INET6;
		inet_pton(AF_INET6, HOP6, &e.off.sin6_addr);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&e.off;

		a->sin_family = AF_INET;
		inet_pton(AF_INET, HOP4, &a->sin_addr);
	}
	return e;
}

static int
runq(const struct eebuf *e, size_t eelen, const char *dst, uint16_t dport,
    const uint8_t *data, size_t dlen, const struct trace_key *k, struct reply *r)
{
	unsigned char d[16];
	uint8_t *ec = exact_copy(e, eelen), *dc = exact_copy(data, dlen);
	struct errq q = { ec, eelen, d, dport, dc, dlen };
	int st;

	ck_assert_int_eq(inet_pton(k->family, dst, d), 1);
	st = reply_errqueue(&q, k, r, NULL);
	free(ec);
	free(dc);
	return st;
}

START_TEST(test_errqueue_udp)
{
	struct trace_key k = key(AF_INET, TRACE_UDP);
	struct eebuf e = ee_make(AF_INET, SO_EE_ORIGIN_ICMP, 11, 0, 0);
	size_t full = sizeof(e.ee) + sizeof(struct sockaddr_in);
	uint8_t data[12] = { 0 }, from[4];
	struct reply r;

	ck_assert_int_eq(runq(&e, full, DST4, 33434 + 5, data, 12, &k, &r), 0);
	ck_assert_uint_eq(r.probe, 5);
	ck_assert_int_eq(r.kind, REPLY_HOP);
	inet_pton(AF_INET, HOP4, from);
	ck_assert_mem_eq(r.from, from, 4);
	/* the payload does not matter (a router may quote none of it) */
	ck_assert_int_eq(runq(&e, full, DST4, 33434, data, 0, &k, &r), 0);
	/* ports that are not ours: below the base, past the last probe, foreign */
	ck_assert_int_eq(runq(&e, full, DST4, 33433, data, 12, &k, &r), -1);
	ck_assert_int_eq(runq(&e, full, DST4, 33434 + 30, data, 12, &k, &r), -1);
	ck_assert_int_eq(runq(&e, full, DST4, 53, data, 12, &k, &r), -1);
	/* another destination; an entry too short for the offender; a local error */
	ck_assert_int_eq(runq(&e, full, "192.0.2.10", 33434, data, 12, &k, &r), -1);
	for (size_t i = 0; i < full; i++)
		ck_assert_int_eq(runq(&e, i, DST4, 33434, data, 12, &k, &r), -1);
	e.ee.ee_origin = SO_EE_ORIGIN_LOCAL;
	ck_assert_int_eq(runq(&e, full, DST4, 33434, data, 12, &k, &r), -1);
	/* no offender (family 0) */
	e = ee_make(AF_INET, SO_EE_ORIGIN_ICMP, 11, 0, 0);
	e.off.sin6_family = 0;
	ck_assert_int_eq(runq(&e, full, DST4, 33434, data, 12, &k, &r), -1);
	/* unreachables: port (reached), fragmentation needed with its MTU */
	e = ee_make(AF_INET, SO_EE_ORIGIN_ICMP, 3, 3, 0);
	ck_assert_int_eq(runq(&e, full, DST4, 33434 + 29, data, 12, &k, &r), 0);
	ck_assert_int_eq(r.kind, REPLY_REACHED);
	ck_assert_uint_eq(r.probe, 29);
	e = ee_make(AF_INET, SO_EE_ORIGIN_ICMP, 3, 4, 1280);
	ck_assert_int_eq(runq(&e, full, DST4, 33434, data, 12, &k, &r), 0);
	ck_assert_str_eq(r.note, "!F-1280");
	/* a parameter problem is not a hop */
	e = ee_make(AF_INET, SO_EE_ORIGIN_ICMP, 12, 0, 0);
	ck_assert_int_eq(runq(&e, full, DST4, 33434, data, 12, &k, &r), -1);
}
END_TEST

START_TEST(test_errqueue_v6_and_icmp)
{
	struct trace_key k = key(AF_INET6, TRACE_UDP);
	struct eebuf e = ee_make(AF_INET6, SO_EE_ORIGIN_ICMP6, 1, 4, 0);
	size_t full = sizeof(e);
	uint8_t echo[16] = { 128, 0, 0, 0, 0x99, 0x99, 0, 9 }, from[16];
	struct reply r;

	ck_assert_int_eq(runq(&e, full, DST6, 33434 + 1, echo, 0, &k, &r), 0);
	ck_assert_int_eq(r.kind, REPLY_REACHED);
	inet_pton(AF_INET6, HOP6, from);
	ck_assert_mem_eq(r.from, from, 16);
	/* an IPv4 origin on an IPv6 trace */
	e.ee.ee_origin = SO_EE_ORIGIN_ICMP;
	ck_assert_int_eq(runq(&e, full, DST6, 33434, echo, 0, &k, &r), -1);
	/* a parameter problem, unrecognized next header (code 1) ends the trace as the
	 * raw socket's does; an erroneous header field (code 0) is no answer */
	e = ee_make(AF_INET6, SO_EE_ORIGIN_ICMP6, 4, 1, 0);
	ck_assert_int_eq(runq(&e, full, DST6, 33434 + 1, echo, 0, &k, &r), 0);
	ck_assert_int_eq(r.kind, REPLY_REACHED);
	ck_assert_str_eq(r.note, "!H");
	e = ee_make(AF_INET6, SO_EE_ORIGIN_ICMP6, 4, 0, 0);
	ck_assert_int_eq(runq(&e, full, DST6, 33434 + 1, echo, 0, &k, &r), -1);
	/* ICMP datagram sockets: the quoted echo request names the probe */
	k.method = TRACE_ICMP;
	e = ee_make(AF_INET6, SO_EE_ORIGIN_ICMP6, 3, 0, 0);
	ck_assert_int_eq(runq(&e, full, DST6, 0, echo, 16, &k, &r), 0);
	ck_assert_uint_eq(r.probe, 9);
	ck_assert_int_eq(r.kind, REPLY_HOP);
	for (size_t i = 0; i < 8; i++)
		ck_assert_int_eq(runq(&e, full, DST6, 0, echo, i, &k, &r), -1);
	echo[0] = 129;
	ck_assert_int_eq(runq(&e, full, DST6, 0, echo, 16, &k, &r), -1);
	echo[0] = 128;
	echo[6] = 1;	/* sequence 265: past the probes */
	ck_assert_int_eq(runq(&e, full, DST6, 0, echo, 16, &k, &r), -1);
}
END_TEST

/*
 * What the raw error socket reads for a UDP probe: an IPv4 ICMP error TYPE/CODE from
 * FROM quoting our header (its TTL QTTL) and our UDP header from SPORT to DPORT, cut
 * to QUOTE bytes after the ICMP header (-1: whole). Returns the length in B.
 */
static size_t
udp4_error(uint8_t *b, const char *from, uint8_t type, uint8_t code, uint8_t qttl,
    unsigned sport, unsigned dport, long quote)
{
	size_t i = ip4(b, 5, IPPROTO_ICMP, from, "192.0.2.1", 0), q;

	memset(b + i, 0, 8);
	b[i] = type;
	b[i + 1] = code;
	q = i + 8;
	q += ip4(b + q, 5, IPPROTO_UDP, "192.0.2.1", DST4, 0);
	b[i + 8 + 8] = qttl;
	memset(b + q, 0, 8);
	put16(b + q, sport);
	put16(b + q + 2, dport);
	q += 8;
	if (quote >= 0)
		q = i + 8 + (size_t)quote;
	sum(b + i, q - i, 2);
	return q;
}

START_TEST(test_raw_udp4_quoted_ttl)
{
	struct trace_key k = key(AF_INET, TRACE_UDP);
	uint8_t b[256];
	struct reply r;
	size_t n;

	k.sport = 40000;
	/* the destination's port unreachable to probe 17 (TTL 18 with one query a
	 * hop) quoting TTL 17: reached, quoted TTL kept; two hops away by the rule */
	n = udp4_error(b, DST4, 3, 3, 17, 40000, 33434 + 17, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), 0);
	ck_assert_uint_eq(r.probe, 17);
	ck_assert_int_eq(r.kind, REPLY_REACHED);
	ck_assert_int_eq(r.qttl, 17);
	ck_assert_int_eq(trace_distance(18, r.qttl), 2);
	/* quoted TTL 1 (it ended where it was sent), 0 and 255 are kept as they are:
	 * trace_distance() judges them */
	n = udp4_error(b, DST4, 3, 3, 1, 40000, 33434, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), 0);
	ck_assert_int_eq(r.qttl, 1);
	ck_assert_int_eq(trace_distance(1, r.qttl), 1);
	n = udp4_error(b, DST4, 3, 3, 0, 40000, 33434 + 4, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), 0);
	ck_assert_int_eq(r.qttl, 0);
	ck_assert_int_eq(trace_distance(5, r.qttl), 5);
	n = udp4_error(b, DST4, 3, 3, 255, 40000, 33434 + 4, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), 0);
	ck_assert_int_eq(trace_distance(5, r.qttl), 5);
	/* a router's !H, a time exceeded */
	n = udp4_error(b, HOP4, 3, 1, 3, 40000, 33434 + 4, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), 0);
	ck_assert_int_eq(r.kind, REPLY_UNREACH);
	ck_assert_str_eq(r.note, "!H");
	ck_assert_int_eq(trace_distance(5, r.qttl), 3);
	n = udp4_error(b, HOP4, 11, 0, 1, 40000, 33434 + 4, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), 0);
	ck_assert_int_eq(r.kind, REPLY_HOP);
	/* a cut quote: the UDP ports are needed to know the probe, so it is refused
	 * (the TTL alone would place nothing) */
	n = udp4_error(b, DST4, 3, 3, 17, 40000, 33434 + 17, -1);
	for (long cut = 0; cut < 28; cut++)
		ck_assert_int_eq(run4(b, udp4_error(b, DST4, 3, 3, 17, 40000, 33434 + 17, cut),
		    &k, &r), -1);
	/* another socket's port, a port past the probes, an ICMP trace's key */
	ck_assert_int_eq(run4(b, udp4_error(b, DST4, 3, 3, 1, 40001, 33434, -1), &k, &r), -1);
	ck_assert_int_eq(run4(b, udp4_error(b, DST4, 3, 3, 1, 40000, 33434 + 30, -1), &k, &r),
	    -1);
	k.method = TRACE_ICMP;
	ck_assert_int_eq(run4(b, udp4_error(b, DST4, 3, 3, 1, 40000, 33434, -1), &k, &r), -1);
	/* an echo reply is no answer to a UDP probe */
	k = key(AF_INET, TRACE_UDP);
	n = ip4(b, 5, IPPROTO_ICMP, DST4, "192.0.2.1", 0);
	memset(b + n, 0, 8);
	put16(b + n + 4, 0x1234);
	sum(b + n, 8, 2);
	ck_assert_int_eq(run4(b, n + 8, &k, &r), -1);
}
END_TEST

START_TEST(test_raw_udp6_quoted_hlim)
{
	struct trace_key k = key(AF_INET6, TRACE_UDP);
	uint8_t b[128];
	struct reply r;
	size_t n;

	k.sport = 40000;
	/* icmp6_error's quote with a UDP header from our port to probe 9 instead of
	 * the echo request, hop limit 5 left */
	for (int ext = 0; ext < 2; ext++) {
		n = icmp6_error(b, 1, 4, DST6, ext, 0, -1);
		b[8 + (ext ? 40 : 6)] = IPPROTO_UDP;
		b[8 + 7] = 5;
		put16(b + n - 8, 40000);
		put16(b + n - 6, 33434 + 9);
		ck_assert_int_eq(run6(b, n, &k, &r), 0);
		ck_assert_uint_eq(r.probe, 9);
		ck_assert_int_eq(r.kind, REPLY_REACHED);
		ck_assert_int_eq(r.qttl, 5);
		ck_assert_int_eq(trace_distance(10, r.qttl), 6);
		/* cut anywhere before the ports' end: refused */
		for (size_t i = 0; i + 4 <= n; i++)
			ck_assert_int_eq(run6(b, i, &k, &r), -1);
		/* another socket */
		put16(b + n - 8, 40001);
		ck_assert_int_eq(run6(b, n, &k, &r), -1);
	}
}
END_TEST

START_TEST(test_edge_cases)
{
	struct trace_key k = key(AF_INET, TRACE_ICMP);
	uint8_t b[1024];
	struct reply r;
	size_t n;

	/* frag-needed with next-MTU 0 and 65535 */
	n = icmp4_error(b, HOP4, 3, 4, 0, 5, DST4, 0x1234, 1, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), 0);
	ck_assert_str_eq(r.note, "!F-0");
	n = icmp4_error(b, HOP4, 3, 4, 65535, 5, DST4, 0x1234, 1, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), 0);
	ck_assert_str_eq(r.note, "!F-65535");
	/* a quoted UDP datagram in an ICMP trace; a parameter problem */
	n = icmp4_error(b, HOP4, 11, 0, 0, 5, DST4, 0x1234, 1, -1);
	b[28 + 9] = IPPROTO_UDP;
	sum(b + 20, n - 20, 2);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	n = icmp4_error(b, HOP4, 12, 0, 0, 5, DST4, 0x1234, 1, -1);
	ck_assert_int_eq(run4(b, n, &k, &r), -1);
	/* ICMP shorter than 8 bytes */
	n = ip4(b, 5, IPPROTO_ICMP, HOP4, "192.0.2.1", 0);
	memset(b + n, 0, 7);
	ck_assert_int_eq(run4(b, n + 7, &k, &r), -1);

	/* ICMPv6: a chain of 100 hop-by-hop headers, and a later fragment */
	k = key(AF_INET6, TRACE_ICMP);
	memset(b, 0, sizeof(b));
	b[0] = 3;
	b[8] = 0x60;
	b[8 + 6] = 0;
	inet_pton(AF_INET6, DST6, b + 8 + 24);
	for (size_t i = 0; i < 100; i++)
		b[48 + 8 * i] = i < 99 ? 0 : IPPROTO_ICMPV6;
	b[48 + 800] = 128;
	put16(b + 48 + 804, 0x1234);
	ck_assert_int_eq(run6(b, 48 + 808, &k, &r), -1);
	n = icmp6_error(b, 3, 0, DST6, false, 11, -1);
	memmove(b + 56, b + 48, 8);
	b[8 + 6] = 44;			/* fragment header, offset 8: not the first */
	b[48] = IPPROTO_ICMPV6;
	put16(b + 50, 8 << 3);
	ck_assert_int_eq(run6(b, n + 8, &k, &r), -1);
	put16(b + 50, 0);		/* the first fragment quotes us */
	ck_assert_int_eq(run6(b, n + 8, &k, &r), 0);
}
END_TEST

Suite *
suite_reply(void)
{
	Suite *s = suite_create("reply");
	TCase *tc = tcase_create("reply");

	tcase_add_test(tc, test_ip4_time_exceeded);
	tcase_add_test(tc, test_ip4_not_ours);
	tcase_add_test(tc, test_ip4_hostile_quotes);
	tcase_add_test(tc, test_ip4_outer_options);
	tcase_add_test(tc, test_ip4_unreachables);
	tcase_add_test(tc, test_ip4_echo_reply);
	tcase_add_test(tc, test_icmp6);
	tcase_add_test(tc, test_icmp6_echo_reply);
	tcase_add_test(tc, test_errqueue_udp);
	tcase_add_test(tc, test_errqueue_v6_and_icmp);
	tcase_add_test(tc, test_raw_udp4_quoted_ttl);
	tcase_add_test(tc, test_raw_udp6_quoted_hlim);
	tcase_add_test(tc, test_edge_cases);
	suite_add_tcase(s, tc);
	return s;
}
