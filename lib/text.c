/* text.c - text from outside (aliases, names) made safe to print on a terminal. */
#include <stdio.h>
#include <string.h>

#include "text.h"

size_t
text_utf8_len(const unsigned char *s, size_t n)
{
	unsigned int c = s[0], cp;
	size_t len;

	if (n == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;	/* continuation byte, 0xc0/0xc1 (overlong), 0xf5-0xff */
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
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
	return len;
}

const char *
text_safe(char *buf, size_t size, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i, o = 0, len;

	for (i = 0; i < n; i += len)
		if ((len = printable_len(p + i, n - i)) == 0)
			break;
	if (i == n)
		return s;
	if (size == 0)
		return "";
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
	return buf;
}
