/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * flush.c - --flush: delete the dynamic entries, one line for each one deleted;
 * --flush-all: both tables, then the route caches (cache.c), silently.
 */
#include <err.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/capability.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "arpshow.h"
#include "esa.h"
#include "priv.h"
#include "text.h"

/*
 * Deleting while the table is dumped can make the dump skip entries (it resumes by
 * position), so the flush goes in rounds until one deletes nothing, as `ip neigh
 * flush` does. Entries that traffic keeps recreating end the rounds by this bound.
 */
#define FLUSH_ROUNDS 10

struct flush {
	const struct opts *o;
	const struct link_table *links;
	struct nl *del;		/* deletes go on a socket of their own, beside the dump */
	FILE *out;
	unsigned long deleted;	/* in this round */
	int error;		/* errno of a failed delete, 0 if none */
};

static int
flush_entry(const struct nlmsghdr *nlh, void *data)
{
	struct flush *f = data;
	char addr[ADDR_IP_MAX], safe[TEXT_SAFE_SIZE(ADDR_IP_MAX)];
	const char *shown;
	struct nlmsghdr *req;
	struct ndmsg *ndm;
	struct neigh n;
	int r = neigh_parse(nlh, &n);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	if (!neigh_dynamic(&n) || !neigh_matches(&n, f->o))
		return MNL_CB_OK;
	req = nl_request(f->del, RTM_DELNEIGH, 0);
	ndm = mnl_nlmsg_put_extra_header(req, sizeof(*ndm));
	ndm->ndm_family = (uint8_t)n.family;
	ndm->ndm_ifindex = (int)n.ifindex;
	mnl_attr_put(req, NDA_DST, n.family == AF_INET ? 4 : 16, n.addr);
	if (nl_ack(f->del, req) < 0) {
		if (errno == ENOENT)
			return MNL_CB_OK;	/* gone since the dump saw it */
		f->error = errno;
		return MNL_CB_STOP;
	}
	neigh_describe(&n, f->links);
	addr_ip(addr, sizeof(addr), n.family, n.addr, n.scope);
	shown = text_safe(safe, sizeof(safe), addr);
	fprintf(f->out, "%s (%s) deleted\n", shown, shown);
	f->deleted++;
	return MNL_CB_OK;
}

/* One line for a failure of SOCK's last request, with the kernel's own words. */
static void
flush_error(const struct opts *o, struct nl *sock, int e, const char *what)
{
	char why[NL_STRERROR_MAX];

	if (e == EPERM || e == EACCES)
		warnx("%s: %s (needs CAP_NET_ADMIN)", o->flush_all ? "--flush-all" : "--flush",
		    strerror(e));
	else if (sock == NULL)
		warnx("%s: %s", what, strerror(e));
	else
		warnx("%s: %s", what, nl_strerror(sock, e, why, sizeof(why)));
}

/* --flush-all's route caches, after the neighbours: an exit status. */
static int
flush_caches(const struct opts *o, struct nl *nl, struct nl *del)
{
	struct nl *failed = NULL;

	if (cache_flush4() < 0) {
		flush_error(o, NULL, errno, CACHE_FLUSH4);
		return ESA_EXIT_ERR;
	}
	if (cache_flush6(nl, del, &failed) < 0) {
		flush_error(o, failed, errno, failed == nl ? "reading the IPv6 route cache" :
		    "deleting an IPv6 cached route");
		return ESA_EXIT_ERR;
	}
	return ESA_EXIT_OK;
}

int
flush_run(struct nl *nl, const struct opts *o, const struct link_table *links, FILE *out)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct flush f = { .o = o, .links = links, .out = out };
	int status = ESA_EXIT_OK;

	/* the kernel checks the capability of each delete's sender: effective for the
	 * whole flush (permitted only under a file capability cap_net_admin+p) */
	priv_raise(CAP_NET_ADMIN);
	if ((f.del = nl_open(NETLINK_ROUTE)) == NULL) {
		warn("netlink socket");
		return ESA_EXIT_ERR;
	}
	for (size_t i = 0; i < ESA_NELEM(families) && status == ESA_EXIT_OK; i++) {
		if (o->family != AF_UNSPEC && o->family != families[i])
			continue;
		for (int round = 0; round < FLUSH_ROUNDS; round++) {
			f.deleted = 0;
			if (nl_dump(nl, neigh_request(nl, families[i], o->ifindex), flush_entry, &f) < 0 &&
			    errno != EINTR) {
				flush_error(o, nl, errno, "reading the neighbour table");
				status = ESA_EXIT_ERR;
				break;
			}
			if (f.error != 0) {
				flush_error(o, f.del, f.error, "deleting a neighbour entry");
				status = ESA_EXIT_ERR;
				break;
			}
			if (f.deleted == 0)
				break;
		}
	}
	if (o->flush_all && status == ESA_EXIT_OK)
		status = flush_caches(o, nl, f.del);
	nl_close(f.del);
	return status;
}
