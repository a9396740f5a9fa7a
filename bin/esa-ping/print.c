/* SPDX-License-Identifier: BSD-2-Clause */
/* print.c - FreeBSD ping/ping6 text and JSON Lines, from the structs of a run. */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/socket.h>

#include <netinet/icmp6.h>
#include <netinet/ip_icmp.h>

#include "esa.h"
#include "json.h"
#include "ping.h"
#include "text.h"

/* FreeBSD ping's pr_icmph() names these codes; any other is "Bad Code: N". */
static const char *const unreach4[] = {
	"Destination Net Unreachable",
	"Destination Host Unreachable",
	"Destination Protocol Unreachable",
	"Destination Port Unreachable",
	NULL,	/* frag needed: with the MTU */
	"Source Route Failed",
	NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	"Communication prohibited by filter",
};

static const char *const unreach6[] = {
	"No Route to Destination",
	"Destination Administratively Unreachable",
	"Destination Unreachable Beyond Scope",
	"Destination Host Unreachable",
	"Destination Port Unreachable",
};

static const char *
error_text4(uint8_t type, uint8_t code, uint32_t info, char *buf, size_t size)
{
	static const char *const redirect[] = { "Network", "Host",
		"Type of Service and Network", "Type of Service and Host" };
	struct in_addr gw = { htonl(info) };
	char a[INET_ADDRSTRLEN];

	switch (type) {
	case ICMP_UNREACH:
		if (code == ICMP_UNREACH_NEEDFRAG)
			snprintf(buf, size, "frag needed and DF set (MTU %u)", info);
		else if (code < ESA_NELEM(unreach4) && unreach4[code] != NULL)
			return unreach4[code];
		else
			snprintf(buf, size, "Dest Unreachable, Bad Code: %u", code);
		return buf;
	case ICMP_SOURCEQUENCH:
		return "Source Quench";
	case ICMP_REDIRECT:
		inet_ntop(AF_INET, &gw, a, sizeof(a));
		if (code < 4)
			snprintf(buf, size, "Redirect %s(New addr: %s)", redirect[code], a);
		else
			snprintf(buf, size, "Redirect, Bad Code: %u(New addr: %s)", code, a);
		return buf;
	case ICMP_TIMXCEED:
		if (code == ICMP_TIMXCEED_INTRANS)
			return "Time to live exceeded";
		if (code == ICMP_TIMXCEED_REASS)
			return "Frag reassembly time exceeded";
		snprintf(buf, size, "Time exceeded, Bad Code: %u", code);
		return buf;
	case ICMP_PARAMPROB:
		snprintf(buf, size, "Parameter problem: pointer = 0x%02x", info & 0xff);
		return buf;
	default:
		snprintf(buf, size, "Bad ICMP type: %u", type);
		return buf;
	}
}

static const char *
error_text6(uint8_t type, uint8_t code, uint32_t info, char *buf, size_t size)
{
	static const char *const param[] = { "Erroneous Header ", "Unknown Nextheader ",
		"Unrecognized Option " };
	char c[32];

	switch (type) {
	case ICMP6_DST_UNREACH:
		if (code < ESA_NELEM(unreach6))
			return unreach6[code];
		snprintf(buf, size, "Destination Unreachable, Bad Code: %u", code);
		return buf;
	case ICMP6_PACKET_TOO_BIG:
		snprintf(buf, size, "Packet too big mtu = %u", info);
		return buf;
	case ICMP6_TIME_EXCEEDED:
		/* ping6's pr_icmph() uses ping's words here */
		if (code == ICMP6_TIME_EXCEED_TRANSIT)
			return "Time to live exceeded";
		if (code == ICMP6_TIME_EXCEED_REASSEMBLY)
			return "Frag reassembly time exceeded";
		snprintf(buf, size, "Time exceeded, Bad Code: %u", code);
		return buf;
	case ICMP6_PARAM_PROB:
		if (code < 3)
			snprintf(c, sizeof(c), "%s", param[code]);
		else
			snprintf(c, sizeof(c), "Bad code(%u) ", code);
		snprintf(buf, size, "Parameter problem: %spointer = 0x%02x", c, info);
		return buf;
	default:
		snprintf(buf, size, "Bad ICMP type: %u", type);
		return buf;
	}
}

