/* SPDX-License-Identifier: BSD-2-Clause */
/* test_repair.c - the tail repair against damaged pcap files written from the format. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../bin/esa-pcap/epcap.h"
#include "../check_esa.h"
#include "suites.h"

static const struct {
	const char *name;
	long long whole;
	uint64_t records;
} fixtures[] = {
	{ "good-3.pcap", 1744, 3 },
	{ "header-only.pcap", 24, 0 },
	{ "torn-record-header.pcap", 1744, 3 },
	{ "torn-record-data.pcap", 1744, 3 },
	{ "garbage-caplen.pcap", 1744, 3 },
	{ "zero-tail.pcap", 1744, 3 },
	{ "caplen-over-orig.pcap", 1744, 3 },
	{ "big-endian-torn.pcap", 100, 1 },
	{ "nanosecond.pcap", 100, 1 },
	{ "short-header.pcap", -1, 0 },
	{ "not-pcap.pcap", -1, 0 },
};

START_TEST(test_fixture)
{
	char rel[256];
	size_t len;
	uint64_t records = 0;
	unsigned char *buf;

	snprintf(rel, sizeof(rel), "tests/data/esa-pcap/%s", fixtures[_i].name);
	buf = load_fixture(rel, &len);
	ck_assert_msg(repair_length(buf, len, &records) == fixtures[_i].whole,
	    "%s: whole length %lld, expected %lld", fixtures[_i].name,
	    repair_length(buf, len, NULL), fixtures[_i].whole);
	if (fixtures[_i].whole >= 0)
		ck_assert_uint_eq(records, fixtures[_i].records);
	free(buf);
}
END_TEST

/* Every prefix of a good file keeps exactly its whole records. */
START_TEST(test_every_prefix)
{
	static const long long ends[] = { 24, 100, 214, 1744 };
	size_t len;
	unsigned char *buf = load_fixture("tests/data/esa-pcap/good-3.pcap", &len);

	for (size_t n = 0; n <= len; n++) {
		unsigned char *p = exact_copy(buf, n);
		long long want = -1;

		for (size_t k = 0; k < 4; k++)
			if ((long long)n >= ends[k])
				want = ends[k];
		ck_assert_int_eq(repair_length(p, n, NULL), want);
		free(p);
	}
	free(buf);
}
END_TEST

/* The file repair truncates a torn copy to its last whole record, and leaves a good one. */
START_TEST(test_repair_file)
{
	char dir[] = "/tmp/esa-pcap-test-XXXXXX";
	struct stat sb;
	size_t len;
	unsigned char *buf = load_fixture("tests/data/esa-pcap/torn-record-data.pcap", &len);
	int dirfd, fd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	ck_assert_int_ge(dirfd, 0);
	fd = openat(dirfd, "h-20261126-000000.cap", O_WRONLY | O_CREAT | O_EXCL, 0640);
	ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
	close(fd);
	ck_assert_int_eq(repair_file(dirfd, "h-20261126-000000.cap"), 1);
	ck_assert_int_eq(fstatat(dirfd, "h-20261126-000000.cap", &sb, 0), 0);
	ck_assert_int_eq(sb.st_size, 1744);
	ck_assert_int_eq(repair_file(dirfd, "h-20261126-000000.cap"), 0);
	/* a symlink is never followed */
	ck_assert_int_eq(symlinkat("h-20261126-000000.cap", dirfd, "l-20261126-000000.cap"), 0);
	ck_assert_int_eq(repair_file(dirfd, "l-20261126-000000.cap"), -1);
	unlinkat(dirfd, "l-20261126-000000.cap", 0);
	unlinkat(dirfd, "h-20261126-000000.cap", 0);
	close(dirfd);
	rmdir(dir);
	free(buf);
}
END_TEST

/*
 * A file of the global header alone (24 bytes) has nothing to repair; one byte less is
 * no pcap file (EINVAL), and nothing is written to it.
 */
START_TEST(test_repair_header_only)
{
	char dir[] = "/tmp/esa-pcap-test-XXXXXX";
	struct stat sb;
	size_t len;
	unsigned char *buf = load_fixture("tests/data/esa-pcap/torn-record-data.pcap", &len);
	int dirfd, fd;

	ck_assert_uint_ge(len, 24);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	ck_assert_int_ge(dirfd, 0);
	fd = openat(dirfd, "h-20261126-000000.cap", O_WRONLY | O_CREAT | O_EXCL, 0640);
	ck_assert_int_eq(write(fd, buf, 24), 24);
	close(fd);
	ck_assert_int_eq(repair_file(dirfd, "h-20261126-000000.cap"), 0);
	ck_assert_int_eq(fstatat(dirfd, "h-20261126-000000.cap", &sb, 0), 0);
	ck_assert_int_eq(sb.st_size, 24);
	fd = openat(dirfd, "s-20261126-000000.cap", O_WRONLY | O_CREAT | O_EXCL, 0640);
	ck_assert_int_eq(write(fd, buf, 23), 23);
	close(fd);
	errno = 0;
	ck_assert_int_eq(repair_file(dirfd, "s-20261126-000000.cap"), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(fstatat(dirfd, "s-20261126-000000.cap", &sb, 0), 0);
	ck_assert_int_eq(sb.st_size, 23);
	unlinkat(dirfd, "s-20261126-000000.cap", 0);
	unlinkat(dirfd, "h-20261126-000000.cap", 0);
	close(dirfd);
	rmdir(dir);
	free(buf);
}
END_TEST

Suite *
suite_pcaprepair(void)
{
	Suite *s = suite_create("pcaprepair");
	TCase *tc = tcase_create("pcaprepair");

	tcase_add_loop_test(tc, test_fixture, 0, (int)(sizeof(fixtures) / sizeof(fixtures[0])));
	tcase_add_test(tc, test_every_prefix);
	tcase_add_test(tc, test_repair_file);
	tcase_add_test(tc, test_repair_header_only);
	suite_add_tcase(s, tc);
	return s;
}
