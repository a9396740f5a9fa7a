/* SPDX-License-Identifier: BSD-2-Clause */
/* interfaces.h - the interface view: addresses of RTM_NEWADDR, and the table's printers. */
#ifndef ESA_NETSTAT_INTERFACES_H
#define ESA_NETSTAT_INTERFACES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "json.h"
#include "link.h"
#include "nl.h"

/* One address of an interface: a compact row, kept until the table is printed. */
struct ifaddr_row {
	unsigned int ifindex;
	uint8_t family;			/* AF_INET or AF_INET6 */
	uint8_t prefix_len;
	unsigned char addr[16];		/* IFA_LOCAL, else IFA_ADDRESS */
	uint32_t seq;			/* order in the dump, to keep it within a link */
};

/* The addresses of one dump, sorted by interface with ifaddrs_sort(). */
struct ifaddr_list {
	struct ifaddr_row *v;
	size_t n, cap;
};

/*
 * Parses one RTM_NEWADDR message into A, reading only nlh->nlmsg_len bytes. 1 for an
 * IPv4 or IPv6 address, 0 for a message to skip, -1 with errno EPROTO for a
 * malformed one (an address attribute of the wrong size, a prefix too long).
 */
int ifaddr_parse(const struct nlmsghdr *nlh, struct ifaddr_row *a);
/* An nl_cb adding each address to the struct ifaddr_list DATA. */
int ifaddrs_add(const struct nlmsghdr *nlh, void *data);
/* By interface index, IPv4 before IPv6, dump order within each. */
void ifaddrs_sort(struct ifaddr_list *t);
void ifaddrs_free(struct ifaddr_list *t);
/* The network of A: its address with the host bits cleared. */
void ifaddr_network(const struct ifaddr_row *a, unsigned char *net);
struct nlmsghdr *ifaddr_request(struct nl *nl, unsigned int ifindex);

/* The printers: text as FreeBSD's `netstat -i`, or one JSON array. */
struct iprinter {
	FILE *out;
	bool json;
	bool drops;		/* -d: the Drop column */
	int name_width;
	struct json j;
};
void iprint_open(struct iprinter *p, FILE *out, bool json, bool drops, int name_width);
/* The link row; in JSON, opens the interface's object and its address list. */
void iprint_link(struct iprinter *p, const struct link *l);
/* An address row of link L; NAME is its reverse name, or NULL. */
void iprint_addr(struct iprinter *p, const struct link *l, const struct ifaddr_row *a,
    const char *name);
/* Ends link L (JSON: closes its object). */
void iprint_link_end(struct iprinter *p);
void iprint_close(struct iprinter *p);

#endif
