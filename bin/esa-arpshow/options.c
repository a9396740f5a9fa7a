/* SPDX-License-Identifier: BSD-2-Clause */
/* options.c - esa-arpshow's command line, parsed without printing (unit-tested). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "arpshow.h"
#include "front.h"
#include "parse.h"
#include "text.h"

enum { OPT_FLUSH = 256, OPT_FLUSH_ALL };

static const struct option longopts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "numeric", no_argument, NULL, 'n' },
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "interface", required_argument, NULL, 'i' },
	{ "json", no_argument, NULL, 'j' },
	{ "flush", no_argument, NULL, OPT_FLUSH },
	{ "flush-all", no_argument, NULL, OPT_FLUSH_ALL },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

void
arp_opts_usage(FILE *f)
{
	fprintf(f,
	    "usage: esa-arpshow [-an] [-4 | -6] [-i interface] [-j] [host]\n"
	    "       esa-arpshow --flush [-4 | -6] [-i interface]\n"
	    "       esa-arpshow --flush-all\n");
}

/* Called as esa-ndpshow, the tool shows the IPv6 table, as FreeBSD's ndp. */
static int
default_family(const char *argv0)
{
	const char *base = strrchr(argv0, '/');

	base = base != NULL ? base + 1 : argv0;
	return strcmp(base, "esa-ndpshow") == 0 ? AF_INET6 : AF_UNSPEC;
}

/* One option C (ARG its value) into O; false when C is none of them. */
static bool
option(struct opts *o, int c, const char *arg, bool *v4, bool *v6)
{
	switch (c) {
	case 'a':
		return true;	/* FreeBSD's arp -a: all entries, which is the default */
	case 'n': o->numeric = true; return true;
	case '4': *v4 = true; return true;
	case '6': *v6 = true; return true;
	case 'i': o->ifname = arg; return true;
	case 'j': o->json = true; return true;
	case OPT_FLUSH: o->flush = true; return true;
	case OPT_FLUSH_ALL: o->flush_all = true; return true;
	default: return false;
	}
}

/*
 * --flush-all empties every cache, whichever name the tool was called by: it takes
 * no option that would narrow it, nor --flush. NULL, or what is wrong.
 */
static const char *
flush_all_args(struct opts *o, bool family)
{
	if (o->flush)
		return "--flush and --flush-all cannot be combined";
	if (family)
		return "--flush-all flushes both families: -4 and -6 do not apply";
	if (o->ifname != NULL)
		return "--flush-all flushes every interface: -i does not apply";
	if (o->json)
		return "--flush-all cannot be combined with -j";
	o->flush = true;
	o->family = AF_UNSPEC;
	return NULL;
}

/* The family and the operands, once every option is read: 0, or -1 with WHY. */
static int
check(int argc, char **argv, struct opts *o, bool v4, bool v6, char *why, size_t n)
{
	char q[TEXT_QUOTE_SIZE];
	const char *e = NULL;

	if (o->flush_all)
		e = flush_all_args(o, v4 || v6);
	if (e == NULL && v4 && !v6 && o->family == AF_INET6)
		e = "-4: esa-ndpshow lists the IPv6 table only (use esa-arpshow -4)";
	if (e == NULL && v4 && v6)
		e = "-4 and -6 cannot be combined";
	if (e != NULL) {
		snprintf(why, n, "%s", e);
		return -1;
	}
	if (v4 || v6)
		o->family = v4 ? AF_INET : AF_INET6;
	if (optind < argc)
		o->host = argv[optind++];
	if (optind < argc)
		snprintf(why, n, "too many operands: %s", text_quote(q, sizeof(q), argv[optind]));
	else if (o->host != NULL && o->host[0] == '\0')
		snprintf(why, n, "the host is empty");
	else if (o->flush && o->json)
		snprintf(why, n, "--flush cannot be combined with -j");
	else if (o->flush && o->host != NULL)
		snprintf(why, n, "%s takes no host: %s", o->flush_all ? "--flush-all" : "--flush",
		    text_quote(q, sizeof(q), o->host));
	else
		return 0;
	return -1;
}

int
arp_opts_parse(int argc, char **argv, struct opts *o, char *why, size_t n)
{
	bool v4 = false, v6 = false;
	int c;

	memset(o, 0, sizeof(*o));
	o->family = default_family(argv[0]);
	parse_opt_start();
	while ((c = getopt_long(argc, argv, ":an46i:jhV", longopts, NULL)) != -1) {
		if (c == 'h' || c == 'V')
			return c == 'h' ? FRONT_HELP : FRONT_VERSION;
		if (!option(o, c, optarg, &v4, &v6)) {
			parse_opt_error(c, argv[optind - 1], longopts, why, n);
			return FRONT_ERROR;
		}
	}
	return check(argc, argv, o, v4, v6, why, n) < 0 ? FRONT_ERROR : FRONT_RUN;
}
