/* SPDX-License-Identifier: BSD-2-Clause */
/* test_print.c - FreeBSD traceroute's and traceroute6's lines and the JSON Lines, from
 * hops built here; the expected text is worked out by hand from FreeBSD's printf()s. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "../../../bin/esa-traceroute/trace.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

/* Probe P of T answered by ADDR in RTT microseconds, NOTE, NAME (NULL: none). */
static void
set(struct trace *t, unsigned p, int family, const char *addr, int64_t rtt, const char *note,
    const char *name)
{
	struct probe *pr = &t->probes[p];

	pr->state = PROBE_ANSWERED;
	pr->rtt = rtt;
	pr->r.family = family;
	pr->r.probe = p;
	ck_assert_int_eq(inet_pton(family, addr, pr->r.from), 1);
	snprintf(pr->r.note, sizeof(pr->r.note), "%s", note);
	pr->name = name != NULL ? xstrdup(name) : NULL;
}

static char *
hop_text(const struct trace *t, unsigned h, int family, bool numeric, bool json)
{
	struct memout m;
	struct print_ctx pc;

	memout_open(&m);
	pc = (struct print_ctx){ m.f, family, numeric, json };
	print_hop(&pc, t, h);
	return memout_close(&m);
}

START_TEST(test_v4_lines)
{
	struct trace t;
	char *s;

	trace_init(&t, 1, 9, 3, 16, 5000000, AF_INET);
	/* the seed's hop 1: two responders, the second on an indented line */
	set(&t, 0, AF_INET, "68.232.129.2", 902, "", NULL);
	set(&t, 1, AF_INET, "68.232.129.3", 786, "", NULL);
	set(&t, 2, AF_INET, "68.232.129.3", 605, "", NULL);
	s = hop_text(&t, 0, AF_INET, false, false);
	ck_assert_str_eq(s, " 1  68.232.129.2 (68.232.129.2)  0.902 ms\n"
	    "    68.232.129.3 (68.232.129.3)  0.786 ms  0.605 ms\n");
	free(s);
	s = hop_text(&t, 0, AF_INET, true, false);
	ck_assert_str_eq(s, " 1  68.232.129.2  0.902 ms\n    68.232.129.3  0.786 ms  0.605 ms\n");
	free(s);
	/* a lost first probe: traceroute prints the responder on the same line */
	set(&t, 4, AF_INET, "192.0.2.1", 1234567, "!H", "gw.example");
	set(&t, 5, AF_INET, "192.0.2.1", 1000, "!H", "gw.example");
	s = hop_text(&t, 1, AF_INET, false, false);
	ck_assert_str_eq(s, " 2  * gw.example (192.0.2.1)  1234.567 ms !H  1.000 ms !H\n");
	free(s);
	/* silent, and a two-digit hop */
	s = hop_text(&t, 2, AF_INET, false, false);
	ck_assert_str_eq(s, " 3  * * *\n");
	free(s);
	t.first = 10;
	s = hop_text(&t, 2, AF_INET, true, false);
	ck_assert_str_eq(s, "12  * * *\n");
	free(s);
	/* a name with control bytes is escaped */
	set(&t, 6, AF_INET, "192.0.2.7", 0, "!F-1400", "evil\033[2Jname");
	s = hop_text(&t, 2, AF_INET, false, false);
	ck_assert_str_eq(s, "12  evil\\033[2Jname (192.0.2.7)  0.000 ms !F-1400 * *\n");
	free(s);
	trace_free(&t);
}
END_TEST

