/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * choices.c - the choices esa-cli offers, read from the tools' JSON: the interfaces of
 * `esa-netstat -i -j` (one array of objects, "alias" the name shown, else "interface", the
 * kernel name) and the MX hosts of `esa-smtpping -M -l -j` (one array of objects, "host"
 * the name).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "esa.h"

struct scan {
	const char *p, *end;
};

static int
hex4(struct scan *s, unsigned *v)
{
	int i;

	*v = 0;
	if (s->end - s->p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		char ch = *s->p++;

		*v <<= 4;
		if (ch >= '0' && ch <= '9')
			*v |= (unsigned)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			*v |= (unsigned)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			*v |= (unsigned)(ch - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* Appends code point U as UTF-8 to OUT (room for CHOICES_LEN bytes): 0, or -1. */
static int
put_utf8(char *out, size_t *n, unsigned u)
{
	unsigned char b[4];
	size_t k, i;

	if (u == 0)
		return -1;
	if (u < 0x80) {
		b[0] = (unsigned char)u, k = 1;
	} else if (u < 0x800) {
		b[0] = (unsigned char)(0xc0 | u >> 6), b[1] = (unsigned char)(0x80 | (u & 0x3f)), k = 2;
	} else if (u < 0x10000) {
		b[0] = (unsigned char)(0xe0 | u >> 12);
		b[1] = (unsigned char)(0x80 | (u >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (u & 0x3f)), k = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | u >> 18);
		b[1] = (unsigned char)(0x80 | (u >> 12 & 0x3f));
		b[2] = (unsigned char)(0x80 | (u >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (u & 0x3f)), k = 4;
	}
	if (*n + k >= CHOICES_LEN)
		return -1;
	for (i = 0; i < k; i++)
		out[(*n)++] = (char)b[i];
	return 0;
}

/*
 * The string at S->p (just after its opening quote) decoded into OUT (CHOICES_LEN
 * bytes, NUL-terminated); S->p is left after the closing quote. 0, or -1.
 */
static int
string(struct scan *s, char *out)
{
	size_t n = 0;
	unsigned u, lo;

	while (s->p < s->end) {
		char ch = *s->p++;

		if (ch == '"') {
			out[n] = '\0';
			return 0;
		}
		if ((unsigned char)ch < 0x20)
			return -1;
		if (ch != '\\') {
			if (n + 1 >= CHOICES_LEN)
				return -1;
			out[n++] = ch;
			continue;
		}
		if (s->p == s->end)
			return -1;
		switch (ch = *s->p++) {
		case '"': case '\\': case '/': u = (unsigned char)ch; break;
		case 'b': u = '\b'; break;
		case 'f': u = '\f'; break;
		case 'n': u = '\n'; break;
		case 'r': u = '\r'; break;
		case 't': u = '\t'; break;
		case 'u':
			if (hex4(s, &u) < 0)
				return -1;
			if (u >= 0xdc00 && u <= 0xdfff)
				return -1;
			if (u >= 0xd800 && u <= 0xdbff) {
				if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
					return -1;
				s->p += 2;
				if (hex4(s, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
					return -1;
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			}
			break;
		default:
			return -1;
		}
		if (put_utf8(out, &n, u) < 0)
			return -1;
	}
	return -1;
}

static void
blanks(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* What one object at the wanted depth held: KEY's value and FALLBACK's, the first of each. */
struct pick {
	char *key, *fallback;
};

/* Keeps STR as the value of the key that matched (1: KEY, 2: FALLBACK). */
static void
pick_take(struct pick *k, int which, const char *str)
{
	char **slot = which == 1 ? &k->key : &k->fallback;

	if (*slot == NULL)
		*slot = xstrdup(str);
}

static void
pick_free(struct pick *k)
{
	free(k->key);
	free(k->fallback);
	k->key = k->fallback = NULL;
}

/* At the end of an object: appends KEY's value, else FALLBACK's, to V; -1 past CHOICES_MAX. */
static int
pick_end(struct pick *k, char ***v, size_t *n)
{
	char *keep = k->key != NULL ? k->key : k->fallback;
	int r = 0;

	if (keep != NULL) {
		if (*n == CHOICES_MAX) {
			r = -1;
		} else {
			*v = xrealloc(*v, *n + 1, sizeof(**v));
			(*v)[(*n)++] = xstrdup(keep);
		}
	}
	pick_free(k);
	return r;
}

/* A number, null, true or false after CH, as its text in STR (CHOICES_LEN bytes): 0, or -1. */
static int
scalar(struct scan *s, char ch, char *str)
{
	size_t k = 0;

	str[k++] = ch;
	while (s->p < s->end && strchr(",]} \t\r\n", *s->p) == NULL) {
		if (k + 1 >= CHOICES_LEN)
			return -1;
		str[k++] = *s->p++;
	}
	str[k] = '\0';
	return 0;
}

/*
 * Walks the documents: strings are read whole (so brackets inside them do not count),
 * depth counts brackets, and the value following KEY (or FALLBACK) in an object at DEPTH
 * is kept until the object ends. Each top-level value must be an array or an object.
 */
long
choices_pick(const char *buf, size_t len, const char *key, const char *fallback, int want,
    char ***names)
{
	struct scan s = { buf, buf + len };
	struct pick k = { NULL, NULL };
	char str[CHOICES_LEN];
	char **v = NULL;
	size_t n = 0;
	int depth = 0, is_key = 0, values = 0;

	for (;;) {
		char ch;

		if (depth == 0) {
			blanks(&s);
			if (s.p == s.end)
				break;
			if (*s.p != '[' && *s.p != '{')
				goto bad;
			values++;
		}
		if (s.p == s.end)
			goto bad;	/* a value cut short */
		ch = *s.p++;
		if (ch == '[' || ch == '{') {
			if (++depth > 64)
				goto bad;
			is_key = 0;
		} else if (ch == ']' || ch == '}') {
			/* whatever closes the container at DEPTH ends its object */
			if (depth == want && pick_end(&k, &v, &n) < 0)
				goto bad;
			if (--depth < 0)
				goto bad;
			is_key = 0;	/* a key without its value: nothing follows for it */
		} else if (ch == '"') {
			if (string(&s, str) < 0)
				goto bad;
			blanks(&s);
			if (s.p < s.end && *s.p == ':') {
				is_key = depth != want ? 0 : strcmp(str, key) == 0 ? 1 :
				    fallback != NULL && strcmp(str, fallback) == 0 ? 2 : 0;
				continue;
			}
			if (is_key)
				pick_take(&k, is_key, str);
			is_key = 0;
		} else if (is_key && ((ch >= '0' && ch <= '9') || ch == '-' || ch == 'n' ||
		    ch == 't' || ch == 'f')) {
			if (scalar(&s, ch, str) < 0)
				goto bad;
			pick_take(&k, is_key, str);
			is_key = 0;
		} else if (ch != ':' && ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
			is_key = 0;
		}
	}
	pick_free(&k);
	if (values == 0)
		goto bad;
	*names = v;
	return (long)n;
bad:
	pick_free(&k);
	choices_free(v, n);
	*names = NULL;
	errno = EINVAL;
	return -1;
}

long
choices_parse(const char *buf, size_t len, const char *key, int want, char ***names)
{
	return choices_pick(buf, len, key, NULL, want, names);
}

void
choices_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
