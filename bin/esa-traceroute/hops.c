/* SPDX-License-Identifier: BSD-2-Clause */
/* hops.c - hop bookkeeping: which probe to send, when a hop is complete, when to stop. */
#include <stdlib.h>
#include <string.h>

#include <sys/socket.h>

#include "esa.h"
#include "trace.h"

void
trace_init(struct trace *t, unsigned first, unsigned max, unsigned nq, unsigned window,
    int64_t wait_us, int family)
{
	memset(t, 0, sizeof(*t));
	t->first = first;
	t->nhops = max - first + 1;
	t->nq = nq;
	t->window = window;
	t->wait = wait_us;
	t->family = family;
	t->probes = xcalloc((size_t)t->nhops * nq, sizeof(*t->probes));
	t->last_hop = t->nhops - 1;
}

void
trace_free(struct trace *t)
{
	for (size_t i = 0; t->probes != NULL && i < (size_t)t->nhops * t->nq; i++)
		free(t->probes[i].name);
	free(t->probes);
	t->probes = NULL;
}

int
trace_next_probe(const struct trace *t)
{
	unsigned h = t->next_send / t->nq;

	if (t->done || h > t->last_hop || h >= t->next_hop + t->window)
		return -1;
	return (int)t->next_send;
}

void
trace_sent(struct trace *t, unsigned p, int64_t now)
{
	struct probe *pr = &t->probes[p];

	if (pr->state == PROBE_UNSENT) {
		pr->state = PROBE_SENT;
		pr->first = now;
	} else {
		pr->tries++;	/* sent again; an answered partner stays answered */
	}
	pr->sent = now;
	if (p == t->next_send)
		t->next_send++;
}

static bool
end_kind(enum reply_kind k)
{
	return k == REPLY_REACHED || k == REPLY_UNREACH;
}

bool
trace_is_end(const struct trace *t, unsigned p)
{
	return t->probes[p].state == PROBE_ANSWERED && end_kind(t->probes[p].r.kind);
}

/* The hop (index) an answer to a probe of hop H belongs to: with a quoted TTL, an
 * answer from the end is where trace_distance() says (before -f's first hop: the
 * first hop, as a probe sent there reached it too). */
static unsigned
answer_hop(const struct trace *t, const struct reply *r, unsigned h)
{
	int d;

	if (!t->quoted || !end_kind(r->kind))
		return h;
	d = trace_distance(t->first + h, r->qttl);
	return d <= (int)t->first ? 0 : (unsigned)d - t->first;
}

/* The probe of hop H still waiting for an answer that an answer placed there by its
 * quoted TTL may take, or NULL. */
static struct probe *
free_probe(struct trace *t, unsigned h)
{
	for (unsigned i = h * t->nq; i < (h + 1) * t->nq; i++)
		if (t->probes[i].state == PROBE_SENT)
			return &t->probes[i];
	return NULL;
}

int
trace_answer(struct trace *t, const struct reply *r, int64_t rtt)
{
	struct probe *pr, *to;
	unsigned h, hd;

	if (r->probe >= t->nhops * t->nq || t->done)
		return -1;
	pr = &t->probes[r->probe];
	h = r->probe / t->nq;
	hd = answer_hop(t, r, h);
	/* a pair's partner answered from the end while the hop waited on got nothing:
	 * a host answers in the order probes arrive, so that hop is a router */
	if (end_kind(r->kind) && hd > t->next_hop && t->pair_at != 0 && pr->sent >= t->pair_at &&
	    trace_hop_answers(t, t->next_hop) == 0)
		t->proven = true;
	if (pr->state == PROBE_UNSENT || hd < t->next_hop)
		return -1;
	to = hd == h ? (pr->state == PROBE_SENT ? pr : NULL) : free_probe(t, hd);
	/* the destination answered here: nothing beyond is worth sending */
	if (r->kind == REPLY_REACHED && hd < t->last_hop)
		t->last_hop = hd;
	if (to == NULL)
		return -1;
	if (pr->tries > 0 || to->tries > 0) {
		/* an answer to a probe sent again: the pace of the bucket that let it by */
		int64_t at = pr->sent + rtt;

		if (t->rp_ans != 0 && at > t->rp_ans)
			t->rp_gap = at - t->rp_ans;
		t->rp_ans = at;
		t->rp_n = 0;
	}
	to->state = PROBE_ANSWERED;
	to->r = *r;
	if (to != pr)
		to->r.qttl = 1;		/* placed: it ended at this hop's TTL */
	to->rtt = rtt < 0 ? 0 : rtt;
	to->sent = pr->sent;
	return 0;
}

unsigned
trace_hop_answers(const struct trace *t, unsigned h)
{
	unsigned n = 0;

	for (unsigned i = h * t->nq; i < (h + 1) * t->nq; i++)
		n += t->probes[i].state == PROBE_ANSWERED;
	return n;
}

int64_t
trace_hop_sent(const struct trace *t, unsigned h)
{
	int64_t first = -1;

	for (unsigned i = h * t->nq; i < (h + 1) * t->nq; i++) {
		if (t->probes[i].state == PROBE_UNSENT)
			return -1;
		if (first < 0 || t->probes[i].first < first)
			first = t->probes[i].first;
	}
	return first;
}

