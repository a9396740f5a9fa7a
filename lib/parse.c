/* SPDX-License-Identifier: BSD-2-Clause */
/* parse.c - strict parsing of numbers, sizes and durations, naming the bound on failure. */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "text.h"

#define NOT_A_NUMBER	"not a number"
#define BAD_SIZE	"bad size (use a number with k, M, G or T)"
#define BAD_DURATION	"bad duration (use a number with ms, s, m, h or d)"

/* "too small (at least -9223372036854775808)" and the like; see parse.h. */
static char reason[64];

struct unit {
	const char *name;
	uint64_t mult;
};

/* Largest first: a bound is named in the largest unit that divides it exactly. */
static const struct unit size_units[] = {
	{ "T", UINT64_C(1) << 40 },
	{ "G", UINT64_C(1) << 30 },
	{ "M", UINT64_C(1) << 20 },
	{ "k", UINT64_C(1) << 10 },
};

static const struct unit duration_units[] = {
	{ "d", UINT64_C(86400000) },
	{ "h", UINT64_C(3600000) },
	{ "m", UINT64_C(60000) },
	{ "s", UINT64_C(1000) },
	{ "ms", UINT64_C(1) },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int
fail(int error, const char **why, const char *text)
{
	if (why != NULL)
		*why = text;
	errno = error;
	return -1;
}

/* ERANGE with "too large (at most BOUND)" or "too small (at least BOUND)". */
static int
fail_range(const char **why, bool large, const char *bound)
{
	snprintf(reason, sizeof(reason), "too %s (at %s %s)", large ? "large" : "small",
	    large ? "most" : "least", bound);
	return fail(ERANGE, why, reason);
}

static int
fail_uint(const char **why, bool large, uint64_t bound)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, bound);
	return fail_range(why, large, buf);
}

/* The bound in the largest unit of the table that holds it exactly, else plain. */
static int
fail_unit(const char **why, bool large, uint64_t bound, const struct unit *u, size_t n)
{
	char buf[32];
	size_t i;

	for (i = 0; i < n && bound != 0; i++) {
		if (bound % u[i].mult == 0) {
			snprintf(buf, sizeof(buf), "%" PRIu64 "%s", bound / u[i].mult,
			    u[i].name);
			return fail_range(why, large, buf);
		}
	}
	return fail_uint(why, large, bound);
}

static bool
isdigit_c(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Reads the decimal digits at *sp, advancing it; returns how many there were. The
 * whole run is read even past UINT64_MAX, so that the form is judged before the
 * range: *over says the value did not fit and *v is then meaningless.
 */
static size_t
scan_digits(const char **sp, uint64_t *v, bool *over)
{
	const char *start = *sp, *p = start;
	unsigned d;

	*v = 0;
	*over = false;
	for (; isdigit_c(*p); p++) {
		d = (unsigned)(*p - '0');
		if (*v > (UINT64_MAX - d) / 10)
			*over = true;
		else
			*v = *v * 10 + d;
	}
	*sp = p;
	return (size_t)(p - start);
}

/*
 * Integers follow strtonum(3): a well-formed negative number where only non-negative
 * ones are allowed is "too small", as the user meant a number. "-0" is refused as a
 * form there (the header allows a sign only when min < 0), not called too small.
 */
int
parse_int(const char *s, int64_t min, int64_t max, int64_t *out, const char **why)
{
	const char *p = s;
	bool neg, over;
	uint64_t mag;
	int64_t v;
	char buf[24];

	assert(s != NULL && out != NULL && min <= max);
	neg = *p == '-';
	if (neg)
		p++;
	if (scan_digits(&p, &mag, &over) == 0 || *p != '\0')
		return fail(EINVAL, why, NOT_A_NUMBER);
	if (neg && min >= 0 && mag == 0 && !over)
		return fail(EINVAL, why, NOT_A_NUMBER);
	if (neg) {
		if (min >= 0 || over || mag > (uint64_t)INT64_MAX + 1)
			goto small;
		/* -(INT64_MAX + 1) computed without overflowing int64_t. */
		v = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
	} else {
		if (over || mag > (uint64_t)INT64_MAX)
			goto large;
		v = (int64_t)mag;
	}
	if (v > max)
		goto large;
	if (v < min)
		goto small;
	*out = v;
	return 0;
large:
	snprintf(buf, sizeof(buf), "%" PRId64, max);
	return fail_range(why, true, buf);
small:
	snprintf(buf, sizeof(buf), "%" PRId64, min);
	return fail_range(why, false, buf);
}

int
parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out, const char **why)
{
	const char *p = s;
	bool neg, over;
	uint64_t v;

	assert(s != NULL && out != NULL && min <= max);
	neg = *p == '-';
	if (neg)
		p++;
	if (scan_digits(&p, &v, &over) == 0 || *p != '\0')
		return fail(EINVAL, why, NOT_A_NUMBER);
	if (neg)	/* as parse_int() with min >= 0 */
		return v == 0 && !over ? fail(EINVAL, why, NOT_A_NUMBER) :
		    fail_uint(why, false, min);
	if (over || v > max)
		return fail_uint(why, true, max);
	if (v < min)
		return fail_uint(why, false, min);
	*out = v;
	return 0;
}

