/* SPDX-License-Identifier: BSD-2-Clause */
/* test_state.c - the state file: written, read back, malformed ones refused; the summary. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../../bin/esa-pcap/epcap.h"
#include "../check_esa.h"
#include "suites.h"

static void
sample(struct state *st)
{
	memset(st, 0, sizeof(*st));
	settings_default(&st->set);
	st->pid = 4242;
	snprintf(st->file, sizeof(st->file), "mail1-20261126-090507-002.cap");
	st->size = 1048576;
	st->total = 3145728;
	st->packets = 12345;
	st->dropped = 7;
	st->not_written = 5;
	st->started = 1795000000;
	st->elapsed_ms = 3723000;
	st->end = END_DISK_FULL;
	snprintf(st->message, sizeof(st->message), "x.cap: No space left on device");
	st->set.ring = 3;
	snprintf(st->set.filter, sizeof(st->set.filter), "tcp port 25");
}

START_TEST(test_round_trip)
{
	struct state a, b;
	struct memout m;
	char *text;

	sample(&a);
	/* every field, the headroom figures and -B's size included */
	a.write_peak = 4193324;
	a.write_cap = 134217728;
	a.ring_blocks = 32;
	a.ring_free_min = 31;
	a.set.bufsize = 8 << 20;
	memout_open(&m);
	state_write(&a, m.f);
	text = memout_close(&m);
	ck_assert_ptr_nonnull(strstr(text, "write_peak = 4193324\nwrite_cap = 134217728\n"
	    "ring_blocks = 32\nring_free_min = 31\n"));
	ck_assert_ptr_nonnull(strstr(text, "buffer_size = 8M\n"));
	ck_assert_int_eq(state_parse(text, strlen(text), &b), 0);
	ck_assert_mem_eq(&a, &b, sizeof(a));
	free(text);
}
END_TEST

START_TEST(test_malformed)
{
	static const char *const bad[] = {
		"", "file = a-20261126-000000.cap\n", "pid = x\n", "pid = -1\n",
		"pid = 1\nfile = ../etc/passwd\n", "pid = 1\nend = exploded\n",
		"pid = 1\nsize = 1k\n", "pid=1\n", "pid = 1\nbogus = 2\n",
		"pid = 1\nmax_size = 0\n", "pid = 1\nring_blocks = -1\n",
		"pid = 1\nbuffer_size = 512k\n", "pid = 1\nbuffer_size = 2G\n",
	};
	struct state st;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *copy = exact_copy(bad[i], strlen(bad[i]));

		ck_assert_msg(state_parse(copy, strlen(bad[i]), &st) == -1, "%s", bad[i]);
		free(copy);
	}
}
END_TEST

/* A line with a NUL in it, or longer than any field's line can be, is no state file. */
START_TEST(test_malformed_lines)
{
	static const char nul[] = "pid = 1\nfile\0 = a-20261126-000000.cap\n";
	size_t n = 8 + 9 + EPCAP_FILTER_MAX + 64 + 1;
	char *lng = malloc(n);
	struct state st;

	ck_assert_ptr_nonnull(lng);
	ck_assert_int_eq(state_parse(nul, sizeof(nul) - 1, &st), -1);
	/* a line past the reader's buffer (EPCAP_FILTER_MAX + 64), whatever its field */
	memcpy(lng, "pid = 1\nfilter = ", 17);
	memset(lng + 17, 'a', n - 17);
	lng[n - 1] = '\n';
	ck_assert_int_eq(state_parse(lng, n, &st), -1);
	free(lng);
}
END_TEST

/* Saved atomically in a directory and loaded back. */
START_TEST(test_save_load)
{
	char dir[] = "/tmp/esa-pcap-state-XXXXXX";
	struct state a, b;
	int dirfd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	sample(&a);
	ck_assert_int_eq(state_save(dirfd, &a), 0);
	a.packets++;
	ck_assert_int_eq(state_save(dirfd, &a), 0);
	ck_assert_int_eq(state_load(dirfd, &b), 0);
	ck_assert_uint_eq(b.packets, 12346);
	ck_assert_int_eq(faccessat(dirfd, ".esa-pcap.state.tmp", F_OK, 0), -1);
	unlinkat(dirfd, EPCAP_STATE_NAME, 0);
	close(dirfd);
	rmdir(dir);
}
END_TEST

