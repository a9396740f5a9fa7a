/* SPDX-License-Identifier: BSD-2-Clause */
/* test_interfaces.c - address parsing from recorded and crafted replies, and the printers. */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "../../../bin/esa-netstat/interfaces.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

static struct ifaddr_list
replay(const char *name)
{
	struct ifaddr_list t = { 0 };
	size_t len;
	void *buf = load_fixture(name, &len);

	ck_assert_int_eq(nl_replay(buf, len, ifaddrs_add, &t), 0);
	free(buf);
	ifaddrs_sort(&t);
	return t;
}

static void
assert_addr(const struct ifaddr_row *a, unsigned int ifindex, int family, const char *ip,
    unsigned len)
{
	unsigned char want[16] = { 0 };

	ck_assert_int_eq(inet_pton(family, ip, want), 1);
	ck_assert_uint_eq(a->ifindex, ifindex);
	ck_assert_int_eq(a->family, family);
	ck_assert_mem_eq(a->addr, want, 16);
	ck_assert_uint_eq(a->prefix_len, len);
}

/*
 * addr.bin (tests/data/nl/record.sh): lo (1) 127.0.0.1/8 and ::1/128; v1 (2)
 * 198.51.100.1/24 and its link-local address; v0 (3) 192.0.2.1/24,
 * 2001:db8::1/64 and its link-local address. The veths' MACs 02:00:00:00:00:02 and
 * :01 make EUI-64 link-local addresses fe80::ff:fe00:2 and fe80::ff:fe00:1.
 * Sorted: by interface, IPv4 first.
 */
START_TEST(test_recorded)
{
	struct ifaddr_list t = replay("tests/data/nl/addr.bin");

	ck_assert_uint_eq(t.n, 7);
	assert_addr(&t.v[0], 1, AF_INET, "127.0.0.1", 8);
	assert_addr(&t.v[1], 1, AF_INET6, "::1", 128);
	assert_addr(&t.v[2], 2, AF_INET, "198.51.100.1", 24);
	assert_addr(&t.v[3], 2, AF_INET6, "fe80::ff:fe00:2", 64);
	assert_addr(&t.v[4], 3, AF_INET, "192.0.2.1", 24);
	/* the kernel lists an interface's IPv6 addresses newest first */
	assert_addr(&t.v[5], 3, AF_INET6, "2001:db8::1", 64);
	assert_addr(&t.v[6], 3, AF_INET6, "fe80::ff:fe00:1", 64);
	ifaddrs_free(&t);
}
END_TEST

/*
 * The sort alone, from rows out of order: by interface index, IPv4 before IPv6 within
 * one, and the dump's order (seq) within a family.
 */
START_TEST(test_sort)
{
	struct ifaddr_row v[] = {
		{ .ifindex = 3, .family = AF_INET6, .seq = 0 },
		{ .ifindex = 1, .family = AF_INET, .seq = 1 },
		{ .ifindex = 3, .family = AF_INET, .seq = 2 },
		{ .ifindex = 2, .family = AF_INET6, .seq = 4 },
		{ .ifindex = 2, .family = AF_INET6, .seq = 3 },
		{ .ifindex = 7, .family = AF_INET, .seq = 5 },
	};
	static const struct { unsigned int ifindex, family, seq; } want[] = {
		{ 1, AF_INET, 1 }, { 2, AF_INET6, 3 }, { 2, AF_INET6, 4 },
		{ 3, AF_INET, 2 }, { 3, AF_INET6, 0 }, { 7, AF_INET, 5 },
	};
	struct ifaddr_list t = { .v = v, .n = ESA_NELEM(v), .cap = ESA_NELEM(v) };

	ifaddrs_sort(&t);
	for (size_t i = 0; i < ESA_NELEM(want); i++) {
		ck_assert_uint_eq(v[i].ifindex, want[i].ifindex);
		ck_assert_uint_eq(v[i].family, want[i].family);
		ck_assert_uint_eq(v[i].seq, want[i].seq);
	}
}
END_TEST

