/* SPDX-License-Identifier: BSD-2-Clause */
/* options.c - esa-smtpping's command line, and the RFC 5321 syntax of what it sends. */
#include <arpa/inet.h>
#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "esa.h"
#include "front.h"
#include "parse.h"
#include "smtpping.h"
#include "text.h"

void
smtp_opts_usage(FILE *f)
{
	fprintf(f,
	    "usage: esa-smtpping [-46nqvj] [-p port] [-I iface | -s addr] [-H helo] [-f from]\n"
	    "                    [-t rcpt] [-M [-l]] [-S | -T] [-k] [-d | -D file] [-c count]\n"
	    "                    [-i wait] [-w timeout] host | domain\n");
}

static const struct option longopts[] = {
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "numeric", no_argument, NULL, 'n' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "json", no_argument, NULL, 'j' },
	{ "port", required_argument, NULL, 'p' },
	{ "interface", required_argument, NULL, 'I' },
	{ "source", required_argument, NULL, 's' },
	{ "helo", required_argument, NULL, 'H' },
	{ "from", required_argument, NULL, 'f' },
	{ "to", required_argument, NULL, 't' },
	{ "mx", no_argument, NULL, 'M' },
	{ "list", no_argument, NULL, 'l' },
	{ "starttls", no_argument, NULL, 'S' },
	{ "tls", no_argument, NULL, 'T' },
	{ "insecure", no_argument, NULL, 'k' },
	{ "data", no_argument, NULL, 'd' },
	{ "data-file", required_argument, NULL, 'D' },
	{ "count", required_argument, NULL, 'c' },
	{ "interval", required_argument, NULL, 'i' },
	{ "timeout", required_argument, NULL, 'w' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* A dot-separated domain: labels of letters, digits and inner hyphens. */
static bool
domain_name_ok(const char *s)
{
	size_t label = 0, total = strlen(s);

	if (total == 0 || total > 253)
		return false;
	for (const char *p = s;; p++) {
		if (*p == '.' || *p == '\0') {
			if (label == 0 || label > 63 || p[-1] == '-')
				return false;
			if (*p == '\0')
				return true;
			label = 0;
		} else if (isalnum((unsigned char)*p) || (*p == '-' && label > 0)) {
			label++;
		} else {
			return false;
		}
	}
}

bool
smtp_domain_ok(const char *s)
{
	char lit[64];
	unsigned char a[16];
	size_t n = strlen(s);

	if (n < 3 || s[0] != '[' || s[n - 1] != ']')
		return domain_name_ok(s);
	if (n - 2 >= sizeof(lit))
		return false;
	memcpy(lit, s + 1, n - 2);
	lit[n - 2] = '\0';
	if (strncasecmp(lit, "IPv6:", 5) == 0)
		return inet_pton(AF_INET6, lit + 5, a) == 1;
	return inet_pton(AF_INET, lit, a) == 1;
}

bool
smtp_mailbox_ok(const char *s)
{
	static const char atext[] = "!#$%&'*+-/=?^_`{|}~";
	const char *at = strrchr(s, '@');
	bool dot = true;	/* a dot may not start the local part */

	if (at == NULL || at == s || strlen(s) > 254 || at - s > 64)
		return false;
	for (const char *p = s; p < at; p++) {
		if (*p == '.') {
			if (dot)
				return false;
			dot = true;
		} else if (isalnum((unsigned char)*p) || (*p != '\0' && strchr(atext, *p))) {
			dot = false;
		} else {
			return false;
		}
	}
	return !dot && smtp_domain_ok(at + 1);
}

/* A path given as "x", "<x>" or "" into BUF without brackets; false if unbalanced. */
static bool
unbracket(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '<' && s[n - 1] == '>') {
		s++;
		n -= 2;
	}
	if (n >= size)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return true;
}

/* "-X: REASON: VALUE" with VALUE escaped (it may hold CR, LF or escapes). */
static int
refuse(char *why, size_t n, int c, const char *reason, const char *value)
{
	char s[TEXT_SAFE_SIZE(128)];
	char cut[129];

	snprintf(cut, sizeof(cut), "%s", value);
	snprintf(why, n, "-%c: %s: %s", c, reason, text_quote(s, sizeof(s), cut));
	return -1;
}

/* -f and -t: a path as RFC 5321 4.1.2 writes it, brackets optional. */
static int
opt_path(int c, const char *arg, char *buf, size_t size, char *why, size_t n)
{
	if (!unbracket(arg, buf, size))
		return refuse(why, n, c, "address too long", arg);
	/* <> is the null reverse path: for MAIL FROM only */
	if (buf[0] == '\0' && c == 'f')
		return 0;
	if (strcasecmp(buf, "postmaster") == 0 || smtp_mailbox_ok(buf))
		return 0;
	return refuse(why, n, c, c == 'f' ?
	    "not an address (use <>, postmaster or local@domain)" :
	    "not an address (use postmaster or local@domain)", arg);
}

