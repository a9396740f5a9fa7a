/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-netstat: the appliance's netstat, its five views, on Linux. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netinet/in.h>

#include "esa.h"
#include "front.h"
#include "netstat.h"
#include "parse.h"
#include "text.h"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: esa-netstat [-anW] [-4 | -6] [-p tcp | udp] [--services] [-j]\n"
	    "       esa-netstat -i [-dn] [-I interface] [-j]\n"
	    "       esa-netstat -r [-nW] [-4 | -6] [-j]\n"
	    "       esa-netstat -L [-nW] [-4 | -6] [-j]\n"
	    "       esa-netstat -w seconds [-d] [-I interface] [-c count] [-j]\n");
}

static const struct front front = { .name = "esa-netstat", .usage = usage };

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

/* One view at a time: -i, -r, -L and -w each pick theirs. */
static void
set_view(struct nopts *o, enum view v, int *views)
{
	if (++*views > 1 && o->view != v)
		usage_error("-i, -r, -L and -w are different views: choose one");
	o->view = v;
}

static uint64_t
number(const char *opt, const char *arg, uint64_t min, uint64_t max)
{
	const char *why;
	char q[TEXT_QUOTE_SIZE];
	uint64_t v;

	if (parse_uint(arg, min, max, &v, &why) < 0)
		usage_error("%s: %s: %s", opt, why, text_quote(q, sizeof(q), arg));
	return v;
}

/* Options that only one view uses are refused with the others, not ignored. */
static void
check_combination(const struct nopts *o, bool count_given)
{
	if (o->view != VIEW_SOCKETS && (o->all || o->protocol != 0 || o->services))
		usage_error("-a, -p and --services go with the socket list only");
	if (o->drops && o->view != VIEW_IFACES && o->view != VIEW_TRAFFIC)
		usage_error("-d goes with -i or -w only");
	if (o->ifname != NULL && o->view != VIEW_IFACES && o->view != VIEW_TRAFFIC)
		usage_error("-I goes with -i or -w only");
	if (count_given && o->view != VIEW_TRAFFIC)
		usage_error("-c goes with -w only");
	if (o->family != AF_UNSPEC && (o->view == VIEW_IFACES || o->view == VIEW_TRAFFIC))
		usage_error("-4 and -6 do not go with -i or -w");
}

static void
parse_args(int argc, char **argv, struct nopts *o)
{
	bool v4 = false, v6 = false, count_given = false;
	char why[TEXT_QUOTE_SIZE + 64], q[TEXT_QUOTE_SIZE];
	int c, views = 0;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":anW46p:jiI:drLw:c:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'a': o->all = true; break;
		case 'n': o->numeric = true; break;
		case OPT_SERVICES: o->services = true; break;
		case 'W': o->wide = true; break;
		case '4': v4 = true; break;
		case '6': v6 = true; break;
		case 'j': o->json = true; break;
		case 'd': o->drops = true; break;
		case 'I': o->ifname = optarg; break;
		case 'i': set_view(o, VIEW_IFACES, &views); break;
		case 'r': set_view(o, VIEW_ROUTES, &views); break;
		case 'L': set_view(o, VIEW_LISTEN, &views); break;
		case 'p':
			if (strcmp(optarg, "tcp") == 0)
				o->protocol = IPPROTO_TCP;
			else if (strcmp(optarg, "udp") == 0)
				o->protocol = IPPROTO_UDP;
			else
				usage_error("-p: not tcp or udp: %s",
				    text_quote(q, sizeof(q), optarg));
			break;
		case 'w':
			set_view(o, VIEW_TRAFFIC, &views);
			o->interval_ms = number("-w", optarg, 1, 86400) * 1000;
			break;
		case 'c':
			o->count = number("-c", optarg, 1, UINT32_MAX);
			count_given = true;
			break;
		case 'h':
			front_help();
		case 'V':
			front_version();
		default:
			usage_error("%s", parse_opt_error(c, argv[optind - 1], longopts,
			    why, sizeof(why)));
		}
	}
	if (v4 && v6)
		usage_error("-4 and -6 cannot be combined");
	o->family = v4 ? AF_INET : v6 ? AF_INET6 : AF_UNSPEC;
	if (optind < argc)
		usage_error("too many operands: %s", text_quote(q, sizeof(q), argv[optind]));
	check_combination(o, count_given);
}

/* Lists the view asked for. */
static int
run_view(struct nl *rt, struct nl *diag, const struct link_table *links, const struct nopts *o)
{
	if (o->view == VIEW_TRAFFIC) {
		/* a live view: each row is seen when it is printed */
		setvbuf(stdout, NULL, _IOLBF, 0);
		return traffic_run(rt, links, o);
	}
	/* one large buffer for a listing: it is written in few system calls */
	setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	switch (o->view) {
	case VIEW_SOCKETS:
		return sockets_run(diag, o);
	case VIEW_IFACES:
		return ifaces_run(rt, links, o);
	case VIEW_ROUTES:
		return routes_run(rt, links, o);
	default:
		return listen_run(diag, o);
	}
}

int
main(int argc, char **argv)
{
	struct link_table links = { 0 };
	struct nl *rt = NULL, *diag = NULL;
	struct nopts o;
	const struct link *l;
	char q[TEXT_QUOTE_SIZE];
	int status = ESA_EXIT_ERR;

	front_start(&front);
	parse_args(argc, argv, &o);
	/* from here on, every failure goes through the one way out below */
	if ((rt = nl_open(NETLINK_ROUTE)) == NULL) {
		warn("netlink socket");
		goto out;
	}
	if ((o.view == VIEW_SOCKETS || o.view == VIEW_LISTEN) &&
	    (diag = nl_open(NETLINK_SOCK_DIAG)) == NULL) {
		warn("sock_diag socket");
		goto out;
	}
	if (link_load(rt, &links, o.view == VIEW_IFACES ? LINK_STATS : 0) < 0) {
		warn("reading the interface table");
		goto out;
	}
	if (o.ifname != NULL) {
		if ((l = link_by_name(&links, o.ifname)) == NULL) {
			warnx("%s: %s", text_quote(q, sizeof(q), o.ifname), link_strerror(errno));
			goto out;
		}
		o.ifindex = l->index;
	}
	status = run_view(rt, diag, &links, &o);
out:
	link_table_free(&links);
	nl_close(diag);
	nl_close(rt);
	return front_close_stdout(status);
}
