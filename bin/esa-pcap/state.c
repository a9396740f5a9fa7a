/* SPDX-License-Identifier: BSD-2-Clause */
/* state.c - the state file a capture rewrites about once a second: key = value lines. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "epcap.h"
#include "esa.h"
#include "parse.h"

void
state_write(const struct state *st, FILE *f)
{
	fprintf(f, "pid = %ld\n", st->pid);
	fprintf(f, "file = %s\n", st->file);
	fprintf(f, "size = %" PRIu64 "\n", st->size);
	fprintf(f, "total = %" PRIu64 "\n", st->total);
	fprintf(f, "packets = %" PRIu64 "\n", st->packets);
	fprintf(f, "dropped = %" PRIu64 "\n", st->dropped);
	fprintf(f, "not_written = %" PRIu64 "\n", st->not_written);
	fprintf(f, "started = %" PRId64 "\n", st->started);
	fprintf(f, "elapsed_ms = %" PRIu64 "\n", st->elapsed_ms);
	fprintf(f, "end = %s\n", end_text(st->end));
	fprintf(f, "message = %s\n", st->message);
	fprintf(f, "write_peak = %" PRIu64 "\n", st->write_peak);
	fprintf(f, "write_cap = %" PRIu64 "\n", st->write_cap);
	fprintf(f, "ring_blocks = %" PRIu64 "\n", st->ring_blocks);
	fprintf(f, "ring_free_min = %" PRIu64 "\n", st->ring_free_min);
	settings_write(&st->set, f);
}

/* One state key; *known false for a settings key. 0, or -1 for a bad value. */
static int
state_key(struct state *st, const char *key, const char *value, bool *known)
{
	uint64_t u;
	int64_t i;

	*known = true;
	if (strcmp(key, "pid") == 0) {
		if (parse_int(value, 0, INT32_MAX, &i, NULL) < 0)
			return -1;
		st->pid = (long)i;
	} else if (strcmp(key, "file") == 0) {
		if (strlen(value) >= sizeof(st->file) || (*value && !name_is_capture(value)))
			return -1;
		strcpy(st->file, value);
	} else if (strcmp(key, "message") == 0) {
		snprintf(st->message, sizeof(st->message), "%s", value);
	} else if (strcmp(key, "end") == 0) {
		return end_parse(value, &st->end);
	} else if (strcmp(key, "started") == 0) {
		if (parse_int(value, 0, INT64_MAX, &i, NULL) < 0)
			return -1;
		st->started = i;
	} else {
		uint64_t *dst = strcmp(key, "size") == 0 ? &st->size :
		    strcmp(key, "total") == 0 ? &st->total :
		    strcmp(key, "packets") == 0 ? &st->packets :
		    strcmp(key, "dropped") == 0 ? &st->dropped :
		    strcmp(key, "not_written") == 0 ? &st->not_written :
		    strcmp(key, "elapsed_ms") == 0 ? &st->elapsed_ms :
		    strcmp(key, "write_peak") == 0 ? &st->write_peak :
		    strcmp(key, "write_cap") == 0 ? &st->write_cap :
		    strcmp(key, "ring_blocks") == 0 ? &st->ring_blocks :
		    strcmp(key, "ring_free_min") == 0 ? &st->ring_free_min : NULL;
		if (dst == NULL) {
			*known = false;
			return 0;
		}
		if (parse_uint(value, 0, UINT64_MAX, &u, NULL) < 0)
			return -1;
		*dst = u;
	}
	return 0;
}

int
state_parse(const char *buf, size_t len, struct state *st)
{
	struct state t;
	char line[EPCAP_FILTER_MAX + 64];
	const char *why;
	size_t off = 0;
	bool known, have_pid = false;

	memset(&t, 0, sizeof(t));
	settings_default(&t.set);
	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;
		char *eq, *value;

		if (n >= sizeof(line) || memchr(buf + off, '\0', n) != NULL)
			return -1;
		memcpy(line, buf + off, n);
		line[n] = '\0';
		off += n + (nl != NULL);
		if (n == 0)
			continue;
		/* written by state_write(): "key = value", exactly one blank each side */
		if ((eq = strstr(line, " = ")) == NULL)
			return -1;
		*eq = '\0';
		value = eq + 3;
		if (state_key(&t, line, value, &known) < 0)
			return -1;
		if (!known && settings_set(&t.set, line, value, &why) < 0)
			return -1;
		have_pid |= strcmp(line, "pid") == 0;
	}
	if (!have_pid)
		return -1;
	*st = t;
	return 0;
}

int
state_load(int dirfd, struct state *st)
{
	char buf[EPCAP_FILTER_MAX * 2 + 4096];
	struct stat sb;
	ssize_t n;
	int fd;

	/* anybody who may write the directory may put a FIFO there: never block on it */
	if ((fd = openat(dirfd, EPCAP_STATE_NAME,
	    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 0)
		return -1;
	if ((size_t)n == sizeof(buf) || state_parse(buf, (size_t)n, st) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

static void
fill_state(const void *arg, FILE *f)
{
	state_write(arg, f);
}

/*
 * A full disk has no block for a temporary file, but the state file has its own
 * already (it is smaller than one block): it is rewritten in place, its one write
 * smaller than a page, which readers see whole on Linux.
 */
static int
state_overwrite(int dirfd, const struct state *st)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int fd, rc = -1, e;

	if ((f = open_memstream(&text, &len)) == NULL)
		return -1;
	state_write(st, f);
	if (fclose(f) != 0) {
		free(text);
		return -1;
	}
	if ((fd = openat(dirfd, EPCAP_STATE_NAME, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		if (pwrite(fd, text, len, 0) == (ssize_t)len && ftruncate(fd, (off_t)len) == 0)
			rc = 0;
		e = errno;
		close(fd);
		errno = e;
	}
	free(text);
	return rc;
}

int
state_save(int dirfd, const struct state *st)
{
	if (atomic_write(dirfd, EPCAP_STATE_NAME, 0640, false, fill_state, st) == 0)
		return 0;
	if (errno != ENOSPC && errno != EDQUOT)
		return -1;
	return state_overwrite(dirfd, st);
}
