/* SPDX-License-Identifier: BSD-2-Clause */
/* test_options.c - esa-ping's command line: bounds, units and junk for every number. */
#include <limits.h>
#include <sys/socket.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-ping/ping.h"
#include "esa.h"

/* Parses "esa-ping OPT VALUE 192.0.2.1" (or ARGV0 when set); the result of ping_opts_parse. */
static int
run(const char *argv0, const char *opt, const char *value, struct opts *o, char *why)
{
	char *argv[] = { (char *)(argv0 ? argv0 : "esa-ping"), (char *)opt, (char *)value,
		(char *)"192.0.2.1", NULL };
	int argc = 4;

	if (value == NULL) {
		argv[2] = argv[3];
		argv[3] = NULL;
		argc = 3;
	}
	return ping_opts_parse(argc, argv, o, why, 256);
}

/*
 * A scan that stopped inside a cluster ("-4xq": x is no option) leaves nothing to the
 * next command line parsed in the same process: not the q it did not reach.
 */
START_TEST(test_fresh_scan)
{
	static char a0[] = "esa-ping", a1[] = "-4xq", a2[] = "192.0.2.1";
	char *first[] = { a0, a1, a2, NULL };
	char *second[] = { a0, a2, NULL };
	struct opts o;
	char why[256];

	ck_assert_int_eq(ping_opts_parse(3, first, &o, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "-x: unknown option");
	ck_assert_int_eq(ping_opts_parse(2, second, &o, why, sizeof(why)), 0);
	ck_assert(!o.quiet);
}
END_TEST

/* The table of the reliability notes: 0, -1, INT_MAX, INT_MAX+1, 1e309, nan, 10abc, "". */
START_TEST(test_numbers)
{
	static const char *const values[] = { "0", "-1", "2147483647", "2147483648", "1e309",
		"nan", "10abc", "", "0x10", " 5" };
	/* per option: which of the values above are accepted */
	static const struct {
		const char *opt;
		const char *ok;		/* one char per value: y or n */
	} t[] = {
		{ "-c", "nnynnnnnnn" },
		{ "-i", "nnnnnnnnnn" },
		{ "-s", "ynnnnnnnnn" },
		{ "-t", "nnnnnnnnnn" },
		{ "-W", "nnynnnnnnn" },
		{ "-m", "nnnnnnnnnn" },
	};
	struct opts o;
	char why[256];

	for (size_t i = 0; i < ESA_NELEM(t); i++)
		for (size_t v = 0; v < ESA_NELEM(values); v++) {
			int r = run(NULL, t[i].opt, values[v], &o, why);

			ck_assert_msg((r == 0) == (t[i].ok[v] == 'y'), "%s '%s': %d %s",
			    t[i].opt, values[v], r, r ? why : "");
			if (r != 0)
				ck_assert_msg(strncmp(why, t[i].opt, 2) == 0, "%s", why);
		}
}
END_TEST

START_TEST(test_units)
{
	struct opts o;
	char why[256];

	ck_assert_int_eq(run(NULL, "-i", "0.2", &o, why), 0);
	ck_assert_uint_eq(o.interval_ms, 200);
	ck_assert_int_eq(run(NULL, "-i", "1.5", &o, why), 0);
	ck_assert_uint_eq(o.interval_ms, 1500);
	ck_assert_int_eq(run(NULL, "-i", "0.0001", &o, why), -1);
	ck_assert_int_eq(run(NULL, "-W", "250", &o, why), 0);
	ck_assert_uint_eq(o.waittime_ms, 250);
	ck_assert(o.waittime_set);
	ck_assert_int_eq(run(NULL, "-t", "3600", &o, why), 0);
	ck_assert_int_eq(run(NULL, "-t", "3601", &o, why), -1);
	ck_assert_int_eq(run(NULL, "-m", "255", &o, why), 0);
	ck_assert_int_eq(o.ttl, 255);
	ck_assert_int_eq(run(NULL, "-m", "256", &o, why), -1);
	ck_assert_int_eq(run(NULL, "-s", "65527", &o, why), 0);
	ck_assert_int_eq(run(NULL, "-s", "65528", &o, why), -1);
	ck_assert_int_eq(run(NULL, "-4", NULL, &o, why), 0);
	ck_assert_int_eq(o.family, AF_INET);
	ck_assert_int_eq(run(NULL, "-s", "65508", &o, why), 0);	/* family still open */
	/* defaults: FreeBSD's */
	ck_assert_int_eq(run(NULL, "-n", NULL, &o, why), 0);
	ck_assert_uint_eq(o.interval_ms, 1000);
	ck_assert_uint_eq(o.waittime_ms, 10000);
	ck_assert_int_eq(o.datalen, -1);
	ck_assert_uint_eq(o.count, 0);
}
END_TEST

START_TEST(test_operands)
{
	char *none[] = { (char *)"esa-ping", NULL };
	char *two[] = { (char *)"esa-ping", (char *)"a", (char *)"b", NULL };
	char *empty[] = { (char *)"esa-ping", (char *)"", NULL };
	char *big4[] = { (char *)"esa-ping", (char *)"-4", (char *)"-s", (char *)"65508",
		(char *)"h", NULL };
	char *both[] = { (char *)"esa-ping", (char *)"-4", (char *)"-6", (char *)"h", NULL };
	struct opts o;
	char why[256];

	ck_assert_int_eq(ping_opts_parse(1, none, &o, why, sizeof(why)), -1);
	ck_assert_int_eq(ping_opts_parse(3, two, &o, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "too many operands: b");
	ck_assert_int_eq(ping_opts_parse(2, empty, &o, why, sizeof(why)), -1);
	ck_assert_int_eq(ping_opts_parse(5, big4, &o, why, sizeof(why)), -1);
	ck_assert_int_eq(ping_opts_parse(4, both, &o, why, sizeof(why)), -1);
	/* esa-ping6 is IPv6 only */
	ck_assert_int_eq(run("/usr/bin/esa-ping6", "-n", NULL, &o, why), 0);
	ck_assert_int_eq(o.family, AF_INET6);
	ck_assert_int_eq(run("esa-ping6", "-4", NULL, &o, why), -1);
	ck_assert_str_eq(why, "-4: esa-ping6 is IPv6 only (use esa-ping -4)");
	ck_assert_int_eq(run(NULL, "-4", NULL, &o, why), 0);
	ck_assert_int_eq(ping_opts_parse(4, both, &o, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "-4 and -6 cannot be combined");
	/* unknown options and missing values, named */
	ck_assert_int_eq(run(NULL, "-x", NULL, &o, why), -1);
	ck_assert_str_eq(why, "-x: unknown option");
	ck_assert_int_eq(run(NULL, "--count=", NULL, &o, why), -1);
}
END_TEST

/* The user's bytes in a message are escaped: the message stays one line. */
START_TEST(test_hostile_values)
{
	char *two[] = { (char *)"esa-ping", (char *)"a", (char *)"\033[2J\nb", NULL };
	struct opts o;
	char why[256];

	ck_assert_int_eq(run(NULL, "-c", "1\n\033[31m", &o, why), -1);
	ck_assert_str_eq(why, "-c: not a number: 1\\012\\033[31m");
	ck_assert_int_eq(run(NULL, "-i", "\xe2\x80\xae" "1", &o, why), -1);
	ck_assert_str_eq(why, "-i: not a number: \\342\\200\\256" "1");
	ck_assert_int_eq(ping_opts_parse(3, two, &o, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "too many operands: \\033[2J\\012b");
}
END_TEST

Suite *
suite_ping_options(void)
{
	Suite *s = suite_create("ping_options");
	TCase *tc = tcase_create("ping_options");

	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_fresh_scan);
	tcase_add_test(tc, test_units);
	tcase_add_test(tc, test_operands);
	tcase_add_test(tc, test_hostile_values);
	suite_add_tcase(s, tc);
	return s;
}
