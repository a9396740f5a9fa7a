/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_pcap_ring.c - libFuzzer harness for esa-pcap's reader of /proc/self/maps: any
 * text, no crash, and a ring found only where a line names its socket. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../bin/esa-pcap/epcap.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t start = 1, len = 1;
	char *p;

	/* an exact-size copy: ASan sees any read past LEN */
	if ((p = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(p, data, size);
	if (ring_map_find(p, size, 8237808, &start, &len) == 0) {
		/* a whole line "LO-HI ... 8237808 socket:[8237808]" is at least this long */
		CHECK(size >= sizeof("0-1 r 0 0 8237808 socket:[8237808]") - 1);
		CHECK(len > 0 && start + len > start);
		CHECK(memmem(p, size, " socket:[8237808]", 17) != NULL);
	} else {
		CHECK(start == 1 && len == 1);
	}
	free(p);
	return 0;
}
