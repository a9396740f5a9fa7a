/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_services.c - a services data file from outside, through the legend parser and printer. */
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../bin/esa-tcpservices/tcpservices.h"
#include "addr.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
bad(void *ctx, size_t line, const char *why)
{
	size_t *n = ctx;

	CHECK(line > 0 && why != NULL && *why != '\0');
	(*n)++;
}

/*
 * Parsed twice (the second time every name is already known: an override), then
 * printed with rows named after the entries. Every entry must be well formed.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct legend l = { 0 };
	struct sockdiag_sock s = { .family = AF_INET, .protocol = IPPROTO_TCP, .sport = 25 };
	struct row rows[8];
	size_t nbad = 0, n, skipped;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	skipped = legend_parse(&l, (const char *)data, size, bad, &nbad);
	CHECK(skipped == nbad);
	n = l.n;
	legend_parse(&l, (const char *)data, size, NULL, NULL);
	CHECK(l.n == n);
	for (size_t i = 0; i < l.n; i++) {
		size_t nl = strlen(l.v[i].name), dl = strlen(l.v[i].desc);

		CHECK(nl > 0 && nl <= LEGEND_NAME_MAX && dl > 0 && dl <= LEGEND_LINE_MAX);
		CHECK(strpbrk(l.v[i].name, " \t\r\n") == NULL);
		CHECK(l.v[i].desc[0] != ' ' && l.v[i].desc[dl - 1] != ' ');
		CHECK(l.v[i].section == LEGEND_SYSTEM || l.v[i].section == LEGEND_FEATURE);
		CHECK(legend_find(&l, l.v[i].name) == &l.v[i]);
	}
	for (n = 0; n < l.n && n < 8; n++) {
		rows[n] = (struct row){ .pid = (pid_t)n + 1, .s = &s };
		snprintf(rows[n].comm, sizeof(rows[n].comm), "%.15s", l.v[n].name);
	}
	struct report rp = { .rows = rows, .n = n, .legend = &l, .addr_flags = ADDR_NUMERIC };

	report_text(devnull, &rp);
	report_json(devnull, &rp);
	legend_free(&l);
	return 0;
}
