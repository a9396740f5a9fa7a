/* SPDX-License-Identifier: BSD-2-Clause */
/* settings.c - the settings file: `key = value` lines, parsed from a buffer, saved atomically. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "epcap.h"
#include "esa.h"
#include "parse.h"
#include "text.h"

void
settings_default(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	strcpy(s->iface, "any");
	s->maxsize = EPCAP_MAXSIZE_DEFAULT;
	s->snaplen = EPCAP_SNAPLEN_DEFAULT;
	s->bufsize = EPCAP_BUFSIZE_DEFAULT;
}

static int
set_str(char *dst, size_t size, const char *value, const char **why)
{
	size_t n = strlen(value);

	if (n >= size) {
		*why = "value is too long";
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f) {
			*why = "control character in value";
			return -1;
		}
	}
	/* the whole field, so that equal settings are equal bytes (state and tests compare) */
	memset(dst, 0, size);
	memcpy(dst, value, n);
	return 0;
}

/* A comma-separated list whose every item passes CHECK. */
static int
set_list(char *dst, size_t size, const char *value, size_t max,
    int (*check)(const char *, const char **), const char **why)
{
	char item[256];
	const char *p = value, *q;
	size_t n = 0;

	while (*p != '\0') {
		q = strchr(p, ',');
		size_t len = q != NULL ? (size_t)(q - p) : strlen(p);
		if (len == 0 || len >= sizeof(item)) {
			*why = len == 0 ? "empty item in list" : "item is too long";
			return -1;
		}
		memcpy(item, p, len);
		item[len] = '\0';
		if (check(item, why) < 0)
			return -1;
		if (++n > max) {
			*why = "too many items";
			return -1;
		}
		p += len + (q != NULL);
		if (q != NULL && *p == '\0') {
			*why = "empty item in list";
			return -1;
		}
	}
	return set_str(dst, size, value, why);
}

/*
 * One item of the interface list: "any", a kernel name or an alias (IFALIASZ: at most
 * 255 bytes, any bytes but control ones, which set_str() refuses). Blanks at either
 * end are refused: the settings file trims them, so the name would not come back.
 */
static int
check_iface(const char *name, const char **why)
{
	size_t n = strlen(name);

	if (n > 255) {
		*why = "not an interface name or alias (at most 255 bytes)";
		return -1;
	}
	if (name[0] == ' ' || name[0] == '\t' || name[n - 1] == ' ' || name[n - 1] == '\t') {
		*why = "an alias with blanks at either end cannot be named";
		return -1;
	}
	return 0;
}

int
settings_set(struct settings *s, const char *key, const char *value, const char **why)
{
	uint64_t v;

	if (strcmp(key, "interface") == 0) {
		if (*value == '\0') {
			*why = "empty interface";
			return -1;
		}
		return set_list(s->iface, sizeof(s->iface), value, 64, check_iface, why);
	}
	if (strcmp(key, "filter") == 0)
		return set_str(s->filter, sizeof(s->filter), value, why);
	if (strcmp(key, "hosts") == 0)
		return set_list(s->hosts, sizeof(s->hosts), value, EPCAP_MAX_HOSTS,
		    filter_check_host, why);
	if (strcmp(key, "ports") == 0)
		return set_list(s->ports, sizeof(s->ports), value, EPCAP_MAX_PORTS,
		    filter_check_port, why);
	if (strcmp(key, "max_size") == 0) {
		if (parse_size(value, EPCAP_MAXSIZE_MIN, EPCAP_MAXSIZE_MAX, &v, why) < 0)
			return -1;
		s->maxsize = v;
		return 0;
	}
	if (strcmp(key, "duration") == 0) {
		if (strcmp(value, "none") == 0) {
			s->duration_ms = 0;
			return 0;
		}
		if (parse_duration_ms(value, 1000, EPCAP_DURATION_MAX_MS, &v, why) < 0)
			return -1;
		s->duration_ms = v;
		return 0;
	}
	if (strcmp(key, "ring") == 0) {
		if (strcmp(value, "none") == 0 || strcmp(value, "0") == 0) {
			s->ring = 0;
			return 0;
		}
		if (parse_uint(value, 2, EPCAP_RING_MAX, &v, why) < 0)
			return -1;
		s->ring = (unsigned int)v;
		return 0;
	}
	if (strcmp(key, "snaplen") == 0) {
		if (parse_uint(value, EPCAP_SNAPLEN_MIN, EPCAP_SNAPLEN_DEFAULT, &v, why) < 0)
			return -1;
		s->snaplen = (unsigned int)v;
		return 0;
	}
	if (strcmp(key, "buffer_size") == 0) {
		if (parse_size(value, EPCAP_BUFSIZE_MIN, EPCAP_BUFSIZE_MAX, &v, why) < 0)
			return -1;
		s->bufsize = v;
		return 0;
	}
	if (strcmp(key, "user") == 0) {
		if (strchr(value, ':') != NULL || strchr(value, ' ') != NULL) {
			*why = "not a user name";
			return -1;
		}
		return set_str(s->user, sizeof(s->user), value, why);
	}
	*why = "unknown key";
	return -1;
}

