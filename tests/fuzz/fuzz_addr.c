/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_addr.c - libFuzzer harness for lib/addr.c: numeric parsing and address text. */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "fuzz_addr: %s:%d: %s\n", __FILE__, __LINE__, #c); \
		abort();						\
	}								\
} while (0)

/* An interface name is at most IFNAMSIZ - 1 characters; ADDR_IP_MAX allows 16. */
#define SCOPE_FITS 16

/*
 * Parses S, always with ADDR_NUMERIC so that no query ever leaves the machine, and
 * checks what comes back. On success the text addr_ip() writes fits ADDR_IP_MAX
 * and, when the scope is not cut, parses back to the same address.
 */
static void
fuzz_parse(const char *s, size_t n, int family)
{
	struct addr a, b;
	const char *why = NULL;
	char *text;

	if (addr_parse(s, family, ADDR_NUMERIC, &a, &why) == -1) {
		/* only the library's own words: a resolver's would mean it was asked */
		CHECK(why != NULL);
		if (strcmp(why, "not an IPv4 address") == 0 ||
		    strcmp(why, "not an IPv6 address") == 0) {
			/* an address all right, of the other family */
			CHECK(family == (strcmp(why, "not an IPv4 address") == 0 ?
			    AF_INET : AF_INET6));
			CHECK(addr_parse(s, AF_UNSPEC, ADDR_NUMERIC, &b, NULL) == 0);
			CHECK(b.family != family);
		} else {
			CHECK(strcmp(why, "bad address") == 0 ||
			    strcmp(why, ADDR_NOT_QUAD) == 0 ||
			    strcmp(why, "not a numeric address") == 0);
			CHECK(addr_parse(s, AF_UNSPEC, ADDR_NUMERIC, &b, NULL) == -1);
		}
		return;
	}
	CHECK(a.family == AF_INET || a.family == AF_INET6);
	CHECK(family == AF_UNSPEC || a.family == family);
	if (a.scope != NULL) {
		CHECK(a.family == AF_INET6);
		CHECK(a.scope > s && a.scope <= s + n && a.scope[-1] == '%');
		CHECK(a.scope[0] != '\0');
	}
	if (a.family == AF_INET) {
		struct in_addr v4;

		/* IPv4 text is the whole operand, as inet_pton() reads it */
		CHECK(inet_pton(AF_INET, s, &v4) == 1);
		CHECK(memcmp(&v4, &a.u.v4, sizeof(v4)) == 0);
	}

	CHECK((text = malloc(ADDR_IP_MAX)) != NULL);
	CHECK(addr_ip(text, ADDR_IP_MAX, a.family, &a.u, a.scope) == text);
	CHECK(memchr(text, '\0', ADDR_IP_MAX) != NULL);
	if (a.scope == NULL || strlen(a.scope) <= SCOPE_FITS) {
		CHECK(addr_parse(text, family, ADDR_NUMERIC, &b, &why) == 0);
		CHECK(b.family == a.family);
		CHECK(memcmp(&b.u, &a.u, a.family == AF_INET ? 4 : 16) == 0);
		CHECK((a.scope == NULL) == (b.scope == NULL));
		CHECK(a.scope == NULL || strcmp(a.scope, b.scope) == 0);
	}
	free(text);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	CHECK(c >= 'a' && c <= 'f');
	return c - 'a' + 10;
}

/*
 * Up to 32 raw bytes as a link-layer address, into exact-size buffers of every
 * size up to the full text: whole bytes only, lower-case hex, never past SIZE.
 */
static void
fuzz_mac(const uint8_t *data, size_t size)
{
	size_t len = size < 32 ? size : 32, full = len ? 3 * len : 1;
	unsigned char *in;
	char *buf;

	CHECK((in = malloc(len ? len : 1)) != NULL);
	memcpy(in, data, len);
	for (size_t sz = 1; sz <= full; sz++) {
		size_t k = sz / 3 < len ? sz / 3 : len;

		CHECK((buf = malloc(sz)) != NULL);
		CHECK(addr_mac(buf, sz, in, len) == buf);
		CHECK(memchr(buf, '\0', sz) != NULL);
		CHECK(strlen(buf) == (k ? 3 * k - 1 : 0));
		for (size_t i = 0; i < k; i++) {
			CHECK(i == 0 || buf[3 * i - 1] == ':');
			CHECK(hexval(buf[3 * i]) << 4 == (in[i] & 0xf0));
			CHECK(hexval(buf[3 * i + 1]) == (in[i] & 0x0f));
		}
		free(buf);
	}
	free(in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int families[] = { AF_UNSPEC, AF_INET, AF_INET6 };
	size_t n;
	char *s;

	if (size == 0)
		return 0;
	/* the first byte picks the family; the rest, up to a NUL, is the operand */
	n = strnlen((const char *)data + 1, size - 1);
	CHECK((s = malloc(n + 1)) != NULL);
	memcpy(s, data + 1, n);
	s[n] = '\0';
	fuzz_parse(s, n, families[data[0] % 3]);
	free(s);
	fuzz_mac(data, size);
	return 0;
}
