/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_nl_route.c - a route dump from outside, through each pass's header check,
 * parsing, next hops and both printers.
 */
#include <netdb.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rtnetlink.h>

#include "../../bin/esa-netstat/routes.h"
#include "addr.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct link links[] = {
	{ .index = 1, .name = "lo" },
	{ .index = 2, .name = "v1", .alias = (char *)"Data \033 2" },
	{ .index = 3, .name = "v0", .alias = (char *)"D\xc3\xa4ta 1 is a long alias" },
};

struct ctx {
	struct link_table links;
	struct rprinter text, wide, json;
};

static int
route_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ctx *c = data;
	char dname[NI_MAXHOST], gname[NI_MAXHOST], flags[16];
	struct route r;
	struct hop h;
	size_t pos = 0, hops = 0;
	bool skips[PASS_OWN + 1];
	int rc;

	for (int p = PASS_ALL; p <= PASS_OWN; p++)
		skips[p] = pass_skips(nlh, (enum pass)p);
	rc = route_parse(nlh, &r);
	CHECK(!skips[PASS_ALL]);
	if (rc <= 0)
		return rc < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	/* the header check agrees with the parsed route: it never drops one a pass lists */
	CHECK(skips[PASS_DEFAULTS] == (r.dst_len != 0));
	CHECK(skips[PASS_REST] == (r.dst_len == 0));
	CHECK(skips[PASS_OWN] == (r.type != RTN_LOCAL));
	CHECK(r.family == AF_INET || r.family == AF_INET6);
	CHECK(r.dst_len <= (r.family == AF_INET ? 32 : 128));
	(void)route_listed(&r);
	route_describe(&r, &c->links, 100, ADDR_NUMERIC, dname, sizeof(dname));
	while (route_hop(&r, &pos, &h)) {
		CHECK(++hops <= r.mp_len / 8 + 1);
		route_describe_hop(&r, &h, &c->links, ADDR_NUMERIC, gname, sizeof(gname));
		CHECK(strlen(route_flags(&r, &h, flags, sizeof(flags))) <= 7);
		rprint_route(&c->text, &r, &h);
		rprint_route(&c->wide, &r, &h);
		rprint_route(&c->json, &r, &h);
	}
	return MNL_CB_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct ctx c = { .links = { links, 3, 3 } };

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	rprint_open(&c.text, devnull, false, false, false);
	rprint_open(&c.wide, devnull, false, true, true);
	rprint_open(&c.json, devnull, true, true, false);
	(void)nl_replay(data, size, route_cb, &c);
	rprint_close(&c.text);
	rprint_close(&c.wide);
	rprint_close(&c.json);
	return 0;
}
