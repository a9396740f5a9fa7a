/* SPDX-License-Identifier: BSD-2-Clause */
/* test_parse.c - unit tests of lib/parse.c: accepted and refused forms, reasons, edges. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>

#include "../check_esa.h"
#include "suites.h"
#include "esa.h"
#include "parse.h"

#define NOT_NUM	"not a number"
#define BAD_SZ	"bad size (use a number with k, M, G or T)"
#define BAD_DUR	"bad duration (use a number with ms, s, m, h or d)"
#define I64MIN	INT64_MIN
#define I64MAX	INT64_MAX
#define U64MAX	UINT64_MAX
#define KiB	(UINT64_C(1) << 10)
#define MiB	(UINT64_C(1) << 20)
#define GiB	(UINT64_C(1) << 30)
#define TiB	(UINT64_C(1) << 40)
#define SEC	UINT64_C(1000)
#define MIN	(60 * SEC)
#define HOUR	(60 * MIN)
#define DAY	(24 * HOUR)

/* A value no parse may store on failure. */
#define SENTINEL 0x5a5a5a5a

/* err 0: accepted with the value want; else refused with that errno and reason. */
struct irow {
	const char *s;
	int64_t min, max;
	int err;
	int64_t want;
	const char *why;
};

struct urow {
	const char *s;
	uint64_t min, max;
	int err;
	uint64_t want;
	const char *why;
};

static const struct irow int_rows[] = {
	{ "0", I64MIN, I64MAX, 0, 0, NULL },
	{ "42", I64MIN, I64MAX, 0, 42, NULL },
	{ "-42", I64MIN, I64MAX, 0, -42, NULL },
	{ "010", I64MIN, I64MAX, 0, 10, NULL },		/* decimal, not octal */
	{ "000000000000000000000000007", 0, 10, 0, 7, NULL },
	{ "-0", -10, 10, 0, 0, NULL },
	{ "9223372036854775807", I64MIN, I64MAX, 0, I64MAX, NULL },
	{ "-9223372036854775808", I64MIN, I64MAX, 0, I64MIN, NULL },
	{ "2147483647", 0, INT_MAX, 0, INT_MAX, NULL },
	{ "-2147483648", INT_MIN, INT_MAX, 0, INT_MIN, NULL },
	{ "", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ " 1", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "1 ", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "+1", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "-", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "--1", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "1-", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "0x10", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "10abc", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "1e309", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "nan", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "inf", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "1.5", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "99999999999999999999abc", I64MIN, I64MAX, EINVAL, 0, NOT_NUM },
	{ "-0", 0, 10, EINVAL, 0, NOT_NUM },
	{ "-1", 0, 10, ERANGE, 0, "too small (at least 0)" },
	{ "9223372036854775808", I64MIN, I64MAX, ERANGE, 0,
	    "too large (at most 9223372036854775807)" },
	{ "18446744073709551616", I64MIN, I64MAX, ERANGE, 0,
	    "too large (at most 9223372036854775807)" },
	{ "-9223372036854775809", I64MIN, I64MAX, ERANGE, 0,
	    "too small (at least -9223372036854775808)" },
	{ "-99999999999999999999999", I64MIN, I64MAX, ERANGE, 0,
	    "too small (at least -9223372036854775808)" },
	{ "2147483648", 0, INT_MAX, ERANGE, 0, "too large (at most 2147483647)" },
	{ "0", 1, 100, ERANGE, 0, "too small (at least 1)" },
	{ "-101", -100, 100, ERANGE, 0, "too small (at least -100)" },
	{ "-1", I64MIN, -2, ERANGE, 0, "too large (at most -2)" },
};

static const struct urow uint_rows[] = {
	{ "0", 0, U64MAX, 0, 0, NULL },
	{ "010", 0, U64MAX, 0, 10, NULL },
	{ "9223372036854775807", 0, U64MAX, 0, INT64_MAX, NULL },
	{ "9223372036854775808", 0, U64MAX, 0, UINT64_C(9223372036854775808), NULL },
	{ "18446744073709551615", 0, U64MAX, 0, U64MAX, NULL },
	{ "2147483647", 0, INT_MAX, 0, INT_MAX, NULL },
	{ "", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ " 1", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "1 ", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "+1", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "0x10", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "10abc", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "1e309", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "nan", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "inf", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "1.5", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "-0", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "-", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "-1", 0, U64MAX, ERANGE, 0, "too small (at least 0)" },
	{ "-1", 1, 10, ERANGE, 0, "too small (at least 1)" },
	{ "18446744073709551616", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615)" },
	{ "99999999999999999999999", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615)" },
	{ "2147483648", 0, INT_MAX, ERANGE, 0, "too large (at most 2147483647)" },
	{ "0", 1, 10, ERANGE, 0, "too small (at least 1)" },
};

