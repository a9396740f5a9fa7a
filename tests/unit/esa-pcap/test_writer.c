/* SPDX-License-Identifier: BSD-2-Clause */
/* test_writer.c - the pcap writer: header, whole records, MAXSIZE never passed, write errors. */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../bin/esa-pcap/epcap.h"
#include "../../../bin/esa-pcap/writer.h"
#include "../check_esa.h"
#include "suites.h"

static int
tmpfile_fd(char *path)
{
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	return fd;
}

/* The whole file at PATH, in an exact-size buffer. */
static unsigned char *
load(const char *path, size_t *len)
{
	struct stat sb;
	unsigned char *p;
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &sb), 0);
	p = malloc((size_t)sb.st_size);
	ck_assert_int_eq(read(fd, p, (size_t)sb.st_size), sb.st_size);
	close(fd);
	*len = (size_t)sb.st_size;
	return p;
}

START_TEST(test_limit)
{
	char path[] = "/tmp/esa-pcap-writer-XXXXXX";
	unsigned char pkt[100] = { 0 }, *buf;
	struct timeval tv = { 1795000000, 5 };
	struct writer w;
	uint64_t records;
	size_t len;
	int fd = tmpfile_fd(path);

	/* a buffer smaller than two records: flushes happen in between */
	ck_assert_int_eq(writer_open(&w, fd, 200, 1, 65535), 0);
	/* 24 + 3 * 116 = 372 <= 400 < 488 */
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(writer_add(&w, 400, &tv, 100, 1500, pkt), 0);
	ck_assert_int_eq(writer_add(&w, 400, &tv, 100, 1500, pkt), 1);
	ck_assert_uint_eq(w.size, 372);
	ck_assert_int_eq(writer_add(&w, 372 + 16 + 10, &tv, 10, 10, pkt), 0);
	ck_assert_uint_eq(w.size, 398);
	ck_assert_int_eq(writer_close(&w, true), 0);
	buf = load(path, &len);
	ck_assert_uint_eq(len, 398);
	ck_assert_int_eq(repair_length(buf, len, &records), 398);
	ck_assert_uint_eq(records, 4);
	/* the header: magic, version 2.4, snaplen, Ethernet */
	ck_assert_int_eq(memcmp(buf, "\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8), 0);
	free(buf);
	unlink(path);
}
END_TEST

/* A write that fails leaves the file at its last whole record. */
START_TEST(test_write_error)
{
	char path[] = "/tmp/esa-pcap-writer-XXXXXX";
	unsigned char pkt[100] = { 0 };
	struct timeval tv = { 1, 0 };
	struct writer w;
	struct stat sb;
	int fd = tmpfile_fd(path);

	ck_assert_int_eq(writer_open(&w, fd, 4096, 1, 65535), 0);
	ck_assert_int_eq(writer_add(&w, 1 << 20, &tv, 100, 100, pkt), 0);
	ck_assert_int_eq(writer_flush(&w), 0);
	ck_assert_int_eq(writer_add(&w, 1 << 20, &tv, 100, 100, pkt), 0);
	/* the descriptor turns read-only: the next write fails */
	int ro = open(path, O_RDONLY);
	ck_assert_int_eq(dup2(ro, fd), fd);
	close(ro);
	ck_assert_int_eq(writer_flush(&w), -1);
	ck_assert_int_eq(w.err, EBADF);
	ck_assert_uint_eq(w.size, 140);
	ck_assert_uint_eq(w.packets, 1);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_size, 140);
	writer_close(&w, false);
	unlink(path);
}
END_TEST

/* A short write (the disk fills in the middle of a buffer) keeps the records that fit whole. */
START_TEST(test_short_write)
{
	char path[] = "/tmp/esa-pcap-writer-XXXXXX";
	unsigned char pkt[100] = { 0 }, *buf;
	struct timeval tv = { 1, 0 };
	struct rlimit rl = { 24 + 3 * 116 + 50, RLIM_INFINITY };
	struct writer w;
	uint64_t records;
	size_t len;
	int fd = tmpfile_fd(path);

	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(writer_open(&w, fd, 4096, 1, 65535), 0);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(writer_add(&w, 1 << 20, &tv, 100, 100, pkt), 0);
	/* this test runs in its own process (Check forks): the limit stays here */
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	ck_assert_int_eq(writer_flush(&w), -1);
	ck_assert_int_eq(w.err, EFBIG);
	ck_assert_uint_eq(w.size, 24 + 3 * 116);
	ck_assert_uint_eq(w.packets, 3);
	writer_close(&w, false);
	buf = load(path, &len);
	ck_assert_uint_eq(len, 24 + 3 * 116);
	ck_assert_int_eq(repair_length(buf, len, &records), (long long)len);
	ck_assert_uint_eq(records, 3);
	free(buf);
	unlink(path);
}
END_TEST

/* The writeback window: nothing until 2 * WINDOW is outstanding, then all but WINDOW. */
START_TEST(test_wb_range)
{
	uint64_t from = 7, to = 7;

	ck_assert_int_eq(writer_wb_range(0, 0, 16 << 20, &from, &to), 0);
	ck_assert_int_eq(writer_wb_range(0, (32 << 20) - 1, 16 << 20, &from, &to), 0);
	ck_assert_uint_eq(from, 7);
	ck_assert_int_eq(writer_wb_range(0, 32 << 20, 16 << 20, &from, &to), 1);
	ck_assert_uint_eq(from, 0);
	ck_assert_uint_eq(to, 16 << 20);
	/* the end of the range is page-aligned, downwards */
	ck_assert_int_eq(writer_wb_range(4096, 4096 + 3 * 8192 + 100, 8192, &from, &to), 1);
	ck_assert_uint_eq(from, 4096);
	ck_assert_uint_eq(to, 4096 + 2 * 8192);
	/* an unaligned window that leaves nothing beyond DONE once aligned */
	ck_assert_int_eq(writer_wb_range(8192, 8192 + 2 * 3000, 3000, &from, &to), 0);
	/* an end before DONE (never happens) asks for nothing */
	ck_assert_int_eq(writer_wb_range(1 << 20, 4096, 100, &from, &to), 0);
}
END_TEST

/* The writer thread: every record, in order, with buffers smaller than a few records. */
START_TEST(test_async_records)
{
	char path[] = "/tmp/esa-pcap-writer-XXXXXX";
	unsigned char pkt[100], *buf;
	struct timeval tv = { 1795000000, 0 };
	struct writer w;
	uint64_t records;
	size_t len;
	int fd = tmpfile_fd(path);

	ck_assert_int_eq(writer_open(&w, fd, 300, 1, 65535), 0);
	ck_assert_int_eq(writer_async(&w, 1, 1, 0), -1);
	ck_assert_int_eq(writer_async(&w, 3, 3, 1000), 0);
	ck_assert_int_eq(writer_async(&w, 3, 3, 1000), -1);
	for (int i = 0; i < 1000; i++) {
		memset(pkt, i & 0xff, sizeof(pkt));
		tv.tv_usec = i;
		ck_assert_int_eq(writer_add(&w, 1 << 20, &tv, 100, 100, pkt), 0);
		if (i % 97 == 0)
			ck_assert_int_eq(writer_flush(&w), 0);
	}
	ck_assert_uint_eq(w.size, 24 + 1000 * 116);
	ck_assert_int_eq(writer_close(&w, true), 0);
	ck_assert_uint_eq(w.good, 24 + 1000 * 116);
	ck_assert_uint_eq(w.packets_good, 1000);
	buf = load(path, &len);
	ck_assert_uint_eq(len, 24 + 1000 * 116);
	ck_assert_int_eq(repair_length(buf, len, &records), (long long)len);
	ck_assert_uint_eq(records, 1000);
	for (int i = 0; i < 1000; i++) {
		const unsigned char *r = buf + 24 + (size_t)i * 116;
		uint32_t usec;

		memcpy(&usec, r + 4, 4);
		ck_assert_uint_eq(usec, (unsigned)i);
		ck_assert_uint_eq(r[16], (unsigned)(i & 0xff));
		ck_assert_uint_eq(r[115], (unsigned)(i & 0xff));
	}
	free(buf);
	unlink(path);
}
END_TEST

/* A record larger than the buffers goes out directly, after everything queued. */
START_TEST(test_async_large_record)
{
	char path[] = "/tmp/esa-pcap-writer-XXXXXX";
	unsigned char pkt[1000] = { 0 }, *buf;
	struct timeval tv = { 1, 0 };
	struct writer w;
	uint64_t records;
	size_t len;
	int fd = tmpfile_fd(path);

	ck_assert_int_eq(writer_open(&w, fd, 300, 1, 65535), 0);
	ck_assert_int_eq(writer_async(&w, 2, 2, 0), 0);
	ck_assert_int_eq(writer_add(&w, 1 << 20, &tv, 100, 100, pkt), 0);
	ck_assert_int_eq(writer_add(&w, 1 << 20, &tv, 1000, 1000, pkt), 0);
	ck_assert_int_eq(writer_add(&w, 1 << 20, &tv, 100, 100, pkt), 0);
	ck_assert_int_eq(writer_close(&w, false), 0);
	buf = load(path, &len);
	ck_assert_uint_eq(len, 24 + 116 + 1016 + 116);
	ck_assert_int_eq(repair_length(buf, len, &records), (long long)len);
	ck_assert_uint_eq(records, 3);
	free(buf);
	unlink(path);
}
END_TEST

/* The thread's write fails: the file ends at its last whole record, the error comes back. */
START_TEST(test_async_short_write)
{
	char path[] = "/tmp/esa-pcap-writer-XXXXXX";
	unsigned char pkt[100] = { 0 }, *buf;
	struct timeval tv = { 1, 0 };
	struct rlimit rl = { 24 + 3 * 116 + 50, RLIM_INFINITY };
	struct writer w;
	uint64_t records;
	size_t len;
	int fd = tmpfile_fd(path), rc = 0;

	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(writer_open(&w, fd, 250, 1, 65535), 0);
	ck_assert_int_eq(writer_async(&w, 2, 2, 0), 0);
	/* this test runs in its own process (Check forks): the limit stays here */
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	for (int i = 0; i < 20 && rc == 0; i++)
		rc = writer_add(&w, 1 << 20, &tv, 100, 100, pkt);
	rc = writer_close(&w, false);
	/* Check's own messages go to a file too: lift the limit before asserting */
	rl.rlim_cur = RLIM_INFINITY;
	setrlimit(RLIMIT_FSIZE, &rl);
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(w.err, EFBIG);
	ck_assert_uint_eq(w.size, 24 + 3 * 116);
	ck_assert_uint_eq(w.packets, 3);
	buf = load(path, &len);
	ck_assert_uint_eq(len, 24 + 3 * 116);
	ck_assert_int_eq(repair_length(buf, len, &records), (long long)len);
	ck_assert_uint_eq(records, 3);
	free(buf);
	unlink(path);
}
END_TEST

struct drain {
	int fd;
	size_t bytes;
};

static void *
drain_pipe(void *arg)
{
	struct drain *d = arg;
	char buf[65536];
	ssize_t n;

	while ((n = read(d->fd, buf, sizeof(buf))) > 0)
		d->bytes += (size_t)n;
	return NULL;
}

/*
 * The thread stuck in a write (a pipe nobody reads yet): the queue grows by a buffer
 * at a time, up to the bound, and counts what it held; every byte comes out in the end.
 */
START_TEST(test_async_grows)
{
	enum { REC = 16 + 1000, PER = 68, CAP = PER * REC };	/* 68 records fill a buffer */
	unsigned char pkt[1000] = { 0 };
	struct timeval tv = { 1, 0 };
	struct drain d = { 0 };
	struct writer w;
	pthread_t t;
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	/* the first buffer alone is more than the pipe takes (64 KiB): the thread stays in write() */
	ck_assert_int_gt(CAP, 65536);
	ck_assert_int_eq(writer_open(&w, fds[1], CAP, 1, 65535), 0);
	ck_assert_int_eq(writer_async(&w, 4, 3, 0), -1);
	ck_assert_int_eq(writer_async(&w, 2, WRITER_MAXBUF + 1, 0), -1);
	ck_assert_int_eq(writer_async(&w, 2, 4, 0), 0);
	/* three full buffers queued, the fourth being filled */
	for (int i = 0; i < 3 * PER + 1; i++)
		ck_assert_int_eq(writer_add(&w, UINT64_MAX, &tv, 1000, 1000, pkt), 0);
	ck_assert_uint_eq(w.nbuf, 4);
	ck_assert_uint_eq(w.peak, 3 * CAP);
	d.fd = fds[0];
	ck_assert_int_eq(pthread_create(&t, NULL, drain_pipe, &d), 0);
	/* many more: never a fifth buffer, whatever the thread's pace */
	for (int i = 0; i < 40 * PER; i++)
		ck_assert_int_eq(writer_add(&w, UINT64_MAX, &tv, 1000, 1000, pkt), 0);
	ck_assert_uint_eq(w.nbuf, 4);
	ck_assert_uint_le(w.peak, 4 * CAP);
	ck_assert_int_eq(writer_close(&w, false), 0);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	close(fds[0]);
	ck_assert_uint_eq(d.bytes, 24 + (3 * PER + 1 + 40 * PER) * REC);
	ck_assert_uint_eq(w.packets_good, 3 * PER + 1 + 40 * PER);
}
END_TEST

/*
 * Whether files in DIR take O_DIRECT, found as the writer finds it: SETFL, fcntl takes
 * the flag (ext4 and xfs do; tmpfs before Linux 6.6 does not); WRITE, an aligned write
 * is then taken too. They differ on overlayfs over such a tmpfs (the VM tier's /var/tmp),
 * where fcntl takes what the upper layer's write refuses (EINVAL): the writer falls back.
 */
struct direct_probe {
	bool setfl, write;
};

static struct direct_probe
direct_works(const char *dir)
{
	struct direct_probe p = { false, false };
	char path[64];
	void *page;
	int fd, fl;

	snprintf(path, sizeof(path), "%s/esa-pcap-probe-XXXXXX", dir);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	unlink(path);
	fl = fcntl(fd, F_GETFL);
	if (fcntl(fd, F_SETFL, fl | O_DIRECT) < 0) {
		ck_assert_int_eq(errno, EINVAL);
		close(fd);
		return p;
	}
	p.setfl = true;
	ck_assert_int_eq(posix_memalign(&page, 4096, 4096), 0);
	memset(page, 0, 4096);
	p.write = pwrite(fd, page, 4096, 0) == 4096;
	if (!p.write)
		ck_assert_int_eq(errno, EINVAL);
	free(page);
	close(fd);
	return p;
}

/* Record I of the direct tests: its length and bytes, from I alone. */
static uint32_t
rec_len(int i)
{
	return 1 + (uint32_t)(i * 389) % 1500;
}

static void
rec_data(int i, unsigned char *p, uint32_t n)
{
	for (uint32_t j = 0; j < n; j++)
		p[j] = (unsigned char)(i * 7 + j);
}

/*
 * The file as the format lays it out (the pcap file header of 24 bytes, each record's
 * 16 bytes of header in host order, then its data), built here from the definition,
 * not by the writer.
 */
static unsigned char *
expect_file(int n, size_t *len)
{
	uint32_t h[6] = { 0xa1b2c3d4, 0, 0, 0, 65535, 1 };
	uint16_t version[2] = { 2, 4 };
	size_t off = 24, size = 24;
	unsigned char *p;

	for (int i = 0; i < n; i++)
		size += 16 + rec_len(i);
	p = malloc(size);
	memcpy(p, h, 4);
	memcpy(p + 4, version, 4);
	memcpy(p + 8, h + 2, 16);
	for (int i = 0; i < n; i++) {
		uint32_t r[4] = { (uint32_t)i, (uint32_t)i * 3, rec_len(i), rec_len(i) + 4 };

		memcpy(p + off, r, 16);
		rec_data(i, p + off + 16, rec_len(i));
		off += 16 + rec_len(i);
	}
	*len = size;
	return p;
}

/*
 * Past the page cache where the filesystem allows: buffers of 64 KiB cut at page
 * boundaries, a flush now and then (the capture's once a second, which also writes the
 * part page through the page cache), records of 1 to 1500 bytes: the file is the records,
 * byte for byte, in order, and the writer used O_DIRECT exactly when the directory takes it.
 */
START_TEST(test_direct_records)
{
	char path[] = "/var/tmp/esa-pcap-writer-XXXXXX";
	unsigned char data[1500], *buf, *want;
	struct direct_probe can = direct_works("/var/tmp");
	struct writer w;
	size_t len, wlen;
	int fd = tmpfile_fd(path), n = 3000;

	ck_assert_int_eq(writer_open(&w, fd, WRITER_DIRECT_MIN, 1, 65535), 0);
	ck_assert_int_eq(writer_async(&w, 2, 4, 0), 0);
	ck_assert_int_eq(w.direct, can.setfl);
	ck_assert_int_eq((fcntl(fd, F_GETFL) & O_DIRECT) != 0, can.setfl);
	for (int i = 0; i < n; i++) {
		struct timeval tv = { i, i * 3 };

		rec_data(i, data, rec_len(i));
		ck_assert_int_eq(writer_add(&w, UINT64_MAX, &tv, rec_len(i), rec_len(i) + 4, data), 0);
		if (i % 97 == 0)
			ck_assert_int_eq(writer_flush(&w), 0);
	}
	ck_assert_int_eq(writer_close(&w, false), 0);
	/* no write was refused on the way: O_DIRECT to the end */
	ck_assert_int_eq(w.a_direct, can.write);
	ck_assert_uint_eq(w.packets_good, (uint64_t)n);
	buf = load(path, &len);
	want = expect_file(n, &wlen);
	ck_assert_uint_eq(len, wlen);
	ck_assert_uint_eq(w.good, wlen);
	ck_assert_int_eq(memcmp(buf, want, len), 0);
	free(buf);
	free(want);
	unlink(path);
}
END_TEST

/*
 * The file may grow to LIMIT bytes only (as a full disk ends it): the writer stops
 * there, with the file cut to its last whole record. An O_DIRECT write cut at a page
 * boundary fails as a short write; one cut elsewhere is refused outright (EINVAL), and
 * the writer falls back to the page cache, which then fills. Records of 100 bytes (116
 * with their headers) after the 24 of the file's.
 */
static void
limited(rlim_t limit, uint64_t records, bool fell_back)
{
	char path[] = "/var/tmp/esa-pcap-writer-XXXXXX";
	unsigned char pkt[100] = { 0 }, *buf;
	struct timeval tv = { 1, 0 };
	struct rlimit rl = { limit, RLIM_INFINITY };
	struct direct_probe can = direct_works("/var/tmp");
	struct writer w;
	uint64_t n;
	size_t len;
	int fd = tmpfile_fd(path), rc = 0;

	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(writer_open(&w, fd, WRITER_DIRECT_MIN, 1, 65535), 0);
	ck_assert_int_eq(writer_async(&w, 2, 2, 0), 0);
	ck_assert_int_eq(w.direct, can.setfl);
	/* this test runs in its own process (Check forks): the limit stays here */
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	for (int i = 0; i < 2000 && rc == 0; i++)
		rc = writer_add(&w, 1 << 30, &tv, 100, 100, pkt);
	rc = writer_close(&w, false);
	/* Check's own messages go to a file too: lift the limit before asserting */
	rl.rlim_cur = RLIM_INFINITY;
	setrlimit(RLIMIT_FSIZE, &rl);
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(w.err, EFBIG);
	ck_assert_int_eq(w.a_direct, can.write && !fell_back);
	ck_assert_uint_eq(w.packets, records);
	ck_assert_uint_eq(w.size, 24 + records * 116);
	buf = load(path, &len);
	ck_assert_uint_eq(len, 24 + records * 116);
	ck_assert_int_eq(repair_length(buf, len, &n), (long long)len);
	ck_assert_uint_eq(n, records);
	free(buf);
	unlink(path);
}

/* Cut at a page boundary, 8192: (8192 - 24) / 116 = 70 records whole. */
START_TEST(test_direct_short_write)
{
	limited(8192, 70, false);
}
END_TEST

/*
 * Cut where the second buffer starts: the first holds 24 + 564 * 116 = 65448 bytes, its
 * whole pages are 61440, and the second buffer's first write fails at once. What the
 * first left whole, (61440 - 24) / 116 = 529 records, is the reader's count at its last
 * page boundary (through the page cache: a short write, counted the same).
 */
START_TEST(test_direct_next_buffer)
{
	limited(61440, 529, false);
}
END_TEST

/*
 * Cut two pages into the second buffer, 69632: it starts with the rest of the record
 * over the first one's last page boundary, counted from there: (69632 - 24) / 116 = 600.
 */
START_TEST(test_direct_inside_next)
{
	limited(69632, 600, false);
}
END_TEST

/* Cut inside a sector, 8292: O_DIRECT refused; (8292 - 24) / 116 = 71 records whole. */
START_TEST(test_direct_refused)
{
	limited(8292, 71, true);
}
END_TEST

Suite *
suite_pcapwriter(void)
{
	Suite *s = suite_create("pcapwriter");
	TCase *tc = tcase_create("pcapwriter");

	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_write_error);
	tcase_add_test(tc, test_short_write);
	tcase_add_test(tc, test_wb_range);
	tcase_add_test(tc, test_async_records);
	tcase_add_test(tc, test_async_large_record);
	tcase_add_test(tc, test_async_short_write);
	tcase_add_test(tc, test_async_grows);
	tcase_add_test(tc, test_direct_records);
	tcase_add_test(tc, test_direct_short_write);
	tcase_add_test(tc, test_direct_next_buffer);
	tcase_add_test(tc, test_direct_inside_next);
	tcase_add_test(tc, test_direct_refused);
	suite_add_tcase(s, tc);
	return s;
}
