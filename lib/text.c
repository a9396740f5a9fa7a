/* SPDX-License-Identifier: BSD-2-Clause */
/* text.c - text from outside (aliases, names) made safe to print on a terminal. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

int
text_utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	int need, i;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		need = 1;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		need = 2;
		if (p[0] == 0xe0)
			lo = 0xa0;	/* below: overlong */
		else if (p[0] == 0xed)
			hi = 0x9f;	/* above: surrogates */
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		need = 3;
		if (p[0] == 0xf0)
			lo = 0x90;	/* below: overlong */
		else if (p[0] == 0xf4)
			hi = 0x8f;	/* above: past U+10FFFF */
	} else {
		return -1;	/* a continuation byte, 0xc0/0xc1 (overlong), 0xf5-0xff */
	}
	for (i = 1; i <= need; i++) {
		if ((size_t)i >= n || p[i] < lo || p[i] > hi)
			return -i;
		lo = 0x80;
		hi = 0xbf;
	}
	return need + 1;
}

size_t
text_utf8_len(const unsigned char *s, size_t n)
{
	int r = text_utf8_seq(s, n);

	return r > 0 ? (size_t)r : 0;
}

/*
 * Whether the well-formed sequence S of LEN bytes is a bidirectional control:
 * U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069. iswprint() accepts them, yet
 * they reorder what follows on the terminal, so a name could hide or fake text.
 */
static bool
is_bidi(const unsigned char *s, size_t len)
{
	if (len == 2)
		return s[0] == 0xd8 && s[1] == 0x9c;			/* U+061C */
	if (len != 3 || s[0] != 0xe2)
		return false;
	if (s[1] == 0x80)	/* U+2000-U+203F */
		return (s[2] >= 0x8e && s[2] <= 0x8f) || (s[2] >= 0xaa && s[2] <= 0xae);
	if (s[1] == 0x81)	/* U+2040-U+207F */
		return s[2] >= 0xa6 && s[2] <= 0xa9;
	return false;
}

/* Length of the printable character at S, or 0 when it must be escaped. */
static size_t
printable_len(const unsigned char *s, size_t n)
{
	size_t len;

	if (s[0] >= 0x20 && s[0] < 0x7f && s[0] != '\\')
		return 1;
	if (s[0] < 0x80)
		return 0;
	len = text_utf8_len(s, n);
	/* U+0080..U+009F are the C1 controls, encoded C2 80..C2 9F */
	if (len == 2 && s[0] == 0xc2 && s[1] < 0xa0)
		return 0;
	if (is_bidi(s, len))
		return 0;
	return len;
}

/*
 * Writes the escaped form of the N bytes at P into BUF (SIZE > 0): the whole
 * characters and escapes that fit with the NUL. Returns how many bytes of P it
 * covers (N when nothing was cut).
 */
static size_t
escape(char *buf, size_t size, const unsigned char *p, size_t n)
{
	size_t i, o = 0, len;

	for (i = 0; i < n; i += len) {
		len = printable_len(p + i, n - i);
		if (len > 0) {
			if (o + len >= size)
				break;
			memcpy(buf + o, p + i, len);
			o += len;
		} else {
			if (o + 4 >= size)
				break;
			snprintf(buf + o, 5, "\\%03o", p[i]);
			o += 4;
			len = 1;
		}
	}
	buf[o] = '\0';
	return i;
}

const char *
text_safe(char *buf, size_t size, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i, len;

	for (i = 0; i < n; i += len)
		if ((len = printable_len(p + i, n - i)) == 0)
			break;
	if (i == n)
		return s;
	if (size == 0)
		return "";
	(void)escape(buf, size, p, n);
	return buf;
}

const char *
text_quote(char *buf, size_t size, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	if (size == 0)
		return "";
	if (escape(buf, size, p, n) == n || size < 4)
		return buf;
	/* cut: room for the dots, so that the reader sees the text goes on */
	(void)escape(buf, size - 3, p, n);
	strcat(buf, "...");
	return buf;
}
