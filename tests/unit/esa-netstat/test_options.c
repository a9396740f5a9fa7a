/* SPDX-License-Identifier: BSD-2-Clause */
/* test_options.c - esa-netstat's command line: views, values, combinations, -h and -V. */
#include <stdarg.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-netstat/netstat.h"
#include "esa.h"
#include "front.h"

/* Parses "esa-netstat ARGS..." (NULL-ended) into O; WHY holds the message. */
static int
run(struct nopts *o, char *why, ...)
{
	char *argv[16];
	int argc;
	va_list ap;

	va_start(ap, why);
	argc = argv_build(argv, 16, "esa-netstat", ap);
	va_end(ap);
	why[0] = '\0';
	return netstat_opts_parse(argc, argv, o, why, 256);
}

START_TEST(test_views)
{
	struct nopts o;
	char why[256];

	ck_assert_int_eq(run(&o, why, NULL), FRONT_RUN);
	ck_assert_int_eq(o.view, VIEW_SOCKETS);
	ck_assert_int_eq(o.family, AF_UNSPEC);
	ck_assert_int_eq(run(&o, why, "-an", "-p", "udp", "--services", "-6", NULL), FRONT_RUN);
	ck_assert(o.all && o.numeric && o.services);
	ck_assert_int_eq(o.protocol, IPPROTO_UDP);
	ck_assert_int_eq(o.family, AF_INET6);
	ck_assert_int_eq(run(&o, why, "-i", "-d", "-I", "Data 1", NULL), FRONT_RUN);
	ck_assert_int_eq(o.view, VIEW_IFACES);
	ck_assert(o.drops);
	ck_assert_str_eq(o.ifname, "Data 1");
	ck_assert_int_eq(run(&o, why, "-r", "-r", "-4", NULL), FRONT_RUN);
	ck_assert_int_eq(o.view, VIEW_ROUTES);
	ck_assert_int_eq(o.family, AF_INET);
	ck_assert_int_eq(run(&o, why, "-w", "2", "-c", "3", NULL), FRONT_RUN);
	ck_assert_int_eq(o.view, VIEW_TRAFFIC);
	ck_assert_uint_eq(o.interval_ms, 2000);
	ck_assert_uint_eq(o.count, 3);
	ck_assert_int_eq(run(&o, why, "--listen", NULL), FRONT_RUN);
	ck_assert_int_eq(o.view, VIEW_LISTEN);
	ck_assert_int_eq(run(&o, why, "-h", NULL), FRONT_HELP);
	ck_assert_int_eq(run(&o, why, "--version", NULL), FRONT_VERSION);
}
END_TEST

START_TEST(test_errors)
{
	static const struct {
		const char *a[4];
		const char *why;
	} t[] = {
		{ { "-i", "-r" }, "-i, -r, -L and -w are different views: choose one" },
		{ { "-w", "0" }, "-w: too small (at least 1): 0" },
		{ { "-w", "86401" }, "-w: too large (at most 86400): 86401" },
		{ { "-w", "1", "-c", "x" }, "-c: not a number: x" },
		{ { "-p", "icmp" }, "-p: not tcp or udp: icmp" },
		{ { "-4", "-6" }, "-4 and -6 cannot be combined" },
		{ { "-r", "-a" }, "-a, -p and --services go with the socket list only" },
		{ { "-r", "-d" }, "-d goes with -i or -w only" },
		{ { "-L", "-I", "lo" }, "-I goes with -i or -w only" },
		{ { "-c", "2" }, "-c goes with -w only" },
		{ { "-i", "-6" }, "-4 and -6 do not go with -i or -w" },
		{ { "-w" }, "-w: needs an argument" },
		{ { "-Z" }, "-Z: unknown option" },
		{ { "-n", "x\033y" }, "too many operands: x\\033y" },
	};
	struct nopts o;
	char why[256];

	for (size_t i = 0; i < ESA_NELEM(t); i++) {
		ck_assert_int_eq(run(&o, why, t[i].a[0], t[i].a[1], t[i].a[2], t[i].a[3], NULL),
		    FRONT_ERROR);
		ck_assert_str_eq(why, t[i].why);
	}
}
END_TEST

Suite *
suite_netstat_options(void)
{
	Suite *s = suite_create("netstat_options");
	TCase *tc = tcase_create("netstat_options");

	tcase_add_test(tc, test_views);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);
	return s;
}
