/* SPDX-License-Identifier: BSD-2-Clause */
/* options.c - esa-ping's command line: FreeBSD ping's letters and units, parsed strictly. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "esa.h"
#include "front.h"
#include "parse.h"
#include "ping.h"
#include "text.h"

void
ping_opts_usage(FILE *f)
{
	fprintf(f,
	    "usage: esa-ping [-46nqoDv] [-c count] [-i wait] [-s size] [-t timeout]\n"
	    "                [-W waittime] [-m ttl] [-S src] [-I interface] [-j] host\n");
}

static const struct option longopts[] = {
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "numeric", no_argument, NULL, 'n' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "once", no_argument, NULL, 'o' },
	{ "dont-fragment", no_argument, NULL, 'D' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "count", required_argument, NULL, 'c' },
	{ "interval", required_argument, NULL, 'i' },
	{ "size", required_argument, NULL, 's' },
	{ "timeout", required_argument, NULL, 't' },
	{ "wait", required_argument, NULL, 'W' },
	{ "ttl", required_argument, NULL, 'm' },
	{ "source", required_argument, NULL, 'S' },
	{ "interface", required_argument, NULL, 'I' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Called as esa-ping6, the tool is FreeBSD's ping6: IPv6 only. */
static int
default_family(const char *argv0)
{
	const char *base = strrchr(argv0, '/');

	base = base != NULL ? base + 1 : argv0;
	return strcmp(base, "esa-ping6") == 0 ? AF_INET6 : AF_UNSPEC;
}

/* One numeric option: 0, or -1 with "-X: reason: value" in WHY. */
static int
num(int c, const char *arg, uint64_t min, uint64_t max, uint64_t *out, char *why, size_t n)
{
	const char *reason;
	char q[TEXT_QUOTE_SIZE];

	if (parse_uint(arg, min, max, out, &reason) == 0)
		return 0;
	snprintf(why, n, "-%c: %s: %s", c, reason, text_quote(q, sizeof(q), arg));
	return -1;
}

/* The option letters that take a value (every one is a number but -S and -I). */
static int
opt_value(struct opts *o, int c, const char *arg, char *why, size_t n)
{
	const char *reason;
	char q[TEXT_QUOTE_SIZE];
	uint64_t v;

	switch (c) {
	case 'c':
		return num(c, arg, 1, INT_MAX, &o->count, why, n);
	case 'i':
		/* seconds, with a fraction (FreeBSD's unit); ms resolution */
		if (parse_duration_ms(arg, 1, 86400000, &o->interval_ms, &reason) < 0) {
			snprintf(why, n, "-i: %s: %s", reason, text_quote(q, sizeof(q), arg));
			return -1;
		}
		o->interval_set = true;
		return 0;
	case 's':
		if (num(c, arg, 0, PING_MAXDATA6, &v, why, n) < 0)
			return -1;
		o->datalen = (int64_t)v;
		return 0;
	case 't':
		return num(c, arg, 1, PING_MAXALARM, &o->timeout_s, why, n);
	case 'W':
		o->waittime_set = true;
		return num(c, arg, 1, INT_MAX, &o->waittime_ms, why, n);
	case 'm':
		if (num(c, arg, 1, 255, &v, why, n) < 0)
			return -1;
		o->ttl = (int)v;
		return 0;
	case 'S':
		o->source = arg;
		return 0;
	case 'I':
		o->ifname = arg;
		return 0;
	}
	return 0;
}

/* Letters without a value; false for one that is not an option at all. */
static bool
opt_flag(struct opts *o, int c, bool *v4, bool *v6)
{
	switch (c) {
	case '4': *v4 = true; break;
	case '6': *v6 = true; break;
	case 'n': o->numeric = true; break;
	case 'q': o->quiet = true; break;
	case 'o': o->once = true; break;
	case 'D': o->dontfrag = true; break;
	case 'v': o->verbose = true; break;
	case 'j': o->json = true; break;
	default: return false;
	}
	return true;
}

/* After the loop: operands, families, the limits that depend on the family. */
static int
opts_check(int argc, char **argv, struct opts *o, bool v4, bool v6, char *why, size_t n)
{
	char q[TEXT_QUOTE_SIZE];

	if (v4 && !v6 && o->family == AF_INET6) {
		snprintf(why, n, "-4: esa-ping6 is IPv6 only (use esa-ping -4)");
		return -1;
	}
	if (v4 && v6) {
		snprintf(why, n, "-4 and -6 cannot be combined");
		return -1;
	}
	if (v4 || v6)
		o->family = v4 ? AF_INET : AF_INET6;
	if (optind >= argc) {
		snprintf(why, n, "a host is needed");
		return -1;
	}
	o->host = argv[optind++];
	if (optind < argc) {
		snprintf(why, n, "too many operands: %s", text_quote(q, sizeof(q), argv[optind]));
		return -1;
	}
	if (o->host[0] == '\0') {
		snprintf(why, n, "the host is empty");
		return -1;
	}
	if (o->family == AF_INET && o->datalen > PING_MAXDATA4) {
		snprintf(why, n, "-s: too large for IPv4 (at most %d): %lld", PING_MAXDATA4,
		    (long long)o->datalen);
		return -1;
	}
	return 0;
}

int
ping_opts_parse(int argc, char **argv, struct opts *o, char *why, size_t n)
{
	bool v4 = false, v6 = false;
	int c;

	memset(o, 0, sizeof(*o));
	o->family = default_family(argv[0]);
	o->datalen = -1;
	o->interval_ms = 1000;
	o->waittime_ms = PING_MAXWAIT_MS;
	parse_opt_start();
	while ((c = getopt_long(argc, argv, ":46nqoDvc:i:s:t:W:m:S:I:jhV", longopts,
	    NULL)) != -1) {
		if (c == 'h' || c == 'V')
			return c == 'h' ? FRONT_HELP : FRONT_VERSION;
		if (opt_flag(o, c, &v4, &v6))
			continue;
		if (c == ':' || c == '?') {
			parse_opt_error(c, argv[optind - 1], longopts, why, n);
			return -1;
		}
		if (opt_value(o, c, optarg, why, n) < 0)
			return -1;
	}
	return opts_check(argc, argv, o, v4, v6, why, n);
}
