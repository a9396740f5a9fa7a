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

static const struct front front = { .name = "esa-netstat", .usage = netstat_opts_usage };

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
	char why[TEXT_QUOTE_SIZE + 64];
	int status = ESA_EXIT_ERR;

	front_start(&front);
	front_parsed(netstat_opts_parse(argc, argv, &o, why, sizeof(why)), why);
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
	if (o.ifname != NULL && (o.ifindex = front_interface(&links, NULL, o.ifname, NULL)) == 0)
		goto out;
	status = run_view(rt, diag, &links, &o);
out:
	link_table_free(&links);
	nl_close(diag);
	nl_close(rt);
	return front_close_stdout(status);
}
