/* SPDX-License-Identifier: BSD-2-Clause */
/* test_reprobe.c - probing again: which probes, at which TTL, when, and what the
 * answers prove, on a trace built by hand (times in microseconds). */
#include <sys/socket.h>

#include "../../../bin/esa-traceroute/trace.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

#define SEC 1000000
#define MS 1000

static void
answer(struct trace *t, unsigned p, enum reply_kind kind, int64_t rtt)
{
	struct reply r = { .probe = p, .family = AF_INET, .kind = kind, .qttl = -1 };

	r.from[0] = (uint8_t)(p / t->nq + 1);
	ck_assert_int_eq(trace_answer(t, &r, rtt), 0);
}

/*
 * The reproduction's second run, unquoted: router 1 answers, the destination 2 hops
 * away has an empty bucket, so hops 2 to 16 (probes 3 to 47) got nothing. Hop 1 is
 * printed; hop 2 is to be printed next.
 */
static void
second_run(struct trace *t)
{
	int p;

	trace_init(t, 1, 64, 3, 16, 5 * SEC, AF_INET);
	while ((p = trace_next_probe(t)) >= 0)
		trace_sent(t, (unsigned)p, 0);
	for (unsigned i = 0; i < 3; i++)
		answer(t, i, REPLY_HOP, 100);
	ck_assert_int_eq(trace_ready(t, 100), 0);
	trace_printed(t);
	while ((p = trace_next_probe(t)) >= 0)
		trace_sent(t, (unsigned)p, 100);
	ck_assert_uint_eq(t->next_send, 51);
}

START_TEST(test_pair_schedule)
{
	struct trace t;
	struct reprobe rp;

	second_run(&t);
	/* nothing before REPROBE_MIN after the probes left (10 x 100 us is less) */
	ck_assert_int_eq(reprobe_next(&t, 1 * MS, &rp), REPROBE_MIN);
	ck_assert_uint_eq(rp.n, 0);
	/* then hop 2's first probe at TTL 2, and right after it the last probe sent
	 * (hop 17's, at TTL 17): a pair */
	ck_assert_int_eq(reprobe_next(&t, REPROBE_MIN, &rp), REPROBE_MIN);
	ck_assert_uint_eq(rp.n, 2);
	ck_assert_uint_eq(rp.probe[0], 3);
	ck_assert_uint_eq(rp.ttl[0], 2);
	ck_assert_uint_eq(rp.probe[1], 50);
	ck_assert_uint_eq(rp.ttl[1], 17);
	reprobe_sent(&t, &rp, REPROBE_MIN);
	ck_assert_int_eq(t.pair_at, REPROBE_MIN);
	ck_assert_uint_eq(t.probes[3].tries, 1);
	ck_assert_int_eq(t.probes[3].first, 0);	/* the deadline still counts from 0 */
	/* paced: 10 ms, then 20, 40, 80, and never more than 100 ms apart */
	ck_assert_int_eq(reprobe_next(&t, REPROBE_MIN + 1, &rp), REPROBE_MIN + 10 * MS);
	ck_assert_uint_eq(rp.n, 0);
	{
		int64_t now = REPROBE_MIN, gap = 10 * MS;

		for (int i = 0; i < 8; i++) {
			now += gap;
			ck_assert_int_eq(reprobe_next(&t, now, &rp), now);
			ck_assert_uint_eq(rp.n, 2);
			reprobe_sent(&t, &rp, now);
			gap = gap * 2 > REPROBE_MAX ? REPROBE_MAX : gap * 2;
			ck_assert_int_eq(reprobe_next(&t, now, &rp), now + gap);
		}
		/* every 100 ms to the end of the round (1.5 s after the first)... */
		for (now += REPROBE_MAX; now <= REPROBE_MIN + REPROBE_ROUND; now += REPROBE_MAX) {
			ck_assert_int_eq(reprobe_next(&t, now, &rp), now);
			reprobe_sent(&t, &rp, now);
		}
		now -= REPROBE_MAX;
		/* ...then a pause, and a new round of quick tries */
		ck_assert_int_eq(reprobe_next(&t, now + 1, &rp), now + REPROBE_REST);
		now += REPROBE_REST;
		ck_assert_int_eq(reprobe_next(&t, now, &rp), now);
		reprobe_sent(&t, &rp, now);
		ck_assert_int_eq(t.rp_round, now);
		ck_assert_int_eq(reprobe_next(&t, now, &rp), now + 2 * REPROBE_MIN);
	}
	/* -w after hop 2's probes first left: no more; "* * *" is printed then */
	ck_assert_int_eq(reprobe_next(&t, 5 * SEC, &rp), -1);
	ck_assert_int_eq(trace_ready(&t, 5 * SEC - 1), -1);
	ck_assert_int_eq(trace_ready(&t, 5 * SEC), 1);
	trace_free(&t);
}
END_TEST

