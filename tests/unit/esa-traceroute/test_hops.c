/* SPDX-License-Identifier: BSD-2-Clause */
/* test_hops.c - hop bookkeeping: what is sent, when a hop is complete, when to stop. */
#include <sys/socket.h>

#include "../../../bin/esa-traceroute/trace.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

#define SEC 1000000

static void
answer(struct trace *t, unsigned p, enum reply_kind kind, int64_t rtt)
{
	struct reply r = { .probe = p, .family = AF_INET, .kind = kind, .qttl = -1 };

	r.from[0] = (uint8_t)(p / t->nq + 1);
	ck_assert_int_eq(trace_answer(t, &r, rtt), 0);
}

/* Sends every probe the window allows at NOW; returns how many. */
static unsigned
send_all(struct trace *t, int64_t now)
{
	unsigned n = 0;
	int p;

	while ((p = trace_next_probe(t)) >= 0) {
		trace_sent(t, (unsigned)p, now);
		n++;
	}
	return n;
}

START_TEST(test_window)
{
	struct trace t;

	/* 10 hops of 3 probes, 2 hops in flight: probes 0..5, then none */
	trace_init(&t, 1, 10, 3, 2, 5 * SEC, AF_INET);
	ck_assert_uint_eq(t.nhops, 10);
	ck_assert_int_eq(trace_next_probe(&t), 0);
	ck_assert_uint_eq(send_all(&t, 0), 6);
	ck_assert_int_eq(trace_ready(&t, 0), -1);
	for (unsigned p = 0; p < 3; p++)
		answer(&t, p, REPLY_HOP, 100);
	ck_assert_int_eq(trace_ready(&t, 1), 0);
	trace_printed(&t);
	ck_assert(!t.done);
	/* the window slid by one hop: three more */
	ck_assert_uint_eq(send_all(&t, 10), 3);
	ck_assert_int_eq(trace_next_probe(&t), -1);
	trace_free(&t);
	/* freed twice: the second finds the table gone and does nothing */
	ck_assert_ptr_null(t.probes);
	trace_free(&t);
}
END_TEST

/* A hop's first send time: the earliest of its probes', none while one is unsent. */
START_TEST(test_hop_sent)
{
	struct trace t;

	trace_init(&t, 1, 10, 3, 2, 5 * SEC, AF_INET);
	ck_assert_int_eq(trace_hop_sent(&t, 0), -1);
	trace_sent(&t, 0, 300);
	trace_sent(&t, 1, 100);
	ck_assert_int_eq(trace_hop_sent(&t, 0), -1);
	trace_sent(&t, 2, 200);
	ck_assert_int_eq(trace_hop_sent(&t, 0), 100);
	/* sent again: still the first time it went */
	trace_sent(&t, 1, 900);
	ck_assert_int_eq(trace_hop_sent(&t, 0), 100);
	ck_assert_int_eq(trace_hop_sent(&t, 1), -1);
	trace_free(&t);
}
END_TEST

START_TEST(test_first_ttl)
{
	struct trace t;

	trace_init(&t, 5, 5, 1, 16, SEC, AF_INET);
	ck_assert_uint_eq(t.nhops, 1);
	ck_assert_uint_eq(send_all(&t, 0), 1);
	ck_assert_int_eq(trace_ready(&t, SEC - 1), -1);
	ck_assert_int_eq(trace_ready(&t, SEC), 0);
	trace_printed(&t);
	ck_assert(t.done);
	ck_assert(!t.reached);
	trace_free(&t);
}
END_TEST