START_TEST(test_summary)
{
	struct state st;
	struct memout m;
	char *text;

	sample(&st);
	memout_open(&m);
	print_summary(m.f, &st);
	text = memout_close(&m);
	ck_assert_str_eq(text,
	    "Capture ended: disk full\n"
	    "Reason: x.cap: No space left on device\n"
	    "File: mail1-20261126-090507-002.cap\n"
	    "Size: 1048576 bytes\n"
	    "Duration: 1h 2m 3s\n"
	    "12345 packets captured\n"
	    "5 packets read but not written\n"
	    "7 packets dropped by kernel\n");
	free(text);
}
END_TEST

/* The headroom lines, in the summary and in status, when the capture knew them. */
START_TEST(test_headroom)
{
	struct state st;
	struct memout m;
	char *text;

	sample(&st);
	st.write_peak = 8 << 20;
	st.write_cap = 128 << 20;
	st.ring_blocks = 256;
	st.ring_free_min = 251;
	memout_open(&m);
	print_summary(m.f, &st);
	text = memout_close(&m);
	ck_assert_str_eq(text,
	    "Capture ended: disk full\n"
	    "Reason: x.cap: No space left on device\n"
	    "File: mail1-20261126-090507-002.cap\n"
	    "Size: 1048576 bytes\n"
	    "Duration: 1h 2m 3s\n"
	    "Write buffers, peak: 8.0M of 128.0M\n"
	    "Ring free, lowest: 251 of 256 blocks\n"
	    "12345 packets captured\n"
	    "5 packets read but not written\n"
	    "7 packets dropped by kernel\n");
	free(text);
	st.end = END_RUNNING;
	st.message[0] = '\0';
	st.write_peak = 4193324;
	st.ring_free_min = 0;
	memout_open(&m);
	print_status(m.f, &st, true, &st.set, false);
	text = memout_close(&m);
	ck_assert_ptr_nonnull(strstr(text,
	    "    Packets not written:    5\n"
	    "    Write buffers, peak:    4.0M of 128.0M\n"
	    "    Ring free, lowest:      0 of 256 blocks\n"
	    "\n"
	    "Current Settings:\n"));
	free(text);
}
END_TEST

START_TEST(test_status_text)
{
	struct state st;
	struct memout m;
	char *text;

	sample(&st);
	st.end = END_RUNNING;
	st.message[0] = '\0';
	memout_open(&m);
	print_status(m.f, &st, true, &st.set, false);
	text = memout_close(&m);
	ck_assert_str_eq(text,
	    "Capture Information:\n"
	    "    Status:                 Capture in progress (pid 4242)\n"
	    "    File Name:              mail1-20261126-090507-002.cap\n"
	    "    File Size:              1.0M\n"
	    "    Duration:               1h 2m 3s\n"
	    "    Packets captured:       12345\n"
	    "    Packets dropped:        7\n"
	    "    Packets not written:    5\n"
	    "\n"
	    "Current Settings:\n"
	    "    Max file size:          200.0M\n"
	    "    Capture Limit:          None (Run Indefinitely)\n"
	    "    Ring:                   the newest 3 files\n"
	    "    Capture Interfaces:     any\n"
	    "    Capture Filter:         (tcp port 25)\n");
	free(text);
}
END_TEST

Suite *
suite_pcapstate(void)
{
	Suite *s = suite_create("pcapstate");
	TCase *tc = tcase_create("pcapstate");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_malformed_lines);
	tcase_add_test(tc, test_save_load);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_headroom);
	tcase_add_test(tc, test_status_text);
	suite_add_tcase(s, tc);
	return s;
}
