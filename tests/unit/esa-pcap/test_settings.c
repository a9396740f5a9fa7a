/* SPDX-License-Identifier: BSD-2-Clause */
/* test_settings.c - the settings file: sizes, durations, keys, malformed files, round trip. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../bin/esa-pcap/epcap.h"
#include "../check_esa.h"
#include "suites.h"

static int
parse(const char *text, struct settings *s, char *err, size_t size)
{
	char *copy = exact_copy(text, strlen(text));
	int rc;

	settings_default(s);
	rc = settings_parse(copy, strlen(text), s, err, size);
	free(copy);
	return rc;
}

START_TEST(test_sizes_durations)
{
	struct settings s;
	const char *why;

	settings_default(&s);
	ck_assert_uint_eq(s.maxsize, 200u << 20);
	ck_assert_int_eq(settings_set(&s, "max_size", "10k", &why), 0);
	ck_assert_uint_eq(s.maxsize, 10240);
	ck_assert_int_eq(settings_set(&s, "max_size", "10K", &why), 0);
	ck_assert_uint_eq(s.maxsize, 10240);
	ck_assert_int_eq(settings_set(&s, "max_size", "3M", &why), 0);
	ck_assert_uint_eq(s.maxsize, 3u << 20);
	ck_assert_int_eq(settings_set(&s, "max_size", "2G", &why), 0);
	ck_assert_uint_eq(s.maxsize, UINT64_C(2) << 30);
	ck_assert_int_eq(settings_set(&s, "max_size", "5000", &why), 0);
	ck_assert_uint_eq(s.maxsize, 5000);
	/* -s 0, -s 10X, fractions and signs are refused with the accepted forms named */
	ck_assert_int_eq(settings_set(&s, "max_size", "0", &why), -1);
	ck_assert_str_eq(why, "too small (at least 1k)");
	ck_assert_int_eq(settings_set(&s, "max_size", "10X", &why), -1);
	ck_assert_str_eq(why, "bad size (use a number with k, M, G or T)");
	ck_assert_int_eq(settings_set(&s, "max_size", "1.5M", &why), -1);
	ck_assert_int_eq(settings_set(&s, "max_size", "-1", &why), -1);
	ck_assert_uint_eq(s.maxsize, 5000);

	ck_assert_int_eq(settings_set(&s, "duration", "90", &why), 0);
	ck_assert_uint_eq(s.duration_ms, 90000);
	ck_assert_int_eq(settings_set(&s, "duration", "15m", &why), 0);
	ck_assert_uint_eq(s.duration_ms, 900000);
	ck_assert_int_eq(settings_set(&s, "duration", "2h", &why), 0);
	ck_assert_uint_eq(s.duration_ms, 7200000);
	ck_assert_int_eq(settings_set(&s, "duration", "1d", &why), 0);
	ck_assert_uint_eq(s.duration_ms, 86400000);
	ck_assert_int_eq(settings_set(&s, "duration", "-1", &why), -1);
	ck_assert_int_eq(settings_set(&s, "duration", "10x", &why), -1);
	ck_assert_str_eq(why, "bad duration (use a number with ms, s, m, h or d)");
	ck_assert_int_eq(settings_set(&s, "duration", "0", &why), -1);
	ck_assert_int_eq(settings_set(&s, "duration", "none", &why), 0);
	ck_assert_uint_eq(s.duration_ms, 0);

	ck_assert_int_eq(settings_set(&s, "ring", "1", &why), -1);
	ck_assert_int_eq(settings_set(&s, "ring", "3", &why), 0);
	ck_assert_uint_eq(s.ring, 3);
	ck_assert_int_eq(settings_set(&s, "snaplen", "10", &why), -1);
	ck_assert_int_eq(settings_set(&s, "snaplen", "96", &why), 0);
	/* the kernel's ring: 1 MiB to 1 GiB, bytes unless a suffix says otherwise */
	ck_assert_uint_eq(s.bufsize, 64 << 20);
	ck_assert_int_eq(settings_set(&s, "buffer_size", "1048575", &why), -1);
	ck_assert_int_eq(settings_set(&s, "buffer_size", "1048576", &why), 0);
	ck_assert_uint_eq(s.bufsize, 1 << 20);
	ck_assert_int_eq(settings_set(&s, "buffer_size", "1G", &why), 0);
	ck_assert_uint_eq(s.bufsize, 1 << 30);
	ck_assert_int_eq(settings_set(&s, "buffer_size", "1025M", &why), -1);
	ck_assert_int_eq(settings_set(&s, "buffer_size", "8x", &why), -1);
	ck_assert_str_eq(why, "bad size (use a number with k, M, G or T)");
	ck_assert_int_eq(settings_set(&s, "user", "nobody", &why), 0);
	ck_assert_int_eq(settings_set(&s, "user", "a b", &why), -1);
	ck_assert_int_eq(settings_set(&s, "interface", "a0,a1", &why), 0);
	ck_assert_int_eq(settings_set(&s, "interface", "a0,", &why), -1);
	/* an alias is a name too (esa-tools(7)) */
	ck_assert_int_eq(settings_set(&s, "interface", "a-name-longer-than-15", &why), 0);
	ck_assert_int_eq(settings_set(&s, "bogus", "1", &why), -1);
	ck_assert_str_eq(why, "unknown key");
}
END_TEST