START_TEST(test_deadlines)
{
	struct trace t;

	trace_init(&t, 1, 8, 3, 16, 5 * SEC, AF_INET);
	send_all(&t, 1000);
	/* nothing answered: the full wait */
	ck_assert_int_eq(trace_deadline(&t, 0), 1000 + 5 * SEC);
	ck_assert_int_eq(trace_next_deadline(&t, 1000), 1000 + 5 * SEC);
	/* a later hop answered in 2 ms: ten times that */
	answer(&t, 7, REPLY_HOP, 2000);
	ck_assert_int_eq(trace_deadline(&t, 0), 1000 + 20000);
	/* the longest of the later answers counts */
	answer(&t, 10, REPLY_HOP, 3000);
	ck_assert_int_eq(trace_deadline(&t, 0), 1000 + 30000);
	/* an answer of the same hop: three times its RTT when that is shorter */
	answer(&t, 1, REPLY_HOP, 4000);
	ck_assert_int_eq(trace_deadline(&t, 0), 1000 + 12000);
	/* a hop after all answers: the full wait */
	ck_assert_int_eq(trace_deadline(&t, 22), 1000 + 5 * SEC);
	/* tiny RTTs: never below the floor */
	answer(&t, 23, REPLY_HOP, 10);
	ck_assert_int_eq(trace_deadline(&t, 20), 1000 + TRACE_WAIT_FLOOR);
	trace_free(&t);

	/* -w shorter than the floor stays the longest wait */
	trace_init(&t, 1, 3, 1, 16, 1000, AF_INET);
	send_all(&t, 0);
	answer(&t, 2, REPLY_REACHED, 1);
	ck_assert_int_eq(trace_deadline(&t, 0), 1000);
	/* and huge later RTTs never lengthen it */
	trace_free(&t);
	trace_init(&t, 1, 3, 1, 16, SEC, AF_INET);
	send_all(&t, 0);
	answer(&t, 2, REPLY_HOP, 10 * SEC);
	ck_assert_int_eq(trace_deadline(&t, 0), SEC);
	trace_free(&t);
}
END_TEST

/* An answer from the end of the path to probe P, quoting QTTL. */
static void
answer_q(struct trace *t, unsigned p, enum reply_kind kind, int qttl, int64_t rtt)
{
	struct reply r = { .probe = p, .family = AF_INET, .kind = kind, .qttl = qttl };

	ck_assert_int_eq(trace_answer(t, &r, rtt), 0);
}

START_TEST(test_silent_hop_in_order)
{
	struct trace t;

	/* hop 2 silent, hops 1 and 3 answer in 1 ms, the destination's errors quoting
	 * TTL 1 (it is 3 hops away): hop 1 prints at once, hop 2 once 10 ms passed,
	 * then hop 3 with the destination */
	trace_init(&t, 1, 64, 3, 16, 5 * SEC, AF_INET);
	t.quoted = true;
	send_all(&t, 0);
	ck_assert_uint_eq(t.next_send, 48);
	for (unsigned p = 0; p < 3; p++)
		answer(&t, p, REPLY_HOP, 1000);
	for (unsigned p = 6; p < 9; p++)
		answer_q(&t, p, REPLY_REACHED, 1, 1000);
	ck_assert_uint_eq(t.last_hop, 2);
	ck_assert_int_eq(trace_ready(&t, 2000), 0);
	trace_printed(&t);
	ck_assert_int_eq(trace_ready(&t, 9999), -1);
	ck_assert_int_eq(trace_ready(&t, 10000), 1);
	trace_printed(&t);
	ck_assert_int_eq(trace_ready(&t, 10000), 2);
	trace_printed(&t);
	ck_assert(t.done);
	ck_assert(t.reached);
	/* nothing more is taken or sent */
	ck_assert_int_eq(trace_next_probe(&t), -1);
	ck_assert_int_eq(trace_ready(&t, 20000), -1);
	trace_free(&t);
}
END_TEST

