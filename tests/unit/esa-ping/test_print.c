/* SPDX-License-Identifier: BSD-2-Clause */
/* test_print.c - esa-ping's printers against FreeBSD ping/ping6 text written by hand. */
#include <netinet/icmp6.h>
#include <netinet/ip_icmp.h>
#include <sys/socket.h>

#include "../check_esa.h"
#include "suites.h"
#include "pkt.h"

static struct run_info
info(int family, bool json)
{
	struct run_info ri = { .host = "h.example", .family = family, .json = json,
		.timing = true, .socket_kind = "raw" };

	ri.datalen = family == AF_INET6 ? 8 : 56;
	snprintf(ri.addr, sizeof(ri.addr), "%s", family == AF_INET6 ? "2001:db8::2" : "192.0.2.2");
	snprintf(ri.src, sizeof(ri.src), "%s", family == AF_INET6 ? "2001:db8::1" : "192.0.2.1");
	return ri;
}

static char *
header(int family)
{
	struct run_info ri = info(family, false);
	struct memout m;

	memout_open(&m);
	ping_header(m.f, &ri);
	return memout_close(&m);
}

START_TEST(test_header)
{
	char *s = header(AF_INET);

	ck_assert_str_eq(s, "PING h.example (192.0.2.2): 56 data bytes\n");
	free(s);
	s = header(AF_INET6);
	ck_assert_str_eq(s, "PING6(56=40+8+8 bytes) 2001:db8::1 --> 2001:db8::2\n");
	free(s);
}
END_TEST

/* FreeBSD ping's header names the -S source; ping6's always shows one. */
START_TEST(test_header_source)
{
	struct run_info ri = info(AF_INET, false);
	struct memout m;
	char *s;

	ri.src_given = true;
	memout_open(&m);
	ping_header(m.f, &ri);
	s = memout_close(&m);
	ck_assert_str_eq(s, "PING h.example (192.0.2.2) from 192.0.2.1: 56 data bytes\n");
	free(s);
	ri = info(AF_INET6, false);
	ri.src_given = true;
	memout_open(&m);
	ping_header(m.f, &ri);
	s = memout_close(&m);
	ck_assert_str_eq(s, "PING6(56=40+8+8 bytes) 2001:db8::1 --> 2001:db8::2\n");
	free(s);
}
END_TEST

static char *
event(int family, bool json, struct reply *r, bool dup, bool timed, const char *name)
{
	struct run_info ri = info(family, json);
	struct event e = { .r = r, .from = family == AF_INET6 ? "2001:db8::2" : "192.0.2.2",
		.from_name = name, .ttl = 63, .dup = dup, .timed = timed, .rtt_ms = 0.4125 };
	struct memout m;

	memout_open(&m);
	ping_event(m.f, &ri, &e);
	return memout_close(&m);
}

START_TEST(test_reply_lines)
{
	struct reply r = { .kind = REPLY_ECHO, .icmp_len = 64, .seq = 3 };
	char *s;

	s = event(AF_INET, false, &r, false, true, NULL);
	ck_assert_str_eq(s, "64 bytes from 192.0.2.2: icmp_seq=3 ttl=63 time=0.412 ms\n");
	free(s);
	s = event(AF_INET, false, &r, true, true, NULL);
	ck_assert_str_eq(s, "64 bytes from 192.0.2.2: icmp_seq=3 ttl=63 time=0.412 ms (DUP!)\n");
	free(s);
	s = event(AF_INET, false, &r, false, false, NULL);
	ck_assert_str_eq(s, "64 bytes from 192.0.2.2: icmp_seq=3 ttl=63\n");
	free(s);
	r.icmp_len = 16;
	s = event(AF_INET6, false, &r, true, true, NULL);
	ck_assert_str_eq(s, "16 bytes from 2001:db8::2, icmp_seq=3 hlim=63 time=0.412 ms(DUP!)\n");
	free(s);
	s = event(AF_INET6, true, &r, false, true, NULL);
	ck_assert_str_eq(s, "{\"type\":\"reply\",\"size_bytes\":16,\"address\":\"2001:db8::2\","
	    "\"seq\":3,\"ttl\":63,\"rtt_ms\":0.412,\"duplicate\":false,\"late\":false}\n");
	free(s);
}
END_TEST

