/* SPDX-License-Identifier: BSD-2-Clause */
/* test_listen.c - view 4: which listener a half-open connection counts for, and the rows. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include "../../../bin/esa-netstat/netstat.h"
#include "addr.h"
#include "../check_esa.h"
#include "suites.h"

static struct sockdiag_sock
tcp(int family, const char *src, uint16_t sport, uint8_t state)
{
	struct sockdiag_sock s = { .family = family, .protocol = IPPROTO_TCP, .state = state,
	    .sport = sport };

	ck_assert_int_eq(inet_pton(family, src, s.src), 1);
	return s;
}

START_TEST(test_owner)
{
	struct listener v[] = {
		{ .s = tcp(AF_INET, "0.0.0.0", 25, SOCK_LISTEN) },
		{ .s = tcp(AF_INET, "192.0.2.1", 25, SOCK_LISTEN) },
		{ .s = tcp(AF_INET6, "::", 22, SOCK_LISTEN) },
		{ .s = tcp(AF_INET6, "::", 80, SOCK_LISTEN) },
	};
	struct sockdiag_sock req;

	v[3].s.v6only = true;
	/* its own address first, even after a wildcard one */
	req = tcp(AF_INET, "192.0.2.1", 25, SOCK_NEW_SYN_RECV);
	ck_assert_ptr_eq(listen_owner(v, 4, &req), &v[1]);
	req = tcp(AF_INET, "198.51.100.1", 25, SOCK_NEW_SYN_RECV);
	ck_assert_ptr_eq(listen_owner(v, 4, &req), &v[0]);
	/* a dual-stack IPv6 listener takes IPv4 connections, a v6only one does not */
	req = tcp(AF_INET, "192.0.2.1", 22, SOCK_NEW_SYN_RECV);
	ck_assert_ptr_eq(listen_owner(v, 4, &req), &v[2]);
	req = tcp(AF_INET, "192.0.2.1", 80, SOCK_NEW_SYN_RECV);
	ck_assert_ptr_null(listen_owner(v, 4, &req));
	req = tcp(AF_INET6, "2001:db8::1", 80, SOCK_NEW_SYN_RECV);
	ck_assert_ptr_eq(listen_owner(v, 4, &req), &v[3]);
	req = tcp(AF_INET, "192.0.2.1", 443, SOCK_NEW_SYN_RECV);
	ck_assert_ptr_null(listen_owner(v, 4, &req));
	ck_assert_ptr_null(listen_owner(v, 0, &req));
}
END_TEST

/*
 * Only the N listeners given are searched, and an IPv4 address is its four bytes: what
 * follows them in the struct is no part of it.
 */
START_TEST(test_owner_bounds)
{
	struct listener v[] = {
		{ .s = tcp(AF_INET, "192.0.2.1", 25, SOCK_LISTEN) },
		{ .s = tcp(AF_INET, "192.0.2.2", 25, SOCK_LISTEN) },
	};
	struct sockdiag_sock req = tcp(AF_INET, "192.0.2.2", 25, SOCK_NEW_SYN_RECV);

	ck_assert_ptr_null(listen_owner(v, 1, &req));
	ck_assert_ptr_eq(listen_owner(v, 2, &req), &v[1]);
	v[1].s.src[4] = 0xff;
	ck_assert_ptr_eq(listen_owner(v, 2, &req), &v[1]);
}
END_TEST

static char *
row(const struct listener *l, bool wide)
{
	struct memout m;

	memout_open(&m);
	listen_print_row(m.f, l, ADDR_NUMERIC, wide);
	return memout_close(&m);
}

/* "%-5s %-14s host.port", as formats.md and the seed lay them out. */
START_TEST(test_rows)
{
	struct listener l = { .s = tcp(AF_INET, "10.0.202.7", 7025, SOCK_LISTEN), .incqlen = 2 };
	char *got;

	l.s.rqueue = 1;
	l.s.wqueue = 50;
	got = row(&l, false);
	ck_assert_str_eq(got, "tcp4  1/2/50         10.0.202.7.7025\n");
	free(got);
	/* the host part is cut at 16 characters, never the port; -W keeps it whole */
	l.s = tcp(AF_INET6, "2001:db8:1234:5678::1", 9999, SOCK_LISTEN);
	l.s.v6only = true;
	l.incqlen = 0;
	got = row(&l, false);
	ck_assert_str_eq(got, "tcp6  0/0/0          2001:db8:1234:56.9999\n");
	free(got);
	got = row(&l, true);
	ck_assert_str_eq(got, "tcp6  0/0/0          2001:db8:1234:5678::1.9999\n");
	free(got);
	l.s = tcp(AF_INET6, "::", 22, SOCK_LISTEN);
	l.s.wqueue = 4096;
	l.s.rqueue = 4096;
	l.incqlen = 70000;
	got = row(&l, false);
	ck_assert_str_eq(got, "tcp46 4096/70000/4096 *.22\n");
	free(got);
}
END_TEST

START_TEST(test_address_cut)
{
	struct sockdiag_sock s = tcp(AF_INET, "192.0.2.1", 25, SOCK_LISTEN);
	char buf[64];

	listen_address(buf, sizeof(buf), &s, ADDR_NUMERIC, false);
	ck_assert_str_eq(buf, "192.0.2.1.25");
	/* the port is in numbers even where a service has a name */
	listen_address(buf, sizeof(buf), &s, ADDR_NUMERIC, true);
	ck_assert_str_eq(buf, "192.0.2.1.25");
}
END_TEST

START_TEST(test_json)
{
	struct listener l = { .s = tcp(AF_INET, "127.0.0.1", 7025, SOCK_LISTEN), .incqlen = 3 };
	struct memout m;
	struct json j;
	char *got;

	l.s.rqueue = 2;
	l.s.wqueue = 3;
	memout_open(&m);
	json_init(&j, m.f, 0);
	listen_print_json(&j, &l, ADDR_NUMERIC);
	json_end(&j);
	got = memout_close(&m);
	ck_assert_str_eq(got, "{\"protocol\":\"tcp\",\"family\":\"inet\",\"qlen\":2,\"incqlen\":3,"
	    "\"maxqlen\":3,"
	    "\"local_address\":\"127.0.0.1\",\"local_port\":7025}\n");
	free(got);
}
END_TEST

Suite *
suite_listen(void)
{
	Suite *s = suite_create("listen");
	TCase *tc = tcase_create("listen");

	tcase_add_test(tc, test_owner);
	tcase_add_test(tc, test_owner_bounds);
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_address_cut);
	tcase_add_test(tc, test_json);
	suite_add_tcase(s, tc);
	return s;
}
