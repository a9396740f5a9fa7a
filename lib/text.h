/* text.h - text from outside (aliases, names) made safe to print on a terminal. */
#ifndef ESA_TEXT_H
#define ESA_TEXT_H

#include <stddef.h>

/* Room for the escaped form of N bytes: each may become a four-byte "\ooo". */
#define TEXT_SAFE_SIZE(n) ((n) * 4 + 1)

/*
 * Returns S itself when every byte is printable ASCII or part of valid, printable
 * UTF-8 (the usual case, no copy), else its escaped form in BUF: control bytes
 * (C0, DEL, and C1 as UTF-8), bytes that are not valid UTF-8, and '\' itself become
 * "\ooo" octal escapes as ls -b and vis(3) write them, so an alias or PTR name can
 * neither move the cursor nor hide text. A BUF too small cuts at a whole character.
 */
const char *text_safe(char *buf, size_t size, const char *s);

/*
 * Length of the valid UTF-8 sequence at S (at most N bytes): 1 to 4, or 0 when the
 * bytes there are not valid UTF-8 (overlong, surrogate, past U+10FFFF, truncated).
 */
size_t text_utf8_len(const unsigned char *s, size_t n);

#endif