const char *
echo_error_text(int family, uint8_t type, uint8_t code, uint32_t info, char *buf, size_t size)
{
	return family == AF_INET6 ? error_text6(type, code, info, buf, size) :
	    error_text4(type, code, info, buf, size);
}

/* The host as typed and the address's %scope (addr_ip()) come from outside. */
void
ping_header(FILE *f, const struct run_info *ri)
{
	char host[TEXT_SAFE_SIZE(256)], addr[TEXT_SAFE_SIZE(ADDR_IP_MAX)];

	if (ri->json)
		return;
	if (ri->family == AF_INET6) {
		fprintf(f, "PING6(%zu=40+8+%zu bytes) %s --> %s\n", ri->datalen + 48,
		    ri->datalen, ri->src, text_safe(addr, sizeof(addr), ri->addr));
		return;
	}
	fprintf(f, "PING %s (%s)", text_safe(host, sizeof(host), ri->host),
	    text_safe(addr, sizeof(addr), ri->addr));
	if (ri->src_given)
		fprintf(f, " from %s", ri->src);
	fprintf(f, ": %zu data bytes\n", ri->datalen);
}

static uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* FreeBSD ping's pr_iph(), the quoted IPv4 header with its options in hex. */
static void
dump_quoted4(FILE *f, const uint8_t *q, size_t hlen)
{
	char s[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];
	size_t i;

	inet_ntop(AF_INET, q + 12, s, sizeof(s));
	inet_ntop(AF_INET, q + 16, d, sizeof(d));
	fprintf(f, "Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst\n");
	fprintf(f, " %1x  %1x  %02x %04x %04x", q[0] >> 4, q[0] & 0x0f, q[1], be16(q + 2),
	    be16(q + 4));
	fprintf(f, "   %1x %04x", (be16(q + 6) & 0xe000) >> 13, be16(q + 6) & 0x1fff);
	fprintf(f, "  %02x  %02x %04x", q[8], q[9], be16(q + 10));
	fprintf(f, " %s  %s ", s, d);
	for (i = 20; i < hlen; i++)
		fprintf(f, "%02x", q[i]);
	fputc('\n', f);
}

/*
 * -v: ping6's pr_retip(): pr_iph() (the quoted IPv6 header), a word for each
 * extension header the parser walked (HLEN: where the probe starts), the probe's
 * type and code.
 */
static void
dump_quoted6(FILE *f, const uint8_t *q, size_t hlen)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];
	size_t off = 40;
	uint8_t nxt = q[6];

	inet_ntop(AF_INET6, q + 8, s, sizeof(s));
	inet_ntop(AF_INET6, q + 24, d, sizeof(d));
	fprintf(f, "Vr TC  Flow Plen Nxt Hlim\n");
	fprintf(f, " %1x %02x %05x %04x  %02x   %02x\n", q[0] >> 4,
	    (q[0] & 0x0f) << 4 | q[1] >> 4,
	    (unsigned int)(q[1] & 0x0f) << 16 | be16(q + 2), be16(q + 4), q[6], q[7]);
	fprintf(f, "%s->%s\n", s, d);
	/* the parser checked each of these headers and their lengths */
	while (off < hlen) {
		size_t len = nxt == IPPROTO_FRAGMENT ? 8 : ((size_t)q[off + 1] + 1) * 8;

		fputs(nxt == IPPROTO_HOPOPTS ? "HBH " : nxt == IPPROTO_DSTOPTS ? "DSTOPT " :
		    nxt == IPPROTO_FRAGMENT ? "FRAG " : "RTHDR ", f);
		nxt = q[off];
		off += len;
	}
}

