/* SPDX-License-Identifier: BSD-2-Clause */
/* media.c - the media view: speed, duplex and autonegotiation of each Ethernet interface. */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/ethtool.h>
#include <linux/ethtool_netlink.h>
#include <linux/netlink.h>
#include <linux/capability.h>

#include "esa.h"
#include "etherconfig.h"
#include "priv.h"

/* Opens a generic netlink socket and finds the ethtool family. NULL after a message. */
static struct nl *
ethtool_open(uint16_t *family)
{
	struct nl *gen = nl_open(NETLINK_GENERIC);

	if (gen == NULL) {
		ec_warn("generic netlink socket");
		return NULL;
	}
	if (nl_genl_family(gen, ETHTOOL_GENL_NAME, family) == 0)
		return gen;
	if (errno == ENOENT)
		ec_warnx("media: this kernel has no ethtool netlink interface (CONFIG_ETHTOOL_NETLINK, 5.6+)");
	else
		ec_warn("media: looking up the ethtool netlink family");
	nl_close(gen);
	return NULL;
}

static int
media_list(struct ctx *c, struct nl *gen, uint16_t family, const struct link *only)
{
	struct media_table mt = { 0 };
	struct media_row *rows;
	size_t n = 0;

	if (ethtool_load(gen, family, &mt) < 0) {
		ec_nl_fail(gen, errno, "media: reading link modes");
		media_table_free(&mt);
		return ESA_EXIT_ERR;
	}
	rows = xcalloc(c->ifs->links.n + 1, sizeof(*rows));
	for (size_t i = 0; i < c->ifs->links.n; i++) {
		const struct link *l = &c->ifs->links.links[i];

		if (only != NULL ? l != only : !iftable_is_ethernet(c->ifs, l))
			continue;
		rows[n++] = (struct media_row){
			.index = l->index, .name = link_display(l), .ifname = l->name,
			.mac = l->addr, .maclen = l->addrlen, .m = media_find(&mt, l->index),
			.alias = l->alias,
		};
	}
	listing_media(c->out, c->o->json, rows, n);
	free(rows);
	media_table_free(&mt);
	return ESA_EXIT_OK;
}

static int
media_set(struct ctx *c, struct nl *gen, uint16_t family, const struct link *l)
{
	const struct opts *o = c->o;
	bool autoneg = o->action == ACT_MEDIA_AUTO;
	char what[256 + 64];	/* the shown name may be an alias of up to 255 bytes */

	if (!iftable_is_ethernet(c->ifs, l)) {
		ec_warnx("%s: not an Ethernet interface", link_display(l));
		return ESA_EXIT_ERR;
	}
	if (!priv_effective(CAP_NET_ADMIN))
		return ec_need_net_admin("media");
	snprintf(what, sizeof(what), "%s: setting media", link_display(l));
	if (nl_ack(gen, ethtool_set_request(gen, family, l->index, autoneg, o->speed,
	    o->duplex)) < 0)
		return ec_nl_fail(gen, errno, what);
	if (autoneg)
		ec_print(c->out, "%s: media set to autoselect", link_display(l));
	else
		ec_print(c->out, "%s: media set to %ubaseT %s-duplex", link_display(l),
		    o->speed, o->duplex == DUPLEX_FULL ? "full" : "half");
	return ESA_EXIT_OK;
}

int
media_run(struct ctx *c)
{
	const struct link *l = NULL;
	struct nl *gen;
	uint16_t family;
	int status;

	if (c->o->iface != NULL && (l = link_by_name(&c->ifs->links, c->o->iface)) == NULL) {
		ec_warnx("%s: %s", c->o->iface, link_strerror(errno));
		return ESA_EXIT_ERR;
	}
	if ((gen = ethtool_open(&family)) == NULL)
		return ESA_EXIT_ERR;
	if (c->o->action == ACT_LIST)
		status = media_list(c, gen, family, l);
	else
		status = media_set(c, gen, family, l);
	nl_close(gen);
	return status;
}