/*
 * The suffixes are accepted in both cases ("1k", "1K", "1m", "1M"...): sizes are
 * binary byte counts here and never bits or SI units, so the case would carry no
 * meaning, and refusing "1g" would only annoy. A sign is not part of the form.
 */
int
parse_size(const char *s, uint64_t min, uint64_t max, uint64_t *out, const char **why)
{
	const char *p = s;
	unsigned shift = 0;
	bool over;
	uint64_t v;

	assert(s != NULL && out != NULL && min <= max);
	if (scan_digits(&p, &v, &over) == 0)
		return fail(EINVAL, why, NOT_A_NUMBER);
	switch (*p) {
	case 'k': case 'K': shift = 10; break;
	case 'm': case 'M': shift = 20; break;
	case 'g': case 'G': shift = 30; break;
	case 't': case 'T': shift = 40; break;
	}
	if (shift != 0)
		p++;
	if (*p != '\0')
		return fail(EINVAL, why, BAD_SIZE);
	if (over || v > UINT64_MAX >> shift || v << shift > max)
		return fail_unit(why, true, max, size_units, NELEM(size_units));
	v <<= shift;
	if (v < min)
		return fail_unit(why, false, min, size_units, NELEM(size_units));
	*out = v;
	return 0;
}

/* The multiplier to milliseconds of a duration unit ("" is seconds), or 0. */
static uint64_t
duration_unit(const char *p)
{
	size_t i;

	if (*p == '\0')
		return 1000;
	for (i = 0; i < NELEM(duration_units); i++)
		if (strcmp(p, duration_units[i].name) == 0)
			return duration_units[i].mult;
	return 0;
}

/*
 * Up to three decimals make whole milliseconds in every unit but ms itself, where a
 * fraction is refused. A sign is not part of the form.
 */
int
parse_duration_ms(const char *s, uint64_t min_ms, uint64_t max_ms, uint64_t *out_ms,
    const char **why)
{
	const char *p = s;
	uint64_t v, millis = 0, mult;
	size_t ndec = 0;
	bool over, frac;

	assert(s != NULL && out_ms != NULL && min_ms <= max_ms);
	if (scan_digits(&p, &v, &over) == 0)
		return fail(EINVAL, why, NOT_A_NUMBER);
	frac = *p == '.';
	if (frac) {
		p++;
		for (; isdigit_c(*p) && ndec < 3; p++, ndec++)
			millis = millis * 10 + (uint64_t)(*p - '0');
		if (ndec == 0 || isdigit_c(*p))
			return fail(EINVAL, why, BAD_DURATION);
		for (; ndec < 3; ndec++)
			millis *= 10;		/* "0.2" is 200 thousandths */
	}
	mult = duration_unit(p);
	if (mult == 0 || (frac && mult == 1))
		return fail(EINVAL, why, BAD_DURATION);
	millis = millis * (mult / 1000);
	if (over || v > (UINT64_MAX - millis) / mult || v * mult + millis > max_ms)
		return fail_unit(why, true, max_ms, duration_units, NELEM(duration_units));
	v = v * mult + millis;
	if (v < min_ms)
		return fail_unit(why, false, min_ms, duration_units, NELEM(duration_units));
	*out_ms = v;
	return 0;
}

void
parse_opt_start(void)
{
	optind = 0;
	opterr = 0;
}

/*
 * optopt is 0 for an unknown long option (PREV is then that option), else the
 * letter of a short one, or of a long one given a value it does not take or
 * missing the one it needs (PREV is then that long option). In the middle of a
 * cluster of short options PREV is an earlier argument: only a long option that
 * matches both PREV and optopt is named as long.
 */
const char *
parse_opt_error(int c, const char *prev, const struct option *longopts, char *buf,
    size_t size)
{
	size_t n = strcspn(prev, "=");

	for (const struct option *o = longopts; o->name != NULL; o++)
		/* getopt takes an abbreviation: PREV may be a prefix of the name */
		if (o->val == optopt && n > 2 && strncmp(prev, "--", 2) == 0 &&
		    strlen(o->name) >= n - 2 && strncmp(prev + 2, o->name, n - 2) == 0) {
			snprintf(buf, size, "--%s: %s", o->name,
			    c == ':' ? "needs an argument" : "takes no argument");
			return buf;
		}
	/* what was typed is the user's bytes: escaped, so the message stays one line */
	if (optopt == 0) {
		char name[256], q[TEXT_QUOTE_SIZE];

		snprintf(name, sizeof(name), "%.*s", (int)n, prev);
		snprintf(buf, size, "%s: unknown option", text_quote(q, sizeof(q), name));
	} else {
		char letter[2] = { (char)optopt, '\0' }, q[8];

		snprintf(buf, size, "-%s: %s", text_quote(q, sizeof(q), letter),
		    c == ':' ? "needs an argument" : "unknown option");
	}
	return buf;
}