bool
trace_hop_proven(const struct trace *t, unsigned h)
{
	if (h == t->next_hop && t->proven)
		return true;
	for (unsigned i = (h + 1) * t->nq; i < t->next_send; i++) {
		const struct probe *q = &t->probes[i];
		unsigned ttl = t->first + i / t->nq;

		if (q->state != PROBE_ANSWERED)
			continue;
		if (q->r.kind == REPLY_HOP)
			return true;
		/* placed by its quoted TTL: the end is there, past H */
		if (end_kind(q->r.kind) && q->r.qttl >= 1 && (unsigned)q->r.qttl <= ttl)
			return true;
	}
	return false;
}

int64_t
trace_end_at(const struct trace *t, unsigned h)
{
	int64_t best = -1, at;

	for (unsigned i = h * t->nq; i < (h + 1) * t->nq; i++) {
		if (!trace_is_end(t, i))
			continue;
		at = t->probes[i].sent + t->probes[i].rtt;
		if (best < 0 || at < best)
			best = at;
	}
	return best;
}

int64_t
trace_deadline(const struct trace *t, unsigned p)
{
	unsigned h = p / t->nq, end = t->next_send;
	int64_t here = -1, near = -1, d = t->wait, cand;

	for (unsigned i = h * t->nq; i < end; i++) {
		const struct probe *q = &t->probes[i];

		if (q->state != PROBE_ANSWERED)
			continue;
		if (i / t->nq == h) {
			if (q->rtt > here)
				here = q->rtt;
		} else if (q->rtt > near) {
			near = q->rtt;
		}
	}
	if (here >= 0 && (cand = TRACE_HERE * here) < d)
		d = cand;
	if (near >= 0 && (cand = TRACE_NEAR * near) < d)
		d = cand;
	if (d < TRACE_WAIT_FLOOR)
		d = t->wait < TRACE_WAIT_FLOOR ? t->wait : TRACE_WAIT_FLOOR;
	return t->probes[p].first + d;
}

int
trace_ready(const struct trace *t, int64_t now)
{
	unsigned h = t->next_hop, got;
	int64_t first;

	if (t->done || h > t->last_hop || (first = trace_hop_sent(t, h)) < 0)
		return -1;
	got = trace_hop_answers(t, h);
	/* nothing from it, and nothing says it is before the end: it may be the end,
	 * its answers lost to a rate limit; "* * *" only once -w has gone by */
	if (got == 0 && !trace_hop_proven(t, h))
		return now >= first + t->wait ? (int)h : -1;
	/* the end, some answers missing: they are asked for again for -w */
	if (got < t->nq && (first = trace_end_at(t, h)) >= 0)
		return now >= first + t->wait ? (int)h : -1;
	for (unsigned i = h * t->nq; i < (h + 1) * t->nq; i++)
		if (t->probes[i].state == PROBE_SENT && now < trace_deadline(t, i))
			return -1;
	return (int)h;
}

int
trace_hop_stops(const struct trace *t, unsigned h)
{
	unsigned reached = 0, unreach = 0, got = 0, need;

	for (unsigned i = h * t->nq; i < (h + 1) * t->nq; i++) {
		const struct probe *q = &t->probes[i];

		if (q->state != PROBE_ANSWERED)
			continue;
		got++;
		if (q->r.kind == REPLY_REACHED)
			reached++;
		else if (q->r.kind == REPLY_UNREACH)
			unreach++;
	}
	/* FreeBSD: traceroute stops when all probes but one were unreachable,
	 * traceroute6 when half of them (rounded up) were */
	need = t->family == AF_INET6 ? (t->nq + 1) / 2 : t->nq - 1;
	return reached > 0 || (unreach > 0 && (unreach >= need || unreach == got));
}

void
trace_printed(struct trace *t)
{
	unsigned h = t->next_hop;

	if (trace_hop_stops(t, h)) {
		t->done = true;
		/* reached: some probe got there; unreachables alone do not count */
		for (unsigned i = h * t->nq; i < (h + 1) * t->nq; i++)
			if (t->probes[i].state == PROBE_ANSWERED &&
			    t->probes[i].r.kind == REPLY_REACHED)
				t->reached = true;
	}
	t->next_hop++;
	if (t->next_hop > t->last_hop)
		t->done = true;
	/* probing again concerns the hop to print next only */
	t->proven = false;
	t->pair_at = 0;
	t->rp_n = 0;
}

int64_t
trace_next_deadline(const struct trace *t, int64_t now)
{
	int64_t best = -1, d;

	for (unsigned i = t->next_hop * t->nq; i < t->next_send; i++) {
		if (t->probes[i].state != PROBE_SENT)
			continue;
		/* a deadline gone by changes nothing more: waiting for it again is a spin */
		if ((d = trace_deadline(t, i)) <= now)
			continue;
		if (best < 0 || d < best)
			best = d;
	}
	return best;
}
