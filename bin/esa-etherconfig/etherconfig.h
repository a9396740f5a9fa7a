/* SPDX-License-Identifier: BSD-2-Clause */
/* etherconfig.h - the parts of esa-etherconfig: interface table, ethtool, views, printers. */
#ifndef ESA_ETHERCONFIG_H
#define ESA_ETHERCONFIG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "link.h"
#include "nl.h"

enum view { VIEW_MEDIA, VIEW_VLAN, VIEW_LOOPBACK, VIEW_MTU, VIEW_MULTICAST };

enum action {
	ACT_LIST,		/* every view without an action; vlan list, loopback/multicast show */
	ACT_MEDIA_AUTO,		/* media IFACE auto */
	ACT_MEDIA_FIXED,	/* media IFACE SPEED half|full */
	ACT_VLAN_ADD,
	ACT_VLAN_DELETE,
	ACT_LOOPBACK_ENABLE,
	ACT_LOOPBACK_DISABLE,
	ACT_MTU_SET,
	ACT_MULTICAST_ACCEPT,
	ACT_MULTICAST_REJECT,
};

/* What the command line asked for, checked for form before anything is opened. */
struct opts {
	enum view view;
	enum action action;
	bool json;			/* -j */
	bool force;			/* -f: an MTU that stops IPv4 or IPv6 on a link */
	const char *iface;		/* IFACE operand (media, vlan add, mtu), or NULL */
	uint32_t speed;			/* Mb/s, with ACT_MEDIA_FIXED */
	uint8_t duplex;			/* DUPLEX_HALF or DUPLEX_FULL */
	uint16_t vid;			/* with ACT_VLAN_ADD */
	const char *vlan_name;		/* NAME of vlan add (NULL: IFACE.VID), or vlan delete's */
	const char *addr_text;		/* loopback enable ADDR as given */
	struct addr addr;		/* ... parsed */
	uint32_t mtu;			/* with ACT_MTU_SET */
};

/*
 * options.c: the command line into O, printing nothing: FRONT_RUN, FRONT_HELP,
 * FRONT_VERSION, FRONT_ERROR (a bad command line) or FRONT_BAD_VALUE (a bad value),
 * with one line naming what is wrong in MSG, escaped.
 */
int ec_opts_parse(int argc, char **argv, struct opts *o, char *msg, size_t size);
void ec_opts_usage(FILE *f);

/* Everything a view works with; the sockets are opened by main(). */
struct ctx {
	const struct opts *o;
	struct nl *rt;			/* NETLINK_ROUTE */
	struct iftable *ifs;
	FILE *out;
};

/* options.c: the one table of views (wireguard-tools' wg.c's subcommands). */
struct ec_command {
	const char *name;		/* "media" */
	enum view view;
	/* the N operands after the name into O: 0, or a FRONT_* status with MSG */
	int (*parse)(struct opts *o, char **arg, int n, char *msg, size_t size);
	int (*run)(struct ctx *c);	/* lists or changes: an exit status */
	const char *synopsis;		/* what follows the name in the usage */
};

/* The view V's entry. */
const struct ec_command *ec_command(enum view v);

/* ---- iftable.c: the interface table with what lib/link leaves out --------------- */

/* What esa-etherconfig needs of a link beyond struct link. */
struct ifextra {
	unsigned int index;
	bool is_vlan;			/* IFLA_INFO_KIND "vlan" */
	uint16_t vid;			/* IFLA_VLAN_ID, with is_vlan */
	bool parent_elsewhere;		/* IFLA_LINK_NETNSID: IFLA_LINK is another namespace's index */
	bool has_limits;		/* IFLA_MIN_MTU and IFLA_MAX_MTU came */
	uint32_t min_mtu, max_mtu;	/* max 0: the device sets no upper limit */
	bool has_inet6;			/* IFLA_AF_SPEC holds AF_INET6: IPv6 runs on it */
	bool inet6_disabled;		/* ... with disable_ipv6 set */
};

struct iftable {
	struct link_table links;
	struct ifextra *x;		/* sorted by index after iftable_load() */
	size_t nx, capx;
};

/* Pure: reads the extras of one RTM_NEWLINK message. 1, 0 (not a link), -1 EPROTO. */
int iftable_parse_extra(const struct nlmsghdr *nlh, struct ifextra *x);
/* nl_cb adding one link message to the struct iftable DATA (links and extras). */
int iftable_add(const struct nlmsghdr *nlh, void *data);
/* Sorts by index, one entry an index: of two messages for one, the later is kept. */
void iftable_sort(struct iftable *t);
/* One RTM_GETLINK dump (read again when interrupted). 0, or -1 with errno. */
int iftable_load(struct nl *nl, struct iftable *t);
void iftable_free(struct iftable *t);
/* The extras of the link INDEX, or NULL. */
const struct ifextra *iftable_extra(const struct iftable *t, unsigned int index);
/* An Ethernet interface of the media and mtu lists (ARPHRD_ETHER, not a VLAN). */
bool iftable_is_ethernet(const struct iftable *t, const struct link *l);
/* The VLAN on PARENT (an index of this namespace) with VID, or NULL. */
const struct link *iftable_vlan(const struct iftable *t, unsigned int parent, uint16_t vid);

