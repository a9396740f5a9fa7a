/* SPDX-License-Identifier: BSD-2-Clause */
/* show.c - the listing: each entry of the dump is parsed, described and printed at once. */
#include <err.h>
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

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
	int family;			/* of the table being listed */
};

int
own_parse(const struct nlmsghdr *nlh, int family, const struct link_table *links,
    struct neigh *n)
{
	const struct nlattr *tb[IFA_MAX + 1], *at;
	const struct ifaddrmsg *ifa;
	const struct link *l;
	size_t alen = family == AF_INET ? 4 : 16;

	if (nlh->nlmsg_type != RTM_NEWADDR)
		return 0;
	if (nl_attrs(nlh, sizeof(*ifa), tb, IFA_MAX, NULL) < 0)
		return -1;
	ifa = mnl_nlmsg_get_payload(nlh);
	if (ifa->ifa_family != family)
		return 0;
	/* IFA_LOCAL is our end of a point-to-point link, IFA_ADDRESS then the peer's */
	at = tb[IFA_LOCAL] != NULL ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (at == NULL || mnl_attr_get_payload_len(at) != alen) {
		errno = EPROTO;
		return -1;
	}
	l = link_by_index(links, ifa->ifa_index);
	/* Linux gives lo six zero bytes; FreeBSD's lo0 has none and no entry */
	if (l == NULL || l->addrlen == 0 || (l->flags & IFF_LOOPBACK))
		return 0;
	memset(n, 0, sizeof(*n));
	n->family = family;
	memcpy(n->addr, mnl_attr_get_payload(at), alen);
	n->ifindex = ifa->ifa_index;
	n->state = NUD_PERMANENT;
	memcpy(n->lladdr, l->addr, l->addrlen);
	n->lladdr_len = l->addrlen;
	n->local = true;
	return 1;
}

/* The name of N unless -n, then N printed. */
static void
show_one(struct show *s, struct neigh *n)
{
	char name[NI_MAXHOST];

	n->hostname = NULL;
	if (addr_name(n->family, n->addr, n->scope != NULL ? n->ifindex : 0,
	    s->o->numeric ? ADDR_NUMERIC : 0, name, sizeof(name)) == 0)
		n->hostname = name;
	print_neigh(s->pr, n);
	s->shown++;
}

static int
show_entry(const struct nlmsghdr *nlh, void *data)
{
	struct show *s = data;
	struct neigh n;
	int r = neigh_parse(nlh, &n);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	if (!neigh_listed(&n) || !neigh_matches(&n, s->o))
		return MNL_CB_OK;
	neigh_describe(&n, s->links);
	neigh_lifetime(&n, ntable_reachable_ms(s->nt, n.ifindex), s->hz);
	show_one(s, &n);
	return MNL_CB_OK;
}

static int
own_entry(const struct nlmsghdr *nlh, void *data)
{
	struct show *s = data;
	struct neigh n;
	int r = own_parse(nlh, s->family, s->links, &n);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	if (!neigh_matches(&n, s->o))
		return MNL_CB_OK;
	neigh_describe(&n, s->links);
	n.life = LIFE_PERMANENT;
	show_one(s, &n);
	return MNL_CB_OK;
}

/*
 * The host's own addresses, which FreeBSD's arp -a and ndp -a list as permanent
 * entries and Linux keeps out of its neighbour table: from the address table.
 */
static int
show_own(struct nl *nl, int family, struct show *s)
{
	struct nlmsghdr *req = nl_request(nl, RTM_GETADDR, 0);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(req, sizeof(*ifa));
	char why[NL_STRERROR_MAX];

	ifa->ifa_family = (uint8_t)family;
	/* a filter for the kernel where it can (nl_open()); neigh_matches() filters too */
	ifa->ifa_index = s->o->ifindex;
	s->family = family;
	if (nl_dump(nl, req, own_entry, s) == 0 || errno == EINTR)
		return 0;
	warnx("reading the addresses: %s", nl_strerror(nl, errno, why, sizeof(why)));
	return -1;
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
		return show_own(nl, family, s);
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
