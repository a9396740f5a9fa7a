/* SPDX-License-Identifier: BSD-2-Clause */
/* json.c - a streaming JSON writer: constant memory, RFC 8259 escaping, valid UTF-8. */
#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "text.h"

#define LIT(j, s) fwrite((s), 1, sizeof(s) - 1, (j)->out)

/* Level d (1-based) is bit d - 1 of the stacks. */
#define LEVEL_BIT(d) ((uint32_t)1 << ((d) - 1))

/* Two spaces per level, JSON_MAX_DEPTH levels. */
static const char spaces[2 * JSON_MAX_DEPTH + 1] =
    "                                                                ";

void
json_init(struct json *j, FILE *out, int flags)
{
	assert(out != NULL);
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->flags = flags;
}

static bool
in_object(const struct json *j)
{
	return j->depth > 0 && (j->is_object & LEVEL_BIT(j->depth)) != 0;
}

/* Starts a member of the current container: the comma, then the newline and indent. */
static void
member_begin(struct json *j)
{
	uint32_t bit = LEVEL_BIT(j->depth);
	size_t n;

	if (j->has_member & bit)
		putc(',', j->out);
	j->has_member |= bit;
	if (j->flags & JSON_PRETTY) {
		putc('\n', j->out);
		n = 2 * (size_t)j->depth;
		assert(n < sizeof(spaces));
		fwrite(spaces, 1, n, j->out);
	}
}

/* Everything a value needs before it: nothing at top level, a key in an object. */
static void
value_begin(struct json *j)
{
	if (j->depth == 0) {
		assert(!j->top_done);	/* two documents need json_end() between them */
		return;
	}
	if (in_object(j)) {
		assert(j->key_pending);
		j->key_pending = false;
		return;
	}
	member_begin(j);
}

/* After a value: at top level the document is complete and only json_end() may follow. */
static void
value_end(struct json *j)
{
	if (j->depth == 0)
		j->top_done = true;
}

static void
container_open(struct json *j, bool object)
{
	value_begin(j);
	assert(j->depth < JSON_MAX_DEPTH);
	j->depth++;
	if (object)
		j->is_object |= LEVEL_BIT(j->depth);
	else
		j->is_object &= ~LEVEL_BIT(j->depth);
	j->has_member &= ~LEVEL_BIT(j->depth);
	putc(object ? '{' : '[', j->out);
}

/* An empty container stays on one line ("[]"), as Python's json.dumps(indent=2) does. */
static void
container_close(struct json *j, bool object)
{
	bool had = (j->has_member & LEVEL_BIT(j->depth)) != 0;

	assert(j->depth > 0);
	assert(in_object(j) == object);
	assert(!j->key_pending);
	j->depth--;
	if (had && (j->flags & JSON_PRETTY)) {
		putc('\n', j->out);
		fwrite(spaces, 1, 2 * (size_t)j->depth, j->out);
	}
	putc(object ? '}' : ']', j->out);
	value_end(j);
}

void
json_object_open(struct json *j)
{
	container_open(j, true);
}

void
json_object_close(struct json *j)
{
	container_close(j, true);
}

void
json_array_open(struct json *j)
{
	container_open(j, false);
}

void
json_array_close(struct json *j)
{
	container_close(j, false);
}

static void
write_escape(struct json *j, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char buf[6] = { '\\', 'u', '0', '0' };

	switch (c) {
	case '"':	LIT(j, "\\\""); return;
	case '\\':	LIT(j, "\\\\"); return;
	case '\b':	LIT(j, "\\b"); return;
	case '\f':	LIT(j, "\\f"); return;
	case '\n':	LIT(j, "\\n"); return;
	case '\r':	LIT(j, "\\r"); return;
	case '\t':	LIT(j, "\\t"); return;
	}
	buf[4] = hex[c >> 4];
	buf[5] = hex[c & 0xf];
	fwrite(buf, 1, sizeof(buf), j->out);
}

