/* SPDX-License-Identifier: BSD-2-Clause */
/* test_print.c - the arp and ndp texts and the JSON rows, from entries built here. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include <linux/neighbour.h>

#include "../../../bin/esa-arpshow/arpshow.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

/*
 * The expected lines are FreeBSD's layouts worked out by hand: arp -a's
 * "NAME (ADDR) at LL on IF LIFETIME [TYPE]" and ndp -a's columns of 36, 17 and 6
 * (a wider value pushes; the link-layer column gives way first).
 */
#define NDP_HEADER \
	"Neighbor                             Linklayer Address  Netif Expire    S Flags\n"

static struct neigh
entry(int family, const char *ip, uint16_t state, enum life life, uint32_t expires)
{
	struct neigh n = {
		.family = family, .state = state, .life = life, .expires_s = expires,
		.ifindex = 3, .ifname = "Data 1", .kname = "v0", .alias = "Data 1",
		.link_type = "ethernet", .lladdr_len = 6,
		.lladdr = { 0x02, 0, 0, 0, 0, 0x0b },
	};

	ck_assert_int_eq(inet_pton(family, ip, n.addr), 1);
	return n;
}

/* Prints N into a fresh printer (a table of its family) and returns the text. */
static char *
print_one(const struct neigh *n, bool json)
{
	struct memout m;
	struct printer p;

	memout_open(&m);
	print_open(&p, m.f, json);
	print_table(&p, n->family);
	print_neigh(&p, n);
	print_close(&p);
	return memout_close(&m);
}

#define CHECK_TEXT(n, want) do {			\
	char *got_ = print_one(&(n), false);		\
	ck_assert_str_eq(got_, (want));			\
	free(got_);					\
} while (0)

START_TEST(test_arp_lines)
{
	struct neigh n = entry(AF_INET, "192.0.2.11", NUD_PERMANENT, LIFE_PERMANENT, 0);

	CHECK_TEXT(n, "? (192.0.2.11) at 02:00:00:00:00:0b on Data 1 permanent [ethernet]\n");
	n = entry(AF_INET, "192.0.2.14", NUD_REACHABLE, LIFE_EXPIRES, 1185);
	CHECK_TEXT(n, "? (192.0.2.14) at 02:00:00:00:00:0b on Data 1 expires in 1185 seconds [ethernet]\n");
	n = entry(AF_INET, "192.0.2.13", NUD_INCOMPLETE, LIFE_EXPIRED, 0);
	n.lladdr_len = 0;
	CHECK_TEXT(n, "? (192.0.2.13) at (incomplete) on Data 1 expired [ethernet]\n");
	n = entry(AF_INET, "192.0.2.1", NUD_STALE, LIFE_EXPIRED, 0);
	n.hostname = "gw.example";
	n.ifname = "eth0.5";
	n.link_type = "vlan";
	CHECK_TEXT(n, "gw.example (192.0.2.1) at 02:00:00:00:00:0b on eth0.5 expired [vlan]\n");
	/* no type for other links, and a link-layer address of another length */
	n.link_type = NULL;
	n.lladdr_len = 4;
	n.hostname = NULL;
	CHECK_TEXT(n, "? (192.0.2.1) at 02:00:00:00 on eth0.5 expired\n");
	/* names from outside cannot reach the terminal raw */
	n.hostname = "evil\033[2J.example";
	n.ifname = "bad\nname";
	CHECK_TEXT(n, "evil\\033[2J.example (192.0.2.1) at 02:00:00:00 on bad\\012name expired\n");
}
END_TEST

START_TEST(test_ndp_rows)
{
	struct neigh n = entry(AF_INET6, "2001:db8::11", NUD_PERMANENT, LIFE_PERMANENT, 0);

	n.flags = NTF_ROUTER;
	n.lladdr[5] = 0x1b;
	CHECK_TEXT(n, NDP_HEADER
	    "2001:db8::11                         02:00:00:00:00:1b Data 1 permanent R R\n");
	/* link-local with its scope; no flags: FreeBSD still prints the space before them */
	n = entry(AF_INET6, "fe80::5", NUD_STALE, LIFE_EXPIRED, 0);
	n.scope = "v0";
	n.lladdr[5] = 0x05;
	CHECK_TEXT(n, NDP_HEADER
	    "fe80::5%v0                           02:00:00:00:00:05 Data 1 expired   S \n");
	/*
	 * REACHABLE past its reachable time: Linux turns it STALE when it next looks;
	 * FreeBSD's nd6 timer already has (nd6_llinfo_timer()), and ndp.c never prints
	 * "expired" beside R: it is S
	 */
	n = entry(AF_INET6, "fe80::5", NUD_REACHABLE, LIFE_EXPIRED, 0);
	n.scope = "v0";
	n.lladdr[5] = 0x05;
	CHECK_TEXT(n, NDP_HEADER
	    "fe80::5%v0                           02:00:00:00:00:05 Data 1 expired   S \n");
	/* a short interface name is right-aligned in 6 */
	n = entry(AF_INET6, "2001:db8::2", NUD_REACHABLE, LIFE_EXPIRES, 192);
	n.ifname = "eth0";
	CHECK_TEXT(n, NDP_HEADER
	    "2001:db8::2                          02:00:00:00:00:0b   eth0 3m12s     R \n");
	/* a 40-character name pushes the rest right, the interface column gives way */
	n.hostname = "a-rather-long-host-name.mail.example.com";
	CHECK_TEXT(n, NDP_HEADER
	    "a-rather-long-host-name.mail.example.com 02:00:00:00:00:0b eth0 3m12s     R \n");
	/* a 20-byte (InfiniBand) address: 59 characters, the interface follows at once */
	n.hostname = NULL;
	n.lladdr_len = 20;
	memset(n.lladdr, 0x80, 20);
	CHECK_TEXT(n, NDP_HEADER
	    "2001:db8::2                          "
	    "80:80:80:80:80:80:80:80:80:80:80:80:80:80:80:80:80:80:80:80 eth0 3m12s     R \n");
}
END_TEST