/*
 * A hop is tried again up to -w after its probes first left (0 here: 5 s), not before
 * all of them have: the last microsecond still sends, a hop half sent does not.
 */
START_TEST(test_window_of_a_hop)
{
	struct trace t;
	struct reprobe rp;

	second_run(&t);
	ck_assert_int_eq(reprobe_next(&t, 5 * SEC - 1, &rp), 5 * SEC - 1);
	ck_assert_uint_eq(rp.n, 2);
	ck_assert_uint_eq(rp.probe[0], 3);
	trace_free(&t);
	trace_init(&t, 1, 64, 3, 16, 5 * SEC, AF_INET);
	trace_sent(&t, (unsigned)trace_next_probe(&t), 0);
	trace_sent(&t, (unsigned)trace_next_probe(&t), 0);
	ck_assert_int_eq(reprobe_next(&t, REPROBE_MIN, &rp), -1);
	ck_assert_uint_eq(rp.n, 0);
	trace_free(&t);
}
END_TEST

START_TEST(test_pair_proves_a_router)
{
	struct trace t;
	struct reprobe rp;

	/* the partner answers from the end, hop 2's probe sent just before it gets
	 * nothing: hop 2 is a router (silent, or its bucket empty) */
	second_run(&t);
	reprobe_next(&t, REPROBE_MIN, &rp);
	reprobe_sent(&t, &rp, REPROBE_MIN);
	ck_assert(!trace_hop_proven(&t, 1));
	answer(&t, 50, REPLY_REACHED, 200);
	ck_assert(t.proven);
	ck_assert(trace_hop_proven(&t, 1));
	ck_assert_int_eq(reprobe_next(&t, REPROBE_MIN + 1, &rp), -1);
	/* printed once the later answer's wait is over (10 x 200 us, at least 5 ms) */
	ck_assert_int_eq(trace_ready(&t, 5 * MS - 1), -1);
	ck_assert_int_eq(trace_ready(&t, 5 * MS), 1);
	trace_printed(&t);
	ck_assert(!t.proven);
	ck_assert_int_eq(t.pair_at, 0);
	trace_free(&t);
	/* an answer from the end to the partner of an older pair, or to a probe not
	 * sent again, proves nothing */
	second_run(&t);
	answer(&t, 47, REPLY_REACHED, 200);
	ck_assert(!t.proven);
	reprobe_next(&t, REPROBE_MIN, &rp);
	reprobe_sent(&t, &rp, REPROBE_MIN);
	answer(&t, 40, REPLY_REACHED, 200);
	ck_assert(!t.proven);
	/* once the end answered, the partner is a probe of its lowest hop */
	ck_assert_int_eq(reprobe_next(&t, REPROBE_MIN + 10 * MS, &rp), REPROBE_MIN + 10 * MS);
	ck_assert_uint_eq(rp.probe[1], 40);
	ck_assert_uint_eq(rp.ttl[1], 14);
	trace_free(&t);
}
END_TEST

