/* SPDX-License-Identifier: BSD-2-Clause */
/* test_json.c - unit tests of lib/json.c: exact text, escaping, UTF-8 repair, numbers. */
#include <math.h>
#include <signal.h>
#include <stdint.h>

#include "../check_esa.h"
#include "suites.h"
#include "esa.h"
#include "json.h"

/* U+FFFD REPLACEMENT CHARACTER in UTF-8. */
#define R "\xef\xbf\xbd"

/* An input with its length (it may hold NUL) and the exact JSON text expected. */
struct srow {
	const char *in;
	size_t len;
	const char *want;
};
#define S(in, want) { in, sizeof(in) - 1, want }

/*
 * Escapes from RFC 8259 section 7. The expected replacements follow Unicode 3.9's
 * "maximal subpart" practice (also Python's bytes.decode(errors="replace")): one
 * U+FFFD for a truncated sequence, one for each byte that cannot start or continue.
 */
static const struct srow str_rows[] = {
	S("", "\"\""),
	S("plain text", "\"plain text\""),
	S("\"", "\"\\\"\""),
	S("\\", "\"\\\\\""),
	S("/", "\"/\""),
	S("\n", "\"\\n\""),
	S("\r", "\"\\r\""),
	S("\t", "\"\\t\""),
	S("\b", "\"\\b\""),
	S("\f", "\"\\f\""),
	S("\x01", "\"\\u0001\""),
	S("\x0b", "\"\\u000b\""),
	S("\x1f", "\"\\u001f\""),
	S("\x7f", "\"\\u007f\""),
	S(" ~", "\" ~\""),
	S("\0", "\"\\u0000\""),
	S("a\0b", "\"a\\u0000b\""),
	S("a\"b\\c\nd", "\"a\\\"b\\\\c\\nd\""),
	/* valid UTF-8 passes through: the bounds of each length */
	S("\xc2\x80", "\"\xc2\x80\""),				/* U+0080 */
	S("\xc3\xa9t\xc3\xa9", "\"\xc3\xa9t\xc3\xa9\""),	/* "été" */
	S("\xdf\xbf", "\"\xdf\xbf\""),				/* U+07FF */
	S("\xe0\xa0\x80", "\"\xe0\xa0\x80\""),			/* U+0800 */
	S("\xe2\x82\xac", "\"\xe2\x82\xac\""),			/* U+20AC euro */
	S("\xed\x9f\xbf", "\"\xed\x9f\xbf\""),			/* U+D7FF */
	S("\xee\x80\x80", "\"\xee\x80\x80\""),			/* U+E000 */
	S("\xef\xbf\xbf", "\"\xef\xbf\xbf\""),			/* U+FFFF */
	S("\xf0\x90\x80\x80", "\"\xf0\x90\x80\x80\""),		/* U+10000 */
	S("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""),		/* U+1F600 */
	S("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\""),		/* U+10FFFF */
	/* overlong forms */
	S("\xc0\xaf", "\"" R R "\""),
	S("\xc1\xbf", "\"" R R "\""),
	S("\xc0\x80", "\"" R R "\""),
	S("\xe0\x80\xaf", "\"" R R R "\""),
	S("\xe0\x9f\xbf", "\"" R R R "\""),
	S("\xf0\x80\x80\xaf", "\"" R R R R "\""),
	S("\xf0\x8f\xbf\xbf", "\"" R R R R "\""),
	/* UTF-16 surrogates, alone and as a CESU-8 pair */
	S("\xed\xa0\x80", "\"" R R R "\""),
	S("\xed\xbf\xbf", "\"" R R R "\""),
	S("\xed\xa0\x80\xed\xb0\x80", "\"" R R R R R R "\""),
	/* past U+10FFFF */
	S("\xf4\x90\x80\x80", "\"" R R R R "\""),
	S("\xf7\xbf\xbf\xbf", "\"" R R R R "\""),
	/* bytes that never occur */
	S("\xf5", "\"" R "\""),
	S("\xf8\x88\x80\x80\x80", "\"" R R R R R "\""),
	S("\xfe", "\"" R "\""),
	S("\xff", "\"" R "\""),
	S("a\xffz", "\"a" R "z\""),
	/* truncated sequences: one U+FFFD each */
	S("\xc3", "\"" R "\""),
	S("a\xe2\x82", "\"a" R "\""),
	S("\xe2\x82" "a", "\"" R "a\""),
	S("\xf0\x9f\x98", "\"" R "\""),
	S("\xf0\x9f\x98\xc3\xa9", "\"" R "\xc3\xa9\""),
	S("\xe2\x82\"", "\"" R "\\\"\""),
	S("\xc3\n", "\"" R "\\n\""),
	S("\xe2\x28\xa1", "\"" R "(" R "\""),
	/* stray continuation bytes */
	S("\x80", "\"" R "\""),
	S("\x80\x80", "\"" R R "\""),
	S("a\xbf" "b", "\"a" R "b\""),
	S("\xc3\xa9\x80", "\"\xc3\xa9" R "\""),
};

/* What json_strn() writes for one input, at top level. */
static char *
write_str(const char *in, size_t len)
{
	struct memout m;
	struct json j;
	char *copy = exact_copy(in, len);	/* ASan sees a read past the end */

	memout_open(&m);
	json_init(&j, m.f, 0);
	json_strn(&j, copy, len);
	free(copy);
	return memout_close(&m);
}

START_TEST(test_json_strings)
{
	const struct srow *r = &str_rows[_i];
	char *out = write_str(r->in, r->len);

	ck_assert_msg(strcmp(out, r->want) == 0, "row %d: got [%s], want [%s]", _i, out,
	    r->want);
	free(out);
}
END_TEST

/* A key is escaped as a value is. */
START_TEST(test_json_key_escaping)
{
	struct memout m;
	struct json j;
	char *out;

	memout_open(&m);
	json_init(&j, m.f, 0);
	json_object_open(&j);
	json_key_str(&j, "a\"b\n\xff", "\x01");
	json_object_close(&j);
	out = memout_close(&m);
	ck_assert_str_eq(out, "{\"a\\\"b\\n" R "\":\"\\u0001\"}");
	free(out);
}
END_TEST

/* The header's example: one listing, all value kinds. */
static void
write_sample(struct json *j)
{
	json_array_open(j);
	json_object_open(j);
	json_key_str(j, "address", "192.0.2.1");
	json_key_uint(j, "expires_s", 12);
	json_key_bool(j, "router", false);
	json_key_int(j, "delta", -3);
	json_key_double(j, "rtt_ms", 0.25, 3);
	json_key(j, "lladdr");
	json_null(j);
	json_key(j, "flags");
	json_array_open(j);
	json_str(j, "permanent");
	json_bool(j, true);
	json_array_close(j);
	json_key(j, "empty");
	json_object_open(j);
	json_object_close(j);
	json_object_close(j);
	json_array_close(j);
	json_end(j);
}

START_TEST(test_json_compact)
{
	struct memout m;
	struct json j;
	char *out;

	memout_open(&m);
	json_init(&j, m.f, 0);
	write_sample(&j);
	out = memout_close(&m);
	ck_assert_str_eq(out,
	    "[{\"address\":\"192.0.2.1\",\"expires_s\":12,\"router\":false,\"delta\":-3,"
	    "\"rtt_ms\":0.250,\"lladdr\":null,\"flags\":[\"permanent\",true],"
	    "\"empty\":{}}]\n");
	free(out);
}
END_TEST

START_TEST(test_json_pretty)
{
	struct memout m;
	struct json j;
	char *out;

	memout_open(&m);
	json_init(&j, m.f, JSON_PRETTY);
	write_sample(&j);
	out = memout_close(&m);
	ck_assert_str_eq(out,
	    "[\n"
	    "  {\n"
	    "    \"address\": \"192.0.2.1\",\n"
	    "    \"expires_s\": 12,\n"
	    "    \"router\": false,\n"
	    "    \"delta\": -3,\n"
	    "    \"rtt_ms\": 0.250,\n"
	    "    \"lladdr\": null,\n"
	    "    \"flags\": [\n"
	    "      \"permanent\",\n"
	    "      true\n"
	    "    ],\n"
	    "    \"empty\": {}\n"
	    "  }\n"
	    "]\n");
	free(out);
}
END_TEST

/* Empty containers, in both modes, and top-level scalars. */
START_TEST(test_json_empty)
{
	static const int modes[] = { 0, JSON_PRETTY };
	struct memout m;
	struct json j;
	char *out;

	for (size_t i = 0; i < ESA_NELEM(modes); i++) {
		memout_open(&m);
		json_init(&j, m.f, modes[i]);
		json_array_open(&j);
		json_array_close(&j);
		json_end(&j);
		json_object_open(&j);
		json_object_close(&j);
		json_end(&j);
		json_str(&j, "");
		json_end(&j);
		json_uint(&j, 0);
		json_end(&j);
		out = memout_close(&m);
		ck_assert_str_eq(out, "[]\n{}\n\"\"\n0\n");
		free(out);
	}
}
END_TEST

/* JSON Lines: one record per json_end(), state reset between them. */
START_TEST(test_json_lines)
{
	struct memout m;
	struct json j;
	char *out;

	memout_open(&m);
	json_init(&j, m.f, 0);
	for (int i = 1; i <= 3; i++) {
		json_object_open(&j);
		json_key_int(&j, "seq", i);
		json_object_close(&j);
		json_end(&j);
	}
	out = memout_close(&m);
	ck_assert_str_eq(out, "{\"seq\":1}\n{\"seq\":2}\n{\"seq\":3}\n");
	free(out);
}
END_TEST

START_TEST(test_json_nesting)
{
	struct memout m;
	struct json j;
	char *out;

	memout_open(&m);
	json_init(&j, m.f, JSON_PRETTY);
	json_object_open(&j);
	json_key(&j, "a");
	json_array_open(&j);
	json_array_open(&j);
	json_int(&j, 1);
	json_array_close(&j);
	json_object_open(&j);
	json_key(&j, "b");
	json_array_open(&j);
	json_array_close(&j);
	json_object_close(&j);
	json_array_close(&j);
	json_key_str(&j, "c", "d");
	json_object_close(&j);
	json_end(&j);
	out = memout_close(&m);
	ck_assert_str_eq(out,
	    "{\n"
	    "  \"a\": [\n"
	    "    [\n"
	    "      1\n"
	    "    ],\n"
	    "    {\n"
	    "      \"b\": []\n"
	    "    }\n"
	    "  ],\n"
	    "  \"c\": \"d\"\n"
	    "}\n");
	free(out);
}
END_TEST

START_TEST(test_json_integers)
{
	struct memout m;
	struct json j;
	char *out;

	memout_open(&m);
	json_init(&j, m.f, 0);
	json_array_open(&j);
	json_int(&j, INT64_MIN);
	json_int(&j, INT64_MAX);
	json_int(&j, -1);
	json_int(&j, 0);
	json_uint(&j, UINT64_MAX);
	json_uint(&j, 10);
	json_array_close(&j);
	out = memout_close(&m);
	ck_assert_str_eq(out, "[-9223372036854775808,9223372036854775807,-1,0,"
	    "18446744073709551615,10]");
	free(out);
}
END_TEST

/*
 * Timestamps: the epoch, a leap day, the value date(1) gives for
 * `date -u -d @1796422848` (2026-12-04T22:20:48Z), the last second of 9999; none
 * before 1970 or after 9999, and then not even the key.
 */
START_TEST(test_json_time)
{
	struct memout m;
	struct json j;
	char *out;

	memout_open(&m);
	json_init(&j, m.f, 0);
	json_object_open(&j);
	ck_assert(json_key_time(&j, "a_at", 0));
	ck_assert(json_key_time(&j, "b_at", 951782400));
	ck_assert(json_key_time(&j, "c_at", 1796422848));
	ck_assert(json_key_time(&j, "d_at", INT64_C(253402300799)));
	ck_assert(!json_key_time(&j, "e_at", -1));
	ck_assert(!json_key_time(&j, "f_at", INT64_C(253402300800)));
	ck_assert(!json_key_time(&j, "g_at", INT64_MAX));
	json_object_close(&j);
	out = memout_close(&m);
	ck_assert_str_eq(out, "{\"a_at\":\"1970-01-01T00:00:00Z\",\"b_at\":\"2000-02-29T00:00:00Z\","
	    "\"c_at\":\"2026-12-04T22:20:48Z\",\"d_at\":\"9999-12-31T23:59:59Z\"}");
	free(out);
}
END_TEST

/* Fixed decimals as printf's %.*f; values chosen away from rounding ties. */
START_TEST(test_json_doubles)
{
	struct memout m;
	struct json j;
	char *out;

	memout_open(&m);
	json_init(&j, m.f, 0);
	json_array_open(&j);
	json_double(&j, 1.5, 2);
	json_double(&j, 3.14159, 3);
	json_double(&j, -2.71828, 1);
	json_double(&j, 42.0, 0);
	json_double(&j, 0.0, 0);
	json_double(&j, 1e6, 1);
	json_double(&j, 0.0004, 3);
	json_double(&j, 1e20, 0);
	json_double(&j, NAN, 2);
	json_double(&j, INFINITY, 2);
	json_double(&j, -INFINITY, 0);
	json_array_close(&j);
	json_end(&j);
	out = memout_close(&m);
	ck_assert_str_eq(out, "[1.50,3.142,-2.7,42,0,1000000.0,0.000,100000000000000000000,"
	    "null,null,null]\n");
	free(out);
}
END_TEST

/* JSON_MAX_DEPTH levels work, each indented by two more spaces. */
START_TEST(test_json_depth)
{
	struct memout m;
	struct json j;
	char *out, want[2 * JSON_MAX_DEPTH + 2];
	int i;

	memout_open(&m);
	json_init(&j, m.f, 0);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_open(&j);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_close(&j);
	json_end(&j);
	out = memout_close(&m);
	memset(want, '[', JSON_MAX_DEPTH);
	memset(want + JSON_MAX_DEPTH, ']', JSON_MAX_DEPTH);
	strcpy(want + 2 * JSON_MAX_DEPTH, "\n");
	ck_assert_str_eq(out, want);
	free(out);

	memout_open(&m);
	json_init(&j, m.f, JSON_PRETTY);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_object_open(&j), json_key(&j, "k");
	json_null(&j);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_object_close(&j);
	out = memout_close(&m);
	/* the innermost member: 32 levels of two spaces */
	ck_assert_ptr_nonnull(strstr(out, "\n" "                                "
	    "                                \"k\": null\n"));
	ck_assert_ptr_null(strstr(out, "\n" "                                "
	    "                                 "));
	free(out);
}
END_TEST

/*
 * 100,000 rows, as a listing of a large neighbour table: the text is checked by a
 * walk that reads every number back in order.
 */
START_TEST(test_json_large)
{
	enum { ROWS = 100000 };
	struct memout m;
	struct json j;
	char *out, *p;
	unsigned long n;

	memout_open(&m);
	json_init(&j, m.f, 0);
	json_array_open(&j);
	for (int i = 0; i < ROWS; i++) {
		json_object_open(&j);
		json_key_uint(&j, "i", (uint64_t)i);
		json_key_str(&j, "s", "x\"y");
		json_object_close(&j);
	}
	json_array_close(&j);
	json_end(&j);
	out = memout_close(&m);
	ck_assert_int_eq(out[0], '[');
	p = out + 1;
	for (n = 0; n < ROWS; n++) {
		ck_assert_msg(strncmp(p, "{\"i\":", 5) == 0, "row %lu", n);
		ck_assert_uint_eq(strtoul(p + 5, &p, 10), n);
		ck_assert_msg(strncmp(p, ",\"s\":\"x\\\"y\"}", 12) == 0, "row %lu", n);
		p += 12;
		if (n + 1 < ROWS)
			ck_assert_int_eq(*p++, ',');
	}
	ck_assert_str_eq(p, "]\n");
	free(out);
}
END_TEST

/*
 * Misuse is a programming error: assert() aborts. The test runs in Check's child
 * process, so its output and assert()'s message can go to /dev/null there, keeping
 * the log of `make check` free of expected failures.
 */
static FILE *
devnull(void)
{
	FILE *f = fopen("/dev/null", "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
	return f;
}

START_TEST(test_json_misuse_value_without_key)
{
	struct json j;

	json_init(&j, devnull(), 0);
	json_object_open(&j);
	json_int(&j, 1);
}
END_TEST

START_TEST(test_json_misuse_key_in_array)
{
	struct json j;

	json_init(&j, devnull(), 0);
	json_array_open(&j);
	json_key(&j, "k");
}
END_TEST

START_TEST(test_json_misuse_wrong_close)
{
	struct json j;

	json_init(&j, devnull(), 0);
	json_array_open(&j);
	json_object_close(&j);
}
END_TEST

START_TEST(test_json_misuse_too_deep)
{
	struct json j;

	json_init(&j, devnull(), 0);
	for (int i = 0; i <= JSON_MAX_DEPTH; i++)
		json_array_open(&j);
}
END_TEST

START_TEST(test_json_misuse_two_documents)
{
	struct json j;

	json_init(&j, devnull(), 0);
	json_int(&j, 1);
	json_int(&j, 2);
}
END_TEST

START_TEST(test_json_misuse_end_open)
{
	struct json j;

	json_init(&j, devnull(), 0);
	json_object_open(&j);
	json_end(&j);
}
END_TEST

Suite *
suite_json(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");
	TCase *misuse = tcase_create("json misuse");

	tcase_add_loop_test(tc, test_json_strings, 0, (int)ESA_NELEM(str_rows));
	tcase_add_test(tc, test_json_key_escaping);
	tcase_add_test(tc, test_json_compact);
	tcase_add_test(tc, test_json_pretty);
	tcase_add_test(tc, test_json_empty);
	tcase_add_test(tc, test_json_lines);
	tcase_add_test(tc, test_json_nesting);
	tcase_add_test(tc, test_json_integers);
	tcase_add_test(tc, test_json_doubles);
	tcase_add_test(tc, test_json_time);
	tcase_add_test(tc, test_json_depth);
	tcase_add_test(tc, test_json_large);
	suite_add_tcase(s, tc);

	tcase_add_test_raise_signal(misuse, test_json_misuse_value_without_key, SIGABRT);
	tcase_add_test_raise_signal(misuse, test_json_misuse_key_in_array, SIGABRT);
	tcase_add_test_raise_signal(misuse, test_json_misuse_wrong_close, SIGABRT);
	tcase_add_test_raise_signal(misuse, test_json_misuse_too_deep, SIGABRT);
	tcase_add_test_raise_signal(misuse, test_json_misuse_two_documents, SIGABRT);
	tcase_add_test_raise_signal(misuse, test_json_misuse_end_open, SIGABRT);
	suite_add_tcase(s, misuse);
	return s;
}
