/* SPDX-License-Identifier: BSD-2-Clause */
/* probe.h - the probe socket of esa-traceroute (kernel I/O only; no printing). */
#ifndef ESA_TRACE_PROBE_H
#define ESA_TRACE_PROBE_H

#include <stdbool.h>
#include <sys/socket.h>

#include "trace.h"

/*
 * The probe socket (UDP, or ICMP on a datagram or raw socket) and, when CAP_NET_RAW
 * allows one, the raw socket that reads the ICMP errors whole.
 */
struct probe_sock {
	int fd;
	int family;
	enum trace_method method;
	bool raw;			/* ICMP on a raw socket (no datagram ICMP allowed) */
	int efd;			/* a raw socket for the ICMP errors, or -1 */
	bool quoted;			/* errors come whole, quoted header and all */
	struct sockaddr_storage dst;
	socklen_t dstlen;
	size_t datalen;			/* bytes after the UDP or ICMP header */
	uint8_t *pkt;			/* the probe being built */
	unsigned ttl;			/* the TTL set on the socket, 0 before the first */
};

/*
 * Opens and configures the socket for DST (from SRC and on IFNAME when not NULL;
 * SCOPE_ID, an interface index or 0, is the zone of a link-local IPv6 DST or SRC),
 * and fills K but for nprobes and port. With CAP_NET_RAW the ICMP errors are read
 * from a raw socket (whole, so with the quoted TTL: S->quoted), else from the
 * socket's error queue. 0, or -1 with errno and *WHAT naming the
 * step that failed ("ICMP socket", "bind", "-i"). probe_close() either way.
 */
int probe_open(struct probe_sock *s, struct trace_key *k, const struct addr *dst,
    unsigned scope_id, const struct addr *src, const char *ifname, enum trace_method method,
    size_t datalen, const char **what);
void probe_close(struct probe_sock *s);
/* Sends probe P with TTL: 0, or -1 with errno. */
int probe_send(struct probe_sock *s, const struct trace_key *k, unsigned p, unsigned ttl);
/*
 * Reads one waiting message: 1 with R (and *STAMP, the kernel's arrival time in
 * CLOCK_REALTIME nanoseconds, 0 if none), 2 for one that is not ours (*WHY), 0 when
 * nothing waits, -1 with errno on a failure.
 */
int probe_recv(struct probe_sock *s, const struct trace_key *k, struct reply *r, int64_t *stamp,
    const char **why);

#endif