/* FreeBSD ndp's sec2str(), seen through the Expire column, cut at 9 characters. */
START_TEST(test_expire_texts)
{
	static const struct {
		uint32_t s;
		const char *text;
	} cases[] = {
		{ 45, "45s      " }, { 192, "3m12s    " }, { 3600, "1h0m0s   " },
		{ 86398, "23h59m58s" }, { 86405, "1d0h0m5s " }, { 8640000, "100d0h0m0" },
	};

	for (size_t i = 0; i < ESA_NELEM(cases); i++) {
		struct neigh n = entry(AF_INET6, "2001:db8::2", NUD_REACHABLE, LIFE_EXPIRES, cases[i].s);
		char want[256], *got;

		snprintf(want, sizeof(want), NDP_HEADER
		    "2001:db8::2                          02:00:00:00:00:0b Data 1 %s R \n",
		    cases[i].text);
		got = print_one(&n, false);
		ck_assert_str_eq(got, want);
		free(got);
	}
}
END_TEST

START_TEST(test_state_letters)
{
	ck_assert_int_eq(print_state_letter(NUD_INCOMPLETE), 'I');
	ck_assert_int_eq(print_state_letter(NUD_REACHABLE), 'R');
	ck_assert_int_eq(print_state_letter(NUD_STALE), 'S');
	ck_assert_int_eq(print_state_letter(NUD_DELAY), 'D');
	ck_assert_int_eq(print_state_letter(NUD_PROBE), 'P');
	ck_assert_int_eq(print_state_letter(NUD_FAILED), 'W');
	ck_assert_int_eq(print_state_letter(NUD_PERMANENT), 'R');
	ck_assert_int_eq(print_state_letter(NUD_NONE), 'N');
	ck_assert_int_eq(print_state_letter(NUD_STALE | NUD_DELAY), '?');
	ck_assert_str_eq(print_state_name(NUD_FAILED), "failed");
	ck_assert_str_eq(print_state_name(0x300), "unknown");
}
END_TEST

START_TEST(test_tables_and_no_entry)
{
	struct neigh v4 = entry(AF_INET, "192.0.2.11", NUD_PERMANENT, LIFE_PERMANENT, 0);
	struct addr a = { .family = AF_INET, .u.v4.s_addr = htonl(0xc0000201) };
	struct memout m;
	struct printer p;
	char *got;

	/* IPv4 lines, one empty line, then the NDP table */
	memout_open(&m);
	print_open(&p, m.f, false);
	print_table(&p, AF_INET);
	print_neigh(&p, &v4);
	print_table(&p, AF_INET6);
	print_close(&p);
	got = memout_close(&m);
	ck_assert_str_eq(got, "? (192.0.2.11) at 02:00:00:00:00:0b on Data 1 permanent [ethernet]\n"
	    "\n" NDP_HEADER);
	free(got);
	/* an empty ARP table: no empty line */
	memout_open(&m);
	print_open(&p, m.f, false);
	print_table(&p, AF_INET);
	print_table(&p, AF_INET6);
	print_no_entry(&p, "gw.example", &a);
	print_close(&p);
	got = memout_close(&m);
	ck_assert_str_eq(got, NDP_HEADER "gw.example (192.0.2.1) -- no entry\n");
	free(got);
	/* JSON: an empty array, and no text at all */
	memout_open(&m);
	print_open(&p, m.f, true);
	print_table(&p, AF_INET);
	print_no_entry(&p, "192.0.2.1", &a);
	print_close(&p);
	got = memout_close(&m);
	ck_assert_str_eq(got, "[]\n");
	free(got);
}
END_TEST