static const struct urow size_rows[] = {
	{ "0", 0, U64MAX, 0, 0, NULL },
	{ "1", 0, U64MAX, 0, 1, NULL },
	{ "1k", 0, U64MAX, 0, KiB, NULL },
	{ "1K", 0, U64MAX, 0, KiB, NULL },
	{ "200M", 0, U64MAX, 0, 209715200, NULL },
	{ "200m", 0, U64MAX, 0, 209715200, NULL },
	{ "3G", 0, U64MAX, 0, 3221225472, NULL },
	{ "3g", 0, U64MAX, 0, 3 * GiB, NULL },
	{ "1T", 0, U64MAX, 0, 1099511627776, NULL },
	{ "1t", 0, U64MAX, 0, TiB, NULL },
	{ "0k", 0, U64MAX, 0, 0, NULL },
	{ "010k", 0, U64MAX, 0, 10 * KiB, NULL },
	{ "16777215T", 0, U64MAX, 0, UINT64_C(18446742974197923840), NULL },
	{ "18446744073709551615", 0, U64MAX, 0, U64MAX, NULL },
	{ "1T", 0, TiB, 0, TiB, NULL },
	{ "", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ " 1", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "+1", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "-1", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "k", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "nan", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "inf", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ ".5k", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "1 ", 0, U64MAX, EINVAL, 0, BAD_SZ },
	{ "1k ", 0, U64MAX, EINVAL, 0, BAD_SZ },
	{ "10X", 0, U64MAX, EINVAL, 0, BAD_SZ },
	{ "1.5M", 0, U64MAX, EINVAL, 0, BAD_SZ },
	{ "1KB", 0, U64MAX, EINVAL, 0, BAD_SZ },
	{ "1kk", 0, U64MAX, EINVAL, 0, BAD_SZ },
	{ "0x10", 0, U64MAX, EINVAL, 0, BAD_SZ },
	{ "10abc", 0, U64MAX, EINVAL, 0, BAD_SZ },
	{ "1e3", 0, U64MAX, EINVAL, 0, BAD_SZ },
	{ "0", 1, U64MAX, ERANGE, 0, "too small (at least 1)" },
	{ "1", MiB, U64MAX, ERANGE, 0, "too small (at least 1M)" },
	{ "99T", 0, TiB, ERANGE, 0, "too large (at most 1T)" },
	{ "2000", 0, 1024, ERANGE, 0, "too large (at most 1k)" },
	{ "2k", 0, 1536, ERANGE, 0, "too large (at most 1536)" },
	{ "3G", 0, 2560 * MiB, ERANGE, 0, "too large (at most 2560M)" },
	{ "1025G", 0, 1024 * GiB, ERANGE, 0, "too large (at most 1T)" },
	{ "16777216T", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615)" },
	{ "17179869184T", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615)" },
	{ "18446744073709551616", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615)" },
	{ "99999999999999999999999k", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615)" },
};

