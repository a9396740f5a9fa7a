/* SPDX-License-Identifier: BSD-2-Clause */
/* reply.c - the ICMP and ICMPv6 reply parser: pure functions over (buffer, length). */
#include <string.h>
#include <sys/socket.h>

#include <netinet/icmp6.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>

#include "icmp.h"
#include "ping.h"

/*
 * Nothing here copies a header into a fixed structure (FreeBSD's CVE-2022-23093 copied
 * a quoted header with 40 option bytes into a 20-byte one): fields are read one by
 * one from the buffer, after the length that holds them has been checked.
 */

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int
echo_options_walk(const uint8_t *opt, size_t len)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		if (opt[i] == IPOPT_EOL)
			return n + 1;	/* the rest is padding */
		if (opt[i] == IPOPT_NOP) {
			i++, n++;
			continue;
		}
		/* a length of 0 or 1 would not advance (OpenBSD's 2022 bug) */
		if (len - i < 2 || opt[i + 1] < 2 || opt[i + 1] > len - i)
			return -1;
		i += opt[i + 1];
		n++;
	}
	return n;
}

static enum reply_kind
ignore(struct reply *r, const char *why)
{
	r->kind = REPLY_IGNORED;
	r->why = why;
	return r->kind;
}

static bool
same_addr(const struct addr *a, const struct addr *b)
{
	size_t n = a->family == AF_INET ? 4 : 16;

	return a->family == b->family && memcmp(a->u.bytes, b->u.bytes, n) == 0;
}

/*
 * The cookie in a payload of LEN bytes (ours or a quoted copy): the bytes of it that a
 * payload of ctx->datalen holds must all be there and equal. A quote cut shorter
 * (routers may quote only 8 bytes of ICMP) is checked as far as it goes when
 * QUOTED, refused otherwise.
 */
static bool
cookie_ok(const uint8_t *p, size_t len, const struct reply_ctx *ctx, bool quoted)
{
	size_t want = ctx->datalen < PING_COOKIE_LEN ? ctx->datalen : PING_COOKIE_LEN;

	if (len < want) {
		if (!quoted)
			return false;
		want = len;
	}
	return memcmp(p, ctx->cookie, want) == 0;
}

/* An echo request of ours at Q (QLEN bytes, the quoted ICMP header and what follows). */
static enum reply_kind
quoted_probe(const uint8_t *q, size_t qlen, bool v6, const struct reply_ctx *ctx,
    struct reply *r)
{
	if (qlen < 8)
		return ignore(r, "quoted ICMP header too short");
	if (q[0] != (v6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO))
		return ignore(r, "quoted packet is not an echo request");
	r->id = get16(q + 4);
	r->seq = get16(q + 6);
	if (ctx->check_id && r->id != ctx->id)
		return ignore(r, "quoted probe has a foreign id");
	if (!cookie_ok(q + 8, qlen - 8, ctx, true))
		return ignore(r, "quoted probe has a foreign cookie");
	r->kind = REPLY_ERROR;
	return r->kind;
}

/* An ICMP error (Q: the quoted IPv4 header, QLEN bytes to the end). */
static enum reply_kind
error4(const uint8_t *q, size_t qlen, const struct reply_ctx *ctx, struct reply *r)
{
	size_t qh;

	if (qlen < 20)
		return ignore(r, "quoted IP header too short");
	qh = (size_t)(q[0] & 0x0f) * 4;
	if (q[0] >> 4 != 4 || qh < 20)
		return ignore(r, "quoted IP header is bad");
	if (qh > qlen)
		return ignore(r, "quoted IP options past the end");
	r->quoted_hlen = qh;
	if (q[9] != IPPROTO_ICMP)
		return ignore(r, "quoted packet is not ICMP");
	if (get16(q + 6) & 0x1fff)
		return ignore(r, "quoted packet is a later fragment");
	if (ctx->dst.family != AF_INET || memcmp(q + 16, ctx->dst.u.bytes, 4) != 0)
		return ignore(r, "quoted destination is not ours");
	return quoted_probe(q + qh, qlen - qh, false, ctx, r);
}

/*
 * An ICMPv6 error (Q: the quoted IPv6 header, QLEN bytes to the end): the quoted
 * extension headers are walked while 8 bytes remain, at most 8 of them.
 */
static enum reply_kind
error6(const uint8_t *q, size_t qlen, const struct reply_ctx *ctx, struct reply *r)
{
	size_t off = 40, hl;
	uint8_t nxt;
	int i;

	if (qlen < 40)
		return ignore(r, "quoted IPv6 header too short");
	if (q[0] >> 4 != 6)
		return ignore(r, "quoted header is not IPv6");
	if (ctx->dst.family != AF_INET6 || memcmp(q + 24, ctx->dst.u.bytes, 16) != 0)
		return ignore(r, "quoted destination is not ours");
	nxt = q[6];
	for (i = 0; nxt != IPPROTO_ICMPV6; i++) {
		if (i == 8 || qlen - off < 8)
			return ignore(r, "quoted extension headers too long");
		switch (nxt) {
		case IPPROTO_HOPOPTS:
		case IPPROTO_ROUTING:
		case IPPROTO_DSTOPTS:
			hl = ((size_t)q[off + 1] + 1) * 8;
			break;
		case IPPROTO_FRAGMENT:
			if (get16(q + off + 2) & 0xfff8)
				return ignore(r, "quoted packet is a later fragment");
			hl = 8;
			break;
		default:
			return ignore(r, "quoted packet is not ICMPv6");
		}
		if (hl > qlen - off)
			return ignore(r, "quoted extension header past the end");
		nxt = q[off];
		off += hl;
	}
	r->quoted_hlen = off;
	return quoted_probe(q + off, qlen - off, true, ctx, r);
}

