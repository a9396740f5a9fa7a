/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lock.c - the capture directory: opened with no symbolic link on its path, who holds
 * its lock (proved from the kernel's /proc, never from a file), a dead capture's state
 * recovered. What both the capture (capture.c, place.c) and its control need.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <linux/openat2.h>

#include "epcap.h"
#include "esa.h"

#define LOCKS_MAX	(4 << 20)	/* /proc/locks read at most this far */
#define FDINFO_MAX	16384
#define CANDIDATES	8

/*
 * One lock line: "N: FLOCK  ADVISORY  WRITE PID MAJ:MIN:INO START END", as /proc/locks
 * and the "lock:" lines of /proc/PID/fdinfo/N print it (fs/locks.c, lock_get_status);
 * a waiter's line has "->" after "N:" and holds nothing. The holder's PID, or 0.
 */
static long
lock_line(const char *line, const struct lock_key *key)
{
	char type[16], mode[16], access[16];
	unsigned int lmaj, lmin;
	uint64_t lino;
	long pid;

	if (strncmp(line, "lock:", 5) == 0)
		line += 5;
	if (sscanf(line, " %*u: %15s %15s %15s %ld %x:%x:%" SCNu64, type, mode, access, &pid,
	    &lmaj, &lmin, &lino) != 7)
		return 0;
	if (strcmp(type, "FLOCK") != 0 || strcmp(access, "WRITE") != 0 || pid <= 0)
		return 0;
	if (key != NULL && (lino != key->ino ||
	    (!key->any_dev && (lmaj != key->maj || lmin != key->min))))
		return 0;
	return pid;
}

size_t
lock_holders(const char *buf, size_t len, const struct lock_key *key, long *pids, size_t max)
{
	char line[256];
	size_t off = 0, found = 0;
	long pid;

	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;

		/* a line too long or holding a NUL is no lock line */
		if (n < sizeof(line) && memchr(buf + off, '\0', n) == NULL) {
			memcpy(line, buf + off, n);
			line[n] = '\0';
			if ((pid = lock_line(line, key)) > 0) {
				if (found < max)
					pids[found] = pid;
				found++;
			}
		}
		off += n + (nl != NULL);
	}
	return found;
}

