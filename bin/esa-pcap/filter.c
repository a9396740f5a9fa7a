/* SPDX-License-Identifier: BSD-2-Clause */
/* filter.c - the capture filter of the settings page: hosts and ports, checked, then -f. */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "epcap.h"
#include "parse.h"

/* An IPv4 or IPv6 address, or ADDR/PREFIX: nothing else reaches the filter text. */
int
filter_check_host(const char *h, const char **why)
{
	char addr[INET6_ADDRSTRLEN + 8];
	unsigned char bin[16];
	const char *slash = strchr(h, '/');
	size_t n = slash != NULL ? (size_t)(slash - h) : strlen(h);
	int af;
	uint64_t plen;

	*why = "not an IPv4 or IPv6 address (ADDR or ADDR/PREFIX)";
	if (n == 0 || n >= sizeof(addr))
		return -1;
	memcpy(addr, h, n);
	addr[n] = '\0';
	if (inet_pton(AF_INET, addr, bin) == 1)
		af = AF_INET;
	else if (inet_pton(AF_INET6, addr, bin) == 1)
		af = AF_INET6;
	else
		return -1;
	if (slash != NULL && parse_uint(slash + 1, 0, af == AF_INET ? 32 : 128, &plen, NULL) < 0) {
		*why = af == AF_INET ? "bad prefix length (0 to 32)" : "bad prefix length (0 to 128)";
		return -1;
	}
	return 0;
}

int
filter_check_port(const char *p, const char **why)
{
	uint64_t v;

	if (parse_uint(p, 1, 65535, &v, why) < 0) {
		*why = "not a port number (1 to 65535)";
		return -1;
	}
	return 0;
}

/* Appends to OUT what fmt gives: 0, or -1 when it does not fit. */
static int __attribute__((format(printf, 4, 5)))
append(char *out, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size - *len)
		return -1;
	*len += (size_t)n;
	return 0;
}

/* "(host A or net B/N ...)" from a comma-separated list, each item checked. */
static int
append_list(char *out, size_t size, size_t *len, const char *list, bool hosts, const char **why)
{
	char item[256];
	const char *p = list, *q;
	bool first = true;

	if (append(out, size, len, "(") < 0)
		return -1;
	while (*p != '\0') {
		size_t n;

		q = strchr(p, ',');
		n = q != NULL ? (size_t)(q - p) : strlen(p);
		if (n == 0 || n >= sizeof(item)) {
			*why = "empty or overlong item";
			return -1;
		}
		memcpy(item, p, n);
		item[n] = '\0';
		if ((hosts ? filter_check_host(item, why) : filter_check_port(item, why)) < 0)
			return -1;
		if (append(out, size, len, "%s%s %s", first ? "" : " or ",
		    hosts ? (strchr(item, '/') != NULL ? "net" : "host") : "port", item) < 0)
			return -1;
		first = false;
		p += n + (q != NULL);
	}
	return append(out, size, len, ")");
}

int
filter_build(const struct settings *s, char *out, size_t size, const char **why)
{
	size_t len = 0;
	int parts = 0;

	out[0] = '\0';
	*why = "filter is too long";
	if (s->filter[0] != '\0') {
		if (append(out, size, &len, "(%s)", s->filter) < 0)
			return -1;
		parts++;
	}
	if (s->hosts[0] != '\0') {
		if ((parts++ && append(out, size, &len, " and ") < 0) ||
		    append_list(out, size, &len, s->hosts, true, why) < 0)
			return -1;
	}
	if (s->ports[0] != '\0') {
		if ((parts++ && append(out, size, &len, " and ") < 0) ||
		    append_list(out, size, &len, s->ports, false, why) < 0)
			return -1;
	}
	return 0;
}

int
filter_with_ifindex(const char *expr, const unsigned int *idx, size_t n, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	if (append(out, size, &len, "(") < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (append(out, size, &len, "%sifindex %u", i ? " or " : "", idx[i]) < 0)
			return -1;
	if (append(out, size, &len, ")") < 0)
		return -1;
	if (expr[0] != '\0' && append(out, size, &len, " and (%s)", expr) < 0)
		return -1;
	return 0;
}
