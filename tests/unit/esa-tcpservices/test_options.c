/* SPDX-License-Identifier: BSD-2-Clause */
/* test_options.c - esa-tcpservices' command line: flags, conflicts, operands, -h and -V. */
#include <stdarg.h>
#include <sys/socket.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-tcpservices/tcpservices.h"
#include "esa.h"
#include "front.h"

/* Parses "esa-tcpservices ARGS..." (NULL-ended) into O; WHY holds the message. */
static int
run(struct topts *o, char *why, ...)
{
	char *argv[16];
	int argc;
	va_list ap;

	va_start(ap, why);
	argc = argv_build(argv, 16, "esa-tcpservices", ap);
	va_end(ap);
	why[0] = '\0';
	return tcps_opts_parse(argc, argv, o, why, 256);
}

START_TEST(test_flags)
{
	struct topts o;
	char why[256];

	ck_assert_int_eq(run(&o, why, NULL), FRONT_RUN);
	ck_assert_int_eq(o.family, AF_UNSPEC);
	ck_assert(!o.names && !o.udp && !o.json);
	ck_assert_int_eq(run(&o, why, "-N", "-u", "-j", "-6", NULL), FRONT_RUN);
	ck_assert(o.names && o.udp && o.json);
	ck_assert_int_eq(o.family, AF_INET6);
	/* the last of -N and -n wins: numeric is the default, -n stays for habit */
	ck_assert_int_eq(run(&o, why, "-N", "-n", NULL), FRONT_RUN);
	ck_assert(!o.names);
	ck_assert_int_eq(run(&o, why, "--ipv4", "--names", NULL), FRONT_RUN);
	ck_assert_int_eq(o.family, AF_INET);
	ck_assert(o.names);
	/* a second parse starts afresh */
	ck_assert_int_eq(run(&o, why, NULL), FRONT_RUN);
	ck_assert(!o.names && o.family == AF_UNSPEC);
}
END_TEST

START_TEST(test_help_version)
{
	struct topts o;
	char why[256];

	ck_assert_int_eq(run(&o, why, "-h", NULL), FRONT_HELP);
	ck_assert_int_eq(run(&o, why, "-n", "--help", "-Z", NULL), FRONT_HELP);
	ck_assert_int_eq(run(&o, why, "-V", NULL), FRONT_VERSION);
	ck_assert_int_eq(run(&o, why, "--version", NULL), FRONT_VERSION);
}
END_TEST

START_TEST(test_errors)
{
	struct topts o;
	char why[256];

	ck_assert_int_eq(run(&o, why, "-4", "-6", NULL), FRONT_ERROR);
	ck_assert_str_eq(why, "-4 and -6 cannot be combined");
	ck_assert_int_eq(run(&o, why, "-Z", NULL), FRONT_ERROR);
	ck_assert_str_eq(why, "-Z: unknown option");
	ck_assert_int_eq(run(&o, why, "--nope", NULL), FRONT_ERROR);
	ck_assert_str_eq(why, "--nope: unknown option");
	/* an operand is echoed escaped: no byte of it reaches the terminal raw */
	ck_assert_int_eq(run(&o, why, "-n", "x\033[31m\n", NULL), FRONT_ERROR);
	ck_assert_str_eq(why, "too many operands: x\\033[31m\\012");
}
END_TEST

Suite *
suite_tcps_options(void)
{
	Suite *s = suite_create("tcps_options");
	TCase *tc = tcase_create("tcps_options");

	tcase_add_test(tc, test_flags);
	tcase_add_test(tc, test_help_version);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);
	return s;
}