START_TEST(test_v6_lines)
{
	struct trace t;
	char *s;

	trace_init(&t, 1, 3, 3, 16, 5000000, AF_INET6);
	set(&t, 0, AF_INET6, "2001:db8::1", 412, "", "r1.example");
	set(&t, 1, AF_INET6, "2001:db8::1", 377, "", "r1.example");
	set(&t, 2, AF_INET6, "2001:db8::2", 400, "!N", NULL);
	/* names only; a number when there is none */
	s = hop_text(&t, 0, AF_INET6, false, false);
	ck_assert_str_eq(s, " 1  r1.example  0.412 ms  0.377 ms\n    2001:db8::2  0.400 ms !N\n");
	free(s);
	/* traceroute6 starts a new line for any probe after the first that
	 * brings a new responder, after a lost first probe too */
	set(&t, 4, AF_INET6, "2001:db8::3", 1000, "", NULL);
	s = hop_text(&t, 1, AF_INET6, true, false);
	ck_assert_str_eq(s, " 2  *\n    2001:db8::3  1.000 ms *\n");
	free(s);
	trace_free(&t);
}
END_TEST

START_TEST(test_json)
{
	struct trace t;
	struct memout m;
	struct print_ctx pc;
	char *s;

	trace_init(&t, 1, 3, 3, 16, 5000000, AF_INET);
	set(&t, 0, AF_INET, "192.0.2.1", 1500, "", "r1.example");
	set(&t, 2, AF_INET, "192.0.2.2", 20, "!X", NULL);
	s = hop_text(&t, 0, AF_INET, false, true);
	ck_assert_str_eq(s, "{\"type\":\"hop\",\"hop\":1,\"probes\":[{\"address\":\"192.0.2.1\","
	    "\"hostname\":\"r1.example\",\"rtt_ms\":1.500},{},{\"address\":\"192.0.2.2\",\"rtt_ms\":0.020,"
	    "\"annotation\":\"!X\"}]}\n");
	free(s);
	/* -n: no names */
	s = hop_text(&t, 0, AF_INET, true, true);
	ck_assert_ptr_null(strstr(s, "name"));
	free(s);
	t.next_hop = 1;
	t.reached = false;
	memout_open(&m);
	pc = (struct print_ctx){ m.f, AF_INET, true, true };
	print_final(&pc, "host\"x", "192.0.2.9", &t);
	pc.json = false;
	print_final(&pc, "h", "192.0.2.9", &t);
	s = memout_close(&m);
	ck_assert_str_eq(s, "{\"type\":\"summary\",\"host\":\"host\\\"x\",\"address\":\"192.0.2.9\","
	    "\"reached\":false,\"hops\":1}\n");
	free(s);
	trace_free(&t);

	/* interrupted before any hop was printed (-f 5): no "hops" key, not 4 */
	trace_init(&t, 5, 9, 1, 16, 1000, AF_INET);
	memout_open(&m);
	pc = (struct print_ctx){ m.f, AF_INET, true, true };
	print_final(&pc, "h", "192.0.2.9", &t);
	s = memout_close(&m);
	ck_assert_str_eq(s, "{\"type\":\"summary\",\"host\":\"h\",\"address\":\"192.0.2.9\","
	    "\"reached\":false}\n");
	free(s);
	trace_free(&t);
}
END_TEST

START_TEST(test_headers)
{
	struct memout m;
	char *s;

	memout_open(&m);
	print_header(m.f, AF_INET, "google.com", "216.58.194.206", NULL, 64, 40);
	print_header(m.f, AF_INET6, "h6", "2001:db8::1", "2001:db8::10", 30, 12);
	print_header(m.f, AF_INET, "bad\nname", "192.0.2.1", "ignored", 64, 40);
	s = memout_close(&m);
	ck_assert_str_eq(s,
	    "traceroute to google.com (216.58.194.206), 64 hops max, 40 byte packets\n"
	    "traceroute6 to h6 (2001:db8::1) from 2001:db8::10, 30 hops max, 12 byte packets\n"
	    "traceroute to bad\\012name (192.0.2.1), 64 hops max, 40 byte packets\n");
	free(s);
}
END_TEST

Suite *
suite_trace_print(void)
{
	Suite *s = suite_create("trace_print");
	TCase *tc = tcase_create("trace_print");

	tcase_add_test(tc, test_v4_lines);
	tcase_add_test(tc, test_v6_lines);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_headers);
	suite_add_tcase(s, tc);
	return s;
}
