/* SPDX-License-Identifier: BSD-2-Clause */
/* test_addr.c - unit tests of lib/addr.c: address text, MAC text, numeric parsing, no DNS. */
#include <errno.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netdb.h>

#include "../check_esa.h"
#include "suites.h"
#include "addr.h"
#include "esa.h"

/*
 * Every string here is numeric, or parsed with ADDR_NUMERIC: no test may send a
 * query to a resolver. Address bytes are written by hand, not by inet_pton().
 */

#define V4(a, b, c, d) { a, b, c, d }
#define V6_DOC1 { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 }
#define V6_LL1 { 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 }
#define V6_MAPPED { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1 }

/* An address, its scope, and the text inet_ntop() writes for it (RFC 5952 form). */
struct iprow {
	int family;
	unsigned char bytes[16];
	const char *scope;
	const char *want;
};

static const struct iprow ip_rows[] = {
	{ AF_INET, V4(192, 0, 2, 1), NULL, "192.0.2.1" },
	{ AF_INET, V4(0, 0, 0, 0), NULL, "0.0.0.0" },
	{ AF_INET, V4(255, 255, 255, 255), NULL, "255.255.255.255" },
	{ AF_INET6, V6_DOC1, NULL, "2001:db8::1" },
	{ AF_INET6, { 0 }, NULL, "::" },
	{ AF_INET6, V6_MAPPED, NULL, "::ffff:192.0.2.1" },
	{ AF_INET6, V6_LL1, "eth0", "fe80::1%eth0" },
	{ AF_INET6, V6_LL1, "enp0s31f6.100", "fe80::1%enp0s31f6.100" },
	{ AF_INET6, { 0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde,
	    0xf0, 0x12, 0x34, 0x56, 0x78 }, NULL, "2001:db8:1234:5678:9abc:def0:1234:5678" },
};

/* Into a buffer of exactly the size needed, then of ADDR_IP_MAX. */
START_TEST(test_addr_ip)
{
	const struct iprow *r = &ip_rows[_i];
	size_t need = strlen(r->want) + 1;
	char *buf = malloc(need), big[ADDR_IP_MAX];

	ck_assert_ptr_nonnull(buf);
	ck_assert_ptr_eq(addr_ip(buf, need, r->family, r->bytes, r->scope), buf);
	ck_assert_str_eq(buf, r->want);
	free(buf);
	ck_assert_str_eq(addr_ip(big, sizeof(big), r->family, r->bytes, r->scope), r->want);
}
END_TEST

/* One byte short: the text is cut, yet NUL-terminated inside the buffer. */
START_TEST(test_addr_ip_short)
{
	const struct iprow *r = &ip_rows[_i];
	size_t size = strlen(r->want);
	char *buf = malloc(size);

	ck_assert_ptr_nonnull(buf);
	addr_ip(buf, size, r->family, r->bytes, r->scope);
	ck_assert_uint_lt(strnlen(buf, size), size);
	free(buf);
}
END_TEST

/* An address family addr_ip() does not know prints as "?". */
START_TEST(test_addr_ip_bad_family)
{
	static const unsigned char a[16];
	char buf[ADDR_IP_MAX];

	ck_assert_str_eq(addr_ip(buf, sizeof(buf), AF_UNIX, a, NULL), "?");
}
END_TEST

/* Link-layer addresses of each length a kernel reports, and the lower-case text. */
struct macrow {
	unsigned char bytes[32];
	size_t len;
	const char *want;
};

