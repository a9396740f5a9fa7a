/* SPDX-License-Identifier: BSD-2-Clause */
/* sockdiag.h - TCP and UDP sockets from the kernel's inet_diag (sock_diag) dumps. */
#ifndef ESA_SOCKDIAG_H
#define ESA_SOCKDIAG_H

#include <stdbool.h>
#include <stdint.h>

#include "nl.h"

/* Kernel TCP states (include/net/tcp_states.h), as inet_diag reports them. */
enum {
	SOCK_ESTABLISHED = 1, SOCK_SYN_SENT, SOCK_SYN_RECV, SOCK_FIN_WAIT1,
	SOCK_FIN_WAIT2, SOCK_TIME_WAIT, SOCK_CLOSE, SOCK_CLOSE_WAIT, SOCK_LAST_ACK,
	SOCK_LISTEN, SOCK_CLOSING, SOCK_NEW_SYN_RECV,
};
#define SOCK_STATE_BIT(s) (1u << (s))
#define SOCK_ALL_STATES 0xffffffffu

/* One socket of a sock_diag dump; addresses in network byte order, ports in host byte order. */
struct sockdiag_sock {
	int family;			/* AF_INET or AF_INET6 */
	int protocol;			/* IPPROTO_TCP or IPPROTO_UDP */
	uint8_t state;			/* SOCK_* */
	bool v6only;			/* an AF_INET6 socket that takes no IPv4 */
	unsigned char src[16], dst[16];
	uint16_t sport, dport;
	uint32_t rqueue, wqueue;	/* listeners: accept queue and its limit */
	uint32_t uid;
	uint32_t inode;
	uint32_t ifindex;		/* bound to this device, 0 if none */
};

/*
 * A dump request on a NETLINK_SOCK_DIAG socket for one FAMILY and PROTOCOL, of the
 * sockets whose state is in STATES (SOCK_STATE_BIT() of each, or SOCK_ALL_STATES).
 * Asks for no extension: the reply is the kernel's smallest.
 */
struct nlmsghdr *sockdiag_request(struct nl *nl, int family, int protocol, uint32_t states);

/*
 * Parses one SOCK_DIAG_BY_FAMILY message of a dump for PROTOCOL into S (pure: reads
 * nlh->nlmsg_len bytes only). 1 for a socket, 0 for a message to skip, -1 with
 * errno EPROTO for a malformed one.
 */
int sockdiag_parse(const struct nlmsghdr *nlh, int protocol, struct sockdiag_sock *s);

#endif
