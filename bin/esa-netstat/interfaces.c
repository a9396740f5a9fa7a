/* SPDX-License-Identifier: BSD-2-Clause */
/* interfaces.c - option 2: the interfaces, their counters and addresses, as `netstat -i`. */
#include <err.h>
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>

#include "addr.h"
#include "column.h"
#include "esa.h"
#include "interfaces.h"
#include "netstat.h"
#include "text.h"

/* FreeBSD 11+ netstat -i widths (if.c intpr()), formats.md */
enum {
	W_MTU = 5, W_NET = 13, W_ADDR = 17, W_PKTS = 8, W_ERRS = 5, W_BYTES = 10,
	W_NAME_MIN = 5,
};

static size_t
family_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

int
ifaddr_parse(const struct nlmsghdr *nlh, struct ifaddr_row *a)
{
	static const enum mnl_attr_data_type types[IFA_MAX + 1] = {
		[IFA_FLAGS] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[IFA_MAX + 1], *at;
	const struct ifaddrmsg *ifa;
	size_t alen;

	if (nlh->nlmsg_type != RTM_NEWADDR)
		return 0;
	if (nl_attrs(nlh, sizeof(*ifa), tb, IFA_MAX, types) < 0)
		return -1;
	ifa = mnl_nlmsg_get_payload(nlh);
	if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
		return 0;
	memset(a, 0, sizeof(*a));
	a->family = ifa->ifa_family;
	a->prefix_len = ifa->ifa_prefixlen;
	a->ifindex = ifa->ifa_index;
	alen = family_len(a->family);
	/* both must have the family's size, even the one not shown */
	if ((tb[IFA_LOCAL] != NULL && mnl_attr_get_payload_len(tb[IFA_LOCAL]) != alen) ||
	    (tb[IFA_ADDRESS] != NULL && mnl_attr_get_payload_len(tb[IFA_ADDRESS]) != alen))
		goto bad;
	/* IFA_LOCAL is our end of a point-to-point link; IFA_ADDRESS then the peer */
	at = tb[IFA_LOCAL] != NULL ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (at == NULL || a->prefix_len > alen * 8 || a->ifindex == 0)
		goto bad;
	memcpy(a->addr, mnl_attr_get_payload(at), alen);
	return 1;
bad:
	errno = EPROTO;
	return -1;
}

int
ifaddrs_add(const struct nlmsghdr *nlh, void *data)
{
	struct ifaddr_list *t = data;
	struct ifaddr_row a;
	int r = ifaddr_parse(nlh, &a);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xrealloc(t->v, t->cap, sizeof(*t->v));
	}
	a.seq = (uint32_t)t->n;
	t->v[t->n++] = a;
	return MNL_CB_OK;
}

static int
cmp_ifaddr(const void *x, const void *y)
{
	const struct ifaddr_row *a = x, *b = y;

	if (a->ifindex != b->ifindex)
		return a->ifindex < b->ifindex ? -1 : 1;
	if (a->family != b->family)
		return a->family == AF_INET ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

void
ifaddrs_sort(struct ifaddr_list *t)
{
	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), cmp_ifaddr);
}

