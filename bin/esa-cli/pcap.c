/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pcap.c - esa-cli's packetcapture: START, STOP, STATUS and SETUP over esa-pcap. A
 * capture started here is esa-pcap's detached kind (Ctrl-C at the prompt never
 * reaches it), stopped when the session ends, as on the appliance.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "esa.h"
#include "text.h"

/* `esa-pcap status` (shown, or with QUIET only its status): 0 running, 1 not, 2 error. */
static int
pcap_status(const struct cli *c, int quiet)
{
	char *argv[] = { "esa-pcap", "status", NULL }, *out;
	size_t len;
	int st;

	if (!quiet)
		return run_tool(c, argv);
	st = run_capture(c, argv, 1, &out, &len);
	free(out);
	return st;
}

/*
 * KEY from `esa-pcap status -j` at DEPTH (1: the capture, 2: its settings), malloc'd,
 * or NULL.
 */
static char *
pcap_setting(const struct cli *c, const char *key, int depth)
{
	char *argv[] = { "esa-pcap", "status", "-j", NULL };

	/* status 1 (nothing runs) prints the settings too */
	return run_json_value(c, argv, 1, ESA_EXIT_NO, key, depth);
}

/* A whole number of units from a setting's text, DEF when absent. */
static long
pcap_number(const struct cli *c, const char *key, long unit, long def)
{
	char *s = pcap_setting(c, key, 2), *end;
	long v = def;

	if (s != NULL && *s >= '0' && *s <= '9') {
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno != 0 || *end != '\0')
			v = def;
		else
			v /= unit;
	}
	free(s);
	return v;
}

/*
 * START: `esa-pcap start` (detached, so that it outlives nothing but needs no
 * terminal), its pid remembered to stop it when the session ends.
 */
static int
pcap_start(struct cli *c)
{
	char *argv[] = { "esa-pcap", "start", NULL }, *out, *pid;
	size_t len;
	int st;

	printf("\n");
	st = run_capture(c, argv, 0, &out, &len);	/* the file's name: not shown */
	free(out);
	if (st != ESA_EXIT_OK)
		return st;
	pid = pcap_setting(c, "pid", 1);
	c->capture = pid != NULL ? atol(pid) : 0;
	free(pid);
	printf("Success - Packet Capture has started\n");
	return ESA_EXIT_OK;
}

/* STOP: `esa-pcap stop`, which prints the capture's summary. */
static int
pcap_stop(struct cli *c)
{
	char *argv[] = { "esa-pcap", "stop", NULL };

	printf("\n");
	c->capture = 0;
	return run_tool(c, argv);
}

/*
 * The filter question, the current filter shown and kept on Enter: the answer
 * (malloc'd; "" for NONE), or NULL when the user left.
 */
static char *
pcap_ask_filter(struct cli *c)
{
	char *cur = pcap_setting(c, "filter", 2), *filter;
	const char *why;

	printf("\nEnter the filter (a tcpdump expression), or NONE for no filter:\n");
	if (cur != NULL && *cur != '\0')
		printf("The current filter is: %s\n", text_safe((char[TEXT_SAFE_SIZE(256)]){ 0 },
		    TEXT_SAFE_SIZE(256), cur));
	for (;;) {
		filter = term_read(c, "[]> ", 0);
		if (filter == NULL)
			break;
		if (*filter == '\0' && cur != NULL) {
			free(filter);
			filter = xstrdup(cur);	/* Enter keeps it */
		}
		if (strcasecmp(filter, "NONE") == 0)
			*filter = '\0';
		if (answer_filter(filter, &why) == 0)
			break;
		printf("%s\n", why);
		free(filter);
	}
	free(cur);
	return filter;
}

/* SETUP: size, duration, interface, filter, then `esa-pcap setup`. */
static int
pcap_setup(struct cli *c)
{
	char *args[12] = { "esa-pcap", "setup" }, size[32], dur[32], prompt[64];
	char *ifname = NULL, *filter = NULL;
	long mb, min, curmin;
	int n = 2, st = ESA_EXIT_ERR;

	mb = pcap_number(c, "max_size_bytes", 1024 * 1024, 200);
	snprintf(prompt, sizeof(prompt), "[%ld]> ", mb < 1 ? 1 : mb);
	printf("\nEnter the maximum size of the capture file in MB:\n");
	mb = ask_number(c, prompt, 1, 1024 * 1024, mb < 1 ? 1 : mb);
	if (mb == DIALOG_LEFT)
		return ESA_EXIT_ERR;
	curmin = pcap_number(c, "duration_s", 60, 0);
	snprintf(prompt, sizeof(prompt), "[%ld]> ", curmin);
	printf("\nEnter the time limit of the capture in minutes%s:\n",
	    curmin == 0 ? " (0 to run indefinitely)" : "");
	min = ask_number(c, prompt, curmin == 0 ? 0 : 1, 7 * 24 * 60, curmin);
	if (min == DIALOG_LEFT)
		return ESA_EXIT_ERR;
	ifname = ask_interface(c, "Choose the interface to capture packets from:", "any");
	if (ifname == NULL)
		return ESA_EXIT_ERR;
	filter = pcap_ask_filter(c);
	if (filter == NULL)
		goto out;
	snprintf(size, sizeof(size), "%ldM", mb);
	args[n++] = "-s", args[n++] = size;
	if (min > 0) {
		snprintf(dur, sizeof(dur), "%ldm", min);
		args[n++] = "-t", args[n++] = dur;
	}
	args[n++] = "-i", args[n++] = *ifname != '\0' ? ifname : "any";
	args[n++] = "-f", args[n++] = filter;
	st = run_tool(c, args);
	if (st == ESA_EXIT_OK)
		printf("\nThe packet capture settings were saved.\n");
out:
	free(filter);
	free(ifname);
	return st;
}

