/* SPDX-License-Identifier: BSD-2-Clause */
/* test_column.c - rows built column by column, and the fast address text against inet_ntop. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "../../../bin/esa-netstat/column.h"
#include "../check_esa.h"
#include "suites.h"

static char *
one_row(void (*fill)(struct row *))
{
	struct memout m;
	struct row r;

	memout_open(&m);
	row_start(&r);
	fill(&r);
	row_end(&r, m.f);
	return memout_close(&m);
}

static void
fill_basic(struct row *r)
{
	row_col(r, "ab", 5, COL_LEFT);
	row_put(r, "|");
	row_col(r, "cd", 5, 0);
	row_put(r, "|");
	row_col(r, "abcdefgh", 5, COL_LEFT | COL_CUT);
	row_put(r, "|");
	row_col(r, "abcdefgh", 5, COL_LEFT);
	row_put(r, "|");
	row_num(r, 42, 6);
	row_put(r, "|");
	row_num(r, 1234567, 3);
	row_put(r, "|");
	row_num(r, 0, 1);
	row_col(r, "x", 6, COL_LEFT);
}

/* UTF-8: width in characters, cut between characters; a bad byte counts one. */
static void
fill_utf8(struct row *r)
{
	row_col(r, "\xc3\xa4\xc3\xb6\xc3\xbc", 4, COL_LEFT);
	row_put(r, "|");
	row_col(r, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 2, COL_CUT);
	row_put(r, "|");
	row_col(r, "\xff" "a", 3, 0);
}

START_TEST(test_rows)
{
	char *got = one_row(fill_basic);

	ck_assert_str_eq(got, "ab   |   cd|abcde|abcdefgh|    42|1234567|0x\n");
	free(got);
	got = one_row(fill_utf8);
	ck_assert_str_eq(got, "\xc3\xa4\xc3\xb6\xc3\xbc |\xe2\x82\xac\xe2\x82\xac| \xff" "a\n");
	free(got);
	ck_assert_uint_eq(col_width("\xc3\xa4x"), 2);
	ck_assert_uint_eq(col_width(""), 0);
}
END_TEST

/* A row longer than the buffer is cut, never overrun. */
START_TEST(test_overflow)
{
	struct memout m;
	struct row r;
	char *got;

	memout_open(&m);
	row_start(&r);
	for (int i = 0; i < 1000; i++)
		row_col(&r, "abcdefgh", 12, COL_LEFT);
	row_end(&r, m.f);
	got = memout_close(&m);
	ck_assert_uint_eq(strlen(got), ROW_MAX);
	ck_assert_int_eq(got[ROW_MAX - 1], '\n');
	free(got);
}
END_TEST

/* col_ip() writes what inet_ntop() writes: chosen cases, then pseudo-random ones. */
START_TEST(test_ip)
{
	static const char *const v6[] = {
		"::", "::1", "2001:db8::1", "2001:db8::", "fe80::ff:fe00:a01", "1::",
		"0:0:0:0:1::", "1:0:0:2:0:0:0:3", "1:0:0:0:2:0:0:3", "1:0:2:0:3:0:4:0",
		"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::ffff:192.0.2.1", "::192.0.2.1",
		"2001:db8:aaaa:bbbb:cccc::", "0:1::", "1:2:3:4:5:6:7::",
	};
	unsigned char a[16];
	char got[64], want[64];
	uint32_t x = 12345;

	for (size_t i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
		ck_assert_int_eq(inet_pton(AF_INET6, v6[i], a), 1);
		inet_ntop(AF_INET6, a, want, sizeof(want));
		ck_assert_str_eq(col_ip(got, sizeof(got), AF_INET6, a), want);
	}
	for (int i = 0; i < 20000; i++) {
		for (int k = 0; k < 16; k++) {
			x = x * 1103515245 + 12345;
			/* many zero groups, so that runs of every length occur */
			a[k] = (x >> 16) % 3 == 0 ? (unsigned char)(x >> 8) : 0;
		}
		inet_ntop(AF_INET6, a, want, sizeof(want));
		ck_assert_str_eq(col_ip(got, sizeof(got), AF_INET6, a), want);
		inet_ntop(AF_INET, a, want, sizeof(want));
		ck_assert_str_eq(col_ip(got, sizeof(got), AF_INET, a), want);
	}
}
END_TEST

Suite *
suite_column(void)
{
	Suite *s = suite_create("column");
	TCase *tc = tcase_create("column");

	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_overflow);
	tcase_add_test(tc, test_ip);
	suite_add_tcase(s, tc);
	return s;
}
