/* esa.c - allocation that cannot fail, and the write check every tool ends with. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "esa.h"

/* Out of memory is the one case where the library ends the program itself. */
static void
nomem(void)
{
	errx(ESA_EXIT_ERR, "out of memory");
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
xrealloc(void *p, size_t n, size_t size)
{
	void *q = reallocarray(p, n ? n : 1, size ? size : 1);

	if (q == NULL)
		nomem();
	return q;
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		nomem();
	return p;
}

int
esa_finish(int status)
{
	/*
	 * fflush() reports what stdio could not write; ferror() what failed earlier
	 * (the error flag stays set). Closing the descriptor too catches NFS-style
	 * errors reported only on close.
	 */
	int failed = fflush(stdout) != 0 || ferror(stdout);
	int saved = errno;

	if (!failed && close(STDOUT_FILENO) != 0 && errno != EBADF) {
		failed = 1;
		saved = errno;
	}
	if (failed) {
		/* EPIPE: the reader went away (| head); stay quiet as cat does. */
		if (saved != EPIPE)
			warnx("write error: %s", strerror(saved ? saved : EIO));
		return ESA_EXIT_ERR;
	}
	return status;
}
