/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_nl_genl.c - a generic netlink controller dump from outside, through nl_genl_family_parse(). */
#include <stdint.h>
#include <stdlib.h>

#include "nl.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
cb(const struct nlmsghdr *nlh, void *data)
{
	uint16_t id = 0;
	int r = nl_genl_family_parse(nlh, "ethtool", &id);

	CHECK(r >= -1 && r <= 1);
	if (r == 1)
		++*(int *)data;
	return MNL_CB_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int found = 0;

	(void)nl_replay(data, size, cb, &found);
	return 0;
}