/* ---- ethtool.c: the ethtool generic netlink family --------------------------------- */

#define ETHTOOL_SPEED_UNKNOWN UINT32_MAX
/* Link mode bits kept of a device's supported modes: 256, past the kernel's ~120. */
#define MEDIA_MODE_WORDS 8

/* What ethtool says of one device; fields stay unset when a reply lacks them. */
struct media {
	unsigned int index;
	bool has_modes;			/* a LINKMODES reply came */
	bool autoneg;
	uint32_t speed;			/* Mb/s, ETHTOOL_SPEED_UNKNOWN when unknown */
	uint8_t duplex;			/* DUPLEX_HALF, DUPLEX_FULL, DUPLEX_UNKNOWN */
	int link;			/* LINKSTATE: 1 up, 0 down, -1 not known */
	int port;			/* LINKINFO: PORT_TP..., -1 not known */
	bool has_supported;		/* LINKMODES gave the supported modes */
	uint32_t supported[MEDIA_MODE_WORDS];	/* their bits, ETHTOOL_LINK_MODE_* */
};

/* modes.c: a device's supported link modes as the choices of `media IFACE ...`. */
struct media_choice {
	uint32_t speed;			/* Mb/s */
	uint8_t duplex;			/* DUPLEX_HALF or DUPLEX_FULL */
};
/* Whether M supports autonegotiation (the Autoneg mode bit). */
bool media_can_autoneg(const struct media *m);
/*
 * The speed and duplex pairs of M's supported modes, each once, by speed and half
 * before full, in V (MAX at most): how many.
 */
size_t media_choices(const struct media *m, struct media_choice *v, size_t max);

struct media_table {
	struct media *v;
	size_t n, cap;
};

/*
 * Pure: reads one LINKMODES, LINKSTATE or LINKINFO reply into M (initialised by the
 * caller with media_init()). 1 when read, 0 for another message, -1 with EPROTO.
 */
int ethtool_parse(const struct nlmsghdr *nlh, struct media *m);
void media_init(struct media *m, unsigned int index);
/* nl_cb merging each reply into the struct media_table DATA, by device index. */
int ethtool_table_add(const struct nlmsghdr *nlh, void *data);
const struct media *media_find(const struct media_table *t, unsigned int index);
void media_table_free(struct media_table *t);
/* A GET request of CMD (ETHTOOL_MSG_*_GET) for IFINDEX, or a dump of all when 0. */
struct nlmsghdr *ethtool_get_request(struct nl *nl, uint16_t family, uint8_t cmd,
    unsigned int ifindex);
/* A LINKMODES_SET request: autonegotiation on, or off with SPEED and DUPLEX. */
struct nlmsghdr *ethtool_set_request(struct nl *nl, uint16_t family, unsigned int ifindex,
    bool autoneg, uint32_t speed, uint8_t duplex);
/* The three dumps into T. 0, or -1 with errno. */
int ethtool_load(struct nl *gen, uint16_t family, struct media_table *t);

/* ---- loopback.c: the direct-server-return address and its saved state ---------- */

struct lo_state {
	struct addr addr;		/* the address enable put on lo */
	unsigned int prefix_len;	/* 32 or 128 */
	int arp_ignore, arp_announce;	/* the values enable found and disable restores */
};

/*
 * Pure: parses the state file's text (BUF, LEN bytes, no NUL needed). 0, or -1 with
 * errno EINVAL and *WHY (when not NULL) saying what no state file of ours holds: a
 * line we never write, a sysctl value the kernel gives no meaning to, an address
 * enable never adds.
 */
int loopback_state_parse(const char *buf, size_t len, struct lo_state *s, const char **why);
/*
 * Pure: NULL when A is an address enable puts on lo (a unicast one that lo does
 * not own already), else why not: "not a unicast address", "a loopback address...".
 */
const char *loopback_addr_refusal(const struct addr *a);
/* Writes the state file's text for S into BUF. Returns the length, or -1 when too small. */
int loopback_state_format(const struct lo_state *s, char *buf, size_t size);
/* The address of one RTM_NEWADDR message: 1 with family, bytes, prefix length, index. */
int loopback_addr_parse(const struct nlmsghdr *nlh, struct addr *a, unsigned int *plen,
    unsigned int *ifindex);

