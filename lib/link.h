/* SPDX-License-Identifier: BSD-2-Clause */
/* link.h - the interface table: index, kernel name, alias, type, and lookup both ways. */
#ifndef ESA_LINK_H
#define ESA_LINK_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include <linux/if_link.h>

#include "nl.h"

#define LINK_ADDR_MAX 32	/* MAX_ADDR_LEN: the longest link-layer address */
#define LINK_KIND_MAX 16
#define LINK_ALIAS_MAX 255	/* IFALIASZ - 1: the longest alias the kernel keeps */

struct link {
	unsigned int index;
	unsigned int flags;		/* IFF_* */
	unsigned int mtu;
	unsigned short type;		/* ARPHRD_* */
	unsigned int parent;		/* IFLA_LINK: the lower device (a VLAN's), 0 if none */
	char name[IFNAMSIZ];		/* kernel name */
	char kind[LINK_KIND_MAX];	/* IFLA_INFO_KIND: "vlan", "veth"...; "" if none */
	char *alias;			/* IFLA_IFALIAS as the kernel gave it, NULL if unset */
	unsigned char addr[LINK_ADDR_MAX];
	unsigned int addrlen;
	bool has_stats;			/* with LINK_STATS, when the kernel sent them */
	struct rtnl_link_stats64 stats;	/* IFLA_STATS64 */
};

enum {
	LINK_STATS = 1 << 0,	/* link_load(): also the 64-bit counters */
};

/* Links sorted by index. Owns the aliases. */
struct link_table {
	struct link *links;
	size_t n, cap;
};

/*
 * Fills T from one RTM_GETLINK dump (T starts zeroed); the counters only with
 * LINK_STATS in FLAGS (the kernel is asked to leave them out otherwise). A dump the
 * kernel flags as interrupted is read again, up to three times. 0, or -1 with errno.
 */
int link_load(struct nl *nl, struct link_table *t, int flags);

/*
 * Parses one RTM_NEWLINK message into L (pure: reads nlh->nlmsg_len bytes only).
 * Returns 1 for a link, 0 for a message that is not one (skip it), -1 with errno
 * EPROTO for a malformed one. L->alias is allocated (free it, or let the table own it).
 */
int link_parse(const struct nlmsghdr *nlh, struct link *l);

/* An nl_cb adding each link message to the struct link_table DATA (for nl_replay). */
int link_table_add(const struct nlmsghdr *nlh, void *data);
/* Sorts the table after adding; link_load() does it itself. */
void link_table_sort(struct link_table *t);
void link_table_free(struct link_table *t);

const struct link *link_by_index(const struct link_table *t, unsigned int index);

/*
 * By kernel name, else by alias. NULL with errno ENODEV when nothing matches, or
 * ENOTUNIQ when the name is no kernel name and several links carry it as alias.
 */
const struct link *link_by_name(const struct link_table *t, const char *name);

/* The words for a link_by_name() failure with errno E: "no such interface"... */
const char *link_strerror(int e);

/*
 * The interface NAME (a kernel name, else an alias) as a tool's -i or -I names it,
 * after iproute2's ll_name_to_index(): looked up in T, or, when T is NULL, in the
 * table read for this one call. Returns its index, and copies its kernel name to
 * KNAME when not NULL; 0 with errno ENODEV or ENOTUNIQ as link_by_name() (say
 * link_strerror()), also for a name longer than any kernel name or alias; -1 with
 * errno when the table could not be read.
 */
int link_lookup(const struct link_table *t, const char *name, char kname[IFNAMSIZ]);

/* What to show for a link: its alias when set, else its kernel name. */
const char *link_display(const struct link *l);

#endif
