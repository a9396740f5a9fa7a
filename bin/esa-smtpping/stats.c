/* SPDX-License-Identifier: BSD-2-Clause */
/* stats.c - ping-style statistics of the transactions: counts and min/avg/max/stddev. */
#include <math.h>

#include "smtpping.h"

static void
series_add(struct series *s, double v)
{
	if (s->n == 0 || v < s->min)
		s->min = v;
	if (s->n == 0 || v > s->max)
		s->max = v;
	s->n++;
	s->sum += v;
	s->sumsq += v * v;
}

void
stats_add(struct stats *st, const struct txn *t)
{
	st->transactions++;
	if (t->result == RESULT_ACCEPTED)
		st->accepted++;
	else if (t->result == RESULT_REFUSED)
		st->refused++;
	else
		st->failed++;
	/* a time is counted only for a step that ended with an answer */
	if (t->result != RESULT_FAILED || t->failed > STEP_CONNECT)
		series_add(&st->connect, t->connect_ms);
	if (t->has_banner)
		series_add(&st->banner, t->banner_ms);
	if (t->result != RESULT_FAILED)
		series_add(&st->total, t->time_ms);
}

void
series_summary(const struct series *s, double *avg, double *stddev)
{
	double var;

	*avg = s->n ? s->sum / (double)s->n : 0;
	var = s->n ? s->sumsq / (double)s->n - *avg * *avg : 0;
	/* rounding can make a zero variance slightly negative */
	*stddev = var > 0 ? sqrt(var) : 0;
}
