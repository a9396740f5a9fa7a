/* SPDX-License-Identifier: BSD-2-Clause */
/* files.c - saved captures: list, download, delete, clear; names never leave the directory. */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "epcap.h"
#include "esa.h"
#include "json.h"
#include "text.h"

struct entry {
	char name[256];
	uint64_t size;
	int64_t mtime;
	bool running;			/* of the running capture: by name, or locked */
	bool locked;			/* being written (its flock held) */
	bool linked;			/* has other links: never a capture to delete */
};

/* The running capture's stem ("" when none): its ring files are all "running". */
static void
running_stem(int dirfd, char *stem, size_t size)
{
	struct state st;
	long pid;
	char *p;

	stem[0] = '\0';
	if (lock_running(dirfd, &pid) != 1 || state_load(dirfd, &st) < 0 || st.pid != pid)
		return;
	snprintf(stem, size, "%s", st.file);
	/* HOST-YYYYMMDD-HHMMSS of HOST-YYYYMMDD-HHMMSS[-NNN].cap */
	if ((p = strstr(stem, ".cap")) != NULL)
		*p = '\0';
	if (st.set.ring && (p = strrchr(stem, '-')) != NULL)
		*p = '\0';
}

/*
 * Is NAME being written? The capture holds an flock on each file it has open: the
 * kernel's answer, whichever state file is there (another user's stale one, none).
 */
static bool
in_use(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	bool held;

	if (fd < 0)
		return false;
	held = flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	close(fd);
	return held;
}

static bool
is_running(const char *stem, const char *name)
{
	size_t n = strlen(stem);

	return n > 0 && strncmp(name, stem, n) == 0 && (name[n] == '.' || name[n] == '-');
}

