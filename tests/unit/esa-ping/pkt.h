/* SPDX-License-Identifier: BSD-2-Clause */
/* pkt.h - builders of ICMP and ICMPv6 packets for esa-ping's parser tests and fuzz seeds. */
#ifndef ESA_TEST_PING_PKT_H
#define ESA_TEST_PING_PKT_H

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "../../../bin/esa-ping/ping.h"
#include "esa.h"
#include "icmp.h"

#define PKT_ID 0x1234
static const uint8_t pkt_cookie[PING_COOKIE_LEN] = { 0xc0, 0x0c, 0x1e, 0x5e, 1, 2, 3, 4 };

static inline void
pkt_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Our payload of LEN bytes: the cookie, then FreeBSD's pattern. */
static inline size_t
pkt_payload(uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		p[i] = i < PING_COOKIE_LEN ? pkt_cookie[i] : (uint8_t)i;
	return len;
}

/* An ICMP (v4 or v6) echo message of TYPE with our payload of DATALEN; its length. */
static inline size_t
pkt_echo(uint8_t *p, uint8_t type, uint16_t id, uint16_t seq, size_t datalen, bool sum)
{
	p[0] = type;
	p[1] = 0;
	pkt_put16(p + 2, 0);
	pkt_put16(p + 4, id);
	pkt_put16(p + 6, seq);
	pkt_payload(p + 8, datalen);
	if (sum)
		pkt_put16(p + 2, icmp_checksum(p, 8 + datalen));
	return 8 + datalen;
}

/*
 * An IPv4 header at P with OPTLEN bytes of options OPT (a multiple of 4), protocol
 * PROTO, SRC and DST in text, and LEN bytes of payload after it; the header length.
 */
static inline size_t
pkt_ip4(uint8_t *p, const uint8_t *opt, size_t optlen, uint8_t proto, const char *src,
    const char *dst, size_t len)
{
	size_t hl = 20 + optlen;

	memset(p, 0, 20);
	p[0] = (uint8_t)(0x40 | hl / 4);
	pkt_put16(p + 2, (uint16_t)(hl + len));
	p[8] = 64;
	p[9] = proto;
	inet_pton(AF_INET, src, p + 12);
	inet_pton(AF_INET, dst, p + 16);
	if (optlen > 0)
		memcpy(p + 20, opt, optlen);
	return hl;
}

/* A run context: raw IPv4 to 192.0.2.2 (or IPv6 2001:db8::2), from the destination. */
static inline void
pkt_ctx(struct reply_ctx *c, enum reply_shape shape, size_t datalen)
{
	memset(c, 0, sizeof(*c));
	c->shape = shape;
	c->check_id = shape != SHAPE_ICMP4;
	c->id = PKT_ID;
	c->datalen = datalen;
	memcpy(c->cookie, pkt_cookie, sizeof(c->cookie));
	if (shape == SHAPE_ICMP6) {
		c->dst.family = c->from.family = AF_INET6;
		inet_pton(AF_INET6, "2001:db8::2", c->dst.u.bytes);
	} else {
		c->dst.family = c->from.family = AF_INET;
		inet_pton(AF_INET, "192.0.2.2", c->dst.u.bytes);
	}
	c->from.u = c->dst.u;
}

/* A raw IPv4 echo reply from 192.0.2.2 with options OPT; its length. */
static inline size_t
pkt_reply4(uint8_t *p, const uint8_t *opt, size_t optlen, uint16_t id, uint16_t seq,
    size_t datalen)
{
	size_t hl = pkt_ip4(p, opt, optlen, IPPROTO_ICMP, "192.0.2.2", "192.0.2.1", 8 + datalen);

	return hl + pkt_echo(p + hl, 0, id, seq, datalen, true);
}

/*
 * A raw IPv4 ICMP error TYPE/CODE from 192.0.2.254 quoting our probe SEQ behind a
 * header with QOPT options, cut to QUOTE bytes of quoted data (header included);
 * its length.
 */
static inline size_t
pkt_error4(uint8_t *p, uint8_t type, uint8_t code, uint16_t mtu, const uint8_t *qopt,
    size_t qoptlen, uint16_t seq, size_t datalen, size_t quote)
{
	uint8_t q[65536];
	size_t qh = pkt_ip4(q, qopt, qoptlen, IPPROTO_ICMP, "192.0.2.1", "192.0.2.2",
	    8 + datalen);
	size_t qlen = qh + pkt_echo(q + qh, 8, PKT_ID, seq, datalen, true);
	size_t hl;
	uint8_t *icmp;

	if (quote < qlen)
		qlen = quote;
	hl = pkt_ip4(p, NULL, 0, IPPROTO_ICMP, "192.0.2.254", "192.0.2.1", 8 + qlen);
	icmp = p + hl;
	memset(icmp, 0, 8);
	icmp[0] = type;
	icmp[1] = code;
	pkt_put16(icmp + 6, mtu);
	memcpy(icmp + 8, q, qlen);
	pkt_put16(icmp + 2, icmp_checksum(icmp, 8 + qlen));
	return hl + 8 + qlen;
}

/* An ICMPv6 error quoting our probe SEQ behind EXT (EXTLEN bytes, first header NH). */
static inline size_t
pkt_error6(uint8_t *p, uint8_t type, uint8_t code, uint32_t info, uint8_t nh,
    const uint8_t *ext, size_t extlen, uint16_t seq, size_t datalen)
{
	uint8_t *q = p + 8;

	memset(p, 0, 8);
	p[0] = type;
	p[1] = code;
	p[4] = (uint8_t)(info >> 24);
	p[5] = (uint8_t)(info >> 16);
	p[6] = (uint8_t)(info >> 8);
	p[7] = (uint8_t)info;
	memset(q, 0, 40);
	q[0] = 0x60;
	pkt_put16(q + 4, (uint16_t)(extlen + 8 + datalen));
	q[6] = nh;
	q[7] = 64;
	inet_pton(AF_INET6, "2001:db8::1", q + 8);
	inet_pton(AF_INET6, "2001:db8::2", q + 24);
	if (extlen > 0)
		memcpy(q + 40, ext, extlen);
	return 8 + 40 + extlen + pkt_echo(q + 40 + extlen, 128, PKT_ID, seq, datalen, false);
}

#endif