static const char *
trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*end = '\0';
	return s;
}

int
settings_parse(const char *buf, size_t len, struct settings *s, char *err, size_t errsize)
{
	struct settings t = *s;
	char line[EPCAP_FILTER_MAX + 64];
	const char *why;
	size_t off = 0, lineno = 0;

	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;
		char *eq, *key, *value;

		lineno++;
		if (n >= sizeof(line) || memchr(buf + off, '\0', n) != NULL) {
			snprintf(err, errsize, "line %zu: %s", lineno,
			    n >= sizeof(line) ? "line is too long" : "NUL byte in line");
			return -1;
		}
		memcpy(line, buf + off, n);
		line[n] = '\0';
		off += n + (nl != NULL);
		key = (char *)trim(line, line + n);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			snprintf(err, errsize, "line %zu: expected key = value", lineno);
			return -1;
		}
		value = (char *)trim(eq + 1, line + n);
		*eq = '\0';
		key = (char *)trim(key, eq);
		if (settings_set(&t, key, value, &why) < 0) {
			snprintf(err, errsize, "line %zu: %.32s: %s", lineno, key, why);
			return -1;
		}
	}
	*s = t;
	return 0;
}

const char *
fmt_size(char *buf, size_t size, uint64_t b)
{
	static const char units[] = "KMGT";
	int u = -1;

	while (b >= 1024 && b % 1024 == 0 && u < 3) {
		b /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, "%" PRIu64, b);
	else
		snprintf(buf, size, "%" PRIu64 "%c", b, units[u]);
	return buf;
}

const char *
fmt_duration(char *buf, size_t size, uint64_t ms)
{
	static const struct { uint64_t ms; char unit; } u[] = {
		{ 86400000, 'd' }, { 3600000, 'h' }, { 60000, 'm' }, { 1000, 's' },
	};

	if (ms == 0) {
		snprintf(buf, size, "none");
		return buf;
	}
	for (size_t i = 0; i < ESA_NELEM(u); i++) {
		if (ms % u[i].ms == 0) {
			snprintf(buf, size, "%" PRIu64 "%c", ms / u[i].ms, u[i].unit);
			return buf;
		}
	}
	snprintf(buf, size, "%" PRIu64 "ms", ms);
	return buf;
}

void
settings_write(const struct settings *s, FILE *f)
{
	char a[32];

	fprintf(f, "interface = %s\n", s->iface);
	fprintf(f, "filter = %s\n", s->filter);
	fprintf(f, "hosts = %s\n", s->hosts);
	fprintf(f, "ports = %s\n", s->ports);
	fprintf(f, "max_size = %s\n", fmt_size(a, sizeof(a), s->maxsize));
	fprintf(f, "duration = %s\n", fmt_duration(a, sizeof(a), s->duration_ms));
	if (s->ring)
		fprintf(f, "ring = %u\n", s->ring);
	else
		fprintf(f, "ring = none\n");
	fprintf(f, "snaplen = %u\n", s->snaplen);
	fprintf(f, "buffer_size = %s\n", fmt_size(a, sizeof(a), s->bufsize));
	fprintf(f, "user = %s\n", s->user);
}

