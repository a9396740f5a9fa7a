/* SPDX-License-Identifier: BSD-2-Clause */
/* routes.c - option 3: the main routing table as FreeBSD's `netstat -r` prints it. */
#include <err.h>
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/rtnetlink.h>
#include <netinet/in.h>

#include "addr.h"
#include "column.h"
#include "esa.h"
#include "netstat.h"
#include "routes.h"
#include "text.h"

/*
 * FreeBSD 11 netstat's route columns (route.c: WID_DST_DEFAULT, WID_GW_DEFAULT,
 * WID_IF_DEFAULT): IPv6 with -n has wider addresses, IPv4 with -W a wider Netif.
 */
enum { W_DST = 18, W_GW = 18, W_DST6_NUMERIC = 33, W_GW6_NUMERIC = 29, W_FLAGS = 6,
	W_IF = 8, W_IF4_WIDE = 10, W_EXPIRE = 6 };

static size_t
family_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

/*
 * A gateway from RTA_GATEWAY (an address of the route's family) or RTA_VIA (any
 * family: an IPv4 route through an IPv6 next hop, RFC 5549). 0, or -1 when an
 * attribute has the wrong size. A VIA of another family (MPLS) shows no gateway.
 */
static int
gateway_parse(int family, const struct nlattr *gw, const struct nlattr *via, struct hop *h)
{
	if (gw != NULL) {
		if (mnl_attr_get_payload_len(gw) != family_len(family))
			return -1;
		h->gw_family = family;
		memcpy(h->gw, mnl_attr_get_payload(gw), family_len(family));
	} else if (via != NULL) {
		const unsigned char *p = mnl_attr_get_payload(via);
		size_t len = mnl_attr_get_payload_len(via);
		uint16_t vf;

		if (len < sizeof(vf))
			return -1;
		memcpy(&vf, p, sizeof(vf));
		if (vf != AF_INET && vf != AF_INET6)
			return 0;
		if (len != sizeof(vf) + family_len(vf))
			return -1;
		h->gw_family = vf;
		memcpy(h->gw, p + sizeof(vf), family_len(vf));
	}
	return 0;
}

/*
 * The next hop of RTA_MULTIPATH at offset *POS (its length already checked to fit):
 * fills H and moves *POS past it. 0, or -1 for a malformed one.
 */
static int
multipath_hop(const struct route *r, size_t *pos, struct hop *h)
{
	struct rtnexthop nh;
	const struct nlattr *attr, *gw = NULL, *via = NULL;
	const unsigned char *p = r->mp + *pos, *end;
	size_t rest = r->mp_len - *pos;

	if (rest < sizeof(nh))
		return -1;
	memcpy(&nh, p, sizeof(nh));
	if (nh.rtnh_len < sizeof(nh) || nh.rtnh_len > rest)
		return -1;
	memset(h, 0, sizeof(*h));
	h->ifindex = nh.rtnh_ifindex > 0 ? (unsigned int)nh.rtnh_ifindex : 0;
	h->flags = nh.rtnh_flags;
	end = p + nh.rtnh_len;
	/* attributes that do not fit whole are ignored, never read */
	for (attr = (const void *)(p + sizeof(nh)); mnl_attr_ok(attr, (int)(end -
	    (const unsigned char *)attr)); attr = mnl_attr_next(attr)) {
		if (mnl_attr_get_type(attr) == RTA_GATEWAY)
			gw = attr;
		else if (mnl_attr_get_type(attr) == RTA_VIA)
			via = attr;
	}
	if (gateway_parse(r->family, gw, via, h) < 0)
		return -1;
	*pos += (size_t)RTNH_ALIGN(nh.rtnh_len) < rest ? (size_t)RTNH_ALIGN(nh.rtnh_len) : rest;
	return 0;
}