START_TEST(test_truncated)
{
	size_t len, off = 0;
	unsigned char *buf = load_fixture("tests/data/nl/addr.bin", &len);

	while (off + sizeof(struct nlmsghdr) <= len) {
		uint32_t full = ((struct nlmsghdr *)(buf + off))->nlmsg_len;

		for (uint32_t cut = sizeof(struct nlmsghdr); cut <= full; cut++) {
			struct nlmsghdr *copy = exact_copy(buf + off, cut);
			struct ifaddr_row a;
			int rc;

			copy->nlmsg_len = cut;
			rc = ifaddr_parse(copy, &a);
			ck_assert(rc == -1 || rc == 1);
			if (rc == -1)
				ck_assert_int_eq(errno, EPROTO);
			if (cut == full)
				ck_assert_int_eq(rc, 1);
			free(copy);
		}
		off += MNL_ALIGN(full);
	}
	free(buf);
}
END_TEST

static struct nlmsghdr *
build(char *buf, int family, unsigned plen)
{
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;

	memset(buf, 0, 512);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWADDR;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = (uint8_t)family;
	ifa->ifa_prefixlen = (uint8_t)plen;
	ifa->ifa_index = 3;
	return nlh;
}

static int
parse_exact(const struct nlmsghdr *nlh, struct ifaddr_row *a)
{
	struct nlmsghdr *copy = exact_copy(nlh, nlh->nlmsg_len);
	int rc = ifaddr_parse(copy, a);

	free(copy);
	return rc;
}

