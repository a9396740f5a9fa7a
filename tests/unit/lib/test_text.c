/* SPDX-License-Identifier: BSD-2-Clause */
/* test_text.c - unit tests of lib/text.c: safe terminal text and the UTF-8 length rules. */
#include <stdlib.h>

#include "../check_esa.h"
#include "suites.h"
#include "esa.h"
#include "text.h"

/*
 * Printable ASCII and valid, printable UTF-8 come back as the very pointer passed:
 * no copy, whatever the buffer.
 */
static const char *const plain_rows[] = {
	"",
	"eth0",
	" !\"#$%&'()*+,-./0123456789:;<=>?@AZ[]^_`az{|}~",
	"Donn\303\251es 1",			/* U+00E9, two bytes */
	"\xc2\xa0",				/* U+00A0, first after the C1 block */
	"\xdf\xbf",				/* U+07FF */
	"\xe2\x82\xac 5",			/* U+20AC euro, three bytes */
	"\xe0\xa0\x80",				/* U+0800 */
	"\xed\x9f\xbf",				/* U+D7FF, just below the surrogates */
	"\xee\x80\x80",				/* U+E000, just above them */
	"\xef\xbf\xbf",				/* U+FFFF */
	"\xf0\x9f\x98\x80",			/* U+1F600 emoji, four bytes */
	"\xf0\x90\x80\x80",			/* U+10000 */
	"\xf4\x8f\xbf\xbf",			/* U+10FFFF, the last code point */
	"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8c\x8d",
};

START_TEST(test_text_plain)
{
	const char *in = plain_rows[_i];
	char *s = exact_copy(in, strlen(in) + 1);
	char buf[1] = { 'x' };

	ck_assert_ptr_eq(text_safe(buf, sizeof(buf), s), s);
	ck_assert_int_eq(buf[0], 'x');
	ck_assert_ptr_eq(text_safe(buf, 0, s), s);
	free(s);
}
END_TEST

/* Input and its escaped form ("\ooo" per byte, as ls -b and vis(3) write it). */
struct escrow {
	const char *in;
	const char *want;
};

static const struct escrow esc_rows[] = {
	{ "\x1b[31mred", "\\033[31mred" },
	{ "\\", "\\134" },
	{ "a\\b", "a\\134b" },
	{ "\x7f", "\\177" },
	{ "\t\n", "\\011\\012" },
	{ "\r", "\\015" },
	{ "\x01", "\\001" },
	{ "\x1f", "\\037" },
	/* C1 controls as UTF-8: U+0080, U+0085 (NEL), U+009B (CSI), U+009F */
	{ "\xc2\x80", "\\302\\200" },
	{ "\xc2\x85", "\\302\\205" },
	{ "\xc2\x9b" "2J", "\\302\\2332J" },
	{ "\xc2\x9f", "\\302\\237" },
	/* bytes that are not UTF-8 */
	{ "\xff", "\\377" },
	{ "\xfe", "\\376" },
	{ "\xf5\x80\x80\x80", "\\365\\200\\200\\200" },
	{ "\x80", "\\200" },
	{ "a\xbf" "b", "a\\277b" },
	{ "a\xc3", "a\\303" },				/* truncated at the end */
	{ "\xe2\x82", "\\342\\202" },
	{ "\xe2\x82" "a", "\\342\\202a" },		/* truncated in the middle */
	{ "\xf0\x9f\x98", "\\360\\237\\230" },
	{ "\xe2\xc3\xa9", "\\342\xc3\xa9" },		/* the next character survives */
	{ "\xc0\x80", "\\300\\200" },			/* overlong NUL */
	{ "\xc1\xbf", "\\301\\277" },
	{ "\xe0\x80\xaf", "\\340\\200\\257" },		/* overlong '/' */
	{ "\xf0\x8f\xbf\xbf", "\\360\\217\\277\\277" },
	{ "\xed\xa0\x80", "\\355\\240\\200" },		/* surrogate U+D800 */
	{ "\xed\xbf\xbf", "\\355\\277\\277" },		/* surrogate U+DFFF */
	{ "\xf4\x90\x80\x80", "\\364\\220\\200\\200" },	/* U+110000 */
	/* printable text around escapes is kept as it is */
	{ "Donn\303\251es\033", "Donn\303\251es\\033" },
	{ "\xf0\x9f\x98\x80\x01\xe2\x82\xac", "\xf0\x9f\x98\x80\\001\xe2\x82\xac" },
	{ "\xc2\xa0\xc2\x9f", "\xc2\xa0\\302\\237" },
	/* bidirectional controls: printable to iswprint(), yet they reorder the line */
	{ "\xd8\x9c", "\\330\\234" },			/* U+061C ALM */
	{ "\xe2\x80\x8e", "\\342\\200\\216" },		/* U+200E LRM */
	{ "\xe2\x80\x8f", "\\342\\200\\217" },		/* U+200F RLM */
	{ "\xe2\x80\xaa", "\\342\\200\\252" },		/* U+202A LRE */
	{ "\xe2\x80\xab", "\\342\\200\\253" },		/* U+202B RLE */
	{ "\xe2\x80\xac", "\\342\\200\\254" },		/* U+202C PDF */
	{ "\xe2\x80\xad", "\\342\\200\\255" },		/* U+202D LRO */
	{ "\xe2\x80\xae", "\\342\\200\\256" },		/* U+202E RLO */
	{ "\xe2\x81\xa6", "\\342\\201\\246" },		/* U+2066 LRI */
	{ "\xe2\x81\xa7", "\\342\\201\\247" },		/* U+2067 RLI */
	{ "\xe2\x81\xa8", "\\342\\201\\250" },		/* U+2068 FSI */
	{ "\xe2\x81\xa9", "\\342\\201\\251" },		/* U+2069 PDI */
	{ "eth\xe2\x80\xae" "0lav", "eth\\342\\200\\256" "0lav" },
	/* their neighbours stay: U+061B, U+061D, U+200D, U+2010, U+2029, U+202F, U+2065, U+206A */
	{ "\xd8\x9b\xd8\x9d\xe2\x80\x8d\xe2\x80\x90\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa\x01",
	  "\xd8\x9b\xd8\x9d\xe2\x80\x8d\xe2\x80\x90\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa\\001" },
};

