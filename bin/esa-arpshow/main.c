/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-arpshow: the appliance's ARPSHOW, NDPSHOW and FLUSH on Linux. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/capability.h>
#include <linux/netlink.h>

#include "arpshow.h"
#include "esa.h"
#include "front.h"
#include "parse.h"
#include "priv.h"
#include "text.h"

static const struct front front = { .name = "esa-arpshow", .usage = arp_opts_usage };

/* Resolves -i and the host operand against the interface table: 0, or -1 after a message. */
static int
resolve_args(struct opts *o, const struct link_table *links)
{
	const char *why;
	char q[TEXT_QUOTE_SIZE];

	if (o->ifname != NULL && (o->ifindex = front_interface(links, NULL, o->ifname, NULL)) == 0)
		return -1;
	if (o->host == NULL)
		return 0;
	if (addr_parse(o->host, o->family, o->numeric ? ADDR_NUMERIC : 0, &o->hostaddr, &why) < 0) {
		warnx("%s: %s", text_quote(q, sizeof(q), o->host), why);
		return -1;
	}
	o->family = o->hostaddr.family;
	if (o->hostaddr.scope != NULL &&
	    (o->host_scope = front_interface(links, NULL, o->hostaddr.scope, NULL)) == 0)
		return -1;
	return 0;
}

/*
 * Before anything is opened: a listing needs no privilege (and looks names up, which
 * reads the network), so every capability goes; --flush and --flush-all keep
 * CAP_NET_ADMIN alone, not in effect, and say so when it lacks it. 0, or -1 after a message.
 */
static int
priv_start(const struct opts *o)
{
	const char *step;

	if (!o->flush) {
		if (priv_drop(&step) < 0) {
			warn("dropping privileges: %s", step);
			return -1;
		}
		return 0;
	}
	if (priv_limit(CAP_NET_ADMIN) < 0) {
		warn("limiting capabilities");
		return -1;
	}
	if (!priv_has(CAP_NET_ADMIN)) {
		warnx("%s: %s (needs CAP_NET_ADMIN)", o->flush_all ? "--flush-all" : "--flush",
		    strerror(EPERM));
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct link_table links = { 0 };
	struct opts o;
	struct nl *nl;
	char why[TEXT_QUOTE_SIZE + 64];
	int status = ESA_EXIT_ERR;

	front_start(&front);
	front_parsed(arp_opts_parse(argc, argv, &o, why, sizeof(why)), why);
	if (priv_start(&o) < 0)
		return ESA_EXIT_ERR;
	if ((nl = nl_open(NETLINK_ROUTE)) == NULL)
		err(ESA_EXIT_ERR, "netlink socket");
	/* from here on, every failure goes through the one way out below */
	if (link_load(nl, &links, 0) < 0) {
		warn("reading the interface table");
		goto out;
	}
	if (resolve_args(&o, &links) < 0)
		goto out;

	/* one large buffer for a listing: it is written in few system calls */
	setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	if (o.flush) {
		const char *step;

		status = flush_run(nl, &o, &links, stdout);
		/* the deletes were all that needed it */
		if (priv_drop(&step) < 0) {
			warn("dropping privileges: %s", step);
			status = ESA_EXIT_ERR;
		}
	} else
		status = show_run(nl, &o, &links);
out:
	link_table_free(&links);
	nl_close(nl);
	return front_close_stdout(status);
}
