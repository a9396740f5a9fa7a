/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_options.c - esa-pcap's command line and its table of commands: each option and
 * command accepted and refused as esa-pcap(8) says, and the usage the table prints.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../../bin/esa-pcap/epcap.h"
#include "../check_esa.h"
#include "suites.h"
#include "esa.h"
#include "front.h"

/* a settings file that does not exist: the defaults (esa-pcap(8), SETTINGS FILE) */
#define NO_CONF "/nonexistent-esa-pcap-test/esa-pcap.conf"

static char msg[4096];

/* Parses "esa-pcap ARGS..." (NULL-ended) into O; the message is in msg. */
static int
run(struct opts *o, ...)
{
	static char *argv[32];	/* o->args point into it */
	int argc;
	va_list ap;

	va_start(ap, o);
	argc = argv_build(argv, 32, "esa-pcap", ap);
	va_end(ap);
	msg[0] = '\0';
	return epcap_opts_parse(argc, argv, o, msg, sizeof(msg));
}

static void
no_env(void)
{
	unsetenv("ESA_PCAP_DIR");
	unsetenv("ESA_PCAP_CONF");
}

START_TEST(test_globals)
{
	struct opts o;

	no_env();
	/* the defaults of -D and -C (FILES), then the environment, then the options */
	ck_assert_int_eq(run(&o, "list", NULL), FRONT_RUN);
	ck_assert_str_eq(o.dir, "/var/lib/esa-pcap");
	ck_assert_str_eq(o.conf, "/etc/esa-tools/esa-pcap.conf");
	ck_assert_str_eq(o.cmd->name, "list");
	setenv("ESA_PCAP_DIR", "/srv/caps", 1);
	setenv("ESA_PCAP_CONF", "/srv/caps.conf", 1);
	ck_assert_int_eq(run(&o, "stop", NULL), FRONT_RUN);
	ck_assert_str_eq(o.dir, "/srv/caps");
	ck_assert_str_eq(o.conf, "/srv/caps.conf");
	ck_assert_int_eq(run(&o, "-D", "/a", "--config=" NO_CONF, "status", NULL), FRONT_RUN);
	ck_assert_str_eq(o.dir, "/a");
	ck_assert_str_eq(o.conf, NO_CONF);
	ck_assert_int_eq(run(&o, "--directory", "/b", "clear", NULL), FRONT_RUN);
	ck_assert_str_eq(o.dir, "/b");
	/* an empty environment variable is no setting */
	setenv("ESA_PCAP_DIR", "", 1);
	ck_assert_int_eq(run(&o, "stop", NULL), FRONT_RUN);
	ck_assert_str_eq(o.dir, "/var/lib/esa-pcap");
	no_env();
	ck_assert_int_eq(run(&o, "-h", NULL), FRONT_HELP);
	ck_assert_int_eq(run(&o, "--help", "bogus", NULL), FRONT_HELP);
	ck_assert_int_eq(run(&o, "-V", NULL), FRONT_VERSION);
	ck_assert_int_eq(run(&o, "--version", NULL), FRONT_VERSION);
}
END_TEST

