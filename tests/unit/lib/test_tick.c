/* SPDX-License-Identifier: BSD-2-Clause */
/* test_tick.c - unit tests of lib/tick.c: the monotonic clock and the mask ppoll() waits with. */
#include <signal.h>
#include <time.h>

#include "../check_esa.h"
#include "suites.h"
#include "tick.h"

/* The same clock as clock_gettime(CLOCK_MONOTONIC), in nanoseconds, never going back. */
START_TEST(test_tick_ns)
{
	struct timespec a, b;
	int64_t t, u;

	clock_gettime(CLOCK_MONOTONIC, &a);
	t = tick_ns();
	u = tick_ns();
	clock_gettime(CLOCK_MONOTONIC, &b);
	ck_assert_int_ge(t, (int64_t)a.tv_sec * 1000000000 + a.tv_nsec);
	ck_assert_int_ge(u, t);
	ck_assert_int_le(u, (int64_t)b.tv_sec * 1000000000 + b.tv_nsec);
}
END_TEST

/* The signals are blocked now; the wait mask is the old one with them let in. */
START_TEST(test_tick_sigblock)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	sigset_t before, wait, now;

	sigemptyset(&before);
	sigaddset(&before, SIGUSR1);
	sigaddset(&before, SIGINT);
	ck_assert_int_eq(sigprocmask(SIG_SETMASK, &before, NULL), 0);
	ck_assert_int_eq(tick_sigblock(sigs, 2, &wait), 0);
	ck_assert_int_eq(sigprocmask(SIG_SETMASK, NULL, &now), 0);
	ck_assert_int_eq(sigismember(&now, SIGINT), 1);
	ck_assert_int_eq(sigismember(&now, SIGTERM), 1);
	ck_assert_int_eq(sigismember(&now, SIGUSR1), 1);
	ck_assert_int_eq(sigismember(&now, SIGQUIT), 0);
	ck_assert_int_eq(sigismember(&wait, SIGINT), 0);
	ck_assert_int_eq(sigismember(&wait, SIGTERM), 0);
	ck_assert_int_eq(sigismember(&wait, SIGUSR1), 1);
	sigemptyset(&before);
	sigprocmask(SIG_SETMASK, &before, NULL);
}
END_TEST

/* A signal number that is not one: -1, and the mask left as it was. */
START_TEST(test_tick_sigblock_bad)
{
	static const int sigs[] = { SIGTERM, 1000 };
	sigset_t empty, wait, now;

	sigemptyset(&empty);
	ck_assert_int_eq(sigprocmask(SIG_SETMASK, &empty, NULL), 0);
	ck_assert_int_eq(tick_sigblock(sigs, 2, &wait), -1);
	ck_assert_int_eq(sigprocmask(SIG_SETMASK, NULL, &now), 0);
	ck_assert_int_eq(sigismember(&now, SIGTERM), 0);
	/* the first N only: the bad number past them is not read */
	ck_assert_int_eq(tick_sigblock(sigs, 1, &wait), 0);
	ck_assert_int_eq(sigprocmask(SIG_SETMASK, NULL, &now), 0);
	ck_assert_int_eq(sigismember(&now, SIGTERM), 1);
	sigprocmask(SIG_SETMASK, &empty, NULL);
}
END_TEST

Suite *
suite_tick(void)
{
	Suite *s = suite_create("tick");
	TCase *tc = tcase_create("tick");

	tcase_add_test(tc, test_tick_ns);
	tcase_add_test(tc, test_tick_sigblock);
	tcase_add_test(tc, test_tick_sigblock_bad);
	suite_add_tcase(s, tc);
	return s;
}
