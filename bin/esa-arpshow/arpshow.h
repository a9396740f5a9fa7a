/* SPDX-License-Identifier: BSD-2-Clause */
/* arpshow.h - the parts of esa-arpshow: entries, reachable times, printers, flush. */
#ifndef ESA_ARPSHOW_H
#define ESA_ARPSHOW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "json.h"
#include "link.h"
#include "nl.h"

/* What the command line asked for. */
struct opts {
	int family;		/* AF_INET, AF_INET6, or AF_UNSPEC for both tables */
	bool numeric;		/* -n */
	bool json;		/* -j */
	bool flush;		/* --flush, or --flush-all */
	bool flush_all;		/* --flush-all: both tables and the route caches */
	const char *ifname;	/* -i as given, or NULL */
	unsigned int ifindex;	/* -i resolved, 0 for every interface */
	const char *host;	/* the host operand as given, or NULL */
	struct addr hostaddr;	/* ... resolved */
	unsigned int host_scope;	/* ifindex of its %scope, 0 if none */
};

/*
 * options.c: the command line into O, printing nothing: FRONT_RUN, FRONT_HELP,
 * FRONT_VERSION, or FRONT_ERROR with one line naming what is wrong in WHY. ARGV[0]
 * esa-ndpshow means -6.
 */
int arp_opts_parse(int argc, char **argv, struct opts *o, char *why, size_t n);
void arp_opts_usage(FILE *f);

enum life {
	LIFE_PERMANENT,		/* set by an administrator: never expires */
	LIFE_EXPIRES,		/* trusted for expires_s more seconds */
	LIFE_EXPIRED,		/* needs (or is under) verification, or unresolved */
};

/* One neighbour entry: what the kernel said, then what the listing adds to it. */
struct neigh {
	int family;				/* AF_INET or AF_INET6 */
	unsigned char addr[16];
	unsigned int ifindex;
	uint16_t state;				/* NUD_* */
	uint8_t flags;				/* NTF_* */
	unsigned char lladdr[LINK_ADDR_MAX];
	unsigned int lladdr_len;		/* 0: none (incomplete) */
	bool has_cacheinfo;
	uint32_t confirmed_ticks;		/* clock ticks since last confirmed */
	uint32_t probes;

	/* added by neigh_describe() for the printers */
	const char *ifname;			/* shown name: alias or kernel name, or "?" */
	const char *kname;			/* kernel name, NULL if the link is gone */
	const char *alias;			/* alias, NULL if none */
	const char *scope;			/* kernel name for a link-local address */
	const char *hostname;			/* reverse name, NULL if none */
	const char *link_type;			/* "ethernet", "vlan", "infiniband", NULL */
	enum life life;
	uint32_t expires_s;			/* with LIFE_EXPIRES */
	bool local;				/* one of the host's own addresses */
};

/* neigh.c: the RTM_GETNEIGH dump request and the parsing of its reply (pure). */
struct nlmsghdr *neigh_request(struct nl *nl, int family, unsigned int ifindex);
int neigh_parse(const struct nlmsghdr *nlh, struct neigh *n);
bool neigh_listed(const struct neigh *n);
bool neigh_dynamic(const struct neigh *n);
bool neigh_matches(const struct neigh *n, const struct opts *o);
void neigh_lifetime(struct neigh *n, uint32_t reachable_ms, long hz);
void neigh_describe(struct neigh *n, const struct link_table *links);

/* ntable.c: each interface's current reachable time (RTM_GETNEIGHTBL). */
struct ntable {
	struct reach {
		unsigned int ifindex;
		uint32_t ms;
	} *v;
	size_t n, cap;
	uint32_t default_ms;		/* the table's own parameters; 0 if none came */
};
int ntable_load(struct nl *nl, int family, struct ntable *t);
int ntable_add(const struct nlmsghdr *nlh, void *data);
void ntable_sort(struct ntable *t);
uint32_t ntable_reachable_ms(const struct ntable *t, unsigned int ifindex);
void ntable_free(struct ntable *t);

/* print.c: the ARP and NDP texts and the JSON rows, from struct neigh only. */
struct printer {
	FILE *out;
	bool json;
	struct json j;
	int table;		/* family of the table being printed, 0 before any */
	bool arp_lines;		/* the IPv4 table printed something */
};
void print_open(struct printer *p, FILE *out, bool json);
void print_table(struct printer *p, int family);
void print_neigh(struct printer *p, const struct neigh *n);
void print_no_entry(struct printer *p, const char *host, const struct addr *a);
void print_close(struct printer *p);
char print_state_letter(uint16_t state);
const char *print_state_name(uint16_t state);

/*
 * show.c: the host's own address of an RTM_NEWADDR message as FreeBSD's permanent
 * entry: 1 with N filled (not described), 0 to skip (another family, a link with no
 * link-layer address: lo, tun, WireGuard), -1 with EPROTO for a malformed one.
 */
int own_parse(const struct nlmsghdr *nlh, int family, const struct link_table *links,
    struct neigh *n);
/* The listing. Returns an exit status. */
int show_run(struct nl *nl, const struct opts *o, const struct link_table *links);

/* flush.c: --flush and --flush-all. Returns an exit status. */
int flush_run(struct nl *nl, const struct opts *o, const struct link_table *links, FILE *out);

/* cache.c: the route exception caches that --flush-all empties. */
#define CACHE_FLUSH4 "/proc/sys/net/ipv4/route/flush"

/*
 * One IPv6 route exception (a cloned route): what its delete names, all that the dump
 * gave of it, so that a kernel that ignores RTM_F_CLONED in a delete can match no
 * other route than one equal in every field.
 */
struct cached {
	unsigned char dst[16], src[16], gateway[16];
	uint8_t dst_len, src_len;	/* dst_len 128; src_len 0: no source prefix */
	uint8_t protocol;		/* rtm_protocol */
	bool has_gateway, has_priority;
	unsigned int oif;		/* 0 if none */
	uint32_t table, priority;
};
/* The dump request of the IPv6 cloned routes, as `ip -6 route show cache`. */
struct nlmsghdr *cache_request(struct nl *nl);
/*
 * Parses one RTM_NEWROUTE message (reading only nlh->nlmsg_len bytes): 1 with C
 * filled for an IPv6 exception (RTM_F_CLONED, a host route); 0 for a message to skip
 * (another type or family, a route that is no exception, a "cloned" prefix shorter
 * than /128, which no exception is); -1 with errno EPROTO for a malformed one.
 */
int cache_parse(const struct nlmsghdr *nlh, struct cached *c);
/* Fills REQ (an RTM_DELROUTE just started) with the family header and attributes for C. */
void cache_delete_request(struct nlmsghdr *req, const struct cached *c);
/*
 * Deletes every IPv6 exception, dumped on NL and deleted on DEL: 0, or -1 with errno
 * and *FAILED the socket whose request failed (for nl_strerror()).
 */
int cache_flush6(struct nl *nl, struct nl *del, struct nl **failed);
/* Flushes the IPv4 exceptions (writes CACHE_FLUSH4): 0, or -1 with errno. */
int cache_flush4(void);

#endif