/* The attributes route_parse() reads, with their kernel sizes. */
static int
route_attrs(const struct nlattr **tb, struct route *r)
{
	size_t alen = family_len(r->family);

	if (tb[RTA_DST] != NULL) {
		if (mnl_attr_get_payload_len(tb[RTA_DST]) != alen)
			return -1;
		memcpy(r->dst, mnl_attr_get_payload(tb[RTA_DST]), alen);
	}
	if (tb[RTA_TABLE] != NULL)
		r->table = mnl_attr_get_u32(tb[RTA_TABLE]);
	if (tb[RTA_OIF] != NULL)
		r->hop.ifindex = mnl_attr_get_u32(tb[RTA_OIF]);
	if (tb[RTA_PRIORITY] != NULL) {
		r->has_metric = true;
		r->metric = mnl_attr_get_u32(tb[RTA_PRIORITY]);
	}
	if (tb[RTA_CACHEINFO] != NULL) {
		struct rta_cacheinfo ci;

		if (mnl_attr_get_payload_len(tb[RTA_CACHEINFO]) < sizeof(ci))
			return -1;
		memcpy(&ci, mnl_attr_get_payload(tb[RTA_CACHEINFO]), sizeof(ci));
		r->expires_ticks = ci.rta_expires;
	}
	return gateway_parse(r->family, tb[RTA_GATEWAY], tb[RTA_VIA], &r->hop);
}

int
route_parse(const struct nlmsghdr *nlh, struct route *r)
{
	const struct nlattr *tb[RTA_MAX + 1];
	const struct rtmsg *rtm;
	int st;

	if ((st = nl_route_attrs(nlh, tb, &rtm)) <= 0)
		return st;
	if (rtm->rtm_family != AF_INET && rtm->rtm_family != AF_INET6)
		return 0;
	memset(r, 0, sizeof(*r));
	r->family = rtm->rtm_family;
	r->dst_len = rtm->rtm_dst_len;
	r->type = rtm->rtm_type;
	r->protocol = rtm->rtm_protocol;
	r->scope = rtm->rtm_scope;
	r->table = rtm->rtm_table;
	r->rtm_flags = rtm->rtm_flags;
	if (r->dst_len > family_len(r->family) * 8 || route_attrs(tb, r) < 0)
		goto bad;
	if (tb[RTA_MULTIPATH] != NULL) {
		struct hop h;
		size_t pos = 0;

		r->mp = mnl_attr_get_payload(tb[RTA_MULTIPATH]);
		r->mp_len = mnl_attr_get_payload_len(tb[RTA_MULTIPATH]);
		/* every hop now, so that printing cannot meet a bad one halfway */
		while (pos < r->mp_len)
			if (multipath_hop(r, &pos, &h) < 0)
				goto bad;
		if (r->mp_len == 0)
			r->mp = NULL;
	}
	return 1;
bad:
	errno = EPROTO;
	return -1;
}

int
route_hop(const struct route *r, size_t *pos, struct hop *h)
{
	if (r->mp == NULL) {
		if (*pos != 0)
			return 0;
		*h = r->hop;
		*pos = 1;
		return 1;
	}
	if (*pos >= r->mp_len || multipath_hop(r, pos, h) < 0)
		return 0;
	return 1;
}

bool
route_listed(const struct route *r)
{
	return r->table == RT_TABLE_MAIN && !(r->rtm_flags & RTM_F_CLONED);
}

/*
 * The host's own addresses, which FreeBSD lists as host routes on the loopback: the
 * local table's RTN_LOCAL host routes, not its 127.0.0.0/8 prefix, broadcast,
 * multicast or anycast entries.
 */
bool
route_local_listed(const struct route *r)
{
	return r->table == RT_TABLE_LOCAL && r->type == RTN_LOCAL &&
	    r->dst_len == family_len(r->family) * 8 && !(r->rtm_flags & RTM_F_CLONED);
}

/*
 * FreeBSD's letters in its order. U: the kernel may use the next hop (every
 * installed route is up on FreeBSD, reject and blackhole ones included; Linux
 * marks a hop it will not use RTNH_F_DEAD). S: installed by someone other than the
 * kernel (ip route add, a DHCP client, router advertisements, a routing daemon).
 * M and 1/2/3 have no Linux counterpart and are never set.
 */
