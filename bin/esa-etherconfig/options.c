/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * options.c - esa-etherconfig's command line, parsed without printing (unit-tested),
 * and its one table of views: the name, the parser of its operands, the run, and the
 * synopsis line each view's usage shows.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/ethtool.h>

#include "esa.h"
#include "etherconfig.h"
#include "front.h"
#include "parse.h"
#include "text.h"

/* Longest message before escaping, as admin.c's */
#define EC_OPT_MSG_MAX 2048

/*
 * FMT with its arguments into MSG, escaped as a whole as every message of this tool
 * (admin.c): the user's words come from outside, ours are printable ASCII that
 * text_safe leaves alone. Returns STATUS.
 */
static int __attribute__((format(printf, 4, 5)))
say(int status, char *msg, size_t size, const char *fmt, ...)
{
	char raw[EC_OPT_MSG_MAX];
	const char *safe;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	if ((safe = text_safe(msg, size, raw)) != msg)
		snprintf(msg, size, "%s", safe);
	return status;
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

static int
parse_media(struct opts *o, char **arg, int n, char *msg, size_t size)
{
	uint64_t v;
	const char *why;
	size_t i;

	if (n == 0)
		return 0;
	o->iface = arg[0];
	if (n == 1)
		return 0;
	if (n == 2 && strcmp(arg[1], "auto") == 0) {
		o->action = ACT_MEDIA_AUTO;
		return 0;
	}
	if (n > 3)
		return say(FRONT_ERROR, msg, size, "too many operands: %s", arg[3]);
	if (n != 3)
		return say(FRONT_ERROR, msg, size, "media: give IFACE auto, or IFACE SPEED half|full");
	if (parse_uint(arg[1], 1, UINT32_MAX, &v, &why) < 0)
		return say(FRONT_BAD_VALUE, msg, size, "speed: %s: %s", why, arg[1]);
	for (i = 0; i < ESA_NELEM(speeds) && speeds[i] != v; i++)
		;
	if (i == ESA_NELEM(speeds))
		return say(FRONT_BAD_VALUE, msg, size, "speed: not an Ethernet speed (10, 100, 1000, 2500, 5000, 10000, "
		    "25000, 40000, 50000, 100000... Mb/s): %s", arg[1]);
	if (strcmp(arg[2], "half") != 0 && strcmp(arg[2], "full") != 0)
		return say(FRONT_BAD_VALUE, msg, size, "duplex: not half or full: %s", arg[2]);
	o->action = ACT_MEDIA_FIXED;
	o->speed = (uint32_t)v;
	o->duplex = arg[2][0] == 'h' ? DUPLEX_HALF : DUPLEX_FULL;
	return 0;
}

static int
parse_vlan(struct opts *o, char **arg, int n, char *msg, size_t size)
{
	uint64_t v;
	const char *why;

	if (n == 0 || (n == 1 && strcmp(arg[0], "list") == 0))
		return 0;
	if (n > 1 && strcmp(arg[0], "list") == 0)
		return say(FRONT_ERROR, msg, size, "too many operands: %s", arg[1]);
	if (strcmp(arg[0], "add") == 0) {
		if (n != 3 && n != 4)
			return say(FRONT_ERROR, msg, size, "vlan add: give IFACE VID [NAME]");
		if (parse_uint(arg[2], 1, 4094, &v, &why) < 0)
			return say(FRONT_BAD_VALUE, msg, size, "VLAN ID: %s: %s", why, arg[2]);
		o->action = ACT_VLAN_ADD;
		o->iface = arg[1];
		o->vid = (uint16_t)v;
		o->vlan_name = n == 4 ? arg[3] : NULL;
	} else if (strcmp(arg[0], "delete") == 0) {
		if (n != 2)
			return say(FRONT_ERROR, msg, size, "vlan delete: give IFACE.VID or NAME");
		o->action = ACT_VLAN_DELETE;
		o->vlan_name = arg[1];
	} else {
		return say(FRONT_ERROR, msg, size, "vlan: unknown action: %s", arg[0]);
	}
	return 0;
}

static int
parse_loopback(struct opts *o, char **arg, int n, char *msg, size_t size)
{
	const char *why;

	if (n == 0 || (n == 1 && strcmp(arg[0], "show") == 0))
		return 0;
	if (n > 1 && strcmp(arg[0], "show") == 0)
		return say(FRONT_ERROR, msg, size, "too many operands: %s", arg[1]);
	if (n > 1 && strcmp(arg[0], "disable") == 0)
		return say(FRONT_ERROR, msg, size, "too many operands: %s", arg[1]);
	if (n == 1 && strcmp(arg[0], "disable") == 0) {
		o->action = ACT_LOOPBACK_DISABLE;
	} else if (strcmp(arg[0], "enable") == 0) {
		if (n != 2)
			return say(FRONT_ERROR, msg, size, "loopback enable: give one ADDR");
		if (addr_parse(arg[1], AF_UNSPEC, ADDR_NUMERIC, &o->addr, &why) < 0)
			return say(FRONT_BAD_VALUE, msg, size, "address: %s: %s", why, arg[1]);
		if (o->addr.scope != NULL)
			return say(FRONT_BAD_VALUE, msg, size, "address: takes no scope: %s", arg[1]);
		/* the kernel would put 0.0.0.0, 224.0.0.1 or 255.255.255.255 on lo without
		 * a word (IPv6 refuses :: and ff00::/8 itself, after the state is saved) */
		if ((why = loopback_addr_refusal(&o->addr)) != NULL)
			return say(FRONT_BAD_VALUE, msg, size, "address: %s: %s", why, arg[1]);
		o->action = ACT_LOOPBACK_ENABLE;
		o->addr_text = arg[1];
	} else {
		return say(FRONT_ERROR, msg, size, "loopback: unknown action: %s", arg[0]);
	}
	return 0;
}

static int
parse_mtu(struct opts *o, char **arg, int n, char *msg, size_t size)
{
	uint64_t v;
	const char *why;

	if (n == 0)
		return 0;
	if (n > 2)
		return say(FRONT_ERROR, msg, size, "too many operands: %s", arg[2]);
	o->iface = arg[0];
	if (n == 2) {
		/* 0 passes here: the device's limits say why it is refused */
		if (arg[1][0] == '-')
			return say(FRONT_BAD_VALUE, msg, size, "MTU: not a number: %s", arg[1]);
		if (parse_uint(arg[1], 0, UINT32_MAX, &v, &why) < 0)
			return say(FRONT_BAD_VALUE, msg, size, "MTU: %s: %s", why, arg[1]);
		o->action = ACT_MTU_SET;
		o->mtu = (uint32_t)v;
	}
	return 0;
}

static int
parse_multicast(struct opts *o, char **arg, int n, char *msg, size_t size)
{
	if (n == 0 || (n == 1 && strcmp(arg[0], "show") == 0))
		return 0;
	if (n > 1 && strcmp(arg[0], "show") == 0)
		return say(FRONT_ERROR, msg, size, "too many operands: %s", arg[1]);
	if (n > 1 && (strcmp(arg[0], "accept") == 0 || strcmp(arg[0], "reject") == 0))
		return say(FRONT_ERROR, msg, size, "too many operands: %s", arg[1]);
	if (n == 1 && strcmp(arg[0], "accept") == 0)
		o->action = ACT_MULTICAST_ACCEPT;
	else if (n == 1 && strcmp(arg[0], "reject") == 0)
		o->action = ACT_MULTICAST_REJECT;
	else
		return say(FRONT_ERROR, msg, size, "multicast: unknown action: %s", arg[0]);
	return 0;
}

/*
 * The N words after the view: -j, -f (and -h) may come anywhere ("mtu -j", "vlan
 * list -j"); every other word is an operand, into OPERANDS, so that "mtu eth0 -1" is
 * refused as an MTU, not as an option. Returns the number of operands, -1 for -h.
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
			return -1;
		else
			operands[k++] = arg[a];
	}
	return k;
}


static const struct ec_command commands[] = {
	{ "media", VIEW_MEDIA, parse_media, media_run,
	  "[-j] [IFACE [auto | SPEED half|full]]" },
	{ "vlan", VIEW_VLAN, parse_vlan, vlan_run,
	  "[-j] [list | add IFACE VID [NAME] | delete IFACE.VID|NAME]" },
	{ "loopback", VIEW_LOOPBACK, parse_loopback, loopback_run,
	  "[-j] [show | enable ADDR | disable]" },
	{ "mtu", VIEW_MTU, parse_mtu, mtu_run, "[-j] [IFACE [MTU [-f]]]" },
	{ "multicast", VIEW_MULTICAST, parse_multicast, multicast_run,
	  "[-j] [show | accept | reject]" },
};

const struct ec_command *
ec_command(enum view v)
{
	for (size_t i = 0; i < ESA_NELEM(commands); i++)
		if (commands[i].view == v)
			return &commands[i];
	return NULL;
}

void
ec_opts_usage(FILE *f)
{
	for (size_t i = 0; i < ESA_NELEM(commands); i++)
		fprintf(f, "%s esa-etherconfig %s %s\n", i == 0 ? "usage:" : "      ",
		    commands[i].name, commands[i].synopsis);
}

/* "a view is needed: media, vlan, loopback, mtu or multicast", from the table */
static int
no_view(char *msg, size_t size)
{
	size_t len = (size_t)snprintf(msg, size, "a view is needed: ");

	for (size_t i = 0; i < ESA_NELEM(commands) && len < size; i++)
		len += (size_t)snprintf(msg + len, size - len, "%s%s", i == 0 ? "" :
		    i + 1 == ESA_NELEM(commands) ? " or " : ", ", commands[i].name);
	return FRONT_ERROR;
}

/* The view named ARGV[0] and its operands after it, into O: a FRONT_* status. */
static int
parse_view(struct opts *o, int argc, char **argv, char *msg, size_t size)
{
	const struct ec_command *cmd = NULL;
	char **operands;
	int n, st;

	for (size_t i = 0; i < ESA_NELEM(commands) && cmd == NULL; i++)
		if (strcmp(commands[i].name, argv[0]) == 0)
			cmd = &commands[i];
	if (cmd == NULL)
		return say(FRONT_ERROR, msg, size, "unknown view: %s", argv[0]);
	o->view = cmd->view;
	operands = xcalloc((size_t)argc, sizeof(*operands));
	n = after_view(o, argv + 1, argc - 1, operands);
	st = n < 0 ? FRONT_HELP : cmd->parse(o, operands, n, msg, size);
	free(operands);
	return st;
}

int
ec_opts_parse(int argc, char **argv, struct opts *o, char *msg, size_t size)
{
	int c, st;

	memset(o, 0, sizeof(*o));
	optind = 0;		/* a fresh scan each call (the unit tests call it often) */
	opterr = 0;
	/* options before the view ("+": getopt stops at it) */
	while ((c = getopt_long(argc, argv, "+:jfhV", longopts, NULL)) != -1) {
		if (c == 'j')
			o->json = true;
		else if (c == 'f')
			o->force = true;
		else if (c == 'h' || c == 'V')
			return c == 'h' ? FRONT_HELP : FRONT_VERSION;
		else {
			/* parse_opt_error() quotes what was typed: not escaped twice */
			parse_opt_error(c, argv[optind - 1], longopts, msg, size);
			return FRONT_ERROR;
		}
	}
	if (optind == argc)
		return no_view(msg, size);
	if ((st = parse_view(o, argc - optind, argv + optind, msg, size)) != FRONT_RUN)
		return st;
	if (o->json && o->action != ACT_LIST)
		return say(FRONT_ERROR, msg, size, "-j: only for listings");
	if (o->force && o->action != ACT_MTU_SET)
		return say(FRONT_ERROR, msg, size, "-f: only for mtu IFACE MTU");
	return FRONT_RUN;
}
