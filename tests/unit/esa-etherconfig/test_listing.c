/* SPDX-License-Identifier: BSD-2-Clause */
/* test_listing.c - the views' text and JSON from rows built here, against formats.md. */
#include <linux/ethtool.h>

#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "../check_esa.h"
#include "suites.h"

static const unsigned char mac1[] = { 0x00, 0x06, 0x5b, 0xf3, 0xba, 0x6d };
static const unsigned char mac2[] = { 0x00, 0x06, 0x5b, 0xf3, 0xba, 0x6e };

START_TEST(test_medium_words)
{
	struct media m;
	char buf[64];

	media_init(&m, 1);
	m.has_modes = true;
	m.autoneg = true;
	m.speed = 1000;
	m.duplex = DUPLEX_FULL;
	m.link = 1;
	ck_assert_str_eq(listing_medium(buf, sizeof(buf), &m), "Autoselect: <1000baseT full-duplex>");
	m.autoneg = false;
	m.duplex = DUPLEX_HALF;
	m.speed = 100;
	ck_assert_str_eq(listing_medium(buf, sizeof(buf), &m), "Manual: <100baseT half-duplex>");
	m.port = PORT_FIBRE;
	m.speed = 10000;
	m.duplex = DUPLEX_UNKNOWN;
	ck_assert_str_eq(listing_medium(buf, sizeof(buf), &m), "Manual: <10000baseX>");
	m.link = 0;
	ck_assert_str_eq(listing_medium(buf, sizeof(buf), &m), "Manual: <link is down>");
	m.link = -1;
	m.speed = ETHTOOL_SPEED_UNKNOWN;
	ck_assert_str_eq(listing_medium(buf, sizeof(buf), &m), "Manual: <unknown>");
	ck_assert_str_eq(listing_medium(buf, sizeof(buf), NULL), "Media: <unknown>");
}
END_TEST

/* The seed's example, both lines. */
static void
seed_rows(struct media_row r[2], struct media m[2])
{
	media_init(&m[0], 2);
	m[0].has_modes = true;
	m[0].autoneg = true;
	m[0].speed = 1000;
	m[0].duplex = DUPLEX_FULL;
	m[0].link = 1;
	m[0].port = PORT_TP;
	m[1] = m[0];
	m[1].index = 3;
	m[1].link = 0;
	r[0] = (struct media_row){ 2, "Data 1", "eth0", mac1, 6, &m[0], NULL };
	r[1] = (struct media_row){ 3, "Data 2", "eth1", mac2, 6, &m[1], NULL };
}

START_TEST(test_media_text)
{
	struct media_row r[2];
	struct media m[2];
	struct memout o;

	seed_rows(r, m);
	memout_open(&o);
	listing_media(o.f, false, r, 2);
	ck_assert_str_eq(memout_close(&o),
	    "Ethernet interfaces:\n"
	    "1. Data 1 (Autoselect: <1000baseT full-duplex>) 00:06:5b:f3:ba:6d\n"
	    "2. Data 2 (Autoselect: <link is down>) 00:06:5b:f3:ba:6e\n");
	free(o.buf);
	/* an alias with a control character is escaped */
	r[0].name = "Data\x1b[2J";
	memout_open(&o);
	listing_media(o.f, false, r, 1);
	ck_assert_str_eq(memout_close(&o), "Ethernet interfaces:\n"
	    "1. Data\\033[2J (Autoselect: <1000baseT full-duplex>) 00:06:5b:f3:ba:6d\n");
	free(o.buf);
}
END_TEST

START_TEST(test_media_json)
{
	struct media_row r[2];
	struct media m[2];
	struct memout o;

	seed_rows(r, m);
	r[0].alias = "Data 1";
	r[1].m = NULL;
	memout_open(&o);
	listing_media(o.f, true, r, 2);
	ck_assert_str_eq(memout_close(&o),
	    "[{\"interface\":\"eth0\",\"alias\":\"Data 1\",\"ifindex\":2,"
	    "\"mac\":\"00:06:5b:f3:ba:6d\",\"link\":true,\"autoneg\":true,\"speed_mbps\":1000,"
	    "\"duplex\":\"full\",\"connector\":\"TP\"},"
	    "{\"interface\":\"eth1\",\"ifindex\":3,\"mac\":\"00:06:5b:f3:ba:6e\"}]\n");
	free(o.buf);
	/* a fibre port */
	m[0].port = PORT_FIBRE;
	r[0].alias = NULL;
	memout_open(&o);
	listing_media(o.f, true, r, 1);
	ck_assert_str_eq(memout_close(&o),
	    "[{\"interface\":\"eth0\",\"ifindex\":2,"
	    "\"mac\":\"00:06:5b:f3:ba:6d\",\"link\":true,\"autoneg\":true,\"speed_mbps\":1000,"
	    "\"duplex\":\"full\",\"connector\":\"FIBRE\"}]\n");
	free(o.buf);
}
END_TEST

