/* SPDX-License-Identifier: BSD-2-Clause */
/* listing.c - the views' listings in the appliance's style, and the same rows as JSON. */
#include <stdio.h>
#include <string.h>

#include <linux/ethtool.h>

#include "addr.h"
#include "esa.h"
#include "etherconfig.h"
#include "json.h"
#include "text.h"

/* What the port makes of the speed: "baseT" for twisted pair (and when unknown). */
static const char *
port_suffix(int port)
{
	switch (port) {
	case PORT_FIBRE:
		return "baseX";
	case PORT_DA:
		return "baseCR";
	default:
		return "baseT";
	}
}

/* The connector, in ethtool's words ("FIBRE"), its "Twisted Pair" and "Direct Attach" short. */
static const char *
port_name(int port)
{
	switch (port) {
	case PORT_TP:
		return "TP";
	case PORT_AUI:
		return "AUI";
	case PORT_MII:
		return "MII";
	case PORT_FIBRE:
		return "FIBRE";
	case PORT_BNC:
		return "BNC";
	case PORT_DA:
		return "DA";
	case PORT_NONE:
		return "NONE";
	default:
		return NULL;
	}
}

/* The interface's names in JSON: kernel name, and the alias the text shows when set. */
static void
names_json(struct json *j, const char *ifname, const char *alias)
{
	json_key_str(j, "interface", ifname);
	if (alias != NULL)
		json_key_str(j, "alias", alias);
}

const char *
listing_medium(char *buf, size_t size, const struct media *m)
{
	const char *label = m == NULL || !m->has_modes ? "Media" :
	    m->autoneg ? "Autoselect" : "Manual";

	if (m != NULL && m->link == 0)
		snprintf(buf, size, "%s: <link is down>", label);
	else if (m == NULL || !m->has_modes || m->speed == ETHTOOL_SPEED_UNKNOWN)
		snprintf(buf, size, "%s: <unknown>", label);
	else if (m->duplex == DUPLEX_UNKNOWN)
		snprintf(buf, size, "%s: <%u%s>", label, m->speed, port_suffix(m->port));
	else
		snprintf(buf, size, "%s: <%u%s %s-duplex>", label, m->speed,
		    port_suffix(m->port), m->duplex == DUPLEX_FULL ? "full" : "half");
	return buf;
}

/* What the device supports, as the choices of `media IFACE auto | SPEED half|full`. */
static void
media_json_supported(struct json *j, const struct media *m)
{
	struct media_choice v[64];
	size_t n = media_choices(m, v, ESA_NELEM(v));

	json_key_bool(j, "autoneg_supported", media_can_autoneg(m));
	json_key(j, "supported_media");
	json_array_open(j);
	for (size_t i = 0; i < n; i++) {
		json_object_open(j);
		json_key_uint(j, "speed_mbps", v[i].speed);
		json_key_str(j, "duplex", v[i].duplex == DUPLEX_FULL ? "full" : "half");
		json_object_close(j);
	}
	json_array_close(j);
}

static void
media_json(struct json *j, const struct media_row *r)
{
	char mac[ADDR_MAC_MAX];
	const struct media *m = r->m;

	json_object_open(j);
	names_json(j, r->ifname, r->alias);
	json_key_uint(j, "ifindex", r->index);
	if (r->maclen > 0)
		json_key_str(j, "mac", addr_mac(mac, sizeof(mac), r->mac, r->maclen));
	if (m != NULL && m->link >= 0)
		json_key_bool(j, "link", m->link == 1);
	if (m != NULL && m->has_modes) {
		json_key_bool(j, "autoneg", m->autoneg);
		if (m->speed != ETHTOOL_SPEED_UNKNOWN)
			json_key_uint(j, "speed_mbps", m->speed);
		if (m->duplex != DUPLEX_UNKNOWN)
			json_key_str(j, "duplex", m->duplex == DUPLEX_FULL ? "full" : "half");
	}
	if (m != NULL && port_name(m->port) != NULL)
		json_key_str(j, "connector", port_name(m->port));
	if (m != NULL && m->has_supported)
		media_json_supported(j, m);
	json_object_close(j);
}

void
listing_media(FILE *out, bool json, const struct media_row *rows, size_t n)
{
	char name[TEXT_SAFE_SIZE(256)], medium[64], mac[ADDR_MAC_MAX];

	if (json) {
		struct json j;

		json_init(&j, out, 0);
		json_array_open(&j);
		for (size_t i = 0; i < n; i++)
			media_json(&j, &rows[i]);
		json_array_close(&j);
		json_end(&j);
		return;
	}
	fprintf(out, "Ethernet interfaces:\n");
	for (size_t i = 0; i < n; i++) {
		const struct media_row *r = &rows[i];

		fprintf(out, "%zu. %s (%s)", i + 1, text_safe(name, sizeof(name), r->name),
		    listing_medium(medium, sizeof(medium), r->m));
		if (r->maclen > 0)
			fprintf(out, " %s", addr_mac(mac, sizeof(mac), r->mac, r->maclen));
		fputc('\n', out);
	}
}

