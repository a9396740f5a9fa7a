/* SPDX-License-Identifier: BSD-2-Clause */
/* test_names.c - capture file names, the names download/delete accept, ring bookkeeping. */
#include <string.h>

#include "../../../bin/esa-pcap/epcap.h"
#include "../check_esa.h"
#include "suites.h"

START_TEST(test_naming)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 26, .tm_hour = 9,
		.tm_min = 5, .tm_sec = 7 };
	char host[64], stem[128], name[160];

	name_host(host, sizeof(host), "mail1.example.com");
	ck_assert_str_eq(host, "mail1");
	name_host(host, sizeof(host), "");
	ck_assert_str_eq(host, "localhost");
	name_host(host, sizeof(host), "a b/c");
	ck_assert_str_eq(host, "a-b-c");
	name_stem(stem, sizeof(stem), "mail1", &tm);
	ck_assert_str_eq(stem, "mail1-20261126-090507");
	name_file(name, sizeof(name), stem, 0);
	ck_assert_str_eq(name, "mail1-20261126-090507.cap");
	name_file(name, sizeof(name), stem, 1);
	ck_assert_str_eq(name, "mail1-20261126-090507-001.cap");
	name_file(name, sizeof(name), stem, 1234);
	ck_assert_str_eq(name, "mail1-20261126-090507-1234.cap");
	ck_assert(name_is_capture(name));
}
END_TEST

/* Every name made from a host name, however hostile, is one the commands accept. */
START_TEST(test_hostile_hosts)
{
	static const char *const hosts[] = {
		"-evil", "--", "-", ".", "..", ".hidden", "/", "a/b", " ", " lead", "a b",
		"\t\n\r", "\033[2J", "\x7f", "caf\xc3\xa9", "\xc3\xa9" "t\xc3\xa9",
		"\xe2\x80\xae" "evil", "-.example.com", "---x---",
		"0123456789012345678901234567890123456789012345678901234567890123",
		"-123456789012345678901234567890123456789012345678901234567890123456789",
		"x-20261126-000000", "x-20261126-000000-001",
	};
	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 26, .tm_hour = 9,
		.tm_min = 5, .tm_sec = 7 };
	char host[128], stem[128], name[160];

	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		name_host(host, sizeof(host), hosts[i]);
		ck_assert_msg(host[0] != '\0' && host[0] != '-', "host %zu: %s", i, host);
		ck_assert_uint_le(strlen(host), 63);
		name_stem(stem, sizeof(stem), host, &tm);
		for (unsigned int seq = 0; seq <= 1000; seq += 999) {
			name_file(name, sizeof(name), stem, seq);
			ck_assert_msg(name_is_capture(name), "host %zu: %s refused", i, name);
		}
	}
	name_host(host, sizeof(host), "-evil");
	ck_assert_str_eq(host, "evil");
	name_host(host, sizeof(host), "---");
	ck_assert_str_eq(host, "localhost");
}
END_TEST

START_TEST(test_is_capture)
{
	static const char *const good[] = {
		"mail1-20261126-090507.cap", "mail1-20261126-090507-001.cap",
		"a-20261126-090507.cap", "my-host-2-20261126-090507-999.cap",
	};
	static const char *const bad[] = {
		"", ".", "..", "../mail1-20261126-090507.cap", "/etc/passwd",
		"a/b-20261126-090507.cap", ".mail1-20261126-090507.cap", "-20261126-090507.cap",
		"mail1-20261126-090507.pcap", "mail1-2026112-090507.cap", "mail1-20261126-09050.cap",
		"mail1-20261126-090507-01.cap", "mail1-20261126-090507.cap.tmp",
		".esa-pcap.state", ".esa-pcap.lock", "mail1-20261126-090507.cap\n",
		"mail 1-20261126-090507.cap", "mail1_20261126_090507.cap", "x.cap", ".cap",
	};

	char longest[130];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(name_is_capture(good[i]), "%s", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!name_is_capture(bad[i]), "%s", bad[i]);
	/* at most 128 bytes: a host of 108 and "-20261126-090507.cap" (20) is one */
	memset(longest, 'h', 108);
	strcpy(longest + 108, "-20261126-090507.cap");
	ck_assert_uint_eq(strlen(longest), 128);
	ck_assert(name_is_capture(longest));
	memset(longest, 'h', 109);
	strcpy(longest + 109, "-20261126-090507.cap");
	ck_assert(!name_is_capture(longest));
}
END_TEST

/* Keep the newest N: after file k is created, file k-N goes. */
START_TEST(test_ring)
{
	unsigned int kept[8] = { 0 };

	ck_assert_uint_eq(ring_expired(1, 0), 0);
	ck_assert_uint_eq(ring_expired(5, 0), 0);
	for (unsigned int seq = 1; seq <= 8; seq++) {
		unsigned int old = ring_expired(seq, 3);

		kept[seq - 1] = 1;
		if (old)
			kept[old - 1] = 0;
		unsigned int n = 0;
		for (int i = 0; i < 8; i++)
			n += kept[i];
		ck_assert_uint_eq(n, seq < 3 ? seq : 3);
		ck_assert_uint_eq(kept[seq - 1], 1);
	}
	ck_assert_uint_eq(ring_expired(3, 3), 0);
	ck_assert_uint_eq(ring_expired(4, 3), 1);
}
END_TEST

START_TEST(test_end)
{
	enum capture_end e;

	for (int i = 0; i < END_COUNT_; i++) {
		ck_assert_int_eq(end_parse(end_text((enum capture_end)i), &e), 0);
		ck_assert_int_eq(e, i);
	}
	ck_assert_str_eq(end_text(END_DISK_FULL), "disk full");
	ck_assert_str_eq(end_text(END_IFACE_GONE), "interface gone");
	ck_assert_int_eq(end_parse("bogus", &e), -1);
}
END_TEST

Suite *
suite_pcapnames(void)
{
	Suite *s = suite_create("pcapnames");
	TCase *tc = tcase_create("pcapnames");

	tcase_add_test(tc, test_naming);
	tcase_add_test(tc, test_hostile_hosts);
	tcase_add_test(tc, test_is_capture);
	tcase_add_test(tc, test_ring);
	tcase_add_test(tc, test_end);
	suite_add_tcase(s, tc);
	return s;
}
