/* SPDX-License-Identifier: BSD-2-Clause */
/* column.c - one text row built column by column, as FreeBSD netstat lays out its tables. */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "column.h"
#include "text.h"

void
row_start(struct row *r)
{
	r->len = 0;
	r->buf[0] = '\0';
}

/* Appends N bytes of S, or as many whole bytes as fit; the row stays NUL-terminated. */
static void
row_bytes(struct row *r, const char *s, size_t n)
{
	size_t room = sizeof(r->buf) - 1 - r->len;

	if (n > room)
		n = room;
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	r->buf[r->len] = '\0';
}

static void
row_pad(struct row *r, size_t n)
{
	static const char blanks[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof(blanks) - 1 ? n : sizeof(blanks) - 1;

		row_bytes(r, blanks, k);
		n -= k;
	}
}

/* Bytes of S that hold its first MAX characters (never half a UTF-8 sequence). */
static size_t
col_prefix(const char *s, size_t max, size_t *chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, c = 0;

	/* ASCII, the usual case (addresses, kernel names): a byte is a character */
	while (i < n && p[i] < 0x80)
		i++;
	if (i == n) {
		i = c = n < max ? n : max;
		*chars = c;
		return i;
	}
	i = 0;
	while (i < n && c < max) {
		size_t k = text_utf8_len(p + i, n - i);

		i += k > 0 ? k : 1;
		c++;
	}
	*chars = c;
	return i;
}

/* Lower-case hex digits of V without leading zeros, at P; returns the end. */
static char *
put_hex(char *p, unsigned int v)
{
	static const char hex[] = "0123456789abcdef";
	int shift = v >= 0x1000 ? 12 : v >= 0x100 ? 8 : v >= 0x10 ? 4 : 0;

	for (; shift >= 0; shift -= 4)
		*p++ = hex[(v >> shift) & 0xf];
	return p;
}

static char *
put_dec(char *p, unsigned int v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/*
 * inet_ntop()'s text without its sprintf() calls, which dominate a listing of 100,000
 * routes. IPv6 as RFC 5952: the longest run of two or more zero groups (the first
 * of equal ones) becomes "::". Addresses whose first 80 bits are zero (IPv4-mapped
 * and -compatible forms) are left to inet_ntop, to write them exactly as it does.
 */
char *
col_ip(char *buf, size_t size, int family, const unsigned char *a)
{
	char *p = buf;
	int best = -1, bestlen = 1, run = 0;
	unsigned int g[8];

	if (size < INET6_ADDRSTRLEN)
		return buf;
	if (family == AF_INET) {
		for (int i = 0; i < 4; i++) {
			if (i > 0)
				*p++ = '.';
			p = put_dec(p, a[i]);
		}
		*p = '\0';
		return buf;
	}
	if (memcmp(a, "\0\0\0\0\0\0\0\0\0\0", 10) == 0)
		return inet_ntop(AF_INET6, a, buf, (socklen_t)size) ? buf : strcpy(buf, "?");
	for (int i = 0; i < 8; i++) {
		g[i] = (unsigned int)a[2 * i] << 8 | a[2 * i + 1];
		run = g[i] == 0 ? run + 1 : 0;
		if (run > bestlen) {
			bestlen = run;
			best = i - run + 1;
		}
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			if (i == 0)
				*p++ = ':';
			i += bestlen - 1;
			continue;
		}
		p = put_hex(p, g[i]);
		if (i < 7)
			*p++ = ':';
	}
	*p = '\0';
	return buf;
}

size_t
col_width(const char *s)
{
	size_t chars;

	(void)col_prefix(s, (size_t)-1, &chars);
	return chars;
}

size_t
row_col(struct row *r, const char *s, int width, int flags)
{
	size_t w = width > 0 ? (size_t)width : 0, chars, bytes;

	bytes = col_prefix(s, (flags & COL_CUT) ? w : (size_t)-1, &chars);
	if (!(flags & COL_LEFT) && chars < w)
		row_pad(r, w - chars);
	row_bytes(r, s, bytes);
	if ((flags & COL_LEFT) && chars < w)
		row_pad(r, w - chars);
	return chars > w ? chars - w : 0;
}

void
row_num(struct row *r, uint64_t v, int width)
{
	char digits[24];
	size_t i = sizeof(digits);

	/* by hand: this runs for every counter of every row of large tables */
	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (width > 0 && sizeof(digits) - i < (size_t)width)
		row_pad(r, (size_t)width - (sizeof(digits) - i));
	row_bytes(r, digits + i, sizeof(digits) - i);
}

void
row_put(struct row *r, const char *s)
{
	row_bytes(r, s, strlen(s));
}

void
row_end(struct row *r, FILE *out)
{
	while (r->len > 0 && r->buf[r->len - 1] == ' ')
		r->len--;
	r->buf[r->len++] = '\n';
	fwrite(r->buf, 1, r->len, out);
	r->len = 0;
}
