/* SPDX-License-Identifier: BSD-2-Clause */
/* test_options.c - esa-etherconfig's command line: the views' table, operands, refusals. */
#include <stdarg.h>
#include <sys/socket.h>

#include <linux/ethtool.h>

#include "../check_esa.h"
#include "suites.h"
#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "esa.h"
#include "front.h"

/* Parses "esa-etherconfig ARGS..." (NULL-ended) into O; MSG holds the message. */
static int
run(struct opts *o, char *msg, ...)
{
	char *argv[16];
	int argc;
	va_list ap;

	va_start(ap, msg);
	argc = argv_build(argv, 16, "esa-etherconfig", ap);
	va_end(ap);
	msg[0] = '\0';
	return ec_opts_parse(argc, argv, o, msg, 1024);
}

START_TEST(test_views)
{
	struct opts o;
	char msg[1024];

	ck_assert_int_eq(run(&o, msg, "media", NULL), FRONT_RUN);
	ck_assert_int_eq(o.view, VIEW_MEDIA);
	ck_assert_int_eq(o.action, ACT_LIST);
	ck_assert_int_eq(run(&o, msg, "media", "Data 1", "1000", "half", NULL), FRONT_RUN);
	ck_assert_int_eq(o.action, ACT_MEDIA_FIXED);
	ck_assert_str_eq(o.iface, "Data 1");
	ck_assert_uint_eq(o.speed, 1000);
	ck_assert_int_eq(o.duplex, DUPLEX_HALF);
	ck_assert_int_eq(run(&o, msg, "vlan", "add", "eth0", "4094", "v", NULL), FRONT_RUN);
	ck_assert_int_eq(o.action, ACT_VLAN_ADD);
	ck_assert_uint_eq(o.vid, 4094);
	ck_assert_str_eq(o.vlan_name, "v");
	ck_assert_int_eq(run(&o, msg, "loopback", "enable", "192.0.2.1", NULL), FRONT_RUN);
	ck_assert_int_eq(o.action, ACT_LOOPBACK_ENABLE);
	ck_assert_int_eq(o.addr.family, AF_INET);
	ck_assert_int_eq(run(&o, msg, "loopback", "disable", NULL), FRONT_RUN);
	ck_assert_int_eq(o.action, ACT_LOOPBACK_DISABLE);
	/* 10 Mb/s (10BASE-T), the first speed of the list, and 11, none */
	ck_assert_int_eq(run(&o, msg, "media", "eth0", "10", "full", NULL), FRONT_RUN);
	ck_assert_uint_eq(o.speed, 10);
	ck_assert_int_eq(run(&o, msg, "media", "eth0", "11", "full", NULL), FRONT_BAD_VALUE);
	/* -j and -f go anywhere after the view; -f with an MTU to set */
	ck_assert_int_eq(run(&o, msg, "mtu", "eth0", "-f", "1280", NULL), FRONT_RUN);
	ck_assert_int_eq(o.action, ACT_MTU_SET);
	ck_assert(o.force);
	ck_assert_uint_eq(o.mtu, 1280);
	ck_assert_int_eq(run(&o, msg, "-j", "multicast", NULL), FRONT_RUN);
	ck_assert_int_eq(o.view, VIEW_MULTICAST);
	ck_assert(o.json);
	ck_assert_int_eq(run(&o, msg, "multicast", "reject", NULL), FRONT_RUN);
	ck_assert_int_eq(o.action, ACT_MULTICAST_REJECT);
	ck_assert_int_eq(run(&o, msg, "-h", NULL), FRONT_HELP);
	ck_assert_int_eq(run(&o, msg, "vlan", "list", "--help", NULL), FRONT_HELP);
	ck_assert_int_eq(run(&o, msg, "--version", "mtu", NULL), FRONT_VERSION);
	/* the table: each view's entry runs that view */
	ck_assert_ptr_eq(ec_command(VIEW_MTU)->run, mtu_run);
	ck_assert_ptr_eq(ec_command(VIEW_VLAN)->run, vlan_run);
	ck_assert_ptr_eq(ec_command(VIEW_MEDIA)->run, media_run);
	ck_assert_ptr_eq(ec_command(VIEW_MULTICAST)->run, multicast_run);
}
END_TEST

