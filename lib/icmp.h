/* SPDX-License-Identifier: BSD-2-Clause */
/* icmp.h - the ICMP side of esa-ping and esa-traceroute: sockets, type filter, checksum, source. */
#ifndef ESA_ICMP_H
#define ESA_ICMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "addr.h"

/*
 * Opens a non-blocking ICMP (AF_INET) or ICMPv6 (AF_INET6) socket: the datagram
 * kind first, else a raw one (with CAP_NET_RAW raised first, held permitted by a
 * file capability). *RAW tells which was opened, or, on failure, whether the raw
 * one was tried: false means the datagram socket failed for a reason a raw one
 * would share. The descriptor, or -1 with errno.
 */
int icmp_open(int family, bool *raw);

/* The ICMP_FILTER mask letting only the N types of TYPES through (its bits drop). */
uint32_t icmp_filter_mask(const uint8_t *types, size_t n);

/* Lets only the N ICMP or ICMPv6 TYPES reach the raw socket FD of FAMILY: 0, or -1
 * with errno. */
int icmp_filter(int fd, int family, const uint8_t *types, size_t n);

/* The Internet checksum of LEN bytes (RFC 1071), as it goes into an ICMP header: a
 * message that carries its right checksum sums to 0. */
uint16_t icmp_checksum(const uint8_t *buf, size_t len);

/*
 * The source address the kernel picks to reach DST (LEN bytes), out of IFNAME when
 * not NULL: a UDP socket connected there tells (connect() on UDP sends nothing).
 * 0 with *SRC, or -1 with errno and *WHAT naming the failed call ("socket" or
 * "connect": no route, or no such device).
 */
int icmp_source(const struct sockaddr_storage *dst, socklen_t len, const char *ifname,
    struct addr *src, const char **what);

#endif
