/* SPDX-License-Identifier: BSD-2-Clause */
/* oracle.h - what the fuzz harnesses share: an abort that names the check, and a
 * second opinion on UTF-8 written apart from lib/text.c. */
#ifndef ESA_FUZZ_ORACLE_H
#define ESA_FUZZ_ORACLE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
		abort();						\
	}								\
} while (0)

/*
 * Length of the UTF-8 character at P (N bytes there), or 0 if it is not valid
 * (RFC 3629). It decodes the code point and checks it, where lib/text.c follows
 * Unicode's table of byte ranges, so that the two can disagree.
 */
static inline size_t
oracle_utf8_char(const unsigned char *p, size_t n)
{
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	uint32_t cp;
	size_t len, i;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	else if ((p[0] & 0xe0) == 0xc0)
		len = 2, cp = p[0] & 0x1f;
	else if ((p[0] & 0xf0) == 0xe0)
		len = 3, cp = p[0] & 0x0f;
	else if ((p[0] & 0xf8) == 0xf0)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < least[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

#endif