static const struct urow duration_rows[] = {
	{ "0", 0, U64MAX, 0, 0, NULL },
	{ "1", 0, U64MAX, 0, SEC, NULL },
	{ "1s", 0, U64MAX, 0, SEC, NULL },
	{ "15m", 0, U64MAX, 0, 900000, NULL },
	{ "0.2", 0, U64MAX, 0, 200, NULL },
	{ "0.5", 0, U64MAX, 0, 500, NULL },
	{ "0.001", 0, U64MAX, 0, 1, NULL },
	{ "1.05", 0, U64MAX, 0, 1050, NULL },
	{ "1.500", 0, U64MAX, 0, 1500, NULL },
	{ "01.5s", 0, U64MAX, 0, 1500, NULL },
	{ "250ms", 0, U64MAX, 0, 250, NULL },
	{ "0ms", 0, U64MAX, 0, 0, NULL },
	{ "1h", 0, U64MAX, 0, HOUR, NULL },
	{ "1.25h", 0, U64MAX, 0, 4500000, NULL },
	{ "0.5m", 0, U64MAX, 0, 30000, NULL },
	{ "2d", 0, U64MAX, 0, 172800000, NULL },
	{ "0.001d", 0, U64MAX, 0, 86400, NULL },
	{ "18446744073709551615ms", 0, U64MAX, 0, U64MAX, NULL },
	{ "18446744073709551.615", 0, U64MAX, 0, U64MAX, NULL },
	{ "213503982334d", 0, U64MAX, 0, UINT64_C(18446744073657600000), NULL },
	{ "24h", 0, DAY, 0, DAY, NULL },
	{ "", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ " 1", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "+1", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "-1", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ ".5", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "nan", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "inf", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "s", 0, U64MAX, EINVAL, 0, NOT_NUM },
	{ "1 ", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1 s", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "5.", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "5.s", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1.2345", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1..5", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1h30m", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1e3", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "0x10", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1.5ms", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1S", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1M", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1sec", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1min", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1mss", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "1us", 0, U64MAX, EINVAL, 0, BAD_DUR },
	{ "0", 200, U64MAX, ERANGE, 0, "too small (at least 200ms)" },
	{ "0.1", 200, U64MAX, ERANGE, 0, "too small (at least 200ms)" },
	{ "0.5", SEC, U64MAX, ERANGE, 0, "too small (at least 1s)" },
	{ "1.5", 0, SEC, ERANGE, 0, "too large (at most 1s)" },
	{ "2", 0, 1500, ERANGE, 0, "too large (at most 1500ms)" },
	{ "61m", 0, HOUR, ERANGE, 0, "too large (at most 1h)" },
	{ "25h", 0, DAY, ERANGE, 0, "too large (at most 1d)" },
	{ "31d", 0, 30 * DAY, ERANGE, 0, "too large (at most 30d)" },
	{ "3h", 0, 150 * MIN, ERANGE, 0, "too large (at most 150m)" },
	{ "0.01", 90 * SEC, U64MAX, ERANGE, 0, "too small (at least 90s)" },
	{ "18446744073709551616ms", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615ms)" },
	{ "18446744073709551.616", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615ms)" },
	{ "18446744073709551615", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615ms)" },
	{ "213503982335d", 0, U64MAX, ERANGE, 0,
	    "too large (at most 18446744073709551615ms)" },
};

/* Checks one outcome: the value on success; errno, reason and an untouched *out else. */
static void
check_outcome(const char *s, int rc, int err, const char *why, const char *want_why,
    int ok_value, int untouched)
{
	if (err == 0) {
		ck_assert_msg(rc == 0, "\"%s\": refused: %s", s, rc == 0 ? "" : why);
		ck_assert_msg(ok_value, "\"%s\": wrong value", s);
		return;
	}
	ck_assert_msg(rc == -1, "\"%s\": accepted", s);
	ck_assert_msg(errno == err, "\"%s\": errno %d, want %d", s, errno, err);
	ck_assert_msg(why != NULL && strcmp(why, want_why) == 0,
	    "\"%s\": reason \"%s\", want \"%s\"", s, why ? why : "(null)", want_why);
	ck_assert_msg(untouched, "\"%s\": *out changed on failure", s);
}

START_TEST(test_parse_int)
{
	const struct irow *r = &int_rows[_i];
	char *s = exact_copy(r->s, strlen(r->s) + 1);
	const char *why = NULL;
	int64_t v = SENTINEL;
	int rc;

	errno = 0;
	rc = parse_int(s, r->min, r->max, &v, &why);
	check_outcome(r->s, rc, r->err, why, r->why, v == r->want, v == SENTINEL);
	free(s);
}
END_TEST

/* The unsigned functions share their table layout. */
typedef int (*uparse_fn)(const char *, uint64_t, uint64_t, uint64_t *, const char **);

static void
run_urow(uparse_fn fn, const struct urow *r)
{
	char *s = exact_copy(r->s, strlen(r->s) + 1);
	const char *why = NULL;
	uint64_t v = SENTINEL;
	int rc;

	errno = 0;
	rc = fn(s, r->min, r->max, &v, &why);
	check_outcome(r->s, rc, r->err, why, r->why, v == r->want, v == SENTINEL);
	/* The same outcome when the caller wants no reason. */
	v = SENTINEL;
	ck_assert_int_eq(fn(s, r->min, r->max, &v, NULL), rc);
	free(s);
}

START_TEST(test_parse_uint)
{
	run_urow(parse_uint, &uint_rows[_i]);
}
END_TEST

START_TEST(test_parse_size)
{
	run_urow(parse_size, &size_rows[_i]);
}
END_TEST

START_TEST(test_parse_duration)
{
	run_urow(parse_duration_ms, &duration_rows[_i]);
}
END_TEST

/* Every value of a small range round-trips, and its neighbours outside are refused. */
START_TEST(test_parse_int_window)
{
	char buf[32];
	const char *why;
	int64_t v;

	for (int64_t i = -1000; i <= 1000; i++) {
		snprintf(buf, sizeof(buf), "%lld", (long long)i);
		if (i < -999 || i > 999) {
			ck_assert_int_eq(parse_int(buf, -999, 999, &v, &why), -1);
			ck_assert_int_eq(errno, ERANGE);
		} else {
			ck_assert_int_eq(parse_int(buf, -999, 999, &v, &why), 0);
			ck_assert_int_eq(v, i);
		}
	}
}
END_TEST

/* The reason of one call survives until the next one, and no longer matters after. */
START_TEST(test_parse_reason_buffer)
{
	const char *why1, *why2;
	uint64_t v;

	ck_assert_int_eq(parse_uint("11", 0, 10, &v, &why1), -1);
	ck_assert_str_eq(why1, "too large (at most 10)");
	ck_assert_int_eq(parse_uint("x", 0, 10, &v, &why2), -1);
	ck_assert_str_eq(why2, NOT_NUM);
	ck_assert_int_eq(parse_uint("5", 0, 10, &v, &why2), 0);
	ck_assert_uint_eq(v, 5);
}
END_TEST

/*
 * The words for a bad option, from getopt_long() run on a whole command line (as
 * the tools run it: opterr 0, ':' first), naming the option as it was typed.
 */
static const char *
first_error(char **argv, char *buf, size_t size)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "interface", required_argument, NULL, 'i' },
		{ "flush", no_argument, NULL, 256 },
		{ NULL, 0, NULL, 0 },
	};
	int argc = 0, c;

	while (argv[argc] != NULL)
		argc++;
	parse_opt_start();
	while ((c = getopt_long(argc, argv, ":ni:j", longopts, NULL)) != -1)
		if (c == '?' || c == ':')
			return parse_opt_error(c, argv[optind - 1], longopts, buf, size);
	return "";
}