/* ping6's -v adds the address the reply came to. */
START_TEST(test_reply_dst)
{
	struct reply r = { .kind = REPLY_ECHO, .icmp_len = 16, .seq = 3 };
	struct run_info ri = info(AF_INET6, false);
	struct event e = { .r = &r, .from = "2001:db8::2", .dst = "2001:db8::1", .ttl = 63,
		.timed = true, .rtt_ms = 0.4125 };
	struct memout m;
	char *s;

	memout_open(&m);
	ping_event(m.f, &ri, &e);
	s = memout_close(&m);
	ck_assert_str_eq(s, "16 bytes from 2001:db8::2, icmp_seq=3 hlim=63 time=0.412 ms\n");
	free(s);
	ri.verbose = true;
	memout_open(&m);
	ping_event(m.f, &ri, &e);
	s = memout_close(&m);
	ck_assert_str_eq(s, "16 bytes from 2001:db8::2, icmp_seq=3 hlim=63 dst=2001:db8::1 "
	    "time=0.412 ms\n");
	free(s);
}
END_TEST

START_TEST(test_error_lines)
{
	struct reply r = { .kind = REPLY_ERROR, .icmp_len = 92, .seq = 1, .type = ICMP_TIMXCEED };
	char *s;

	s = event(AF_INET, false, &r, false, true, "r1.example");
	ck_assert_str_eq(s, "92 bytes from r1.example (192.0.2.2): Time to live exceeded\n");
	free(s);
	r.type = ICMP_UNREACH, r.code = ICMP_UNREACH_NEEDFRAG, r.info = 1280;
	s = event(AF_INET, true, &r, false, true, NULL);
	ck_assert_str_eq(s, "{\"type\":\"error\",\"size_bytes\":92,\"address\":\"192.0.2.2\",\"seq\":1,"
	    "\"icmp_type\":3,\"icmp_code\":4,\"error\":\"frag needed and DF set (MTU 1280)\","
	    "\"next_hop_mtu\":1280}\n");
	free(s);
	/* IPv6: the MTU with a packet too big (RFC 4443 3.2), with no other error */
	r.type = ICMP6_PACKET_TOO_BIG, r.code = 0;
	s = event(AF_INET6, true, &r, false, true, NULL);
	ck_assert_str_eq(s, "{\"type\":\"error\",\"size_bytes\":92,\"address\":\"2001:db8::2\","
	    "\"seq\":1,\"icmp_type\":2,\"icmp_code\":0,\"error\":\"Packet too big mtu = 1280\","
	    "\"next_hop_mtu\":1280}\n");
	free(s);
	r.type = ICMP6_TIME_EXCEEDED;
	s = event(AF_INET6, true, &r, false, true, NULL);
	ck_assert_str_eq(s, "{\"type\":\"error\",\"size_bytes\":92,\"address\":\"2001:db8::2\","
	    "\"seq\":1,\"icmp_type\":3,\"icmp_code\":0,\"error\":\"Time to live exceeded\"}\n");
	free(s);
}
END_TEST