/*
 * Under an error: FreeBSD's dump of what the error quotes, then the empty line that
 * ends each of its packets. IPv4 (ping's pr_retip()): the quoted header, which only
 * the raw socket is handed. IPv6 (-v only): ping6's pr_retip(), the header when
 * there is one, then the probe's type and code, which the datagram socket's error
 * queue hands back alone.
 */
static void
dump_quoted(FILE *f, const struct run_info *ri, const struct event *e)
{
	const struct reply *r = e->r;
	const uint8_t *q = e->buf + r->quoted_off;

	if (r->quoted_len > 0) {
		/* the parser checked that the headers and 8 ICMP bytes are there */
		if (ri->family == AF_INET6)
			dump_quoted6(f, q, r->quoted_hlen);
		else
			dump_quoted4(f, q, r->quoted_hlen);
		q += r->quoted_hlen;
	} else {
		q = e->buf;
	}
	if (ri->family == AF_INET6)
		fprintf(f, "ICMP6: type = %u, code = %u\n", q[0], q[1]);
	fputc('\n', f);
}

static void
event_json(FILE *f, const struct run_info *ri, const struct event *e, const char *msg)
{
	const struct reply *r = e->r;
	struct json j;

	json_init(&j, f, 0);
	json_object_open(&j);
	json_key_str(&j, "type", r->kind == REPLY_ECHO ? "reply" : "error");
	json_key_uint(&j, "size_bytes", r->icmp_len);
	json_key_str(&j, "address", e->from);
	if (e->from_name != NULL)
		json_key_str(&j, "hostname", e->from_name);
	json_key_uint(&j, "seq", r->seq);
	if (r->kind == REPLY_ECHO) {
		/* IPv6's hop limit is the same count as IPv4's TTL: one key, ttl */
		if (e->ttl >= 0)
			json_key_int(&j, "ttl", e->ttl);
		if (e->timed)
			json_key_double(&j, "rtt_ms", e->rtt_ms, 3);
		json_key_bool(&j, "duplicate", e->dup);
		json_key_bool(&j, "late", e->late);
	} else {
		json_key_uint(&j, "icmp_type", r->type);
		json_key_uint(&j, "icmp_code", r->code);
		json_key_str(&j, "error", msg);
		if ((ri->family == AF_INET && r->type == ICMP_UNREACH &&
		    r->code == ICMP_UNREACH_NEEDFRAG) ||
		    (ri->family == AF_INET6 && r->type == ICMP6_PACKET_TOO_BIG))
			json_key_uint(&j, "next_hop_mtu", r->info);
	}
	json_object_close(&j);
	json_end(&j);
}

void
ping_event(FILE *f, const struct run_info *ri, const struct event *e)
{
	const struct reply *r = e->r;
	char buf[128], who[ADDR_IP_MAX + TEXT_SAFE_SIZE(1025) + 4], name[TEXT_SAFE_SIZE(1025)];
	const char *msg = NULL;

	if (r->kind == REPLY_ERROR)
		msg = echo_error_text(ri->family, r->type, r->code, r->info, buf, sizeof(buf));
	if (ri->json) {
		event_json(f, ri, e, msg);
		return;
	}
	if (r->kind == REPLY_ERROR) {
		/* FreeBSD's ping6 shows what is not an echo reply under -v only */
		if (ri->family == AF_INET6 && !ri->verbose)
			return;
		if (e->from_name != NULL)
			snprintf(who, sizeof(who), "%s (%s)",
			    text_safe(name, sizeof(name), e->from_name), e->from);
		else
			snprintf(who, sizeof(who), "%s", e->from);
		fprintf(f, "%zu bytes from %s: %s\n", r->icmp_len, who, msg);
		/*
		 * FreeBSD 11's ping dumps the quoted header after every error, -v or
		 * not; the datagram socket is handed none, and then nothing follows
		 */
		if (ri->family == AF_INET6 || r->quoted_len > 0)
			dump_quoted(f, ri, e);
		return;
	}
	if (ri->family == AF_INET6) {
		fprintf(f, "%zu bytes from %s, icmp_seq=%u hlim=%d", r->icmp_len, e->from,
		    r->seq, e->ttl);
		if (ri->verbose && e->dst != NULL) {
			char dst[TEXT_SAFE_SIZE(ADDR_IP_MAX)];

			fprintf(f, " dst=%s", text_safe(dst, sizeof(dst), e->dst));
		}
	} else
		fprintf(f, "%zu bytes from %s: icmp_seq=%u ttl=%d", r->icmp_len, e->from,
		    r->seq, e->ttl);
	if (e->timed)
		fprintf(f, " time=%.3f ms", e->rtt_ms);
	if (e->dup)
		fputs(ri->family == AF_INET6 ? "(DUP!)" : " (DUP!)", f);
	fputc('\n', f);
}

