/* SPDX-License-Identifier: BSD-2-Clause */
/* test_loop.c - the event loop's decisions: send again, when to wake, timeouts, round trips. */
#include <errno.h>

#include "../../../bin/esa-traceroute/loop.h"
#include "../check_esa.h"
#include "suites.h"

/* The pending error an earlier ICMP error left is sent through; a local failure is not. */
START_TEST(test_loop_send_again)
{
	static const int again[] = { EHOSTUNREACH, ENETUNREACH, ECONNREFUSED, EACCES, EPROTO,
	    EMSGSIZE, EPERM, ENOPROTOOPT, EHOSTDOWN, ENONET };
	static const int stop[] = { 0, EBADF, ENOBUFS, ENOMEM, EINVAL, EAGAIN, EFAULT };

	for (size_t i = 0; i < sizeof(again) / sizeof(again[0]); i++)
		ck_assert_msg(loop_send_again(again[i]), "errno %d", again[i]);
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		ck_assert_msg(!loop_send_again(stop[i]), "errno %d", stop[i]);
}
END_TEST

/* The earlier of a probe's deadline and a send again; a spent send again is none. */
START_TEST(test_loop_next_wake)
{
	/* a deadline alone, a send again alone */
	ck_assert_int_eq(loop_next_wake(5000, -1, 1000, 3000000), 5000);
	ck_assert_int_eq(loop_next_wake(-1, 2000, 1000, 3000000), 2000);
	/* both: the first */
	ck_assert_int_eq(loop_next_wake(5000, 2000, 1000, 3000000), 2000);
	ck_assert_int_eq(loop_next_wake(1500, 2000, 1000, 3000000), 1500);
	/* a send again at or before now is spent: the deadline, else one wait */
	ck_assert_int_eq(loop_next_wake(5000, 1000, 1000, 3000000), 5000);
	ck_assert_int_eq(loop_next_wake(-1, 900, 1000, 3000000), 3001000);
	/* nothing at all: one wait after now, for answers or names */
	ck_assert_int_eq(loop_next_wake(-1, -1, 1000, 3000000), 3001000);
	/* a past deadline stays: the hop is complete, the names are waited for */
	ck_assert_int_eq(loop_next_wake(800, -1, 1000, 3000000), 800);
	/* none is -1: a deadline at 0 on the clock is one, before any send again */
	ck_assert_int_eq(loop_next_wake(0, -1, 1000, 3000000), 0);
	ck_assert_int_eq(loop_next_wake(0, 2000, 1000, 3000000), 0);
}
END_TEST

/* Microseconds to a timespec; none left (or past) is 0, never negative. */
START_TEST(test_loop_timeout)
{
	struct timespec ts = loop_timeout(3500000 + 1000, 1000);

	ck_assert_int_eq(ts.tv_sec, 3);
	ck_assert_int_eq(ts.tv_nsec, 500000000);
	ts = loop_timeout(1001, 1000);
	ck_assert_int_eq(ts.tv_sec, 0);
	ck_assert_int_eq(ts.tv_nsec, 1000);
	ts = loop_timeout(1000, 1000);
	ck_assert_int_eq(ts.tv_sec, 0);
	ck_assert_int_eq(ts.tv_nsec, 0);
	ts = loop_timeout(10, 1000);
	ck_assert_int_eq(ts.tv_sec, 0);
	ck_assert_int_eq(ts.tv_nsec, 0);
}
END_TEST

/* The kernel's stamp when there is one (ns to us), else the monotonic clock's (us). */
START_TEST(test_loop_rtt)
{
	ck_assert_int_eq(loop_rtt(1700000000123456789, 1700000000100000000, 99, 1), 23456);
	ck_assert_int_eq(loop_rtt(0, 1700000000100000000, 5250, 1000), 4250);
}
END_TEST

Suite *
suite_loop(void)
{
	Suite *s = suite_create("loop");
	TCase *tc = tcase_create("loop");

	tcase_add_test(tc, test_loop_send_again);
	tcase_add_test(tc, test_loop_next_wake);
	tcase_add_test(tc, test_loop_timeout);
	tcase_add_test(tc, test_loop_rtt);
	suite_add_tcase(s, tc);
	return s;
}
