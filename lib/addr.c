/* SPDX-License-Identifier: BSD-2-Clause */
/* addr.c - address text: IP addresses with scope, link-layer addresses, names, parsing. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "tick.h"

char *
addr_ip(char *buf, size_t size, int family, const void *a, const char *scope)
{
	size_t n;

	if (inet_ntop(family, a, buf, (socklen_t)size) == NULL) {
		snprintf(buf, size, "?");
		return buf;
	}
	if (scope != NULL) {
		n = strlen(buf);
		snprintf(buf + n, size - n, "%%%s", scope);
	}
	return buf;
}

char *
addr_mac(char *buf, size_t size, const unsigned char *a, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	if (size == 0)
		return buf;
	/* whole bytes only: a short buffer cuts the text between two of them */
	for (size_t i = 0; i < len && o + (i > 0) + 2 < size; i++) {
		if (i > 0)
			buf[o++] = ':';
		buf[o++] = hex[a[i] >> 4];
		buf[o++] = hex[a[i] & 0xf];
	}
	buf[o] = '\0';
	return buf;
}

/* Reverse names asked recently, by address: a small direct-mapped cache. */
#define NAME_CACHE 256

struct name_slot {
	int family;		/* 0: empty */
	unsigned int scope_id;
	unsigned char a[16];
	char *name;		/* NULL: the resolver has no name for it */
};

static struct name_slot name_cache[NAME_CACHE];

/*
 * The resolver is down once a lookup has waited for it and failed ("temporary
 * failure" after RESOLVER_SLOW_MS: a server that does not answer): from then on the
 * run asks nothing more and prints numbers, as a table of thousands of addresses
 * (or a trace's many hops) would otherwise wait that timeout once per row. A failure
 * that comes at once (no server reachable) costs nothing, and later addresses may
 * still find their names in /etc/hosts. Atomic: lookup threads share it.
 */
#define RESOLVER_SLOW_MS 500
static atomic_bool resolver_down;

static struct name_slot *
name_slot(int family, const void *a, unsigned int scope_id)
{
	const unsigned char *b = a;
	size_t n = family == AF_INET ? 4 : 16;
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return &name_cache[(h ^ scope_id) % NAME_CACHE];
}

socklen_t
addr_sockaddr(struct sockaddr_storage *ss, int family, const void *a, uint16_t port,
    unsigned int scope_id)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, a, sizeof(sin6->sin6_addr));
		sin6->sin6_port = htons(port);
		sin6->sin6_scope_id = scope_id;
		return sizeof(*sin6);
	}
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	sin->sin_family = AF_INET;
	memcpy(&sin->sin_addr, a, sizeof(sin->sin_addr));
	sin->sin_port = htons(port);
	return sizeof(*sin);
}

int
addr_lookup(int family, const void *a, unsigned int scope_id, char *buf, size_t size)
{
	struct sockaddr_storage ss;
	int64_t start;
	socklen_t sl;

	if (atomic_load(&resolver_down) || (family != AF_INET && family != AF_INET6))
		return -1;
	sl = addr_sockaddr(&ss, family, a, 0, scope_id);
	start = tick_ns();
	switch (getnameinfo((struct sockaddr *)&ss, sl, buf, (socklen_t)size, NULL, 0,
	    NI_NAMEREQD)) {
	case 0:
		return 0;
	case EAI_AGAIN:
		if (tick_ns() - start >= RESOLVER_SLOW_MS * 1000000LL)
			atomic_store(&resolver_down, true);
		return -1;
	default:
		return -1;
	}
}

int
addr_name(int family, const void *a, unsigned int scope_id, int flags, char *buf,
    size_t size)
{
	size_t n = family == AF_INET ? 4 : 16;
	struct name_slot *slot;
	char name[NI_MAXHOST];

	if ((flags & ADDR_NUMERIC) || (family != AF_INET && family != AF_INET6) || size == 0)
		return -1;
	slot = name_slot(family, a, scope_id);
	if (slot->family != family || slot->scope_id != scope_id || memcmp(slot->a, a, n) != 0) {
		if (atomic_load(&resolver_down))
			return -1;
		free(slot->name);
		slot->name = addr_lookup(family, a, scope_id, name, sizeof(name)) == 0 ?
		    strdup(name) : NULL;
		slot->family = family;
		slot->scope_id = scope_id;
		memcpy(slot->a, a, n);
	}
	if (slot->name == NULL)
		return -1;
	snprintf(buf, size, "%s", slot->name);
	return 0;
}

/*
 * Service names by port, for TCP and UDP, filled as ports are asked for: a slot is
 * NULL (not asked yet), NO_NAME, or the name.
 */
static const char NO_NAME[] = "";
static const char **service_cache[2];

/*
 * The name of PORT for PROTOCOL (IPPROTO_TCP or IPPROTO_UDP) in the services
 * database, or NULL when it has none or with ADDR_NUMERIC. Each port is looked up
 * once per run (the database is a file read from the start on every getservbyport()).
 */
static const char *
service(uint16_t port, int protocol, int flags)
{
	int udp = protocol == IPPROTO_UDP;
	const char **slot;
	struct servent *se;

	if ((flags & ADDR_NUMERIC) || port == 0)
		return NULL;
	if (service_cache[udp] == NULL &&
	    (service_cache[udp] = calloc(65536, sizeof(*service_cache[udp]))) == NULL)
		return NULL;
	slot = &service_cache[udp][port];
	if (*slot == NULL) {
		char *name = NULL;

		if ((se = getservbyport(htons(port), udp ? "udp" : "tcp")) != NULL)
			name = strdup(se->s_name);
		*slot = name != NULL ? name : NO_NAME;
	}
	return *slot == NO_NAME ? NULL : *slot;
}

