/* SPDX-License-Identifier: BSD-2-Clause */
/* opts.c - esa-traceroute's command line: FreeBSD's letters, checked bounds. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "front.h"
#include "parse.h"
#include "text.h"
#include "trace.h"

void
opts_usage(FILE *f)
{
	fprintf(f,
	    "usage: esa-traceroute [-46nIv] [-f first_ttl] [-m max_ttl] [-q nqueries]\n"
	    "                      [-w waittime] [-p port] [-s src_addr] [-i iface]\n"
	    "                      [-N simultaneous] [-j] host [packetlen]\n");
}

static const struct option longopts[] = {
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "numeric", no_argument, NULL, 'n' },
	{ "icmp", no_argument, NULL, 'I' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "json", no_argument, NULL, 'j' },
	{ "first-ttl", required_argument, NULL, 'f' },
	{ "max-ttl", required_argument, NULL, 'm' },
	{ "queries", required_argument, NULL, 'q' },
	{ "wait", required_argument, NULL, 'w' },
	{ "port", required_argument, NULL, 'p' },
	{ "source", required_argument, NULL, 's' },
	{ "interface", required_argument, NULL, 'i' },
	{ "sim-queries", required_argument, NULL, 'N' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

long
opts_default_len(const struct opts *o, int family)
{
	if (family == AF_INET6)
		return o->method == TRACE_ICMP ? 16 : 12;	/* FreeBSD traceroute6's datalen */
	return 40;		/* IP + UDP or ICMP header + FreeBSD's 12 bytes of outdata */
}

long
opts_min_len(const struct opts *o, int family)
{
	if (family == AF_INET6)
		return o->method == TRACE_ICMP ? 8 : 0;
	return 28;
}

/* A number option: 0, or -1 with the message in ERR. */
static int
number(int c, const char *s, uint64_t min, uint64_t max, unsigned *out, char *err,
    size_t errsize)
{
	const char *why;
	char q[TEXT_QUOTE_SIZE];
	uint64_t v;

	if (parse_uint(s, min, max, &v, &why) < 0) {
		snprintf(err, errsize, "-%c: %s: %s", c, why, text_quote(q, sizeof(q), s));
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static int
option(int c, struct opts *o, bool *v4, bool *v6, char *err, size_t errsize)
{
	const char *why;
	char q[TEXT_QUOTE_SIZE];

	switch (c) {
	case '4': *v4 = true; return 0;
	case '6': *v6 = true; return 0;
	case 'n': o->numeric = true; return 0;
	case 'I': o->method = TRACE_ICMP; return 0;
	case 'v': o->verbose = true; return 0;
	case 'j': o->json = true; return 0;
	case 'f': return number(c, optarg, 1, 255, &o->first_ttl, err, errsize);
	case 'm': return number(c, optarg, 1, 255, &o->max_ttl, err, errsize);
	case 'q': return number(c, optarg, 1, 10, &o->nqueries, err, errsize);
	case 'p': return number(c, optarg, 1, 65535, &o->port, err, errsize);
	case 'N': return number(c, optarg, 1, 255, &o->parallel, err, errsize);
	case 's': o->src = optarg; return 0;
	case 'i': o->ifname = optarg; return 0;
	case 'w':
		if (parse_duration_ms(optarg, 1, 86400000, &o->wait_ms, &why) < 0) {
			snprintf(err, errsize, "-w: %s: %s", why,
			    text_quote(q, sizeof(q), optarg));
			return -1;
		}
		return 0;
	}
	return -1;
}

/* The checks that need every option: TTL order, port range, operands. */
static int
check(int argc, char **argv, struct opts *o, char *err, size_t errsize)
{
	unsigned long last;
	const char *why;
	char q[TEXT_QUOTE_SIZE];
	int64_t len;
	long min;

	if (o->first_ttl > o->max_ttl) {
		snprintf(err, errsize, "-f: first ttl (%u) may not be greater than max ttl (%u)",
		    o->first_ttl, o->max_ttl);
		return -1;
	}
	last = o->port + (unsigned long)(o->max_ttl - o->first_ttl + 1) * o->nqueries - 1;
	if (o->method == TRACE_UDP && last > 65535) {
		snprintf(err, errsize, "-p: ports %u to %lu do not fit below 65536", o->port, last);
		return -1;
	}
	if (optind >= argc) {
		snprintf(err, errsize, "a host is needed");
		return -1;
	}
	o->host = argv[optind++];
	if (o->host[0] == '\0') {
		snprintf(err, errsize, "empty host");
		return -1;
	}
	if (optind < argc) {
		min = opts_min_len(o, o->family);
		if (o->family == AF_UNSPEC)
			min = 0;	/* checked again once the family is known */
		if (parse_int(argv[optind], min, TRACE_MAX_LEN, &len, &why) < 0) {
			snprintf(err, errsize, "packetlen: %s: %s", why,
			    text_quote(q, sizeof(q), argv[optind]));
			return -1;
		}
		o->packetlen = (long)len;
		optind++;
	}
	if (optind < argc) {
		snprintf(err, errsize, "too many operands: %s",
		    text_quote(q, sizeof(q), argv[optind]));
		return -1;
	}
	return 0;
}

int
opts_parse(int argc, char **argv, struct opts *o, char *err, size_t errsize)
{
	const char *base = strrchr(argv[0], '/');
	bool v4 = false, v6 = false;
	int c;

	memset(o, 0, sizeof(*o));
	base = base != NULL ? base + 1 : argv[0];
	o->family = strcmp(base, "esa-traceroute6") == 0 ? AF_INET6 : AF_UNSPEC;
	o->method = TRACE_UDP;
	o->first_ttl = 1;
	o->max_ttl = 64;
	o->nqueries = 3;
	o->wait_ms = 5000;
	o->port = 33434;
	o->parallel = 16;
	o->packetlen = -1;
	parse_opt_start();
	while ((c = getopt_long(argc, argv, ":46nIvjf:m:q:w:p:s:i:N:hV", longopts, NULL)) != -1) {
		if (c == 'h')
			return FRONT_HELP;
		if (c == 'V')
			return FRONT_VERSION;
		if (c == ':' || c == '?') {
			parse_opt_error(c, argv[optind - 1], longopts, err, errsize);
			return FRONT_ERROR;
		}
		if (option(c, o, &v4, &v6, err, errsize) < 0)
			return FRONT_ERROR;
	}
	if (v4 && (v6 || o->family == AF_INET6)) {
		snprintf(err, errsize, "-4 and -6 cannot be combined");
		return FRONT_ERROR;
	}
	if (v4 || v6)
		o->family = v4 ? AF_INET : AF_INET6;
	return check(argc, argv, o, err, errsize) < 0 ? FRONT_ERROR : FRONT_RUN;
}
