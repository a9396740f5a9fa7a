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
	t->probes[p].state = PROBE_SENT;
	t->probes[p].sent = now;
	if (p == t->next_send)
		t->next_send++;
}

int
trace_answer(struct trace *t, const struct reply *r, int64_t rtt)
{
	struct probe *pr;
	unsigned h;

	if (r->probe >= t->nhops * t->nq)
		return -1;
	pr = &t->probes[r->probe];
	h = r->probe / t->nq;
	if (pr->state != PROBE_SENT || h < t->next_hop || t->done)
		return -1;
	pr->state = PROBE_ANSWERED;
	pr->r = *r;
	pr->rtt = rtt < 0 ? 0 : rtt;
	/* the destination answered here: nothing beyond is worth sending */
	if (r->kind == REPLY_REACHED && h < t->last_hop)
		t->last_hop = h;
	return 0;
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
	return t->probes[p].sent + d;
}

int
trace_ready(const struct trace *t, int64_t now)
{
	unsigned h = t->next_hop;

	if (t->done || h > t->last_hop)
		return -1;
	for (unsigned i = h * t->nq; i < (h + 1) * t->nq; i++) {
		const struct probe *q = &t->probes[i];

		if (q->state == PROBE_UNSENT)
			return -1;
		if (q->state == PROBE_SENT && now < trace_deadline(t, i))
			return -1;
	}
	return (int)h;
}

int
trace_hop_stops(const struct trace *t, unsigned h)
{
	unsigned reached = 0, unreach = 0, need;

	for (unsigned i = h * t->nq; i < (h + 1) * t->nq; i++) {
		const struct probe *q = &t->probes[i];

		if (q->state != PROBE_ANSWERED)
			continue;
		if (q->r.kind == REPLY_REACHED)
			reached++;
		else if (q->r.kind == REPLY_UNREACH)
			unreach++;
	}
	/* FreeBSD: traceroute stops when all probes but one were unreachable,
	 * traceroute6 when half of them (rounded up) were */
	need = t->family == AF_INET6 ? (t->nq + 1) / 2 : t->nq - 1;
	return reached > 0 || (unreach > 0 && unreach >= need);
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
