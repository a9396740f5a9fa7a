/* esa.h - what every esa-tools program shares: exit statuses and small helpers. */
#ifndef ESA_H
#define ESA_H

#include <stddef.h>

/*
 * Exit statuses, the same in every tool (iputils ping's and grep's convention),
 * so that a script tells "no" from "broken".
 */
enum {
	ESA_EXIT_OK = 0,	/* success */
	ESA_EXIT_NO = 1,	/* ran correctly and the answer is no */
	ESA_EXIT_ERR = 2,	/* usage error or failure */
};

#ifndef ESA_VERSION
#define ESA_VERSION "0.0.0"
#endif

#define ESA_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that cannot fail: on out of memory, print a message and exit ESA_EXIT_ERR. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n, size_t size);
char *xstrdup(const char *s);

/*
 * Flush stdout and turn a write error (EPIPE, ENOSPC, EIO...) into
 * "PROG: write error: REASON"; returns status, or ESA_EXIT_ERR when the write failed.
 * Every tool ends with `return esa_finish(status);` (as util-linux's close_stdout).
 */
int esa_finish(int status);

#endif