/* FreeBSD's words for each error, including codes it has no name for. */
START_TEST(test_error_texts)
{
	static const struct {
		int family;
		uint8_t type, code;
		uint32_t info;
		const char *text;
	} t[] = {
		{ AF_INET, ICMP_UNREACH, 0, 0, "Destination Net Unreachable" },
		{ AF_INET, ICMP_UNREACH, 1, 0, "Destination Host Unreachable" },
		{ AF_INET, ICMP_UNREACH, 3, 0, "Destination Port Unreachable" },
		{ AF_INET, ICMP_UNREACH, 4, 1400, "frag needed and DF set (MTU 1400)" },
		{ AF_INET, ICMP_UNREACH, 4, 0, "frag needed and DF set (MTU 0)" },
		{ AF_INET, ICMP_UNREACH, 4, 65535, "frag needed and DF set (MTU 65535)" },
		{ AF_INET, ICMP_REDIRECT, 9, 0, "Redirect, Bad Code: 9(New addr: 0.0.0.0)" },
		{ AF_INET, ICMP_PARAMPROB, 0, 255, "Parameter problem: pointer = 0xff" },
		{ AF_INET6, ICMP6_PACKET_TOO_BIG, 0, 0xffffffff, "Packet too big mtu = 4294967295" },
		{ AF_INET6, ICMP6_PARAM_PROB, 7, 0xffffffff,
		  "Parameter problem: Bad code(7) pointer = 0xffffffff" },
		/* the first code past the three ping6 names */
		{ AF_INET6, ICMP6_PARAM_PROB, 3, 40,
		  "Parameter problem: Bad code(3) pointer = 0x28" },
		{ AF_INET, ICMP_UNREACH, 2, 0, "Destination Protocol Unreachable" },
		{ AF_INET, ICMP_UNREACH, 5, 0, "Source Route Failed" },
		{ AF_INET, ICMP_UNREACH, 13, 0, "Communication prohibited by filter" },
		{ AF_INET, ICMP_UNREACH, 99, 0, "Dest Unreachable, Bad Code: 99" },
		/* codes FreeBSD's pr_icmph() has no words for (iputils has) */
		{ AF_INET, ICMP_UNREACH, 6, 0, "Dest Unreachable, Bad Code: 6" },
		{ AF_INET, ICMP_UNREACH, 7, 0, "Dest Unreachable, Bad Code: 7" },
		{ AF_INET, ICMP_UNREACH, 9, 0, "Dest Unreachable, Bad Code: 9" },
		{ AF_INET, ICMP_UNREACH, 10, 0, "Dest Unreachable, Bad Code: 10" },
		{ AF_INET, ICMP_UNREACH, 12, 0, "Dest Unreachable, Bad Code: 12" },
		{ AF_INET, ICMP_UNREACH, 14, 0, "Dest Unreachable, Bad Code: 14" },
		{ AF_INET, ICMP_UNREACH, 15, 0, "Dest Unreachable, Bad Code: 15" },
		{ AF_INET, ICMP_TIMXCEED, 0, 0, "Time to live exceeded" },
		{ AF_INET, ICMP_TIMXCEED, 1, 0, "Frag reassembly time exceeded" },
		{ AF_INET, ICMP_TIMXCEED, 7, 0, "Time exceeded, Bad Code: 7" },
		{ AF_INET, ICMP_PARAMPROB, 0, 20, "Parameter problem: pointer = 0x14" },
		{ AF_INET, ICMP_SOURCEQUENCH, 0, 0, "Source Quench" },
		{ AF_INET, ICMP_REDIRECT, 1, 0xc00002fe, "Redirect Host(New addr: 192.0.2.254)" },
		{ AF_INET6, ICMP6_DST_UNREACH, 0, 0, "No Route to Destination" },
		{ AF_INET6, ICMP6_DST_UNREACH, 3, 0, "Destination Host Unreachable" },
		{ AF_INET6, ICMP6_DST_UNREACH, 9, 0, "Destination Unreachable, Bad Code: 9" },
		{ AF_INET6, ICMP6_PACKET_TOO_BIG, 0, 1280, "Packet too big mtu = 1280" },
		{ AF_INET6, ICMP6_DST_UNREACH, 1, 0, "Destination Administratively Unreachable" },
		{ AF_INET6, ICMP6_DST_UNREACH, 2, 0, "Destination Unreachable Beyond Scope" },
		{ AF_INET6, ICMP6_DST_UNREACH, 4, 0, "Destination Port Unreachable" },
		{ AF_INET6, ICMP6_DST_UNREACH, 5, 0, "Destination Unreachable, Bad Code: 5" },
		{ AF_INET6, ICMP6_TIME_EXCEEDED, 0, 0, "Time to live exceeded" },
		{ AF_INET6, ICMP6_TIME_EXCEEDED, 1, 0, "Frag reassembly time exceeded" },
		{ AF_INET6, ICMP6_TIME_EXCEEDED, 2, 0, "Time exceeded, Bad Code: 2" },
		{ AF_INET6, ICMP6_PARAM_PROB, 0, 6,
		  "Parameter problem: Erroneous Header pointer = 0x06" },
		{ AF_INET6, ICMP6_PARAM_PROB, 2, 40,
		  "Parameter problem: Unrecognized Option pointer = 0x28" },
		{ AF_INET6, ICMP6_PARAM_PROB, 1, 40,
		  "Parameter problem: Unknown Nextheader pointer = 0x28" },
	};
	char buf[128];

	for (size_t i = 0; i < ESA_NELEM(t); i++)
		ck_assert_str_eq(echo_error_text(t[i].family, t[i].type, t[i].code, t[i].info,
		    buf, sizeof(buf)), t[i].text);
}
END_TEST