/* A new command line after a scan stopped inside "-nxj": its own options, no j. */
START_TEST(test_parse_opt_start)
{
	static char a0[] = "t", a1[] = "-nxj", a2[] = "-i", a3[] = "v0";
	char *first[] = { a0, a1, NULL }, *second[] = { a0, a2, a3, NULL };

	opterr = 1;
	parse_opt_start();
	ck_assert_int_eq(opterr, 0);
	ck_assert_int_eq(getopt_long(2, first, ":ni:j", NULL, NULL), 'n');
	ck_assert_int_eq(getopt_long(2, first, ":ni:j", NULL, NULL), '?');
	parse_opt_start();
	ck_assert_int_eq(getopt_long(3, second, ":ni:j", NULL, NULL), 'i');
	ck_assert_str_eq(optarg, "v0");
	ck_assert_int_eq(getopt_long(3, second, ":ni:j", NULL, NULL), -1);
}
END_TEST

START_TEST(test_parse_opt_error)
{
	static const struct {
		const char *args[4];
		const char *want;
	} cases[] = {
		{ { "-x" }, "-x: unknown option" },
		{ { "-nx" }, "-x: unknown option" },
		{ { "--interface=a0", "-nx" }, "-x: unknown option" },
		{ { "--json", "-nx" }, "-x: unknown option" },
		{ { "--bogus" }, "--bogus: unknown option" },
		{ { "--bogus=1" }, "--bogus: unknown option" },
		{ { "-i" }, "-i: needs an argument" },
		{ { "-ni" }, "-i: needs an argument" },
		{ { "--interface" }, "--interface: needs an argument" },
		{ { "--json=3" }, "--json: takes no argument" },
		{ { "--flush=yes" }, "--flush: takes no argument" },
		{ { "-n", "--jso=1" }, "--json: takes no argument" },	/* an abbreviation */
		/* the user's bytes are escaped: one line, no terminal control */
		{ { "--\033[31mred\nfake" }, "--\\033[31mred\\012fake: unknown option" },
		{ { "--\xe2\x80\xae" "x=1" }, "--\\342\\200\\256x: unknown option" },
		{ { "-\033" }, "-\\033: unknown option" },
		{ { "-\n" }, "-\\012: unknown option" },
		{ { "-\xff" }, "-\\377: unknown option" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *argv[6] = { "/a/full/path/esa-x" }, buf[64];

		for (int k = 0; k < 4 && cases[i].args[k] != NULL; k++)
			argv[k + 1] = (char *)cases[i].args[k];
		ck_assert_str_eq(first_error(argv, buf, sizeof(buf)), cases[i].want);
	}
}
END_TEST

Suite *
suite_parse(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_parse_int, 0, (int)ESA_NELEM(int_rows));
	tcase_add_loop_test(tc, test_parse_uint, 0, (int)ESA_NELEM(uint_rows));
	tcase_add_loop_test(tc, test_parse_size, 0, (int)ESA_NELEM(size_rows));
	tcase_add_loop_test(tc, test_parse_duration, 0, (int)ESA_NELEM(duration_rows));
	tcase_add_test(tc, test_parse_int_window);
	tcase_add_test(tc, test_parse_reason_buffer);
	tcase_add_test(tc, test_parse_opt_start);
	tcase_add_test(tc, test_parse_opt_error);
	suite_add_tcase(s, tc);
	return s;
}