START_TEST(test_file)
{
	struct settings s;
	char err[200];

	ck_assert_int_eq(parse("# comment\n\ninterface = a0,a1\r\nfilter =  tcp port 25 \n"
	    "hosts=192.0.2.1,192.0.2.2\nports = 25\n  max_size = 1G\nduration = 15m\n"
	    "ring = 4\nsnaplen = 1500\nuser = nobody", &s, err, sizeof(err)), 0);
	ck_assert_str_eq(s.iface, "a0,a1");
	ck_assert_str_eq(s.filter, "tcp port 25");
	ck_assert_str_eq(s.hosts, "192.0.2.1,192.0.2.2");
	ck_assert_str_eq(s.ports, "25");
	ck_assert_uint_eq(s.maxsize, 1u << 30);
	ck_assert_uint_eq(s.duration_ms, 900000);
	ck_assert_uint_eq(s.ring, 4);
	ck_assert_uint_eq(s.snaplen, 1500);
	ck_assert_str_eq(s.user, "nobody");
	/* an empty file is the defaults */
	ck_assert_int_eq(parse("", &s, err, sizeof(err)), 0);
	ck_assert_str_eq(s.iface, "any");
}
END_TEST

START_TEST(test_malformed)
{
	static const struct { const char *text, *err; } cases[] = {
		{ "interface\n", "line 1: expected key = value" },
		{ "\n\nfoo = 1\n", "line 3: foo: unknown key" },
		{ "max_size = 10X\n", "line 1: max_size: bad size (use a number with k, M, G or T)" },
		{ "hosts = 192.0.2.1 or tcp\n", "line 1: hosts: not an IPv4 or IPv6 address (ADDR or ADDR/PREFIX)" },
		{ "ports = 70000\n", "line 1: ports: not a port number (1 to 65535)" },
		{ "filter = a\tb\n", "line 1: filter: control character in value" },
	};
	struct settings s;
	char err[200];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(parse(cases[i].text, &s, err, sizeof(err)), -1);
		ck_assert_str_eq(err, cases[i].err);
		/* nothing of a bad file is kept */
		ck_assert_str_eq(s.iface, "any");
	}
	/* a NUL byte in a line */
	settings_default(&s);
	ck_assert_int_eq(settings_parse("filter = a\0b\n", 13, &s, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "line 1: NUL byte in line");
}
END_TEST

/* What settings_write() writes, settings_parse() reads back the same. */
START_TEST(test_round_trip)
{
	struct settings a, b;
	struct memout m;
	const char *why;
	char err[200], *text;

	settings_default(&a);
	ck_assert_int_eq(settings_set(&a, "interface", "a0,a1", &why), 0);
	ck_assert_int_eq(settings_set(&a, "filter", "tcp and not port 22", &why), 0);
	ck_assert_int_eq(settings_set(&a, "hosts", "2001:db8::1,192.0.2.0/24", &why), 0);
	ck_assert_int_eq(settings_set(&a, "ports", "25,465", &why), 0);
	ck_assert_int_eq(settings_set(&a, "max_size", "12345", &why), 0);
	ck_assert_int_eq(settings_set(&a, "duration", "90m", &why), 0);
	ck_assert_int_eq(settings_set(&a, "ring", "5", &why), 0);
	memout_open(&m);
	settings_write(&a, m.f);
	text = memout_close(&m);
	ck_assert_int_eq(parse(text, &b, err, sizeof(err)), 0);
	ck_assert_mem_eq(&a, &b, sizeof(a));
	free(text);
}
END_TEST

