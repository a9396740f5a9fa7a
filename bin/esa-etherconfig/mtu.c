/* SPDX-License-Identifier: BSD-2-Clause */
/* mtu.c - the mtu view: each interface's MTU, and setting one within the device's limits. */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/capability.h>

#include "esa.h"
#include "etherconfig.h"
#include "priv.h"

struct nlmsghdr *
mtu_request(struct nl *nl, unsigned int ifindex, uint32_t mtu)
{
	struct nlmsghdr *req = nl_request(nl, RTM_NEWLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(req, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)ifindex;
	mnl_attr_put_u32(req, IFLA_MTU, mtu);
	return req;
}

bool
mtu_in_range(const struct ifextra *x, uint32_t mtu)
{
	if (mtu == 0)
		return false;
	if (x == NULL || !x->has_limits)
		return true;
	return mtu >= x->min_mtu && (x->max_mtu == 0 || mtu <= x->max_mtu);
}

const char *
mtu_loss_text(char *buf, size_t size, const struct mtu_loss *v, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && o < size; i++) {
		int w;

		if (!v[i].v4 && !v[i].v6)
			continue;
		w = snprintf(buf + o, size - o, "%s%s would lose %s%s%s", o > 0 ? "; " : "",
		    v[i].name, v[i].v4 && v[i].v6 ? "IPv4 (it needs 68), IPv6 (it needs 1280)" :
		    v[i].v4 ? "IPv4 (it needs 68)" : "IPv6 (it needs 1280)",
		    v[i].len > 0 ? " and " : "", v[i].addrs);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	return buf;
}

/* Adds A/PLEN to what L would lose; " ..." ends a list that is full. */
static void
loss_add(struct mtu_loss *l, const struct addr *a, unsigned int plen)
{
	char text[ADDR_IP_MAX + 8];
	size_t n, room = sizeof(l->addrs) - sizeof(" ...");

	if (l->full)
		return;
	addr_ip(text, ADDR_IP_MAX, a->family, a->u.bytes, NULL);
	n = strlen(text);
	snprintf(text + n, sizeof(text) - n, "/%u", plen);
	n = strlen(text) + (l->len > 0);
	if (l->len + n > room) {
		memcpy(l->addrs + l->len, " ...", sizeof(" ..."));
		l->len += sizeof(" ...") - 1;
		l->full = true;
		return;
	}
	snprintf(l->addrs + l->len, sizeof(l->addrs) - l->len, "%s%s", l->len > 0 ? " " : "",
	    text);
	l->len += n;
}

struct loss_dump {
	struct mtu_loss *v;
	size_t n;
};

/* nl_cb: an address of a link in the struct loss_dump DATA, of a family it loses. */
static int
loss_addr_cb(const struct nlmsghdr *nlh, void *data)
{
	struct loss_dump *d = data;
	struct addr a;
	unsigned int plen, index;
	int r = loopback_addr_parse(nlh, &a, &plen, &index);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	for (size_t i = 0; i < d->n; i++) {
		struct mtu_loss *l = &d->v[i];

		if (l->index != index)
			continue;
		/* IPv4 stops below 68 whatever it holds; it is a loss when it holds some */
		if (a.family == AF_INET && l->below_v4) {
			l->v4 = true;
			loss_add(l, &a, plen);
		} else if (a.family == AF_INET6 && l->v6) {
			loss_add(l, &a, plen);
		}
	}
	return MNL_CB_OK;
}

/* What setting MTU on L (and so on its VLANs above MTU) would cost, into V (N). */
static size_t
loss_links(const struct iftable *t, const struct link *l, uint32_t mtu, struct mtu_loss *v)
{
	size_t n = 0;

	for (size_t i = 0; i < t->links.n; i++) {
		const struct link *k = &t->links.links[i];
		const struct ifextra *x = iftable_extra(t, k->index);

		/* the kernel lowers a VLAN to its parent's new MTU (vlan_device_event()) */
		if (k != l && (x == NULL || !x->is_vlan || x->parent_elsewhere ||
		    k->parent != l->index || k->mtu <= mtu))
			continue;
		v[n] = (struct mtu_loss){
			.name = link_display(k), .index = k->index,
			.below_v4 = mtu < IPV4_MIN_MTU,
			.v6 = mtu < IPV6_MIN_MTU && x != NULL && x->has_inet6 &&
			    !x->inet6_disabled,
		};
		n++;
	}
	return n;
}

/*
 * Whether setting MTU on L stops IPv4 (below 68, with addresses) or IPv6 (below
 * 1280, enabled) on it or on its VLANs: the kernel then removes every address and
 * setting of that family there, lo's 127.0.0.1 and ::1 too, and raising the MTU
 * again brings none back. 1 with the words in TEXT, 0, or -1 after a message.
 */
static int
mtu_losses(struct ctx *c, const struct link *l, uint32_t mtu, char *text, size_t size)
{
	struct loss_dump d = { .v = xcalloc(c->ifs->links.n + 1, sizeof(*d.v)) };
	struct nlmsghdr *req;
	struct ifaddrmsg *ifa;
	bool any = false;
	int r = 0;

	d.n = loss_links(c->ifs, l, mtu, d.v);
	for (size_t i = 0; i < d.n; i++)
		any |= d.v[i].below_v4 || d.v[i].v6;
	if (any) {
		req = nl_request(c->rt, RTM_GETADDR, 0);
		ifa = mnl_nlmsg_put_extra_header(req, sizeof(*ifa));
		ifa->ifa_family = AF_UNSPEC;
		if (nl_dump(c->rt, req, loss_addr_cb, &d) < 0) {
			r = -1;
			ec_nl_fail(c->rt, errno, "mtu: reading addresses");
		}
	}
	for (size_t i = 0; r == 0 && i < d.n; i++)
		if (d.v[i].v4 || d.v[i].v6)
			r = 1;
	if (r == 1)
		mtu_loss_text(text, size, d.v, d.n);
	free(d.v);
	return r;
}

/* The row of L; NAME is room for "VLAN 4094". */
static struct mtu_row
mtu_row_of(const struct iftable *t, const struct link *l, char *name, size_t size)
{
	const struct ifextra *x = iftable_extra(t, l->index);
	struct mtu_row r = {
		.name = link_display(l), .ifname = l->name, .mtu = l->mtu,
		.alias = l->alias,
	};

	if (x != NULL) {
		r.is_vlan = x->is_vlan;
		r.vid = x->vid;
		r.has_limits = x->has_limits;
		r.min_mtu = x->min_mtu;
		r.max_mtu = x->max_mtu;
	}
	/* the appliance names a VLAN by its id; an alias, when set, wins */
	if (r.is_vlan && l->alias == NULL) {
		snprintf(name, size, "VLAN %u", r.vid);
		r.name = name;
	}
	return r;
}

static int
mtu_list(struct ctx *c, const struct link *only)
{
	const struct link_table *t = &c->ifs->links;
	struct mtu_row *rows = xcalloc(t->n + 1, sizeof(*rows));
	char (*names)[16] = xcalloc(t->n + 1, sizeof(*names));
	size_t n = 0;

	/* the Ethernet interfaces, then the VLANs, as the appliance lists them */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < t->n; i++) {
			const struct link *l = &t->links[i];
			const struct ifextra *x = iftable_extra(c->ifs, l->index);
			bool vlan = x != NULL && x->is_vlan;

			if (only != NULL ? (l != only || pass == 1) :
			    pass == 0 ? !iftable_is_ethernet(c->ifs, l) : !vlan)
				continue;
			rows[n] = mtu_row_of(c->ifs, l, names[n], sizeof(names[n]));
			n++;
		}
	}
	listing_mtu(c->out, c->o->json, rows, n);
	free(names);
	free(rows);
	return ESA_EXIT_OK;
}