/* No C0 control or DEL may reach the terminal. */
static void
assert_printable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		ck_assert_msg(*p >= 0x20 && *p != 0x7f, "byte 0x%02x in [%s]", *p, s);
}

/* Into an exact-size heap buffer of TEXT_SAFE_SIZE(strlen(in)) bytes. */
START_TEST(test_text_escape)
{
	const struct escrow *r = &esc_rows[_i];
	size_t n = strlen(r->in), size = TEXT_SAFE_SIZE(n);
	char *s = exact_copy(r->in, n + 1), *buf = malloc(size);
	const char *out;

	ck_assert_ptr_nonnull(buf);
	out = text_safe(buf, size, s);
	ck_assert_ptr_eq(out, buf);
	ck_assert_msg(strcmp(out, r->want) == 0, "row %d: got [%s], want [%s]", _i, out,
	    r->want);
	assert_printable(out);
	free(buf);
	free(s);
}
END_TEST

/* A buffer of SIZE holds the whole characters and escapes that fit with the NUL. */
struct cutrow {
	const char *in;
	size_t size;
	const char *want;
};

static const struct cutrow cut_rows[] = {
	{ "ab\x1b", 1, "" },
	{ "ab\x1b", 2, "a" },
	{ "ab\x1b", 3, "ab" },
	{ "ab\x1b", 4, "ab" },
	{ "ab\x1b", 6, "ab" },
	{ "ab\x1b", 7, "ab\\033" },
	{ "\x1b" "a", 4, "" },
	{ "\x1b" "a", 5, "\\033" },
	{ "\x1b" "a", 6, "\\033a" },
	{ "\xc3\xa9\x01", 2, "" },
	{ "\xc3\xa9\x01", 3, "\xc3\xa9" },
	{ "\xc3\xa9\x01", 6, "\xc3\xa9" },
	{ "\xc3\xa9\x01", 7, "\xc3\xa9\\001" },
	{ "\xf0\x9f\x98\x80\x7f", 1, "" },
	{ "\xf0\x9f\x98\x80\x7f", 4, "" },
	{ "\xf0\x9f\x98\x80\x7f", 5, "\xf0\x9f\x98\x80" },
	{ "\xf0\x9f\x98\x80\x7f", 8, "\xf0\x9f\x98\x80" },
	{ "\xf0\x9f\x98\x80\x7f", 9, "\xf0\x9f\x98\x80\\177" },
	{ "\x01\x02", 8, "\\001" },
	{ "\x01\x02", 9, "\\001\\002" },
};

START_TEST(test_text_cut)
{
	const struct cutrow *r = &cut_rows[_i];
	char *s = exact_copy(r->in, strlen(r->in) + 1), *buf = malloc(r->size);
	const char *out;

	ck_assert_ptr_nonnull(buf);
	out = text_safe(buf, r->size, s);
	ck_assert_ptr_eq(out, buf);
	ck_assert_msg(strcmp(out, r->want) == 0, "row %d: got [%s], want [%s]", _i, out,
	    r->want);
	free(buf);
	free(s);
}
END_TEST