static int
by_time(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The saved captures of DIRFD, regular files only, oldest first; *n entries. */
static struct entry *
collect(int dirfd, size_t *n)
{
	struct entry *v = NULL;
	struct dirent *d;
	struct stat sb;
	char stem[256];
	size_t cap = 0;
	int fd = dup(dirfd);
	DIR *dp;

	*n = 0;
	if (fd < 0 || (dp = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	running_stem(dirfd, stem, sizeof(stem));
	while ((d = readdir(dp)) != NULL) {
		if (!name_is_capture(d->d_name) ||
		    fstatat(dirfd, d->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(sb.st_mode))
			continue;
		if (*n == cap)
			v = xrealloc(v, cap = cap ? cap * 2 : 16, sizeof(*v));
		snprintf(v[*n].name, sizeof(v[*n].name), "%s", d->d_name);
		v[*n].size = (uint64_t)sb.st_size;
		v[*n].mtime = (int64_t)sb.st_mtime;
		v[*n].linked = sb.st_nlink != 1;
		v[*n].locked = in_use(dirfd, d->d_name);
		v[*n].running = v[*n].locked || is_running(stem, d->d_name);
		(*n)++;
	}
	closedir(dp);
	if (*n)
		qsort(v, *n, sizeof(*v), by_time);
	errno = 0;
	return v;
}

static int
open_dir_or_empty(const char *dir, bool *empty)
{
	char q[TEXT_QUOTE_SIZE];
	int fd = dir_open(dir);

	*empty = fd < 0 && errno == ENOENT;
	if (fd < 0 && !*empty)
		warn("%s", text_quote(q, sizeof(q), dir));
	return fd;
}

int
files_list(const char *dir, bool json)
{
	struct entry *v = NULL;
	struct json j;
	char when[32], q[TEXT_QUOTE_SIZE];
	size_t n = 0;
	bool empty;
	int dirfd = open_dir_or_empty(dir, &empty);

	if (dirfd < 0 && !empty)
		return ESA_EXIT_ERR;
	if (dirfd >= 0) {
		lock_recover(dirfd);
		v = collect(dirfd, &n);
		close(dirfd);
		if (v == NULL && errno != 0) {
			warn("%s", text_quote(q, sizeof(q), dir));
			return ESA_EXIT_ERR;
		}
	}
	if (json) {
		json_init(&j, stdout, 0);
		json_array_open(&j);
	} else {
		printf("%-40s %12s  %s\n", "Name", "Size", "Last modified");
	}
	for (size_t i = 0; i < n; i++) {
		time_t t = (time_t)v[i].mtime;
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
		if (json) {
			json_object_open(&j);
			json_key_str(&j, "file", v[i].name);
			json_key_uint(&j, "size_bytes", v[i].size);
			json_key_time(&j, "modified_at", v[i].mtime);
			json_key_bool(&j, "running", v[i].running);
			json_object_close(&j);
		} else {
			printf("%-40s %12" PRIu64 "  %s%s\n", v[i].name, v[i].size, when,
			    v[i].running ? "  (running)" : "");
		}
	}
	if (json) {
		json_array_close(&j);
		json_end(&j);
	}
	free(v);
	return ESA_EXIT_OK;
}

/* A capture's file name, whether the directory exists or not: 0, or ESA_EXIT_ERR. */
static int
check_syntax(const char *name)
{
	char q[TEXT_QUOTE_SIZE];

	if (name_is_capture(name))
		return 0;
	warnx("%s: not a capture file name (HOST-YYYYMMDD-HHMMSS[-NNN].cap)",
	    text_quote(q, sizeof(q), name));
	return ESA_EXIT_ERR;
}

/* Does NAME start with a pcap file header? (delete and clear remove nothing else) */
static bool
is_pcap(int dirfd, const char *name)
{
	unsigned char h[24];
	ssize_t n;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, h, sizeof(h));
	close(fd);
	return n == (ssize_t)sizeof(h) && repair_length(h, sizeof(h), NULL) >= 0;
}

/*
 * Checks a user-given NAME: a capture's file name (one component, not hidden), and in
 * DIRFD a regular file with one link, not a symlink. 0, or an exit status after a
 * message (ESA_EXIT_NO when it does not exist).
 */
static int
check_name(int dirfd, const char *name, struct stat *sb)
{
	char q[TEXT_QUOTE_SIZE];
	int rc;

	if ((rc = check_syntax(name)) != 0)
		return rc;
	if (fstatat(dirfd, name, sb, AT_SYMLINK_NOFOLLOW) < 0) {
		warnx("%s: %s", text_quote(q, sizeof(q), name), errno == ENOENT ? "no such capture" : strerror(errno));
		return errno == ENOENT ? ESA_EXIT_NO : ESA_EXIT_ERR;
	}
	if (S_ISLNK(sb->st_mode)) {
		warnx("%s: is a symbolic link, not a capture", text_quote(q, sizeof(q), name));
		return ESA_EXIT_ERR;
	}
	if (!S_ISREG(sb->st_mode) || sb->st_nlink != 1) {
		warnx("%s: not a capture file (%s)", text_quote(q, sizeof(q), name),
		    S_ISREG(sb->st_mode) ? "it has other links" : "not a regular file");
		return ESA_EXIT_ERR;
	}
	return 0;
}

static int
write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
files_download(const char *dir, const char *name, const char *dest)
{
	unsigned char *map = MAP_FAILED;
	char q[TEXT_QUOTE_SIZE];
	struct stat sb;
	long long whole = 0;
	bool out = dest != NULL && strcmp(dest, "-") == 0, empty;
	int dirfd, fd = -1, dfd = -1, rc;

	if (dest == NULL)
		dest = name;
	if (check_syntax(name) != 0)
		return ESA_EXIT_ERR;
	if ((dirfd = open_dir_or_empty(dir, &empty)) < 0) {
		if (empty)
			warnx("%s: no such capture", text_quote(q, sizeof(q), name));
		return empty ? ESA_EXIT_NO : ESA_EXIT_ERR;
	}
	lock_recover(dirfd);
	if ((rc = check_name(dirfd, name, &sb)) != 0)
		goto done;
	rc = ESA_EXIT_ERR;
	if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0 || fstat(fd, &sb) < 0) {
		warn("%s", text_quote(q, sizeof(q), name));
		goto done;
	}
	if (sb.st_size >= 24 &&
	    (map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0)) == MAP_FAILED) {
		warn("%s", text_quote(q, sizeof(q), name));
		goto done;
	}
	/* a running capture's file is copied to its last whole record */
	if (map == MAP_FAILED || (whole = repair_length(map, (size_t)sb.st_size, NULL)) < 0) {
		warnx("%s: not a pcap file", text_quote(q, sizeof(q), name));
		goto done;
	}
	if (out) {
		dfd = STDOUT_FILENO;
	} else if ((dfd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0640)) < 0) {
		warn("%s", text_quote(q, sizeof(q), dest));
		goto done;
	}
	if (write_all(dfd, map, (size_t)whole) < 0 || (!out && (fsync(dfd) < 0 || close(dfd) < 0))) {
		warn("%s", out ? "write error" : text_quote(q, sizeof(q), dest));
		if (!out)
			unlink(dest);	/* no partial copy */
		dfd = -1;
		goto done;
	}
	dfd = -1;
	rc = ESA_EXIT_OK;
done:
	if (map != MAP_FAILED)
		munmap(map, (size_t)sb.st_size);
	if (fd >= 0)
		close(fd);
	if (dfd > STDOUT_FILENO)
		close(dfd);
	close(dirfd);
	return rc;
}