/* The supported modes: autoneg_supported, and supported_media as speed and duplex objects. */
START_TEST(test_media_json_supported)
{
	struct media_row r[2];
	struct media m[2];
	struct memout o;

	seed_rows(r, m);
	m[0].has_supported = true;
	m[0].supported[0] = 1u << ETHTOOL_LINK_MODE_100baseT_Half_BIT |
	    1u << ETHTOOL_LINK_MODE_1000baseT_Full_BIT | 1u << ETHTOOL_LINK_MODE_Autoneg_BIT;
	m[1].has_supported = true;	/* a veth: nothing supported */
	memout_open(&o);
	listing_media(o.f, true, r, 2);
	ck_assert_str_eq(memout_close(&o),
	    "[{\"interface\":\"eth0\",\"ifindex\":2,\"mac\":\"00:06:5b:f3:ba:6d\","
	    "\"link\":true,\"autoneg\":true,\"speed_mbps\":1000,\"duplex\":\"full\",\"connector\":\"TP\","
	    "\"autoneg_supported\":true,\"supported_media\":[{\"speed_mbps\":100,\"duplex\":\"half\"},"
	    "{\"speed_mbps\":1000,\"duplex\":\"full\"}]},"
	    "{\"interface\":\"eth1\",\"ifindex\":3,\"mac\":\"00:06:5b:f3:ba:6e\","
	    "\"link\":false,\"autoneg\":true,\"speed_mbps\":1000,\"duplex\":\"full\",\"connector\":\"TP\","
	    "\"autoneg_supported\":false,\"supported_media\":[]}]\n");
	free(o.buf);
}
END_TEST

START_TEST(test_vlans)
{
	struct vlan_row r[] = {
		{ 34, "eth0.34", "eth0.34", "Data 1", "eth0", 1500, NULL, 2, "Data 1" },
		{ 4094, "Voice", "v", "Data 2", "eth1", 1496, "Voice", 3, "Data 2" },
	};
	struct memout o;

	memout_open(&o);
	listing_vlans(o.f, false, r, 2);
	ck_assert_str_eq(memout_close(&o), "VLAN interfaces:\n1. VLAN 34 (Data 1)\n2. VLAN 4094 (Data 2)\n");
	free(o.buf);
	memout_open(&o);
	listing_vlans(o.f, false, r, 0);
	ck_assert_str_eq(memout_close(&o), "No VLAN interfaces are configured.\n");
	free(o.buf);
	memout_open(&o);
	/* the parent's alias, as the text shows it */
	listing_vlans(o.f, true, r, 1);
	ck_assert_str_eq(memout_close(&o), "[{\"vid\":34,\"interface\":\"eth0.34\","
	    "\"parent_interface\":\"eth0\",\"parent_ifindex\":2,\"parent_alias\":\"Data 1\","
	    "\"mtu\":1500}]\n");
	free(o.buf);
	memout_open(&o);
	/* the first one's parent has no alias; the second one's parent is in another
	 * namespace: unknown, its alias left out even if the row held one */
	r[0].parent_alias = NULL;
	r[1].parent = r[1].parent_ifname = "?";
	r[1].parent_index = 0;
	listing_vlans(o.f, true, r, 2);
	ck_assert_str_eq(memout_close(&o), "[{\"vid\":34,\"interface\":\"eth0.34\","
	    "\"parent_interface\":\"eth0\",\"parent_ifindex\":2,\"mtu\":1500},"
	    "{\"vid\":4094,\"interface\":\"v\",\"alias\":\"Voice\",\"mtu\":1496}]\n");
	free(o.buf);
	memout_open(&o);
	listing_vlans(o.f, true, r, 0);
	ck_assert_str_eq(memout_close(&o), "[]\n");
	free(o.buf);
}
END_TEST

