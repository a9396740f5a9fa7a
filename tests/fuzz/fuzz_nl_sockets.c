/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_nl_sockets.c - a sock_diag dump from outside through esa-netstat's views 1 and 4. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include "../../bin/esa-netstat/netstat.h"
#include "addr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct ctx {
	FILE *out;
	struct json j;
	struct listener seen[8];
	size_t n;
};

static int
entry_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ctx *c = data;
	struct sockdiag_sock s;
	int r = sockdiag_parse(nlh, IPPROTO_TCP, &s);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	sockets_unmap(&s);
	(void)sockets_listed(&s, false);
	(void)sockets_family_match(&s, AF_INET);
	sockets_print_row(c->out, &s, ADDR_NUMERIC);
	sockets_print_json(&c->j, &s, ADDR_NUMERIC);
	/* the first few act as listeners, later ones are matched against them */
	if (c->n < 8) {
		c->seen[c->n++] = (struct listener){ .s = s };
	} else {
		struct listener *owner = listen_owner(c->seen, c->n, &s);

		if (owner != NULL)
			listen_print_row(c->out, owner, ADDR_NUMERIC, false);
	}
	return MNL_CB_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct ctx c = { 0 };

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	c.out = devnull;
	json_init(&c.j, devnull, 0);
	json_array_open(&c.j);
	(void)nl_replay(data, size, entry_cb, &c);
	json_array_close(&c.j);
	json_end(&c.j);
	return 0;
}
