/* SPDX-License-Identifier: BSD-2-Clause */
/* parse.h - strict parsing of numbers, sizes and durations for options and config files. */
#ifndef ESA_PARSE_H
#define ESA_PARSE_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every function takes the whole string (no leading or trailing blanks, no sign
 * unless the range allows negatives, no empty string, no "0x" unless stated), checks
 * the range [min, max], and on failure returns -1 with errno EINVAL (bad form) or
 * ERANGE (out of range) and *why pointing to a lower-case English reason suitable for
 * "esa-X: -c: REASON: VALUE", e.g. "not a number", "too large (at most 1024)",
 * "too small (at least 1)". A range reason names the bound in the form the function
 * accepts; it lives in a buffer of this module, valid until the next parse_* call.
 * *why may be NULL. On success returns 0 and stores the value; *out is untouched on
 * failure. Nothing is printed, nothing exits.
 */

/* Decimal integer. Accepts an optional leading '-' only when min < 0. */
int parse_int(const char *s, int64_t min, int64_t max, int64_t *out, const char **why);
/* Decimal unsigned integer. */
int parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out, const char **why);

/*
 * Size in bytes: digits, then an optional suffix k/K (1024), M (1024^2), G (1024^3),
 * T (1024^4), each also accepted in the other case; no fraction. "200M" -> 209715200.
 * Overflow is refused, not wrapped.
 * Reason for a bad suffix: "bad size (use a number with k, M, G or T)".
 */
int parse_size(const char *s, uint64_t min, uint64_t max, uint64_t *out, const char **why);

/*
 * Duration, returned in milliseconds: digits with an optional fraction (up to 3
 * decimals, "0.2"), then an optional unit: ms, s, m, h, d; a plain number is seconds.
 * "15m" -> 900000, "0.5" -> 500, "250ms" -> 250. Refuses nan, inf, exponents, hex.
 * Reason for a bad unit: "bad duration (use a number with ms, s, m, h or d)".
 */
int parse_duration_ms(const char *s, uint64_t min_ms, uint64_t max_ms, uint64_t *out_ms,
    const char **why);

/*
 * The words for a getopt_long() failure, naming the option as it was typed
 * ("-x: unknown option", "--json: takes no argument", "-i: needs an argument"):
 * getopt's own messages carry argv[0] as typed, a full path perhaps. For a parser
 * started with parse_opt_start() and an optstring starting with ':'; C is what it
 * returned (':' or '?') and PREV is argv[optind - 1]. Returns BUF.
 */
const char *parse_opt_error(int c, const char *prev, const struct option *longopts,
    char *buf, size_t size);

/*
 * Readies getopt_long() for a new command line: optind = 0 makes glibc start afresh,
 * where 1 would carry on inside a cluster ("-4xq") an earlier scan stopped in (the
 * unit tests parse many command lines in one process); opterr = 0 keeps getopt's own
 * messages off, parse_opt_error() has the words.
 */
void parse_opt_start(void);

#endif
