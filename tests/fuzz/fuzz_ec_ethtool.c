/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_ec_ethtool.c - ethtool replies from outside, into esa-etherconfig's media rows and listing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/ethtool.h>

#include "../../bin/esa-etherconfig/etherconfig.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct media_table t = { 0 };
	struct media_row rows[4];
	char buf[64];
	size_t n = 0;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	(void)nl_replay(data, size, ethtool_table_add, &t);
	for (size_t i = 0; i < t.n; i++) {
		const struct media *m = &t.v[i];

		CHECK(m->index != 0);
		CHECK(media_find(&t, m->index) == m);
		CHECK(m->duplex == DUPLEX_HALF || m->duplex == DUPLEX_FULL ||
		    m->duplex == DUPLEX_UNKNOWN);
		CHECK(m->speed == ETHTOOL_SPEED_UNKNOWN || (m->speed > 0 && m->speed <= INT32_MAX));
		CHECK(m->link >= -1 && m->link <= 1);
		{
			struct media_choice v[64];
			size_t k = media_choices(m, v, 64);

			/* each speed and duplex once, by speed, half before full */
			for (size_t c = 1; c < k; c++)
				CHECK(v[c - 1].speed < v[c].speed || (v[c - 1].speed == v[c].speed &&
				    v[c - 1].duplex == DUPLEX_HALF && v[c].duplex == DUPLEX_FULL));
			CHECK(m->has_supported || (k == 0 && !media_can_autoneg(m)));
		}
		listing_medium(buf, sizeof(buf), m);
		CHECK(strlen(buf) < sizeof(buf) - 1);
		if (n < 4)
			rows[n++] = (struct media_row){ m->index, "x", "x", NULL, 0, m, NULL };
	}
	listing_media(devnull, false, rows, n);
	listing_media(devnull, true, rows, n);
	media_table_free(&t);
	return 0;
}