char *
route_flags(const struct route *r, const struct hop *h, char *buf, size_t size)
{
	char f[16];
	size_t n = 0;

	if (!(h->flags & RTNH_F_DEAD))
		f[n++] = 'U';
	if (h->gw_family != 0)
		f[n++] = 'G';
	if (r->dst_len == family_len(r->family) * 8)
		f[n++] = 'H';
	if (r->type == RTN_UNREACHABLE || r->type == RTN_PROHIBIT)
		f[n++] = 'R';
	if (r->type == RTN_BLACKHOLE)
		f[n++] = 'B';
	if (r->protocol == RTPROT_REDIRECT)
		f[n++] = 'D';
	if ((r->protocol != RTPROT_UNSPEC && r->protocol != RTPROT_REDIRECT &&
	    r->protocol != RTPROT_KERNEL) || r->own == ROUTE_OWN_ADDRESS)
		f[n++] = 'S';
	f[n] = '\0';
	if (size > n)
		memcpy(buf, f, n + 1);
	else if (size > 0)
		buf[0] = '\0';
	return buf;
}

const char *
route_type_name(uint8_t type)
{
	static const char *const names[] = {
		[RTN_UNSPEC] = "unspec", [RTN_UNICAST] = "unicast", [RTN_LOCAL] = "local",
		[RTN_BROADCAST] = "broadcast", [RTN_ANYCAST] = "anycast",
		[RTN_MULTICAST] = "multicast", [RTN_BLACKHOLE] = "blackhole",
		[RTN_UNREACHABLE] = "unreachable", [RTN_PROHIBIT] = "prohibit",
		[RTN_THROW] = "throw", [RTN_NAT] = "nat", [RTN_XRESOLVE] = "xresolve",
	};

	return type < ESA_NELEM(names) && names[type] != NULL ? names[type] : "unknown";
}

/* iproute2's names (/usr/share/iproute2/rt_protos), else the number. */
const char *
route_proto_name(uint8_t proto, char *buf, size_t size)
{
	static const struct { uint8_t v; const char *name; } names[] = {
		{ 0, "unspec" }, { 1, "redirect" }, { 2, "kernel" }, { 3, "boot" },
		{ 4, "static" }, { 8, "gated" }, { 9, "ra" }, { 10, "mrt" }, { 11, "zebra" },
		{ 12, "bird" }, { 13, "dnrouted" }, { 14, "xorp" }, { 15, "ntk" },
		{ 16, "dhcp" }, { 17, "mrouted" }, { 18, "keepalived" }, { 42, "babel" },
		{ 99, "openr" }, { 186, "bgp" }, { 187, "isis" }, { 188, "ospf" },
		{ 189, "rip" }, { 192, "eigrp" },
	};

	for (size_t i = 0; i < ESA_NELEM(names); i++)
		if (names[i].v == proto)
			return names[i].name;
	snprintf(buf, size, "%u", proto);
	return buf;
}

const char *
route_scope_name(uint8_t scope, char *buf, size_t size)
{
	switch (scope) {
	case RT_SCOPE_UNIVERSE:	return "universe";
	case RT_SCOPE_SITE:	return "site";
	case RT_SCOPE_LINK:	return "link";
	case RT_SCOPE_HOST:	return "host";
	case RT_SCOPE_NOWHERE:	return "nowhere";
	default:
		snprintf(buf, size, "%u", scope);
		return buf;
	}
}

struct nlmsghdr *
route_request(struct nl *nl, int family, uint32_t table)
{
	struct nlmsghdr *req = nl_request(nl, RTM_GETROUTE, 0);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(req, sizeof(*rtm));

	rtm->rtm_family = (uint8_t)family;
	/* a filter for the kernel where it can (nl_open()); route_listed() and
	 * route_local_listed() filter too */
	mnl_attr_put_u32(req, RTA_TABLE, table);
	return req;
}

