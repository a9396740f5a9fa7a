/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_nl_sockdiag.c - a sock_diag dump from outside, through parsing, the inode set and printing. */
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

/*
 * The input is replayed as a TCP dump and as a UDP dump into one set; every kept
 * socket must be a service and be found by its inode; then each is printed as a
 * row of a process (text and JSON).
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct listeners l = { 0 };
	struct row *rows;
	const char **users;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	(void)nl_replay(data, size, listeners_add_tcp, &l);
	(void)nl_replay(data, size, listeners_add_udp, &l);
	listeners_index(&l);
	rows = calloc(l.n + 1, sizeof(*rows));
	users = calloc(l.n + 1, sizeof(*users));
	CHECK(rows != NULL && users != NULL);
	for (size_t i = 0; i < l.n; i++) {
		const struct sockdiag_sock *s = listeners_find(&l, l.v[i].inode);

		CHECK(listeners_wanted(&l.v[i]) && l.v[i].inode != 0);
		CHECK(s != NULL && s->inode == l.v[i].inode);
		CHECK(l.v[i].family == AF_INET || l.v[i].family == AF_INET6);
		rows[i].pid = (pid_t)i + 1;
		rows[i].uid = l.v[i].uid;
		rows[i].s = &l.v[i];
		snprintf(rows[i].comm, sizeof(rows[i].comm), "%s", i % 2 ? "api_server" : "x\033");
		users[i] = i % 3 ? "root" : NULL;
	}
	rows_sort(rows, l.n);
	struct report rp = { .rows = rows, .n = l.n, .users = users,
	    .addr_flags = ADDR_NUMERIC };

	report_text(devnull, &rp);
	report_json(devnull, &rp);
	free(rows);
	free(users);
	listeners_free(&l);
	return 0;
}
