/* SPDX-License-Identifier: BSD-2-Clause */
/* routes.h - the routing table view: RTM_NEWROUTE parsing, next hops, flags, printers. */
#ifndef ESA_NETSTAT_ROUTES_H
#define ESA_NETSTAT_ROUTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"
#include "link.h"
#include "nl.h"

/* One next hop: the route's own, or one of its RTA_MULTIPATH list. */
struct hop {
	unsigned int ifindex;		/* 0: none */
	int gw_family;			/* AF_INET, AF_INET6, or 0 without a gateway */
	unsigned char gw[16];
	uint8_t flags;			/* RTNH_F_* */

	/* added by route_describe_hop() for the printers */
	const char *ifname;		/* shown name (alias or kernel name), NULL if none */
	const char *kname;		/* kernel name, NULL if none */
	const char *alias;		/* alias, NULL if none */
	const char *gw_scope;		/* kernel name for a link-local gateway */
	const char *gw_name;		/* reverse name, NULL if none */
};

/* One route of the kernel's reply. */
struct route {
	int family;			/* AF_INET or AF_INET6 */
	uint8_t dst_len;
	uint8_t type;			/* RTN_* */
	uint8_t protocol;		/* RTPROT_* */
	uint8_t scope;			/* RT_SCOPE_* */
	uint32_t table;			/* RTA_TABLE, else rtm_table */
	uint32_t rtm_flags;		/* RTM_F_* */
	bool has_metric;
	uint32_t metric;		/* RTA_PRIORITY */
	unsigned char dst[16];		/* zero past the address, and for the default */
	int32_t expires_ticks;		/* RTA_CACHEINFO rta_expires (clock ticks), 0: none */
	struct hop hop;			/* the single next hop, unless mp_len > 0 */
	const unsigned char *mp;	/* RTA_MULTIPATH payload (points into the message) */
	size_t mp_len;

	/* added by route_describe() for the printers */
	const char *dst_scope;		/* kernel name for a link-local destination */
	const char *dst_name;		/* reverse name of a host route, NULL if none */
	uint32_t expires_s;		/* 0: does not expire */
	int own;			/* ROUTE_OWN_*: one of the host's own addresses */
	const char *own_netif;		/* its text Netif: the loopback's name */
};

/* A local table host route, shown as FreeBSD's loopback routes (route_local_listed). */
enum {
	ROUTE_OWN_NONE,
	ROUTE_OWN_ADDRESS,		/* an address of an interface: UHS */
	ROUTE_OWN_LOOPBACK,		/* the loopback's own address: UH */
};

/*
 * Parses one RTM_NEWROUTE message into R, reading only nlh->nlmsg_len bytes; every
 * next hop of RTA_MULTIPATH is checked, so route_hop() cannot fail later. Returns 1
 * for an IPv4 or IPv6 route, 0 for a message to skip, -1 with errno EPROTO for a
 * malformed one. R points into NLH (mp): use it while NLH lives.
 */
int route_parse(const struct nlmsghdr *nlh, struct route *r);
/* Next hops in order: set *POS to 0, then 1 with H filled while there is one. */
int route_hop(const struct route *r, size_t *pos, struct hop *h);
/* Routes the view lists: the main table, no cached exceptions. */
bool route_listed(const struct route *r);
/* ... and the host's own addresses: the local table's RTN_LOCAL host routes. */
bool route_local_listed(const struct route *r);
/* The FreeBSD flags of one row (see the man page for the mapping); BUF of 16. */
char *route_flags(const struct route *r, const struct hop *h, char *buf, size_t size);
const char *route_type_name(uint8_t type);
const char *route_proto_name(uint8_t proto, char *buf, size_t size);
const char *route_scope_name(uint8_t scope, char *buf, size_t size);
struct nlmsghdr *route_request(struct nl *nl, int family, uint32_t table);
/* Fills the printers' fields: scope, expiry from HZ; NAMEBUF (NI_MAXHOST) for names. */
void route_describe(struct route *r, const struct link_table *links, long hz,
    int addrflags, char *namebuf, size_t size);
void route_describe_hop(const struct route *r, struct hop *h,
    const struct link_table *links, int addrflags, char *namebuf, size_t size);

/*
 * The passes over a family's tables. Linux dumps IPv6's default routes last (the
 * root of its tree); FreeBSD prints them first, as IPv4's come: IPv6 reads the
 * main table twice, the defaults alone, then the rest, rather than hold a table
 * in memory. The host's own addresses come after the main table.
 */
enum pass { PASS_ALL, PASS_DEFAULTS, PASS_REST, PASS_OWN };
/*
 * A dump's message that PASS skips, from its header alone (cheap), reading only
 * nlh->nlmsg_len bytes: true for an RTM_NEWROUTE whose rtmsg is whole and belongs
 * to another pass; anything else (other types, a short message) is left to
 * route_parse() to skip or reject.
 */
bool pass_skips(const struct nlmsghdr *nlh, enum pass pass);

/* The printers: text as FreeBSD's `netstat -r`, or one JSON array. */
struct rprinter {
	FILE *out;
	bool json;
	bool numeric;		/* -n: and so nothing is cut */
	bool wide;		/* -W: nothing is cut */
	struct json j;
	int family;		/* the section being printed, 0 before any */
};
void rprint_open(struct rprinter *p, FILE *out, bool json, bool numeric, bool wide);
void rprint_route(struct rprinter *p, const struct route *r, const struct hop *h);
void rprint_close(struct rprinter *p);

#endif
