/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-etherconfig: the appliance's etherconfig (media, VLANs, loopback, MTU, multicast ARP). */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <linux/capability.h>
#include <linux/ethtool.h>
#include <linux/netlink.h>

#include "esa.h"
#include "etherconfig.h"
#include "front.h"
#include "parse.h"
#include "priv.h"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: esa-etherconfig media [-j] [IFACE [auto | SPEED half|full]]\n"
	    "       esa-etherconfig vlan [-j] [list | add IFACE VID [NAME] | delete IFACE.VID|NAME]\n"
	    "       esa-etherconfig loopback [-j] [show | enable ADDR | disable]\n"
	    "       esa-etherconfig mtu [-j] [IFACE [MTU [-f]]]\n"
	    "       esa-etherconfig multicast [-j] [show | accept | reject]\n");
}

/* messages escaped as a whole, as every other one of this tool (admin.c) */
static const struct front front = {
	.name = "esa-etherconfig", .usage = usage, .vwarnx = ec_vwarnx,
};

/* A bad value: one line naming it, nothing else. */
static void __attribute__((noreturn, format(printf, 1, 2)))
bad_value(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ec_vwarnx(fmt, ap);
	va_end(ap);
	exit(ESA_EXIT_ERR);
}

static const struct option longopts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "force", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* The speeds of IEEE 802.3 in Mb/s, the ones `media IFACE SPEED` accepts. */
static const uint32_t speeds[] = {
	10, 100, 1000, 2500, 5000, 10000, 20000, 25000, 40000, 50000, 56000,
	100000, 200000, 400000, 800000,
};

static void
parse_media(struct opts *o, char **arg, int n)
{
	uint64_t v;
	const char *why;
	size_t i;

	if (n == 0)
		return;
	o->iface = arg[0];
	if (n == 1)
		return;
	if (n == 2 && strcmp(arg[1], "auto") == 0) {
		o->action = ACT_MEDIA_AUTO;
		return;
	}
	if (n > 3)
		usage_error("too many operands: %s", arg[3]);
	if (n != 3)
		usage_error("media: give IFACE auto, or IFACE SPEED half|full");
	if (parse_uint(arg[1], 1, UINT32_MAX, &v, &why) < 0)
		bad_value("speed: %s: %s", why, arg[1]);
	for (i = 0; i < ESA_NELEM(speeds) && speeds[i] != v; i++)
		;
	if (i == ESA_NELEM(speeds))
		bad_value("speed: not an Ethernet speed (10, 100, 1000, 2500, 5000, 10000, "
		    "25000, 40000, 50000, 100000... Mb/s): %s", arg[1]);
	if (strcmp(arg[2], "half") != 0 && strcmp(arg[2], "full") != 0)
		bad_value("duplex: not half or full: %s", arg[2]);
	o->action = ACT_MEDIA_FIXED;
	o->speed = (uint32_t)v;
	o->duplex = arg[2][0] == 'h' ? DUPLEX_HALF : DUPLEX_FULL;
}

static void
parse_vlan(struct opts *o, char **arg, int n)
{
	uint64_t v;
	const char *why;

	if (n == 0 || (n == 1 && strcmp(arg[0], "list") == 0))
		return;
	if (n > 1 && strcmp(arg[0], "list") == 0)
		usage_error("too many operands: %s", arg[1]);
	if (strcmp(arg[0], "add") == 0) {
		if (n != 3 && n != 4)
			usage_error("vlan add: give IFACE VID [NAME]");
		if (parse_uint(arg[2], 1, 4094, &v, &why) < 0)
			bad_value("VLAN ID: %s: %s", why, arg[2]);
		o->action = ACT_VLAN_ADD;
		o->iface = arg[1];
		o->vid = (uint16_t)v;
		o->vlan_name = n == 4 ? arg[3] : NULL;
	} else if (strcmp(arg[0], "delete") == 0) {
		if (n != 2)
			usage_error("vlan delete: give IFACE.VID or NAME");
		o->action = ACT_VLAN_DELETE;
		o->vlan_name = arg[1];
	} else {
		usage_error("vlan: unknown action: %s", arg[0]);
	}
}

static void
parse_loopback(struct opts *o, char **arg, int n)
{
	const char *why;

	if (n == 0 || (n == 1 && strcmp(arg[0], "show") == 0))
		return;
	if (n > 1 && strcmp(arg[0], "show") == 0)
		usage_error("too many operands: %s", arg[1]);
	if (n > 1 && strcmp(arg[0], "disable") == 0)
		usage_error("too many operands: %s", arg[1]);
	if (n == 1 && strcmp(arg[0], "disable") == 0) {
		o->action = ACT_LOOPBACK_DISABLE;
	} else if (strcmp(arg[0], "enable") == 0) {
		if (n != 2)
			usage_error("loopback enable: give one ADDR");
		if (addr_parse(arg[1], AF_UNSPEC, ADDR_NUMERIC, &o->addr, &why) < 0)
			bad_value("address: %s: %s", why, arg[1]);
		if (o->addr.scope != NULL)
			bad_value("address: takes no scope: %s", arg[1]);
		/* the kernel would put 0.0.0.0, 224.0.0.1 or 255.255.255.255 on lo without
		 * a word (IPv6 refuses :: and ff00::/8 itself, after the state is saved) */
		if ((why = loopback_addr_refusal(&o->addr)) != NULL)
			bad_value("address: %s: %s", why, arg[1]);
		o->action = ACT_LOOPBACK_ENABLE;
		o->addr_text = arg[1];
	} else {
		usage_error("loopback: unknown action: %s", arg[0]);
	}
}

