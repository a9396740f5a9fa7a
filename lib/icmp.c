/* SPDX-License-Identifier: BSD-2-Clause */
/* icmp.c - the ICMP side of esa-ping and esa-traceroute: sockets, type filter, checksum, source. */
#include <errno.h>
#include <netinet/in.h>	/* before the linux/ headers */
#include <string.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/icmp.h>
#include <netinet/icmp6.h>

#include "icmp.h"
#include "priv.h"

int
icmp_open(int family, bool *raw)
{
	int proto = family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP, fd;

	*raw = false;
	fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, proto);
	if (fd >= 0)
		return fd;
	switch (errno) {
	case EACCES:
		/* our gid is outside net.ipv4.ping_group_range (which also governs
		 * ICMPv6; "1 0", the default, allows no one, root included): a raw
		 * socket may still be allowed */
	case EPROTONOSUPPORT:
	case ESOCKTNOSUPPORT:
		/* a kernel without ICMP sockets (before 3.0; IPv6 before 3.11) */
	case EPERM:
		/* a security module said no to this kind only */
		break;
	default:
		/* EAFNOSUPPORT: the family itself is missing (IPv6 disabled), raw would
		 * say the same; anything else is no matter of privilege */
		return -1;
	}
	*raw = true;
	/* a file capability cap_net_raw+p (iputils' way) holds it permitted only */
	priv_raise(CAP_NET_RAW);
	return socket(family, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, proto);
}

uint32_t
icmp_filter_mask(const uint8_t *types, size_t n)
{
	uint32_t pass = 0;

	/* types past 31 cannot be named in the mask: the kernel passes them all */
	for (size_t i = 0; i < n; i++)
		if (types[i] < 32)
			pass |= 1u << types[i];
	return ~pass;
}

int
icmp_filter(int fd, int family, const uint8_t *types, size_t n)
{
	if (family == AF_INET6) {
		struct icmp6_filter f;

		ICMP6_FILTER_SETBLOCKALL(&f);
		for (size_t i = 0; i < n; i++)
			ICMP6_FILTER_SETPASS(types[i], &f);
		return setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f));
	}
	struct icmp_filter f = { icmp_filter_mask(types, n) };

	return setsockopt(fd, SOL_RAW, ICMP_FILTER, &f, sizeof(f));
}

uint16_t
icmp_checksum(const uint8_t *buf, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(buf[i] << 8 | buf[i + 1]);
	if (len & 1)
		sum += (uint32_t)buf[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

int
icmp_source(const struct sockaddr_storage *dst, socklen_t len, const char *ifname,
    struct addr *src, const char **what)
{
	struct sockaddr_storage ss = *dst;
	socklen_t sl = sizeof(ss);
	int fd, e;

	*what = "socket";
	if ((fd = socket(dst->ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	/* a port is needed to connect; which one does not matter (same offset in both) */
	((struct sockaddr_in *)&ss)->sin_port = htons(33434);
	*what = "connect";
	if ((ifname != NULL && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname,
	    (socklen_t)strlen(ifname) + 1) < 0) ||
	    connect(fd, (struct sockaddr *)&ss, len) < 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	memset(src, 0, sizeof(*src));
	src->family = ss.ss_family;
	if (ss.ss_family == AF_INET6)
		src->u.v6 = ((struct sockaddr_in6 *)&ss)->sin6_addr;
	else
		src->u.v4 = ((struct sockaddr_in *)&ss)->sin_addr;
	return 0;
}