static bool
linklocal(int family, const unsigned char *a)
{
	return family == AF_INET6 && a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

void
route_describe(struct route *r, const struct link_table *links, long hz, int addrflags,
    char *namebuf, size_t size)
{
	const struct link *l = link_by_index(links, r->hop.ifindex);

	r->dst_scope = NULL;
	if (linklocal(r->family, r->dst) && r->mp == NULL && l != NULL)
		r->dst_scope = l->name;
	r->expires_s = 0;
	if (r->expires_ticks > 0 && hz > 0)
		r->expires_s = (uint32_t)(r->expires_ticks / hz);
	r->dst_name = NULL;
	/* names for host routes only, as FreeBSD: a network has no PTR record */
	if (r->dst_len == family_len(r->family) * 8 &&
	    addr_name(r->family, r->dst, r->dst_scope ? r->hop.ifindex : 0, addrflags,
	    namebuf, size) == 0)
		r->dst_name = namebuf;
}

void
route_describe_hop(const struct route *r, struct hop *h, const struct link_table *links,
    int addrflags, char *namebuf, size_t size)
{
	const struct link *l = h->ifindex != 0 ? link_by_index(links, h->ifindex) : NULL;

	(void)r;
	h->ifname = l != NULL ? link_display(l) : NULL;
	h->kname = l != NULL ? l->name : NULL;
	h->alias = l != NULL ? l->alias : NULL;
	h->gw_scope = l != NULL && linklocal(h->gw_family, h->gw) ? l->name : NULL;
	h->gw_name = NULL;
	if (h->gw_family != 0 && addr_name(h->gw_family, h->gw,
	    h->gw_scope != NULL ? h->ifindex : 0, addrflags, namebuf, size) == 0)
		h->gw_name = namebuf;
}

void
rprint_open(struct rprinter *p, FILE *out, bool json, bool numeric, bool wide)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->json = json;
	p->numeric = numeric;
	p->wide = wide;
	if (json) {
		json_init(&p->j, out, 0);
		json_array_open(&p->j);
	} else {
		fputs("Routing tables\n", out);
	}
}

/* An address with "%scope" when SCOPE is set, into BUF of ADDR_IP_MAX; returns the end. */
static char *
ip_text(char *buf, int family, const unsigned char *a, const char *scope)
{
	char *p = col_ip(buf, ADDR_IP_MAX, family, a);

	p += strlen(p);
	if (scope != NULL) {
		size_t n = strnlen(scope, IFNAMSIZ);

		*p++ = '%';
		memcpy(p, scope, n);
		p += n;
		*p = '\0';
	}
	return p;
}

/*
 * "default", a host, or "addr/len"; link-local ones as FreeBSD: "fe80::%eth0/64".
 * Returns the text: a name as it is, else BUF (ADDR_IP_MAX + 4 bytes).
 */
static const char *
dst_text(const struct route *r, char *buf)
{
	char *p;

	if (r->dst_len == 0)
		return "default";
	if (r->dst_len == family_len(r->family) * 8 && r->dst_name != NULL)
		return r->dst_name;
	p = ip_text(buf, r->family, r->dst, r->dst_scope);
	if (r->dst_len != family_len(r->family) * 8) {
		char len[4], *q = len + sizeof(len);
		unsigned int v = r->dst_len;

		do
			*--q = (char)('0' + v % 10);
		while ((v /= 10) != 0);
		*p++ = '/';
		memcpy(p, q, (size_t)(len + sizeof(len) - q));
		p += len + sizeof(len) - q;
		*p = '\0';
	}
	return buf;
}

static const char *
gw_text(const struct hop *h, char *buf, size_t size)
{
	if (h->gw_name != NULL)
		return h->gw_name;
	if (h->gw_family != 0)
		ip_text(buf, h->gw_family, h->gw, h->gw_scope);
	else if (h->ifindex != 0)
		snprintf(buf, size, "link#%u", h->ifindex);
	else
		return "-";
	return buf;
}

/* The columns of FAMILY's section, as FreeBSD 11 sizes them (see the enum above). */
static void
rprint_widths(const struct rprinter *p, int family, int *dst, int *gw, int *ifw)
{
	bool v6n = family == AF_INET6 && p->numeric;

	*dst = v6n ? W_DST6_NUMERIC : W_DST;
	*gw = v6n ? W_GW6_NUMERIC : W_GW;
	*ifw = family == AF_INET && p->wide ? W_IF4_WIDE : W_IF;
}

