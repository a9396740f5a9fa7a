/* SPDX-License-Identifier: BSD-2-Clause */
/* test_options.c - esa-arpshow's command line: flags, the flushes, operands, -h and -V. */
#include <stdarg.h>
#include <sys/socket.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-arpshow/arpshow.h"
#include "esa.h"
#include "front.h"

/* Parses "ARGV0 ARGS..." (NULL-ended) into O; WHY holds the message. */
static int
run(const char *argv0, struct opts *o, char *why, ...)
{
	char *argv[16];
	int argc;
	va_list ap;

	va_start(ap, why);
	argc = argv_build(argv, 16, argv0, ap);
	va_end(ap);
	why[0] = '\0';
	return arp_opts_parse(argc, argv, o, why, 256);
}

START_TEST(test_flags)
{
	struct opts o;
	char why[256];

	ck_assert_int_eq(run("esa-arpshow", &o, why, NULL), FRONT_RUN);
	ck_assert_int_eq(o.family, AF_UNSPEC);
	ck_assert(!o.numeric && !o.json && !o.flush && o.host == NULL && o.ifname == NULL);
	ck_assert_int_eq(run("esa-arpshow", &o, why, "-an", "-4", "-j", "-i", "Data 1",
	    "192.0.2.1", NULL), FRONT_RUN);
	ck_assert(o.numeric && o.json);
	ck_assert_int_eq(o.family, AF_INET);
	ck_assert_str_eq(o.ifname, "Data 1");
	ck_assert_str_eq(o.host, "192.0.2.1");
	/* the link's name: IPv6 unless -4 is given, which it refuses */
	ck_assert_int_eq(run("/usr/bin/esa-ndpshow", &o, why, NULL), FRONT_RUN);
	ck_assert_int_eq(o.family, AF_INET6);
	ck_assert_int_eq(run("esa-arpshow", &o, why, "--flush", "-6", NULL), FRONT_RUN);
	ck_assert(o.flush && !o.flush_all);
	ck_assert_int_eq(o.family, AF_INET6);
	/* --flush-all: both families, whichever name */
	ck_assert_int_eq(run("esa-ndpshow", &o, why, "--flush-all", NULL), FRONT_RUN);
	ck_assert(o.flush && o.flush_all);
	ck_assert_int_eq(o.family, AF_UNSPEC);
	ck_assert_int_eq(run("esa-arpshow", &o, why, "-h", NULL), FRONT_HELP);
	/* a scan that ended inside "-hj" leaves nothing of it to the next one */
	ck_assert_int_eq(run("esa-arpshow", &o, why, "-hj", NULL), FRONT_HELP);
	ck_assert_int_eq(run("esa-arpshow", &o, why, "-n", NULL), FRONT_RUN);
	ck_assert(o.numeric && !o.json);
	ck_assert_int_eq(run("esa-arpshow", &o, why, "--version", NULL), FRONT_VERSION);
}
END_TEST

START_TEST(test_errors)
{
	static const struct {
		const char *argv0;
		const char *a[3];
		const char *why;
	} t[] = {
		{ "esa-arpshow", { "--flush", "--flush-all" },
		  "--flush and --flush-all cannot be combined" },
		{ "esa-arpshow", { "--flush-all", "-6" },
		  "--flush-all flushes both families: -4 and -6 do not apply" },
		{ "esa-arpshow", { "--flush-all", "-i", "lo" },
		  "--flush-all flushes every interface: -i does not apply" },
		{ "esa-arpshow", { "--flush-all", "-j" }, "--flush-all cannot be combined with -j" },
		{ "esa-ndpshow", { "-4" },
		  "-4: esa-ndpshow lists the IPv6 table only (use esa-arpshow -4)" },
		{ "esa-arpshow", { "-4", "-6" }, "-4 and -6 cannot be combined" },
		{ "esa-arpshow", { "a", "b\033" }, "too many operands: b\\033" },
		{ "esa-arpshow", { "" }, "the host is empty" },
		{ "esa-arpshow", { "--flush", "-j" }, "--flush cannot be combined with -j" },
		{ "esa-arpshow", { "--flush-all", "192.0.2.1" },
		  "--flush-all takes no host: 192.0.2.1" },
		{ "esa-arpshow", { "--flush", "x\n" }, "--flush takes no host: x\\012" },
		{ "esa-arpshow", { "-i" }, "-i: needs an argument" },
		{ "esa-arpshow", { "--bogus" }, "--bogus: unknown option" },
	};
	struct opts o;
	char why[256];

	for (size_t i = 0; i < ESA_NELEM(t); i++) {
		ck_assert_int_eq(run(t[i].argv0, &o, why, t[i].a[0], t[i].a[1], t[i].a[2], NULL),
		    FRONT_ERROR);
		ck_assert_str_eq(why, t[i].why);
	}
}
END_TEST

Suite *
suite_arp_options(void)
{
	Suite *s = suite_create("arp_options");
	TCase *tc = tcase_create("arp_options");

	tcase_add_test(tc, test_flags);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);
	return s;
}