static bool
unspecified(int family, const void *a)
{
	static const unsigned char any[16];

	return memcmp(a, any, family == AF_INET ? 4 : 16) == 0;
}

/*
 * Decimal text of V at P, returning the end. Listings format hundreds of thousands
 * of addresses; glibc's inet_ntop() and printf() for IPv4 cost several times this.
 */
static char *
put_uint(char *p, unsigned int v)
{
	char tmp[10];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* The host part into P (room for ADDR_HOSTPORT_MAX): "*", a name, or the number. */
static char *
put_host(char *p, int family, const void *a, int flags, bool brackets)
{
	const unsigned char *b = a;

	if (unspecified(family, a)) {
		*p++ = '*';
		return p;
	}
	if (addr_name(family, a, 0, flags, p, NI_MAXHOST) == 0)
		return p + strlen(p);
	if (family == AF_INET) {
		for (int i = 0; i < 4; i++) {
			if (i > 0)
				*p++ = '.';
			p = put_uint(p, b[i]);
		}
		return p;
	}
	if (brackets)
		*p++ = '[';
	if (inet_ntop(AF_INET6, a, p, INET6_ADDRSTRLEN) == NULL)
		strcpy(p, "?");
	p += strlen(p);
	if (brackets)
		*p++ = ']';
	return p;
}

char *
addr_hostport(char *buf, size_t size, int family, const void *a, uint16_t port,
    int protocol, int flags, char sep)
{
	char tmp[ADDR_HOSTPORT_MAX], *p = put_host(tmp, family, a, flags, sep == ':');
	const char *svc = flags & ADDR_NUMERIC_PORT ? NULL : service(port, protocol, flags);

	*p++ = sep;
	if (port == 0)
		*p++ = '*';
	else if (svc != NULL)
		p += snprintf(p, (size_t)(tmp + sizeof(tmp) - p), "%.63s", svc);
	else
		p = put_uint(p, port);
	if (size > 0) {
		size_t n = (size_t)(p - tmp) < size ? (size_t)(p - tmp) : size - 1;

		memcpy(buf, tmp, n);
		buf[n] = '\0';
	}
	return buf;
}

/* Only digits and dots, or a colon anywhere: meant as an address, never a name. */
static int
looks_numeric(const char *s)
{
	if (strchr(s, ':') != NULL)
		return 1;
	return s[0] != '\0' && strspn(s, "0123456789.") == strlen(s);
}

static int
parse_numeric(const char *s, int family, struct addr *out)
{
	char tmp[INET6_ADDRSTRLEN];
	const char *pct = strchr(s, '%');
	size_t n = pct != NULL ? (size_t)(pct - s) : strlen(s);

	if (n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (pct == NULL && family != AF_INET6 && inet_pton(AF_INET, tmp, &out->u.v4) == 1) {
		out->family = AF_INET;
		out->scope = NULL;
		return 0;
	}
	if (family != AF_INET && inet_pton(AF_INET6, tmp, &out->u.v6) == 1) {
		if (pct != NULL && pct[1] == '\0')
			return -1;
		out->family = AF_INET6;
		out->scope = pct != NULL ? pct + 1 : NULL;
		return 0;
	}
	return -1;
}

int
addr_parse(const char *s, int family, int flags, struct addr *out, const char **why)
{
	struct addrinfo hints = { .ai_family = family, .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res;
	const char *w = NULL;
	int e;

	struct in_addr a4;

	memset(out, 0, sizeof(*out));
	if (parse_numeric(s, family, out) == 0)
		return 0;
	if (family != AF_UNSPEC && parse_numeric(s, AF_UNSPEC, out) == 0) {
		memset(out, 0, sizeof(*out));
		w = family == AF_INET ? "not an IPv4 address" : "not an IPv6 address";
	} else if (strpbrk(s, " \t\n\v\f\r") == NULL && inet_aton(s, &a4) != 0)
		/* inet_aton()'s other forms (127.1, 0x7f.1, 017.0.0.1, 2130706433), which
		 * getaddrinfo() would take: refused in every tool alike, never resolved,
		 * as 017 means 15 to inet_aton() and 17 to a reader (it also stops at
		 * white space: "192.0.2.1 x" is no address at all) */
		w = ADDR_NOT_QUAD;
	else if (looks_numeric(s))
		w = "bad address";
	else if (flags & ADDR_NUMERIC)
		w = "not a numeric address";
	if (w != NULL) {
		if (why != NULL)
			*why = w;
		errno = EINVAL;
		return -1;
	}
	e = getaddrinfo(s, NULL, &hints, &res);
	if (e != 0) {
		if (why != NULL)
			*why = e == EAI_SYSTEM ? strerror(errno) : gai_strerror(e);
		errno = EINVAL;
		return -1;
	}
	out->family = res->ai_family;
	if (res->ai_family == AF_INET)
		out->u.v4 = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
	else
		out->u.v6 = ((struct sockaddr_in6 *)res->ai_addr)->sin6_addr;
	freeaddrinfo(res);
	return 0;
}
