/* SPDX-License-Identifier: BSD-2-Clause */
/* column.h - one text row built column by column, as FreeBSD netstat lays out its tables. */
#ifndef ESA_NETSTAT_COLUMN_H
#define ESA_NETSTAT_COLUMN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Long enough for any row: two 1025-byte names, an escaped alias, the numbers. */
#define ROW_MAX 4096

struct row {
	char buf[ROW_MAX];
	size_t len;
};

enum {
	COL_LEFT = 1 << 0,	/* left-aligned (default: right) */
	COL_CUT = 1 << 1,	/* cut to WIDTH characters (default: a longer text pushes) */
};

void row_start(struct row *r);
/*
 * Appends S in a field of WIDTH characters (UTF-8 characters, not bytes); returns
 * how many characters it ran past the field (0 when it fit or was cut).
 */
size_t row_col(struct row *r, const char *s, int width, int flags);
/* Appends V right-aligned in WIDTH; a wider number pushes. */
void row_num(struct row *r, uint64_t v, int width);
/* Appends S as it is. */
void row_put(struct row *r, const char *s);
/* Writes the row without trailing blanks, and a newline. */
void row_end(struct row *r, FILE *out);

/* Display width of S in characters: each UTF-8 sequence counts one, a bad byte one. */
size_t col_width(const char *s);

/*
 * Numeric text of an IPv4 or IPv6 address, as inet_ntop() writes it, fast; BUF of
 * at least INET6_ADDRSTRLEN bytes. Returns BUF.
 */
char *col_ip(char *buf, size_t size, int family, const unsigned char *a);

#endif