int
files_delete(const char *dir, char **names, int n)
{
	struct stat sb;
	char stem[256], q[TEXT_QUOTE_SIZE];
	bool empty;
	int dirfd, rc = ESA_EXIT_OK, r;
	bool *skip;

	/* a bad name is a usage error, also where there is no directory at all */
	for (int i = 0; i < n; i++)
		if (check_syntax(names[i]) != 0)
			return ESA_EXIT_ERR;
	if ((dirfd = open_dir_or_empty(dir, &empty)) < 0) {
		if (empty)
			warnx("%s: no such capture", text_quote(q, sizeof(q), names[0]));
		return empty ? ESA_EXIT_NO : ESA_EXIT_ERR;
	}
	running_stem(dirfd, stem, sizeof(stem));
	skip = xcalloc((size_t)n, sizeof(*skip));
	/* every name is checked before anything is deleted */
	for (int i = 0; i < n; i++) {
		if ((r = check_name(dirfd, names[i], &sb)) == ESA_EXIT_NO) {
			skip[i] = true;
			rc = ESA_EXIT_NO;
		} else if (r != 0 || ((is_running(stem, names[i]) || in_use(dirfd, names[i])) &&
		    (warnx("%s: is the running capture's", text_quote(q, sizeof(q), names[i])), 1))) {
			rc = ESA_EXIT_ERR;
			goto out;
		} else if (!is_pcap(dirfd, names[i])) {
			warnx("%s: not a pcap file", text_quote(q, sizeof(q), names[i]));
			rc = ESA_EXIT_ERR;
			goto out;
		}
	}
	for (int i = 0; i < n; i++) {
		if (!skip[i] && unlinkat(dirfd, names[i], 0) < 0 && errno != ENOENT) {
			warn("%s", text_quote(q, sizeof(q), names[i]));
			rc = ESA_EXIT_ERR;
		}
	}
out:
	free(skip);
	close(dirfd);
	return rc;
}

int
files_clear(const char *dir)
{
	struct entry *v;
	size_t n;
	bool empty;
	int dirfd = open_dir_or_empty(dir, &empty), rc = ESA_EXIT_OK;

	if (dirfd < 0)
		return empty ? ESA_EXIT_OK : ESA_EXIT_ERR;
	lock_recover(dirfd);
	v = collect(dirfd, &n);
	for (size_t i = 0; i < n; i++) {
		if (v[i].locked) {
			warnx("%s: kept, a capture is writing it", v[i].name);
			continue;
		}
		/* what delete would refuse, clear leaves too */
		if (v[i].running || v[i].linked || !is_pcap(dirfd, v[i].name))
			continue;
		if (unlinkat(dirfd, v[i].name, 0) < 0 && errno != ENOENT) {
			warn("%s", v[i].name);
			rc = ESA_EXIT_ERR;
		}
	}
	free(v);
	close(dirfd);
	return rc;
}