/* What setup stores of an alias reads back the same; what it cannot is refused. */
START_TEST(test_hostile_aliases)
{
	static const char *const good[] = {
		"Data 1", "x=y", "#x", "a\"b\\c", "caf\xc3\xa9", "a/b", "..", "-i", "any1",
		"interface = b0", "\xe2\x80\xae" "evil", "a\xff",
	};
	static const char *const bad[] = {
		"a\nb", "a\rb", "\033[2J", "a\x7f", " lead", "trail ", "\tx", "",
	};
	struct settings a, b;
	struct memout m;
	const char *why;
	char err[200], *text, long_alias[257];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]) + 1; i++) {
		const char *alias = good[i % (sizeof(good) / sizeof(good[0]))];

		if (i == sizeof(good) / sizeof(good[0])) {
			memset(long_alias, 'x', 255);
			long_alias[255] = '\0';
			alias = long_alias;
		}
		settings_default(&a);
		ck_assert_msg(settings_set(&a, "interface", alias, &why) == 0, "%zu: %s", i, why);
		memout_open(&m);
		settings_write(&a, m.f);
		text = memout_close(&m);
		ck_assert_int_eq(parse(text, &b, err, sizeof(err)), 0);
		ck_assert_str_eq(b.iface, alias);
		free(text);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(settings_set(&a, "interface", bad[i], &why) < 0, "bad %zu accepted", i);
	memset(long_alias, 'x', 256);
	long_alias[256] = '\0';
	ck_assert_int_eq(settings_set(&a, "interface", long_alias, &why), -1);
}
END_TEST

/* setup's save: atomic, mode 0644, no temporary file left. */
START_TEST(test_save)
{
	char dir[] = "/tmp/esa-pcap-conf-XXXXXX", path[128], tmp[128], err[200];
	struct settings a, b;
	struct stat sb;
	const char *why;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sub/esa-pcap.conf", dir);
	settings_default(&a);
	ck_assert_int_eq(settings_set(&a, "ports", "25", &why), 0);
	ck_assert_int_eq(settings_save(path, &a), 0);
	ck_assert_int_eq(settings_load(path, &b, err, sizeof(err)), 0);
	ck_assert_str_eq(b.ports, "25");
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0644);
	snprintf(tmp, sizeof(tmp), "%s/sub/.esa-pcap.conf.tmp", dir);
	ck_assert_int_eq(access(tmp, F_OK), -1);
	unlink(path);
	snprintf(tmp, sizeof(tmp), "%s/sub", dir);
	rmdir(tmp);
	rmdir(dir);
}
END_TEST

/* A string value fills its field with its NUL: user[64] holds 63 bytes, not 64. */
START_TEST(test_string_room)
{
	struct settings s;
	const char *why = NULL;
	char v[65];

	settings_default(&s);
	memset(v, 'u', 63);
	v[63] = '\0';
	ck_assert_int_eq(settings_set(&s, "user", v, &why), 0);
	ck_assert_str_eq(s.user, v);
	v[63] = 'u';
	v[64] = '\0';
	ck_assert_int_eq(settings_set(&s, "user", v, &why), -1);
	ck_assert_str_eq(why, "value is too long");
}
END_TEST

/* A settings file that does not exist is the defaults, and no error (0). */
START_TEST(test_load_missing)
{
	struct settings s, d;
	char err[256] = "";

	settings_default(&d);
	memset(&s, 0xff, sizeof(s));
	ck_assert_int_eq(settings_load("/nonexistent/esa-pcap.conf", &s, err, sizeof(err)), 0);
	ck_assert_str_eq(s.iface, d.iface);
	ck_assert_uint_eq(s.maxsize, d.maxsize);
	ck_assert_uint_eq(s.snaplen, d.snaplen);
}
END_TEST

Suite *
suite_pcapsettings(void)
{
	Suite *s = suite_create("pcapsettings");
	TCase *tc = tcase_create("pcapsettings");

	tcase_add_test(tc, test_sizes_durations);
	tcase_add_test(tc, test_file);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_string_room);
	tcase_add_test(tc, test_load_missing);
	tcase_add_test(tc, test_hostile_aliases);
	tcase_add_test(tc, test_save);
	suite_add_tcase(s, tc);
	return s;
}
