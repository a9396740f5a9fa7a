/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_choices.c - esa-cli's reader of the tools' JSON (interfaces, MX hosts) on any input. */
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
	int depth;
	long n;

	for (depth = 1; depth <= 2; depth++) {
		n = choices_parse((const char *)data, size, depth == 1 ? "host" : "interface",
		    depth, &names);

		if (n < 0) {
			CHECK(names == NULL);
			continue;
		}
		CHECK(n <= CHOICES_MAX);
		for (long i = 0; i < n; i++)
			CHECK(strlen(names[i]) < CHOICES_LEN);
		choices_free(names, (size_t)n);
	}
	/* the interfaces as esa-cli offers them: the alias, else the kernel name */
	n = choices_pick((const char *)data, size, "alias", "interface", 2, &names);
	if (n < 0) {
		CHECK(names == NULL);
	} else {
		CHECK(n <= CHOICES_MAX);
		for (long i = 0; i < n; i++)
			CHECK(strlen(names[i]) < CHOICES_LEN);
		choices_free(names, (size_t)n);
	}
	return 0;
}