static void
rprint_text(struct rprinter *p, const struct route *r, const struct hop *h)
{
	char dst[TEXT_SAFE_SIZE(NI_MAXHOST)], gw[TEXT_SAFE_SIZE(NI_MAXHOST)];
	char abuf[ADDR_IP_MAX + 4], ifbuf[TEXT_SAFE_SIZE(256)], flags[16];
	const char *t;
	int cut = p->numeric || p->wide ? 0 : COL_CUT, wdst, wgw, wif;
	size_t over;
	struct row row;

	rprint_widths(p, r->family, &wdst, &wgw, &wif);
	if (p->family != r->family) {
		p->family = r->family;
		fprintf(p->out, "\n%s:\n%-*s %-*s %-*s %*s %*s\n",
		    r->family == AF_INET ? "Internet" : "Internet6", wdst, "Destination",
		    wgw, "Gateway", W_FLAGS, "Flags", wif, "Netif", W_EXPIRE, "Expire");
	}
	row_start(&row);
	/* names come from outside, and so does an address's %scope (addr_ip()): every
	 * one is escaped (a plain address comes back as it is) */
	t = dst_text(r, abuf);
	over = row_col(&row, text_safe(dst, sizeof(dst), t), wdst, COL_LEFT | cut);
	row_put(&row, " ");
	/* as FreeBSD's p_sockaddr(): what runs past a column is taken from the next */
	t = gw_text(h, abuf, sizeof(abuf));
	over = row_col(&row, text_safe(gw, sizeof(gw), t), wgw - (int)over, COL_LEFT | cut);
	row_put(&row, " ");
	row_col(&row, route_flags(r, h, flags, sizeof(flags)), W_FLAGS - (int)over, COL_LEFT);
	row_put(&row, " ");
	/* FreeBSD cuts the interface name to its column unless -W */
	t = r->own != ROUTE_OWN_NONE ? r->own_netif : h->ifname;
	row_col(&row, t != NULL ? text_safe(ifbuf, sizeof(ifbuf), t) : "", wif,
	    p->wide ? 0 : COL_CUT);
	if (r->expires_s > 0) {
		row_put(&row, " ");
		row_num(&row, r->expires_s, W_EXPIRE);
	}
	row_end(&row, p->out);
}

static void
rprint_json(struct rprinter *p, const struct route *r, const struct hop *h)
{
	char a[ADDR_IP_MAX], num[8], flags[16];
	struct json *j = &p->j;

	json_object_open(j);
	json_key_str(j, "family", r->family == AF_INET ? "inet" : "inet6");
	ip_text(a, r->family, r->dst, r->dst_scope);
	json_key_str(j, "destination", a);
	json_key_uint(j, "prefix_len", r->dst_len);
	if (r->dst_name != NULL)
		json_key_str(j, "destination_hostname", r->dst_name);
	if (h->gw_family != 0) {
		ip_text(a, h->gw_family, h->gw, h->gw_scope);
		json_key_str(j, "gateway", a);
		if (h->gw_name != NULL)
			json_key_str(j, "gateway_hostname", h->gw_name);
	}
	/* the kernel name, as everywhere in JSON; the text shows the alias */
	if (h->kname != NULL)
		json_key_str(j, "interface", h->kname);
	if (h->alias != NULL)
		json_key_str(j, "alias", h->alias);
	if (h->ifindex != 0)
		json_key_uint(j, "ifindex", h->ifindex);
	/* a dead kernel prefix route may have no flag at all: then no key, never "" */
	if (route_flags(r, h, flags, sizeof(flags))[0] != '\0')
		json_key_str(j, "flags", flags);
	if (r->expires_s > 0)
		json_key_uint(j, "expires_s", r->expires_s);
	json_key_str(j, "route_type", route_type_name(r->type));
	json_key_str(j, "route_protocol", route_proto_name(r->protocol, num, sizeof(num)));
	json_key_str(j, "scope", route_scope_name(r->scope, num, sizeof(num)));
	if (r->has_metric)
		json_key_uint(j, "metric", r->metric);
	json_object_close(j);
}

void
rprint_route(struct rprinter *p, const struct route *r, const struct hop *h)
{
	if (p->json)
		rprint_json(p, r, h);
	else
		rprint_text(p, r, h);
}

void
rprint_close(struct rprinter *p)
{
	if (!p->json)
		return;
	json_array_close(&p->j);
	json_end(&p->j);
}

/* What the dump callback needs; nothing here grows with the table. */
struct rshow {
	const struct link_table *links;
	struct rprinter *pr;
	int addrflags;
	long hz;
	enum pass pass;
	const struct link *loopback;	/* Netif of the own addresses, NULL if none */
};

bool
pass_skips(const struct nlmsghdr *nlh, enum pass pass)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWROUTE || nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*rtm)))
		return false;
	return (pass == PASS_DEFAULTS && rtm->rtm_dst_len != 0) ||
	    (pass == PASS_REST && rtm->rtm_dst_len == 0) ||
	    (pass == PASS_OWN && rtm->rtm_type != RTN_LOCAL);
}