/* ---- printers (listing.c): text and JSON from plain rows ------------------------- */

struct media_row {
	unsigned int index;
	const char *name;		/* shown: alias or kernel name */
	const char *ifname;		/* kernel name */
	const unsigned char *mac;
	unsigned int maclen;
	const struct media *m;		/* NULL: ethtool said nothing of it */
	const char *alias;		/* NULL if none */
};

struct vlan_row {
	uint16_t vid;
	const char *name;		/* shown: alias or kernel name */
	const char *ifname;
	const char *parent;		/* shown name of the parent */
	const char *parent_ifname;	/* "?" when unknown */
	unsigned int mtu;
	const char *alias;		/* NULL if none */
	unsigned int parent_index;	/* 0 when unknown (in another namespace) */
	const char *parent_alias;	/* NULL if none or unknown */
};

struct mtu_row {
	const char *name;		/* shown; "VLAN 34" for a VLAN without an alias */
	const char *ifname;
	bool is_vlan;
	uint16_t vid;
	unsigned int mtu;
	bool has_limits;
	uint32_t min_mtu, max_mtu;
	const char *alias;		/* NULL if none */
};

struct lo_view {
	bool enabled;			/* a state file exists: enable ran, disable did not */
	bool present;			/* ... and lo carries its address */
	struct lo_state saved;		/* with enabled */
	int arp_ignore, arp_announce;	/* now; -1 when unreadable */
};

/* The media words: "Autoselect: <1000baseT full-duplex>" ... Returns BUF. */
const char *listing_medium(char *buf, size_t size, const struct media *m);
void listing_media(FILE *out, bool json, const struct media_row *rows, size_t n);
void listing_vlans(FILE *out, bool json, const struct vlan_row *rows, size_t n);
void listing_mtu(FILE *out, bool json, const struct mtu_row *rows, size_t n);
void listing_loopback(FILE *out, bool json, const struct lo_view *v);
void listing_multicast(FILE *out, bool json, bool reject);

/* ---- the views: each returns an exit status after its messages ----------------- */
int media_run(struct ctx *c);
int vlan_run(struct ctx *c);
int loopback_run(struct ctx *c);
int mtu_run(struct ctx *c);
int multicast_run(struct ctx *c);

/* Request builders of the changes (pure: they only fill NL's send buffer). */
struct nlmsghdr *vlan_add_request(struct nl *nl, unsigned int parent, const char *name,
    uint16_t vid);
struct nlmsghdr *mtu_request(struct nl *nl, unsigned int ifindex, uint32_t mtu);
/* Is MTU within the limits of X? (no limits known: any but 0) */
bool mtu_in_range(const struct ifextra *x, uint32_t mtu);

#define IPV4_MIN_MTU 68		/* below it the kernel stops IPv4 on a link */
#define IPV6_MIN_MTU 1280	/* ... and IPv6 below this one */

/* What a lower MTU would take from one link. */
struct mtu_loss {
	const char *name;		/* shown name */
	unsigned int index;
	bool below_v4;			/* the MTU is below IPV4_MIN_MTU */
	bool v4;			/* ... and the link has IPv4 addresses */
	bool v6;			/* IPv6 is enabled and the MTU below IPV6_MIN_MTU */
	bool full;			/* addrs ends in " ..." */
	char addrs[512];		/* the addresses lost, "ADDR/LEN" blank separated */
	size_t len;
};

/*
 * Pure: the words for the links of V (N) that lose something, "lo would lose IPv4
 * (it needs 68), IPv6 (it needs 1280) and 127.0.0.1/8 ::1/128", joined by "; ".
 * Returns BUF, cut at SIZE.
 */
const char *mtu_loss_text(char *buf, size_t size, const struct mtu_loss *v, size_t n);

/* Pure: does the output of nft "list tables arp" (one "table arp NAME" a line) name ours? */
bool multicast_listed(const char *listing);
/*
 * Pure: is the output of nft "list table arp esa_etherconfig" our table, our rule
 * and nothing else (its counter's values aside)?
 */
bool multicast_ours(const char *listing);

/*
 * admin.c's helpers for the views (the capability itself is checked with lib/priv's
 * priv_has(CAP_NET_ADMIN)): "needs CAP_NET_ADMIN" when missing, one line, and
 * ESA_EXIT_ERR.
 */
int ec_need_net_admin(const char *what);
/* One line for a failed request on NL: WHAT, strerror, the kernel's words. */
int ec_nl_fail(struct nl *nl, int e, const char *what);

/*
 * Every message and confirmation goes through these: the whole line is escaped as
 * the listings escape names (text_safe), so no alias, kernel name or word of the
 * user's can move the cursor or add a line. warnx(3), warn(3), and one line on OUT.
 */
void ec_vwarnx(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void ec_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ec_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ec_print(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
