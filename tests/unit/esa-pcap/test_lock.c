/* SPDX-License-Identifier: BSD-2-Clause */
/* test_lock.c - reading the holders of a flock from /proc/locks and fdinfo text. */
#include <string.h>

#include "../../../bin/esa-pcap/epcap.h"
#include "../check_esa.h"
#include "suites.h"

/* As Linux 6.x prints them (fs/locks.c): a held write flock, a waiter, a read lock. */
static const char locks[] =
    "1: FLOCK  ADVISORY  WRITE 4242 fe:00:10953826 0 EOF\n"
    "1: -> FLOCK  ADVISORY  WRITE 4343 fe:00:10953826 0 EOF\n"
    "2: FLOCK  ADVISORY  READ 4444 fe:00:10953826 0 EOF\n"
    "3: POSIX  ADVISORY  WRITE 4545 fe:00:10953826 0 EOF\n"
    "4: FLOCK  ADVISORY  WRITE 4646 fe:01:10953826 0 EOF\n"
    "5: FLOCK  ADVISORY  WRITE 4747 fe:00:10953827 0 EOF\n"
    "6: OFDLCK ADVISORY  WRITE -1 fe:00:10953826 0 EOF\n"
    "7: FLOCK  ADVISORY  WRITE 4848 08:11:10953826 0 EOF";

static const struct lock_key fe00 = { 0xfe, 0, 10953826, false };
static const struct lock_key sd11 = { 8, 0x11, 10953826, false };
static const struct lock_key ino1 = { 0xfe, 0, 1, false };

START_TEST(test_proc_locks)
{
	static const char one[] = "1: FLOCK  ADVISORY  WRITE 1 fe:00:10953826 0 EOF\n";
	long pids[4] = { 0 };

	ck_assert_uint_eq(lock_holders(locks, strlen(locks), &fe00, pids, 4), 1);
	ck_assert_int_eq(pids[0], 4242);
	ck_assert_uint_eq(lock_holders(locks, strlen(locks), &sd11, pids, 4), 1);
	ck_assert_int_eq(pids[0], 4848);
	ck_assert_uint_eq(lock_holders(locks, strlen(locks), &ino1, pids, 4), 0);
	/* PID 1 is a process like any other (a capture started as a container's init) */
	ck_assert_uint_eq(lock_holders(one, strlen(one), &fe00, pids, 4), 1);
	ck_assert_int_eq(pids[0], 1);
	/* counted past MAX, never stored there */
	ck_assert_uint_eq(lock_holders(locks, strlen(locks), &fe00, NULL, 0), 1);
}
END_TEST

START_TEST(test_fdinfo)
{
	static const char info[] =
	    "pos:\t0\nflags:\t0100000\nmnt_id:\t27\nino:\t10953826\n"
	    "lock:\t1: FLOCK  ADVISORY  WRITE 17371 fe:00:10953826 0 EOF\n";
	static const char shared[] =
	    "pos:\t0\nflags:\t0100000\nlock:\t1: FLOCK  ADVISORY  READ 17371 fe:00:10953826 0 EOF\n";
	long pid = 0;

	ck_assert_uint_eq(lock_holders(info, strlen(info), &fe00, &pid, 1), 1);
	ck_assert_int_eq(pid, 17371);
	ck_assert_uint_eq(lock_holders(shared, strlen(shared), &fe00, &pid, 1), 0);
	/* cut anywhere, a line is whole or not counted */
	ck_assert_uint_eq(lock_holders(info, strlen(info) - 20, &fe00, &pid, 1), 0);
	ck_assert_uint_eq(lock_holders("", 0, &fe00, &pid, 1), 0);
}
END_TEST

/*
 * A capture directory on overlayfs with its layers on two file systems (the VM tier's
 * guest), as Linux printed it: stat gave the lock file device 00:2a and inode 9, its
 * fdinfo line names the overlay's own device 00:29.
 */
START_TEST(test_fdinfo_overlay)
{
	static const char info[] =
	    "pos:\t0\nflags:\t02100000\nmnt_id:\t412\nino:\t9\n"
	    "lock:\t1: FLOCK  ADVISORY  WRITE 20208 00:29:9 0 EOF\n";
	static const char others[] =
	    "pos:\t0\nflags:\t0100000\n"
	    "lock:\t1: FLOCK  ADVISORY  READ 20208 00:29:9 0 EOF\n"
	    "lock:\t2: POSIX  ADVISORY  WRITE 20208 00:29:9 0 EOF\n"
	    "lock:\t3: -> FLOCK  ADVISORY  WRITE 20209 00:29:9 0 EOF\n"
	    "ino:\t9\n";
	static const struct lock_key stat_key = { 0, 0x2a, 9, false };
	struct lock_key any = stat_key;
	long pids[4] = { 0 };

	ck_assert_uint_eq(lock_holders(info, strlen(info), &stat_key, NULL, 0), 0);
	/* fdinfo's lines are that descriptor's own: no file named (proc_holds) */
	ck_assert_uint_eq(lock_holders(info, strlen(info), NULL, pids, 4), 1);
	ck_assert_int_eq(pids[0], 20208);
	ck_assert_uint_eq(lock_holders(others, strlen(others), NULL, NULL, 0), 0);
	ck_assert_uint_eq(lock_holders(info, strlen(info) - 20, NULL, NULL, 0), 0);
	/* /proc/locks: by inode alone when device and inode found nothing (candidates) */
	any.any_dev = true;
	ck_assert_uint_eq(lock_holders(info, strlen(info), &any, pids, 4), 1);
	any.ino = 8;
	ck_assert_uint_eq(lock_holders(info, strlen(info), &any, pids, 4), 0);
	/* every write flock of LOCKS: 4242, 4646, 4747 and 4848 */
	ck_assert_uint_eq(lock_holders(locks, strlen(locks), NULL, pids, 4), 4);
	ck_assert_int_eq(pids[3], 4848);
	any = fe00;
	any.any_dev = true;
	ck_assert_uint_eq(lock_holders(locks, strlen(locks), &any, pids, 4), 3);
	ck_assert_int_eq(pids[1], 4646);
	ck_assert_int_eq(pids[2], 4848);
}
END_TEST

Suite *
suite_pcaplock(void)
{
	Suite *s = suite_create("pcaplock");
	TCase *tc = tcase_create("pcaplock");

	tcase_add_test(tc, test_proc_locks);
	tcase_add_test(tc, test_fdinfo);
	tcase_add_test(tc, test_fdinfo_overlay);
	suite_add_tcase(s, tc);
	return s;
}