START_TEST(test_end_found_and_filled)
{
	struct trace t;
	struct reprobe rp;
	int64_t now;

	/* hop 2's probe sent again gets the destination's answer: the end is hop 2,
	 * whatever answered later; its two other probes are sent again, one at a time */
	second_run(&t);
	answer(&t, 47, REPLY_REACHED, 200);
	ck_assert_uint_eq(t.last_hop, 15);
	now = SEC;
	ck_assert_int_eq(reprobe_next(&t, now, &rp), now);
	reprobe_sent(&t, &rp, now);
	answer(&t, 3, REPLY_REACHED, 200);
	ck_assert_uint_eq(t.last_hop, 1);
	ck_assert_int_eq(t.rp_ans, now + 200);
	ck_assert_uint_eq(t.rp_n, 0);
	/* not printed: the end's missing answers are asked for until -w after its
	 * first answer */
	ck_assert_int_eq(trace_ready(&t, now + 10 * MS), -1);
	ck_assert_int_eq(reprobe_next(&t, now + 200, &rp), now + REPROBE_MIN);
	ck_assert_int_eq(reprobe_next(&t, now + REPROBE_MIN, &rp), now + REPROBE_MIN);
	ck_assert_uint_eq(rp.n, 1);
	ck_assert_uint_eq(rp.probe[0], 4);
	ck_assert_uint_eq(rp.ttl[0], 2);
	reprobe_sent(&t, &rp, now + REPROBE_MIN);
	/* the bucket let the next one by a second later */
	now += SEC;
	ck_assert_int_eq(reprobe_next(&t, now, &rp), now);
	reprobe_sent(&t, &rp, now);
	answer(&t, 4, REPLY_REACHED, 200);
	ck_assert_int_eq(t.rp_gap, SEC);
	/* paced to that refill: the last probe not before 3/4 of it */
	ck_assert_int_eq(reprobe_next(&t, now + 300, &rp), now + 200 + SEC * 3 / 4);
	ck_assert_uint_eq(rp.n, 0);
	now += 200 + SEC * 3 / 4;
	ck_assert_int_eq(reprobe_next(&t, now, &rp), now);
	ck_assert_uint_eq(rp.probe[0], 5);
	reprobe_sent(&t, &rp, now);
	answer(&t, 5, REPLY_REACHED, 200);
	ck_assert_int_eq(reprobe_next(&t, now, &rp), -1);
	ck_assert_int_eq(trace_ready(&t, now + 200), 1);
	trace_printed(&t);
	ck_assert(t.done && t.reached);
	trace_free(&t);
}
END_TEST

START_TEST(test_fill_ends_at_wait)
{
	struct trace t;
	struct reprobe rp;

	/* the end answered once at 1 s: its other probes are asked for until 6 s */
	second_run(&t);
	reprobe_next(&t, SEC, &rp);
	reprobe_sent(&t, &rp, SEC);
	answer(&t, 3, REPLY_REACHED, 0);
	ck_assert_int_eq(reprobe_next(&t, 6 * SEC - 1, &rp), 6 * SEC - 1);
	ck_assert_int_eq(reprobe_next(&t, 6 * SEC, &rp), -1);
	ck_assert_int_eq(trace_ready(&t, 6 * SEC - 1), -1);
	ck_assert_int_eq(trace_ready(&t, 6 * SEC), 1);
	trace_free(&t);
}
END_TEST

START_TEST(test_nothing_to_send_again)
{
	struct trace t;
	struct reprobe rp;
	int p;

	/* a clean path: every probe answered, nothing is sent again */
	trace_init(&t, 1, 64, 2, 16, 5 * SEC, AF_INET);
	while ((p = trace_next_probe(&t)) >= 0)
		trace_sent(&t, (unsigned)p, 0);
	answer(&t, 0, REPLY_HOP, 100);
	answer(&t, 1, REPLY_HOP, 100);
	answer(&t, 2, REPLY_REACHED, 100);
	answer(&t, 3, REPLY_REACHED, 100);
	ck_assert_int_eq(reprobe_next(&t, SEC, &rp), -1);
	ck_assert_uint_eq(rp.n, 0);
	trace_printed(&t);
	ck_assert_int_eq(reprobe_next(&t, SEC, &rp), -1);
	trace_free(&t);
	/* a router that answered one probe of two: not the end, not filled */
	trace_init(&t, 1, 64, 2, 16, 5 * SEC, AF_INET);
	while ((p = trace_next_probe(&t)) >= 0)
		trace_sent(&t, (unsigned)p, 0);
	answer(&t, 0, REPLY_HOP, 100);
	ck_assert_int_eq(reprobe_next(&t, SEC, &rp), -1);
	/* the last hop sent has no partner: hop 64 is probed alone */
	trace_free(&t);
	trace_init(&t, 64, 64, 1, 16, 5 * SEC, AF_INET);
	trace_sent(&t, 0, 0);
	ck_assert_int_eq(reprobe_next(&t, SEC, &rp), SEC);
	ck_assert_uint_eq(rp.n, 1);
	ck_assert_uint_eq(rp.ttl[0], 64);
	trace_free(&t);
}
END_TEST

Suite *
suite_reprobe(void)
{
	Suite *s = suite_create("reprobe");
	TCase *tc = tcase_create("reprobe");

	tcase_add_test(tc, test_pair_schedule);
	tcase_add_test(tc, test_window_of_a_hop);
	tcase_add_test(tc, test_pair_proves_a_router);
	tcase_add_test(tc, test_end_found_and_filled);
	tcase_add_test(tc, test_fill_ends_at_wait);
	tcase_add_test(tc, test_nothing_to_send_again);
	suite_add_tcase(s, tc);
	return s;
}
