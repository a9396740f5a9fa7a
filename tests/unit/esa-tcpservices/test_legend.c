/* SPDX-License-Identifier: BSD-2-Clause */
/* test_legend.c - the services data file parser: sections, overrides, and every odd input. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../bin/esa-tcpservices/tcpservices.h"
#include "../check_esa.h"
#include "suites.h"

/* What the parser complained about: "LINE:why" lines. */
struct bad {
	char text[1024];
};

static void
record_bad(void *ctx, size_t line, const char *why)
{
	struct bad *b = ctx;
	size_t n = strlen(b->text);

	snprintf(b->text + n, sizeof(b->text) - n, "%zu:%s\n", line, why);
}

/* Parses LEN bytes of S from an exact-size copy; returns the lines skipped. */
static size_t
parse(struct legend *l, const char *s, size_t len, struct bad *b)
{
	char *copy = exact_copy(s, len);
	size_t r;

	b->text[0] = '\0';
	r = legend_parse(l, copy, len, record_bad, b);
	free(copy);
	return r;
}

#define PARSE(l, lit, b) parse((l), (lit), sizeof(lit) - 1, (b))

static void
check_entry(const struct legend *l, const char *name, const char *desc, enum legend_section sec)
{
	const struct legend_entry *e = legend_find(l, name);

	ck_assert_msg(e != NULL, "no entry %s", name);
	ck_assert_str_eq(e->desc, desc);
	ck_assert_int_eq(e->section, sec);
}

START_TEST(test_sections_and_comments)
{
	struct legend l = { 0 };
	struct bad b;

	ck_assert_uint_eq(PARSE(&l,
	    "# a comment\n"
	    "sshd   The SSH daemon\n"
	    "\n"
	    "   \t\n"
	    "  # an indented comment\n"
	    "[feature]\n"
	    "postgres\tProcess for storing and querying quarantine data  \n"
	    "  [system]  \n"
	    "ftpd.main The FTP daemon\n", &b), 0);
	ck_assert_str_eq(b.text, "");
	ck_assert_uint_eq(l.n, 3);
	check_entry(&l, "sshd", "The SSH daemon", LEGEND_SYSTEM);
	check_entry(&l, "postgres", "Process for storing and querying quarantine data",
	    LEGEND_FEATURE);
	check_entry(&l, "ftpd.main", "The FTP daemon", LEGEND_SYSTEM);
	ck_assert_ptr_null(legend_find(&l, "ssh"));
	ck_assert_ptr_null(legend_find(&l, "sshd2"));
	legend_free(&l);
}
END_TEST

START_TEST(test_override)
{
	struct legend l = { 0 };
	struct bad b;

	PARSE(&l, "sshd The SSH daemon\n[feature]\nnginx Web\n", &b);
	/* a second file: same name, new description and section; new names added */
	PARSE(&l, "[feature]\nsshd Our SSH gateway\n[system]\nnginx Front proxy\nhermes Mail\n", &b);
	ck_assert_str_eq(b.text, "");
	ck_assert_uint_eq(l.n, 3);
	check_entry(&l, "sshd", "Our SSH gateway", LEGEND_FEATURE);
	check_entry(&l, "nginx", "Front proxy", LEGEND_SYSTEM);
	check_entry(&l, "hermes", "Mail", LEGEND_SYSTEM);
	legend_free(&l);
}
END_TEST

/* The kernel keeps 15 bytes of a command name: a longer entry matches its first 15. */
START_TEST(test_long_command_names)
{
	struct legend l = { 0 };
	struct bad b;

	PARSE(&l, "systemd-resolved The resolver\nsystemd Init\n", &b);
	ck_assert_str_eq(legend_find(&l, "systemd-resolve")->name, "systemd-resolved");
	ck_assert_str_eq(legend_find(&l, "systemd")->name, "systemd");
	ck_assert_ptr_null(legend_find(&l, "systemd-resolv"));
	legend_free(&l);
}
END_TEST

START_TEST(test_bad_lines)
{
	struct legend l = { 0 };
	struct bad b;
	char name[LEGEND_NAME_MAX + 8];

	ck_assert_uint_eq(PARSE(&l,
	    "sshd\n"				/* 1: no description */
	    "[systemd]\n"			/* 2: as long as [feature] */
	    "[system\n"				/* 3 */
	    "ok Fine\n"				/* 4 */
	    "bell \a ring\n"			/* 5 */
	    "del \x7f here\n"			/* 6 */
	    "cr only\rin the middle\n", &b), 6);	/* 7 */
	ck_assert_str_eq(b.text,
	    "1:no description\n"
	    "2:unknown section (use [system] or [feature])\n"
	    "3:unknown section (use [system] or [feature])\n"
	    "5:control character\n"
	    "6:control character\n"
	    "7:control character\n");
	ck_assert_uint_eq(l.n, 1);
	check_entry(&l, "ok", "Fine", LEGEND_SYSTEM);
	/* a name of 64 bytes is the longest */
	memset(name, 'n', LEGEND_NAME_MAX);
	strcpy(name + LEGEND_NAME_MAX, " d\n");
	ck_assert_uint_eq(parse(&l, name, strlen(name), &b), 0);
	memset(name, 'n', LEGEND_NAME_MAX + 1);
	strcpy(name + LEGEND_NAME_MAX + 1, " d\n");
	ck_assert_uint_eq(parse(&l, name, strlen(name), &b), 1);
	ck_assert_str_eq(b.text, "1:name too long\n");
	legend_free(&l);
}
END_TEST