/* Reads at most MAX bytes of an open file into a new buffer; *len its size. */
static char *
read_all(int fd, size_t max, size_t *len)
{
	struct stat sb;
	char *p;
	ssize_t r;
	size_t n = 0;

	if (fstat(fd, &sb) < 0)
		return NULL;
	if (!S_ISREG(sb.st_mode) || (uint64_t)sb.st_size > max) {
		errno = !S_ISREG(sb.st_mode) ? EINVAL : EFBIG;
		return NULL;
	}
	p = xmalloc((size_t)sb.st_size + 1);
	while (n <= (size_t)sb.st_size && (r = read(fd, p + n, (size_t)sb.st_size + 1 - n)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(p);
			return NULL;
		}
		n += (size_t)r;
	}
	*len = n;
	return p;
}

int
settings_load(const char *path, struct settings *s, char *err, size_t errsize)
{
	char q[TEXT_QUOTE_SIZE];
	size_t len;
	char *buf;
	int fd, rc;

	settings_default(s);
	/* PATH is the user's (-C): quoted, so that the message stays one line */
	text_quote(q, sizeof(q), path);
	/* O_NONBLOCK: a FIFO named by -C must not hang us before read_all() refuses it */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)) < 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errsize, "%s: %s", q, strerror(errno));
		return -1;
	}
	buf = read_all(fd, 1 << 20, &len);
	close(fd);
	if (buf == NULL) {
		snprintf(err, errsize, "%s: %s", q,
		    errno == EINVAL ? "not a regular file" : strerror(errno));
		return -1;
	}
	char why[200];
	rc = settings_parse(buf, len, s, why, sizeof(why));
	free(buf);
	if (rc < 0)
		snprintf(err, errsize, "%s: %s", q, why);
	return rc;
}

/* The temporary file is .NAME.tmp in the same directory: 0, or -1 with errno. */
int
atomic_write(int dirfd, const char *name, mode_t mode, bool sync,
    void (*fill)(const void *, FILE *), const void *arg)
{
	char tmp[300];
	FILE *f;
	int fd, e;

	if (snprintf(tmp, sizeof(tmp), ".%s.tmp", name) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* a temporary name left by a killed writer is ours to replace */
	if (unlinkat(dirfd, tmp, 0) < 0 && errno != ENOENT)
		return -1;
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	if ((f = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		goto fail;
	}
	fill(arg, f);
	if (fflush(f) != 0 || ferror(f) || (sync && fsync(fd) < 0)) {
		e = errno ? errno : EIO;
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0) {
		e = errno;
		goto fail;
	}
	if (renameat(dirfd, tmp, dirfd, name) < 0) {
		e = errno;
		goto fail;
	}
	if (sync)
		(void)fsync(dirfd);
	return 0;
fail:
	unlinkat(dirfd, tmp, 0);
	errno = e;
	return -1;
}

static void
fill_settings(const void *arg, FILE *f)
{
	fprintf(f, "# esa-pcap settings, written by esa-pcap setup (see esa-pcap(8))\n");
	settings_write(arg, f);
}

int
settings_save(const char *path, const struct settings *s)
{
	char *d1 = xstrdup(path), *d2 = xstrdup(path);
	const char *dir = dirname(d1), *base = basename(d2);
	int dirfd, rc = -1, e;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		goto out;
	if ((dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		goto out;
	rc = atomic_write(dirfd, base, 0644, true, fill_settings, s);
	e = errno;
	close(dirfd);
	errno = e;
out:
	e = errno;
	free(d1);
	free(d2);
	errno = e;
	return rc;
}
