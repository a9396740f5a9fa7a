/* SPDX-License-Identifier: BSD-2-Clause */
/* answer.c - the answers to esa-cli's questions checked, as pure functions. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "text.h"

char *
answer_trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
	    s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

int
answer_yesno(const char *s, int def, const char **why)
{
	if (*s == '\0')
		return def;
	if (strcasecmp(s, "y") == 0 || strcasecmp(s, "yes") == 0)
		return 1;
	if (strcasecmp(s, "n") == 0 || strcasecmp(s, "no") == 0)
		return 0;
	*why = "Please answer Y or N.";
	return -1;
}

/* The number in S, digits only, or -1 when S is not one or is larger than HI. */
static long
digits(const char *s, long hi)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s - '0');
		if (v > hi)
			return -1;
	}
	return v;
}

long
answer_number(const char *s, long lo, long hi, long def, char *buf, size_t bufsize,
    const char **why)
{
	long v;

	if (*s == '\0' && def >= lo)
		return def;
	v = digits(s, hi);
	if (v < lo) {
		snprintf(buf, bufsize, "Please enter a number from %ld to %ld.", lo, hi);
		*why = buf;
		return -1;
	}
	return v;
}

long
answer_choice(const char *s, char *const *names, size_t n, long def, char *buf,
    size_t bufsize, const char **why)
{
	size_t i;
	long v;

	if (*s == '\0' && def >= 0)
		return def;
	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (long)i;
	v = digits(s, (long)n);
	if (v >= 1)
		return v - 1;
	if (n == 0)
		snprintf(buf, bufsize, "There is nothing to choose from.");
	else
		snprintf(buf, bufsize, "Please enter a number from 1 to %zu, or a name.", n);
	*why = buf;
	return -1;
}

int
answer_split(char *line, char **argv, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return n;
		if (n == max)
			return -1;
		argv[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

int
answer_host(const char *s, const char **why)
{
	size_t n = strlen(s), i;

	if (n == 0) {
		*why = "Please enter a host name or address.";
		return -1;
	}
	if (n > 253 || s[0] == '-') {
		*why = "This is not a host name or address.";
		return -1;
	}
	/* names (letters, digits, '-', '.', '_'), IPv4, IPv6 with a %zone */
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("-._:%", s[i]) == NULL) {
			*why = "This is not a host name or address.";
			return -1;
		}
	return 0;
}

int
answer_filter(const char *s, const char **why)
{
	size_t n = strlen(s), i;

	if (n > 1024) {
		*why = "The filter is too long (at most 1024 characters).";
		return -1;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f) {
			*why = "A filter is made of printable ASCII characters.";
			return -1;
		}
	return 0;
}

long
answer_op(const char *s, const struct op *ops, size_t n, const char **why)
{
	size_t i;

	if (*s == '\0')
		return ANSWER_EMPTY;
	for (i = 0; i < n; i++)
		if (strcasecmp(s, ops[i].name) == 0)
			return (long)i;
	*why = "Please choose one of the operations listed.";
	return -1;
}
