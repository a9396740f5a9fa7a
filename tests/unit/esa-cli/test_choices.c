/* SPDX-License-Identifier: BSD-2-Clause */
/* test_choices.c - the choices esa-cli offers, read from esa-netstat's and esa-smtpping's JSON. */
#include <errno.h>

#include "../../../bin/esa-cli/cli.h"
#include "../check_esa.h"
#include "suites.h"

/* Parses the literal from an exact-size copy (no NUL after it). */
static long
parse(const char *s, char ***names)
{
	size_t len = strlen(s);
	char *copy = exact_copy(s, len);
	long n = choices_parse(copy, len, "interface", 2, names);

	free(copy);
	return n;
}

START_TEST(test_names)
{
	char **v;
	long n;

	/* the shape esa-netstat -i -j prints: addresses nested, names escaped */
	n = parse("[{\"interface\":\"lo\",\"ifname\":\"lo\",\"mtu\":65536,\"addresses\":"
	    "[{\"family\":\"inet\",\"name\":\"localhost\",\"interface\":\"nested\"}]},"
	    " {\"ifname\":\"eth0\", \"interface\" : \"Data 1\"},"
	    "{\"interface\":\"a\\\"\\\\\\u001b[7m\\u00e9\\ud83d\\ude00\"}]\n", &v);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(v[0], "lo");
	ck_assert_str_eq(v[1], "Data 1");
	ck_assert_str_eq(v[2], "a\"\\\033[7m\xc3\xa9\xf0\x9f\x98\x80");
	choices_free(v, (size_t)n);
	ck_assert_int_eq(parse("[]", &v), 0);
	choices_free(v, 0);
}
END_TEST

/*
 * \u escapes become UTF-8 (RFC 3629): U+007F one byte, U+0080 and U+07FF two, U+0800
 * and U+FFFF three, a surrogate pair (RFC 8259) four; a lone low surrogate is no
 * character and the document is refused, as is one cut inside a string.
 */
START_TEST(test_utf8_edges)
{
	char **v;
	long n;

	n = parse("[{\"interface\":\"\\u007f\\u0080\\u07ff\"},{\"interface\":\"\\u0800\\uffff\"},"
	    "{\"interface\":\"\\ud800\\udc00\"}]", &v);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(v[0], "\x7f\xc2\x80\xdf\xbf");
	ck_assert_str_eq(v[1], "\xe0\xa0\x80\xef\xbf\xbf");
	ck_assert_str_eq(v[2], "\xf0\x90\x80\x80");
	choices_free(v, (size_t)n);
	ck_assert_int_eq(parse("[{\"interface\":\"\\udc00\"}]", &v), -1);
	ck_assert_int_eq(parse("[{\"interface\":\"ab", &v), -1);
}
END_TEST

/* esa-netstat -i -j and esa-etherconfig mtu -j: the alias when set, else the kernel name */
START_TEST(test_pick)
{
	static const char doc[] =
	    "[{\"interface\":\"lo\",\"ifindex\":1,\"addresses\":[{\"address\":\"127.0.0.1\","
	    "\"hostname\":\"localhost\",\"alias\":\"nested\"}]},"
	    "{\"interface\":\"a0\",\"alias\":\"Data 1\",\"mtu\":1500},"
	    "{\"alias\":\"Mgmt\",\"interface\":\"a1\",\"alias\":\"second\"},"
	    "{\"ifindex\":4}]\n";
	char *copy = exact_copy(doc, sizeof(doc) - 1), **v;
	long n = choices_pick(copy, sizeof(doc) - 1, "alias", "interface", 2, &v);

	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(v[0], "lo");
	ck_assert_str_eq(v[1], "Data 1");
	ck_assert_str_eq(v[2], "Mgmt");
	choices_free(v, (size_t)n);
	/* cut inside an object: nothing */
	ck_assert_int_eq(choices_pick(copy, 60, "alias", "interface", 2, &v), -1);
	ck_assert_ptr_null(v);
	free(copy);
	/* an object closed by ']' ends there, as choices_parse() reads it (libFuzzer's find:
	 * the value was kept and never freed) */
	copy = exact_copy("[{\"interface\":\"a\"]]", 19);
	n = choices_pick(copy, 19, "alias", "interface", 2, &v);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0], "a");
	choices_free(v, (size_t)n);
	ck_assert_int_eq(choices_parse(copy, 19, "interface", 2, &v), 1);
	ck_assert_str_eq(v[0], "a");
	choices_free(v, 1);
	free(copy);
	/* a key whose object closes before its value: the next string is no value of it */
	copy = exact_copy("[{\"interface\": ]\"x\"]", 20);
	ck_assert_int_eq(choices_pick(copy, 20, "alias", "interface", 2, &v), 0);
	choices_free(v, 0);
	ck_assert_int_eq(choices_parse(copy, 20, "interface", 2, &v), 0);
	choices_free(v, 0);
	free(copy);
}
END_TEST

/* esa-smtpping -M -l -j: one document, an array of objects with "host" */
START_TEST(test_mx_document)
{
	static const char mx[] =
	    "[{\"domain\":\"example.com\",\"preference\":10,\"host\":\"mx1.example.com\"},"
	    "{\"domain\":\"example.com\",\"preference\":20,\"host\":\"mx2.example.com\"}]\n";
	char *copy = exact_copy(mx, sizeof(mx) - 1), **v;
	long n = choices_parse(copy, sizeof(mx) - 1, "host", 2, &v);

	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(v[0], "mx1.example.com");
	ck_assert_str_eq(v[1], "mx2.example.com");
	choices_free(v, (size_t)n);
	/* the same key at another level is not taken */
	n = choices_parse(copy, sizeof(mx) - 1, "host", 1, &v);
	ck_assert_int_eq(n, 0);
	choices_free(v, 0);
	/* nothing at all is not a listing */
	ck_assert_int_eq(choices_parse(copy, 0, "host", 1, &v), -1);
	free(copy);
}
END_TEST

