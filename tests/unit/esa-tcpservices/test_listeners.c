/* SPDX-License-Identifier: BSD-2-Clause */
/* test_listeners.c - which sockets are services, the inode hash set, and a recorded dump. */
#include <netinet/in.h>
#include <sys/socket.h>

#include "../../../bin/esa-tcpservices/tcpservices.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

START_TEST(test_listeners)
{
	struct listeners l = { 0 };
	struct sockdiag_sock s = { .protocol = IPPROTO_TCP, .state = SOCK_LISTEN, .sport = 22 };

	ck_assert(listeners_wanted(&s));
	s.state = SOCK_ESTABLISHED;
	ck_assert(!listeners_wanted(&s));
	s.protocol = IPPROTO_UDP;
	ck_assert(!listeners_wanted(&s));	/* a connected UDP socket */
	s.state = SOCK_CLOSE;
	ck_assert(listeners_wanted(&s));
	s.sport = 0;
	ck_assert(!listeners_wanted(&s));	/* not bound */
	/* the hash set: many inodes, one duplicate, lookups of absent ones */
	ck_assert_ptr_null(listeners_find(&l, 1));
	l.cap = 1001;
	l.v = calloc(l.cap, sizeof(*l.v));
	for (uint32_t i = 0; i < 1000; i++)
		l.v[l.n++].inode = 1000 + i * 64;
	l.v[l.n++].inode = 1000;
	listeners_index(&l);
	ck_assert_uint_ge(l.nslots, 2 * l.n);
	for (uint32_t i = 0; i < 1000; i++) {
		ck_assert_ptr_eq(listeners_find(&l, 1000 + i * 64), &l.v[i]);
		ck_assert_ptr_null(listeners_find(&l, 1001 + i * 64));
	}
	listeners_free(&l);
	/* two inodes in a row with the same low four bits, so the same slot of 16: both kept */
	l.cap = 2;
	l.v = calloc(l.cap, sizeof(*l.v));
	l.v[l.n++].inode = 5;
	l.v[l.n++].inode = 5 + 16;
	listeners_index(&l);
	ck_assert_uint_eq(l.nslots, 16);
	ck_assert_ptr_eq(listeners_find(&l, 5), &l.v[0]);
	ck_assert_ptr_eq(listeners_find(&l, 5 + 16), &l.v[1]);
	listeners_free(&l);
}
END_TEST

/* From tests/data/nl/record.sh: two IPv4 and two IPv6 listeners, each found by inode. */
START_TEST(test_recorded)
{
	static const char *const files[] = { "tests/data/nl/tcp4.bin", "tests/data/nl/tcp6.bin" };
	struct listeners l = { 0 };

	for (size_t i = 0; i < ESA_NELEM(files); i++) {
		size_t len;
		void *buf = load_fixture(files[i], &len);

		ck_assert_int_eq(nl_replay(buf, len, listeners_add_tcp, &l), 0);
		free(buf);
	}
	listeners_index(&l);
	ck_assert_uint_eq(l.n, 4);
	for (size_t i = 0; i < l.n; i++) {
		ck_assert_ptr_eq(listeners_find(&l, l.v[i].inode), &l.v[i]);
		ck_assert_int_eq(l.v[i].state, SOCK_LISTEN);
		ck_assert_int_eq(l.v[i].protocol, IPPROTO_TCP);
	}
	/* the same messages read as UDP: TCP's LISTEN is no UDP service state */
	listeners_free(&l);
	{
		size_t len;
		void *buf = load_fixture(files[0], &len);

		ck_assert_int_eq(nl_replay(buf, len, listeners_add_udp, &l), 0);
		free(buf);
		ck_assert_uint_eq(l.n, 0);
	}
	listeners_free(&l);
}
END_TEST

Suite *
suite_listeners(void)
{
	Suite *s = suite_create("listeners");
	TCase *tc = tcase_create("listeners");

	tcase_add_test(tc, test_listeners);
	tcase_add_test(tc, test_recorded);
	suite_add_tcase(s, tc);
	return s;
}
