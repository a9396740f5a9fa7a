/* SPDX-License-Identifier: BSD-2-Clause */
/* sock.h - esa-ping's socket: opening it (datagram or raw), dropping privilege, I/O. */
#ifndef ESA_PING_SOCK_H
#define ESA_PING_SOCK_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#include "ping.h"

/* The ICMP echo socket: a datagram one when the kernel allows it, else a raw one. */
struct ping_sock {
	int fd;
	int family;
	bool raw;			/* raw socket (CAP_NET_RAW), else ICMP datagram */
	uint16_t id;			/* raw: our random id; datagram: the kernel's */
	struct sockaddr_storage dst;	/* where probes go */
	socklen_t dstlen;
	struct addr src;		/* the source the kernel picks (ping6's header) */
	bool group;			/* a broadcast or multicast destination: each
					 * member answers from its own address */
};

/* What ping_sock_open() needs from the command line, resolved. */
struct sock_conf {
	const struct addr *dst;
	unsigned int scope_id;		/* IPv6 link-local destination */
	const char *ifname;		/* kernel name for SO_BINDTODEVICE, or NULL */
	const struct addr *src;		/* -S, or NULL */
	int ttl;			/* 0 = the kernel's */
	bool dontfrag;
};

/*
 * Opens the socket and sets it up while privilege is still held. 0, or -1 with a
 * one-line message in WHY (naming CAP_NET_RAW when neither socket kind is allowed).
 */
int ping_sock_open(struct ping_sock *s, const struct sock_conf *c, char *why, size_t n);

/* Whether the process may ping faster than iputils lets a user: root or CAP_NET_RAW
 * (permitted). */
bool ping_priv_fast(void);

/*
 * At the start, before any name is looked up: no effective or inheritable
 * capabilities, and no permitted ones but CAP_NET_RAW (the raw socket) and
 * CAP_SETUID, CAP_SETGID, CAP_SETPCAP (ping_priv_drop()). 0, or -1 with a message.
 */
int ping_priv_limit(char *why, size_t n);

/*
 * Drops every privilege for good, as priv_drop_to() does it for ESA_USER (a build
 * setting, nobody by default). 0, or -1 with a message in WHY.
 */
int ping_priv_drop(char *why, size_t n);

/* Sends one echo request with SEQ and PAYLOAD (LEN bytes). 0, or -1 with errno. */
int ping_sock_send(struct ping_sock *s, uint16_t seq, const uint8_t *payload, size_t len);

/* One received packet or queued error. */
struct rx {
	size_t len;			/* bytes in the buffer */
	bool truncated;			/* it did not fit: ignored */
	bool is_error;			/* from the error queue */
	struct addr from;		/* sender (error: the ICMP's sender) */
	struct timespec at;		/* kernel receive time (CLOCK_REALTIME) */
	int ttl;			/* TTL or hop limit from a control message, or -1 */
	bool has_dst;			/* IPv6: the address it came to (IPV6_PKTINFO) */
	struct in6_addr dst;
	unsigned int dst_ifindex;
	uint8_t ee_type, ee_code;	/* error queue: the ICMP error */
	uint32_t ee_info;
	struct addr quoted_dst;		/* error queue: the quoted probe's destination */
};

/*
 * Receives one packet (or, with ERRQUEUE, one queued error) into BUF without
 * waiting. 1 with RX filled, 0 when nothing is there, -1 with errno.
 */
int ping_sock_recv(struct ping_sock *s, uint8_t *buf, size_t size, bool errqueue, struct rx *rx);

#endif