START_TEST(test_capture_options)
{
	struct opts o;

	no_env();
	ck_assert_int_eq(run(&o, "-C", NO_CONF, "start", "-i", "eth0,eth1", "-f", "tcp port 25",
	    "-H", "192.0.2.1", "-H", "2001:db8::/32", "-p", "25", "-p", "587", "-s", "1M",
	    "-t", "1h", "-r", "3", "-S", "64", "-B", "2048", "-Z", "nobody", NULL), FRONT_RUN);
	ck_assert_str_eq(o.set.iface, "eth0,eth1");
	ck_assert_str_eq(o.set.filter, "tcp port 25");
	/* -H and -p repeat: OR'ed lists */
	ck_assert_str_eq(o.set.hosts, "192.0.2.1,2001:db8::/32");
	ck_assert_str_eq(o.set.ports, "25,587");
	/* powers of 1024; -B counts KiB as tcpdump's */
	ck_assert_uint_eq(o.set.maxsize, 1048576);
	ck_assert_uint_eq(o.set.duration_ms, 3600000);
	ck_assert_uint_eq(o.set.ring, 3);
	ck_assert_uint_eq(o.set.snaplen, 64);
	ck_assert_uint_eq(o.set.bufsize, 2u << 20);
	ck_assert_str_eq(o.set.user, "nobody");
	ck_assert_int_eq(o.nargs, 0);
	/* long forms, and the bounds the manual gives */
	ck_assert_int_eq(run(&o, "-C", NO_CONF, "run", "--interface=any", "--max-size", "1k",
	    "--duration", "30s", "--ring", "999", "--snaplen", "262144", "--buffer-size", "64M",
	    "--host", "198.51.100.0/24", "--port", "65535", "--user", "root", "--filter", "ip",
	    NULL), FRONT_RUN);
	ck_assert_str_eq(o.set.iface, "any");
	ck_assert_uint_eq(o.set.maxsize, 1024);
	ck_assert_uint_eq(o.set.duration_ms, 30000);
	ck_assert_uint_eq(o.set.ring, 999);
	ck_assert_uint_eq(o.set.snaplen, 262144);
	ck_assert_uint_eq(o.set.bufsize, 64u << 20);
	ck_assert_int_eq(run(&o, "-C", NO_CONF, "setup", "-B", "1024", NULL), FRONT_RUN);
	ck_assert_uint_eq(o.set.bufsize, 1u << 20);
	ck_assert_int_eq(run(&o, "-C", NO_CONF, "setup", "-B", "1G", NULL), FRONT_RUN);
	ck_assert_uint_eq(o.set.bufsize, 1u << 30);
	ck_assert_int_eq(run(&o, "-C", NO_CONF, "start", "-r", "2", "-p", "1", NULL), FRONT_RUN);
	ck_assert_uint_eq(o.set.ring, 2);
	/* nothing given: the defaults (200M, no limit, no ring, 262144, 64 MiB) */
	ck_assert_int_eq(run(&o, "-C", NO_CONF, "start", NULL), FRONT_RUN);
	ck_assert_str_eq(o.set.iface, "any");
	ck_assert_uint_eq(o.set.maxsize, 200u << 20);
	ck_assert_uint_eq(o.set.duration_ms, 0);
	ck_assert_uint_eq(o.set.ring, 0);
	ck_assert_uint_eq(o.set.snaplen, 262144);
	ck_assert_uint_eq(o.set.bufsize, 64u << 20);
	ck_assert_int_eq(run(&o, "-C", NO_CONF, "run", "-h", NULL), FRONT_HELP);
	ck_assert_int_eq(run(&o, "-C", NO_CONF, "status", "--help", NULL), FRONT_HELP);
}
END_TEST

/* The saved settings are read first; an option overrides its key for one capture. */
START_TEST(test_saved_settings)
{
	char path[] = "/tmp/esa-pcap-opts-XXXXXX";
	const char *text = "interface = b0\nhosts = 192.0.2.9\nports = 7\nmax_size = 1M\n";
	struct opts o;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	ck_assert_int_eq(run(&o, "-C", path, "start", "-p", "9", NULL), FRONT_RUN);
	ck_assert_str_eq(o.set.iface, "b0");
	ck_assert_str_eq(o.set.hosts, "192.0.2.9");
	/* the first -p replaces the saved list; a second one adds to it */
	ck_assert_str_eq(o.set.ports, "9");
	ck_assert_uint_eq(o.set.maxsize, 1u << 20);
	ck_assert_int_eq(run(&o, "-C", path, "setup", "-H", "192.0.2.1", "-H", "192.0.2.2",
	    NULL), FRONT_RUN);
	ck_assert_str_eq(o.set.hosts, "192.0.2.1,192.0.2.2");
	ck_assert_str_eq(o.set.ports, "7");
	ck_assert_int_eq(run(&o, "-C", path, "status", NULL), FRONT_RUN);
	ck_assert_uint_eq(o.set.maxsize, 1u << 20);
	/* a broken file is named with its line, alone (no synopsis) */
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "bogus = 1\n", 10), 10);
	close(fd);
	ck_assert_int_eq(run(&o, "-C", path, "start", NULL), FRONT_BAD_VALUE);
	ck_assert_ptr_nonnull(strstr(msg, ": line 1: "));
	ck_assert_int_eq(run(&o, "-C", path, "status", "-x", NULL), FRONT_BAD_VALUE);
	/* commands that take no settings never read it */
	ck_assert_int_eq(run(&o, "-C", path, "list", NULL), FRONT_RUN);
	ck_assert_int_eq(run(&o, "-C", path, "stop", NULL), FRONT_RUN);
	unlink(path);
}
END_TEST

