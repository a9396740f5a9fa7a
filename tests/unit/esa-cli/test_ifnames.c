/* SPDX-License-Identifier: BSD-2-Clause */
/* test_ifnames.c - the interface names esa-cli offers, read from esa-netstat -i -j. */
#include <errno.h>

#include "../../../bin/esa-cli/cli.h"
#include "../check_esa.h"
#include "../suites.h"

/* Parses the literal from an exact-size copy (no NUL after it). */
static long
parse(const char *s, char ***names)
{
	size_t len = strlen(s);
	char *copy = exact_copy(s, len);
	long n = ifnames_parse(copy, len, names);

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
	ifnames_free(v, (size_t)n);
	ck_assert_int_eq(parse("[]", &v), 0);
	ifnames_free(v, 0);
}
END_TEST

START_TEST(test_brackets_in_strings)
{
	char **v;
	long n;

	n = parse("[{\"ifname\":\"]}x\",\"interface\":\"{[\"}]", &v);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0], "{[");
	ifnames_free(v, (size_t)n);
}
END_TEST

START_TEST(test_bad)
{
	static const char *const bad[] = {
		"", "{}", "[", "[{\"interface\":\"lo\"}", "[{\"interface\":\"lo}]",
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
	char doc[IFNAMES_LEN + 64], **v;
	long n;

	/* a name of IFNAMES_LEN - 1 bytes fits, one more does not */
	snprintf(doc, sizeof(doc), "[{\"interface\":\"%0*d\"}]", IFNAMES_LEN - 1, 0);
	n = parse(doc, &v);
	ck_assert_int_eq(n, 1);
	ck_assert_uint_eq(strlen(v[0]), IFNAMES_LEN - 1);
	ifnames_free(v, 1);
	snprintf(doc, sizeof(doc), "[{\"interface\":\"%0*d\"}]", IFNAMES_LEN, 0);
	ck_assert_int_eq(parse(doc, &v), -1);
}
END_TEST

START_TEST(test_too_many)
{
	size_t i, len = 0, size = (IFNAMES_MAX + 1) * 20 + 3;
	char *doc = malloc(size), **v;

	ck_assert_ptr_nonnull(doc);
	doc[len++] = '[';
	for (i = 0; i <= IFNAMES_MAX; i++)
		len += (size_t)snprintf(doc + len, size - len, "%s{\"interface\":\"x\"}",
		    i ? "," : "");
	doc[len++] = ']';
	doc[len] = '\0';
	ck_assert_int_eq(parse(doc, &v), -1);
	/* one fewer is accepted */
	doc[len - 1 - strlen(",{\"interface\":\"x\"}")] = ']';
	doc[len - strlen(",{\"interface\":\"x\"}")] = '\0';
	ck_assert_int_eq(parse(doc, &v), IFNAMES_MAX);
	ifnames_free(v, IFNAMES_MAX);
	free(doc);
}
END_TEST

Suite *
suite_cli_ifnames(void)
{
	Suite *s = suite_create("cli_ifnames");
	TCase *tc = tcase_create("cli_ifnames");

	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_brackets_in_strings);
	tcase_add_test(tc, test_bad);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_too_many);
	suite_add_tcase(s, tc);
	return s;
}
