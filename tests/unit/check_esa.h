/* SPDX-License-Identifier: BSD-2-Clause */
/* check_esa.h - small helpers shared by the unit suites. */
#ifndef ESA_CHECK_ESA_H
#define ESA_CHECK_ESA_H

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Check has no skip status: a test that cannot run here calls unit_skip() and returns,
 * Check counts it as passed, and the runner (runner.c) counts it again among the
 * skipped, so that the summary line does not pass it off as proved.
 */
void unit_skip(const char *test, const char *why);

/* Skips the running test (returns from it) unless the unit tests run as root. */
#define UNIT_NEED_ROOT()						\
	do {								\
		if (geteuid() != 0) {					\
			unit_skip(__func__, "needs root");		\
			return;						\
		}							\
	} while (0)

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

/*
 * A command line for an options parser: ARGV0, then the words of AP up to a NULL,
 * into ARGV (room for MAX pointers, NULL-ended). Returns argc.
 */
static inline int
argv_build(char **argv, int max, const char *argv0, va_list ap)
{
	int argc = 1;

	argv[0] = (char *)argv0;
	while (argc < max - 1 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	argv[argc] = NULL;
	return argc;
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

/*
 * Reads a fixture of the source tree (ESA_SRCDIR, "." by default) into an exact-size
 * heap buffer; *len gets its size. Fails the test when it cannot be read.
 */
static inline void *
load_fixture(const char *rel, size_t *len)
{
	const char *top = getenv("ESA_SRCDIR");
	char path[4096];
	FILE *f;
	long n;
	void *p;

	snprintf(path, sizeof(path), "%s/%s", top != NULL ? top : ".", rel);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	p = malloc(n > 0 ? (size_t)n : 1);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

#endif
