/* SPDX-License-Identifier: BSD-2-Clause */
/* test_icmp.c - unit tests of lib/icmp.c: the checksum, the filter mask, the source lookup. */
#include <arpa/inet.h>
#include <errno.h>
#include <sys/socket.h>

#include "../check_esa.h"
#include "suites.h"
#include "esa.h"
#include "icmp.h"

/* RFC 1071's worked example (section 3): the sum 0xddf2, sent as its complement. */
START_TEST(test_icmp_checksum_rfc1071)
{
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	uint8_t msg[10];

	ck_assert_uint_eq(icmp_checksum(b, sizeof(b)), 0x220d);
	/* a message carrying its checksum sums to 0 */
	memcpy(msg, b, sizeof(b));
	msg[8] = 0x22;
	msg[9] = 0x0d;
	ck_assert_uint_eq(icmp_checksum(msg, sizeof(msg)), 0);
}
END_TEST

/* Odd length: the last byte counts as a high byte (RFC 1071); nothing sums to ~0. */
START_TEST(test_icmp_checksum_odd)
{
	ck_assert_uint_eq(icmp_checksum((const uint8_t *)"\x01", 1), 0xfeff);
	ck_assert_uint_eq(icmp_checksum((const uint8_t *)"", 0), 0xffff);
}
END_TEST

/*
 * ICMP_FILTER's bits are the types dropped: esa-ping's six (echo reply 0, unreachable
 * 3, source quench 4, redirect 5, time exceeded 11, parameter problem 12) pass
 * 0x1839; a type the mask cannot hold is no bit at all.
 */
START_TEST(test_icmp_filter_mask)
{
	static const uint8_t ping[] = { 0, 3, 4, 5, 11, 12 }, trace[] = { 3, 11, 200 };

	ck_assert_uint_eq(icmp_filter_mask(ping, ESA_NELEM(ping)), 0xffffe7c6);
	ck_assert_uint_eq(icmp_filter_mask(trace, ESA_NELEM(trace)), 0xfffff7f7);
	ck_assert_uint_eq(icmp_filter_mask(NULL, 0), 0xffffffff);
}
END_TEST

/* Loopback's source is itself: a connected UDP socket says so, sending nothing. */
START_TEST(test_icmp_source_loopback)
{
	static const unsigned char lo4[4] = { 127, 0, 0, 1 };
	struct sockaddr_storage ss;
	struct addr src;
	const char *what = NULL;
	socklen_t sl = addr_sockaddr(&ss, AF_INET, lo4, 0, 0);

	ck_assert_int_eq(icmp_source(&ss, sl, NULL, &src, &what), 0);
	ck_assert_int_eq(src.family, AF_INET);
	ck_assert_uint_eq(src.u.v4.s_addr, htonl(INADDR_LOOPBACK));
	ck_assert_ptr_null(src.scope);
}
END_TEST

/* An interface that is not there: -1, and the step named for the message. */
START_TEST(test_icmp_source_no_device)
{
	static const unsigned char lo4[4] = { 127, 0, 0, 1 };
	struct sockaddr_storage ss;
	struct addr src;
	const char *what = NULL;
	socklen_t sl = addr_sockaddr(&ss, AF_INET, lo4, 0, 0);

	ck_assert_int_eq(icmp_source(&ss, sl, "esa-no-such0", &src, &what), -1);
	ck_assert_str_eq(what, "connect");
	ck_assert(errno == ENODEV || errno == EPERM);
}
END_TEST

Suite *
suite_icmp(void)
{
	Suite *s = suite_create("icmp");
	TCase *tc = tcase_create("icmp");

	tcase_add_test(tc, test_icmp_checksum_rfc1071);
	tcase_add_test(tc, test_icmp_checksum_odd);
	tcase_add_test(tc, test_icmp_filter_mask);
	tcase_add_test(tc, test_icmp_source_loopback);
	tcase_add_test(tc, test_icmp_source_no_device);
	suite_add_tcase(s, tc);
	return s;
}
