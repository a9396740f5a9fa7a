/* SPDX-License-Identifier: BSD-2-Clause */
/* options.c - esa-netstat's command line, parsed without printing (unit-tested). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include "front.h"
#include "netstat.h"
#include "parse.h"
#include "text.h"

/* long options with no letter of their own */
enum { OPT_SERVICES = 0x100 };

static const struct option longopts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "numeric", no_argument, NULL, 'n' },
	{ "services", no_argument, NULL, OPT_SERVICES },
	{ "wide", no_argument, NULL, 'W' },
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "protocol", required_argument, NULL, 'p' },
	{ "json", no_argument, NULL, 'j' },
	{ "interfaces", no_argument, NULL, 'i' },
	{ "interface", required_argument, NULL, 'I' },
	{ "drops", no_argument, NULL, 'd' },
	{ "routes", no_argument, NULL, 'r' },
	{ "listen", no_argument, NULL, 'L' },
	{ "wait", required_argument, NULL, 'w' },
	{ "count", required_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

void
netstat_opts_usage(FILE *f)
{
	fprintf(f,
	    "usage: esa-netstat [-anW] [-4 | -6] [-p tcp | udp] [--services] [-j]\n"
	    "       esa-netstat -i [-dn] [-I interface] [-j]\n"
	    "       esa-netstat -r [-nW] [-4 | -6] [-j]\n"
	    "       esa-netstat -L [-nW] [-4 | -6] [-j]\n"
	    "       esa-netstat -w seconds [-d] [-I interface] [-c count] [-j]\n");
}

/* What the scan has seen beyond O itself. */
struct seen {
	bool v4, v6, count;
	int views;
};

/* One view at a time: -i, -r, -L and -w each pick theirs. 0, or -1 with WHY. */
static int
set_view(struct nopts *o, enum view v, struct seen *s, char *why, size_t n)
{
	if (++s->views > 1 && o->view != v) {
		snprintf(why, n, "-i, -r, -L and -w are different views: choose one");
		return -1;
	}
	o->view = v;
	return 0;
}

/* ARG as a number of MIN to MAX into *V: 0, or -1 with WHY naming OPT. */
static int
number(const char *opt, const char *arg, uint64_t min, uint64_t max, uint64_t *v,
    char *why, size_t n)
{
	const char *e;
	char q[TEXT_QUOTE_SIZE];

	if (parse_uint(arg, min, max, v, &e) < 0) {
		snprintf(why, n, "%s: %s: %s", opt, e, text_quote(q, sizeof(q), arg));
		return -1;
	}
	return 0;
}

/* One option C (ARG its value) into O: 0, or -1 with WHY. */
static int
option(struct nopts *o, int c, const char *arg, struct seen *s, char *why, size_t n)
{
	char q[TEXT_QUOTE_SIZE];

	switch (c) {
	case 'a': o->all = true; return 0;
	case 'n': o->numeric = true; return 0;
	case OPT_SERVICES: o->services = true; return 0;
	case 'W': o->wide = true; return 0;
	case '4': s->v4 = true; return 0;
	case '6': s->v6 = true; return 0;
	case 'j': o->json = true; return 0;
	case 'd': o->drops = true; return 0;
	case 'I': o->ifname = arg; return 0;
	case 'i': return set_view(o, VIEW_IFACES, s, why, n);
	case 'r': return set_view(o, VIEW_ROUTES, s, why, n);
	case 'L': return set_view(o, VIEW_LISTEN, s, why, n);
	case 'p':
		if (strcmp(arg, "tcp") == 0 || strcmp(arg, "udp") == 0) {
			o->protocol = arg[0] == 't' ? IPPROTO_TCP : IPPROTO_UDP;
			return 0;
		}
		snprintf(why, n, "-p: not tcp or udp: %s", text_quote(q, sizeof(q), arg));
		return -1;
	case 'w':
		if (set_view(o, VIEW_TRAFFIC, s, why, n) < 0 ||
		    number("-w", arg, 1, 86400, &o->interval_ms, why, n) < 0)
			return -1;
		o->interval_ms *= 1000;
		return 0;
	default:	/* 'c' */
		s->count = true;
		return number("-c", arg, 1, UINT32_MAX, &o->count, why, n);
	}
}

/* Options that only one view uses are refused with the others, not ignored. */
static const char *
combination_error(const struct nopts *o, bool count_given)
{
	if (o->view != VIEW_SOCKETS && (o->all || o->protocol != 0 || o->services))
		return "-a, -p and --services go with the socket list only";
	if (o->drops && o->view != VIEW_IFACES && o->view != VIEW_TRAFFIC)
		return "-d goes with -i or -w only";
	if (o->ifname != NULL && o->view != VIEW_IFACES && o->view != VIEW_TRAFFIC)
		return "-I goes with -i or -w only";
	if (count_given && o->view != VIEW_TRAFFIC)
		return "-c goes with -w only";
	if (o->family != AF_UNSPEC && (o->view == VIEW_IFACES || o->view == VIEW_TRAFFIC))
		return "-4 and -6 do not go with -i or -w";
	return NULL;
}

int
netstat_opts_parse(int argc, char **argv, struct nopts *o, char *why, size_t n)
{
	struct seen s = { 0 };
	char q[TEXT_QUOTE_SIZE];
	const char *e;
	int c;

	memset(o, 0, sizeof(*o));
	parse_opt_start();
	while ((c = getopt_long(argc, argv, ":anW46p:jiI:drLw:c:hV", longopts, NULL)) != -1) {
		if (c == 'h' || c == 'V')
			return c == 'h' ? FRONT_HELP : FRONT_VERSION;
		if (c == ':' || c == '?') {
			parse_opt_error(c, argv[optind - 1], longopts, why, n);
			return FRONT_ERROR;
		}
		if (option(o, c, optarg, &s, why, n) < 0)
			return FRONT_ERROR;
	}
	if (s.v4 && s.v6) {
		snprintf(why, n, "-4 and -6 cannot be combined");
		return FRONT_ERROR;
	}
	o->family = s.v4 ? AF_INET : s.v6 ? AF_INET6 : AF_UNSPEC;
	if (optind < argc) {
		snprintf(why, n, "too many operands: %s", text_quote(q, sizeof(q), argv[optind]));
		return FRONT_ERROR;
	}
	if ((e = combination_error(o, s.count)) != NULL) {
		snprintf(why, n, "%s", e);
		return FRONT_ERROR;
	}
	return FRONT_RUN;
}
