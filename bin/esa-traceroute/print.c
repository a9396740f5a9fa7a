/* SPDX-License-Identifier: BSD-2-Clause */
/* print.c - FreeBSD traceroute's and traceroute6's lines, and JSON Lines, from the hops. */
#include <string.h>

#include <sys/socket.h>

#include "addr.h"
#include "json.h"
#include "text.h"
#include "trace.h"

void
print_header(FILE *f, int family, const char *host, const char *addr, const char *src,
    unsigned max_ttl, long len)
{
	char safe[TEXT_SAFE_SIZE(256)];

	fprintf(f, "%s to %s (%s)", family == AF_INET6 ? "traceroute6" : "traceroute",
	    text_safe(safe, sizeof(safe), host), addr);
	if (family == AF_INET6 && src != NULL)
		fprintf(f, " from %s", src);
	fprintf(f, ", %u hops max, %ld byte packets\n", max_ttl, len);
}

/* " name (addr)" (traceroute), " name" (traceroute6), " addr" with -n or no name. */
static void
print_responder(const struct print_ctx *pc, const struct probe *p)
{
	char ip[ADDR_IP_MAX], safe[TEXT_SAFE_SIZE(1025)];
	const char *name;

	addr_ip(ip, sizeof(ip), p->r.family, p->r.from, NULL);
	name = p->name != NULL && !pc->numeric ? text_safe(safe, sizeof(safe), p->name) : NULL;
	if (pc->numeric)
		fprintf(pc->out, " %s", ip);
	else if (pc->family == AF_INET6)
		fprintf(pc->out, " %s", name != NULL ? name : ip);
	else
		fprintf(pc->out, " %s (%s)", name != NULL ? name : ip, ip);
}

static void
print_hop_text(const struct print_ctx *pc, const struct trace *t, unsigned h)
{
	unsigned char last[16] = { 0 };
	bool got = false;

	fprintf(pc->out, "%2u ", t->first + h);
	for (unsigned i = 0; i < t->nq; i++) {
		const struct probe *p = &t->probes[h * t->nq + i];

		if (p->state != PROBE_ANSWERED) {
			fputs(" *", pc->out);
			continue;
		}
		/* a new responder within the hop starts an indented line; traceroute6
		 * does so for any probe but the first (FreeBSD's two programs differ) */
		if (!got || memcmp(last, p->r.from, sizeof(last)) != 0) {
			if (pc->family == AF_INET6 ? i > 0 : got)
				fputs("\n   ", pc->out);
			print_responder(pc, p);
			memcpy(last, p->r.from, sizeof(last));
			got = true;
		}
		fprintf(pc->out, "  %.3f ms", (double)p->rtt / 1000.0);
		if (p->r.note[0] != '\0')
			fprintf(pc->out, " %s", p->r.note);
	}
	fputc('\n', pc->out);
}

static void
print_hop_json(const struct print_ctx *pc, const struct trace *t, unsigned h)
{
	char ip[ADDR_IP_MAX];
	struct json j;

	json_init(&j, pc->out, 0);
	json_object_open(&j);
	json_key_str(&j, "type", "hop");
	json_key_uint(&j, "hop", t->first + h);
	json_key(&j, "probes");
	json_array_open(&j);
	for (unsigned i = 0; i < t->nq; i++) {
		const struct probe *p = &t->probes[h * t->nq + i];

		json_object_open(&j);
		/* no reply: an empty object, nothing known about it (never null) */
		if (p->state != PROBE_ANSWERED) {
			json_object_close(&j);
			continue;
		}
		json_key_str(&j, "address", addr_ip(ip, sizeof(ip), p->r.family, p->r.from, NULL));
		if (p->name != NULL && !pc->numeric)
			json_key_str(&j, "hostname", p->name);
		json_key_double(&j, "rtt_ms", (double)p->rtt / 1000.0, 3);
		if (p->r.note[0] != '\0')
			json_key_str(&j, "annotation", p->r.note);
		json_object_close(&j);
	}
	json_array_close(&j);
	json_object_close(&j);
	json_end(&j);
}

void
print_hop(const struct print_ctx *pc, const struct trace *t, unsigned h)
{
	if (pc->json)
		print_hop_json(pc, t, h);
	else
		print_hop_text(pc, t, h);
}

void
print_final(const struct print_ctx *pc, const char *host, const char *addr,
    const struct trace *t)
{
	struct json j;

	if (!pc->json)
		return;
	json_init(&j, pc->out, 0);
	json_object_open(&j);
	json_key_str(&j, "type", "summary");
	json_key_str(&j, "host", host);
	json_key_str(&j, "address", addr);
	json_key_bool(&j, "reached", t->reached);
	/* interrupted before the first hop was printed: no last hop to name */
	if (t->next_hop > 0)
		json_key_uint(&j, "hops", t->first + t->next_hop - 1);
	json_object_close(&j);
	json_end(&j);
}