/* An error as the parser took it from BUF, LEN bytes, with -v or without. */
static char *
error_event(int family, const struct reply *r, const uint8_t *buf, size_t len, bool verbose)
{
	struct run_info ri = info(family, false);
	struct event e = { .r = r, .buf = buf, .len = len,
		.from = family == AF_INET6 ? "2001:db8::fe" : "192.0.2.254", .ttl = -1 };
	struct memout m;

	ri.verbose = verbose;
	memout_open(&m);
	ping_event(m.f, &ri, &e);
	return memout_close(&m);
}

/*
 * FreeBSD 11 ping's pr_iph() (sbin/ping/ping.c: pr_icmph() calls pr_retip() after
 * every error, -v or not) and ping6's pr_retip() (sbin/ping6/ping6.c: errors under
 * -v only), then the empty line of pr_pack().
 */
START_TEST(test_verbose_dump)
{
	static const uint8_t nop[4] = { 1, 1, 1, 1 };
	static const uint8_t hbh[8] = { IPPROTO_ICMPV6, 0, 1, 4, 0, 0, 0, 0 };
	uint8_t b[2048], probe[64];
	struct reply_ctx c;
	struct reply r;
	size_t n;
	char *s;

	pkt_ctx(&c, SHAPE_IP4, 56);
	n = pkt_error4(b, ICMP_UNREACH, ICMP_UNREACH_HOST, 0, NULL, 0, 0, 56, 2048);
	ck_assert_int_eq(echo_parse(b, n, &c, &r), REPLY_ERROR);
	s = error_event(AF_INET, &r, b, n, true);
	ck_assert_str_eq(s, "92 bytes from 192.0.2.254: Destination Host Unreachable\n"
	    "Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst\n"
	    " 4  5  00 0054 0000   0 0000  40  01 0000 192.0.2.1  192.0.2.2 \n\n");
	free(s);
	/* the same without -v: FreeBSD 11's ping dumps it always */
	s = error_event(AF_INET, &r, b, n, false);
	ck_assert_str_eq(s, "92 bytes from 192.0.2.254: Destination Host Unreachable\n"
	    "Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst\n"
	    " 4  5  00 0054 0000   0 0000  40  01 0000 192.0.2.1  192.0.2.2 \n\n");
	free(s);
	/* the quoted options in hex after the addresses */
	n = pkt_error4(b, ICMP_TIMXCEED, 0, 0, nop, sizeof(nop), 0, 56, 2048);
	ck_assert_int_eq(echo_parse(b, n, &c, &r), REPLY_ERROR);
	s = error_event(AF_INET, &r, b, n, true);
	ck_assert_str_eq(s, "96 bytes from 192.0.2.254: Time to live exceeded\n"
	    "Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst\n"
	    " 4  6  00 0058 0000   0 0000  40  01 0000 192.0.2.1  192.0.2.2 01010101\n\n");
	free(s);
	/* the datagram socket's error queue: no quoted header, so nothing after the line */
	c.shape = SHAPE_ICMP4;
	pkt_echo(probe, ICMP_ECHO, PKT_ID, 3, 56, true);
	ck_assert_int_eq(echo_parse_errqueue(AF_INET, ICMP_UNREACH, ICMP_UNREACH_HOST, 0,
	    probe, 64, &c, &r), REPLY_ERROR);
	s = error_event(AF_INET, &r, probe, 64, true);
	ck_assert_str_eq(s, "92 bytes from 192.0.2.254: Destination Host Unreachable\n");
	free(s);

	pkt_ctx(&c, SHAPE_ICMP6, 8);
	n = pkt_error6(b, ICMP6_DST_UNREACH, 0, 0, IPPROTO_ICMPV6, NULL, 0, 0, 8);
	ck_assert_int_eq(echo_parse(b, n, &c, &r), REPLY_ERROR);
	s = error_event(AF_INET6, &r, b, n, true);
	ck_assert_str_eq(s, "64 bytes from 2001:db8::fe: No Route to Destination\n"
	    "Vr TC  Flow Plen Nxt Hlim\n"
	    " 6 00 00000 0010  3a   40\n"
	    "2001:db8::1->2001:db8::2\n"
	    "ICMP6: type = 128, code = 0\n\n");
	free(s);
	/* a hop-by-hop header between them gets its word */
	n = pkt_error6(b, ICMP6_TIME_EXCEEDED, 0, 0, IPPROTO_HOPOPTS, hbh, sizeof(hbh), 1, 8);
	ck_assert_int_eq(echo_parse(b, n, &c, &r), REPLY_ERROR);
	s = error_event(AF_INET6, &r, b, n, true);
	ck_assert_str_eq(s, "72 bytes from 2001:db8::fe: Time to live exceeded\n"
	    "Vr TC  Flow Plen Nxt Hlim\n"
	    " 6 00 00000 0018  00   40\n"
	    "2001:db8::1->2001:db8::2\n"
	    "HBH ICMP6: type = 128, code = 0\n\n");
	free(s);
	/* the error queue: ping6's line for the probe */
	pkt_echo(probe, ICMP6_ECHO_REQUEST, PKT_ID, 2, 8, false);
	ck_assert_int_eq(echo_parse_errqueue(AF_INET6, ICMP6_PACKET_TOO_BIG, 0, 1280,
	    probe, 16, &c, &r), REPLY_ERROR);
	s = error_event(AF_INET6, &r, probe, 16, true);
	ck_assert_str_eq(s, "64 bytes from 2001:db8::fe: Packet too big mtu = 1280\n"
	    "ICMP6: type = 128, code = 0\n\n");
	free(s);
	/* without -v, ping6 prints nothing for an error */
	s = error_event(AF_INET6, &r, probe, 16, false);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

/*
 * A host typed with a hostile %scope (a kernel name may hold ESC and bidi controls),
 * a hostile PTR name and -v's dst=: escaped in text, kept as they are in JSON.
 */
START_TEST(test_hostile_names)
{
	struct reply er = { .kind = REPLY_ERROR, .icmp_len = 92, .seq = 1,
		.type = ICMP_TIMXCEED };
	struct reply r = { .kind = REPLY_ECHO, .icmp_len = 16, .seq = 3 };
	struct run_info ri = info(AF_INET6, false);
	struct event e = { .r = &r, .from = "fe80::2", .dst = "fe80::1%k\x1b[7m", .ttl = 64 };
	struct stats st;
	struct memout m;
	char *s;

	ri.host = "fe80::2%k\x1b[7m\xe2\x80\xae";
	snprintf(ri.addr, sizeof(ri.addr), "%s", "fe80::2%k\x1b[7m\xe2\x80\xae");
	ri.verbose = true;
	pstats_init(&st);
	memout_open(&m);
	ping_header(m.f, &ri);
	ping_event(m.f, &ri, &e);
	ping_summary(m.f, &ri, &st);
	s = memout_close(&m);
	ck_assert_str_eq(s, "PING6(56=40+8+8 bytes) 2001:db8::1 --> fe80::2%k\\033[7m\\342\\200\\256\n"
	    "16 bytes from fe80::2, icmp_seq=3 hlim=64 dst=fe80::1%k\\033[7m\n"
	    "\n--- fe80::2%k\\033[7m\\342\\200\\256 ping6 statistics ---\n"
	    "0 packets transmitted, 0 packets received, \n");
	free(s);
	ri = info(AF_INET, false);
	ri.host = "h\n\x1b[2J";
	e = (struct event){ .r = &er, .from = "192.0.2.254", .from_name = "gw\x1b]0;x\a" };
	memout_open(&m);
	ping_header(m.f, &ri);
	ping_event(m.f, &ri, &e);
	s = memout_close(&m);
	ck_assert_str_eq(s, "PING h\\012\\033[2J (192.0.2.2): 56 data bytes\n"
	    "92 bytes from gw\\033]0;x\\007 (192.0.2.254): Time to live exceeded\n");
	free(s);
	/* JSON holds the bytes themselves, escaped the JSON way */
	ri.json = true;
	memout_open(&m);
	ping_summary(m.f, &ri, &st);
	s = memout_close(&m);
	ck_assert_ptr_nonnull(strstr(s, "\"host\":\"h\\n\\u001b[2J\""));
	free(s);
	pstats_free(&st);
}
END_TEST

static char *
summary(int family, bool json, struct stats *s)
{
	struct run_info ri = info(family, json);
	struct memout m;

	memout_open(&m);
	ping_summary(m.f, &ri, s);
	return memout_close(&m);
}

START_TEST(test_summary)
{
	struct timespec t0 = { 10, 0 }, t1 = { 10, 1000000 }, t2 = { 10, 3000000 };
	struct stats s;
	double rtt;
	char *out;

	pstats_init(&s);
	pstats_sent(&s, 0, &t0);
	pstats_sent(&s, 1, &t0);
	pstats_reply(&s, 0, &t1, true, &rtt);
	pstats_reply(&s, 0, &t2, true, &rtt);
	out = summary(AF_INET, false, &s);
	ck_assert_str_eq(out, "\n--- h.example ping statistics ---\n"
	    "2 packets transmitted, 1 packets received, +1 duplicates, 50.0% packet loss\n"
	    "round-trip min/avg/max/stddev = 1.000/2.000/3.000/1.000 ms\n");
	free(out);
	out = summary(AF_INET6, false, &s);
	ck_assert_str_eq(out, "\n--- h.example ping6 statistics ---\n"
	    "2 packets transmitted, 1 packets received, +1 duplicates, 50.0% packet loss\n"
	    "round-trip min/avg/max/std-dev = 1.000/2.000/3.000/1.000 ms\n");
	free(out);
	out = summary(AF_INET, true, &s);
	ck_assert_str_eq(out, "{\"type\":\"summary\",\"host\":\"h.example\",\"address\":"
	    "\"192.0.2.2\",\"socket\":\"raw\",\"data_bytes\":56,\"transmitted\":2,\"received\":1,"
	    "\"duplicates\":1,\"errors\":0,\"out_of_wait_time\":0,\"loss_percent\":50.0,"
	    "\"min_ms\":1.000,\"avg_ms\":2.000,\"max_ms\":3.000,\"stddev_ms\":1.000}\n");
	free(out);
	pstats_free(&s);
	/* nothing came back: no round-trip line */
	pstats_init(&s);
	pstats_sent(&s, 0, &t0);
	out = summary(AF_INET, false, &s);
	ck_assert_str_eq(out, "\n--- h.example ping statistics ---\n"
	    "1 packets transmitted, 0 packets received, 100.0% packet loss\n");
	free(out);
	pstats_free(&s);
}
END_TEST

START_TEST(test_status)
{
	struct timespec t0 = { 10, 0 }, t1 = { 10, 2500000 };
	struct run_info ri = info(AF_INET, false);
	struct memout m;
	struct stats s;
	double rtt;
	char *out;

	pstats_init(&s);
	pstats_sent(&s, 0, &t0);
	pstats_sent(&s, 1, &t0);
	pstats_reply(&s, 1, &t1, true, &rtt);
	memout_open(&m);
	ping_status(m.f, &ri, &s);
	out = memout_close(&m);
	ck_assert_str_eq(out, "\r1/2 packets received (50.0%) 2.500 min / 2.500 avg / 2.500 max\n");
	free(out);
	pstats_free(&s);
}
END_TEST

Suite *
suite_ping_print(void)
{
	Suite *s = suite_create("ping_print");
	TCase *tc = tcase_create("ping_print");

	tcase_add_test(tc, test_header);
	tcase_add_test(tc, test_header_source);
	tcase_add_test(tc, test_reply_lines);
	tcase_add_test(tc, test_reply_dst);
	tcase_add_test(tc, test_error_lines);
	tcase_add_test(tc, test_error_texts);
	tcase_add_test(tc, test_verbose_dump);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_hostile_names);
	tcase_add_test(tc, test_status);
	suite_add_tcase(s, tc);
	return s;
}
