/* SPDX-License-Identifier: BSD-2-Clause */
/* esa.c - allocation that cannot fail, the write check every tool ends with, and 0-2 kept open. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
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
esa_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int nfd;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* the lowest free descriptor: FD itself, the ones below being open */
		if ((nfd = open("/dev/null", O_RDONLY | O_NOCTTY)) < 0)
			return -1;
		if (nfd != fd) {
			close(nfd);
			errno = EBADF;
			return -1;
		}
	}
	return 0;
}

int
esa_close_stdout(void)
{
	/*
	 * When a write failed earlier, glibc dropped the buffer and only errno still
	 * says why (no call since has failed, or it would have said so itself).
	 */
	int earlier = errno;

	if (fflush(stdout) != 0)
		return -1;
	if (ferror(stdout)) {
		errno = earlier != 0 ? earlier : EIO;
		return -1;
	}
	if (close(STDOUT_FILENO) != 0 && errno != EBADF)
		return -1;
	return 0;
}