/* Reads at most MAX bytes of PATH (at DIRFD) into a new buffer: its length, or -1. */
static ssize_t
slurp(int dirfd, const char *path, size_t max, char **out)
{
	size_t len = 0, cap = 4096;
	char *buf;
	ssize_t n;
	int fd;

	if ((fd = openat(dirfd, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	buf = xmalloc(cap);
	while ((n = read(fd, buf + len, cap - len)) > 0 || (n < 0 && errno == EINTR)) {
		if (n < 0)
			continue;
		len += (size_t)n;
		if (len == cap) {
			if (cap >= max)
				break;
			buf = xrealloc(buf, cap *= 2, 1);
		}
	}
	close(fd);
	*out = buf;
	return (ssize_t)len;
}

/* Is the program of PID esa-pcap? 1, 0, or -1 with errno (EACCES: not ours to read). */
static int
proc_is_pcap(long pid)
{
	char path[64], exe[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%ld/exe", pid);
	if ((n = readlink(path, exe, sizeof(exe) - 1)) < 0)
		return errno == ENOENT || errno == ESRCH ? 0 : -1;
	exe[n] = '\0';
	/* an upgrade replaces the binary under a running capture: by name, not by inode */
	if (n > 10 && strcmp(exe + n - 10, " (deleted)") == 0)
		exe[n - 10] = '\0';
	base = strrchr(exe, '/');
	return strcmp(base != NULL ? base + 1 : exe, "esa-pcap") == 0;
}

/*
 * Does PID hold, through one of its own descriptors, a write flock on the file LK?
 * The descriptor is found in /proc/PID/fd by device and inode, its lock in the
 * fdinfo of that descriptor, which lists the locks of that open file only (the
 * device in its lock lines is not always the one stat gives: struct lock_key).
 * 1, 0, or -1 with errno (EACCES: the caller may not read that process's entries).
 */
static int
proc_holds(long pid, const struct stat *lk)
{
	char path[64], *info;
	struct dirent *d;
	struct stat sb;
	ssize_t n;
	int rc = 0, fddir;
	DIR *dp;

	snprintf(path, sizeof(path), "/proc/%ld/fd", pid);
	if ((fddir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return errno == ENOENT || errno == ESRCH ? 0 : -1;
	if ((dp = fdopendir(fddir)) == NULL) {
		close(fddir);
		return -1;
	}
	while (rc == 0 && (d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.' || fstatat(fddir, d->d_name, &sb, 0) < 0 ||
		    sb.st_dev != lk->st_dev || sb.st_ino != lk->st_ino)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/fdinfo/%.20s", pid, d->d_name);
		if ((n = slurp(AT_FDCWD, path, FDINFO_MAX, &info)) < 0) {
			rc = errno == ENOENT ? 0 : -1;
			break;
		}
		rc = lock_holders(info, (size_t)n, NULL, NULL, 0) > 0;
		free(info);
	}
	closedir(dp);
	return rc;
}

/*
 * The PIDs worth proving: the lock file's, the state file's, and /proc/locks' holders
 * of the lock file, by device and inode or, when none is found so, by inode alone.
 */
static size_t
candidates(int dirfd, int lockfd, const struct stat *lk, long *v)
{
	struct lock_key key = {
		.maj = major(lk->st_dev), .min = minor(lk->st_dev), .ino = (uint64_t)lk->st_ino,
	};
	struct state st;
	char buf[32], *locks;
	size_t n = 0, k;
	ssize_t len;

	/* hints only: whoever can write these files can write any number there */
	if ((len = pread(lockfd, buf, sizeof(buf) - 1, 0)) > 0) {
		buf[len] = '\0';
		v[n] = strtol(buf, NULL, 10);
		n += v[n] > 0;
	}
	if (state_load(dirfd, &st) == 0 && st.pid > 0)
		v[n++] = st.pid;
	if ((len = slurp(AT_FDCWD, "/proc/locks", LOCKS_MAX, &locks)) >= 0) {
		if (lock_holders(locks, (size_t)len, &key, NULL, 0) == 0)
			key.any_dev = true;
		k = lock_holders(locks, (size_t)len, &key, v + n, CANDIDATES - n);
		n += k < CANDIDATES - n ? k : CANDIDATES - n;
		free(locks);
	}
	return n;
}

/*
 * Proves which candidate holds the lock: the pidfd is taken first, then its /proc
 * entries are read, then the pidfd must show the process still alive, so the entries
 * read were its own and not those of a later process given the same number.
 * 1 (*pidfd open), 0 (nobody proved), -1 (some candidate could not be read).
 */
static int
prove(const long *v, size_t n, const struct stat *lk, long *pid, int *pidfd)
{
	int unreadable = 0, r, fd;

	for (size_t i = 0; i < n; i++) {
		if ((fd = pidfd_open((pid_t)v[i], 0)) < 0)
			continue;
		if ((r = proc_is_pcap(v[i])) == 1)
			r = proc_holds(v[i], lk);
		if (r == 1) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };

			if (poll(&pfd, 1, 0) == 0) {
				*pid = v[i];
				*pidfd = fd;
				return 1;
			}
		}
		unreadable |= r < 0;
		close(fd);
	}
	return unreadable ? -1 : 0;
}

int
lock_probe(int dirfd, long *pid, int *pidfd)
{
	long v[CANDIDATES];
	struct stat lk;
	int fd, rc = -1;

	*pid = 0;
	*pidfd = -1;
	fd = openat(dirfd, EPCAP_LOCK_NAME, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &lk) < 0)
		goto out;
	if (!S_ISREG(lk.st_mode)) {
		errno = EINVAL;
		goto out;
	}
	if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
		flock(fd, LOCK_UN);
		rc = 0;
		goto out;
	}
	if (errno != EWOULDBLOCK)
		goto out;
	/* held: by a capture only when the kernel says which process holds it */
	rc = 1;
	(void)prove(v, candidates(dirfd, fd, &lk, v), &lk, pid, pidfd);
out:
	close(fd);
	return rc;
}

/* Is a component of PATH (at AT) a symbolic link? Said in a message only. */
static bool
link_on_path(int at, const char *path)
{
	char buf[PATH_MAX];
	struct stat sb;
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		char ch = buf[i];

		if (ch != '/' && ch != '\0')
			continue;
		buf[i] = '\0';
		/* a component not reached is where the walk failed, before any link */
		if (fstatat(at, buf, &sb, AT_SYMLINK_NOFOLLOW) < 0)
			return false;
		if (S_ISLNK(sb.st_mode))
			return true;
		buf[i] = ch;
	}
	return false;
}

/*
 * openat2() with RESOLVE_NO_SYMLINKS (glibc 2.36 has no wrapper): no symlink on the
 * path, ELOOP when there is one. Where fs.protected_symlinks forbids following a link
 * (in a sticky directory, another user's: the default of Debian's kernel), the kernel
 * says EACCES before it says ELOOP; that is a link on the path too.
 */
static int
open_nosymlinks(int at, const char *path, int flags)
{
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC),
		.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	int fd;

	fd = (int)syscall(SYS_openat2, at, path, &how, sizeof(how));
	if (fd < 0 && errno == EACCES && link_on_path(at, path))
		errno = ELOOP;
	return fd;
}