/* Size 0: an empty string, and nothing written. */
START_TEST(test_text_size0)
{
	char buf[1] = { 'x' };
	const char *out = text_safe(buf, 0, "\x1b");

	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(buf[0], 'x');
}
END_TEST

/* text_quote(): into a buffer of SIZE, always a copy, cut with "..." when it must be. */
static const struct cutrow quote_rows[] = {
	{ "eth0", TEXT_QUOTE_SIZE, "eth0" },
	{ "", TEXT_QUOTE_SIZE, "" },
	{ "a\nb", TEXT_QUOTE_SIZE, "a\\012b" },
	{ "\x1b[31mRED\nfake line\a", TEXT_QUOTE_SIZE, "\\033[31mRED\\012fake line\\007" },
	{ "x\xe2\x80\xaey", TEXT_QUOTE_SIZE, "x\\342\\200\\256y" },
	{ "caf\xc3\xa9", TEXT_QUOTE_SIZE, "caf\xc3\xa9" },
	{ "abcdefgh", 9, "abcdefgh" },
	{ "abcdefgh", 8, "abcd..." },
	{ "\n\n\n", 13, "\\012\\012\\012" },
	{ "\n\n\n", 12, "\\012\\012..." },
	{ "ab\xc3\xa9" "cdef", 8, "ab\xc3\xa9..." },
	{ "abc\xc3\xa9" "def", 8, "abc..." },
	{ "abcdef", 4, "..." },
	{ "abcdef", 3, "ab" },
	{ "abcdef", 1, "" },
};

START_TEST(test_text_quote)
{
	const struct cutrow *r = &quote_rows[_i];
	char *s = exact_copy(r->in, strlen(r->in) + 1), *buf = malloc(r->size);
	const char *out;

	ck_assert_ptr_nonnull(buf);
	out = text_quote(buf, r->size, s);
	ck_assert_ptr_eq(out, buf);
	ck_assert_msg(strcmp(out, r->want) == 0, "row %d: got [%s], want [%s]", _i, out,
	    r->want);
	assert_printable(out);
	free(buf);
	free(s);
}
END_TEST

/* Size 0 writes nothing; a long hostile argument stays within TEXT_QUOTE_SIZE. */
START_TEST(test_text_quote_bounds)
{
	char one[1] = { 'x' }, buf[TEXT_QUOTE_SIZE], *nl = malloc(301);
	size_t k;

	ck_assert_str_eq(text_quote(one, 0, "\n"), "");
	ck_assert_int_eq(one[0], 'x');
	ck_assert_ptr_nonnull(nl);
	memset(nl, '\n', 300);
	nl[300] = '\0';
	text_quote(buf, sizeof(buf), nl);
	k = strlen(buf);
	ck_assert_uint_eq(k, 256 * 4 - 4 + 3);	/* 255 escapes and the dots */
	ck_assert_str_eq(buf + k - 7, "\\012...");
	memset(nl, 'a', 256);
	nl[256] = '\0';
	ck_assert_str_eq(text_quote(buf, sizeof(buf), nl), nl);
	free(nl);
}
END_TEST

/* Bytes, how many of them text_utf8_len() may read, and the length (RFC 3629). */
struct lenrow {
	const char *in;
	size_t n;
	size_t want;
};