START_TEST(test_mtu)
{
	struct mtu_row r[] = {
		{ "Data 1", "eth0", false, 0, 1500, true, 68, 9000, "Data 1" },
		{ "VLAN 34", "eth0.34", true, 34, 1500, true, 0, 0, NULL },
	};
	struct memout o;

	memout_open(&o);
	listing_mtu(o.f, false, r, 2);
	ck_assert_str_eq(memout_close(&o), "1. Data 1 mtu 1500\n2. VLAN 34 mtu 1500\n");
	free(o.buf);
	memout_open(&o);
	listing_mtu(o.f, true, r, 2);
	ck_assert_str_eq(memout_close(&o),
	    "[{\"interface\":\"eth0\",\"alias\":\"Data 1\",\"mtu\":1500,\"min_mtu\":68,\"max_mtu\":9000},"
	    "{\"interface\":\"eth0.34\",\"vid\":34,\"mtu\":1500,\"min_mtu\":0}]\n");
	free(o.buf);
}
END_TEST

START_TEST(test_loopback)
{
	struct lo_view v = { .arp_ignore = 0, .arp_announce = 0 };
	struct memout o;

	memout_open(&o);
	listing_loopback(o.f, false, &v);
	ck_assert_str_eq(memout_close(&o), "Loopback interface is disabled.\n");
	free(o.buf);
	memout_open(&o);
	listing_loopback(o.f, true, &v);
	ck_assert_str_eq(memout_close(&o), "{\"enabled\":false,\"arp_ignore\":0,\"arp_announce\":0}\n");
	free(o.buf);

	v.enabled = v.present = true;
	v.saved.addr.family = AF_INET;
	v.saved.addr.u.bytes[0] = 192;
	v.saved.addr.u.bytes[1] = 0;
	v.saved.addr.u.bytes[2] = 2;
	v.saved.addr.u.bytes[3] = 10;
	v.saved.prefix_len = 32;
	v.arp_ignore = 1;
	v.arp_announce = 2;
	memout_open(&o);
	listing_loopback(o.f, false, &v);
	ck_assert_str_eq(memout_close(&o), "Loopback interface is enabled with address 192.0.2.10.\n");
	free(o.buf);
	memout_open(&o);
	listing_loopback(o.f, true, &v);
	ck_assert_str_eq(memout_close(&o), "{\"enabled\":true,\"address\":\"192.0.2.10\",\"prefix_len\":32,"
	    "\"present\":true,\"saved_arp_ignore\":0,\"saved_arp_announce\":0,\"arp_ignore\":1,"
	    "\"arp_announce\":2}\n");
	free(o.buf);
	v.present = false;
	v.arp_ignore = -1;
	memout_open(&o);
	listing_loopback(o.f, false, &v);
	ck_assert_str_eq(memout_close(&o), "Loopback interface is enabled with address 192.0.2.10, "
	    "but lo no longer carries it.\n");
	free(o.buf);
}
END_TEST

START_TEST(test_multicast)
{
	struct memout o;

	memout_open(&o);
	listing_multicast(o.f, false, false);
	listing_multicast(o.f, false, true);
	listing_multicast(o.f, true, true);
	listing_multicast(o.f, true, false);
	ck_assert_str_eq(memout_close(&o),
	    "Appliance is configured to accept ARP replies with a multicast address.\n"
	    "Appliance is configured to reject ARP replies with a multicast address.\n"
	    "{\"arp_multicast_replies\":false}\n"
	    "{\"arp_multicast_replies\":true}\n");
	free(o.buf);
}
END_TEST

Suite *
suite_listing(void)
{
	Suite *s = suite_create("listing");
	TCase *tc = tcase_create("listing");

	tcase_add_test(tc, test_medium_words);
	tcase_add_test(tc, test_media_text);
	tcase_add_test(tc, test_media_json);
	tcase_add_test(tc, test_media_json_supported);
	tcase_add_test(tc, test_vlans);
	tcase_add_test(tc, test_mtu);
	tcase_add_test(tc, test_loopback);
	tcase_add_test(tc, test_multicast);
	suite_add_tcase(s, tc);
	return s;
}
