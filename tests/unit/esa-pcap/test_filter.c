/* SPDX-License-Identifier: BSD-2-Clause */
/* test_filter.c - the settings page's filter: hosts OR'ed, ports OR'ed, AND'ed, then -f. */
#include "../../../bin/esa-pcap/epcap.h"
#include "../check_esa.h"
#include "suites.h"

static const char *
build(const char *f, const char *hosts, const char *ports)
{
	static char out[EPCAP_FILTER_MAX + 512];
	struct settings s;
	const char *why;

	settings_default(&s);
	snprintf(s.filter, sizeof(s.filter), "%s", f);
	snprintf(s.hosts, sizeof(s.hosts), "%s", hosts);
	snprintf(s.ports, sizeof(s.ports), "%s", ports);
	if (filter_build(&s, out, sizeof(out), &why) < 0)
		return NULL;
	return out;
}

START_TEST(test_build)
{
	ck_assert_str_eq(build("", "", ""), "");
	ck_assert_str_eq(build("tcp", "", ""), "(tcp)");
	ck_assert_str_eq(build("", "192.0.2.1", ""), "(host 192.0.2.1)");
	ck_assert_str_eq(build("", "192.0.2.1,2001:db8::1,198.51.100.0/24", ""),
	    "(host 192.0.2.1 or host 2001:db8::1 or net 198.51.100.0/24)");
	ck_assert_str_eq(build("", "", "25,587"), "(port 25 or port 587)");
	ck_assert_str_eq(build("", "192.0.2.1,192.0.2.2", "25"),
	    "(host 192.0.2.1 or host 192.0.2.2) and (port 25)");
	ck_assert_str_eq(build("ip", "192.0.2.1", "25,80"),
	    "(ip) and (host 192.0.2.1) and (port 25 or port 80)");
	ck_assert_str_eq(build("udp", "", "53"), "(udp) and (port 53)");
}
END_TEST

/* Nothing but an address or a port number reaches the text: no filter syntax. */
START_TEST(test_injection)
{
	static const char *const bad_hosts[] = {
		"192.0.2.1 or tcp", "192.0.2.1)", "(192.0.2.1", "host", "example.com",
		"192.0.2.1/33", "2001:db8::/129", "192.0.2.1/", "/24", "192.0.2.1/-1",
		"192.0.2.256", " 192.0.2.1", "192.0.2.1 ", "", "1.2.3.4\n",
	};
	static const char *const bad_ports[] = {
		"0", "65536", "-1", "25 or 80", "25)", "smtp", "", "0x19", "25 ",
	};
	const char *why;

	for (size_t i = 0; i < sizeof(bad_hosts) / sizeof(bad_hosts[0]); i++) {
		ck_assert_msg(filter_check_host(bad_hosts[i], &why) == -1, "%s", bad_hosts[i]);
		ck_assert_ptr_null(build("", bad_hosts[i][0] ? bad_hosts[i] : ",", ""));
	}
	for (size_t i = 0; i < sizeof(bad_ports) / sizeof(bad_ports[0]); i++) {
		ck_assert_msg(filter_check_port(bad_ports[i], &why) == -1, "%s", bad_ports[i]);
		ck_assert_ptr_null(build("", "", bad_ports[i][0] ? bad_ports[i] : ","));
	}
	ck_assert_int_eq(filter_check_host("203.0.113.7", &why), 0);
	ck_assert_int_eq(filter_check_host("2001:db8::/32", &why), 0);
	ck_assert_int_eq(filter_check_port("65535", &why), 0);
	ck_assert_ptr_null(build("", "192.0.2.1,,192.0.2.2", ""));
}
END_TEST

START_TEST(test_ifindex)
{
	unsigned int idx[] = { 3, 7 };
	char out[256];

	ck_assert_int_eq(filter_with_ifindex("", idx, 2, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "(ifindex 3 or ifindex 7)");
	ck_assert_int_eq(filter_with_ifindex("(tcp)", idx, 2, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "(ifindex 3 or ifindex 7) and ((tcp))");
	ck_assert_int_eq(filter_with_ifindex("(tcp)", idx, 2, out, 10), -1);
}
END_TEST

/* A filter too long for the buffer is refused, never cut. */
START_TEST(test_too_long)
{
	struct settings s;
	char out[64];
	const char *why;

	settings_default(&s);
	memset(s.filter, 't', 100);
	s.filter[100] = '\0';
	ck_assert_int_eq(filter_build(&s, out, sizeof(out), &why), -1);
}
END_TEST

Suite *
suite_pcapfilter(void)
{
	Suite *s = suite_create("pcapfilter");
	TCase *tc = tcase_create("pcapfilter");

	tcase_add_test(tc, test_build);
	tcase_add_test(tc, test_injection);
	tcase_add_test(tc, test_ifindex);
	tcase_add_test(tc, test_too_long);
	suite_add_tcase(s, tc);
	return s;
}
