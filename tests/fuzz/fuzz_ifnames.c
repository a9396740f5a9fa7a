/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_ifnames.c - esa-cli's reader of esa-netstat -i -j on any input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../bin/esa-cli/cli.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char **names;
	long n = ifnames_parse((const char *)data, size, &names);

	if (n < 0) {
		CHECK(names == NULL);
		return 0;
	}
	CHECK(n <= IFNAMES_MAX);
	for (long i = 0; i < n; i++)
		CHECK(strlen(names[i]) < IFNAMES_LEN);
	ifnames_free(names, (size_t)n);
	return 0;
}
