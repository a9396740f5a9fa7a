/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_pcap_repair.c - libFuzzer harness for esa-pcap's tail repair: the length it keeps is
 * a pcap header and whole records, checked by a second walk written apart from repair.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../bin/esa-pcap/epcap.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static uint32_t
rd(const uint8_t *p, int big)
{
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3] :
	    (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *p = malloc(size ? size : 1);
	uint64_t records = 0, n = 0;
	long long whole;
	size_t off;
	int big;

	if (p == NULL)
		abort();
	if (size)
		memcpy(p, data, size);
	whole = repair_length(p, size, &records);
	if (whole < 0) {
		free(p);
		return 0;
	}
	CHECK(whole >= 24 && (size_t)whole <= size);
	/* the magic in either byte order decides how the fields read */
	big = rd(p, 1) == 0xa1b2c3d4 || rd(p, 1) == 0xa1b23c4d;
	CHECK(big || rd(p, 0) == 0xa1b2c3d4 || rd(p, 0) == 0xa1b23c4d);
	for (off = 24; off < (size_t)whole; n++) {
		uint32_t incl = rd(p + off + 8, big), orig = rd(p + off + 12, big);

		CHECK((size_t)whole - off >= 16);
		CHECK(incl <= orig && orig != 0);
		CHECK((size_t)whole - off - 16 >= incl);
		off += 16 + incl;
	}
	CHECK(off == (size_t)whole && n == records);
	/* the kept part is stable: repairing it again keeps all of it */
	CHECK(repair_length(p, (size_t)whole, NULL) == whole);
	free(p);
	return 0;
}