/*
 * esa-pcap status -j: a number, a boolean and a string, one level down; a setting
 * that is not set is absent. null and "" (which no tool prints) are still read.
 */
START_TEST(test_scalars)
{
	static const char st[] = "{\"running\":false,\"settings\":{\"max_size_bytes\":"
	    "209715200,\"interfaces\":\"any\",\"snaplen_bytes\":262144}}\n"
	    "{\"ring\":null,\"user\":\"\"}\n";
	char *copy = exact_copy(st, sizeof(st) - 1), **v;
	long n;

	n = choices_parse(copy, sizeof(st) - 1, "max_size_bytes", 2, &v);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0], "209715200");
	choices_free(v, 1);
	n = choices_parse(copy, sizeof(st) - 1, "duration_s", 2, &v);
	ck_assert_int_eq(n, 0);
	choices_free(v, 0);
	n = choices_parse(copy, sizeof(st) - 1, "running", 1, &v);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0], "false");
	choices_free(v, 1);
	n = choices_parse(copy, sizeof(st) - 1, "interfaces", 2, &v);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0], "any");
	choices_free(v, 1);
	n = choices_parse(copy, sizeof(st) - 1, "ring", 1, &v);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0], "null");
	choices_free(v, 1);
	n = choices_parse(copy, sizeof(st) - 1, "user", 1, &v);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0], "");
	choices_free(v, 1);
	/* an object as the value is skipped, its keys are one level down */
	n = choices_parse(copy, sizeof(st) - 1, "settings", 1, &v);
	ck_assert_int_eq(n, 0);
	choices_free(v, 0);
	free(copy);
}
END_TEST

START_TEST(test_brackets_in_strings)
{
	char **v;
	long n;

	n = parse("[{\"ifname\":\"]}x\",\"interface\":\"{[\"}]", &v);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0], "{[");
	choices_free(v, (size_t)n);
}
END_TEST

START_TEST(test_bad)
{
	static const char *const bad[] = {
		"", "[", "[{\"interface\":\"lo\"}", "[{\"interface\":\"lo}]",
		"[] x", "[{\"interface\":\"\\u0000\"}]", "[{\"interface\":\"\\ud800\"}]",
		"[{\"interface\":\"\\udc00\"}]", "[{\"interface\":\"\\x\"}]",
		"[{\"interface\":\"\\u12\"}]", "[{\"interface\":\"a\nb\"}]", "]]",
	};
	char **v;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		ck_assert_msg(parse(bad[i], &v) == -1, "accepted: %s", bad[i]);
		ck_assert_int_eq(errno, EINVAL);
		ck_assert_ptr_null(v);
	}
}
END_TEST

START_TEST(test_limits)
{
	char doc[CHOICES_LEN + 64], **v;
	long n;

	/* a name of CHOICES_LEN - 1 bytes fits, one more does not */
	snprintf(doc, sizeof(doc), "[{\"interface\":\"%0*d\"}]", CHOICES_LEN - 1, 0);
	n = parse(doc, &v);
	ck_assert_int_eq(n, 1);
	ck_assert_uint_eq(strlen(v[0]), CHOICES_LEN - 1);
	choices_free(v, 1);
	snprintf(doc, sizeof(doc), "[{\"interface\":\"%0*d\"}]", CHOICES_LEN, 0);
	ck_assert_int_eq(parse(doc, &v), -1);
}
END_TEST

/* Containers nest 64 deep at most: 64 is read (no names in it), 65 is refused. */
START_TEST(test_depth)
{
	char doc[2 * 65 + 1], **v;

	memset(doc, '[', 64);
	memset(doc + 64, ']', 64);
	doc[128] = '\0';
	ck_assert_int_eq(parse(doc, &v), 0);
	choices_free(v, 0);
	memset(doc, '[', 65);
	memset(doc + 65, ']', 65);
	doc[130] = '\0';
	ck_assert_int_eq(parse(doc, &v), -1);
	ck_assert_ptr_null(v);
}
END_TEST

START_TEST(test_too_many)
{
	size_t i, len = 0, size = (CHOICES_MAX + 1) * 20 + 3;
	char *doc = malloc(size), **v;

	ck_assert_ptr_nonnull(doc);
	doc[len++] = '[';
	for (i = 0; i <= CHOICES_MAX; i++)
		len += (size_t)snprintf(doc + len, size - len, "%s{\"interface\":\"x\"}",
		    i ? "," : "");
	doc[len++] = ']';
	doc[len] = '\0';
	ck_assert_int_eq(parse(doc, &v), -1);
	/* one fewer is accepted */
	doc[len - 1 - strlen(",{\"interface\":\"x\"}")] = ']';
	doc[len - strlen(",{\"interface\":\"x\"}")] = '\0';
	ck_assert_int_eq(parse(doc, &v), CHOICES_MAX);
	choices_free(v, CHOICES_MAX);
	free(doc);
}
END_TEST

Suite *
suite_cli_choices(void)
{
	Suite *s = suite_create("cli_choices");
	TCase *tc = tcase_create("cli_choices");

	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_utf8_edges);
	tcase_add_test(tc, test_pick);
	tcase_add_test(tc, test_mx_document);
	tcase_add_test(tc, test_scalars);
	tcase_add_test(tc, test_brackets_in_strings);
	tcase_add_test(tc, test_bad);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_too_many);
	tcase_add_test(tc, test_depth);
	suite_add_tcase(s, tc);
	return s;
}
