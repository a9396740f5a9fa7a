/* SPDX-License-Identifier: BSD-2-Clause */
/* dialog.c - esa-cli's commands: the appliance's menus and questions, then a tool. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "esa.h"
#include "text.h"

#define ARGS_MAX 16

/*
 * ping, ping6, traceroute, traceroute6: the questions when no host is given. Each
 * tool prints "Press Ctrl-C to stop." itself on a terminal.
 */
struct probe {
	const char *cmd, *tool, *ifopt, *ifquestion, *hostquestion;
};

static const struct probe probes[] = {
	{ "ping", "esa-ping", "-I", "Which interface do you want to send the pings from?",
	    "Please enter the host you wish to ping." },
	{ "ping6", "esa-ping6", "-I", "Which interface do you want to send the pings from?",
	    "Please enter the host you wish to ping." },
	{ "traceroute", "esa-traceroute", "-i",
	    "Which interface do you want to trace from?",
	    "Please enter the host to which you want to trace the route." },
	{ "traceroute6", "esa-traceroute6", "-i",
	    "Which interface do you want to trace from?",
	    "Please enter the host to which you want to trace the route." },
};

/*
 * With a host as argument the tool runs at once, as the seed shows; without one the
 * interface (Auto or one of esa-netstat's) and the host are asked first.
 */
static int
probe_run(struct cli *c, const struct probe *p, int argc, char **argv)
{
	char *args[6] = { (char *)p->tool }, *host = NULL, *ifname = NULL, q[TEXT_QUOTE_SIZE];
	const char *why;
	int n = 1, st;

	if (argc > 2) {
		printf("%s takes one host.\n", p->cmd);
		return ESA_EXIT_ERR;
	}
	if (argc == 2) {
		if (answer_host(argv[1], &why) < 0) {
			printf("%s: %s\n", text_quote(q, sizeof(q), argv[1]), why);
			return ESA_EXIT_ERR;
		}
		host = xstrdup(argv[1]);
	} else {
		ifname = ask_interface(c, p->ifquestion, "Auto");
		if (ifname == NULL)
			return ESA_EXIT_ERR;
		host = ask_host(c, p->hostquestion);
		if (host == NULL) {
			free(ifname);
			return ESA_EXIT_ERR;
		}
		if (*ifname != '\0') {
			args[n++] = (char *)p->ifopt;
			args[n++] = ifname;
		}
		printf("\n");
	}
	args[n++] = "--";
	args[n++] = host;
	st = run_tool(c, args);
	free(host);
	free(ifname);
	return st;
}

static int
cmd_probe(struct cli *c, int argc, char **argv)
{
	size_t i;

	for (i = 0; i < ESA_NELEM(probes); i++)
		if (strcasecmp(argv[0], probes[i].cmd) == 0)
			break;
	return probe_run(c, &probes[i], argc, argv);
}

/* netstat: the appliance's five views, then esa-netstat. */
static int
cmd_netstat(struct cli *c, int argc, char **argv)
{
	static char *const views[] = { "-a", "-i", "-r", "-L" };
	char *args[8] = { "esa-netstat" }, *ifname;
	long v;
	int d, st;

	(void)argv;
	if (argc > 1) {
		printf("netstat takes no argument.\n");
		return ESA_EXIT_ERR;
	}
	printf("\nChoose the information you want to display:\n"
	    "1. List of active sockets.\n"
	    "2. State of network interfaces.\n"
	    "3. Contents of routing tables.\n"
	    "4. Size of the listen queues.\n"
	    "5. Packet traffic information.\n");
	v = ask_number(c, "[1]> ", 1, 5, 1);
	if (v == DIALOG_LEFT)
		return ESA_EXIT_ERR;
	if (v == 5) {
		ifname = ask_interface(c, "Choose the interface:", NULL);
		if (ifname == NULL)
			return ESA_EXIT_ERR;
		args[1] = "-w", args[2] = "1", args[3] = "-I", args[4] = ifname;
		printf("\n");
		press_ctrl_c(c);
		st = run_tool(c, args);
		free(ifname);
		return st;
	}
	args[1] = views[v - 1];
	if (v == 2) {
		printf("\n");
		d = ask_yesno(c, "Show the number of dropped packets? [N]> ", 0);
		if (d == DIALOG_LEFT)
			return ESA_EXIT_ERR;
		if (d)
			args[2] = "-d";
	}
	printf("\n");
	return run_tool(c, args);
}

/* tcpservices: esa-tcpservices, which asks nothing. */
static int
cmd_tcpservices(struct cli *c, int argc, char **argv)
{
	char *args[] = { "esa-tcpservices", NULL };

	(void)argv;
	if (argc > 1) {
		printf("tcpservices takes no argument.\n");
		return ESA_EXIT_ERR;
	}
	return run_tool(c, args);
}

static const struct command {
	const char *name;
	int (*run)(struct cli *, int, char **);
	const char *what;
} commands[] = {
	{ "diagnostic", diag_run, "Check the network: ARP and NDP caches, SMTP servers." },
	{ "etherconfig", ether_run, "Configure Ethernet settings." },
	{ "exit", NULL, "Exit the session." },
	{ "help", NULL, "List the commands." },
	{ "netstat", cmd_netstat,
	    "Display network connections, routing tables, and network interface statistics." },
	{ "packetcapture", pcap_run, "Intercept and display packets being transmitted or received." },
	{ "ping", cmd_probe, "Ping a network host." },
	{ "ping6", cmd_probe, "Ping a network host over IPv6." },
	{ "quit", NULL, "Exit the session." },
	{ "tcpservices", cmd_tcpservices, "Display information about open TCP/IP services." },
	{ "traceroute", cmd_probe, "Display the network route to a remote host." },
	{ "traceroute6", cmd_probe, "Display the network route to a remote host over IPv6." },
};

void
dialog_help(void)
{
	size_t i;

	for (i = 0; i < ESA_NELEM(commands); i++)
		printf("%-15s %s\n", commands[i].name, commands[i].what);
}

int
dialog_run(struct cli *c, char *line)
{
	char *argv[ARGS_MAX], q[TEXT_QUOTE_SIZE];
	size_t i;
	int argc;

	argc = answer_split(line, argv, ARGS_MAX);
	if (argc == 0)
		return ESA_EXIT_OK;
	if (argc < 0) {
		printf("Too many words on one line.\n");
		return ESA_EXIT_ERR;
	}
	if (strcasecmp(argv[0], "help") == 0 || strcmp(argv[0], "?") == 0) {
		dialog_help();
		return ESA_EXIT_OK;
	}
	for (i = 0; i < ESA_NELEM(commands); i++)
		if (commands[i].run != NULL && strcasecmp(argv[0], commands[i].name) == 0)
			return commands[i].run(c, argc, argv);
	printf("Unknown command: %s. Type \"help\" to list the commands.\n",
	    text_quote(q, sizeof(q), argv[0]));
	return ESA_EXIT_ERR;
}
