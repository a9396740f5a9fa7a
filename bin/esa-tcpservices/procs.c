/* SPDX-License-Identifier: BSD-2-Clause */
/* procs.c - which processes hold the listening sockets: one pass over /proc/PID/fd. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "esa.h"
#include "tcpservices.h"

int
procs_fd_inode(const char *link, size_t len, uint32_t *inode)
{
	static const char prefix[] = "socket:[";
	const size_t plen = sizeof(prefix) - 1;
	uint64_t v = 0;
	size_t i;

	if (len < plen + 2 || memcmp(link, prefix, plen) != 0 || link[len - 1] != ']')
		return 0;
	for (i = plen; i < len - 1; i++) {
		if (link[i] < '0' || link[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(link[i] - '0');
		if (v > UINT32_MAX)
			return 0;	/* socket inodes are 32-bit (get_next_ino()) */
	}
	*inode = (uint32_t)v;
	return 1;
}

int
procs_status_uid(const char *text, size_t len, uint32_t *uid)
{
	const char *end = text + len, *p = text;

	/* "Uid:\tREAL\tEFFECTIVE\tSAVED\tFS": the effective uid, as ps(1) shows it */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl != NULL ? nl : end;

		if (le - p > 4 && memcmp(p, "Uid:", 4) == 0) {
			uint64_t v = 0;
			int field = 0;
			bool digits = false;

			for (p += 4; p <= le; p++) {
				if (p < le && *p >= '0' && *p <= '9') {
					v = v * 10 + (uint64_t)(*p - '0');
					digits = true;
					if (v > UINT32_MAX)
						return -1;
				} else if (p < le && (*p == '\t' || *p == ' ')) {
					if (!digits)
						continue;
					if (++field == 2)
						break;
					v = 0;
					digits = false;
				} else {
					if (digits && ++field == 2)
						break;
					return -1;
				}
			}
			if (field != 2)
				return -1;
			*uid = (uint32_t)v;
			return 0;
		}
		p = le + 1;
	}
	return -1;
}

/*
 * Reads a small /proc file at PATH (relative to DIRFD) into BUF: its length, or -1.
 * One read: the files read here (comm, status) are produced whole by one read of
 * 4 KiB or more.
 */
static ssize_t
read_small(int dirfd, const char *path, char *buf, size_t size)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

/* The scan's working state: one buffer for directory entries, reused for every process. */
struct scan {
	int proc;			/* /proc */
	const struct listeners *l;
	struct rows *r;
	char *dents;
	size_t dsize;
};

static void
rows_push(struct rows *r, pid_t pid, int fd, const struct sockdiag_sock *s)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xrealloc(r->v, r->cap, sizeof(*r->v));
	}
	memset(&r->v[r->n], 0, sizeof(r->v[r->n]));
	r->v[r->n].pid = pid;
	r->v[r->n].fd = fd;
	r->v[r->n].s = s;
	r->n++;
}

/*
 * Fills command and uid of the rows FIRST.. (those of PID). False when the process
 * is gone (its rows are then dropped by the caller).
 */
static bool
describe(struct scan *sc, pid_t pid, size_t first)
{
	struct row *r0 = &sc->r->v[first];
	char path[32], buf[4096];
	ssize_t n;
	uint32_t uid;

	snprintf(path, sizeof(path), "%d/comm", (int)pid);
	if ((n = read_small(sc->proc, path, buf, sizeof(buf))) <= 0)
		return false;
	if (buf[n - 1] == '\n')
		n--;
	if ((size_t)n >= PROCS_COMM_MAX)
		n = PROCS_COMM_MAX - 1;
	memcpy(r0->comm, buf, (size_t)n);
	r0->comm[n] = '\0';
	snprintf(path, sizeof(path), "%d/status", (int)pid);
	if ((n = read_small(sc->proc, path, buf, sizeof(buf))) <= 0 ||
	    procs_status_uid(buf, (size_t)n, &uid) < 0)
		return false;
	for (size_t i = first; i < sc->r->n; i++) {
		if (i > first)
			memcpy(sc->r->v[i].comm, r0->comm, PROCS_COMM_MAX);
		sc->r->v[i].uid = uid;
	}
	return true;
}

/* Was socket S already recorded for the process whose rows start at FIRST? */
static bool
seen(const struct rows *r, size_t first, const struct sockdiag_sock *s)
{
	for (size_t i = first; i < r->n; i++)
		if (r->v[i].s == s)
			return true;
	return false;
}

/* Decimal text of V into BUF (at least 11 bytes). */
static void
put_num(char *buf, unsigned int v)
{
	char tmp[10];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n > 0)
		*buf++ = tmp[--n];
	*buf = '\0';
}

/*
 * One fd of the process whose rows start at FIRST: its link is read relative to
 * the fd directory (no path walk) and a socket link is looked up. 1 when it was
 * there, 0 when not (closed), -1 when the reader may not follow it (ptrace read
 * access is missing: another user's or a non-dumpable process).
 */