/* The legacy diagnostic > network > TCPDUMP menu, with the seed's texts. */
static const struct op tcpdump_ops[] = {
	{ "START", "Start packet capture" },
	{ "STOP", "Stop packet capture" },
	{ "STATUS", "Status capture" },
	{ "FILTER", "Set packet capture filter" },
	{ "INTERFACE", "Set packet capture interface" },
	{ "CLEAR", "Remove previous packet captures" },
};

/* TCPDUMP > FILTER and INTERFACE: one setting changed with `esa-pcap setup`. */
static int
pcap_set(struct cli *c, const char *opt, char *value)
{
	char *argv[] = { "esa-pcap", "setup", (char *)opt, value, NULL };
	int st;

	if (value == NULL)
		return ESA_EXIT_ERR;
	st = run_tool(c, argv);
	if (st == ESA_EXIT_OK)
		printf("\nThe packet capture settings were saved.\n");
	free(value);
	return st;
}

int
pcap_tcpdump(struct cli *c)
{
	char *clear[] = { "esa-pcap", "clear", NULL }, *ifname;
	int yes;

	switch (ask_op(c, NULL, tcpdump_ops, ESA_NELEM(tcpdump_ops))) {
	case 0:
		return pcap_start(c);
	case 1:
		return pcap_stop(c);
	case 2:
		printf("\n");
		return pcap_status(c, 0);
	case 3:
		return pcap_set(c, "-f", pcap_ask_filter(c));
	case 4:
		ifname = ask_interface(c, "Choose the interface to capture packets from:", "any");
		if (ifname != NULL && *ifname == '\0') {
			free(ifname);
			ifname = xstrdup("any");
		}
		return pcap_set(c, "-i", ifname);
	case 5:
		printf("\n");
		yes = ask_yesno(c, "Remove every previous packet capture? [N]> ", 0);
		if (yes != 1)
			return yes == 0 ? ESA_EXIT_OK : ESA_EXIT_ERR;
		return run_tool(c, clear);
	default:
		return ESA_EXIT_OK;
	}
}

static const struct op ops_idle[] = {
	{ "START", "Start packet capture." },
	{ "SETUP", "Change packet capture settings." },
};

static const struct op ops_running[] = {
	{ "STOP", "Stop packet capture." },
	{ "STATUS", "Display current capture status." },
	{ "SETUP", "Change packet capture settings." },
};

int
pcap_run(struct cli *c, int argc, char **argv)
{
	int running;
	long v;

	(void)argv;
	if (argc > 1) {
		printf("packetcapture takes no argument.\n");
		return ESA_EXIT_ERR;
	}
	printf("\n");
	running = pcap_status(c, 0);
	if (running == ESA_EXIT_ERR)
		return ESA_EXIT_ERR;
	if (running == ESA_EXIT_OK) {
		v = ask_op(c, ASK_CHOOSE, ops_running, ESA_NELEM(ops_running));
		if (v == 0)
			return pcap_stop(c);
		if (v == 1) {
			printf("\n");
			return pcap_status(c, 0);
		}
	} else {
		v = ask_op(c, ASK_CHOOSE, ops_idle, ESA_NELEM(ops_idle));
		if (v == 0)
			return pcap_start(c);
	}
	if (v == DIALOG_LEFT)
		return ESA_EXIT_OK;
	return pcap_setup(c);
}

void
pcap_end(struct cli *c)
{
	char *argv[] = { "esa-pcap", "stop", NULL }, *pid, *out;
	size_t len;

	if (c->capture == 0)
		return;
	/* only the capture this session started, if it still runs */
	pid = pcap_setting(c, "pid", 1);
	if (pid != NULL && atol(pid) == c->capture) {
		printf("The packet capture started in this session is stopped.\n");
		fflush(stdout);
		run_capture(c, argv, 0, &out, &len);
		free(out);
	}
	free(pid);
	c->capture = 0;
}