static void
summary_json(FILE *f, const struct run_info *ri, const struct stats *s,
    const struct pstats_summary *sm)
{
	struct json j;

	json_init(&j, f, 0);
	json_object_open(&j);
	json_key_str(&j, "type", "summary");
	json_key_str(&j, "host", ri->host);
	json_key_str(&j, "address", ri->addr);
	json_key_str(&j, "socket", ri->socket_kind);
	json_key_uint(&j, "data_bytes", ri->datalen);
	json_key_uint(&j, "transmitted", s->transmitted);
	json_key_uint(&j, "received", s->received);
	json_key_uint(&j, "duplicates", s->repeats);
	json_key_uint(&j, "errors", s->errors);
	json_key_uint(&j, "out_of_wait_time", s->timeouts);
	if (s->transmitted > 0)
		json_key_double(&j, "loss_percent", sm->loss_pct, 1);
	if (sm->timed) {
		json_key_double(&j, "min_ms", sm->min, 3);
		json_key_double(&j, "avg_ms", sm->avg, 3);
		json_key_double(&j, "max_ms", sm->max, 3);
		json_key_double(&j, "stddev_ms", sm->stddev, 3);
	}
	json_object_close(&j);
	json_end(&j);
}

void
ping_summary(FILE *f, const struct run_info *ri, const struct stats *s)
{
	struct pstats_summary sm;
	char host[TEXT_SAFE_SIZE(256)];

	pstats_summary(s, ri->timing, &sm);
	if (ri->json) {
		summary_json(f, ri, s, &sm);
		return;
	}
	fprintf(f, "\n--- %s %s statistics ---\n", text_safe(host, sizeof(host), ri->host),
	    ri->family == AF_INET6 ? "ping6" : "ping");
	fprintf(f, "%" PRIu64 " packets transmitted, %" PRIu64 " packets received, ",
	    s->transmitted, s->received);
	if (s->repeats > 0)
		fprintf(f, "+%" PRIu64 " duplicates, ", s->repeats);
	if (s->transmitted > 0)
		fprintf(f, "%.1f%% packet loss", sm.loss_pct);
	if (s->timeouts > 0)
		fprintf(f, ", %" PRIu64 " packets out of wait time", s->timeouts);
	fputc('\n', f);
	if (sm.timed)
		fprintf(f, "round-trip min/avg/max/%s = %.3f/%.3f/%.3f/%.3f ms\n",
		    ri->family == AF_INET6 ? "std-dev" : "stddev", sm.min, sm.avg, sm.max,
		    sm.stddev);
}

void
ping_status(FILE *f, const struct run_info *ri, const struct stats *s)
{
	struct pstats_summary sm;

	pstats_summary(s, ri->timing, &sm);
	/* \r: back over the terminal's echo of the signal key, as FreeBSD */
	fprintf(f, "\r%" PRIu64 "/%" PRIu64 " packets received (%.1f%%)", s->received,
	    s->transmitted,
	    s->transmitted ? (double)s->received * 100.0 / (double)s->transmitted : 0.0);
	if (sm.timed)
		fprintf(f, " %.3f min / %.3f avg / %.3f max", sm.min, sm.avg, sm.max);
	fputc('\n', f);
	fflush(f);
}
