/* SPDX-License-Identifier: BSD-2-Clause */
/* test_reply.c - esa-ping's reply parser on crafted, hostile and truncated packets. */
#include <netinet/icmp6.h>
#include <netinet/ip_icmp.h>

#include "../check_esa.h"
#include "suites.h"
#include "pkt.h"

static uint8_t buf[70000];

/* Parses an exact-size heap copy of LEN bytes of buf, so ASan sees any over-read. */
static enum reply_kind
parse(size_t len, const struct reply_ctx *c, struct reply *r)
{
	void *copy = exact_copy(buf, len);
	enum reply_kind k = echo_parse(copy, len, c, r);

	free(copy);
	return k;
}

START_TEST(test_echo4)
{
	struct reply_ctx c;
	struct reply r;
	size_t len = pkt_reply4(buf, NULL, 0, PKT_ID, 7, 56);

	pkt_ctx(&c, SHAPE_IP4, 56);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ECHO);
	ck_assert_uint_eq(r.seq, 7);
	ck_assert_int_eq(r.ttl, 64);
	ck_assert_uint_eq(r.icmp_len, 64);
	/* every shorter cut is refused, and read within bounds */
	for (size_t cut = 0; cut < len; cut++)
		ck_assert_int_eq(parse(cut, &c, &r), REPLY_IGNORED);
}
END_TEST

START_TEST(test_foreign)
{
	struct reply_ctx c;
	struct reply r;
	size_t len;

	pkt_ctx(&c, SHAPE_IP4, 56);
	len = pkt_reply4(buf, NULL, 0, PKT_ID ^ 1, 7, 56);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	ck_assert_str_eq(r.why, "foreign id");
	/* a datagram socket: the kernel matched the id, the bytes are ICMP alone */
	pkt_ctx(&c, SHAPE_ICMP4, 56);
	ck_assert_int_eq(parse(pkt_echo(buf, 0, 999, 7, 56, false), &c, &r), REPLY_ECHO);
	ck_assert_int_eq(r.ttl, -1);
	/* foreign cookie */
	buf[8] ^= 0xff;
	ck_assert_int_eq(parse(64, &c, &r), REPLY_IGNORED);
	ck_assert_str_eq(r.why, "foreign cookie");
	buf[8] ^= 0xff;
	/* another sender */
	c.from.u.bytes[3] = 3;
	ck_assert_int_eq(parse(64, &c, &r), REPLY_IGNORED);
	ck_assert_str_eq(r.why, "reply from another address");
	/* pinging a broadcast or multicast address, every member answers from its own */
	c.any_from = true;
	ck_assert_int_eq(parse(64, &c, &r), REPLY_ECHO);
	buf[8] ^= 0xff;
	ck_assert_int_eq(parse(64, &c, &r), REPLY_IGNORED);
	ck_assert_str_eq(r.why, "foreign cookie");
	buf[8] ^= 0xff;
	c.any_from = false;
	c.from.u.bytes[3] = 2;
	/* shorter or longer than what we sent */
	ck_assert_int_eq(parse(63, &c, &r), REPLY_IGNORED);
	c.datalen = 40;
	ck_assert_int_eq(parse(64, &c, &r), REPLY_IGNORED);
	ck_assert_str_eq(r.why, "payload length differs from ours");
}
END_TEST

START_TEST(test_checksum)
{
	struct reply_ctx c;
	struct reply r;
	size_t len = pkt_reply4(buf, NULL, 0, PKT_ID, 1, 56);

	pkt_ctx(&c, SHAPE_IP4, 56);
	buf[20 + 2] ^= 0x40;
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	ck_assert_str_eq(r.why, "bad ICMP checksum");
}
END_TEST

