/* SPDX-License-Identifier: BSD-2-Clause */
/* test_message.c - the message after DATA: dot-stuffing, line ends, the final dot. */
#include <string.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-smtpping/smtpping.h"

static void
stuffed(const char *in, const char *want)
{
	size_t n;
	char *out = message_stuff(in, strlen(in), &n);

	ck_assert_uint_eq(n, strlen(want));
	ck_assert_msg(memcmp(out, want, n) == 0, "for \"%s\"", in);
	free(out);
}

/* RFC 5321 4.5.2: a line starting with '.' gets one more. */
START_TEST(test_stuff)
{
	stuffed("", ".\r\n");
	stuffed("a", "a\r\n.\r\n");
	stuffed("a\n", "a\r\n.\r\n");
	stuffed(".\n", "..\r\n.\r\n");
	stuffed("a\n.\nb\n", "a\r\n..\r\nb\r\n.\r\n");
	stuffed("a\r\n.b\r\n", "a\r\n..b\r\n.\r\n");
	stuffed("..x", "...x\r\n.\r\n");
	/* a bare CR is a line end, so that no dot hides behind it */
	stuffed("a\r.\r\n", "a\r\n..\r\n.\r\n");
	stuffed("a.b\n", "a.b\r\n.\r\n");
}
END_TEST

START_TEST(test_build)
{
	char buf[2048];
	size_t n = message_build(buf, sizeof(buf), "", "postmaster@example.com",
	    "client.example.net", 3, 0);

	ck_assert_uint_eq(n, strlen(buf));
	ck_assert_ptr_nonnull(strstr(buf, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "Message-ID: <esa-smtpping.0.3@client.example.net>\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "From: <postmaster>\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "To: <postmaster@example.com>\r\n"));
	ck_assert_ptr_nonnull(strstr(buf, "Subject: esa-smtpping test message from "
	    "client.example.net\r\n\r\n"));
	/* ends with the final dot, and has no other line that is a dot */
	ck_assert_str_eq(buf + n - 5, "\r\n.\r\n");
	ck_assert_ptr_eq(strstr(buf, "\n."), buf + n - 4);
}
END_TEST

Suite *
suite_smtp_message(void)
{
	Suite *s = suite_create("smtp_message");
	TCase *tc = tcase_create("smtp_message");

	tcase_add_test(tc, test_stuff);
	tcase_add_test(tc, test_build);
	suite_add_tcase(s, tc);
	return s;
}