START_TEST(test_silent_before_end_unquoted)
{
	struct trace t;

	/* the same without quoted TTLs: the destination's answers at hop 3 do not say
	 * hop 2 is a router (its answers may have been lost to a rate limit): hop 2
	 * waits the whole -w, unless a later hop answers time exceeded */
	trace_init(&t, 1, 64, 3, 16, 5 * SEC, AF_INET);
	send_all(&t, 0);
	for (unsigned p = 0; p < 3; p++)
		answer(&t, p, REPLY_HOP, 1000);
	for (unsigned p = 6; p < 9; p++)
		answer(&t, p, REPLY_REACHED, 1000);
	ck_assert_int_eq(trace_ready(&t, 2000), 0);
	trace_printed(&t);
	ck_assert(!trace_hop_proven(&t, 1));
	ck_assert_int_eq(trace_ready(&t, 10000), -1);
	ck_assert_int_eq(trace_ready(&t, 5 * SEC - 1), -1);
	ck_assert_int_eq(trace_ready(&t, 5 * SEC), 1);
	trace_free(&t);
	/* a router answering at hop 3 proves hop 2 before the end */
	trace_init(&t, 1, 64, 3, 16, 5 * SEC, AF_INET);
	send_all(&t, 0);
	for (unsigned p = 0; p < 3; p++)
		answer(&t, p, REPLY_HOP, 1000);
	answer(&t, 6, REPLY_HOP, 1000);
	ck_assert_int_eq(trace_ready(&t, 2000), 0);
	trace_printed(&t);
	ck_assert(trace_hop_proven(&t, 1));
	ck_assert_int_eq(trace_ready(&t, 10000), 1);
	trace_free(&t);
}
END_TEST

START_TEST(test_distance)
{
	/* probe TTL - quoted TTL + 1 */
	ck_assert_int_eq(trace_distance(18, 17), 2);
	ck_assert_int_eq(trace_distance(5, 1), 5);	/* quoted 1: where it was sent */
	ck_assert_int_eq(trace_distance(255, 255), 1);
	ck_assert_int_eq(trace_distance(255, 1), 255);
	/* quoted 0 never arrives: the probe's own TTL */
	ck_assert_int_eq(trace_distance(7, 0), 7);
	/* larger than the probe's (rewritten on the way): the probe's own TTL */
	ck_assert_int_eq(trace_distance(7, 8), 7);
	ck_assert_int_eq(trace_distance(7, 255), 7);
	/* no quote (the error queue, a cut quote) */
	ck_assert_int_eq(trace_distance(7, -1), 7);
}
END_TEST

START_TEST(test_quoted_placement)
{
	struct trace t;

	/* the destination 2 hops away, its bucket empty for hops 2 to 16: the answer
	 * to a probe of hop 17 quotes TTL 16, so it belongs to hop 2 */
	trace_init(&t, 1, 64, 3, 17, 5 * SEC, AF_INET);
	t.quoted = true;
	send_all(&t, 0);
	for (unsigned p = 0; p < 3; p++)
		answer(&t, p, REPLY_HOP, 100);
	answer_q(&t, 16 * 3 + 1, REPLY_REACHED, 16, 200);
	ck_assert_uint_eq(t.last_hop, 1);
	ck_assert_uint_eq(trace_hop_answers(&t, 1), 1);
	ck_assert_int_eq(t.probes[3].state, PROBE_ANSWERED);
	ck_assert_int_eq(t.probes[3].rtt, 200);
	ck_assert_int_eq(t.probes[16 * 3 + 1].state, PROBE_SENT);
	/* two more fill hop 2; a fourth finds no room */
	answer_q(&t, 16 * 3 + 2, REPLY_REACHED, 16, 200);
	answer_q(&t, 10 * 3, REPLY_REACHED, 10, 200);
	ck_assert_uint_eq(trace_hop_answers(&t, 1), 3);
	{
		struct reply r = { .probe = 12 * 3, .family = AF_INET, .kind = REPLY_REACHED,
		    .qttl = 12 };

		ck_assert_int_eq(trace_answer(&t, &r, 200), -1);
	}
	ck_assert_int_eq(trace_ready(&t, 1000), 0);
	trace_printed(&t);
	ck_assert_int_eq(trace_ready(&t, 1000), 1);
	trace_printed(&t);
	ck_assert(t.done && t.reached);
	trace_free(&t);
	/* an unreachable one hop away quoting TTL 1 at hop 5: hop 1; with -f 3, a
	 * distance below the first hop is the first hop */
	trace_init(&t, 1, 64, 3, 16, 5 * SEC, AF_INET);
	t.quoted = true;
	send_all(&t, 0);
	answer_q(&t, 4 * 3, REPLY_UNREACH, 5, 100);
	ck_assert_int_eq(t.probes[0].state, PROBE_ANSWERED);
	trace_free(&t);
	trace_init(&t, 3, 64, 3, 16, 5 * SEC, AF_INET);
	t.quoted = true;
	send_all(&t, 0);
	answer_q(&t, 5 * 3, REPLY_REACHED, 7, 100);
	ck_assert_uint_eq(t.last_hop, 0);
	ck_assert_int_eq(t.probes[0].state, PROBE_ANSWERED);
	trace_free(&t);
	/* unquoted, the same answer stays where it came */
	trace_init(&t, 1, 64, 3, 17, 5 * SEC, AF_INET);
	send_all(&t, 0);
	answer_q(&t, 16 * 3 + 1, REPLY_REACHED, 16, 200);
	ck_assert_uint_eq(t.last_hop, 16);
	ck_assert_int_eq(t.probes[16 * 3 + 1].state, PROBE_ANSWERED);
	trace_free(&t);
}
END_TEST