static bool
is_error(uint8_t type, bool v6)
{
	if (v6)
		return type == ICMP6_DST_UNREACH || type == ICMP6_PACKET_TOO_BIG ||
		    type == ICMP6_TIME_EXCEEDED || type == ICMP6_PARAM_PROB;
	return type == ICMP_UNREACH || type == ICMP_TIMXCEED || type == ICMP_PARAMPROB ||
	    type == ICMP_SOURCEQUENCH || type == ICMP_REDIRECT;
}

/* The numbers an error carries in its second word, by type. */
static uint32_t
error_info(const uint8_t *icmp, bool v6)
{
	if (v6)
		return get32(icmp + 4);		/* MTU or pointer; 0 otherwise */
	switch (icmp[0]) {
	case ICMP_UNREACH:
		return icmp[1] == ICMP_UNREACH_NEEDFRAG ? get16(icmp + 6) : 0;
	case ICMP_PARAMPROB:
		return icmp[4];
	case ICMP_REDIRECT:
		return get32(icmp + 4);
	default:
		return 0;
	}
}

/* The outer IPv4 header of a raw socket's packet: the ICMP part in *ICMP, *ILEN. */
static enum reply_kind
outer4(const uint8_t *buf, size_t len, const uint8_t **icmp, size_t *ilen, struct reply *r)
{
	size_t hlen, tot;

	if (len < 20)
		return ignore(r, "IP header too short");
	hlen = (size_t)(buf[0] & 0x0f) * 4;
	if (buf[0] >> 4 != 4 || hlen < 20)
		return ignore(r, "IP header is bad");
	if (hlen > len)
		return ignore(r, "IP options past the end");
	if (echo_options_walk(buf + 20, hlen - 20) < 0)
		return ignore(r, "IP options are malformed");
	tot = get16(buf + 2);
	if (tot < hlen || tot > len)
		return ignore(r, "IP total length disagrees with the packet");
	if (buf[9] != IPPROTO_ICMP)
		return ignore(r, "not ICMP");
	r->ttl = buf[8];
	*icmp = buf + hlen;
	*ilen = tot - hlen;
	if (*ilen >= 8 && icmp_checksum(*icmp, *ilen) != 0)
		return ignore(r, "bad ICMP checksum");
	r->kind = REPLY_ECHO;	/* provisional: the caller goes on */
	return r->kind;
}

enum reply_kind
echo_parse(const uint8_t *buf, size_t len, const struct reply_ctx *ctx, struct reply *r)
{
	const uint8_t *icmp = buf;
	size_t ilen = len;
	bool v6 = ctx->shape == SHAPE_ICMP6;

	memset(r, 0, sizeof(*r));
	r->ttl = -1;
	if (ctx->shape == SHAPE_IP4 && outer4(buf, len, &icmp, &ilen, r) == REPLY_IGNORED)
		return r->kind;
	if (ilen < 8)
		return ignore(r, "ICMP message shorter than 8 bytes");
	r->icmp_len = ilen;
	r->type = icmp[0];
	r->code = icmp[1];
	if (icmp[0] == (v6 ? ICMP6_ECHO_REPLY : ICMP_ECHOREPLY)) {
		r->id = get16(icmp + 4);
		r->seq = get16(icmp + 6);
		if (ctx->check_id && r->id != ctx->id)
			return ignore(r, "foreign id");
		if (!ctx->any_from && !same_addr(&ctx->from, &ctx->dst))
			return ignore(r, "reply from another address");
		/* an echo carries back all we sent: a shorter or longer one is forged */
		if (ilen - 8 != ctx->datalen)
			return ignore(r, "payload length differs from ours");
		if (!cookie_ok(icmp + 8, ilen - 8, ctx, false))
			return ignore(r, "foreign cookie");
		r->kind = REPLY_ECHO;
		return r->kind;
	}
	if (!is_error(icmp[0], v6))
		return ignore(r, "neither an echo reply nor an error");
	r->info = error_info(icmp, v6);
	r->quoted_off = (size_t)(icmp + 8 - buf);
	r->quoted_len = ilen - 8;
	return v6 ? error6(icmp + 8, ilen - 8, ctx, r) : error4(icmp + 8, ilen - 8, ctx, r);
}

enum reply_kind
echo_parse_errqueue(int family, uint8_t type, uint8_t code, uint32_t info,
    const uint8_t *buf, size_t len, const struct reply_ctx *ctx, struct reply *r)
{
	bool v6 = family == AF_INET6;

	memset(r, 0, sizeof(*r));
	r->ttl = -1;
	r->type = type;
	r->code = code;
	r->info = info;
	r->icmp_len = 8 + (v6 ? 40 : 20) + len;
	if (!is_error(type, v6))
		return ignore(r, "not an ICMP error");
	/* the kernel matches an error to the socket by id alone: the quoted destination
	 * is checked here, as error4() and error6() do on a raw socket */
	if (ctx->quoted_dst.family != 0 && !same_addr(&ctx->quoted_dst, &ctx->dst))
		return ignore(r, "quoted destination is not ours");
	return quoted_probe(buf, len, v6, ctx, r);
}
