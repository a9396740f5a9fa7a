/* SPDX-License-Identifier: BSD-2-Clause */
/* netstat.h - the five views of esa-netstat, as the appliance's netstat menu lists them. */
#ifndef ESA_NETSTAT_H
#define ESA_NETSTAT_H

#include <stdbool.h>
#include <stdint.h>

#include <stdio.h>

#include "json.h"
#include "link.h"
#include "nl.h"
#include "sockdiag.h"

enum view {
	VIEW_SOCKETS,		/* 1. List of active sockets (the default) */
	VIEW_IFACES,		/* 2. State of network interfaces (-i) */
	VIEW_ROUTES,		/* 3. Contents of routing tables (-r) */
	VIEW_LISTEN,		/* 4. Size of the listen queues (-L) */
	VIEW_TRAFFIC,		/* 5. Packet traffic information (-w) */
};

/* What the command line asked for. */
struct nopts {
	enum view view;
	bool all;		/* -a: listening and unconnected sockets too */
	bool numeric;		/* -n: no name lookups */
	bool services;		/* --services: port names from the services database */
	bool wide;		/* -W: never cut addresses */
	bool drops;		/* -d: the drop columns */
	bool json;		/* -j */
	int family;		/* AF_INET, AF_INET6, or AF_UNSPEC for both */
	int protocol;		/* IPPROTO_TCP, IPPROTO_UDP, or 0 for both (-p) */
	const char *ifname;	/* -I as given, or NULL */
	unsigned int ifindex;	/* -I resolved, 0 for all */
	uint64_t interval_ms;	/* -w */
	uint64_t count;		/* -c: rows to print, 0 for no end */
};

/*
 * options.c: the command line into O, printing nothing: FRONT_RUN, FRONT_HELP,
 * FRONT_VERSION, or FRONT_ERROR with one line naming what is wrong in WHY.
 */
int netstat_opts_parse(int argc, char **argv, struct nopts *o, char *why, size_t n);
void netstat_opts_usage(FILE *f);

/*
 * Each view lists and returns an exit status. RT is a NETLINK_ROUTE socket, DIAG a
 * NETLINK_SOCK_DIAG one; LINKS is the interface table, with counters (LINK_STATS)
 * for VIEW_IFACES.
 */
int sockets_run(struct nl *diag, const struct nopts *o);
int ifaces_run(struct nl *rt, const struct link_table *links, const struct nopts *o);
int routes_run(struct nl *rt, const struct link_table *links, const struct nopts *o);
int listen_run(struct nl *diag, const struct nopts *o);
int traffic_run(struct nl *rt, const struct link_table *links, const struct nopts *o);

/* sockets.c: the pieces of view 1 that view 4 shares, and the printers. */
const char *sockets_state_name(uint8_t state);
void sockets_unmap(struct sockdiag_sock *s);
void sockets_listen_queues(struct sockdiag_sock *s);
bool sockets_dual_stack(const struct sockdiag_sock *s);
const char *sockets_proto(const struct sockdiag_sock *s);
void sockets_json_proto(struct json *j, const struct sockdiag_sock *s);
bool sockets_listed(const struct sockdiag_sock *s, bool all);
bool sockets_family_match(const struct sockdiag_sock *s, int family);
void sockets_print_row(FILE *out, const struct sockdiag_sock *s, int addr_flags);
void sockets_print_json(struct json *j, const struct sockdiag_sock *s, int addr_flags);

/* listen.c: a listener and the half-open connections counted for it. */
struct listener {
	struct sockdiag_sock s;
	uint32_t incqlen;
};
struct listener *listen_owner(struct listener *v, size_t n, const struct sockdiag_sock *s);
void listen_address(char *buf, size_t size, const struct sockdiag_sock *s, int addr_flags,
    bool wide);
void listen_print_row(FILE *out, const struct listener *l, int addr_flags, bool wide);
void listen_print_json(struct json *j, const struct listener *l, int addr_flags);

#endif