static const struct lenrow len_rows[] = {
	{ "A", 1, 1 },
	{ "\x7f", 1, 1 },
	{ "A\xff", 2, 1 },
	{ "\xc2\x80", 2, 2 },				/* U+0080 */
	{ "\xc3\xa9", 2, 2 },
	{ "\xdf\xbf", 2, 2 },				/* U+07FF */
	{ "\xc3\xa9x", 3, 2 },
	{ "\xe0\xa0\x80", 3, 3 },			/* U+0800 */
	{ "\xe2\x82\xac", 3, 3 },
	{ "\xed\x9f\xbf", 3, 3 },			/* U+D7FF */
	{ "\xee\x80\x80", 3, 3 },			/* U+E000 */
	{ "\xef\xbf\xbf", 3, 3 },			/* U+FFFF */
	{ "\xf0\x90\x80\x80", 4, 4 },			/* U+10000 */
	{ "\xf0\x9f\x98\x80", 4, 4 },
	{ "\xf4\x8f\xbf\xbf", 4, 4 },			/* U+10FFFF */
	{ "\xf0\x9f\x98\x80" "a", 5, 4 },
	/* a continuation byte cannot start a character */
	{ "\x80", 1, 0 },
	{ "\xbf", 1, 0 },
	{ "\x80\x80", 2, 0 },
	/* overlong forms */
	{ "\xc0\x80", 2, 0 },
	{ "\xc1\xbf", 2, 0 },
	{ "\xe0\x80\x80", 3, 0 },
	{ "\xe0\x9f\xbf", 3, 0 },
	{ "\xf0\x80\x80\x80", 4, 0 },
	{ "\xf0\x8f\xbf\xbf", 4, 0 },
	/* UTF-16 surrogates */
	{ "\xed\xa0\x80", 3, 0 },
	{ "\xed\xbf\xbf", 3, 0 },
	/* past U+10FFFF, and leads that never occur */
	{ "\xf4\x90\x80\x80", 4, 0 },
	{ "\xf5\x80\x80\x80", 4, 0 },
	{ "\xf7\xbf\xbf\xbf", 4, 0 },
	{ "\xf8\x88\x80\x80\x80", 5, 0 },
	{ "\xfc\x84\x80\x80\x80\x80", 6, 0 },
	{ "\xfe", 1, 0 },
	{ "\xff", 1, 0 },
	/* a byte that does not continue */
	{ "\xc3\x28", 2, 0 },
	{ "\xc3\xc3\xa9", 3, 0 },
	{ "\xe2\x28\xa1", 3, 0 },
	{ "\xe2\x82\x28", 3, 0 },
	{ "\xf0\x9f\x98\x28", 4, 0 },
	/* truncated: fewer bytes than the lead announces */
	{ "\xc3", 1, 0 },
	{ "\xe2\x82", 2, 0 },
	{ "\xe2", 1, 0 },
	{ "\xf0\x9f\x98", 3, 0 },
	{ "\xf0", 1, 0 },
};

/* The N bytes are an exact-size heap copy: a read past them is an ASan error. */
START_TEST(test_text_utf8_len)
{
	const struct lenrow *r = &len_rows[_i];
	unsigned char *p = exact_copy(r->in, r->n);

	ck_assert_msg(text_utf8_len(p, r->n) == r->want, "row %d: got %zu, want %zu", _i,
	    text_utf8_len(p, r->n), r->want);
	free(p);
}
END_TEST

/* Truncated by N although the bytes go on: N bounds the sequence. */
START_TEST(test_text_utf8_len_bounded)
{
	static const unsigned char emoji[] = { 0xf0, 0x9f, 0x98, 0x80 };
	static const unsigned char euro[] = { 0xe2, 0x82, 0xac };

	ck_assert_uint_eq(text_utf8_len(emoji, 3), 0);
	ck_assert_uint_eq(text_utf8_len(emoji, 2), 0);
	ck_assert_uint_eq(text_utf8_len(emoji, 1), 0);
	ck_assert_uint_eq(text_utf8_len(euro, 2), 0);
	ck_assert_uint_eq(text_utf8_len(euro, 1), 0);
}
END_TEST

/*
 * N == 0: 0, without reading S at all. S here is one past the end of its buffer,
 * so under ASan a read of S[0] is a heap-buffer-overflow.
 */
START_TEST(test_text_utf8_len_empty)
{
	unsigned char *p = exact_copy("A", 1);

	ck_assert_uint_eq(text_utf8_len(p + 1, 0), 0);
	free(p);
}
END_TEST

Suite *
suite_text(void)
{
	Suite *s = suite_create("text");
	TCase *safe = tcase_create("text safe");
	TCase *utf8 = tcase_create("text utf8");

	tcase_add_loop_test(safe, test_text_plain, 0, (int)ESA_NELEM(plain_rows));
	tcase_add_loop_test(safe, test_text_escape, 0, (int)ESA_NELEM(esc_rows));
	tcase_add_loop_test(safe, test_text_cut, 0, (int)ESA_NELEM(cut_rows));
	tcase_add_test(safe, test_text_size0);
	tcase_add_loop_test(safe, test_text_quote, 0, (int)ESA_NELEM(quote_rows));
	tcase_add_test(safe, test_text_quote_bounds);
	suite_add_tcase(s, safe);

	tcase_add_loop_test(utf8, test_text_utf8_len, 0, (int)ESA_NELEM(len_rows));
	tcase_add_test(utf8, test_text_utf8_len_bounded);
	tcase_add_test(utf8, test_text_utf8_len_empty);
	suite_add_tcase(s, utf8);
	return s;
}
