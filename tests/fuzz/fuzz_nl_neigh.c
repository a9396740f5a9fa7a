/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_nl_neigh.c - a neighbour dump from outside, through parsing, description and printing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../bin/esa-arpshow/arpshow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct link links[] = {
	{ .index = 1, .type = 772, .name = "lo" },
	{ .index = 2, .type = 1, .name = "v1", .kind = "vlan" },
	{ .index = 3, .type = 1, .name = "v0", .alias = (char *)"Data \033 1" },
};

struct ctx {
	struct link_table links;
	struct ntable nt;
	struct printer text, json;
	struct opts o;
};

static int
entry_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ctx *c = data;
	struct neigh n;
	int r = neigh_parse(nlh, &n);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	(void)neigh_dynamic(&n);
	(void)neigh_matches(&n, &c->o);
	if (!neigh_listed(&n))
		return MNL_CB_OK;
	neigh_describe(&n, &c->links);
	neigh_lifetime(&n, ntable_reachable_ms(&c->nt, n.ifindex), 100);
	n.hostname = n.family == AF_INET6 ? "h\033.example" : NULL;
	print_table(&c->text, n.family);
	print_neigh(&c->text, &n);
	print_neigh(&c->json, &n);
	return MNL_CB_OK;
}

/* The input is replayed as a whole reply: as neighbour table parameters, then entries. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct ctx c = { .links = { links, 3, 3 } };

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	c.o.host = "192.0.2.1";
	c.o.hostaddr.family = AF_INET;
	c.o.ifindex = 3;
	(void)nl_replay(data, size, ntable_add, &c.nt);
	ntable_sort(&c.nt);
	print_open(&c.text, devnull, false);
	print_open(&c.json, devnull, true);
	(void)nl_replay(data, size, entry_cb, &c);
	print_close(&c.text);
	print_close(&c.json);
	ntable_free(&c.nt);
	return 0;
}
