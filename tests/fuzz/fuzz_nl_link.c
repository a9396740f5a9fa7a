/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_nl_link.c - a link dump from outside, into the interface table and its lookups. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct link_table t = { 0 };

	(void)nl_replay(data, size, link_table_add, &t);
	link_table_sort(&t);
	for (size_t i = 0; i < t.n; i++) {
		const struct link *l = &t.links[i];

		if (link_by_index(&t, l->index) == NULL)
			abort();
		/* a kernel name always finds a link (maybe an earlier one of that name) */
		if (link_by_name(&t, l->name) == NULL)
			abort();
		if (l->alias != NULL)
			(void)link_by_name(&t, l->alias);
		if (strlen(link_display(l)) == 0 && l->alias != NULL)
			abort();
	}
	link_table_free(&t);
	return 0;
}