START_TEST(test_errors)
{
	static const struct {
		int st;
		const char *a[5];
		const char *msg;
	} t[] = {
		{ FRONT_ERROR, { NULL }, "a view is needed: media, vlan, loopback, mtu or multicast" },
		{ FRONT_ERROR, { "-j", NULL }, "a view is needed: media, vlan, loopback, mtu or multicast" },
		{ FRONT_ERROR, { "bogus\033" }, "unknown view: bogus\\033" },
		{ FRONT_ERROR, { "--bo\033gus", "mtu" }, "--bo\\033gus: unknown option" },
		{ FRONT_ERROR, { "-j", "media", "eth0", "auto" }, "-j: only for listings" },
		{ FRONT_ERROR, { "-f", "mtu" }, "-f: only for mtu IFACE MTU" },
		{ FRONT_ERROR, { "media", "a", "100", "half", "x" }, "too many operands: x" },
		{ FRONT_ERROR, { "media", "a", "100" }, "media: give IFACE auto, or IFACE SPEED half|full" },
		{ FRONT_BAD_VALUE, { "media", "a", "1x", "full" }, "speed: not a number: 1x" },
		{ FRONT_BAD_VALUE, { "media", "a", "100", "quarter" }, "duplex: not half or full: quarter" },
		{ FRONT_ERROR, { "vlan", "add", "a" }, "vlan add: give IFACE VID [NAME]" },
		{ FRONT_BAD_VALUE, { "vlan", "add", "a", "4095" }, "VLAN ID: too large (at most 4094): 4095" },
		{ FRONT_ERROR, { "vlan", "delete" }, "vlan delete: give IFACE.VID or NAME" },
		{ FRONT_ERROR, { "vlan", "frob\n" }, "vlan: unknown action: frob\\012" },
		{ FRONT_ERROR, { "loopback", "disable", "x" }, "too many operands: x" },
		{ FRONT_BAD_VALUE, { "loopback", "enable", "fe80::1%lo" }, "address: takes no scope: fe80::1%lo" },
		{ FRONT_BAD_VALUE, { "mtu", "a", "-5" }, "MTU: not a number: -5" },
		{ FRONT_ERROR, { "mtu", "a", "1", "2" }, "too many operands: 2" },
		{ FRONT_ERROR, { "multicast", "accept", "x" }, "too many operands: x" },
		{ FRONT_ERROR, { "multicast", "frob" }, "multicast: unknown action: frob" },
	};
	struct opts o;
	char msg[1024];

	for (size_t i = 0; i < ESA_NELEM(t); i++) {
		ck_assert_int_eq(run(&o, msg, t[i].a[0], t[i].a[1], t[i].a[2], t[i].a[3], t[i].a[4],
		    NULL), t[i].st);
		ck_assert_str_eq(msg, t[i].msg);
	}
}
END_TEST

/* The synopsis, built from the table, is the one the man page shows. */
START_TEST(test_usage)
{
	struct memout m;

	memout_open(&m);
	ec_opts_usage(m.f);
	ck_assert_str_eq(memout_close(&m),
	    "usage: esa-etherconfig media [-j] [IFACE [auto | SPEED half|full]]\n"
	    "       esa-etherconfig vlan [-j] [list | add IFACE VID [NAME] | delete IFACE.VID|NAME]\n"
	    "       esa-etherconfig loopback [-j] [show | enable ADDR | disable]\n"
	    "       esa-etherconfig mtu [-j] [IFACE [MTU [-f]]]\n"
	    "       esa-etherconfig multicast [-j] [show | accept | reject]\n");
	free(m.buf);
}
END_TEST

Suite *
suite_ec_options(void)
{
	Suite *s = suite_create("ec_options");
	TCase *tc = tcase_create("ec_options");

	tcase_add_test(tc, test_views);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_usage);
	suite_add_tcase(s, tc);
	return s;
}