/* Outer options: ihl=15 with 40 NOP bytes is fine; lengths 0, 1 and 41 are refused. */
START_TEST(test_outer_options)
{
	static const struct {
		uint8_t opt[40];
		size_t len;
		enum reply_kind want;
	} t[] = {
		{ { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 40, REPLY_ECHO },
		{ { 0x9f, 0, 0, 0 }, 4, REPLY_IGNORED },
		{ { 0x9f, 1, 0, 0 }, 4, REPLY_IGNORED },
		{ { 0x9f, 2, 1, 0 }, 4, REPLY_ECHO },
		{ { 0x9f, 41 }, 40, REPLY_IGNORED },
		{ { 0x9f, 40 }, 40, REPLY_ECHO },
		{ { 0 }, 4, REPLY_ECHO },	/* EOL: the rest is padding */
	};
	struct reply_ctx c;
	struct reply r;

	pkt_ctx(&c, SHAPE_IP4, 56);
	for (size_t i = 0; i < ESA_NELEM(t); i++) {
		size_t len = pkt_reply4(buf, t[i].opt, t[i].len, PKT_ID, 3, 56);

		ck_assert_msg(parse(len, &c, &r) == t[i].want, "case %zu: %s", i,
		    r.why ? r.why : "accepted");
		for (size_t cut = 0; cut < len; cut++)
			(void)parse(cut, &c, &r);
	}
}
END_TEST

START_TEST(test_options_walk)
{
	static const uint8_t nop[40] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

	ck_assert_int_eq(echo_options_walk(nop, 0), 0);
	ck_assert_int_eq(echo_options_walk(nop, 40), 40);
	ck_assert_int_eq(echo_options_walk((const uint8_t *)"\x9f\x00\x01\x01", 4), -1);
	ck_assert_int_eq(echo_options_walk((const uint8_t *)"\x9f\x01\x01\x01", 4), -1);
	ck_assert_int_eq(echo_options_walk((const uint8_t *)"\x9f\x02\x01\x01", 4), 3);
	ck_assert_int_eq(echo_options_walk((const uint8_t *)"\x9f\x29\x01\x01", 4), -1);
	ck_assert_int_eq(echo_options_walk((const uint8_t *)"\x01\x01\x01\x9f", 4), -1);
	ck_assert_int_eq(echo_options_walk((const uint8_t *)"\x00\x9f\x00\x00", 4), 1);
}
END_TEST

START_TEST(test_bad_outer)
{
	struct reply_ctx c;
	struct reply r;
	size_t len = pkt_reply4(buf, NULL, 0, PKT_ID, 3, 56);

	pkt_ctx(&c, SHAPE_IP4, 56);
	buf[0] = 0x44;	/* ihl 4 */
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	buf[0] = 0x4f;	/* ihl 15 past a 20-byte header: options are the ICMP bytes */
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	buf[0] = 0x45;
	pkt_put16(buf + 2, (uint16_t)(len + 1));	/* tot_len past the packet */
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	pkt_put16(buf + 2, 19);				/* below the header */
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	pkt_put16(buf + 2, (uint16_t)len);
	buf[9] = IPPROTO_UDP;
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
}
END_TEST

/* Errors quoting our probe: plain, ihl=15 with 40 option bytes (CVE-2022-23093), cut. */
START_TEST(test_error4)
{
	static const uint8_t nop40[40] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	struct reply_ctx c;
	struct reply r;
	size_t len;

	pkt_ctx(&c, SHAPE_IP4, 56);
	c.from.u.bytes[3] = 254;
	len = pkt_error4(buf, ICMP_UNREACH, ICMP_UNREACH_NEEDFRAG, 1280, NULL, 0, 5, 56, 9999);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ERROR);
	ck_assert_uint_eq(r.seq, 5);
	ck_assert_uint_eq(r.info, 1280);
	ck_assert_uint_eq(r.icmp_len, 8 + 20 + 64);
	ck_assert_uint_eq(r.quoted_hlen, 20);
	len = pkt_error4(buf, ICMP_UNREACH, ICMP_UNREACH_HOST, 0, nop40, 40, 6, 56, 9999);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ERROR);
	ck_assert_uint_eq(r.seq, 6);
	ck_assert_uint_eq(r.quoted_hlen, 60);
	ck_assert_uint_eq(r.icmp_len, 8 + 60 + 64);
	/* RFC 792 routers quote 8 bytes of ICMP: no cookie, still ours */
	len = pkt_error4(buf, ICMP_TIMXCEED, 0, 0, NULL, 0, 2, 56, 28);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ERROR);
	/* a quote cut inside the ICMP header, inside the IP header, or empty */
	for (size_t q = 0; q < 28; q++) {
		len = pkt_error4(buf, ICMP_TIMXCEED, 0, 0, NULL, 0, 2, 56, q);
		ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	}
	/* ihl=15 whose quote ends inside the options */
	len = pkt_error4(buf, ICMP_UNREACH, 1, 0, nop40, 40, 6, 56, 50);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	ck_assert_str_eq(r.why, "quoted IP options past the end");
}
END_TEST