START_TEST(test_odd_files)
{
	struct legend l = { 0 };
	struct bad b;
	char *big;

	/* empty */
	ck_assert_uint_eq(parse(&l, "", 0, &b), 0);
	ck_assert_uint_eq(l.n, 0);
	/* no newline at the end */
	ck_assert_uint_eq(PARSE(&l, "a One\nb Two", &b), 0);
	check_entry(&l, "b", "Two", LEGEND_SYSTEM);
	legend_free(&l);
	/* CRLF line ends */
	ck_assert_uint_eq(PARSE(&l, "[feature]\r\na One\r\nb Two\r\n", &b), 0);
	check_entry(&l, "a", "One", LEGEND_FEATURE);
	check_entry(&l, "b", "Two", LEGEND_FEATURE);
	legend_free(&l);
	/* CR only: one long line with control characters */
	ck_assert_uint_eq(PARSE(&l, "a One\rb Two\r", &b), 1);
	ck_assert_uint_eq(l.n, 0);
	/* a NUL in a line spoils that line only */
	ck_assert_uint_eq(PARSE(&l, "a O\0ne\nb Two\n", &b), 1);
	ck_assert_str_eq(b.text, "1:control character\n");
	ck_assert_uint_eq(l.n, 1);
	legend_free(&l);
	/* a 1 MiB line, then a good one */
	big = malloc(1024 * 1024 + 16);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 1024 * 1024);
	memcpy(big + 1024 * 1024, "\na One\n", 7);
	ck_assert_uint_eq(parse(&l, big, 1024 * 1024 + 7, &b), 1);
	ck_assert_str_eq(b.text, "1:line too long\n");
	check_entry(&l, "a", "One", LEGEND_SYSTEM);
	free(big);
	/* only newlines */
	ck_assert_uint_eq(PARSE(&l, "\n\n\n", &b), 0);
	legend_free(&l);
}
END_TEST

START_TEST(test_load)
{
	char path[] = "/tmp/esa-legend-XXXXXX";
	struct legend l = { 0 };
	struct bad b = { "" };
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "[feature]\nx Ex\n", 15), 15);
	close(fd);
	ck_assert_int_eq(legend_load(&l, path, record_bad, &b), 0);
	check_entry(&l, "x", "Ex", LEGEND_FEATURE);
	unlink(path);
	errno = 0;
	ck_assert_int_eq(legend_load(&l, path, record_bad, &b), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(legend_load(&l, "/tmp", record_bad, &b), -1);
	ck_assert_int_eq(errno, EISDIR);
	/* a FIFO without a writer: refused at once, not waited on; a device too */
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(legend_load(&l, path, record_bad, &b), -1);
	ck_assert_int_eq(errno, EINVAL);
	unlink(path);
	ck_assert_int_eq(legend_load(&l, "/dev/zero", record_bad, &b), -1);
	ck_assert_int_eq(errno, EINVAL);
	/* the shipped file parses without a complaint */
	{
		const char *top = getenv("ESA_SRCDIR");
		char shipped[4096];

		snprintf(shipped, sizeof(shipped), "%s/bin/esa-tcpservices/services",
		    top != NULL ? top : ".");
		ck_assert_int_eq(legend_load(&l, shipped, record_bad, &b), 0);
		ck_assert_str_eq(b.text, "");
		check_entry(&l, "sshd", "The SSH daemon", LEGEND_SYSTEM);
		ck_assert_int_eq(legend_find(&l, "master")->section, LEGEND_FEATURE);
	}
	legend_free(&l);
}
END_TEST

Suite *
suite_legend(void)
{
	Suite *s = suite_create("legend");
	TCase *tc = tcase_create("legend");

	tcase_add_test(tc, test_sections_and_comments);
	tcase_add_test(tc, test_override);
	tcase_add_test(tc, test_long_command_names);
	tcase_add_test(tc, test_bad_lines);
	tcase_add_test(tc, test_odd_files);
	tcase_add_test(tc, test_load);
	suite_add_tcase(s, tc);
	return s;
}
