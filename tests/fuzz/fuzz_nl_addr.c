/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_nl_addr.c - an address dump from outside, into the interface table's rows and
 * printers, and into esa-arpshow's permanent entries for the host's own addresses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net/if.h>

#include <linux/neighbour.h>

#include "../../bin/esa-arpshow/arpshow.h"
#include "../../bin/esa-netstat/interfaces.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct link links[] = {
	{ .index = 1, .name = "lo", .flags = IFF_UP },
	{ .index = 2, .name = "v1", .alias = (char *)"Data \033 2", .addrlen = 6 },
	{ .index = 3, .name = "v0", .alias = (char *)"D\xc3\xa4ta 1", .flags = IFF_UP },
	{ .index = 4, .name = "lo", .flags = IFF_UP | IFF_LOOPBACK, .addrlen = 6 },
};

/* esa-arpshow: the own addresses of one family, checked against the link table. */
struct own {
	const struct link_table *links;
	int family;
};

static int
own_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct own *o = data;
	const struct link *l;
	struct neigh n;
	int r = own_parse(nlh, o->family, o->links, &n);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	l = link_by_index(o->links, n.ifindex);
	CHECK(l != NULL && l->addrlen > 0 && !(l->flags & IFF_LOOPBACK));
	CHECK(n.family == o->family && n.local && n.state == NUD_PERMANENT);
	CHECK(n.lladdr_len == l->addrlen && memcmp(n.lladdr, l->addr, l->addrlen) == 0);
	return MNL_CB_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct link_table t = { links, 4, 4 };
	struct own own4 = { &t, AF_INET }, own6 = { &t, AF_INET6 };
	struct ifaddr_list addrs = { 0 };
	struct iprinter text, json;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	(void)nl_replay(data, size, own_cb, &own4);
	(void)nl_replay(data, size, own_cb, &own6);
	(void)nl_replay(data, size, ifaddrs_add, &addrs);
	ifaddrs_sort(&addrs);
	iprint_open(&text, devnull, false, true, 5);
	iprint_open(&json, devnull, true, false, 5);
	for (size_t i = 0; i < addrs.n; i++) {
		const struct ifaddr_row *a = &addrs.v[i];
		const struct link *l = link_by_index(&t, a->ifindex);

		CHECK(a->family == AF_INET || a->family == AF_INET6);
		CHECK(a->prefix_len <= (a->family == AF_INET ? 32 : 128));
		CHECK(i == 0 || addrs.v[i - 1].ifindex <= a->ifindex);
		if (l == NULL)
			l = &links[0];
		iprint_link(&text, l);
		iprint_addr(&text, l, a, i % 2 ? "n\033.example" : NULL);
		iprint_link_end(&text);
		iprint_link(&json, l);
		iprint_addr(&json, l, a, NULL);
		iprint_link_end(&json);
	}
	iprint_close(&text);
	iprint_close(&json);
	ifaddrs_free(&addrs);
	return 0;
}