START_TEST(test_answers_refused)
{
	struct trace t;
	struct reply r = { .probe = 0, .family = AF_INET, .kind = REPLY_HOP };

	trace_init(&t, 1, 4, 2, 1, SEC, AF_INET);
	/* unsent */
	ck_assert_int_eq(trace_answer(&t, &r, 5), -1);
	send_all(&t, 0);
	ck_assert_int_eq(trace_answer(&t, &r, 5), 0);
	/* a duplicate */
	ck_assert_int_eq(trace_answer(&t, &r, 5), -1);
	/* past the table */
	r.probe = 8;
	ck_assert_int_eq(trace_answer(&t, &r, 5), -1);
	/* a late answer for a printed hop */
	ck_assert_int_eq(trace_ready(&t, SEC), 0);
	trace_printed(&t);
	r.probe = 1;
	ck_assert_int_eq(trace_answer(&t, &r, 5), -1);
	/* a negative RTT (a clock step) is taken as 0 */
	send_all(&t, SEC);
	r.probe = 2;
	ck_assert_int_eq(trace_answer(&t, &r, -7), 0);
	ck_assert_int_eq(t.probes[2].rtt, 0);
	trace_free(&t);
}
END_TEST

START_TEST(test_stop_rules)
{
	struct trace t;

	/* IPv4, 3 probes: two unreachables stop, one beside a time exceeded does not */
	trace_init(&t, 1, 5, 3, 16, SEC, AF_INET);
	send_all(&t, 0);
	answer(&t, 2, REPLY_HOP, 1);
	answer(&t, 0, REPLY_UNREACH, 1);
	ck_assert_int_eq(trace_hop_stops(&t, 0), 0);
	answer(&t, 1, REPLY_UNREACH, 1);
	ck_assert_int_eq(trace_hop_stops(&t, 0), 1);
	ck_assert_int_eq(trace_ready(&t, 0), 0);
	trace_printed(&t);
	ck_assert(t.done);
	ck_assert(!t.reached);
	trace_free(&t);

	/* IPv4, 4 probes need 3; IPv6, 4 probes need 2 (FreeBSD's traceroute6) */
	trace_init(&t, 1, 5, 4, 16, SEC, AF_INET);
	send_all(&t, 0);
	answer(&t, 0, REPLY_UNREACH, 1);
	answer(&t, 1, REPLY_UNREACH, 1);
	answer(&t, 2, REPLY_HOP, 1);
	ck_assert_int_eq(trace_hop_stops(&t, 0), 0);
	t.family = AF_INET6;
	ck_assert_int_eq(trace_hop_stops(&t, 0), 1);
	/* answers that are all unreachables stop, the rest lost to a rate limit */
	answer(&t, 4, REPLY_UNREACH, 1);
	ck_assert_int_eq(trace_hop_stops(&t, 1), 1);
	trace_free(&t);
	trace_init(&t, 1, 5, 4, 16, SEC, AF_INET);
	send_all(&t, 0);
	/* notes alone never stop; one probe of one: its unreachable does */
	answer(&t, 4, REPLY_NOTE, 1);
	ck_assert_int_eq(trace_hop_stops(&t, 1), 0);
	trace_free(&t);
	trace_init(&t, 1, 5, 1, 16, SEC, AF_INET);
	send_all(&t, 0);
	answer(&t, 0, REPLY_UNREACH, 1);
	ck_assert_int_eq(trace_hop_stops(&t, 0), 1);
	trace_free(&t);
}
END_TEST

