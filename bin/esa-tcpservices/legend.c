/* SPDX-License-Identifier: BSD-2-Clause */
/* legend.c - the services data files: which processes are known, and what they do. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "esa.h"
#include "tcpservices.h"

#define LEGEND_FILE_MAX (1024 * 1024)

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Adds NAME (N bytes) or replaces its entry: a later file refines an earlier one. */
static void
put(struct legend *l, const char *name, size_t n, const char *desc, size_t dn,
    enum legend_section section)
{
	struct legend_entry *e = NULL;

	for (size_t i = 0; i < l->n; i++) {
		if (strlen(l->v[i].name) == n && memcmp(l->v[i].name, name, n) == 0) {
			e = &l->v[i];
			free(e->desc);
			break;
		}
	}
	if (e == NULL) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 32;
			l->v = xrealloc(l->v, l->cap, sizeof(*l->v));
		}
		e = &l->v[l->n++];
		e->name = xmalloc(n + 1);
		memcpy(e->name, name, n);
		e->name[n] = '\0';
	}
	e->desc = xmalloc(dn + 1);
	memcpy(e->desc, desc, dn);
	e->desc[dn] = '\0';
	e->section = section;
}

/*
 * One line (P, N bytes, without its line end). Returns NULL when it was understood
 * (SECTION may change), else why not.
 */
static const char *
parse_line(struct legend *l, const char *p, size_t n, enum legend_section *section)
{
	size_t i = 0, name, nlen, desc;

	if (n > LEGEND_LINE_MAX)
		return "line too long";
	for (size_t k = 0; k < n; k++)
		if (((unsigned char)p[k] < 0x20 && p[k] != '\t') || p[k] == 0x7f)
			return "control character";
	while (n > 0 && blank(p[n - 1]))
		n--;
	while (i < n && blank(p[i]))
		i++;
	if (i == n || p[i] == '#')
		return NULL;
	if (p[i] == '[') {
		if (n - i == 8 && memcmp(p + i, "[system]", 8) == 0)
			*section = LEGEND_SYSTEM;
		else if (n - i == 9 && memcmp(p + i, "[feature]", 9) == 0)
			*section = LEGEND_FEATURE;
		else
			return "unknown section (use [system] or [feature])";
		return NULL;
	}
	for (name = i; i < n && !blank(p[i]); i++)
		;
	nlen = i - name;
	if (nlen > LEGEND_NAME_MAX)
		return "name too long";
	while (i < n && blank(p[i]))
		i++;
	desc = i;
	if (desc == n)
		return "no description";
	put(l, p + name, nlen, p + desc, n - desc, *section);
	return NULL;
}

size_t
legend_parse(struct legend *l, const char *buf, size_t len, legend_bad_fn bad, void *ctx)
{
	enum legend_section section = LEGEND_SYSTEM;
	size_t lineno = 0, skipped = 0, off = 0;

	while (off < len) {
		const char *p = buf + off, *nl = memchr(p, '\n', len - off);
		size_t n = nl != NULL ? (size_t)(nl - p) : len - off;
		const char *why;

		off += n + (nl != NULL);
		lineno++;
		if (n > 0 && p[n - 1] == '\r')
			n--;	/* CRLF: a file written on Windows */
		if ((why = parse_line(l, p, n, &section)) != NULL) {
			skipped++;
			if (bad != NULL)
				bad(ctx, lineno, why);
		}
	}
	return skipped;
}

int
legend_load(struct legend *l, const char *path, legend_bad_fn bad, void *ctx)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	ssize_t n;
	int fd, err = 0;

	/* without blocking: a FIFO at PATH would wait for a writer that never comes */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		err = errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		err = EISDIR;
		goto out;
	}
	/* a FIFO or a device has no end, or one that someone else decides */
	if (!S_ISREG(st.st_mode)) {
		err = EINVAL;
		goto out;
	}
	buf = xmalloc(LEGEND_FILE_MAX + 1);
	/* read to the end: a file may be shorter or longer than fstat said */
	while (len <= LEGEND_FILE_MAX &&
	    (n = read(fd, buf + len, LEGEND_FILE_MAX + 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto out;
		}
		len += (size_t)n;
	}
	if (len > LEGEND_FILE_MAX) {
		err = EFBIG;
		goto out;
	}
	legend_parse(l, buf, len, bad, ctx);
out:
	free(buf);
	close(fd);
	errno = err;
	return err != 0 ? -1 : 0;
}

const struct legend_entry *
legend_find(const struct legend *l, const char *name)
{
	/*
	 * The kernel keeps 15 bytes of a command name (TASK_COMM_LEN 16):
	 * "systemd-resolved" runs as "systemd-resolve". A name of 15 bytes matches
	 * an entry that begins with it.
	 */
	size_t n = strlen(name);

	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	if (n != 15)
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		if (strncmp(l->v[i].name, name, n) == 0)
			return &l->v[i];
	return NULL;
}

void
legend_free(struct legend *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].desc);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