int
dir_open(const char *dir)
{
	return open_nosymlinks(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY);
}

int
dir_make(const char *dir, bool *created)
{
	char *path = xstrdup(dir), *slash, *base;
	const char *parent;
	size_t n = strlen(path);
	int pfd, fd = -1, e;

	*created = false;
	/* "caps/" is "caps": a trailing slash must not split off an empty last name */
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	if ((slash = strrchr(path, '/')) == NULL) {
		parent = ".";
		base = path;
	} else {
		*slash = '\0';
		parent = slash == path ? "/" : path;
		base = slash + 1;
	}
	if (*base == '\0') {
		/* the root directory itself */
		fd = dir_open("/");
		goto out;
	}
	if ((pfd = open_nosymlinks(AT_FDCWD, parent, O_RDONLY | O_DIRECTORY)) < 0)
		goto out;
	if (mkdirat(pfd, base, 0750) == 0)
		*created = true;
	else if (errno != EEXIST)
		goto close_parent;
	fd = open_nosymlinks(pfd, base, O_RDONLY | O_DIRECTORY);
close_parent:
	e = errno;
	close(pfd);
	errno = e;
out:
	e = errno;
	free(path);
	errno = e;
	return fd;
}

int
lock_running(int dirfd, long *pid)
{
	int pidfd, rc = lock_probe(dirfd, pid, &pidfd);

	if (pidfd >= 0)
		close(pidfd);
	return rc;
}

void
lock_recover_held(int dirfd)
{
	struct state st;
	struct stat sb;

	if (state_load(dirfd, &st) < 0 || st.end != END_RUNNING)
		return;
	/* its holder is gone, the lock says so: keep its file to the last whole record */
	if (st.file[0] != '\0') {
		(void)repair_file(dirfd, st.file);
		if (fstatat(dirfd, st.file, &sb, AT_SYMLINK_NOFOLLOW) == 0)
			st.size = (uint64_t)sb.st_size;
	}
	st.end = END_KILLED;
	(void)state_save(dirfd, &st);
}

void
lock_recover(int dirfd)
{
	int fd = openat(dirfd, EPCAP_LOCK_NAME, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;

	if (fd < 0)
		return;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		lock_recover_held(dirfd);
	close(fd);
}
