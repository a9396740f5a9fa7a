/* SPDX-License-Identifier: BSD-2-Clause */
/* json.h - a small streaming JSON writer: constant memory, RFC 8259 escaping. */
#ifndef ESA_JSON_H
#define ESA_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The writer keeps only a nesting stack (JSON_MAX_DEPTH levels, one bit each for
 * "object or array" and one for "first member written"), so memory is the same for
 * ten rows or ten million. It writes straight to a FILE; errors are the FILE's
 * (ferror), checked by the caller once at the end.
 *
 * Usage:
 *	struct json j;
 *	json_init(&j, stdout, 0);
 *	json_array_open(&j);
 *	  json_object_open(&j);
 *	    json_key_str(&j, "address", "192.0.2.1");
 *	    json_key_uint(&j, "expires_s", 12);
 *	    json_key_bool(&j, "router", false);
 *	  json_object_close(&j);
 *	json_array_close(&j);
 *	json_end(&j);		// newline after the document
 *
 * Strings are UTF-8: '"', '\\' and control characters are escaped (\" \\ \b \f \n \r \t,
 * others and DEL as \u00xx); bytes that are not valid UTF-8 (overlong forms,
 * surrogates, code points past U+10FFFF, truncated sequences) are replaced by U+FFFD,
 * one per bad byte or truncated sequence, so the output is always valid JSON whatever
 * bytes a kernel alias or a PTR name carried. '/' is not escaped.
 * Misuse (a value without a key inside an object, closing the wrong kind, nesting past
 * JSON_MAX_DEPTH, a second top-level value before json_end()) is a programming error:
 * it is caught by assert().
 */

#define JSON_MAX_DEPTH 32

enum {
	JSON_PRETTY = 1 << 0,	/* newlines and two-space indentation */
};

struct json {
	FILE *out;
	int flags;
	int depth;			/* current nesting, 0 = top level */
	uint32_t is_object;		/* bit d: level d+1 is an object */
	uint32_t has_member;		/* bit d: level d+1 has had a member */
	bool key_pending;		/* a key was written, its value comes next */
	bool top_done;			/* a top-level value is complete: json_end() next */
};

void json_init(struct json *j, FILE *out, int flags);

void json_object_open(struct json *j);
void json_object_close(struct json *j);
void json_array_open(struct json *j);
void json_array_close(struct json *j);

/* Values: in an array (or at top level) directly; in an object after json_key(). */
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s);
void json_strn(struct json *j, const char *s, size_t len);	/* may hold NUL bytes */
void json_int(struct json *j, int64_t v);
void json_uint(struct json *j, uint64_t v);
void json_double(struct json *j, double v, int decimals);	/* non-finite -> null */
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* Shorthands for json_key() followed by the value. */
void json_key_str(struct json *j, const char *key, const char *s);
void json_key_int(struct json *j, const char *key, int64_t v);
void json_key_uint(struct json *j, const char *key, uint64_t v);
void json_key_double(struct json *j, const char *key, double v, int decimals);
void json_key_bool(struct json *j, const char *key, bool v);
/*
 * KEY and the UNIX time T as esa-tools(7)'s timestamps are written: RFC 3339 in UTC to
 * the second, "2026-12-04T22:20:48Z". A time that has no such form (before 1970, past
 * 9999) is not known: nothing is written, not even KEY. Returns whether it wrote.
 */
bool json_key_time(struct json *j, const char *key, int64_t t);

/* Ends a top-level document (or one JSON Lines record): writes '\n'. */
void json_end(struct json *j);

#endif