START_TEST(test_operands)
{
	struct opts o;

	no_env();
	ck_assert_int_eq(run(&o, "download", "h-20261126-000000.cap", NULL), FRONT_RUN);
	ck_assert_int_eq(o.nargs, 1);
	ck_assert_str_eq(o.args[0], "h-20261126-000000.cap");
	ck_assert_int_eq(run(&o, "download", "h-20261126-000000.cap", "-", NULL), FRONT_RUN);
	ck_assert_int_eq(o.nargs, 2);
	ck_assert_str_eq(o.args[1], "-");
	ck_assert_int_eq(run(&o, "delete", "a", "b", "c", NULL), FRONT_RUN);
	ck_assert_int_eq(o.nargs, 3);
	/* options come before the operands: after them, a word is a name */
	ck_assert_int_eq(run(&o, "delete", "a", "-j", NULL), FRONT_RUN);
	ck_assert_int_eq(o.nargs, 2);
	ck_assert_str_eq(o.args[1], "-j");
	ck_assert(!o.json);
	ck_assert_int_eq(run(&o, "status", "-j", NULL), FRONT_RUN);
	ck_assert(o.json);
	ck_assert_int_eq(run(&o, "list", "--json", NULL), FRONT_RUN);
	ck_assert(o.json);
	ck_assert_int_eq(run(&o, "list", NULL), FRONT_RUN);
	ck_assert(!o.json);
}
END_TEST

/* Refused: FRONT_ERROR (the message and the synopsis) and the message itself. */
START_TEST(test_errors)
{
	static const struct {
		const char *a[6];
		const char *msg;
	} t[] = {
		{ { NULL }, "a command is needed" },
		{ { "-D", "/d", NULL }, "a command is needed" },
		{ { "-D", "", "list" }, "-D: empty directory" },
		{ { "-x" }, "-x: unknown option" },
		{ { "--bogus", "list" }, "--bogus: unknown option" },
		{ { "-D" }, "-D: needs an argument" },
		{ { "frob\033" }, "unknown command: frob\\033" },
		{ { "list", "-i", "eth0" }, "list: takes no option -i" },
		{ { "stop", "-j" }, "stop: takes no option -j" },
		{ { "start", "-j" }, "start: takes no option -j" },
		{ { "setup", "--json" }, "setup: takes no option -j" },
		{ { "list", "extra" }, "list: too many operands" },
		{ { "start", "extra" }, "start: too many operands" },
		{ { "download" }, "download: needs a capture name" },
		{ { "download", "a", "b", "c" }, "download: too many operands" },
		{ { "delete" }, "delete: needs a capture name" },
		{ { "run", "-x" }, "-x: unknown option" },
		{ { "run", "-s" }, "-s: needs an argument" },
		{ { "status", "--json=1" }, "--json: takes no argument" },
		{ { "start", "-s", "0" }, "-s: too small (at least 1k): 0" },
		{ { "start", "-s", "10X" }, "-s: bad size (use a number with k, M, G or T): 10X" },
		{ { "start", "-t", "5x" }, "-t: bad duration (use a number with ms, s, m, h or d): 5x" },
		{ { "start", "-t", "none" }, "-t: not a number: none" },
		{ { "start", "-r", "none" }, "-r: not a number: none" },
		{ { "start", "-r", "1" }, "-r: too small (at least 2): 1" },
		{ { "start", "-r", "1000" }, "-r: too large (at most 999): 1000" },
		{ { "start", "-S", "63" }, "-S: too small (at least 64): 63" },
		{ { "start", "-p", "0" }, "-p: not a port number (1 to 65535): 0" },
		{ { "start", "-p", "65536" }, "-p: not a port number (1 to 65535): 65536" },
		{ { "start", "-H", "example.com" },
		  "-H: not an IPv4 or IPv6 address (ADDR or ADDR/PREFIX): example.com" },
		{ { "start", "-H", "192.0.2.1,192.0.2.2" }, "-H: one item per option: 192.0.2.1,192.0.2.2" },
		{ { "setup", "-p", "" }, "-p: one item per option: " },
		{ { "start", "-B", "1023" }, "-B: too small (at least 1M): 1023K" },
		{ { "start", "-i", "b\0330" }, "-i: control character in value: b\\0330" },
	};
	struct opts o;

	no_env();
	for (size_t i = 0; i < ESA_NELEM(t); i++) {
		const char *const *a = t[i].a;
		int st = run(&o, "-C", NO_CONF, a[0], a[1], a[2], a[3], a[4], a[5]);

		ck_assert_msg(st == FRONT_ERROR, "case %zu: status %d", i, st);
		ck_assert_str_eq(msg, t[i].msg);
	}
}
END_TEST