START_TEST(test_max_ttl_not_reached)
{
	struct trace t;

	trace_init(&t, 1, 2, 1, 16, SEC, AF_INET);
	send_all(&t, 0);
	answer(&t, 0, REPLY_HOP, 1);
	answer(&t, 1, REPLY_HOP, 1);
	ck_assert_int_eq(trace_ready(&t, 0), 0);
	trace_printed(&t);
	ck_assert_int_eq(trace_ready(&t, 0), 1);
	trace_printed(&t);
	ck_assert(t.done);
	ck_assert(!t.reached);
	ck_assert_int_eq(trace_next_deadline(&t, 0), -1);
	trace_free(&t);
}
END_TEST

START_TEST(test_complete_hop_no_past_deadline)
{
	struct trace t;

	/* hop 1: two answers and a lost probe; hop 2 answered. Past hop 1's deadline
	 * the hop is complete, and while its names are looked up the main loop sleeps
	 * until a deadline still ahead, never one gone by (that was a spin) */
	trace_init(&t, 1, 2, 3, 16, 5 * SEC, AF_INET);
	send_all(&t, 0);
	answer(&t, 0, REPLY_HOP, 1000);
	answer(&t, 1, REPLY_HOP, 1000);
	for (unsigned p = 3; p < 6; p++)
		answer(&t, p, REPLY_HOP, 1000);
	ck_assert_int_eq(trace_ready(&t, TRACE_WAIT_FLOOR - 1), -1);
	ck_assert_int_eq(trace_next_deadline(&t, TRACE_WAIT_FLOOR - 1), TRACE_WAIT_FLOOR);
	ck_assert_int_eq(trace_ready(&t, TRACE_WAIT_FLOOR), 0);
	ck_assert_int_eq(trace_next_deadline(&t, TRACE_WAIT_FLOOR), -1);
	ck_assert_int_eq(trace_next_deadline(&t, 2 * SEC), -1);
	/* a probe of hop 2 still out keeps its own deadline, ahead */
	trace_free(&t);
	trace_init(&t, 1, 2, 2, 16, 5 * SEC, AF_INET);
	send_all(&t, 0);
	answer(&t, 0, REPLY_HOP, 1000);
	ck_assert_int_eq(trace_ready(&t, TRACE_WAIT_FLOOR), 0);
	ck_assert_int_eq(trace_next_deadline(&t, TRACE_WAIT_FLOOR), 5 * SEC);
	trace_free(&t);
}
END_TEST

Suite *
suite_hops(void)
{
	Suite *s = suite_create("hops");
	TCase *tc = tcase_create("hops");

	tcase_add_test(tc, test_window);
	tcase_add_test(tc, test_hop_sent);
	tcase_add_test(tc, test_first_ttl);
	tcase_add_test(tc, test_deadlines);
	tcase_add_test(tc, test_silent_hop_in_order);
	tcase_add_test(tc, test_silent_before_end_unquoted);
	tcase_add_test(tc, test_distance);
	tcase_add_test(tc, test_quoted_placement);
	tcase_add_test(tc, test_answers_refused);
	tcase_add_test(tc, test_stop_rules);
	tcase_add_test(tc, test_max_ttl_not_reached);
	tcase_add_test(tc, test_complete_hop_no_past_deadline);
	suite_add_tcase(s, tc);
	return s;
}
