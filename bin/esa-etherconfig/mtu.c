/* mtu.c - the mtu view: each interface's MTU, and setting one within the device's limits. */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "esa.h"
#include "etherconfig.h"

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

/* The row of L; NAME is room for "VLAN 4094". */
static struct mtu_row
mtu_row_of(const struct iftable *t, const struct link *l, char *name, size_t size)
{
	const struct ifextra *x = iftable_extra(t, l->index);
	struct mtu_row r = {
		.name = link_display(l), .ifname = l->name, .mtu = l->mtu,
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
	if (!ec_has_net_admin())
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
