/* SPDX-License-Identifier: BSD-2-Clause */
/* test_print.c - esa-smtpping's printers from events built here: escaping, cutting,
 * the step line, the verdict, the statistics. */
#include <string.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-smtpping/smtpping.h"
#include "text.h"

START_TEST(test_safe)
{
	char buf[TEXT_SAFE_SIZE(PRINT_MAX) + 16], in[PRINT_MAX + 10];

	ck_assert_str_eq(print_safe(buf, sizeof(buf), "a\033[2Jb", 6, PRINT_MAX),
	    "a\\033[2Jb");
	ck_assert_str_eq(print_safe(buf, sizeof(buf), "abcdef", 6, 3), "abc [...]");
	/* bidirectional controls (U+202E, U+2066, U+200F) are escaped too; other UTF-8 is not */
	ck_assert_str_eq(print_safe(buf, sizeof(buf), "a\u202eb\u2066c\u200fd\u00e9", 15,
	    PRINT_MAX), "a\\342\\200\\256b\\342\\201\\246c\\342\\200\\217d\u00e9");
	memset(in, 'x', sizeof(in));
	print_safe(buf, sizeof(buf), in, sizeof(in), PRINT_MAX);
	ck_assert_uint_eq(strlen(buf), PRINT_MAX + 6);
}
END_TEST

/* A step event whose reply is the string S (parsed here). */
static void
event(struct step_event *e, struct reply *r, const char *s, enum step st)
{
	memset(e, 0, sizeof(*e));
	ck_assert_int_eq(reply_parse(s, strlen(s), r), REPLY_DONE);
	e->seq = 1;
	e->step = st;
	e->time_ms = 1.2345;
	e->code = r->code;
	e->buf = s;
	e->r = r;
}

START_TEST(test_step_text)
{
	struct opts o = { .count = 1 };
	struct memout m;
	struct printer p = { .o = &o, .target = "mail.example.com", .port = 25 };
	struct step_event e;
	struct reply r;

	memout_open(&m);
	p.out = m.f;
	event(&e, &r, "554-5.7.1 no\033]0;x\a\r\n554 5.7.1 more\r\n", STEP_RCPT);
	e.sent = "RCPT TO:<nobody@example.com>";
	print_step(&p, &e);
	o.verbose = true;
	print_step(&p, &e);
	ck_assert_str_eq(memout_close(&m),
	    "RCPT TO    time=1.234 ms  554 5.7.1 no\\033]0;x\\007\n"
	    "-> RCPT TO:<nobody@example.com>\n"
	    "<- 554-5.7.1 no\\033]0;x\\007\n"
	    "<- 554 5.7.1 more\n"
	    "RCPT TO    time=1.234 ms  554 5.7.1 no\\033]0;x\\007\n");
	free(m.buf);
}
END_TEST

/* A connection that failed: the address, the port, and the error after one ": ". */
START_TEST(test_step_connect_error)
{
	struct opts o = { .count = 1 };
	struct memout m;
	struct printer p = { .o = &o, .target = "mail.example.com", .port = 25 };
	struct step_event e = { .seq = 1, .step = STEP_CONNECT, .time_ms = 1.2345,
		.address = "192.0.2.26", .error = "Connection refused" };

	memout_open(&m);
	p.out = m.f;
	print_step(&p, &e);
	ck_assert_str_eq(memout_close(&m),
	    "connect    time=1.234 ms  192.0.2.26 port 25: Connection refused\n");
	free(m.buf);
}
END_TEST

START_TEST(test_step_json)
{
	struct opts o = { .count = 1, .json = true };
	struct memout m;
	struct printer p = { .o = &o, .target = "mail.example.com", .port = 25 };
	struct step_event e;
	struct reply r;

	memout_open(&m);
	p.out = m.f;
	event(&e, &r, "250-a\"b\\\r\n250 \001\r\n", STEP_EHLO);
	e.sent = "EHLO client.example.net";
	print_step(&p, &e);
	ck_assert_str_eq(memout_close(&m),
	    "{\"type\":\"step\",\"seq\":1,\"step\":\"ehlo\","
	    "\"request\":\"EHLO client.example.net\",\"duration_ms\":1.234,\"code\":250,\"text\":\"a\\\"b\\\\\","
	    "\"lines\":[\"a\\\"b\\\\\",\"\\u0001\"]}\n");
	free(m.buf);
}
END_TEST

/* A reply of a code alone (RFC 5321: Reply-code [ SP textstring ] CRLF): no text, no lines. */
START_TEST(test_step_json_code_only)
{
	struct opts o = { .count = 1, .json = true };
	struct memout m;
	struct printer p = { .o = &o, .target = "mail.example.com", .port = 25 };
	struct step_event e;
	struct reply r;

	memout_open(&m);
	p.out = m.f;
	event(&e, &r, "250\r\n", STEP_RSET);
	print_step(&p, &e);
	ck_assert_str_eq(memout_close(&m),
	    "{\"type\":\"step\",\"seq\":1,\"step\":\"rset\",\"duration_ms\":1.234,\"code\":250}\n");
	free(m.buf);
}
END_TEST

