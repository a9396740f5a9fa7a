/* SPDX-License-Identifier: BSD-2-Clause */
/* addr.h - address text: IP addresses with scope, link-layer addresses, names, parsing. */
#ifndef ESA_ADDR_H
#define ESA_ADDR_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

enum {
	ADDR_NUMERIC = 1 << 0,	/* never look a name up (-n): no DNS traffic at all */
	ADDR_NUMERIC_PORT = 1 << 1,	/* ports in numbers, hosts by name still */
};

/* "fe80::1%eth0": INET6_ADDRSTRLEN plus '%' and an interface name. */
#define ADDR_IP_MAX (INET6_ADDRSTRLEN + 1 + 16)
/* "aa:bb:..." for the longest link-layer address (32 bytes). */
#define ADDR_MAC_MAX (32 * 3)

struct addr {
	int family;		/* AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
		unsigned char bytes[16];
	} u;
	const char *scope;	/* the text after '%' in "fe80::1%eth0", or NULL */
};

/*
 * Numeric text of an IPv4 or IPv6 address; SCOPE, when not NULL, is appended after
 * '%' (for link-local addresses): an interface name, text from outside, so the
 * result is escaped before it is printed. Returns BUF (at least ADDR_IP_MAX bytes).
 */
char *addr_ip(char *buf, size_t size, int family, const void *a, const char *scope);

/* Link-layer address as lower-case hex bytes joined by ':', any length; "" if LEN is 0. */
char *addr_mac(char *buf, size_t size, const unsigned char *a, size_t len);

/*
 * Fills SS with the address A (4 or 16 bytes as FAMILY says), PORT (host order) and,
 * for IPv6, the zone SCOPE_ID, the rest zeroed. Returns the length to pass with it.
 */
socklen_t addr_sockaddr(struct sockaddr_storage *ss, int family, const void *a,
    uint16_t port, unsigned int scope_id);

/*
 * Reverse lookup of an address (getnameinfo with NI_NAMEREQD), safe on any thread
 * and uncached: 0 with the name in BUF, -1 when there is none, and -1 without
 * asking once the resolver is taken as down in this run (addr.c's rule).
 */
int addr_lookup(int family, const void *a, unsigned int scope_id, char *buf, size_t size);

/*
 * addr_lookup() with a cache, for one thread: 0 with the name in BUF, -1 when there
 * is none, or always -1 with ADDR_NUMERIC, without a lookup. Recent answers, names
 * and their absence alike, are kept by this module, so a table with many rows for
 * one peer asks the resolver once.
 */
int addr_name(int family, const void *a, unsigned int scope_id, int flags, char *buf,
    size_t size);

/*
 * "host" SEP "port": FreeBSD netstat's "host.port" with '.', lsof's "host:port" with
 * ':' (IPv6 then in brackets: "[2001:db8::1]:443"). HOST is "*" for the unspecified
 * address, else the name (unless ADDR_NUMERIC; when there is one) or the numeric
 * address; PORT is "*" for 0, else the service name (unless ADDR_NUMERIC or
 * ADDR_NUMERIC_PORT) or the number. Returns BUF, cut to SIZE.
 */
char *addr_hostport(char *buf, size_t size, int family, const void *a, uint16_t port,
    int protocol, int flags, char sep);

/* "host.port" or "host:port" text: a name of NI_MAXHOST, a port name, punctuation. */
#define ADDR_HOSTPORT_MAX (1025 + 64 + 4)

/* The reason for inet_aton()'s forms other than a dotted quad (127.1, 0x7f.1). */
#define ADDR_NOT_QUAD "bad address (IPv4 is four decimal numbers, as 192.0.2.1)"

/*
 * Parses a host operand: a numeric IPv4 address as a strict dotted quad (inet_pton:
 * four decimal numbers), a numeric IPv6 address (which may carry "%scope"), or,
 * without ADDR_NUMERIC, a name resolved with getaddrinfo() (first address of FAMILY,
 * AF_UNSPEC for any). Text that looks like an address (only digits and dots, any
 * ':', or any form inet_aton() takes: 127.1, 0x7f.1, 017.0.0.1) is never sent to the
 * resolver. S must outlive OUT (scope points into it). Returns 0, or -1 with *why set
 * to a reason ("not a numeric address", "bad address", ADDR_NOT_QUAD, "not an IPv4
 * address" / "not an IPv6 address" for one of the other family, or the resolver's
 * message).
 */
int addr_parse(const char *s, int family, int flags, struct addr *out, const char **why);

#endif