static void
parse_mtu(struct opts *o, char **arg, int n)
{
	uint64_t v;
	const char *why;

	if (n == 0)
		return;
	if (n > 2)
		usage_error("too many operands: %s", arg[2]);
	o->iface = arg[0];
	if (n == 2) {
		/* 0 passes here: the device's limits say why it is refused */
		if (arg[1][0] == '-')
			bad_value("MTU: not a number: %s", arg[1]);
		if (parse_uint(arg[1], 0, UINT32_MAX, &v, &why) < 0)
			bad_value("MTU: %s: %s", why, arg[1]);
		o->action = ACT_MTU_SET;
		o->mtu = (uint32_t)v;
	}
}

static void
parse_multicast(struct opts *o, char **arg, int n)
{
	if (n == 0 || (n == 1 && strcmp(arg[0], "show") == 0))
		return;
	if (n > 1 && strcmp(arg[0], "show") == 0)
		usage_error("too many operands: %s", arg[1]);
	if (n > 1 && (strcmp(arg[0], "accept") == 0 || strcmp(arg[0], "reject") == 0))
		usage_error("too many operands: %s", arg[1]);
	if (n == 1 && strcmp(arg[0], "accept") == 0)
		o->action = ACT_MULTICAST_ACCEPT;
	else if (n == 1 && strcmp(arg[0], "reject") == 0)
		o->action = ACT_MULTICAST_REJECT;
	else
		usage_error("multicast: unknown action: %s", arg[0]);
}

/*
 * The N words after the view: -j, -f (and -h) may come anywhere ("mtu -j", "vlan
 * list -j"); every other word is an operand, into OPERANDS, so that "mtu eth0 -1" is
 * refused as an MTU, not as an option. Returns the number of operands.
 */
static int
after_view(struct opts *o, char **arg, int n, char **operands)
{
	int k = 0;

	for (int a = 0; a < n; a++) {
		if (strcmp(arg[a], "-j") == 0 || strcmp(arg[a], "--json") == 0)
			o->json = true;
		else if (strcmp(arg[a], "-f") == 0 || strcmp(arg[a], "--force") == 0)
			o->force = true;
		else if (strcmp(arg[a], "-h") == 0 || strcmp(arg[a], "--help") == 0)
			front_help();
		else
			operands[k++] = arg[a];
	}
	return k;
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct {
		const char *name;
		enum view view;
		void (*parse)(struct opts *, char **, int);
	} views[] = {
		{ "media", VIEW_MEDIA, parse_media },
		{ "vlan", VIEW_VLAN, parse_vlan },
		{ "loopback", VIEW_LOOPBACK, parse_loopback },
		{ "mtu", VIEW_MTU, parse_mtu },
		{ "multicast", VIEW_MULTICAST, parse_multicast },
	};
	char why[128], **operands;
	size_t i;
	int c, n;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	/* options before the view ("+": getopt stops at it) */
	while ((c = getopt_long(argc, argv, "+:jfhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o->json = true;
			break;
		case 'f':
			o->force = true;
			break;
		case 'h':
			front_help();
		case 'V':
			front_version();
		default:
			/* parse_opt_error() quotes what was typed: not escaped twice */
			warnx("%s", parse_opt_error(c, argv[optind - 1], longopts, why,
			    sizeof(why)));
			usage(stderr);
			exit(ESA_EXIT_ERR);
		}
	}
	if (optind == argc)
		usage_error("a view is needed: media, vlan, loopback, mtu or multicast");
	for (i = 0; i < ESA_NELEM(views) && strcmp(views[i].name, argv[optind]) != 0; i++)
		;
	if (i == ESA_NELEM(views))
		usage_error("unknown view: %s", argv[optind]);
	o->view = views[i].view;
	operands = xcalloc((size_t)argc, sizeof(*operands));
	n = after_view(o, argv + optind + 1, argc - optind - 1, operands);
	views[i].parse(o, operands, n);
	free(operands);
	if (o->json && o->action != ACT_LIST)
		usage_error("-j: only for listings");
	if (o->force && o->action != ACT_MTU_SET)
		usage_error("-f: only for mtu IFACE MTU");
}

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
	static int (*const run[])(struct ctx *) = {
		[VIEW_MEDIA] = media_run, [VIEW_VLAN] = vlan_run,
		[VIEW_LOOPBACK] = loopback_run, [VIEW_MTU] = mtu_run,
		[VIEW_MULTICAST] = multicast_run,
	};
	struct iftable ifs = { 0 };
	struct opts o;
	struct ctx c = { .o = &o, .ifs = &ifs, .out = stdout };
	int status = ESA_EXIT_ERR;

	front_start(&front);
	parse_args(argc, argv, &o);
	if ((c.rt = nl_open(NETLINK_ROUTE)) == NULL)
		err(ESA_EXIT_ERR, "netlink socket");
	limit_privileges(&o);
	/* from here on, every failure goes through the one way out below */
	if (o.view != VIEW_MULTICAST && iftable_load(c.rt, &ifs) < 0) {
		warn("reading the interface table");
		goto out;
	}
	setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	status = run[o.view](&c);
out:
	/* the change is made: nothing is kept while the answer is written */
	if (o.action != ACT_LIST || o.view == VIEW_MULTICAST)
		drop_privileges();
	iftable_free(&ifs);
	nl_close(c.rt);
	return front_close_stdout(status);
}
