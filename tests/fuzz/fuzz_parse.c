/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_parse.c - libFuzzer harness for lib/parse.c: ranges hold, failures touch nothing. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "fuzz_parse: %s:%d: %s\n", __FILE__, __LINE__, #c); \
		abort();						\
	}								\
} while (0)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define SENTINEL 0x5a5a5a5a

struct irange {
	int64_t min, max;
};

struct urange {
	uint64_t min, max;
};

static const struct irange iranges[] = {
	{ INT64_MIN, INT64_MAX }, { 0, INT64_MAX }, { -100, 100 }, { 1, INT_MAX },
	{ INT64_MIN, -1 }, { 0, 0 }, { INT64_MAX, INT64_MAX }, { INT64_MIN, INT64_MIN },
};

static const struct urange uranges[] = {
	{ 0, UINT64_MAX }, { 1, UINT64_MAX }, { 0, 1024 }, { 1, 65535 },
	{ 200, 86400000 }, { UINT64_C(1) << 20, UINT64_C(1) << 40 }, { 0, 0 },
	{ UINT64_MAX, UINT64_MAX },
};

enum kind { K_INT, K_UINT, K_SIZE, K_DURATION };

/* The one reason a failure may give; *bound gets the text of a range bound. */
static void
check_reason(enum kind k, int err, const char *why, bool *large, char *bound, size_t size)
{
	const char *form = k == K_SIZE ? "bad size (use a number with k, M, G or T)" :
	    "bad duration (use a number with ms, s, m, h or d)";
	const char *p;
	size_t n;

	CHECK(why != NULL);
	if (err == EINVAL) {
		CHECK(strcmp(why, "not a number") == 0 ||
		    ((k == K_SIZE || k == K_DURATION) && strcmp(why, form) == 0));
		return;
	}
	CHECK(err == ERANGE);
	*large = strncmp(why, "too large (at most ", 19) == 0;
	CHECK(*large || strncmp(why, "too small (at least ", 20) == 0);
	p = why + (*large ? 19 : 20);
	n = strlen(p);
	CHECK(n >= 2 && n < size && p[n - 1] == ')');
	memcpy(bound, p, n - 1);
	bound[n - 1] = '\0';
}

/* Strictly "-?[0-9]+", checked apart from the code under test. */
static bool
is_decimal(const char *s)
{
	if (*s == '-')
		s++;
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

static void
fuzz_int(const char *s, const struct irange *r)
{
	const char *why = NULL, *why2 = NULL;
	char bound[64];
	bool large;
	int64_t v = SENTINEL, v2 = SENTINEL, b;
	int rc;

	errno = 0;
	rc = parse_int(s, r->min, r->max, &v, &why);
	CHECK(parse_int(s, r->min, r->max, &v2, NULL) == rc && v2 == v);
	if (rc == 0) {
		CHECK(v >= r->min && v <= r->max && why == NULL);
		CHECK(is_decimal(s) && (*s != '-' || r->min < 0));
		errno = 0;
		CHECK(strtoll(s, NULL, 10) == v && errno == 0);
		return;
	}
	CHECK(rc == -1 && v == SENTINEL);
	check_reason(K_INT, errno, why, &large, bound, sizeof(bound));
	if (errno == ERANGE) {
		CHECK(is_decimal(s));
		CHECK(parse_int(bound, INT64_MIN, INT64_MAX, &b, &why2) == 0);
		CHECK(b == (large ? r->max : r->min));
	}
}

/* A duration after its integer n: optional 1-3 decimals, then a unit. */
static bool
same_duration(unsigned long long n, const char *p, uint64_t v)
{
	static const char *const units[] = { "", "ms", "s", "m", "h", "d" };
	static const uint64_t ms[] = { 1000, 1, 1000, 60000, 3600000, 86400000 };
	char frac[4] = "000";
	bool dot = *p == '.';
	uint64_t want;
	size_t i;

	if (dot) {
		i = strspn(p + 1, "0123456789");
		if (i < 1 || i > 3)
			return false;
		memcpy(frac, p + 1, i);
		p += 1 + i;
	}
	for (i = 0; i < NELEM(units); i++)
		if (strcmp(p, units[i]) == 0)
			break;
	if (i == NELEM(units) || (dot && ms[i] == 1))
		return false;
	return !__builtin_mul_overflow(n, ms[i], &want) &&
	    !__builtin_add_overflow(want, strtoull(frac, NULL, 10) * ms[i] / 1000, &want) &&
	    want == v;
}

/* Leading decimal digits by strtoull(), refusing what it would skip or wrap. */
static bool
leading(const char *s, unsigned long long *n, char **end)
{
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*n = strtoull(s, end, 10);
	return errno == 0;
}

/* On success, the value computed again by plain means. */
static bool
same_value(enum kind k, const char *s, uint64_t v)
{
	static const char sizes[] = "kKmMgGtT";
	unsigned long long n;
	const char *suffix;
	char *end;
	uint64_t want;

	if (!leading(s, &n, &end))
		return false;
	if (*end == '\0')
		return k == K_DURATION ? n <= UINT64_MAX / 1000 && n * 1000 == v : n == v;
	if (k == K_UINT)
		return false;
	if (k == K_DURATION)
		return same_duration(n, end, v);
	if (end[1] != '\0' || (suffix = strchr(sizes, *end)) == NULL)
		return false;
	return !__builtin_mul_overflow(n,
	    UINT64_C(1) << (10 * ((size_t)(suffix - sizes) / 2 + 1)), &want) && want == v;
}

static void
fuzz_unsigned(enum kind k, const char *s, const struct urange *r)
{
	int (*fn)(const char *, uint64_t, uint64_t, uint64_t *, const char **) =
	    k == K_UINT ? parse_uint : k == K_SIZE ? parse_size : parse_duration_ms;
	const char *why = NULL, *why2 = NULL;
	char bound[64];
	bool large;
	uint64_t v = SENTINEL, v2 = SENTINEL, b;
	int rc;

	errno = 0;
	rc = fn(s, r->min, r->max, &v, &why);
	CHECK(fn(s, r->min, r->max, &v2, NULL) == rc && v2 == v);
	if (rc == 0) {
		CHECK(v >= r->min && v <= r->max && why == NULL);
		CHECK(same_value(k, s, v));
		return;
	}
	CHECK(rc == -1 && v == SENTINEL);
	check_reason(k, errno, why, &large, bound, sizeof(bound));
	if (errno == ERANGE) {
		/* The bound is named in a form the same function accepts. */
		CHECK(fn(bound, 0, UINT64_MAX, &b, &why2) == 0);
		CHECK(b == (large ? r->max : r->min));
	}
}

/*
 * The first byte picks the function (byte % 4) and its range (byte / 4 % 8), so the
 * seeds start with a printable one: '@' int, 'A' uint, 'B' size, 'C' duration, all
 * over their full range; 'H' int in [-100, 100], 'M' uint in [1, 65535], 'S' a
 * duration in [200ms, 1d], 'V' a size in [1M, 1T].
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum kind k;
	unsigned sel;
	char *s;

	if (size == 0)
		return 0;
	sel = data[0];
	k = (enum kind)(sel % 4);
	/* An exact-size copy, so that ASan sees a read past the terminating NUL. */
	if ((s = malloc(size)) == NULL)
		abort();
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (k == K_INT)
		fuzz_int(s, &iranges[(sel / 4) % NELEM(iranges)]);
	else
		fuzz_unsigned(k, s, &uranges[(sel / 4) % NELEM(uranges)]);
	free(s);
	return 0;
}