START_TEST(test_error4_foreign)
{
	static const struct {
		size_t off;	/* in the quoted header */
		uint8_t xor;
		const char *why;
	} t[] = {
		{ 20 + 8, 1, "quoted probe has a foreign cookie" },
		{ 20 + 4, 1, "quoted probe has a foreign id" },
		{ 19, 1, "quoted destination is not ours" },
		{ 7, 0x10, "quoted packet is a later fragment" },
		{ 0, 0x01, "quoted IP header is bad" },		/* ihl 4 */
		{ 9, IPPROTO_ICMP ^ IPPROTO_UDP, "quoted packet is not ICMP" },
		{ 20, 8 ^ 13, "quoted packet is not an echo request" },
	};
	struct reply_ctx c;
	struct reply r;
	size_t len = pkt_error4(buf, ICMP_UNREACH, 1, 0, NULL, 0, 5, 56, 9999);
	uint8_t *q = buf + 28;

	pkt_ctx(&c, SHAPE_IP4, 56);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ERROR);
	for (size_t i = 0; i < ESA_NELEM(t); i++) {
		/* each change with a correct outer checksum: the check itself must catch it */
		q[t[i].off] ^= t[i].xor;
		pkt_put16(buf + 22, 0);
		pkt_put16(buf + 22, icmp_checksum(buf + 20, len - 20));
		ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
		ck_assert_str_eq(r.why, t[i].why);
		q[t[i].off] ^= t[i].xor;
	}
}
END_TEST

START_TEST(test_echo6)
{
	struct reply_ctx c;
	struct reply r;
	size_t len = pkt_echo(buf, ICMP6_ECHO_REPLY, PKT_ID, 9, 8, false);

	pkt_ctx(&c, SHAPE_ICMP6, 8);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ECHO);
	ck_assert_uint_eq(r.icmp_len, 16);
	ck_assert_uint_eq(r.seq, 9);
	for (size_t cut = 0; cut < len; cut++)
		ck_assert_int_eq(parse(cut, &c, &r), REPLY_IGNORED);
	/* -s 4: the cookie cut to the payload */
	pkt_ctx(&c, SHAPE_ICMP6, 4);
	ck_assert_int_eq(parse(pkt_echo(buf, ICMP6_ECHO_REPLY, PKT_ID, 9, 4, false), &c, &r),
	    REPLY_ECHO);
	pkt_ctx(&c, SHAPE_ICMP6, 0);
	ck_assert_int_eq(parse(pkt_echo(buf, ICMP6_ECHO_REPLY, PKT_ID, 9, 0, false), &c, &r),
	    REPLY_ECHO);
}
END_TEST

START_TEST(test_error6)
{
	uint8_t ext[1000];
	struct reply_ctx c;
	struct reply r;
	size_t len;

	pkt_ctx(&c, SHAPE_ICMP6, 56);
	len = pkt_error6(buf, ICMP6_PACKET_TOO_BIG, 0, 1000, IPPROTO_ICMPV6, NULL, 0, 4, 56);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ERROR);
	ck_assert_uint_eq(r.info, 1000);
	ck_assert_uint_eq(r.seq, 4);
	/* the MTU is 32 bits in network order (RFC 4443 3.2), each byte its own */
	len = pkt_error6(buf, ICMP6_PACKET_TOO_BIG, 0, 0x01020304, IPPROTO_ICMPV6, NULL, 0, 4, 56);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ERROR);
	ck_assert_uint_eq(r.info, 0x01020304);
	len = pkt_error6(buf, ICMP6_PACKET_TOO_BIG, 0, 1000, IPPROTO_ICMPV6, NULL, 0, 4, 56);
	for (size_t cut = 0; cut < len; cut++)
		(void)parse(cut, &c, &r);
	/* hop-by-hop (16 bytes), then a first fragment */
	memset(ext, 0, sizeof(ext));
	ext[0] = IPPROTO_FRAGMENT, ext[1] = 1;
	ext[16] = IPPROTO_ICMPV6;
	len = pkt_error6(buf, ICMP6_DST_UNREACH, 3, 0, IPPROTO_HOPOPTS, ext, 24, 4, 56);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ERROR);
	ck_assert_uint_eq(r.quoted_hlen, 64);
	/* a later fragment */
	ext[18] = 0x01;
	len = pkt_error6(buf, ICMP6_DST_UNREACH, 3, 0, IPPROTO_HOPOPTS, ext, 24, 4, 56);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	/* a header whose length runs past the end */
	memset(ext, 0, sizeof(ext));
	ext[0] = IPPROTO_ICMPV6, ext[1] = 200;
	len = pkt_error6(buf, ICMP6_DST_UNREACH, 3, 0, IPPROTO_DSTOPTS, ext, 8, 4, 56);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	/* a chain of 100 headers */
	for (int i = 0; i < 100; i++)
		ext[i * 8] = i == 99 ? IPPROTO_ICMPV6 : IPPROTO_DSTOPTS, ext[i * 8 + 1] = 0;
	len = pkt_error6(buf, ICMP6_DST_UNREACH, 3, 0, IPPROTO_DSTOPTS, ext, 800, 4, 56);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_IGNORED);
	ck_assert_str_eq(r.why, "quoted extension headers too long");
	/* quoted header cut to 8 and 0 bytes */
	len = pkt_error6(buf, ICMP6_TIME_EXCEEDED, 0, 0, IPPROTO_ICMPV6, NULL, 0, 4, 56);
	ck_assert_int_eq(parse(16, &c, &r), REPLY_IGNORED);
	ck_assert_int_eq(parse(8, &c, &r), REPLY_IGNORED);
	ck_assert_int_eq(parse(len, &c, &r), REPLY_ERROR);
}
END_TEST

