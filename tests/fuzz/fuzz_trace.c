/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_trace.c - libFuzzer harness for esa-traceroute's reply classifier (reply.c), with
 * what it accepts fed on through the hop bookkeeping and both printers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errqueue.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../../bin/esa-traceroute/trace.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const unsigned char dst4[4] = { 192, 0, 2, 9 };
static const unsigned char dst6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 9 };

/* What every accepted reply must be: a probe that exists, a known kind, a note
 * that is a string of FreeBSD's shape, a quoted TTL of a byte or none. Then it goes
 * through a trace (placed by its quoted TTL when QUOTED) and is printed. */
static void
check_reply(const struct trace_key *k, const struct reply *r, bool quoted)
{
	unsigned h;

	struct trace t;
	struct print_ctx pc;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	CHECK(r->probe < k->nprobes);
	CHECK(r->family == k->family);
	CHECK(r->kind >= REPLY_HOP && r->kind <= REPLY_NOTE);
	CHECK(memchr(r->note, '\0', sizeof(r->note)) != NULL);
	CHECK(r->note[0] == '\0' || r->note[0] == '!');
	CHECK(r->kind != REPLY_HOP || r->note[0] == '\0');
	CHECK(r->qttl >= -1 && r->qttl <= 255);
	CHECK(trace_distance(r->probe + 1, r->qttl) >= 1);
	CHECK((unsigned)trace_distance(r->probe + 1, r->qttl) <= r->probe + 1);

	trace_init(&t, 1, k->nprobes, 1, 255, 1000, k->family);
	t.quoted = quoted;
	for (int p; (p = trace_next_probe(&t)) >= 0;)
		trace_sent(&t, (unsigned)p, 0);
	CHECK(trace_answer(&t, r, 5) == 0);
	CHECK(trace_answer(&t, r, 5) == -1);
	/* the hop it went to: its own, or the one its quoted TTL names */
	h = r->probe;
	if (quoted && (r->kind == REPLY_REACHED || r->kind == REPLY_UNREACH))
		h = (unsigned)trace_distance(r->probe + 1, r->qttl) - 1;
	CHECK(t.probes[h].state == PROBE_ANSWERED);
	CHECK((f = open_memstream(&buf, &len)) != NULL);
	pc = (struct print_ctx){ f, k->family, true, false };
	print_hop(&pc, &t, h);
	pc.json = true;
	print_hop(&pc, &t, h);
	fclose(f);
	CHECK(len > 0 && strstr(buf, " ms") != NULL);
	free(buf);
	trace_free(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trace_key k = { .port = 33434, .ident = 0x1234, .nprobes = 30 };
	const char *why = NULL;
	struct reply r;
	uint8_t *buf;
	size_t n;
	int st = -1;

	if (size < 2)
		return 0;
	/* byte 0: the parser; byte 1: the family (bit 0), the method (bit 1), our UDP
	 * source port known (bit 2), the trace placing answers by their quoted TTL
	 * (bit 3) */
	k.family = data[1] & 1 ? AF_INET6 : AF_INET;
	k.method = data[1] & 2 ? TRACE_ICMP : TRACE_UDP;
	k.sport = data[1] & 4 ? 40000 : 0;
	memcpy(k.dst, k.family == AF_INET6 ? dst6 : dst4, k.family == AF_INET6 ? 16 : 4);
	n = size - 2;
	CHECK((buf = malloc(n ? n : 1)) != NULL);
	memcpy(buf, data + 2, n);
	switch (data[0] % 4) {
	case 0:
		st = reply_ip4(buf, n, &k, &r, &why);
		break;
	case 1:
		st = reply_icmp6(buf, n, dst6, &k, &r, &why);
		break;
	case 2:
		st = reply_echo(buf, n, k.family == AF_INET6 ? dst6 : dst4, &k, &r, &why);
		break;
	case 3: {
		/* the first byte of the rest: how much is the extended error; the next
		 * two, the port; what follows, the payload */
		size_t eelen = n ? buf[0] : 0;
		struct errq q;

		if (n < 3 || eelen > n - 3)
			break;
		q = (struct errq){ buf + 3, eelen, k.family == AF_INET6 ? dst6 : dst4,
		    (uint16_t)(buf[1] << 8 | buf[2]), buf + 3 + eelen, n - 3 - eelen };
		/* each part in its own exact-size buffer, so ASan sees an overread */
		uint8_t *ee = malloc(eelen ? eelen : 1), *pl = malloc(q.dlen ? q.dlen : 1);

		CHECK(ee != NULL && pl != NULL);
		memcpy(ee, q.ee, eelen);
		memcpy(pl, q.data, q.dlen);
		q.ee = ee;
		q.data = pl;
		st = reply_errqueue(&q, &k, &r, &why);
		if (st == 0)
			CHECK(eelen >= sizeof(struct sock_extended_err) + sizeof(struct sockaddr_in));
		free(ee);
		free(pl);
		break;
	}
	}
	if (st == 0)
		check_reply(&k, &r, data[1] & 8);
	else
		CHECK(st == -1 && (why != NULL || data[0] % 4 == 3));
	free(buf);
	return 0;
}