static const struct macrow mac_rows[] = {
	{ { 0 }, 0, "" },
	{ { 0x02, 0, 0, 0, 0x0a, 0xff }, 6, "02:00:00:00:0a:ff" },
	{ { 0xAB, 0xCD, 0xEF, 0x12, 0x34, 0x56 }, 6, "ab:cd:ef:12:34:56" },
	{ { 0xff }, 1, "ff" },
	/* InfiniBand: 4 bytes of QPN and flags, then the 16-byte port GID */
	{ { 0x80, 0x00, 0x00, 0x48, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x00, 0x02, 0xc9, 0x03,
	    0x00, 0x0a, 0x0b, 0x0c }, 20,
	  "80:00:00:48:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0a:0b:0c" },
	{ { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
	    0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19,
	    0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f }, 32,
	  "00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:"
	  "10:11:12:13:14:15:16:17:18:19:1a:1b:1c:1d:1e:1f" },
};

/* Exact-size input and output buffers: ASan sees a byte read or written too far. */
START_TEST(test_addr_mac)
{
	const struct macrow *r = &mac_rows[_i];
	size_t need = strlen(r->want) + 1;
	unsigned char *in = exact_copy(r->bytes, r->len);
	char *buf = malloc(need), big[ADDR_MAC_MAX];

	ck_assert_ptr_nonnull(buf);
	ck_assert_ptr_eq(addr_mac(buf, need, in, r->len), buf);
	ck_assert_str_eq(buf, r->want);
	ck_assert_str_eq(addr_mac(big, sizeof(big), in, r->len), r->want);
	free(buf);
	free(in);
}
END_TEST

/*
 * A buffer too small keeps whole bytes only: K bytes take 3K - 1 characters and a
 * NUL, so a buffer of SIZE holds min(len, SIZE / 3) of them.
 */
START_TEST(test_addr_mac_short)
{
	static const unsigned char mac[] = { 0x02, 0, 0, 0, 0x0a, 0xff };
	static const char *const want[] = {
		"", "", "",				/* sizes 0 (unused), 1, 2 */
		"02", "02", "02",			/* 3 to 5 */
		"02:00", "02:00", "02:00",		/* 6 to 8 */
		"02:00:00", "02:00:00", "02:00:00",	/* 9 to 11 */
		"02:00:00:00", "02:00:00:00", "02:00:00:00",
		"02:00:00:00:0a", "02:00:00:00:0a", "02:00:00:00:0a",
		"02:00:00:00:0a:ff",			/* 18 */
	};
	size_t size = (size_t)_i;
	char *buf = malloc(size);

	ck_assert_ptr_nonnull(buf);
	ck_assert_str_eq(addr_mac(buf, size, mac, sizeof(mac)), want[size]);
	free(buf);
}
END_TEST

/* A size of 0 writes nothing at all. */
START_TEST(test_addr_mac_size0)
{
	static const unsigned char mac[] = { 0x02, 0, 0, 0, 0x0a, 0xff };
	char buf[1] = { 'x' };

	ck_assert_ptr_eq(addr_mac(buf, 0, mac, sizeof(mac)), buf);
	ck_assert_int_eq(buf[0], 'x');
}
END_TEST

/* ADDR_NUMERIC: -1 at once, the buffer untouched, whatever the address. */
START_TEST(test_addr_name_numeric)
{
	static const unsigned char v4[4] = V4(192, 0, 2, 1);
	static const unsigned char v6[16] = V6_LL1;
	char buf[64] = "untouched";

	ck_assert_int_eq(addr_name(AF_INET, v4, 0, ADDR_NUMERIC, buf, sizeof(buf)), -1);
	ck_assert_str_eq(buf, "untouched");
	ck_assert_int_eq(addr_name(AF_INET6, v6, 2, ADDR_NUMERIC, buf, sizeof(buf)), -1);
	ck_assert_str_eq(buf, "untouched");
}
END_TEST