/* The synopsis of esa-pcap(8), as -h prints it: the table in the manual's order. */
static const char synopsis[] =
    "usage: esa-pcap [-D dir] [-C conf] start [-i iface[,iface...] | any] [-f filter]\n"
    "           [-H host] [-p port] [-s maxsize] [-t duration] [-r files] [-S snaplen]\n"
    "           [-B buffer_size] [-Z user]\n"
    "       esa-pcap [-D dir] [-C conf] run [capture-options]\n"
    "       esa-pcap [-D dir] stop\n"
    "       esa-pcap [-D dir] [-C conf] status [-j]\n"
    "       esa-pcap [-C conf] setup [capture-options]\n"
    "       esa-pcap [-D dir] list [-j]\n"
    "       esa-pcap [-D dir] download name [dest | -]\n"
    "       esa-pcap [-D dir] delete name ...\n"
    "       esa-pcap [-D dir] clear\n";

START_TEST(test_table)
{
	const struct command *t;
	struct memout m;
	struct opts o;
	size_t n;

	memout_open(&m);
	epcap_opts_usage(m.f);
	ck_assert_str_eq(memout_close(&m), synopsis);
	free(m.buf);
	/* every command of the table parses to its own entry, which runs */
	no_env();
	t = epcap_commands(&n);
	ck_assert_uint_eq(n, 9);
	for (size_t i = 0; i < n; i++) {
		const char *op = t[i].min_args > 0 ? "h-20261126-000000.cap" : NULL;

		ck_assert_int_eq(run(&o, "-C", NO_CONF, t[i].name, op, NULL), FRONT_RUN);
		ck_assert_ptr_eq(o.cmd, &t[i]);
		ck_assert_ptr_eq(epcap_command(t[i].name), &t[i]);
		ck_assert_ptr_nonnull(t[i].run);
	}
	ck_assert_ptr_null(epcap_command("packetcapture"));
	/* only start leaves a capture running */
	ck_assert(epcap_command("start")->flags & CMD_DETACH);
	ck_assert(!(epcap_command("run")->flags & CMD_DETACH));
}
END_TEST

Suite *
suite_pcapoptions(void)
{
	Suite *s = suite_create("pcapoptions");
	TCase *tc = tcase_create("pcapoptions");

	tcase_add_test(tc, test_globals);
	tcase_add_test(tc, test_capture_options);
	tcase_add_test(tc, test_saved_settings);
	tcase_add_test(tc, test_operands);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_table);
	suite_add_tcase(s, tc);
	return s;
}