START_TEST(test_errqueue)
{
	struct reply_ctx c;
	struct reply r;
	size_t len = pkt_echo(buf, ICMP_ECHO, 77, 3, 56, false);
	void *copy;

	pkt_ctx(&c, SHAPE_ICMP4, 56);
	copy = exact_copy(buf, len);
	ck_assert_int_eq(echo_parse_errqueue(AF_INET, ICMP_TIMXCEED, 0, 0, copy, len, &c, &r),
	    REPLY_ERROR);
	ck_assert_uint_eq(r.seq, 3);
	ck_assert_uint_eq(r.icmp_len, 92);
	for (size_t cut = 0; cut < 8; cut++)
		ck_assert_int_eq(echo_parse_errqueue(AF_INET, ICMP_TIMXCEED, 0, 0, copy, cut, &c,
		    &r), REPLY_IGNORED);
	ck_assert_int_eq(echo_parse_errqueue(AF_INET, ICMP_ECHOREPLY, 0, 0, copy, len, &c, &r),
	    REPLY_IGNORED);
	/* the kernel's msg_name: the quoted probe went to our host, or elsewhere */
	c.quoted_dst = c.dst;
	ck_assert_int_eq(echo_parse_errqueue(AF_INET, ICMP_TIMXCEED, 0, 0, copy, len, &c, &r),
	    REPLY_ERROR);
	inet_pton(AF_INET, "192.0.2.3", c.quoted_dst.u.bytes);
	ck_assert_int_eq(echo_parse_errqueue(AF_INET, ICMP_TIMXCEED, 0, 0, copy, len, &c, &r),
	    REPLY_IGNORED);
	ck_assert_str_eq(r.why, "quoted destination is not ours");
	c.quoted_dst.family = AF_INET6;
	memcpy(c.quoted_dst.u.bytes, c.dst.u.bytes, 4);
	ck_assert_int_eq(echo_parse_errqueue(AF_INET, ICMP_TIMXCEED, 0, 0, copy, len, &c, &r),
	    REPLY_IGNORED);
	c.quoted_dst.family = 0;
	((uint8_t *)copy)[8] ^= 1;
	ck_assert_int_eq(echo_parse_errqueue(AF_INET, ICMP_UNREACH, 1, 0, copy, len, &c, &r),
	    REPLY_IGNORED);
	free(copy);
}
END_TEST

Suite *
suite_ping_reply(void)
{
	Suite *s = suite_create("ping_reply");
	TCase *tc = tcase_create("ping_reply");

	tcase_add_test(tc, test_echo4);
	tcase_add_test(tc, test_foreign);
	tcase_add_test(tc, test_checksum);
	tcase_add_test(tc, test_outer_options);
	tcase_add_test(tc, test_options_walk);
	tcase_add_test(tc, test_bad_outer);
	tcase_add_test(tc, test_error4);
	tcase_add_test(tc, test_error4_foreign);
	tcase_add_test(tc, test_echo6);
	tcase_add_test(tc, test_error6);
	tcase_add_test(tc, test_errqueue);
	suite_add_tcase(s, tc);
	return s;
}