void
listing_vlans(FILE *out, bool json, const struct vlan_row *rows, size_t n)
{
	char parent[TEXT_SAFE_SIZE(256)];

	if (json) {
		struct json j;

		json_init(&j, out, 0);
		json_array_open(&j);
		for (size_t i = 0; i < n; i++) {
			json_object_open(&j);
			json_key_uint(&j, "vid", rows[i].vid);
			names_json(&j, rows[i].ifname, rows[i].alias);
			/* a parent in another namespace is unknown here: left out */
			if (rows[i].parent_index != 0) {
				json_key_str(&j, "parent_interface", rows[i].parent_ifname);
				json_key_uint(&j, "parent_ifindex", rows[i].parent_index);
				if (rows[i].parent_alias != NULL)
					json_key_str(&j, "parent_alias", rows[i].parent_alias);
			}
			json_key_uint(&j, "mtu", rows[i].mtu);
			json_object_close(&j);
		}
		json_array_close(&j);
		json_end(&j);
		return;
	}
	if (n == 0) {
		fprintf(out, "No VLAN interfaces are configured.\n");
		return;
	}
	fprintf(out, "VLAN interfaces:\n");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%zu. VLAN %u (%s)\n", i + 1, rows[i].vid,
		    text_safe(parent, sizeof(parent), rows[i].parent));
}

void
listing_mtu(FILE *out, bool json, const struct mtu_row *rows, size_t n)
{
	char name[TEXT_SAFE_SIZE(256)];

	if (json) {
		struct json j;

		json_init(&j, out, 0);
		json_array_open(&j);
		for (size_t i = 0; i < n; i++) {
			json_object_open(&j);
			names_json(&j, rows[i].ifname, rows[i].alias);
			if (rows[i].is_vlan)
				json_key_uint(&j, "vid", rows[i].vid);
			json_key_uint(&j, "mtu", rows[i].mtu);
			if (rows[i].has_limits) {
				json_key_uint(&j, "min_mtu", rows[i].min_mtu);
				if (rows[i].max_mtu != 0)
					json_key_uint(&j, "max_mtu", rows[i].max_mtu);
			}
			json_object_close(&j);
		}
		json_array_close(&j);
		json_end(&j);
		return;
	}
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%zu. %s mtu %u\n", i + 1, text_safe(name, sizeof(name), rows[i].name),
		    rows[i].mtu);
}

void
listing_loopback(FILE *out, bool json, const struct lo_view *v)
{
	char addr[ADDR_IP_MAX];

	if (v->enabled)
		addr_ip(addr, sizeof(addr), v->saved.addr.family, v->saved.addr.u.bytes, NULL);
	if (json) {
		struct json j;

		json_init(&j, out, 0);
		json_object_open(&j);
		json_key_bool(&j, "enabled", v->enabled);
		if (v->enabled) {
			json_key_str(&j, "address", addr);
			json_key_uint(&j, "prefix_len", v->saved.prefix_len);
			json_key_bool(&j, "present", v->present);
			json_key_int(&j, "saved_arp_ignore", v->saved.arp_ignore);
			json_key_int(&j, "saved_arp_announce", v->saved.arp_announce);
		}
		if (v->arp_ignore >= 0)
			json_key_int(&j, "arp_ignore", v->arp_ignore);
		if (v->arp_announce >= 0)
			json_key_int(&j, "arp_announce", v->arp_announce);
		json_object_close(&j);
		json_end(&j);
		return;
	}
	if (!v->enabled)
		fprintf(out, "Loopback interface is disabled.\n");
	else if (v->present)
		fprintf(out, "Loopback interface is enabled with address %s.\n", addr);
	else
		fprintf(out, "Loopback interface is enabled with address %s, "
		    "but lo no longer carries it.\n", addr);
}

void
listing_multicast(FILE *out, bool json, bool reject)
{
	const char *word = reject ? "reject" : "accept";

	if (json) {
		struct json j;

		json_init(&j, out, 0);
		json_object_open(&j);
		json_key_bool(&j, "arp_multicast_replies", !reject);
		json_object_close(&j);
		json_end(&j);
		return;
	}
	fprintf(out, "Appliance is configured to %s ARP replies with a multicast address.\n",
	    word);
}