START_TEST(test_json_rows)
{
	struct neigh a = entry(AF_INET, "192.0.2.14", NUD_REACHABLE, LIFE_EXPIRES, 3500);
	struct neigh b = entry(AF_INET6, "fe80::5", NUD_INCOMPLETE, LIFE_EXPIRED, 0);
	struct memout m;
	struct printer p;
	char *got;

	b.scope = "v0";
	b.ifname = "?";
	b.kname = NULL;
	b.alias = NULL;
	b.ifindex = 9;
	b.lladdr_len = 0;
	b.hostname = "h\033";
	b.link_type = NULL;
	b.probes = 3;
	b.flags = NTF_ROUTER;
	memout_open(&m);
	print_open(&p, m.f, true);
	print_table(&p, AF_INET);
	print_neigh(&p, &a);
	print_table(&p, AF_INET6);
	print_neigh(&p, &b);
	print_close(&p);
	got = memout_close(&m);
	ck_assert_str_eq(got, "["
	    "{\"family\":\"inet\",\"address\":\"192.0.2.14\",\"mac\":\"02:00:00:00:00:0b\","
	    "\"interface\":\"v0\",\"alias\":\"Data 1\",\"ifindex\":3,\"state\":\"reachable\","
	    "\"expires_s\":3500,\"permanent\":false,\"router\":false,\"probes_sent\":0,"
	    "\"link_type\":\"ethernet\"},"
	    "{\"family\":\"inet6\",\"address\":\"fe80::5%v0\",\"hostname\":\"h\\u001b\","
	    "\"ifindex\":9,\"state\":\"incomplete\",\"permanent\":false,"
	    "\"router\":true,\"probes_sent\":3}"
	    "]\n");
	free(got);
}
END_TEST

/* Replays recorded tables through the whole listing path, as show.c runs it. */
struct pipeline {
	struct link_table links;
	struct ntable nt;
	struct printer *pr;
};

static int
pipeline_cb(const struct nlmsghdr *nlh, void *data)
{
	struct pipeline *pl = data;
	struct neigh n;
	int r = neigh_parse(nlh, &n);

	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	if (!neigh_listed(&n))
		return MNL_CB_OK;
	neigh_describe(&n, &pl->links);
	neigh_lifetime(&n, ntable_reachable_ms(&pl->nt, n.ifindex), 100);
	n.hostname = NULL;
	print_neigh(pl->pr, &n);
	return MNL_CB_OK;
}

static void
replay(const char *name, nl_cb cb, void *data)
{
	size_t len;
	void *buf = load_fixture(name, &len);

	ck_assert_int_eq(nl_replay(buf, len, cb, data), 0);
	free(buf);
}

/*
 * From record.sh: on v0 "Data 1" (index 3) whose ARP reachable time is 3500452 ms,
 * 192.0.2.14 was confirmed 1 tick (10 ms) before the recording: 3500 s are left.
 */
START_TEST(test_recorded_listing)
{
	struct pipeline pl = { 0 };
	struct printer p;
	struct memout m;
	char *got;

	replay("tests/data/nl/link.bin", link_table_add, &pl.links);
	link_table_sort(&pl.links);
	memout_open(&m);
	print_open(&p, m.f, false);
	pl.pr = &p;
	replay("tests/data/nl/ntable4.bin", ntable_add, &pl.nt);
	ntable_sort(&pl.nt);
	print_table(&p, AF_INET);
	replay("tests/data/nl/neigh4.bin", pipeline_cb, &pl);
	ntable_free(&pl.nt);
	replay("tests/data/nl/ntable6.bin", ntable_add, &pl.nt);
	ntable_sort(&pl.nt);
	print_table(&p, AF_INET6);
	replay("tests/data/nl/neigh6.bin", pipeline_cb, &pl);
	print_close(&p);
	got = memout_close(&m);
	ck_assert_str_eq(got,
	    "? (192.0.2.11) at 02:00:00:00:00:0b on Data 1 permanent [ethernet]\n"
	    "? (192.0.2.12) at 02:00:00:00:00:0c on Data 1 expired [ethernet]\n"
	    "? (192.0.2.14) at 02:00:00:00:00:0e on Data 1 expires in 3500 seconds [ethernet]\n"
	    "? (192.0.2.13) at (incomplete) on Data 1 expired [ethernet]\n"
	    "\n" NDP_HEADER
	    "2001:db8::11                         02:00:00:00:00:1b Data 1 permanent R R\n"
	    "fe80::5%v0                           02:00:00:00:00:05 Data 1 expired   S \n");
	free(got);
	ntable_free(&pl.nt);
	link_table_free(&pl.links);
}
END_TEST

Suite *
suite_print(void)
{
	Suite *s = suite_create("print");
	TCase *tc = tcase_create("print");

	tcase_add_test(tc, test_arp_lines);
	tcase_add_test(tc, test_ndp_rows);
	tcase_add_test(tc, test_expire_texts);
	tcase_add_test(tc, test_state_letters);
	tcase_add_test(tc, test_tables_and_no_entry);
	tcase_add_test(tc, test_json_rows);
	tcase_add_test(tc, test_recorded_listing);
	suite_add_tcase(s, tc);
	return s;
}
