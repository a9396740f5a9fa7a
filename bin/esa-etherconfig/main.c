/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-etherconfig: the appliance's etherconfig (media, VLANs, loopback, MTU, multicast ARP). */
#include <err.h>
#include <errno.h>
#include <stdlib.h>

#include <linux/capability.h>
#include <linux/netlink.h>

#include "esa.h"
#include "etherconfig.h"
#include "front.h"
#include "priv.h"
#include "text.h"

static const struct front front = { .name = "esa-etherconfig", .usage = ec_opts_usage };

/* Every privilege, for good; a failed step ends the run (going on is worse). */
static void
drop_privileges(void)
{
	const char *step;

	if (priv_drop(&step) < 0)
		err(ESA_EXIT_ERR, "dropping privileges: %s", step);
}

/*
 * Privileges as the run needs them, once the route socket is open. A listing
 * needs none (multicast's aside: the kernel shows a ruleset only to CAP_NET_ADMIN):
 * all go now. A change keeps CAP_NET_ADMIN alone, in effect (a file capability
 * cap_net_admin+p gives it permitted only), until it is made: the kernel checks it
 * on each request, in the sender and in whoever opened the socket, so the sockets
 * the views open later are opened with it.
 */
static void
limit_privileges(const struct opts *o)
{
	if (o->action == ACT_LIST && o->view != VIEW_MULTICAST) {
		drop_privileges();
		return;
	}
	if (priv_limit(CAP_NET_ADMIN) < 0)
		err(ESA_EXIT_ERR, "limiting capabilities");
	priv_raise(CAP_NET_ADMIN);
}

int
main(int argc, char **argv)
{
	struct iftable ifs = { 0 };
	struct opts o;
	struct ctx c = { .o = &o, .ifs = &ifs, .out = stdout };
	char why[TEXT_SAFE_SIZE(2048)];
	int status = ESA_EXIT_ERR;

	front_start(&front);
	front_parsed(ec_opts_parse(argc, argv, &o, why, sizeof(why)), why);
	if ((c.rt = nl_open(NETLINK_ROUTE)) == NULL)
		err(ESA_EXIT_ERR, "netlink socket");
	limit_privileges(&o);
	/* from here on, every failure goes through the one way out below */
	if (o.view != VIEW_MULTICAST && iftable_load(c.rt, &ifs) < 0) {
		warn("reading the interface table");
		goto out;
	}
	setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	status = ec_command(o.view)->run(&c);
out:
	/* the change is made: nothing is kept while the answer is written */
	if (o.action != ACT_LIST || o.view == VIEW_MULTICAST)
		drop_privileges();
	iftable_free(&ifs);
	nl_close(c.rt);
	return front_close_stdout(status);
}
