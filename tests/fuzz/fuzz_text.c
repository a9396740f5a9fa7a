/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_text.c - libFuzzer harness for lib/text.c: any bytes come out safe to print. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Whether the valid UTF-8 character at P (LEN bytes) is a bidirectional control,
 * judged by its decoded code point where lib/text.c matches bytes.
 */
static int
is_bidi_char(const unsigned char *p, size_t len)
{
	uint32_t cp;

	if (len == 2)
		cp = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	else if (len == 3)
		cp = (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	else
		return 0;
	return cp == 0x061c || (cp >= 0x200e && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Length of the next unit of safe text at P: a "\ooo" escape or one printable
 * character. Aborts on anything else: a control byte, DEL, a C1 control, a
 * bidirectional control, invalid UTF-8, a bare '\'.
 */
static size_t
safe_unit(const unsigned char *p, size_t n)
{
	size_t len;

	if (p[0] == '\\') {
		CHECK(n >= 4);
		for (int i = 1; i <= 3; i++)
			CHECK(p[i] >= '0' && p[i] <= '7');
		CHECK(p[1] <= '3');
		return 4;
	}
	CHECK(p[0] >= 0x20 && p[0] != 0x7f);
	CHECK((len = oracle_utf8_char(p, n)) != 0);
	CHECK(!(len == 2 && p[0] == 0xc2 && p[1] < 0xa0));
	CHECK(!is_bidi_char(p, len));
	return len;
}

/* Decodes safe text OUT into DEC (at least as long); returns the decoded length. */
static size_t
unescape(const char *out, unsigned char *dec)
{
	const unsigned char *p = (const unsigned char *)out;
	size_t n = strlen(out), i, len, d = 0;

	for (i = 0; i < n; i += len) {
		len = safe_unit(p + i, n - i);
		if (len == 4 && p[i] == '\\')
			dec[d++] = (unsigned char)((p[i + 1] - '0') << 6 |
			    (p[i + 2] - '0') << 3 | (p[i + 3] - '0'));
		else {
			memcpy(dec + d, p + i, len);
			d += len;
		}
	}
	return d;
}

/*
 * The full escaped form: exact-size buffer of TEXT_SAFE_SIZE(n); S itself only when
 * S was already safe; decoding gives back S. Returns a copy of the text for the
 * cut checks (the caller frees it).
 */
static char *
check_full(const char *s, size_t n)
{
	size_t size = TEXT_SAFE_SIZE(n), d;
	char *buf, *copy;
	unsigned char *dec;
	const char *out;

	CHECK((buf = malloc(size)) != NULL);
	CHECK((dec = malloc(n + 1)) != NULL);
	out = text_safe(buf, size, s);
	CHECK(out == s || out == buf);
	CHECK(memchr(out, '\0', out == s ? n + 1 : size) != NULL);
	d = unescape(out, dec);
	CHECK(d == n && memcmp(dec, s, n) == 0);
	if (out == buf)
		CHECK(strcmp(out, s) != 0);
	CHECK((copy = strdup(out)) != NULL);
	free(dec);
	free(buf);
	return copy;
}

/*
 * A small exact-size buffer: a prefix of the full text, cut between units, and no
 * shorter than it has to be (the next unit would not fit with the NUL).
 */
static void
check_cut(const char *s, const char *full, size_t size)
{
	size_t i, k, len, flen = strlen(full);
	char *buf;
	const char *out;

	CHECK((buf = malloc(size)) != NULL);
	out = text_safe(buf, size, s);
	if (out == s) {
		CHECK(strcmp(full, s) == 0);
		free(buf);
		return;
	}
	CHECK(out == buf);
	CHECK(memchr(buf, '\0', size) != NULL);
	k = strlen(buf);
	CHECK(k < size && k <= flen && memcmp(buf, full, k) == 0);
	if (k < flen)
		CHECK(k + safe_unit((const unsigned char *)full + k, flen - k) >= size);
	for (i = 0; i < k; i += len)
		len = safe_unit((const unsigned char *)buf + i, k - i);
	free(buf);
}

/*
 * text_quote() into SIZE bytes: always BUF, safe text all through; the full escaped
 * form when it fits, else a prefix of it followed by "..." (from 4 bytes on).
 */
static void
check_quote(const char *s, const char *full, size_t size)
{
	size_t i, k, len, flen = strlen(full);
	char *buf;
	const char *out;

	CHECK((buf = malloc(size)) != NULL);
	out = text_quote(buf, size, s);
	CHECK(out == buf);
	CHECK(memchr(buf, '\0', size) != NULL);
	k = strlen(buf);
	for (i = 0; i < k; i += len)
		len = safe_unit((const unsigned char *)buf + i, k - i);
	if (flen < size)
		CHECK(strcmp(buf, full) == 0);
	else if (size >= 4)
		CHECK(k >= 3 && strcmp(buf + k - 3, "...") == 0 &&
		    memcmp(buf, full, k - 3) == 0);
	else
		CHECK(k < size && memcmp(buf, full, k) == 0);
	free(buf);
}

/* text_utf8_len() agrees with the second opinion and never goes past N. */
static void
check_utf8_len(const uint8_t *data, size_t size)
{
	unsigned char *raw;
	size_t got;

	if (size == 0)
		return;
	/* exact size: a read past the last byte is an ASan error */
	CHECK((raw = malloc(size)) != NULL);
	memcpy(raw, data, size);
	for (size_t i = 0; i < size; i++) {
		for (size_t m = 1; m <= 5 && m <= size - i; m++) {
			got = text_utf8_len(raw + i, m);
			CHECK(got <= m && got <= 4);
			CHECK(got == oracle_utf8_char(raw + i, m));
		}
	}
	free(raw);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t small[] = { 1, 2, 3, 4, 5, 6, 8, 13 };
	size_t n = strnlen((const char *)data, size);
	char *s, *full;

	/* text_safe() takes a C string: the input up to its first NUL, exact size */
	CHECK((s = malloc(n + 1)) != NULL);
	memcpy(s, data, n);
	s[n] = '\0';
	full = check_full(s, n);
	for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++) {
		check_cut(s, full, small[i]);
		check_quote(s, full, small[i]);
	}
	if (n > 0) {
		check_cut(s, full, strlen(full));
		check_cut(s, full, n);
		check_quote(s, full, strlen(full));
		check_quote(s, full, strlen(full) + 1);
	}
	free(full);
	free(s);
	check_utf8_len(data, size);
	return 0;
}
