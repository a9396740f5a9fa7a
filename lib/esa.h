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
 * Flushes and closes stdout, so that every write error shows, also one reported only
 * at close: 0, or -1 with errno (EPIPE when the reader went away; for a write that
 * failed earlier, the errno still set, EIO if none). Every tool ends
 * with it and reports a failure as "write error" with ESA_EXIT_ERR (util-linux's
 * close_stdout, without the printing: lib/ never prints).
 */
int esa_close_stdout(void);

/*
 * Opens /dev/null on each of descriptors 0, 1 and 2 that is closed, so that no file
 * the program opens later becomes its standard input, output or error (a lock file
 * receiving the summary). Every tool calls it first. 0, or -1 with errno.
 */
int esa_std_fds(void);

#endif
