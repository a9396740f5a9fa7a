/* SPDX-License-Identifier: BSD-2-Clause */
/* test_opts.c - esa-traceroute's command line: bounds, operands, quoting, the link name. */
#include <sys/socket.h>

#include "../../../bin/esa-traceroute/trace.h"
#include "esa.h"
#include "front.h"
#include "../check_esa.h"
#include "suites.h"

static char err[256];

/* Parses the NULL-terminated words (argv[0] first). */
static int
parse(struct opts *o, const char *const *words)
{
	char *argv[32];
	int argc = 0;

	while (words[argc] != NULL) {
		argv[argc] = (char *)words[argc];
		argc++;
	}
	argv[argc] = NULL;
	err[0] = '\0';
	return opts_parse(argc, argv, o, err, sizeof(err));
}

#define P(o, ...) parse(o, (const char *const[]){ __VA_ARGS__, NULL })

START_TEST(test_defaults)
{
	struct opts o;

	ck_assert_int_eq(P(&o, "esa-traceroute", "192.0.2.1"), FRONT_RUN);
	ck_assert_int_eq(o.family, AF_UNSPEC);
	ck_assert_uint_eq(o.first_ttl, 1);
	ck_assert_uint_eq(o.max_ttl, 64);
	ck_assert_uint_eq(o.nqueries, 3);
	ck_assert_uint_eq(o.wait_ms, 5000);
	ck_assert_uint_eq(o.port, 33434);
	ck_assert_uint_eq(o.parallel, 16);
	ck_assert_int_eq(o.method, TRACE_UDP);
	ck_assert_int_eq(o.packetlen, -1);
	ck_assert_str_eq(o.host, "192.0.2.1");
	ck_assert_int_eq(opts_default_len(&o, AF_INET), 40);
	ck_assert_int_eq(opts_default_len(&o, AF_INET6), 12);
	o.method = TRACE_ICMP;
	ck_assert_int_eq(opts_default_len(&o, AF_INET6), 16);
	/* the link's name means IPv6 */
	ck_assert_int_eq(P(&o, "/usr/bin/esa-traceroute6", "h"), FRONT_RUN);
	ck_assert_int_eq(o.family, AF_INET6);
	ck_assert_int_eq(P(&o, "esa-traceroute6", "-4", "h"), FRONT_ERROR);
	ck_assert_str_eq(err, "-4 and -6 cannot be combined");
}
END_TEST

START_TEST(test_bounds)
{
	static const struct { const char *opt, *val, *msg; } bad[] = {
		{ "-q", "0", "-q: too small (at least 1): 0" },
		{ "-q", "11", "-q: too large (at most 10): 11" },
		{ "-m", "0", "-m: too small (at least 1): 0" },
		{ "-m", "256", "-m: too large (at most 255): 256" },
		{ "-f", "0", "-f: too small (at least 1): 0" },
		{ "-p", "0", "-p: too small (at least 1): 0" },
		{ "-N", "0", "-N: too small (at least 1): 0" },
		{ "-N", "256", "-N: too large (at most 255): 256" },
		{ "-q", "3x", "-q: not a number: 3x" },
		{ "-q", "-1", "-q: too small (at least 1): -1" },
		{ "-w", "0", NULL },
		{ "-w", "nan", NULL },
	};
	struct opts o;

	for (size_t i = 0; i < ESA_NELEM(bad); i++) {
		ck_assert_int_eq(P(&o, "esa-traceroute", bad[i].opt, bad[i].val, "h"), FRONT_ERROR);
		if (bad[i].msg != NULL)
			ck_assert_str_eq(err, bad[i].msg);
		else
			ck_assert(strncmp(err, bad[i].opt, 2) == 0);
	}
	/* the edges that are allowed */
	ck_assert_int_eq(P(&o, "t", "-q", "10", "-m", "255", "-f", "255", "-N", "255", "-p",
	    "63000", "h"), FRONT_RUN);
	ck_assert_int_eq(P(&o, "t", "-w", "0.5", "h"), FRONT_RUN);
	ck_assert_uint_eq(o.wait_ms, 500);
	ck_assert_int_eq(P(&o, "t", "-w", "250ms", "h"), FRONT_RUN);
	ck_assert_uint_eq(o.wait_ms, 250);
	ck_assert_int_eq(P(&o, "t", "-w", "86400", "h"), FRONT_RUN);
	ck_assert_int_eq(P(&o, "t", "-w", "86401", "h"), FRONT_ERROR);
}
END_TEST

