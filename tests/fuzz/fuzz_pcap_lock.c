/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_pcap_lock.c - libFuzzer harness for esa-pcap's reader of /proc/locks and fdinfo
 * lock lines: any text, no crash, and a count that stores no more than it may. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../bin/esa-pcap/epcap.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long pids[3] = { 0, 0, 0 }, guard = 0x5a5a;
	struct lock_key key = { 0xfe, 0, 10953826, false };
	size_t n, any_dev, any_file;
	char *p;

	if ((p = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(p, data, size);
	n = lock_holders(p, size, &key, pids, 2);
	CHECK(pids[2] == 0 && guard == 0x5a5a);
	for (size_t i = 0; i < n && i < 2; i++)
		CHECK(pids[i] > 0);
	/* no holder is counted that a line of its own does not name */
	CHECK(n <= size / 30);
	/* a wider key finds every line a narrower one does */
	key.any_dev = true;
	any_dev = lock_holders(p, size, &key, NULL, 0);
	any_file = lock_holders(p, size, NULL, NULL, 0);
	CHECK(n <= any_dev && any_dev <= any_file && any_file <= size / 30);
	free(p);
	return 0;
}
