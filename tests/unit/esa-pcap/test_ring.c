/* SPDX-License-Identifier: BSD-2-Clause */
/* test_ring.c - finding the kernel's capture ring in /proc/self/maps text. */
#include <string.h>

#include "../../../bin/esa-pcap/epcap.h"
#include "../check_esa.h"
#include "esa.h"
#include "suites.h"

/* A line as Linux 6.1 prints a packet socket's ring (seen mapped by tcpdump -B 8192). */
#define RING_LINE "7f0286380000-7f0286b80000 rw-s 00000000 00:09 8237808" \
	"                    socket:[8237808]"

static int
find(const char *text, uint64_t ino, uint64_t *start, uint64_t *size)
{
	return ring_map_find(text, strlen(text), ino, start, size);
}

START_TEST(test_found)
{
	uint64_t start = 0, size = 0;

	ck_assert_int_eq(find(RING_LINE "\n", 8237808, &start, &size), 0);
	ck_assert_uint_eq(start, UINT64_C(0x7f0286380000));
	ck_assert_uint_eq(size, 8 << 20);
	/* among other mappings, with no newline after the last line */
	ck_assert_int_eq(find(
	    "55ca0c2f0000-55ca0c320000 r--p 00000000 fe:00 10977312                   /usr/bin/tcpdump\n"
	    "7f0286b80000-7f0286bc4000 rw-p 00000000 00:00 0 \n"
	    "7f0000000000-7f0000040000 rw-s 00000000 00:09 99                    socket:[99]\n"
	    RING_LINE, 8237808, &start, &size), 0);
	ck_assert_uint_eq(start, UINT64_C(0x7f0286380000));
	ck_assert_uint_eq(size, 8 << 20);
}
END_TEST

START_TEST(test_not_found)
{
	static const char *const bad[] = {
		"",
		"\n\n",
		/* another socket, a longer and a shorter inode number */
		"7f0286380000-7f0286b80000 rw-s 00000000 00:09 8237809      socket:[8237809]\n",
		"7f0286380000-7f0286b80000 rw-s 00000000 00:09 82378080      socket:[82378080]\n",
		"7f0286380000-7f0286b80000 rw-s 00000000 00:09 823780      socket:[823780]\n",
		/* the path says it, the inode column does not, and the other way round */
		"7f0286380000-7f0286b80000 rw-s 00000000 00:09 1      socket:[8237808]\n",
		"7f0286380000-7f0286b80000 rw-s 00000000 00:09 8237808      socket:[1]\n",
		/* a file whose name ends like the socket's path is a file */
		"7f0286380000-7f0286b80000 rw-s 00000000 fe:00 8237808      /tmp/a socket:[8237808]\n",
		"7f0286380000-7f0286b80000 rw-s 00000000 00:09 8237808      socket:[8237808] (deleted)\n",
		/* addresses: upper case, empty, reversed, equal, more than 64 bits */
		"7F0286380000-7F0286B80000 rw-s 00000000 00:09 8237808      socket:[8237808]\n",
		"-7f0286b80000 rw-s 00000000 00:09 8237808      socket:[8237808]\n",
		"7f0286b80000-7f0286380000 rw-s 00000000 00:09 8237808      socket:[8237808]\n",
		"7f0286380000-7f0286380000 rw-s 00000000 00:09 8237808      socket:[8237808]\n",
		"17f02863800000000-27f02863800000000 rw-s 00000000 00:09 8237808      socket:[8237808]\n",
		/* fields missing */
		"7f0286380000-7f0286b80000 socket:[8237808]\n",
		"7f0286380000-7f0286b80000 rw-s 00000000 00:09 8237808\n",
		"7f0286380000-7f0286b80000",
	};
	uint64_t start = 7, size = 7;

	for (size_t i = 0; i < ESA_NELEM(bad); i++) {
		ck_assert_msg(find(bad[i], 8237808, &start, &size) == -1, "line %zu", i);
		ck_assert_uint_eq(start, 7);
		ck_assert_uint_eq(size, 7);
	}
}
END_TEST

/* LEN bounds the text: what follows it is never read as part of the line. */
START_TEST(test_length)
{
	static const char text[] = RING_LINE "7\n";
	uint64_t start, size;

	ck_assert_int_eq(ring_map_find(text, strlen(RING_LINE), 8237808, &start, &size), 0);
	ck_assert_int_eq(ring_map_find(text, strlen(RING_LINE) - 1, 8237808, &start, &size), -1);
	ck_assert_int_eq(ring_map_find(text, strlen(text), 8237808, &start, &size), -1);
	ck_assert_int_eq(ring_map_find(text, strlen(text), 82378087, &start, &size), -1);
}
END_TEST

Suite *
suite_pcapring(void)
{
	Suite *s = suite_create("pcapring");
	TCase *tc = tcase_create("pcapring");

	tcase_add_test(tc, test_found);
	tcase_add_test(tc, test_not_found);
	tcase_add_test(tc, test_length);
	suite_add_tcase(s, tc);
	return s;
}
