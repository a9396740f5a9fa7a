/* SPDX-License-Identifier: BSD-2-Clause */
/* options.c - esa-tcpservices' command line, parsed without printing (unit-tested). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "front.h"
#include "parse.h"
#include "tcpservices.h"
#include "text.h"

static const struct option longopts[] = {
	{ "numeric", no_argument, NULL, 'n' },
	{ "names", no_argument, NULL, 'N' },
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "udp", no_argument, NULL, 'u' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

void
tcps_opts_usage(FILE *f)
{
	fprintf(f, "usage: esa-tcpservices [-N | -n] [-4 | -6] [-u] [-j]\n");
}

/* One flag into O; false when C is not one of them. */
static bool
opt_flag(struct topts *o, int c, bool *v4, bool *v6)
{
	switch (c) {
	case 'n':
		/* numeric is the default, as the appliance prints; -n stays for habit */
		o->names = false;
		return true;
	case 'N':
		o->names = true;
		return true;
	case '4':
		*v4 = true;
		return true;
	case '6':
		*v6 = true;
		return true;
	case 'u':
		o->udp = true;
		return true;
	case 'j':
		o->json = true;
		return true;
	default:
		return false;
	}
}

int
tcps_opts_parse(int argc, char **argv, struct topts *o, char *why, size_t n)
{
	char q[TEXT_QUOTE_SIZE];
	bool v4 = false, v6 = false;
	int c;

	memset(o, 0, sizeof(*o));
	o->family = AF_UNSPEC;
	parse_opt_start();
	while ((c = getopt_long(argc, argv, ":nN46ujhV", longopts, NULL)) != -1) {
		if (c == 'h' || c == 'V')
			return c == 'h' ? FRONT_HELP : FRONT_VERSION;
		if (opt_flag(o, c, &v4, &v6))
			continue;
		parse_opt_error(c, argv[optind - 1], longopts, why, n);
		return FRONT_ERROR;
	}
	if (v4 && v6) {
		snprintf(why, n, "-4 and -6 cannot be combined");
		return FRONT_ERROR;
	}
	if (v4 || v6)
		o->family = v4 ? AF_INET : AF_INET6;
	if (optind < argc) {
		snprintf(why, n, "too many operands: %s", text_quote(q, sizeof(q), argv[optind]));
		return FRONT_ERROR;
	}
	return FRONT_RUN;
}
