/* SPDX-License-Identifier: BSD-2-Clause */
/* text.h - text from outside (aliases, names) made safe to print on a terminal. */
#ifndef ESA_TEXT_H
#define ESA_TEXT_H

#include <stddef.h>

/* Room for the escaped form of N bytes: each may become a four-byte "\ooo". */
#define TEXT_SAFE_SIZE(n) ((n) * 4 + 1)

/*
 * Returns S itself when every byte is printable ASCII or part of valid, printable
 * UTF-8 (the usual case, no copy), else its escaped form in BUF: control bytes
 * (C0, DEL, and C1 as UTF-8), the bidirectional controls (U+061C, U+200E-U+200F,
 * U+202A-U+202E, U+2066-U+2069), bytes that are not valid UTF-8, and '\' itself
 * become "\ooo" octal escapes as ls -b and vis(3) write them, so an alias or PTR
 * name can neither move the cursor nor hide or reorder text. A BUF too small cuts
 * at a whole character.
 */
const char *text_safe(char *buf, size_t size, const char *s);

/* Room for text_quote() to show an untrusted string of up to 256 bytes whole. */
#define TEXT_QUOTE_SIZE TEXT_SAFE_SIZE(256)

/*
 * S (a user's argument, a name from outside) made fit for a one-line message: always
 * written to BUF (returned; "" when SIZE is 0) with text_safe()'s escapes, so a
 * newline becomes "\012" and no byte can move the cursor. When BUF is too small, S
 * is cut at a whole character and "..." ends it (BUF of at least 4 bytes), so the
 * cut shows. Every message that echoes such a string passes it through here.
 */
const char *text_quote(char *buf, size_t size, const char *s);

/*
 * The UTF-8 sequence at P (at most N bytes; nothing is read when N is 0): its length
 * (1 for ASCII, 2 to 4) when well formed (Unicode Table 3-7: no overlong form, no
 * surrogate, nothing past U+10FFFF); 0 when N is 0; else minus the length of its
 * longest well-formed prefix, the "maximal subpart" that Unicode replaces by one
 * U+FFFD (a byte that can start nothing counts 1).
 */
int text_utf8_seq(const unsigned char *p, size_t n);

/* The same as a length: 1 to 4 for a well-formed sequence, 0 otherwise. */
size_t text_utf8_len(const unsigned char *s, size_t n);

#endif
