/* SPDX-License-Identifier: BSD-2-Clause */
/* vlan.c - the vlan view: 802.1Q links listed, added and deleted through rtnetlink. */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <net/if_arp.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/capability.h>

#include "esa.h"
#include "etherconfig.h"
#include "priv.h"
#include "parse.h"

struct nlmsghdr *
vlan_add_request(struct nl *nl, unsigned int parent, const char *name, uint16_t vid)
{
	struct nlmsghdr *req = nl_request(nl, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(req, sizeof(*ifi));
	struct nlattr *info, *data;

	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_u32(req, IFLA_LINK, parent);
	mnl_attr_put_strz(req, IFLA_IFNAME, name);
	info = mnl_attr_nest_start(req, IFLA_LINKINFO);
	mnl_attr_put_strz(req, IFLA_INFO_KIND, "vlan");
	data = mnl_attr_nest_start(req, IFLA_INFO_DATA);
	mnl_attr_put_u16(req, IFLA_VLAN_ID, vid);
	mnl_attr_nest_end(req, data);
	mnl_attr_nest_end(req, info);
	return req;
}

static int
vlan_list(struct ctx *c)
{
	const struct link_table *t = &c->ifs->links;
	struct vlan_row *rows = xcalloc(t->n + 1, sizeof(*rows));
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct link *l = &t->links[i], *p;
		const struct ifextra *x = iftable_extra(c->ifs, l->index);

		if (x == NULL || !x->is_vlan)
			continue;
		p = x->parent_elsewhere ? NULL : link_by_index(t, l->parent);
		rows[n++] = (struct vlan_row){
			.vid = x->vid, .name = link_display(l), .ifname = l->name,
			.parent = p != NULL ? link_display(p) : "?",
			.parent_ifname = p != NULL ? p->name : "?", .mtu = l->mtu,
			.alias = l->alias,
			.parent_index = p != NULL ? p->index : 0,
			.parent_alias = p != NULL ? p->alias : NULL,
		};
	}
	listing_vlans(c->out, c->o->json, rows, n);
	free(rows);
	return ESA_EXIT_OK;
}

/*
 * A name the kernel takes for an interface (dev_valid_name()): no '/', ':' or blanks;
 * nor '%', which the kernel reads as a pattern ("v%d" becomes "v0"), so that the
 * name we print is the one the link gets.
 */
static bool
valid_ifname(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= IFNAMSIZ || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for (; *s != '\0'; s++)
		if (*s == '/' || *s == ':' || *s == '%' || (unsigned char)*s < 0x21 || *s == 0x7f)
			return false;
	return true;
}

static int
vlan_add(struct ctx *c)
{
	const struct opts *o = c->o;
	const struct link *p, *dup;
	char name[IFNAMSIZ + 8];
	int e;

	if ((p = link_by_name(&c->ifs->links, o->iface)) == NULL) {
		ec_warnx("%s: %s", o->iface, link_strerror(errno));
		return ESA_EXIT_ERR;
	}
	if (p->type != ARPHRD_ETHER) {
		ec_warnx("%s: not an Ethernet interface: a VLAN needs an Ethernet parent",
		    link_display(p));
		return ESA_EXIT_ERR;
	}
	if ((dup = iftable_vlan(c->ifs, p->index, o->vid)) != NULL) {
		ec_warnx("VLAN %u already exists on %s (%s)", o->vid, link_display(p), dup->name);
		return ESA_EXIT_ERR;
	}
	if (o->vlan_name != NULL)
		snprintf(name, sizeof(name), "%s", o->vlan_name);
	else
		snprintf(name, sizeof(name), "%s.%u", p->name, o->vid);
	if (!valid_ifname(name)) {
		if (o->vlan_name != NULL)
			ec_warnx("%s: not a valid interface name (1 to 15 characters, no '/', ':', '%%' or blanks)",
			    o->vlan_name);
		else
			ec_warnx("%s: name too long for an interface (at most 15 characters): give a NAME",
			    name);
		return ESA_EXIT_ERR;
	}
	if (link_by_name(&c->ifs->links, name) != NULL) {
		ec_warnx("%s: an interface of that name exists", name);
		return ESA_EXIT_ERR;
	}
	if (!priv_effective(CAP_NET_ADMIN))
		return ec_need_net_admin("vlan");
	if (nl_ack(c->rt, vlan_add_request(c->rt, p->index, name, o->vid)) < 0) {
		e = errno;
		/*
		 * Without the 8021q module (and no way to load it) the kernel knows no link
		 * kind "vlan": RTM_NEWLINK fails with EOPNOTSUPP, "Unknown device type".
		 */
		if (e == EOPNOTSUPP) {
			char why[NL_STRERROR_MAX];

			ec_warnx("vlan: this kernel lacks 802.1Q VLAN support (module 8021q): %s",
			    nl_strerror(c->rt, e, why, sizeof(why)));
			return ESA_EXIT_ERR;
		}
		return ec_nl_fail(c->rt, e, "vlan: adding");
	}
	ec_print(c->out, "VLAN %u (%s) added as %s", o->vid, link_display(p), name);
	return ESA_EXIT_OK;
}

/* The VLAN named by TARGET: a VLAN link's name or alias, or PARENT.VID. NULL: no such. */
static const struct link *
vlan_find(const struct iftable *t, const char *target)
{
	const struct link *l = link_by_name(&t->links, target), *p;
	const struct ifextra *x;
	const char *dot = strrchr(target, '.');
	char parent[256];
	uint64_t vid;

	if (l != NULL && (x = iftable_extra(t, l->index)) != NULL && x->is_vlan)
		return l;
	if (dot == NULL || (size_t)(dot - target) >= sizeof(parent) ||
	    parse_uint(dot + 1, 1, 4094, &vid, NULL) < 0)
		return NULL;
	snprintf(parent, sizeof(parent), "%.*s", (int)(dot - target), target);
	if ((p = link_by_name(&t->links, parent)) == NULL)
		return NULL;
	return iftable_vlan(t, p->index, (uint16_t)vid);
}

static int
vlan_delete(struct ctx *c)
{
	const struct link *l = vlan_find(c->ifs, c->o->vlan_name), *p;
	const struct ifextra *x;
	struct nlmsghdr *req;
	struct ifinfomsg *ifi;

	if (l == NULL) {
		ec_warnx("%s: no such VLAN", c->o->vlan_name);
		return ESA_EXIT_ERR;
	}
	if (!priv_effective(CAP_NET_ADMIN))
		return ec_need_net_admin("vlan");
	x = iftable_extra(c->ifs, l->index);
	p = x->parent_elsewhere ? NULL : link_by_index(&c->ifs->links, l->parent);
	req = nl_request(c->rt, RTM_DELLINK, 0);
	ifi = mnl_nlmsg_put_extra_header(req, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)l->index;
	if (nl_ack(c->rt, req) < 0)
		return ec_nl_fail(c->rt, errno, "vlan: deleting");
	ec_print(c->out, "VLAN %u (%s) deleted: %s", x->vid, p != NULL ? link_display(p) : "?",
	    l->name);
	return ESA_EXIT_OK;
}

int
vlan_run(struct ctx *c)
{
	switch (c->o->action) {
	case ACT_VLAN_ADD:
		return vlan_add(c);
	case ACT_VLAN_DELETE:
		return vlan_delete(c);
	default:
		return vlan_list(c);
	}
}