void
ifaddrs_free(struct ifaddr_list *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

void
ifaddr_network(const struct ifaddr_row *a, unsigned char *net)
{
	size_t alen = family_len(a->family), bits = a->prefix_len;

	for (size_t i = 0; i < alen; i++, bits = bits > 8 ? bits - 8 : 0)
		net[i] = a->addr[i] & (bits >= 8 ? 0xff : (unsigned char)(0xff00 >> bits));
}

struct nlmsghdr *
ifaddr_request(struct nl *nl, unsigned int ifindex)
{
	struct nlmsghdr *req = nl_request(nl, RTM_GETADDR, 0);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(req, sizeof(*ifa));

	ifa->ifa_family = AF_UNSPEC;
	/* a filter for the kernel where it can (nl_open()); shown() filters too */
	ifa->ifa_index = ifindex;
	return req;
}

static bool
shown(const struct link *l, unsigned int ifindex)
{
	return ifindex == 0 || l->index == ifindex;
}

void
iprint_open(struct iprinter *p, FILE *out, bool json, bool drops, int name_width)
{
	struct row row;

	memset(p, 0, sizeof(*p));
	p->out = out;
	p->json = json;
	p->drops = drops;
	p->name_width = name_width;
	if (json) {
		json_init(&p->j, out, 0);
		json_array_open(&p->j);
		return;
	}
	row_start(&row);
	row_col(&row, "Name", name_width, COL_LEFT);
	fprintf(out, "%s %*s %-*s %-*s %*s %*s %*s %*s %*s %*s %*s %*s%s\n", row.buf,
	    W_MTU, "Mtu", W_NET, "Network", W_ADDR, "Address", W_PKTS, "Ipkts",
	    W_ERRS, "Ierrs", W_ERRS, "Idrop", W_BYTES, "Ibytes", W_PKTS, "Opkts",
	    W_ERRS, "Oerrs", W_BYTES, "Obytes", W_ERRS, "Coll", drops ? "  Drop" : "");
}

/* The Name column: the shown name, escaped, with '*' when the link is down. */
static void
name_col(struct iprinter *p, struct row *row, const struct link *l)
{
	char buf[TEXT_SAFE_SIZE(256) + 1];
	const char *s = text_safe(buf, sizeof(buf) - 1, link_display(l));

	if (!(l->flags & IFF_UP)) {
		if (s != buf)
			snprintf(buf, sizeof(buf) - 1, "%s", s);
		strcat(buf, "*");
		s = buf;
	}
	row_col(row, s, p->name_width, COL_LEFT);
}

/*
 * The counter columns; an address row (MTU 0 here) shows the link's packets and
 * bytes and '-' for the rest, as FreeBSD shows what it does not count per address.
 */
static void
counters(struct iprinter *p, struct row *row, const struct rtnl_link_stats64 *s, bool link)
{
	row_put(row, " ");
	row_num(row, s->rx_packets, W_PKTS);
	row_put(row, " ");
	link ? row_num(row, s->rx_errors, W_ERRS) : row_col(row, "-", W_ERRS, 0);
	row_put(row, " ");
	link ? row_num(row, s->rx_dropped, W_ERRS) : row_col(row, "-", W_ERRS, 0);
	row_put(row, " ");
	row_num(row, s->rx_bytes, W_BYTES);
	row_put(row, " ");
	row_num(row, s->tx_packets, W_PKTS);
	row_put(row, " ");
	link ? row_num(row, s->tx_errors, W_ERRS) : row_col(row, "-", W_ERRS, 0);
	row_put(row, " ");
	row_num(row, s->tx_bytes, W_BYTES);
	row_put(row, " ");
	link ? row_num(row, s->collisions, W_ERRS) : row_col(row, "-", W_ERRS, 0);
	if (p->drops) {
		row_put(row, " ");
		link ? row_num(row, s->tx_dropped, W_ERRS) : row_col(row, "-", W_ERRS, 0);
	}
}

static void
json_counters(struct json *j, const struct rtnl_link_stats64 *s)
{
	json_key_uint(j, "rx_packets", s->rx_packets);
	json_key_uint(j, "rx_errors", s->rx_errors);
	json_key_uint(j, "rx_dropped", s->rx_dropped);
	json_key_uint(j, "rx_bytes", s->rx_bytes);
	json_key_uint(j, "tx_packets", s->tx_packets);
	json_key_uint(j, "tx_errors", s->tx_errors);
	json_key_uint(j, "tx_bytes", s->tx_bytes);
	json_key_uint(j, "collisions", s->collisions);
	json_key_uint(j, "tx_dropped", s->tx_dropped);
}

void
iprint_link(struct iprinter *p, const struct link *l)
{
	char net[sizeof("<Link#4294967295>")], mac[ADDR_MAC_MAX];
	struct row row;

	snprintf(net, sizeof(net), "<Link#%u>", l->index);
	/*
	 * Linux gives the loopback a link-layer address of six zero bytes; FreeBSD's
	 * lo0 has none, and its row leaves Address blank.
	 */
	addr_mac(mac, sizeof(mac), l->addr, (l->flags & IFF_LOOPBACK) ? 0 : l->addrlen);
	if (p->json) {
		json_object_open(&p->j);
		json_key_str(&p->j, "interface", l->name);
		if (l->alias != NULL)
			json_key_str(&p->j, "alias", l->alias);
		json_key_uint(&p->j, "ifindex", l->index);
		json_key_uint(&p->j, "mtu", l->mtu);
		json_key_bool(&p->j, "up", (l->flags & IFF_UP) != 0);
		if (mac[0] != '\0')
			json_key_str(&p->j, "mac", mac);
		json_counters(&p->j, &l->stats);
		json_key(&p->j, "addresses");
		json_array_open(&p->j);
		return;
	}
	row_start(&row);
	name_col(p, &row, l);
	row_put(&row, " ");
	row_num(&row, l->mtu, W_MTU);
	row_put(&row, " ");
	row_col(&row, net, W_NET, COL_LEFT);
	row_put(&row, " ");
	row_col(&row, mac, W_ADDR, COL_LEFT);
	counters(p, &row, &l->stats, true);
	row_end(&row, p->out);
}

void
iprint_addr(struct iprinter *p, const struct link *l, const struct ifaddr_row *a,
    const char *name)
{
	char addr[ADDR_IP_MAX], net[ADDR_IP_MAX], hbuf[TEXT_SAFE_SIZE(NI_MAXHOST)];
	char abuf[TEXT_SAFE_SIZE(ADDR_IP_MAX)], nbuf[TEXT_SAFE_SIZE(ADDR_IP_MAX)];
	unsigned char nbytes[16];
	const char *scope = NULL;
	struct row row;

	if (a->family == AF_INET6 && a->addr[0] == 0xfe && (a->addr[1] & 0xc0) == 0x80)
		scope = l->name;
	ifaddr_network(a, nbytes);
	addr_ip(addr, sizeof(addr), a->family, a->addr, scope);
	addr_ip(net, sizeof(net), a->family, nbytes, scope);
	if (p->json) {
		json_object_open(&p->j);
		json_key_str(&p->j, "family", a->family == AF_INET ? "inet" : "inet6");
		json_key_str(&p->j, "address", addr);
		json_key_uint(&p->j, "prefix_len", a->prefix_len);
		json_key_str(&p->j, "network", net);
		if (name != NULL)
			json_key_str(&p->j, "hostname", name);
		json_object_close(&p->j);
		return;
	}
	row_start(&row);
	name_col(p, &row, l);
	row_put(&row, " ");
	row_col(&row, "-", W_MTU, 0);
	row_put(&row, " ");
	row_col(&row, text_safe(nbuf, sizeof(nbuf), net), W_NET, COL_LEFT);
	row_put(&row, " ");
	row_col(&row, name != NULL ? text_safe(hbuf, sizeof(hbuf), name) :
	    text_safe(abuf, sizeof(abuf), addr), W_ADDR, COL_LEFT);
	counters(p, &row, &l->stats, false);
	row_end(&row, p->out);
}

void
iprint_link_end(struct iprinter *p)
{
	if (!p->json)
		return;
	json_array_close(&p->j);
	json_object_close(&p->j);
}

void
iprint_close(struct iprinter *p)
{
	if (!p->json)
		return;
	json_array_close(&p->j);
	json_end(&p->j);
}

/* The addresses, read again (up to three times) if the kernel flags the dump. */
static int
ifaddrs_load(struct nl *rt, unsigned int ifindex, struct ifaddr_list *t)
{
	for (int tries = 0;; tries++) {
		if (nl_dump(rt, ifaddr_request(rt, ifindex), ifaddrs_add, t) == 0)
			break;
		if (errno != EINTR || tries == 2)
			return -1;
		ifaddrs_free(t);
	}
	ifaddrs_sort(t);
	return 0;
}

int
ifaces_run(struct nl *rt, const struct link_table *links, const struct nopts *o)
{
	struct ifaddr_list addrs = { 0 };
	struct iprinter pr;
	char name[NI_MAXHOST], why[NL_STRERROR_MAX];
	size_t k = 0;

	if (ifaddrs_load(rt, o->ifindex, &addrs) < 0) {
		warnx("reading the addresses: %s", nl_strerror(rt, errno, why, sizeof(why)));
		ifaddrs_free(&addrs);
		return ESA_EXIT_ERR;
	}
	/*
	 * FreeBSD 11's Name is 5 wide (if.c: "%-5.5s"); it cuts a longer name, which
	 * would leave "Data 1" and "Data 2" alike: a longer one pushes its own row.
	 */
	iprint_open(&pr, stdout, o->json, o->drops, W_NAME_MIN);
	/* both tables are sorted by index: one walk pairs each link with its addresses */
	for (size_t i = 0; i < links->n; i++) {
		const struct link *l = &links->links[i];

		while (k < addrs.n && addrs.v[k].ifindex < l->index)
			k++;
		if (!shown(l, o->ifindex))
			continue;
		iprint_link(&pr, l);
		for (; k < addrs.n && addrs.v[k].ifindex == l->index; k++) {
			const struct ifaddr_row *a = &addrs.v[k];
			bool ll = a->family == AF_INET6 && a->addr[0] == 0xfe &&
			    (a->addr[1] & 0xc0) == 0x80;

			/*
			 * Link-local addresses are not looked up: the same one may be on
			 * every link, so no name can be its own, and each lookup costs a
			 * hosts file read and a DNS query (the table may have thousands).
			 */
			iprint_addr(&pr, l, a, !ll && addr_name(a->family, a->addr, 0,
			    o->numeric ? ADDR_NUMERIC : 0, name, sizeof(name)) == 0 ? name : NULL);
		}
		iprint_link_end(&pr);
	}
	iprint_close(&pr);
	ifaddrs_free(&addrs);
	return ESA_EXIT_OK;
}