static int
mtu_set(struct ctx *c, const struct link *l)
{
	const struct ifextra *x = iftable_extra(c->ifs, l->index);
	uint32_t mtu = c->o->mtu;
	char what[256 + 64];	/* the shown name may be an alias of up to 255 bytes */

	if (!mtu_in_range(x, mtu)) {
		if (x != NULL && x->has_limits && x->max_mtu != 0)
			ec_warnx("MTU %u is out of range for %s (%u to %u)", mtu, link_display(l),
			    x->min_mtu, x->max_mtu);
		else
			ec_warnx("MTU %u is out of range for %s (at least %u)", mtu, link_display(l),
			    x != NULL && x->has_limits && x->min_mtu > 0 ? x->min_mtu : 1);
		return ESA_EXIT_ERR;
	}
	if (!c->o->force) {
		char lost[2048];
		int r = mtu_losses(c, l, mtu, lost, sizeof(lost));

		if (r != 0) {
			if (r > 0)
				ec_warnx("%s: MTU %u refused: %s (-f sets it anyway)",
				    link_display(l), mtu, lost);
			return ESA_EXIT_ERR;
		}
	}
	if (!priv_effective(CAP_NET_ADMIN))
		return ec_need_net_admin("mtu");
	snprintf(what, sizeof(what), "%s: setting the MTU", link_display(l));
	if (nl_ack(c->rt, mtu_request(c->rt, l->index, mtu)) < 0)
		return ec_nl_fail(c->rt, errno, what);
	ec_print(c->out, "%s: mtu set to %u (was %u)", link_display(l), mtu, l->mtu);
	return ESA_EXIT_OK;
}

int
mtu_run(struct ctx *c)
{
	const struct link *l = NULL;

	if (c->o->iface != NULL && (l = link_by_name(&c->ifs->links, c->o->iface)) == NULL) {
		ec_warnx("%s: %s", c->o->iface, link_strerror(errno));
		return ESA_EXIT_ERR;
	}
	return c->o->action == ACT_MTU_SET ? mtu_set(c, l) : mtu_list(c, l);
}
