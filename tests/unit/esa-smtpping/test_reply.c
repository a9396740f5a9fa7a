/* SPDX-License-Identifier: BSD-2-Clause */
/* test_reply.c - the SMTP reply parser: whole, partial, multi-line and hostile replies. */
#include <string.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-smtpping/smtpping.h"
#include "esa.h"

/* Parses the string S from an exact-size heap copy. */
static enum reply_status
parse(const char *s, struct reply *r)
{
	size_t n = strlen(s);
	char *p = exact_copy(s, n);
	enum reply_status st = reply_parse(p, n, r);

	free(p);
	return st;
}

START_TEST(test_single)
{
	struct reply r;
	const char *s = "220 mail.example.com ESMTP\r\n";

	ck_assert_int_eq(parse(s, &r), REPLY_DONE);
	ck_assert_int_eq(r.code, 220);
	ck_assert_uint_eq(r.len, strlen(s));
	ck_assert_uint_eq(r.lines, 1);
	ck_assert_uint_eq(r.text_off, 4);
	ck_assert_uint_eq(r.text_len, strlen("mail.example.com ESMTP"));
}
END_TEST

START_TEST(test_multi_and_following)
{
	struct reply r;
	const char *s = "250-mail.example.com\r\n250-STARTTLS\r\n250 SIZE 1000\r\n221 Bye\r\n";

	ck_assert_int_eq(parse(s, &r), REPLY_DONE);
	ck_assert_int_eq(r.code, 250);
	ck_assert_uint_eq(r.lines, 3);
	/* the next reply is not part of this one */
	ck_assert_uint_eq(r.len, strlen(s) - strlen("221 Bye\r\n"));
	ck_assert(reply_has_ext(s, &r, "starttls"));
	ck_assert(reply_has_ext(s, &r, "SIZE"));
	ck_assert(!reply_has_ext(s, &r, "mail.example.com"));	/* the greeting line */
	ck_assert(!reply_has_ext(s, &r, "START"));
}
END_TEST

START_TEST(test_lines)
{
	const char *s = "250-a\r\n250-\r\n250 last\n";
	struct reply r;
	const char *t;
	size_t off = 0, n;

	ck_assert_int_eq(parse(s, &r), REPLY_DONE);
	ck_assert(reply_line(s, &r, &off, &t, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(t[0], 'a');
	ck_assert(reply_line(s, &r, &off, &t, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert(reply_line(s, &r, &off, &t, &n));
	ck_assert_uint_eq(n, 4);
	ck_assert(!reply_line(s, &r, &off, &t, &n));
}
END_TEST

/* RFC 5321 4.2: "220" alone, and bare LF line ends, are taken. */
START_TEST(test_lenient)
{
	struct reply r;

	ck_assert_int_eq(parse("220\r\n", &r), REPLY_DONE);
	ck_assert_int_eq(r.code, 220);
	ck_assert_uint_eq(r.text_len, 0);
	ck_assert_int_eq(parse("554 no\n", &r), REPLY_DONE);
	ck_assert_int_eq(r.code, 554);
	ck_assert_uint_eq(r.text_len, 2);
}
END_TEST

START_TEST(test_more)
{
	struct reply r;

	ck_assert_int_eq(parse("", &r), REPLY_MORE);
	ck_assert_int_eq(parse("2", &r), REPLY_MORE);
	ck_assert_int_eq(parse("220 mail", &r), REPLY_MORE);
	ck_assert_int_eq(parse("220-a\r\n", &r), REPLY_MORE);
	ck_assert_int_eq(parse("220-a\r\n220-b\r\n220", &r), REPLY_MORE);
}
END_TEST

START_TEST(test_bad)
{
	static const char *const bad[] = {
		"hello\r\n", "22\r\n", "2x0 a\r\n", "9999 a\r\n", "220x\r\n", "120 a\r\n",
		"620 a\r\n", "\r\n", "\n", "220-a\r\n250 b\r\n", " 220 a\r\n",
	};
	struct reply r;

	for (size_t i = 0; i < ESA_NELEM(bad); i++) {
		ck_assert_msg(parse(bad[i], &r) == REPLY_BAD, "accepted: %s", bad[i]);
		ck_assert_ptr_nonnull(r.why);
	}
}
END_TEST

START_TEST(test_nul)
{
	static const char s[] = "220 a\0b\r\n";
	struct reply r;
	char *p = exact_copy(s, sizeof(s) - 1);

	ck_assert_int_eq(reply_parse(p, sizeof(s) - 1, &r), REPLY_BAD);
	ck_assert_str_eq(r.why, "NUL byte in the reply");
	/* also before the line has ended */
	ck_assert_int_eq(reply_parse(p, 6, &r), REPLY_BAD);
	free(p);
}
END_TEST

/* A line without an end is refused as soon as it is longer than the limit. */
START_TEST(test_long_line)
{
	size_t n = REPLY_MAX_LINE + 1;
	char *p = malloc(n);
	struct reply r;

	memset(p, 'a', n);
	memcpy(p, "220 ", 4);
	ck_assert_int_eq(reply_parse(p, n - 1, &r), REPLY_MORE);
	ck_assert_int_eq(reply_parse(p, n, &r), REPLY_BAD);
	ck_assert_str_eq(r.why, "reply line too long");
	free(p);
}
END_TEST

/* "220-" lines without end: refused once the reply passes REPLY_MAX_BYTES. */
START_TEST(test_endless)
{
	size_t n = REPLY_MAX_BYTES + 16, off = 0;
	char *p = malloc(n);
	struct reply r;

	while (off + 8 <= n) {
		memcpy(p + off, "220-ab\r\n", 8);
		off += 8;
	}
	ck_assert_int_eq(reply_parse(p, REPLY_MAX_BYTES - 8, &r), REPLY_MORE);
	ck_assert_int_eq(reply_parse(p, off, &r), REPLY_BAD);
	ck_assert_str_eq(r.why, "reply too long");
	free(p);
}
END_TEST

Suite *
suite_smtp_reply(void)
{
	Suite *s = suite_create("smtp_reply");
	TCase *tc = tcase_create("smtp_reply");

	tcase_add_test(tc, test_single);
	tcase_add_test(tc, test_multi_and_following);
	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_lenient);
	tcase_add_test(tc, test_more);
	tcase_add_test(tc, test_bad);
	tcase_add_test(tc, test_nul);
	tcase_add_test(tc, test_long_line);
	tcase_add_test(tc, test_endless);
	suite_add_tcase(s, tc);
	return s;
}
