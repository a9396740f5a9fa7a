/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_icmp_reply.c - esa-ping's reply parser and printers on any bytes from the network. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "../../bin/esa-ping/ping.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t cookie[PING_COOKIE_LEN] = { 0xc0, 0x0c, 0x1e, 0x5e, 1, 2, 3, 4 };

/* The parser's promises: whatever it accepted lies inside the packet. */
static void
check(const struct reply *r, size_t len, enum reply_kind k)
{
	CHECK(r->kind == k);
	if (k == REPLY_IGNORED) {
		CHECK(r->why != NULL);
		return;
	}
	CHECK(r->quoted_off <= len && r->quoted_len <= len - r->quoted_off);
	CHECK(r->quoted_hlen <= r->quoted_len);
}

/*
 * The first byte picks the shape (bits 0-1: raw IPv4, ICMP, ICMPv6, error queue),
 * the payload size (bits 2-7: 0 to 63 bytes, 56 at 14) and, for the error queue, the
 * family; the rest is the packet, given to the parser as an exact-size copy, and what
 * it accepts is printed (text, -v and JSON) to /dev/null.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct reply_ctx c = { 0 };
	struct run_info ri = { .host = "h", .addr = "x", .src = "y", .timing = true,
		.verbose = true, .socket_kind = "raw" };
	struct reply r;
	struct event e = { .r = &r, .from = "192.0.2.2", .ttl = 1 };
	enum reply_kind k;
	uint8_t *pkt;
	int shape;

	if (size < 1)
		return 0;
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	shape = data[0] & 3;
	c.datalen = (size_t)(data[0] >> 2) == 14 ? 56 : (size_t)(data[0] >> 2);
	c.check_id = shape == 0 || shape == 2;
	c.id = 0x1234;
	memcpy(c.cookie, cookie, sizeof(cookie));
	c.dst.family = c.from.family = shape == 2 ? AF_INET6 : AF_INET;
	c.dst.u.v4.s_addr = htonl(0xc0000202);	/* 192.0.2.2 */
	if (shape == 2)
		memcpy(c.dst.u.bytes, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x02", 16);
	c.from.u = c.dst.u;
	c.shape = shape == 0 ? SHAPE_IP4 : shape == 2 ? SHAPE_ICMP6 : SHAPE_ICMP4;
	size--;
	pkt = malloc(size ? size : 1);
	if (pkt == NULL)
		abort();
	memcpy(pkt, data + 1, size);
	if (shape == 3) {
		int fam = size > 0 && (pkt[0] & 0x80) ? AF_INET6 : AF_INET;

		c.dst.family = c.from.family = fam;
		k = echo_parse_errqueue(fam, size > 1 ? pkt[1] : 3, size > 2 ? pkt[2] : 0,
		    size > 3 ? pkt[3] : 0, pkt, size, &c, &r);
	} else {
		k = echo_parse(pkt, size, &c, &r);
	}
	check(&r, size, k);
	(void)echo_options_walk(pkt, size < 40 ? size : 40);
	if (k != REPLY_IGNORED) {
		ri.family = c.dst.family;
		e.buf = pkt;
		e.len = size;
		e.timed = true;
		ping_event(devnull, &ri, &e);
		ri.json = true;
		ping_event(devnull, &ri, &e);
	}
	free(pkt);
	return 0;
}