/* Writes a quoted string; runs of bytes that need no change go out in one fwrite. */
static void
write_string(struct json *j, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;
	int n = 0;

	putc('"', j->out);
	while (p < end) {
		if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') {
			p++;
			continue;
		}
		if (*p >= 0x80 && (n = text_utf8_seq(p, (size_t)(end - p))) > 0) {
			p += n;
			continue;
		}
		if (p > run)
			fwrite(run, 1, (size_t)(p - run), j->out);
		if (*p >= 0x80) {
			LIT(j, "\xef\xbf\xbd");
			p += -n;
		} else
			write_escape(j, *p++);
		run = p;
	}
	if (p > run)
		fwrite(run, 1, (size_t)(p - run), j->out);
	putc('"', j->out);
}

void
json_key(struct json *j, const char *key)
{
	assert(key != NULL);
	assert(in_object(j));
	assert(!j->key_pending);
	member_begin(j);
	write_string(j, key, strlen(key));
	if (j->flags & JSON_PRETTY)
		LIT(j, ": ");
	else
		putc(':', j->out);
	j->key_pending = true;
}

void
json_str(struct json *j, const char *s)
{
	assert(s != NULL);
	json_strn(j, s, strlen(s));
}

void
json_strn(struct json *j, const char *s, size_t len)
{
	assert(s != NULL || len == 0);
	value_begin(j);
	write_string(j, s, len);
	value_end(j);
}

/* Digits of v at the end of buf[21]; returns where they start. */
static char *
fmt_u64(char *end, uint64_t v)
{
	char *p = end;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return p;
}

void
json_int(struct json *j, int64_t v)
{
	char buf[21], *p;

	/* The magnitude in unsigned arithmetic, so that INT64_MIN does not overflow. */
	p = fmt_u64(buf + sizeof(buf), v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
	if (v < 0)
		*--p = '-';
	value_begin(j);
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), j->out);
	value_end(j);
}

void
json_uint(struct json *j, uint64_t v)
{
	char buf[20], *p;

	p = fmt_u64(buf + sizeof(buf), v);
	value_begin(j);
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), j->out);
	value_end(j);
}

void
json_double(struct json *j, double v, int decimals)
{
	/* DBL_MAX has 309 integer digits; with a sign, a point and 17 decimals: 328. */
	char buf[352], *p;
	int n;

	assert(decimals >= 0 && decimals <= 17);
	if (!isfinite(v)) {
		json_null(j);
		return;
	}
	n = snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	assert(n > 0 && (size_t)n < sizeof(buf));
	value_begin(j);
	/*
	 * A program that called setlocale() may have a ',' (or a multibyte) radix
	 * character; JSON wants '.'. %f writes only a sign, digits and the radix.
	 */
	p = buf + (buf[0] == '-');
	p += strspn(p, "0123456789");
	fwrite(buf, 1, (size_t)(p - buf), j->out);
	if (*p != '\0') {
		putc('.', j->out);
		p += strcspn(p, "0123456789");
		fputs(p, j->out);
	}
	value_end(j);
}

void
json_bool(struct json *j, bool v)
{
	value_begin(j);
	if (v)
		LIT(j, "true");
	else
		LIT(j, "false");
	value_end(j);
}

void
json_null(struct json *j)
{
	value_begin(j);
	LIT(j, "null");
	value_end(j);
}

void
json_key_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void
json_key_int(struct json *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_int(j, v);
}

void
json_key_uint(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_uint(j, v);
}

void
json_key_double(struct json *j, const char *key, double v, int decimals)
{
	json_key(j, key);
	json_double(j, v, decimals);
}

void
json_key_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

bool
json_key_time(struct json *j, const char *key, int64_t t)
{
	/* 9999-12-31T23:59:59Z: four digits of year are all RFC 3339 has */
	const int64_t last = INT64_C(253402300799);
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	if (t < 0 || t > last || gmtime_r(&tt, &tm) == NULL)
		return false;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_key_str(j, key, buf);
	return true;
}

void
json_end(struct json *j)
{
	assert(j->depth == 0);
	assert(j->top_done);
	putc('\n', j->out);
	j->top_done = false;
}