/* Both separators, numeric: laid out by hand from FreeBSD netstat's and lsof's forms. */
START_TEST(test_addr_hostport)
{
	static const unsigned char v4[4] = V4(192, 0, 2, 1), any4[4] = { 0 };
	static const unsigned char v6[16] = V6_DOC1, any6[16] = { 0 };
	char buf[ADDR_HOSTPORT_MAX];

	ck_assert_str_eq(addr_hostport(buf, sizeof(buf), AF_INET, v4, 25, IPPROTO_TCP,
	    ADDR_NUMERIC, '.'), "192.0.2.1.25");
	ck_assert_str_eq(addr_hostport(buf, sizeof(buf), AF_INET, v4, 25, IPPROTO_TCP,
	    ADDR_NUMERIC, ':'), "192.0.2.1:25");
	ck_assert_str_eq(addr_hostport(buf, sizeof(buf), AF_INET, any4, 0, IPPROTO_UDP,
	    ADDR_NUMERIC, '.'), "*.*");
	ck_assert_str_eq(addr_hostport(buf, sizeof(buf), AF_INET6, v6, 443, IPPROTO_TCP,
	    ADDR_NUMERIC, '.'), "2001:db8::1.443");
	ck_assert_str_eq(addr_hostport(buf, sizeof(buf), AF_INET6, v6, 443, IPPROTO_TCP,
	    ADDR_NUMERIC, ':'), "[2001:db8::1]:443");
	ck_assert_str_eq(addr_hostport(buf, sizeof(buf), AF_INET6, any6, 22, IPPROTO_TCP,
	    ADDR_NUMERIC, ':'), "*:22");
}
END_TEST

/* A short buffer gets the start of the text, terminated; a size of 0 is left alone. */
START_TEST(test_addr_hostport_short)
{
	static const unsigned char v4[4] = V4(192, 0, 2, 1);
	char buf[6], none[1] = { 'x' };

	ck_assert_str_eq(addr_hostport(buf, sizeof(buf), AF_INET, v4, 25, IPPROTO_TCP,
	    ADDR_NUMERIC, '.'), "192.0");
	ck_assert_ptr_eq(addr_hostport(none, 0, AF_INET, v4, 25, IPPROTO_TCP, ADDR_NUMERIC,
	    '.'), none);
	ck_assert_int_eq(none[0], 'x');
}
END_TEST

/* Family, address, port in network order, zone for IPv6 alone, and the length. */
START_TEST(test_addr_sockaddr)
{
	static const unsigned char v4[4] = V4(192, 0, 2, 1), v6[16] = V6_LL1;
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

	memset(&ss, 0xa5, sizeof(ss));
	ck_assert_uint_eq(addr_sockaddr(&ss, AF_INET, v4, 33434, 7), sizeof(*sin));
	ck_assert_int_eq(sin->sin_family, AF_INET);
	ck_assert_uint_eq(sin->sin_port, htons(33434));
	ck_assert_uint_eq(sin->sin_addr.s_addr, htonl(0xc0000201));
	ck_assert_uint_eq(((unsigned char *)&ss)[sizeof(*sin)], 0);
	memset(&ss, 0xa5, sizeof(ss));
	ck_assert_uint_eq(addr_sockaddr(&ss, AF_INET6, v6, 0, 7), sizeof(*sin6));
	ck_assert_int_eq(sin6->sin6_family, AF_INET6);
	ck_assert_uint_eq(sin6->sin6_port, 0);
	ck_assert_uint_eq(sin6->sin6_flowinfo, 0);
	ck_assert_int_eq(memcmp(&sin6->sin6_addr, v6, 16), 0);
	ck_assert_uint_eq(sin6->sin6_scope_id, 7);
}
END_TEST

/* A family that is neither IPv4 nor IPv6: -1 without a lookup, the buffer untouched. */
START_TEST(test_addr_lookup_bad_family)
{
	static const unsigned char a[16] = V6_DOC1;
	char buf[16] = "untouched";

	ck_assert_int_eq(addr_lookup(AF_UNIX, a, 0, buf, sizeof(buf)), -1);
	ck_assert_str_eq(buf, "untouched");
}
END_TEST

