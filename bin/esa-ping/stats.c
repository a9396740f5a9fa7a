/* SPDX-License-Identifier: BSD-2-Clause */
/* stats.c - the send-time table and the round-trip statistics of a run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "esa.h"
#include "ping.h"

#define SEQ_SPACE 65536

void
pstats_init(struct stats *s)
{
	memset(s, 0, sizeof(*s));
	s->sent = xcalloc(SEQ_SPACE, sizeof(*s->sent));
	s->seen = xcalloc(SEQ_SPACE / 8, 1);
	s->issued = xcalloc(SEQ_SPACE / 8, 1);
}

void
pstats_free(struct stats *s)
{
	free(s->sent);
	free(s->seen);
	free(s->issued);
	s->sent = NULL;
	s->seen = s->issued = NULL;
}

static bool
bit_get(const uint8_t *map, uint16_t n)
{
	return map[n >> 3] & (1u << (n & 7));
}

static void
bit_set(uint8_t *map, uint16_t n, bool on)
{
	if (on)
		map[n >> 3] |= (uint8_t)(1u << (n & 7));
	else
		map[n >> 3] &= (uint8_t)~(1u << (n & 7));
}

void
pstats_sent(struct stats *s, uint16_t seq, const struct timespec *at)
{
	/* after 65536 probes the numbers come round again: a new cycle for this one */
	s->sent[seq] = *at;
	bit_set(s->issued, seq, true);
	bit_set(s->seen, seq, false);
	s->transmitted++;
}

bool
pstats_issued(const struct stats *s, uint16_t seq)
{
	return bit_get(s->issued, seq);
}

double
ping_ts_diff_ms(const struct timespec *a, const struct timespec *b)
{
	/* both are kernel clock values, so the subtraction cannot overflow 64 bits */
	int64_t ns = ((int64_t)b->tv_sec - (int64_t)a->tv_sec) * 1000000000 +
	    ((int64_t)b->tv_nsec - (int64_t)a->tv_nsec);

	return ns > 0 ? (double)ns / 1e6 : 0.0;
}

bool
pstats_reply(struct stats *s, uint16_t seq, const struct timespec *at, bool timed,
    double *rtt_ms)
{
	bool dup = bit_get(s->seen, seq);
	double t = ping_ts_diff_ms(&s->sent[seq], at);

	*rtt_ms = t;
	if (dup) {
		s->repeats++;
	} else {
		bit_set(s->seen, seq, true);
		s->received++;
	}
	if (timed) {
		if (s->received + s->repeats == 1 || t < s->tmin)
			s->tmin = t;
		if (t > s->tmax)
			s->tmax = t;
		s->tsum += t;
		s->tsumsq += t * t;
	}
	return dup;
}

void
pstats_summary(const struct stats *s, bool timing, struct pstats_summary *out)
{
	double n = (double)(s->received + s->repeats);

	memset(out, 0, sizeof(*out));
	if (s->transmitted > 0 && s->received <= s->transmitted)
		out->loss_pct = (double)(s->transmitted - s->received) * 100.0 /
		    (double)s->transmitted;
	if (!timing || n == 0)
		return;
	out->timed = true;
	out->min = s->tmin;
	out->max = s->tmax;
	out->avg = s->tsum / n;
	/* population standard deviation, as FreeBSD; rounding may make it a hair below 0 */
	out->stddev = sqrt(fmax(0.0, s->tsumsq / n - out->avg * out->avg));
}
