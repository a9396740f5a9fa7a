/* SPDX-License-Identifier: BSD-2-Clause */
/* test_sockets.c - view 1's rules and rows, from sockets built here. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include "../../../bin/esa-netstat/netstat.h"
#include "addr.h"
#include "../check_esa.h"
#include "suites.h"

static struct sockdiag_sock
sock(int family, int proto, const char *src, uint16_t sport, const char *dst, uint16_t dport,
    uint8_t state)
{
	struct sockdiag_sock s = { .family = family, .protocol = proto, .state = state,
	    .sport = sport, .dport = dport };

	ck_assert_int_eq(inet_pton(family, src, s.src), 1);
	ck_assert_int_eq(inet_pton(family, dst, s.dst), 1);
	return s;
}

static char *
row(const struct sockdiag_sock *s)
{
	struct memout m;

	memout_open(&m);
	sockets_print_row(m.f, s, ADDR_NUMERIC);
	return memout_close(&m);
}

#define CHECK_ROW(s, want) do {			\
	char *got_ = row(&(s));			\
	ck_assert_str_eq(got_, (want));		\
	free(got_);				\
} while (0)

/* Rows laid out by hand from formats.md: %-5s %6u %6u %-22s %-22s state. */
START_TEST(test_rows)
{
	struct sockdiag_sock s = sock(AF_INET, IPPROTO_TCP, "10.0.202.7", 10275, "10.0.201.4", 6025,
	    SOCK_ESTABLISHED);

	CHECK_ROW(s, "tcp4       0      0 10.0.202.7.10275       10.0.201.4.6025        ESTABLISHED\n");
	/*
	 * A listener as formats.md's example and FreeBSD's netstat (its Recv-Q and
	 * Send-Q are so_rcv.sb_cc and so_snd.sb_cc, empty on a listening socket): 0 0,
	 * whatever the kernel reports as the accept queue (2) and backlog (50).
	 */
	s = sock(AF_INET, IPPROTO_TCP, "0.0.0.0", 25, "0.0.0.0", 0, SOCK_LISTEN);
	s.rqueue = 2;
	s.wqueue = 50;
	sockets_listen_queues(&s);
	CHECK_ROW(s, "tcp4       0      0 *.25                   *.*                    LISTEN\n");
	/* a connection keeps its bytes */
	s = sock(AF_INET, IPPROTO_TCP, "10.0.202.7", 25, "10.0.201.4", 6025, SOCK_ESTABLISHED);
	s.rqueue = 100;
	s.wqueue = 7;
	sockets_listen_queues(&s);
	CHECK_ROW(s, "tcp4     100      7 10.0.202.7.25          10.0.201.4.6025        ESTABLISHED\n");
	/* UDP has no state: the row ends after the foreign address */
	s = sock(AF_INET, IPPROTO_UDP, "0.0.0.0", 514, "0.0.0.0", 0, SOCK_CLOSE);
	CHECK_ROW(s, "udp4       0      0 *.514                  *.*\n");
	/* queues wider than six digits push; a long IPv6 address is never cut */
	s = sock(AF_INET6, IPPROTO_TCP, "2001:db8:1234:5678:9abc:def0:1234:5678", 443,
	    "2001:db8::1", 51000, SOCK_TIME_WAIT);
	s.rqueue = 1234567;
	s.v6only = true;
	CHECK_ROW(s, "tcp6  1234567      0 2001:db8:1234:5678:9abc:def0:1234:5678.443 "
	    "2001:db8::1.51000      TIME_WAIT\n");
	/* an IPv6 wildcard socket that also takes IPv4 */
	s = sock(AF_INET6, IPPROTO_TCP, "::", 22, "::", 0, SOCK_LISTEN);
	CHECK_ROW(s, "tcp46      0      0 *.22                   *.*                    LISTEN\n");
	s.protocol = IPPROTO_UDP;
	s.v6only = true;
	CHECK_ROW(s, "udp6       0      0 *.22                   *.*\n");
}
END_TEST

START_TEST(test_state_names)
{
	ck_assert_str_eq(sockets_state_name(SOCK_ESTABLISHED), "ESTABLISHED");
	ck_assert_str_eq(sockets_state_name(SOCK_SYN_RECV), "SYN_RCVD");
	ck_assert_str_eq(sockets_state_name(SOCK_NEW_SYN_RECV), "SYN_RCVD");
	ck_assert_str_eq(sockets_state_name(SOCK_FIN_WAIT1), "FIN_WAIT_1");
	ck_assert_str_eq(sockets_state_name(SOCK_FIN_WAIT2), "FIN_WAIT_2");
	ck_assert_str_eq(sockets_state_name(SOCK_CLOSE), "CLOSED");
	ck_assert_str_eq(sockets_state_name(SOCK_CLOSE_WAIT), "CLOSE_WAIT");
	ck_assert_str_eq(sockets_state_name(SOCK_LAST_ACK), "LAST_ACK");
	ck_assert_str_eq(sockets_state_name(SOCK_CLOSING), "CLOSING");
	ck_assert_str_eq(sockets_state_name(0), "UNKNOWN");
	ck_assert_str_eq(sockets_state_name(200), "UNKNOWN");
}
END_TEST