/*
 * An own address as FreeBSD shows it: gateway link#N of the interface that holds
 * it, Netif the loopback, UH for an address of the loopback itself (FreeBSD's
 * lo0 routes are its host routes; a link-local one is UHS there too), else UHS.
 */
static void
own_address(struct route *r, struct hop *h, const struct rshow *s)
{
	const struct link *l = link_by_index(s->links, h->ifindex);
	bool lo = l != NULL && (l->flags & IFF_LOOPBACK) && !linklocal(r->family, r->dst);

	r->own = lo ? ROUTE_OWN_LOOPBACK : ROUTE_OWN_ADDRESS;
	r->own_netif = s->loopback != NULL ? link_display(s->loopback) : NULL;
	h->gw_family = 0;
}

static int
route_cb(const struct nlmsghdr *nlh, void *data)
{
	struct rshow *s = data;
	char dname[NI_MAXHOST], gname[NI_MAXHOST];
	struct route r;
	struct hop h;
	size_t pos = 0;
	int rc;

	if (pass_skips(nlh, s->pass))
		return MNL_CB_OK;
	rc = route_parse(nlh, &r);
	if (rc <= 0)
		return rc < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	if (s->pass == PASS_OWN ? !route_local_listed(&r) : !route_listed(&r))
		return MNL_CB_OK;
	route_describe(&r, s->links, s->hz, s->addrflags, dname, sizeof(dname));
	while (route_hop(&r, &pos, &h)) {
		route_describe_hop(&r, &h, s->links, s->addrflags, gname, sizeof(gname));
		if (s->pass == PASS_OWN)
			own_address(&r, &h, s);
		rprint_route(s->pr, &r, &h);
	}
	return MNL_CB_OK;
}

/* One pass over one family's table. 0, or -1 after a message. */
static int
routes_pass(struct nl *rt, int family, enum pass pass, struct rshow *s)
{
	char why[NL_STRERROR_MAX];

	s->pass = pass;
	if (nl_dump(rt, route_request(rt, family, pass == PASS_OWN ? RT_TABLE_LOCAL :
	    RT_TABLE_MAIN), route_cb, s) == 0)
		return 0;
	/* a kernel built without IPv6 has no table to list */
	if (errno == EAFNOSUPPORT || errno == EOPNOTSUPP)
		return 0;
	/* rows were printed as they came: reading again would print some twice */
	if (errno == EINTR) {
		warnx("the routing table changed while it was read; "
		    "the listing may be inconsistent");
		return 0;
	}
	warnx("reading the routing table: %s", nl_strerror(rt, errno, why, sizeof(why)));
	return -1;
}

/* One family's routes: the main table, then the host's own addresses. */
static int
routes_family(struct nl *rt, int family, struct rshow *s)
{
	if (family == AF_INET6) {
		if (routes_pass(rt, family, PASS_DEFAULTS, s) < 0 ||
		    routes_pass(rt, family, PASS_REST, s) < 0)
			return -1;
	} else if (routes_pass(rt, family, PASS_ALL, s) < 0) {
		return -1;
	}
	return routes_pass(rt, family, PASS_OWN, s);
}

int
routes_run(struct nl *rt, const struct link_table *links, const struct nopts *o)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct rprinter pr;
	struct rshow s = {
		.links = links, .pr = &pr, .addrflags = o->numeric ? ADDR_NUMERIC : 0,
		.hz = sysconf(_SC_CLK_TCK),
	};
	int status = ESA_EXIT_OK;

	/* FreeBSD's lo0: the first loopback interface (in a namespace, its own lo) */
	for (size_t i = 0; i < links->n && s.loopback == NULL; i++)
		if (links->links[i].flags & IFF_LOOPBACK)
			s.loopback = &links->links[i];
	rprint_open(&pr, stdout, o->json, o->numeric, o->wide);
	for (size_t i = 0; i < ESA_NELEM(families); i++) {
		if (o->family != AF_UNSPEC && o->family != families[i])
			continue;
		if (routes_family(rt, families[i], &s) < 0) {
			status = ESA_EXIT_ERR;
			break;
		}
	}
	rprint_close(&pr);
	return status;
}
