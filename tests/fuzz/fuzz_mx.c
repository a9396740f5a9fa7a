/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_mx.c - esa-smtpping's MX answer parser and MX printers on any DNS answer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../bin/esa-smtpping/smtpping.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct opts o = { .count = 1 };
	struct printer p = { .o = &o, .target = "example.com", .port = 25 };
	struct mx_list l;
	const char *why = NULL;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	if (mx_parse(data, size, &l, &why) < 0) {
		CHECK(why != NULL);
		return 0;
	}
	CHECK(l.n <= MX_MAX);
	for (size_t i = 0; i < l.n; i++) {
		CHECK(memchr(l.mx[i].name, '\0', sizeof(l.mx[i].name)) != NULL);
		if (i > 0)
			CHECK(l.mx[i - 1].pref <= l.mx[i].pref);
	}
	p.out = devnull;
	print_mx(&p, "example.com", &l);
	o.json = true;
	print_mx(&p, "example.com", &l);
	return 0;
}