START_TEST(test_cross_checks)
{
	struct opts o;

	ck_assert_int_eq(P(&o, "t", "-f", "5", "-m", "4", "h"), FRONT_ERROR);
	ck_assert_str_eq(err, "-f: first ttl (5) may not be greater than max ttl (4)");
	/* 64 hops of 3 probes from 65343: the last port is 65534 */
	ck_assert_int_eq(P(&o, "t", "-p", "65343", "h"), FRONT_RUN);
	ck_assert_int_eq(P(&o, "t", "-p", "65344", "h"), FRONT_RUN);
	ck_assert_int_eq(P(&o, "t", "-p", "65345", "h"), FRONT_ERROR);
	ck_assert_str_eq(err, "-p: ports 65345 to 65536 do not fit below 65536");
	/* ICMP probes use no port */
	ck_assert_int_eq(P(&o, "t", "-I", "-p", "65535", "h"), FRONT_RUN);
	ck_assert_int_eq(P(&o, "t", "-p", "65535", "-m", "1", "-q", "1", "h"), FRONT_RUN);
}
END_TEST

START_TEST(test_operands)
{
	struct opts o;

	ck_assert_int_eq(P(&o, "t"), FRONT_ERROR);
	ck_assert_str_eq(err, "a host is needed");
	ck_assert_int_eq(P(&o, "t", ""), FRONT_ERROR);
	ck_assert_str_eq(err, "empty host");
	ck_assert_int_eq(P(&o, "t", "h", "100"), FRONT_RUN);
	ck_assert_int_eq(o.packetlen, 100);
	ck_assert_int_eq(P(&o, "t", "h", "32768"), FRONT_RUN);
	ck_assert_int_eq(P(&o, "t", "h", "32769"), FRONT_ERROR);
	ck_assert_str_eq(err, "packetlen: too large (at most 32768): 32769");
	ck_assert_int_eq(P(&o, "t", "-4", "h", "27"), FRONT_ERROR);
	ck_assert_int_eq(P(&o, "t", "-4", "h", "28"), FRONT_RUN);
	ck_assert_int_eq(P(&o, "t", "-6", "h", "0"), FRONT_RUN);
	ck_assert_int_eq(P(&o, "t", "-6", "-I", "h", "7"), FRONT_ERROR);
	ck_assert_int_eq(P(&o, "t", "h", "40", "x"), FRONT_ERROR);
	ck_assert_str_eq(err, "too many operands: x");
	/* strings with shell metacharacters are only ever data */
	ck_assert_int_eq(P(&o, "t", "-s", "1; $(reboot)", "-i", "a b", "h"), FRONT_RUN);
	ck_assert_str_eq(o.src, "1; $(reboot)");
	ck_assert_str_eq(o.ifname, "a b");
}
END_TEST

/* a value repeated in a message is escaped there: one line, no byte that moves the cursor */
START_TEST(test_quoted)
{
	struct opts o;

	ck_assert_int_eq(P(&o, "t", "-q", "1\n\033[2J", "h"), FRONT_ERROR);
	ck_assert_str_eq(err, "-q: not a number: 1\\012\\033[2J");
	ck_assert_int_eq(P(&o, "t", "-w", "\a", "h"), FRONT_ERROR);
	ck_assert_str_eq(err, "-w: not a number: \\007");
	ck_assert_int_eq(P(&o, "t", "h", "4\n0"), FRONT_ERROR);
	ck_assert_str_eq(err, "packetlen: not a number: 4\\0120");
	ck_assert_int_eq(P(&o, "t", "h", "40", "\xe2\x80\xaex"), FRONT_ERROR);
	ck_assert_str_eq(err, "too many operands: \\342\\200\\256x");
}
END_TEST

START_TEST(test_letters)
{
	struct opts o;

	ck_assert_int_eq(P(&o, "t", "-46", "h"), FRONT_ERROR);
	ck_assert_int_eq(P(&o, "t", "-nIvj", "--ipv6", "h"), FRONT_RUN);
	ck_assert(o.numeric && o.verbose && o.json);
	ck_assert_int_eq(o.method, TRACE_ICMP);
	ck_assert_int_eq(o.family, AF_INET6);
	ck_assert_int_eq(P(&o, "t", "--json", "--numeric", "--interface", "eth0", "h"), FRONT_RUN);
	ck_assert_str_eq(o.ifname, "eth0");
	ck_assert_int_eq(P(&o, "t", "-x", "h"), FRONT_ERROR);
	ck_assert_str_eq(err, "-x: unknown option");
	ck_assert_int_eq(P(&o, "t", "h", "-q"), FRONT_ERROR);
	ck_assert_str_eq(err, "-q: needs an argument");
	ck_assert_int_eq(P(&o, "t", "--help"), FRONT_HELP);
	ck_assert_int_eq(P(&o, "t", "-V"), FRONT_VERSION);
}
END_TEST

Suite *
suite_opts(void)
{
	Suite *s = suite_create("opts");
	TCase *tc = tcase_create("opts");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_bounds);
	tcase_add_test(tc, test_cross_checks);
	tcase_add_test(tc, test_operands);
	tcase_add_test(tc, test_quoted);
	tcase_add_test(tc, test_letters);
	suite_add_tcase(s, tc);
	return s;
}