START_TEST(test_verdict_and_stats)
{
	struct opts o = { .count = 1 };
	struct memout m;
	struct printer p = { .o = &o, .target = "mail.example.com", .port = 25 };
	struct txn t = { .seq = 1, .result = RESULT_REFUSED, .failed = STEP_RCPT, .code = 554,
		.text = "5.7.1 denied", .connect_ms = 1, .banner_ms = 2, .time_ms = 10,
		.has_banner = true };
	struct txn f = { .seq = 2, .result = RESULT_FAILED, .failed = STEP_BANNER,
		.text = "timed out", .connect_ms = 3, .time_ms = 30 };
	struct stats st = { 0 };

	memout_open(&m);
	p.out = m.f;
	print_verdict(&p, &t);
	print_verdict(&p, &f);
	stats_add(&st, &t);
	stats_add(&st, &f);
	o.count = 2;
	print_stats(&p, &st);
	ck_assert_str_eq(memout_close(&m),
	    "REFUSED at RCPT TO: 554 5.7.1 denied\n"
	    "FAILED at banner: timed out\n"
	    "\n--- mail.example.com smtpping statistics ---\n"
	    "2 transactions, 0 accepted, 1 refused, 1 failed\n"
	    "connect min/avg/max/stddev = 1.000/2.000/3.000/1.000 ms\n"
	    "banner min/avg/max/stddev = 2.000/2.000/2.000/0.000 ms\n"
	    "transaction min/avg/max/stddev = 10.000/10.000/10.000/0.000 ms\n");
	free(m.buf);
}
END_TEST

/*
 * JSON: a refusal carries the server's code and text, a failure our words in "error";
 * the summary's own times are the transactions', connect's and banner's in objects.
 */
START_TEST(test_txn_and_stats_json)
{
	struct opts o = { .count = 2, .json = true };
	struct memout m;
	struct printer p = { .o = &o, .target = "mail.example.com", .port = 25 };
	struct txn t = { .seq = 1, .result = RESULT_REFUSED, .failed = STEP_RCPT, .code = 554,
		.text = "5.7.1 denied", .connect_ms = 1, .banner_ms = 2, .time_ms = 10,
		.has_banner = true };
	struct txn f = { .seq = 2, .result = RESULT_FAILED, .failed = STEP_BANNER,
		.text = "timed out", .connect_ms = 3, .time_ms = 30 };
	struct stats st = { 0 };

	memout_open(&m);
	p.out = m.f;
	print_txn(&p, &t);
	print_txn(&p, &f);
	stats_add(&st, &t);
	stats_add(&st, &f);
	print_stats(&p, &st);
	ck_assert_str_eq(memout_close(&m),
	    "{\"type\":\"transaction\",\"seq\":1,\"host\":\"mail.example.com\",\"port\":25,"
	    "\"result\":\"refused\",\"failed_step\":\"rcpt_to\",\"code\":554,"
	    "\"text\":\"5.7.1 denied\",\"connect_ms\":1.000,\"banner_ms\":2.000,"
	    "\"duration_ms\":10.000}\n"
	    "{\"type\":\"transaction\",\"seq\":2,\"host\":\"mail.example.com\",\"port\":25,"
	    "\"result\":\"failed\",\"failed_step\":\"banner\",\"error\":\"timed out\","
	    "\"connect_ms\":3.000,\"duration_ms\":30.000}\n"
	    "{\"type\":\"summary\",\"host\":\"mail.example.com\",\"port\":25,"
	    "\"transactions\":2,\"accepted\":0,\"refused\":1,\"failed\":1,"
	    "\"min_ms\":10.000,\"avg_ms\":10.000,\"max_ms\":10.000,\"stddev_ms\":0.000,"
	    "\"connect\":{\"min_ms\":1.000,\"avg_ms\":2.000,\"max_ms\":3.000,"
	    "\"stddev_ms\":1.000},\"banner\":{\"min_ms\":2.000,\"avg_ms\":2.000,"
	    "\"max_ms\":2.000,\"stddev_ms\":0.000}}\n");
	free(m.buf);
}
END_TEST

/* -M -l -j is a listing: one document; -M -j before transactions: "mx" records. */
START_TEST(test_mx_json)
{
	struct opts o = { .count = 1, .json = true, .mx = true, .mx_list = true };
	struct memout m;
	struct printer p = { .o = &o, .target = "example.com", .port = 25 };
	struct mx_list l = { .mx = { { 10, "mx1.example.com" }, { 20, "mail.example.com" } },
		.n = 2 };
	struct mx_list none = { .n = 0 };

	memout_open(&m);
	p.out = m.f;
	print_mx(&p, "example.com", &l);
	print_mx(&p, "example.net", &none);
	o.mx_list = false;
	print_mx(&p, "example.com", &l);
	ck_assert_str_eq(memout_close(&m),
	    "[{\"domain\":\"example.com\",\"preference\":10,\"host\":\"mx1.example.com\"},"
	    "{\"domain\":\"example.com\",\"preference\":20,\"host\":\"mail.example.com\"}]\n"
	    "[]\n"
	    "{\"type\":\"mx\",\"domain\":\"example.com\",\"preference\":10,"
	    "\"host\":\"mx1.example.com\"}\n"
	    "{\"type\":\"mx\",\"domain\":\"example.com\",\"preference\":20,"
	    "\"host\":\"mail.example.com\"}\n");
	free(m.buf);
}
END_TEST

Suite *
suite_smtp_print(void)
{
	Suite *s = suite_create("smtp_print");
	TCase *tc = tcase_create("smtp_print");

	tcase_add_test(tc, test_safe);
	tcase_add_test(tc, test_step_text);
	tcase_add_test(tc, test_step_connect_error);
	tcase_add_test(tc, test_step_json);
	tcase_add_test(tc, test_step_json_code_only);
	tcase_add_test(tc, test_verdict_and_stats);
	tcase_add_test(tc, test_txn_and_stats_json);
	tcase_add_test(tc, test_mx_json);
	suite_add_tcase(s, tc);
	return s;
}
