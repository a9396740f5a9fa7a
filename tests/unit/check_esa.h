/* check_esa.h - small helpers shared by the unit suites. */
#ifndef ESA_CHECK_ESA_H
#define ESA_CHECK_ESA_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Capture what a printer writes: open a memory stream, run the printer on it, then
 * compare. The buffer belongs to the caller (free() it).
 */
struct memout {
	FILE *f;
	char *buf;
	size_t len;
};

static inline void
memout_open(struct memout *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	ck_assert_ptr_nonnull(m->f);
}

/* Closes the stream and returns the text written (NUL-terminated). */
static inline char *
memout_close(struct memout *m)
{
	ck_assert_int_eq(fclose(m->f), 0);
	m->f = NULL;
	return m->buf;
}

/* An exact-size heap copy, so ASan sees a read one byte past the input. */
static inline void *
exact_copy(const void *p, size_t n)
{
	void *q = malloc(n ? n : 1);

	ck_assert_ptr_nonnull(q);
	if (n)
		memcpy(q, p, n);
	return q;
}

#endif