/*
 * The longest IPv6 text (45 characters, INET6_ADDRSTRLEN less its NUL) parses; one
 * character more is no address, and is refused without writing past the copy the
 * parser makes (which SANITIZE=1 would show).
 */
START_TEST(test_addr_parse_longest)
{
	static const char longest[] = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
	static const unsigned char ones[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	char more[sizeof(longest) + 1];
	const char *why = NULL;
	struct addr a;

	ck_assert_uint_eq(strlen(longest), 45);
	ck_assert_int_eq(addr_parse(longest, AF_UNSPEC, ADDR_NUMERIC, &a, &why), 0);
	ck_assert_int_eq(a.family, AF_INET6);
	ck_assert_mem_eq(a.u.bytes, ones, 16);
	snprintf(more, sizeof(more), "%s5", longest);
	ck_assert_int_eq(addr_parse(more, AF_UNSPEC, ADDR_NUMERIC, &a, &why), -1);
	ck_assert_str_eq(why, "bad address");
}
END_TEST

/*
 * A name getaddrinfo() refuses is -1 with errno EINVAL and the resolver's own message
 * (gai_strerror(), the peer). A family getaddrinfo() does not serve makes it refuse
 * before any query is sent.
 */
START_TEST(test_addr_parse_resolver_error)
{
	const char *why = NULL;
	struct addr a;

	errno = 0;
	ck_assert_int_eq(addr_parse("mail.example", AF_UNIX, 0, &a, &why), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_ptr_nonnull(why);
	ck_assert_str_eq(why, gai_strerror(EAI_FAMILY));
}
END_TEST

/* An operand, what to ask for, and what addr_parse() answers. */
struct parserow {
	const char *in;
	int family;		/* asked for */
	int flags;
	int rc;
	int want_family;
	unsigned char bytes[16];
	const char *scope;	/* expected scope text, or NULL */
	const char *why;	/* expected reason when rc is -1 */
};

#define OK4(in, fam, fl, a, b, c, d) \
	{ in, fam, fl, 0, AF_INET, V4(a, b, c, d), NULL, NULL }
#define OK6(in, fam, fl, bytes, scope) { in, fam, fl, 0, AF_INET6, bytes, scope, NULL }
#define BAD(in, fam, fl, why) { in, fam, fl, -1, 0, { 0 }, NULL, why }

#define N ADDR_NUMERIC
static const struct parserow parse_rows[] = {
	OK4("192.0.2.1", AF_UNSPEC, N, 192, 0, 2, 1),
	OK4("192.0.2.1", AF_INET, N, 192, 0, 2, 1),
	OK4("192.0.2.1", AF_UNSPEC, 0, 192, 0, 2, 1),
	OK4("0.0.0.0", AF_UNSPEC, N, 0, 0, 0, 0),
	OK4("255.255.255.255", AF_UNSPEC, N, 255, 255, 255, 255),
	OK6("2001:db8::1", AF_UNSPEC, N, V6_DOC1, NULL),
	OK6("2001:db8::1", AF_INET6, N, V6_DOC1, NULL),
	OK6("2001:DB8::1", AF_UNSPEC, N, V6_DOC1, NULL),
	OK6("2001:db8::1", AF_UNSPEC, 0, V6_DOC1, NULL),
	OK6("::ffff:192.0.2.1", AF_UNSPEC, N, V6_MAPPED, NULL),
	OK6("fe80::1%eth0", AF_UNSPEC, N, V6_LL1, "eth0"),
	OK6("fe80::1%eth0", AF_INET6, N, V6_LL1, "eth0"),
	OK6("fe80::1%eth0", AF_UNSPEC, 0, V6_LL1, "eth0"),
	/* the family asked for is the only one accepted */
	BAD("192.0.2.1", AF_INET6, N, "not an IPv6 address"),
	BAD("192.0.2.1", AF_INET6, 0, "not an IPv6 address"),
	BAD("2001:db8::1", AF_INET, N, "not an IPv4 address"),
	BAD("2001:db8::1", AF_INET, 0, "not an IPv4 address"),
	BAD("fe80::1%eth0", AF_INET, N, "not an IPv4 address"),
	BAD("::ffff:192.0.2.1", AF_INET, N, "not an IPv4 address"),
	BAD("999.1.1.1", AF_INET6, N, "bad address"),
	BAD("2001:db8::zz", AF_INET, N, "bad address"),
	/* looks like an address, is not one: never sent to a resolver */
	BAD("999.1.1.1", AF_UNSPEC, N, "bad address"),
	BAD("999.1.1.1", AF_UNSPEC, 0, "bad address"),
	BAD("192.0.2.256", AF_UNSPEC, N, "bad address"),
	BAD("2001:db8::zz", AF_UNSPEC, N, "bad address"),
	BAD("2001:db8::zz", AF_UNSPEC, 0, "bad address"),
	BAD("1.2.3.4.5", AF_UNSPEC, N, "bad address"),
	/* inet_aton()'s other forms: refused alike, with or without -n, never resolved */
	BAD("1.2.3", AF_UNSPEC, N, ADDR_NOT_QUAD),
	BAD("127.1", AF_UNSPEC, N, ADDR_NOT_QUAD),
	BAD("127.1", AF_UNSPEC, 0, ADDR_NOT_QUAD),
	BAD("0x7f.1", AF_UNSPEC, N, ADDR_NOT_QUAD),
	BAD("0x7f.1", AF_UNSPEC, 0, ADDR_NOT_QUAD),
	BAD("0x7f.1", AF_INET, 0, ADDR_NOT_QUAD),
	BAD("0x7F000001", AF_UNSPEC, 0, ADDR_NOT_QUAD),
	BAD("2130706433", AF_UNSPEC, 0, ADDR_NOT_QUAD),
	BAD("017.0.0.1", AF_UNSPEC, 0, ADDR_NOT_QUAD),
	BAD("0177.0.0.01", AF_UNSPEC, 0, ADDR_NOT_QUAD),
	BAD(".", AF_UNSPEC, N, "bad address"),
	BAD(":", AF_UNSPEC, N, "bad address"),
	BAD("2001:db8:::1", AF_UNSPEC, N, "bad address"),
	BAD("fe80::1%", AF_UNSPEC, N, "bad address"),
	BAD("fe80::1%", AF_UNSPEC, 0, "bad address"),
	/* a name, with -n; "%" is neither digit nor dot, so this one is a name too */
	BAD("192.0.2.1%eth0", AF_UNSPEC, N, "not a numeric address"),
	BAD("gw.example", AF_UNSPEC, N, "not a numeric address"),
	BAD("gw.example", AF_INET, N, "not a numeric address"),
	BAD(" 192.0.2.1", AF_UNSPEC, N, "not a numeric address"),
	BAD("192.0.2.1 ", AF_UNSPEC, N, "not a numeric address"),
	BAD("", AF_UNSPEC, N, "not a numeric address"),
};
#undef N

/* The operand is an exact-size heap copy: a read past its NUL is an ASan error. */
START_TEST(test_addr_parse)
{
	const struct parserow *r = &parse_rows[_i];
	char *s = exact_copy(r->in, strlen(r->in) + 1);
	const char *why = NULL;
	struct addr a;
	size_t alen;

	ck_assert_msg(addr_parse(s, r->family, r->flags, &a, &why) == r->rc,
	    "row %d [%s]: rc, why %s", _i, r->in, why ? why : "(null)");
	if (r->rc == -1) {
		ck_assert_ptr_nonnull(why);
		ck_assert_msg(strcmp(why, r->why) == 0, "row %d [%s]: why [%s], want [%s]",
		    _i, r->in, why, r->why);
		ck_assert_int_eq(addr_parse(s, r->family, r->flags, &a, NULL), -1);
		free(s);
		return;
	}
	ck_assert_int_eq(a.family, r->want_family);
	alen = a.family == AF_INET ? 4 : 16;
	ck_assert_msg(memcmp(a.u.bytes, r->bytes, alen) == 0, "row %d [%s]: bytes", _i,
	    r->in);
	if (r->scope == NULL) {
		ck_assert_ptr_null(a.scope);
	} else {
		/* the scope points into the operand, right after its '%' */
		ck_assert_ptr_eq(a.scope, strchr(s, '%') + 1);
		ck_assert_str_eq(a.scope, r->scope);
	}
	free(s);
}
END_TEST

/*
 * Far longer than any address: -1 without reading or writing out of bounds, for
 * text that looks numeric and text that does not.
 */
START_TEST(test_addr_parse_long)
{
	static const struct {
		char fill;
		const char *why;
	} rows[] = {
		{ '1', "bad address" },
		{ ':', "bad address" },
		{ 'a', "not a numeric address" },
	};
	size_t n = 4096;
	char *s = malloc(n + 1);
	const char *why = NULL;
	struct addr a;

	ck_assert_ptr_nonnull(s);
	memset(s, rows[_i].fill, n);
	s[n] = '\0';
	ck_assert_int_eq(addr_parse(s, AF_UNSPEC, ADDR_NUMERIC, &a, &why), -1);
	ck_assert_ptr_nonnull(why);
	ck_assert_str_eq(why, rows[_i].why);
	free(s);
}
END_TEST

/* Parsing the text addr_ip() writes gives back the same address. */
START_TEST(test_addr_roundtrip)
{
	const struct iprow *r = &ip_rows[_i];
	char buf[ADDR_IP_MAX];
	const char *why = NULL;
	struct addr a;

	addr_ip(buf, sizeof(buf), r->family, r->bytes, r->scope);
	ck_assert_int_eq(addr_parse(buf, AF_UNSPEC, ADDR_NUMERIC, &a, &why), 0);
	ck_assert_int_eq(a.family, r->family);
	ck_assert_mem_eq(a.u.bytes, r->bytes, r->family == AF_INET ? 4u : 16u);
	if (r->scope != NULL)
		ck_assert_str_eq(a.scope, r->scope);
	else
		ck_assert_ptr_null(a.scope);
}
END_TEST

Suite *
suite_addr(void)
{
	Suite *s = suite_create("addr");
	TCase *text = tcase_create("addr text");
	TCase *parse = tcase_create("addr parse");

	tcase_add_loop_test(text, test_addr_ip, 0, (int)ESA_NELEM(ip_rows));
	tcase_add_loop_test(text, test_addr_ip_short, 0, (int)ESA_NELEM(ip_rows));
	tcase_add_test(text, test_addr_ip_bad_family);
	tcase_add_loop_test(text, test_addr_mac, 0, (int)ESA_NELEM(mac_rows));
	tcase_add_loop_test(text, test_addr_mac_short, 1, 19);
	tcase_add_test(text, test_addr_mac_size0);
	tcase_add_test(text, test_addr_name_numeric);
	tcase_add_test(text, test_addr_hostport);
	tcase_add_test(text, test_addr_hostport_short);
	tcase_add_test(text, test_addr_lookup_bad_family);
	tcase_add_test(text, test_addr_sockaddr);
	suite_add_tcase(s, text);

	tcase_add_loop_test(parse, test_addr_parse, 0, (int)ESA_NELEM(parse_rows));
	tcase_add_loop_test(parse, test_addr_parse_long, 0, 3);
	tcase_add_test(parse, test_addr_parse_longest);
	tcase_add_test(parse, test_addr_parse_resolver_error);
	tcase_add_loop_test(parse, test_addr_roundtrip, 0, (int)ESA_NELEM(ip_rows));
	suite_add_tcase(s, parse);
	return s;
}