START_TEST(test_unmap_and_families)
{
	struct sockdiag_sock s = sock(AF_INET6, IPPROTO_TCP, "::ffff:127.0.0.1", 22,
	    "::ffff:192.0.2.9", 40000, SOCK_ESTABLISHED);

	sockets_unmap(&s);
	ck_assert_int_eq(s.family, AF_INET);
	CHECK_ROW(s, "tcp4       0      0 127.0.0.1.22           192.0.2.9.40000        ESTABLISHED\n");
	ck_assert(sockets_family_match(&s, AF_INET));
	ck_assert(!sockets_family_match(&s, AF_INET6));
	/* a plain IPv6 address stays */
	s = sock(AF_INET6, IPPROTO_TCP, "2001:db8::1", 22, "2001:db8::2", 1, SOCK_ESTABLISHED);
	sockets_unmap(&s);
	ck_assert_int_eq(s.family, AF_INET6);
	ck_assert(!sockets_family_match(&s, AF_INET));
	/* a dual-stack listener belongs to both -4 and -6, a v6only one to -6 only */
	s = sock(AF_INET6, IPPROTO_TCP, "::", 22, "::", 0, SOCK_LISTEN);
	ck_assert(sockets_family_match(&s, AF_INET) && sockets_family_match(&s, AF_INET6));
	s.v6only = true;
	ck_assert(!sockets_family_match(&s, AF_INET));
	ck_assert(sockets_family_match(&s, AF_UNSPEC));
}
END_TEST

/* tcp46: an IPv6 socket on the unspecified address that is not v6only, no other. */
START_TEST(test_dual_stack)
{
	struct sockdiag_sock s = sock(AF_INET6, IPPROTO_TCP, "::", 4431, "::", 0, SOCK_LISTEN);

	ck_assert(sockets_dual_stack(&s));
	ck_assert_str_eq(sockets_proto(&s), "tcp46");
	s.protocol = IPPROTO_UDP;
	ck_assert_str_eq(sockets_proto(&s), "udp46");
	s.v6only = true;
	ck_assert(!sockets_dual_stack(&s));
	ck_assert_str_eq(sockets_proto(&s), "udp6");
	s = sock(AF_INET6, IPPROTO_TCP, "2001:db8::1", 8081, "::", 0, SOCK_LISTEN);
	ck_assert(!sockets_dual_stack(&s));
	/* the local address alone decides, whatever the foreign one is */
	s = sock(AF_INET6, IPPROTO_UDP, "::", 53, "2001:db8::2", 53, SOCK_ESTABLISHED);
	ck_assert(sockets_dual_stack(&s));
	s = sock(AF_INET, IPPROTO_TCP, "0.0.0.0", 22, "0.0.0.0", 0, SOCK_LISTEN);
	ck_assert(!sockets_dual_stack(&s));
	ck_assert_str_eq(sockets_proto(&s), "tcp4");
}
END_TEST

/* FreeBSD without -a: no TCP listener, no socket without a foreign address. */
START_TEST(test_listed)
{
	struct sockdiag_sock s = sock(AF_INET, IPPROTO_TCP, "0.0.0.0", 25, "0.0.0.0", 0, SOCK_LISTEN);

	ck_assert(!sockets_listed(&s, false));
	ck_assert(sockets_listed(&s, true));
	s = sock(AF_INET, IPPROTO_UDP, "0.0.0.0", 514, "0.0.0.0", 0, SOCK_CLOSE);
	ck_assert(!sockets_listed(&s, false));
	s = sock(AF_INET6, IPPROTO_UDP, "::1", 5353, "::1", 53, SOCK_ESTABLISHED);
	ck_assert(sockets_listed(&s, false));
	s = sock(AF_INET, IPPROTO_TCP, "192.0.2.1", 80, "192.0.2.2", 999, SOCK_TIME_WAIT);
	ck_assert(sockets_listed(&s, false));
}
END_TEST

START_TEST(test_json)
{
	struct sockdiag_sock s = sock(AF_INET6, IPPROTO_UDP, "2001:db8::1", 53, "::", 0, SOCK_CLOSE);
	struct memout m;
	struct json j;
	char *got;

	s.uid = 101;
	s.inode = 4242;
	s.v6only = true;
	memout_open(&m);
	json_init(&j, m.f, 0);
	sockets_print_json(&j, &s, ADDR_NUMERIC);
	json_end(&j);
	got = memout_close(&m);
	ck_assert_str_eq(got, "{\"protocol\":\"udp\",\"family\":\"inet6\",\"v6only\":true,"
	    "\"recv_q_bytes\":0,\"send_q_bytes\":0,"
	    "\"local_address\":\"2001:db8::1\",\"local_port\":53,\"foreign_address\":\"::\","
	    "\"foreign_port\":0,\"uid\":101,\"inode\":4242}\n");
	free(got);
}
END_TEST

Suite *
suite_sockets(void)
{
	Suite *s = suite_create("sockets");
	TCase *tc = tcase_create("sockets");

	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_state_names);
	tcase_add_test(tc, test_unmap_and_families);
	tcase_add_test(tc, test_dual_stack);
	tcase_add_test(tc, test_listed);
	tcase_add_test(tc, test_json);
	suite_add_tcase(s, tc);
	return s;
}