START_TEST(test_crafted)
{
	static const unsigned char a4[4] = { 192, 0, 2, 1 }, peer[4] = { 192, 0, 2, 2 };
	static const unsigned char a16[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	char buf[512];
	struct nlmsghdr *nlh;
	struct ifaddr_row a;
	uint16_t f16 = 0;

	/* IFA_LOCAL and IFA_ADDRESS of the wrong sizes, IFA_FLAGS of two bytes */
	nlh = build(buf, AF_INET, 24);
	mnl_attr_put(nlh, IFA_LOCAL, 3, a4);
	ck_assert_int_eq(parse_exact(nlh, &a), -1);
	nlh = build(buf, AF_INET, 24);
	mnl_attr_put(nlh, IFA_ADDRESS, 16, a16);
	ck_assert_int_eq(parse_exact(nlh, &a), -1);
	nlh = build(buf, AF_INET6, 64);
	mnl_attr_put(nlh, IFA_ADDRESS, 4, a4);
	ck_assert_int_eq(parse_exact(nlh, &a), -1);
	nlh = build(buf, AF_INET, 24);
	mnl_attr_put(nlh, IFA_LOCAL, 4, a4);
	mnl_attr_put(nlh, IFA_FLAGS, sizeof(f16), &f16);
	ck_assert_int_eq(parse_exact(nlh, &a), -1);
	/* prefix lengths past the family; no address at all */
	nlh = build(buf, AF_INET, 33);
	mnl_attr_put(nlh, IFA_LOCAL, 4, a4);
	ck_assert_int_eq(parse_exact(nlh, &a), -1);
	nlh = build(buf, AF_INET6, 129);
	mnl_attr_put(nlh, IFA_ADDRESS, 16, a16);
	ck_assert_int_eq(parse_exact(nlh, &a), -1);
	nlh = build(buf, AF_INET, 24);
	ck_assert_int_eq(parse_exact(nlh, &a), -1);
	/* point-to-point: IFA_LOCAL is ours, IFA_ADDRESS the peer */
	nlh = build(buf, AF_INET, 32);
	mnl_attr_put(nlh, IFA_ADDRESS, 4, peer);
	mnl_attr_put(nlh, IFA_LOCAL, 4, a4);
	ck_assert_int_eq(parse_exact(nlh, &a), 1);
	ck_assert_mem_eq(a.addr, a4, 4);
	/* skipped: other message types and families */
	nlh = build(buf, AF_INET, 24);
	nlh->nlmsg_type = RTM_NEWROUTE;
	ck_assert_int_eq(parse_exact(nlh, &a), 0);
	nlh = build(buf, AF_PACKET, 0);
	ck_assert_int_eq(parse_exact(nlh, &a), 0);
}
END_TEST

START_TEST(test_network)
{
	static const struct { int family; const char *ip; unsigned len; const char *net; } c[] = {
		{ AF_INET, "192.0.2.77", 24, "192.0.2.0" },
		{ AF_INET, "198.51.100.77", 25, "198.51.100.0" },
		{ AF_INET, "198.51.100.200", 25, "198.51.100.128" },
		{ AF_INET, "203.0.113.9", 32, "203.0.113.9" },
		{ AF_INET, "203.0.113.9", 0, "0.0.0.0" },
		{ AF_INET, "203.0.113.9", 29, "203.0.113.8" },
		{ AF_INET6, "2001:db8:1:2::5", 64, "2001:db8:1:2::" },
		{ AF_INET6, "2001:db8:1:2::5", 47, "2001:db8::" },
		{ AF_INET6, "2001:db8:1:2::5", 128, "2001:db8:1:2::5" },
	};

	for (size_t i = 0; i < ESA_NELEM(c); i++) {
		struct ifaddr_row a = { .family = (uint8_t)c[i].family,
		    .prefix_len = (uint8_t)c[i].len };
		unsigned char net[16] = { 0 };
		char got[64];

		ck_assert_int_eq(inet_pton(c[i].family, c[i].ip, a.addr), 1);
		ifaddr_network(&a, net);
		inet_ntop(c[i].family, net, got, sizeof(got));
		ck_assert_str_eq(got, c[i].net);
	}
}
END_TEST

/* ---- printers ---------------------------------------------------------------------- */

static struct link
mklink(unsigned int index, const char *name, const char *alias, bool up)
{
	struct link l = {
		.index = index, .flags = up ? IFF_UP : 0, .mtu = 1500, .addrlen = 6,
		.addr = { 0x02, 0, 0, 0, 0, (unsigned char)index }, .alias = (char *)alias,
		.has_stats = true,
	};

	snprintf(l.name, sizeof(l.name), "%s", name);
	l.stats.rx_packets = 110624529;
	l.stats.rx_errors = 1;
	l.stats.rx_dropped = 2;
	l.stats.rx_bytes = 117062552515ULL;
	l.stats.tx_packets = 122028093;
	l.stats.tx_errors = 3;
	l.stats.tx_bytes = 30126949890ULL;
	l.stats.collisions = 4;
	l.stats.tx_dropped = 5;
	return l;
}

static struct ifaddr_row
mkaddr(int family, const char *ip, unsigned len)
{
	struct ifaddr_row a = { .family = (uint8_t)family, .prefix_len = (uint8_t)len };

	ck_assert_int_eq(inet_pton(family, ip, a.addr), 1);
	return a;
}

/*
 * The seed's row, worked out from FreeBSD 11's if.c widths (Name "%-5.5s", never cut
 * here): "Data 1" pushes its own rows by one, "eth1*" fits; the counters push too.
 */
START_TEST(test_print_text)
{
	struct link l = mklink(2, "eth0", "Data 1", true), d = mklink(3, "eth1", NULL, false);
	struct ifaddr_row a4 = mkaddr(AF_INET, "192.0.2.7", 24);
	struct ifaddr_row a6 = mkaddr(AF_INET6, "fe80::1", 64);
	struct memout m;
	struct iprinter p;
	char *got;

	memset(&d.stats, 0, sizeof(d.stats));
	memout_open(&m);
	iprint_open(&p, m.f, false, true, 5);
	iprint_link(&p, &l);
	iprint_addr(&p, &l, &a4, NULL);
	iprint_addr(&p, &l, &a6, NULL);
	iprint_link_end(&p);
	iprint_link(&p, &d);
	iprint_addr(&p, &d, &a4, "host.example");
	iprint_link_end(&p);
	iprint_close(&p);
	got = memout_close(&m);
	ck_assert_str_eq(got,
	    "Name    Mtu Network       Address              Ipkts Ierrs Idrop     Ibytes"
	    "    Opkts Oerrs     Obytes  Coll  Drop\n"
	    "Data 1  1500 <Link#2>      02:00:00:00:00:02 110624529     1     2 117062552515"
	    " 122028093     3 30126949890     4     5\n"
	    "Data 1     - 192.0.2.0     192.0.2.7         110624529     -     - 117062552515"
	    " 122028093     - 30126949890     -     -\n"
	    "Data 1     - fe80::%eth0   fe80::1%eth0      110624529     -     - 117062552515"
	    " 122028093     - 30126949890     -     -\n"
	    "eth1*  1500 <Link#3>      02:00:00:00:00:03        0     0     0          0"
	    "        0     0          0     0     0\n"
	    "eth1*     - 192.0.2.0     host.example             0     -     -          0"
	    "        0     -          0     -     -\n");
	free(got);
}
END_TEST

/*
 * The loopback: Linux gives it six zero bytes of link-layer address, FreeBSD's lo0
 * has none and netstat -i leaves Address blank (if.c prints sdl's empty link text).
 */
START_TEST(test_print_loopback)
{
	struct link l = mklink(1, "lo", NULL, true);
	struct memout m;
	struct iprinter p;
	char *got;

	memset(&l.stats, 0, sizeof(l.stats));
	memset(l.addr, 0, sizeof(l.addr));
	l.flags |= IFF_LOOPBACK;
	l.mtu = 65536;
	memout_open(&m);
	iprint_open(&p, m.f, false, false, 5);
	iprint_link(&p, &l);
	iprint_link_end(&p);
	iprint_close(&p);
	got = memout_close(&m);
	ck_assert_str_eq(got,
	    "Name    Mtu Network       Address              Ipkts Ierrs Idrop     Ibytes"
	    "    Opkts Oerrs     Obytes  Coll\n"
	    "lo    65536 <Link#1>" "                               " "0     0     0          0"
	    "        0     0          0     0\n");
	free(got);
	memout_open(&m);
	iprint_open(&p, m.f, true, false, 5);
	iprint_link(&p, &l);
	iprint_link_end(&p);
	iprint_close(&p);
	got = memout_close(&m);
	ck_assert_ptr_null(strstr(got, "lladdr"));
	free(got);
}
END_TEST

START_TEST(test_print_nodrops)
{
	struct link l = mklink(1, "lo", NULL, true);
	struct memout m;
	struct iprinter p;
	char *got;

	memset(&l.stats, 0, sizeof(l.stats));
	l.stats.rx_packets = 7;
	l.mtu = 65536;
	l.addrlen = 0;
	memout_open(&m);
	iprint_open(&p, m.f, false, false, 5);
	iprint_link(&p, &l);
	iprint_link_end(&p);
	iprint_close(&p);
	got = memout_close(&m);
	ck_assert_str_eq(got,
	    "Name    Mtu Network       Address              Ipkts Ierrs Idrop     Ibytes"
	    "    Opkts Oerrs     Obytes  Coll\n"
	    "lo    65536 <Link#1>                               7     0     0          0"
	    "        0     0          0     0\n");
	free(got);
}
END_TEST

START_TEST(test_print_json)
{
	struct link l = mklink(2, "eth0", "Data\n1", false), e = mklink(3, "eth1", NULL, true);
	struct ifaddr_row a4 = mkaddr(AF_INET, "192.0.2.7", 24);
	struct memout m;
	struct iprinter p;
	char *got;

	memset(&e.stats, 0, sizeof(e.stats));
	e.addrlen = 0;
	memout_open(&m);
	iprint_open(&p, m.f, true, false, 5);
	iprint_link(&p, &l);
	iprint_addr(&p, &l, &a4, "h.example");
	iprint_link_end(&p);
	iprint_link(&p, &e);
	iprint_link_end(&p);
	iprint_close(&p);
	got = memout_close(&m);
	ck_assert_str_eq(got, "["
	    "{\"interface\":\"eth0\",\"alias\":\"Data\\n1\",\"ifindex\":2,\"mtu\":1500,"
	    "\"up\":false,\"mac\":\"02:00:00:00:00:02\",\"rx_packets\":110624529,"
	    "\"rx_errors\":1,\"rx_dropped\":2,\"rx_bytes\":117062552515,"
	    "\"tx_packets\":122028093,\"tx_errors\":3,\"tx_bytes\":30126949890,"
	    "\"collisions\":4,\"tx_dropped\":5,\"addresses\":["
	    "{\"family\":\"inet\",\"address\":\"192.0.2.7\",\"prefix_len\":24,"
	    "\"network\":\"192.0.2.0\",\"hostname\":\"h.example\"}]},"
	    "{\"interface\":\"eth1\",\"ifindex\":3,\"mtu\":1500,"
	    "\"up\":true,\"rx_packets\":0,\"rx_errors\":0,\"rx_dropped\":0,\"rx_bytes\":0,"
	    "\"tx_packets\":0,\"tx_errors\":0,\"tx_bytes\":0,\"collisions\":0,"
	    "\"tx_dropped\":0,\"addresses\":[]}]\n");
	free(got);
}
END_TEST

Suite *
suite_ifaces(void)
{
	Suite *s = suite_create("ifaces");
	TCase *tc = tcase_create("ifaces");

	tcase_add_test(tc, test_recorded);
	tcase_add_test(tc, test_sort);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_crafted);
	tcase_add_test(tc, test_network);
	tcase_add_test(tc, test_print_loopback);
	tcase_add_test(tc, test_print_text);
	tcase_add_test(tc, test_print_nodrops);
	tcase_add_test(tc, test_print_json);
	suite_add_tcase(s, tc);
	return s;
}
