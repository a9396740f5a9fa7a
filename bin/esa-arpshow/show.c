/* SPDX-License-Identifier: BSD-2-Clause */
/* show.c - the listing: each entry of the dump is parsed, described and printed at once. */
#include <err.h>
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "arpshow.h"
#include "esa.h"

/* What the dump callback needs; nothing here grows with the table. */
struct show {
	const struct opts *o;
	const struct link_table *links;
	const struct ntable *nt;
	struct printer *pr;
	long hz;
	unsigned long shown;
};

static int
show_entry(const struct nlmsghdr *nlh, void *data)
{
	struct show *s = data;
	char name[NI_MAXHOST];
	struct neigh n;
	int r = neigh_parse(nlh, &n);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	if (!neigh_listed(&n) || !neigh_matches(&n, s->o))
		return MNL_CB_OK;
	neigh_describe(&n, s->links);
	neigh_lifetime(&n, ntable_reachable_ms(s->nt, n.ifindex), s->hz);
	n.hostname = NULL;
	if (addr_name(n.family, n.addr, n.scope != NULL ? n.ifindex : 0,
	    s->o->numeric ? ADDR_NUMERIC : 0, name, sizeof(name)) == 0)
		n.hostname = name;
	print_neigh(s->pr, &n);
	s->shown++;
	return MNL_CB_OK;
}

/* Lists one family's table. 0, or -1 after a message. */
static int
show_family(struct nl *nl, int family, struct show *s)
{
	struct ntable nt = { 0 };
	char why[NL_STRERROR_MAX];
	int r;

	if (ntable_load(nl, family, &nt) < 0) {
		warn("reading the %s table parameters", family == AF_INET ? "ARP" : "NDP");
		return -1;
	}
	s->nt = &nt;
	print_table(s->pr, family);
	r = nl_dump(nl, neigh_request(nl, family, s->o->ifindex), show_entry, s);
	ntable_free(&nt);
	s->nt = NULL;
	if (r == 0)
		return 0;
	/*
	 * Entries were printed as they came, so an interrupted dump cannot be read
	 * again without printing some twice; say so instead (neighbour dumps are
	 * not flagged by current kernels, but a future one may).
	 */
	if (errno == EINTR) {
		warnx("the %s table changed while it was read; the listing may be inconsistent",
		    family == AF_INET ? "ARP" : "NDP");
		return 0;
	}
	warnx("reading the neighbour table: %s", nl_strerror(nl, errno, why, sizeof(why)));
	return -1;
}

int
show_run(struct nl *nl, const struct opts *o, const struct link_table *links)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct printer pr;
	struct show s = { .o = o, .links = links, .pr = &pr, .hz = sysconf(_SC_CLK_TCK) };
	int status = ESA_EXIT_OK;

	print_open(&pr, stdout, o->json);
	for (size_t i = 0; i < ESA_NELEM(families); i++) {
		if (o->family != AF_UNSPEC && o->family != families[i])
			continue;
		if (show_family(nl, families[i], &s) < 0) {
			status = ESA_EXIT_ERR;
			break;
		}
	}
	if (status == ESA_EXIT_OK && o->host != NULL && s.shown == 0) {
		print_no_entry(&pr, o->host, &o->hostaddr);
		status = ESA_EXIT_NO;
	}
	print_close(&pr);
	return status;
}