static int
num(int c, const char *arg, uint64_t min, uint64_t max, uint64_t *out, char *why, size_t n)
{
	const char *reason;

	if (parse_uint(arg, min, max, out, &reason) == 0)
		return 0;
	return refuse(why, n, c, reason, arg);
}

static int
duration(int c, const char *arg, uint64_t min, uint64_t *out, char *why, size_t n)
{
	const char *reason;

	if (parse_duration_ms(arg, min, 86400000, out, &reason) == 0)
		return 0;
	return refuse(why, n, c, reason, arg);
}

/* The option letters that take a value. */
static int
opt_value(struct opts *o, int c, const char *arg, char *why, size_t n)
{
	uint64_t v;

	switch (c) {
	case 'p':
		if (num(c, arg, 1, 65535, &v, why, n) < 0)
			return -1;
		o->port = (uint16_t)v;
		return 0;
	case 'I': o->ifname = arg; return 0;
	case 's': o->source = arg; return 0;
	case 'H':
		o->helo = arg;
		return smtp_domain_ok(arg) ? 0 :
		    refuse(why, n, c, "not a domain or address literal", arg);
	case 'f':
		o->from = o->from_buf;
		return opt_path(c, arg, o->from_buf, sizeof(o->from_buf), why, n);
	case 't':
		o->rcpt = o->rcpt_buf;
		return opt_path(c, arg, o->rcpt_buf, sizeof(o->rcpt_buf), why, n);
	case 'D': o->msgfile = arg; o->data = true; return 0;
	case 'c': return num(c, arg, 1, INT_MAX, &o->count, why, n);
	case 'i': return duration(c, arg, 0, &o->interval_ms, why, n);
	case 'w': return duration(c, arg, 1, &o->timeout_ms, why, n);
	}
	return 0;
}

static bool
opt_flag(struct opts *o, int c, bool *v4, bool *v6)
{
	switch (c) {
	case '4': *v4 = true; break;
	case '6': *v6 = true; break;
	case 'n': o->numeric = true; break;
	case 'q': o->quiet = true; break;
	case 'v': o->verbose = true; break;
	case 'j': o->json = true; break;
	case 'M': o->mx = true; break;
	case 'l': o->mx_list = true; break;
	case 'S': o->starttls = true; break;
	case 'T': o->tls = true; break;
	case 'k': o->insecure = true; break;
	case 'd': o->data = true; break;
	default: return false;
	}
	return true;
}

/* After the loop: combinations, the operand, the defaults that depend on them. */
static int
opts_check(int argc, char **argv, struct opts *o, bool v4, bool v6, bool dflag,
    char *why, size_t n)
{
	const char *err = NULL;
	char s[TEXT_SAFE_SIZE(128)], cut[129];
	unsigned char a[16];

	if (v4 && v6)
		err = "-4 and -6 cannot be combined";
	else if (o->ifname != NULL && o->source != NULL)
		err = "-I and -s cannot be combined";
	else if (o->starttls && o->tls)
		err = "-S and -T cannot be combined";
	else if (dflag && o->msgfile != NULL)
		err = "-d and -D cannot be combined";
	else if (o->mx_list && !o->mx)
		err = "-l needs -M";
	else if (optind >= argc)
		err = "a host or domain is needed";
	if (err == NULL && optind + 1 < argc) {
		snprintf(cut, sizeof(cut), "%s", argv[optind + 1]);
		snprintf(why, n, "too many operands: %s", text_quote(s, sizeof(s), cut));
		return -1;
	}
	if (err != NULL) {
		snprintf(why, n, "%s", err);
		return -1;
	}
	o->family = v4 ? AF_INET : v6 ? AF_INET6 : AF_UNSPEC;
	o->target = argv[optind];
	if (!smtp_domain_ok(o->target) && inet_pton(AF_INET6, o->target, a) != 1) {
		snprintf(cut, sizeof(cut), "%s", o->target);
		snprintf(why, n, "not a host name, domain or address: %s",
		    text_quote(s, sizeof(s), cut));
		return -1;
	}
	if (o->port == 0)
		o->port = o->tls ? 465 : 25;
	return 0;
}

int
smtp_opts_parse(int argc, char **argv, struct opts *o, char *why, size_t n)
{
	bool v4 = false, v6 = false, dflag = false;
	int c;

	memset(o, 0, sizeof(*o));
	o->count = 1;
	o->interval_ms = 1000;
	o->timeout_ms = SMTP_TIMEOUT_MS;
	parse_opt_start();
	while ((c = getopt_long(argc, argv, ":46nqvjp:I:s:H:f:t:MlSTkdD:c:i:w:hV", longopts,
	    NULL)) != -1) {
		if (c == 'h' || c == 'V')
			return c == 'h' ? FRONT_HELP : FRONT_VERSION;
		if (c == 'd')
			dflag = true;
		if (opt_flag(o, c, &v4, &v6))
			continue;
		if (c == ':' || c == '?') {
			parse_opt_error(c, argv[optind - 1], longopts, why, n);
			return -1;
		}
		if (opt_value(o, c, optarg, why, n) < 0)
			return -1;
	}
	return opts_check(argc, argv, o, v4, v6, dflag, why, n);
}
