/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_ec_link.c - a link dump from outside, into esa-etherconfig's table of VLAN ids and MTU limits. */
#include <stdint.h>
#include <stdlib.h>

#include "../../bin/esa-etherconfig/etherconfig.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iftable t = { 0 };

	(void)nl_replay(data, size, iftable_add, &t);
	iftable_sort(&t);
	CHECK(t.nx == t.links.n);
	for (size_t i = 0; i < t.nx; i++) {
		const struct ifextra *x = &t.x[i];
		const struct link *l = link_by_index(&t.links, x->index);

		CHECK(iftable_extra(&t, x->index) != NULL);
		CHECK(l != NULL);
		/* a VLAN whose parent is in another namespace names no link of ours */
		if (x->is_vlan && !x->parent_elsewhere)
			CHECK(iftable_vlan(&t, l->parent, x->vid) != NULL);
		(void)iftable_is_ethernet(&t, l);
		(void)mtu_in_range(x, l->mtu);
	}
	iftable_free(&t);
	return 0;
}
