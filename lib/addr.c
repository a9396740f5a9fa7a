/* addr.c - address text: IP addresses with scope, link-layer addresses, names, parsing. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"

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

int
addr_name(int family, const void *a, unsigned int scope_id, int flags, char *buf,
    size_t size)
{
	struct sockaddr_storage ss;
	socklen_t sl;

	if (flags & ADDR_NUMERIC)
		return -1;
	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, a, sizeof(sin->sin_addr));
		sl = sizeof(*sin);
	} else if (family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, a, sizeof(sin6->sin6_addr));
		sin6->sin6_scope_id = scope_id;
		sl = sizeof(*sin6);
	} else {
		return -1;
	}
	if (getnameinfo((struct sockaddr *)&ss, sl, buf, (socklen_t)size, NULL, 0,
	    NI_NAMEREQD) != 0)
		return -1;
	return 0;
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

	memset(out, 0, sizeof(*out));
	if (parse_numeric(s, family, out) == 0)
		return 0;
	if (family != AF_UNSPEC && parse_numeric(s, AF_UNSPEC, out) == 0) {
		memset(out, 0, sizeof(*out));
		w = family == AF_INET ? "not an IPv4 address" : "not an IPv6 address";
	} else if (looks_numeric(s))
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