static int
scan_fd(struct scan *sc, int dirfd, const char *name, pid_t pid, size_t first)
{
	char link[64];
	const struct sockdiag_sock *s;
	uint32_t inode;
	ssize_t len = readlinkat(dirfd, name, link, sizeof(link));

	if (len < 0)
		return errno == EACCES || errno == EPERM ? -1 : 0;
	if (procs_fd_inode(link, (size_t)len, &inode) &&
	    (s = listeners_find(sc->l, inode)) != NULL && !seen(sc->r, first, s))
		rows_push(sc->r, pid, atoi(name), s);
	return 1;
}

/*
 * The fds by number from 0, as long as they are dense: Linux 6.2 and later give
 * the number of open fds as the size of /proc/PID/fd, and asking for the links
 * by number saves listing the directory, a third of the cost (every fd would be
 * looked up twice). Returns the first number not tried, or -1 when the process
 * could not be read. *done tells whether every open fd was found.
 */
static long
scan_dense(struct scan *sc, int dirfd, pid_t pid, size_t first, bool *done)
{
	struct stat st;
	long want, found = 0, miss = 0, i;
	char name[12];

	*done = false;
	if (fstat(dirfd, &st) < 0 || st.st_size <= 0)
		return 0;	/* before 6.2 the size is 0: list the directory */
	want = (long)st.st_size;
	/* a few gaps (closed fds) are cheaper to probe than a listing */
	for (i = 0; found < want && miss < 16 + want / 4; i++) {
		int r;

		put_num(name, (unsigned int)i);
		if ((r = scan_fd(sc, dirfd, name, pid, first)) < 0)
			return -1;
		found += r;
		miss += !r;
	}
	*done = found >= want;
	return i;
}

/*
 * One process: its fds by number while they are dense, then the rest from the
 * directory listing (getdents64 with the large buffer: readdir(3) would ask for
 * 32 KiB at a time). Then the command and uid of a process that holds any.
 */
static void
scan_pid(struct scan *sc, pid_t pid)
{
	char path[32];
	size_t first = sc->r->n;
	long from;
	bool done;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%d/fd", (int)pid);
	fd = openat(sc->proc, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		/*
		 * EACCES: another user's process (the directory is its owner's, mode
		 * 0500) or a non-dumpable one; ENOENT/ESRCH: it has ended meanwhile.
		 */
		if (errno == EACCES || errno == EPERM)
			sc->r->unreadable++;
		return;
	}
	if ((from = scan_dense(sc, fd, pid, first, &done)) < 0)
		goto denied;
	while (!done && (n = syscall(SYS_getdents64, fd, sc->dents, sc->dsize)) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(sc->dents + off);

			off += d->d_reclen;
			/* ".", "..", and the numbers scan_dense() tried */
			if (d->d_name[0] == '.' || strtol(d->d_name, NULL, 10) < from)
				continue;
			if (scan_fd(sc, fd, d->d_name, pid, first) < 0)
				goto denied;
		}
	}
	close(fd);
	if (sc->r->n > first && !describe(sc, pid, first))
		sc->r->n = first;
	return;
denied:
	sc->r->unreadable++;
	sc->r->n = first;
	close(fd);
}

/* A /proc entry that is a process: all digits. Its pid, or 0. */
static pid_t
pid_of(const char *name)
{
	long v = 0;

	if (*name == '\0')
		return 0;
	for (; *name != '\0'; name++) {
		if (*name < '0' || *name > '9' || v > 1L << 30)
			return 0;
		v = v * 10 + (*name - '0');
	}
	return (pid_t)v;
}

int
procs_scan(const char *proc, const struct listeners *l, struct rows *r)
{
	struct scan sc = { .l = l, .r = r, .dsize = 256 * 1024 };
	char *pdents;
	ssize_t n;
	int err = 0;

	if ((sc.proc = open(proc, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	sc.dents = xmalloc(sc.dsize);
	pdents = xmalloc(64 * 1024);
	while ((n = syscall(SYS_getdents64, sc.proc, pdents, (size_t)64 * 1024)) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(pdents + off);
			pid_t pid = pid_of(d->d_name);

			off += d->d_reclen;
			if (pid > 0)
				scan_pid(&sc, pid);
		}
	}
	if (n < 0)
		err = errno;
	free(pdents);
	free(sc.dents);
	close(sc.proc);
	errno = err;
	return err != 0 ? -1 : 0;
}

void
rows_free(struct rows *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

size_t
rows_add_ownerless(struct rows *r, const struct listeners *l)
{
	bool *owned = xcalloc(l->n ? l->n : 1, sizeof(*owned));
	size_t added = 0;

	for (size_t i = 0; i < r->n; i++)
		owned[r->v[i].s - l->v] = true;
	for (size_t i = 0; i < l->n; i++) {
		if (owned[i])
			continue;
		rows_push(r, 0, -1, &l->v[i]);
		/* as FreeBSD's sockstat shows a socket it finds no file for: "?" */
		strcpy(r->v[r->n - 1].comm, "?");
		r->v[r->n - 1].uid = l->v[i].uid;
		added++;
	}
	free(owned);
	return added;
}
