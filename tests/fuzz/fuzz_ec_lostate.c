/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_ec_lostate.c - esa-etherconfig's loopback state file from outside: parse, write, parse again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../bin/esa-etherconfig/etherconfig.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lo_state s, t;
	char buf[512];
	int n;

	if (loopback_state_parse((const char *)data, size, &s, NULL) < 0)
		return 0;
	/* what was accepted writes back and reads the same */
	CHECK(s.prefix_len == (s.addr.family == 2 ? 32u : 128u));
	CHECK(loopback_addr_refusal(&s.addr) == NULL);
	CHECK(s.arp_ignore >= 0 && s.arp_ignore <= 8 && s.arp_announce >= 0 && s.arp_announce <= 2);
	n = loopback_state_format(&s, buf, sizeof(buf));
	CHECK(n > 0);
	CHECK(loopback_state_parse(buf, (size_t)n, &t, NULL) == 0);
	CHECK(t.addr.family == s.addr.family && t.prefix_len == s.prefix_len);
	CHECK(memcmp(t.addr.u.bytes, s.addr.u.bytes, 16) == 0);
	CHECK(t.arp_ignore == s.arp_ignore && t.arp_announce == s.arp_announce);
	return 0;
}
