/* SPDX-License-Identifier: BSD-2-Clause */
/* test_options.c - esa-smtpping's command line, and the syntax that keeps arguments
 * from carrying SMTP commands. */
#include <sys/socket.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-smtpping/smtpping.h"
#include "esa.h"

/* "esa-smtpping OPT VALUE mail.example.com" (VALUE may be NULL): the parser's result. */
static int
run(const char *opt, const char *value, struct opts *o, char *why)
{
	char *argv[] = { (char *)"esa-smtpping", (char *)opt, (char *)value,
		(char *)"mail.example.com", NULL };

	if (value == NULL) {
		argv[2] = argv[3];
		argv[3] = NULL;
		return smtp_opts_parse(3, argv, o, why, 256);
	}
	return smtp_opts_parse(4, argv, o, why, 256);
}

/*
 * A scan that stopped inside a cluster ("-4xq": x is no option) leaves nothing to the
 * next command line parsed in the same process: not the q it did not reach.
 */
START_TEST(test_fresh_scan)
{
	static char a0[] = "esa-smtpping", a1[] = "-4xq", a2[] = "mail.example.com";
	char *first[] = { a0, a1, a2, NULL };
	char *second[] = { a0, a2, NULL };
	struct opts o;
	char why[256];

	ck_assert_int_eq(smtp_opts_parse(3, first, &o, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "-x: unknown option");
	ck_assert_int_eq(smtp_opts_parse(2, second, &o, why, sizeof(why)), 0);
	ck_assert(!o.quiet);
}
END_TEST

START_TEST(test_defaults)
{
	char *argv[] = { (char *)"esa-smtpping", (char *)"mail.example.com", NULL };
	struct opts o;
	char why[256];

	ck_assert_int_eq(smtp_opts_parse(2, argv, &o, why, sizeof(why)), 0);
	ck_assert_uint_eq(o.port, 25);
	ck_assert_uint_eq(o.count, 1);
	ck_assert_uint_eq(o.interval_ms, 1000);
	ck_assert_uint_eq(o.timeout_ms, 30000);
	ck_assert_ptr_null(o.from);
	ck_assert_int_eq(run("-T", NULL, &o, why), 0);
	ck_assert_uint_eq(o.port, 465);
	ck_assert_int_eq(run("-i", "0", &o, why), 0);
	ck_assert_uint_eq(o.interval_ms, 0);
	ck_assert_int_eq(run("-w", "2.5", &o, why), 0);
	ck_assert_uint_eq(o.timeout_ms, 2500);
}
END_TEST

START_TEST(test_paths)
{
	static const char *const good_from[] = { "", "<>", "postmaster", "<PostMaster>",
		"a@example.com", "<a.b+c@example.com>", "x@[192.0.2.1]", "x@[IPv6:2001:db8::1]" };
	static const char *const bad[] = { "a@example.com\r\nRCPT TO:<x@example.net>",
		"a@example.com>", "<a@example.com", "a b@example.com", "a@", "@example.com",
		"a..b@example.com", ".a@example.com", "a.@example.com", "a@-example.com",
		"a@example..com", "a@exa_mple.com", "a@[192.0.2.300]", "a\n@example.com",
		"a@example.com\r" };
	struct opts o;
	char why[256];

	for (size_t i = 0; i < ESA_NELEM(good_from); i++)
		ck_assert_msg(run("-f", good_from[i], &o, why) == 0, "refused %s: %s",
		    good_from[i], why);
	ck_assert_int_eq(run("-f", "<>", &o, why), 0);
	ck_assert_str_eq(o.from, "");
	ck_assert_int_eq(run("-t", "<a@example.com>", &o, why), 0);
	ck_assert_str_eq(o.rcpt, "a@example.com");
	/* the null path is for MAIL FROM only */
	ck_assert_int_eq(run("-t", "<>", &o, why), -1);
	for (size_t i = 0; i < ESA_NELEM(bad); i++) {
		ck_assert_msg(run("-f", bad[i], &o, why) == -1, "-f took %s", bad[i]);
		ck_assert_msg(run("-t", bad[i], &o, why) == -1, "-t took %s", bad[i]);
		/* the message shows the value escaped: no CR or LF reaches the terminal */
		ck_assert_ptr_null(strpbrk(why, "\r\n"));
	}
}
END_TEST

START_TEST(test_helo)
{
	struct opts o;
	char why[256];

	ck_assert_int_eq(run("-H", "client.example.net", &o, why), 0);
	ck_assert_int_eq(run("-H", "[192.0.2.10]", &o, why), 0);
	ck_assert_int_eq(run("-H", "client\r\nMAIL FROM:<>", &o, why), -1);
	ck_assert_str_eq(why, "-H: not a domain or address literal: client\\015\\012MAIL FROM:<>");
	ck_assert_int_eq(run("-H", "", &o, why), -1);
	ck_assert_int_eq(run("-H", "a b", &o, why), -1);
	/* RFC 5321's sub-domain is one letter or digit at least; RFC 1035: 63 a label */
	ck_assert_int_eq(run("-H", "x", &o, why), 0);
	{
		char label[66];

		memset(label, 'l', 63);
		strcpy(label + 63, ".x");
		ck_assert_int_eq(run("-H", label, &o, why), 0);
		memset(label, 'l', 63);
		strcpy(label + 63, "x");
		ck_assert_int_eq(run("-H", label, &o, why), -1);
	}
}
END_TEST

START_TEST(test_numbers)
{
	static const char *const opts[] = { "-c", "-p", "-w" };
	static const char *const values[] = { "0", "-1", "65536", "1e309", "nan", "10abc", "" };
	struct opts o;
	char why[256];

	for (size_t i = 0; i < ESA_NELEM(opts); i++)
		for (size_t j = 0; j < ESA_NELEM(values); j++) {
			/* 65536 is a valid count and timeout; only -p refuses it */
			if (i != 1 && j == 2)
				continue;
			ck_assert_msg(run(opts[i], values[j], &o, why) == -1, "%s %s taken",
			    opts[i], values[j]);
		}
	ck_assert_int_eq(run("-p", "587", &o, why), 0);
	ck_assert_uint_eq(o.port, 587);
}
END_TEST

START_TEST(test_combinations)
{
	char *a1[] = { (char *)"e", (char *)"-S", (char *)"-T", (char *)"h.example", NULL };
	char *a2[] = { (char *)"e", (char *)"-l", (char *)"h.example", NULL };
	char *a3[] = { (char *)"e", (char *)"-d", (char *)"-D", (char *)"f", (char *)"h.example",
		NULL };
	char *a4[] = { (char *)"e", (char *)"-I", (char *)"lo", (char *)"-s", (char *)"192.0.2.1",
		(char *)"h.example", NULL };
	char *a5[] = { (char *)"e", NULL };
	char *a6[] = { (char *)"e", (char *)"a.example", (char *)"b\n", NULL };
	char *a7[] = { (char *)"e", (char *)"bad host\r\n", NULL };
	char *a8[] = { (char *)"e", (char *)"2001:db8::25", NULL };
	struct opts o;
	char why[256];

	ck_assert_int_eq(smtp_opts_parse(4, a1, &o, why, sizeof(why)), -1);
	ck_assert_int_eq(smtp_opts_parse(3, a2, &o, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "-l needs -M");
	ck_assert_int_eq(smtp_opts_parse(5, a3, &o, why, sizeof(why)), -1);
	ck_assert_int_eq(smtp_opts_parse(6, a4, &o, why, sizeof(why)), -1);
	ck_assert_int_eq(smtp_opts_parse(1, a5, &o, why, sizeof(why)), -1);
	ck_assert_int_eq(smtp_opts_parse(3, a6, &o, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "too many operands: b\\012");
	ck_assert_int_eq(smtp_opts_parse(2, a7, &o, why, sizeof(why)), -1);
	ck_assert_int_eq(smtp_opts_parse(2, a8, &o, why, sizeof(why)), 0);
}
END_TEST

Suite *
suite_smtp_options(void)
{
	Suite *s = suite_create("smtp_options");
	TCase *tc = tcase_create("smtp_options");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_fresh_scan);
	tcase_add_test(tc, test_paths);
	tcase_add_test(tc, test_helo);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_combinations);
	suite_add_tcase(s, tc);
	return s;
}
