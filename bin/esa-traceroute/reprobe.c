/* SPDX-License-Identifier: BSD-2-Clause */
/* reprobe.c - which probes to send again, and when: the end of the path placed where it
 * is, and its hop filled, under the ICMP rate limits of the hosts on the way. Pure. */
#include "trace.h"

/* When a hop that got nothing is first probed again: as long after its probes left
 * as the wait for a later hop's answer (TRACE_NEAR times the longest RTT seen). */
static int64_t
first_retry(const struct trace *t, int64_t first)
{
	int64_t rtt = 0, d;

	for (unsigned i = 0; i < t->next_send; i++)
		if (t->probes[i].state == PROBE_ANSWERED && t->probes[i].rtt > rtt)
			rtt = t->probes[i].rtt;
	d = TRACE_NEAR * rtt;
	if (d < REPROBE_MIN)
		d = REPROBE_MIN;
	if (d > t->wait)
		d = t->wait;
	return first + d;
}

/* The partner of hop H's probe: a probe of the lowest hop past H the end answered,
 * else the last probe sent past H; -1 when none was sent past H. */
static int
partner(const struct trace *t, unsigned h)
{
	for (unsigned i = (h + 1) * t->nq; i < t->next_send; i++)
		if (trace_is_end(t, i))
			return (int)i;
	if (t->next_send == 0 || (t->next_send - 1) / t->nq <= h)
		return -1;
	return (int)t->next_send - 1;
}

/* The earliest the next probe may go again: paced, and after an answer to one, not
 * before most of the time the last two answers were apart (a bucket's refill). */
static int64_t
paced(const struct trace *t)
{
	unsigned n = t->rp_n < 8 ? t->rp_n : 8;
	int64_t pace = (int64_t)REPROBE_MIN << n, due;

	if (pace > REPROBE_MAX)
		pace = REPROBE_MAX;
	due = t->rp_last + pace;
	/* a round of quick tries found no token: a pause, for the bucket that charges
	 * a try it does not answer (a Linux router's unreachable route takes its
	 * route-error tokens, then finds its ICMP tokens short; only a try after two
	 * seconds of quiet gets both) */
	if (t->rp_n > 0 && due > t->rp_round + REPROBE_ROUND)
		due = t->rp_last + REPROBE_REST;
	if (t->rp_n == 0 && t->rp_gap > 0 && t->rp_ans + t->rp_gap * 3 / 4 > due)
		due = t->rp_ans + t->rp_gap * 3 / 4;
	return due;
}

int64_t
reprobe_next(const struct trace *t, int64_t now, struct reprobe *rp)
{
	unsigned h = t->next_hop, got, p = 0;
	int64_t first, start, end, due;
	int q;

	rp->n = 0;
	if (t->done || h > t->last_hop || (first = trace_hop_sent(t, h)) < 0)
		return -1;
	got = trace_hop_answers(t, h);
	if (got == 0 && !trace_hop_proven(t, h)) {
		p = h * t->nq;
		start = first_retry(t, first);
		end = first + t->wait;
	} else if (got < t->nq && (end = trace_end_at(t, h)) >= 0) {
		end += t->wait;
		for (p = h * t->nq; t->probes[p].state != PROBE_SENT; p++)
			;
		start = trace_deadline(t, p);
	} else {
		return -1;
	}
	if (now >= end)
		return -1;
	due = paced(t);
	if (due < start)
		due = start;
	if (due > now)
		return due < end ? due : end;
	rp->probe[rp->n] = p;
	rp->ttl[rp->n++] = t->first + p / t->nq;
	if (got == 0 && (q = partner(t, h)) >= 0) {
		rp->probe[rp->n] = (unsigned)q;
		rp->ttl[rp->n++] = t->first + (unsigned)q / t->nq;
	}
	return now;
}

void
reprobe_sent(struct trace *t, const struct reprobe *rp, int64_t now)
{
	for (unsigned i = 0; i < rp->n; i++)
		trace_sent(t, rp->probe[i], now);
	if (rp->n == 2)
		t->pair_at = now;
	/* a round of quick tries starts after an answer and after a pause */
	if (t->rp_n == 0 || now - t->rp_last >= REPROBE_REST) {
		t->rp_round = now;
		t->rp_n = 0;
	}
	t->rp_last = now;
	t->rp_n++;
}
