/* SPDX-License-Identifier: BSD-2-Clause */
/* test_stats.c - esa-ping's send-time table and round-trip statistics against known values. */
#include <math.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-ping/ping.h"

static struct timespec
at(long sec, long nsec)
{
	struct timespec t = { sec, nsec };

	return t;
}

/* Round trips of 1, 2, 3 and 4 ms: avg 2.5, population stddev sqrt(1.25). */
START_TEST(test_known)
{
	struct pstats_summary sm;
	struct stats s;
	double rtt;

	pstats_init(&s);
	for (uint16_t i = 0; i < 5; i++) {
		struct timespec t = at(1000 + i, 0);

		pstats_sent(&s, i, &t);
	}
	for (uint16_t i = 0; i < 4; i++) {
		struct timespec t = at(1000 + i, (i + 1) * 1000000L);

		ck_assert(!pstats_reply(&s, i, &t, true, &rtt));
		ck_assert_double_eq_tol(rtt, i + 1, 1e-9);
	}
	pstats_summary(&s, true, &sm);
	ck_assert(sm.timed);
	ck_assert_double_eq_tol(sm.min, 1, 1e-9);
	ck_assert_double_eq_tol(sm.max, 4, 1e-9);
	ck_assert_double_eq_tol(sm.avg, 2.5, 1e-9);
	ck_assert_double_eq_tol(sm.stddev, sqrt(1.25), 1e-9);
	ck_assert_double_eq_tol(sm.loss_pct, 20.0, 1e-9);
	ck_assert_uint_eq(s.transmitted, 5);
	ck_assert_uint_eq(s.received, 4);
	pstats_free(&s);
}
END_TEST

/* A duplicate counts apart and, as FreeBSD, in the round-trip figures. */
START_TEST(test_dup)
{
	struct pstats_summary sm;
	struct stats s;
	struct timespec t0 = at(5, 0), t1 = at(5, 2000000), t2 = at(5, 4000000);
	double rtt;

	pstats_init(&s);
	pstats_sent(&s, 0, &t0);
	ck_assert(!pstats_reply(&s, 0, &t1, true, &rtt));
	ck_assert(pstats_reply(&s, 0, &t2, true, &rtt));
	ck_assert_uint_eq(s.received, 1);
	ck_assert_uint_eq(s.repeats, 1);
	pstats_summary(&s, true, &sm);
	ck_assert_double_eq_tol(sm.avg, 3, 1e-9);
	ck_assert_double_eq_tol(sm.stddev, 1, 1e-9);
	ck_assert_double_eq_tol(sm.loss_pct, 0, 1e-9);
	/* the number comes round again after 65536 probes: a new probe, not a dup */
	pstats_sent(&s, 0, &t2);
	ck_assert(!pstats_reply(&s, 0, &t2, true, &rtt));
	pstats_free(&s);
}
END_TEST

/* Times that go back, or lie far apart, give 0 or a finite number; never UB. */
START_TEST(test_clock)
{
	struct timespec past = at(0, 0), future = at(INT32_MAX, 999999999);
	struct timespec huge = at((time_t)INT64_MAX / 2000000000, 0);
	struct pstats_summary sm;
	struct stats s;
	double rtt;

	pstats_init(&s);
	pstats_sent(&s, 1, &future);
	pstats_reply(&s, 1, &past, true, &rtt);
	ck_assert_double_eq(rtt, 0);
	pstats_sent(&s, 2, &past);
	pstats_reply(&s, 2, &huge, true, &rtt);
	ck_assert(isfinite(rtt) && rtt > 0);
	pstats_summary(&s, true, &sm);
	ck_assert(isfinite(sm.stddev) && sm.stddev >= 0);
	ck_assert_double_eq(ping_ts_diff_ms(&past, &past), 0);
	pstats_free(&s);
}
END_TEST

START_TEST(test_empty)
{
	struct pstats_summary sm;
	struct stats s;
	struct timespec t = at(1, 0);

	pstats_init(&s);
	pstats_summary(&s, true, &sm);
	ck_assert(!sm.timed);
	ck_assert_double_eq(sm.loss_pct, 0);
	pstats_sent(&s, 0, &t);
	ck_assert(pstats_issued(&s, 0));
	ck_assert(!pstats_issued(&s, 1));
	pstats_summary(&s, true, &sm);
	ck_assert(!sm.timed);
	ck_assert_double_eq(sm.loss_pct, 100);
	pstats_free(&s);
}
END_TEST

Suite *
suite_ping_stats(void)
{
	Suite *s = suite_create("ping_stats");
	TCase *tc = tcase_create("ping_stats");

	tcase_add_test(tc, test_known);
	tcase_add_test(tc, test_dup);
	tcase_add_test(tc, test_clock);
	tcase_add_test(tc, test_empty);
	suite_add_tcase(s, tc);
	return s;
}
