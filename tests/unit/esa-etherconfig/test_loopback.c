/* SPDX-License-Identifier: BSD-2-Clause */
/* test_loopback.c - the state file's text both ways, malformed ones, and address messages. */
#include <errno.h>
#include <arpa/inet.h>

#include <linux/rtnetlink.h>

#include "../../../bin/esa-etherconfig/etherconfig.h"
#include "../check_esa.h"
#include "suites.h"

static const char good[] =
    "# esa-etherconfig loopback: what \"esa-etherconfig loopback disable\" undoes\n"
    "address 192.0.2.10/32\narp_ignore 0\narp_announce 1\n";

START_TEST(test_parse_good)
{
	struct lo_state s;
	char *copy = exact_copy(good, strlen(good));

	ck_assert_int_eq(loopback_state_parse(copy, strlen(good), &s, NULL), 0);
	ck_assert_int_eq(s.addr.family, AF_INET);
	ck_assert_uint_eq(s.addr.u.v4.s_addr, inet_addr("192.0.2.10"));
	ck_assert_uint_eq(s.prefix_len, 32);
	ck_assert_int_eq(s.arp_ignore, 0);
	ck_assert_int_eq(s.arp_announce, 1);
	free(copy);
}
END_TEST

START_TEST(test_format_roundtrip)
{
	struct lo_state s = { .prefix_len = 128, .arp_ignore = 2, .arp_announce = 0 }, t;
	char buf[512];
	int n;

	s.addr.family = AF_INET6;
	ck_assert_int_eq(inet_pton(AF_INET6, "2001:db8::10", &s.addr.u.v6), 1);
	n = loopback_state_format(&s, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_ptr_nonnull(strstr(buf, "\naddress 2001:db8::10/128\narp_ignore 2\narp_announce 0\n"));
	ck_assert_int_eq(loopback_state_parse(buf, (size_t)n, &t, NULL), 0);
	ck_assert_int_eq(t.addr.family, AF_INET6);
	ck_assert_mem_eq(t.addr.u.bytes, s.addr.u.bytes, 16);
	ck_assert_int_eq(t.arp_ignore, 2);
	ck_assert_int_eq(loopback_state_format(&s, buf, 10), -1);
}
END_TEST

/*
 * The kernel keeps any int in the two sysctls but gives meaning to arp_ignore 0-8
 * and arp_announce 0-2 only: the state file holds those, and a tampered one with
 * another value is refused, saying which (disable once wrote 2147483647).
 */
START_TEST(test_parse_kernel_ranges)
{
	static const struct {
		const char *text, *why;
	} bad[] = {
		{ "address 192.0.2.10/32\narp_ignore 9\narp_announce 2\n",
		  "arp_ignore: not one of the kernel's values (0 to 8)" },
		{ "address 192.0.2.10/32\narp_ignore 2147483647\narp_announce 0\n",
		  "arp_ignore: not one of the kernel's values (0 to 8)" },
		{ "address 192.0.2.10/32\narp_ignore 0\narp_announce 3\n",
		  "arp_announce: not one of the kernel's values (0 to 2)" },
		{ "address 192.0.2.10/32\narp_ignore x\narp_announce 0\n",
		  "a value that is not a number" },
	};
	static const char text[] = "address 192.0.2.10/32\narp_ignore 8\narp_announce 2\n";
	struct lo_state s;
	const char *why;

	ck_assert_int_eq(loopback_state_parse(text, strlen(text), &s, &why), 0);
	ck_assert_int_eq(s.arp_ignore, 8);
	ck_assert_int_eq(s.arp_announce, 2);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		errno = 0;
		ck_assert_int_eq(loopback_state_parse(bad[i].text, strlen(bad[i].text), &s, &why),
		    -1);
		ck_assert_int_eq(errno, EINVAL);
		ck_assert_pstr_eq(why, bad[i].why);
	}
}
END_TEST

/* Addresses enable never puts on lo, which disable must never take away. */
START_TEST(test_parse_never_added)
{
	static const char *const addrs[] = {
		"127.0.0.1/32", "127.1.2.3/32", "0.0.0.0/32", "224.0.0.1/32",
		"255.255.255.255/32", "::1/128", "::/128", "ff02::1/128",
	};
	char text[256];
	struct lo_state s;
	const char *why;

	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		snprintf(text, sizeof(text), "address %s\narp_ignore 0\narp_announce 0\n",
		    addrs[i]);
		why = NULL;
		ck_assert_msg(loopback_state_parse(text, strlen(text), &s, &why) == -1, "%s",
		    addrs[i]);
		ck_assert_pstr_eq(why, "an address enable never adds");
	}
}
END_TEST

/* What enable refuses, and why: the same rule the state file is read by. */
START_TEST(test_addr_refusal)
{
	static const struct {
		const char *addr, *why;
	} cases[] = {
		{ "192.0.2.10", NULL },
		{ "2001:db8::10", NULL },
		{ "fe80::10", NULL },
		{ "126.255.255.255", NULL },
		{ "128.0.0.1", NULL },
		{ "127.0.0.1", "a loopback address (lo's own)" },
		{ "127.255.255.254", "a loopback address (lo's own)" },
		{ "::1", "a loopback address (lo's own)" },
		{ "0.0.0.0", "not a unicast address" },
		{ "224.0.0.1", "not a unicast address" },
		{ "239.255.255.255", "not a unicast address" },
		{ "255.255.255.255", "not a unicast address" },
		{ "::", "not a unicast address" },
		{ "ff02::1", "not a unicast address" },
	};
	struct addr a;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(addr_parse(cases[i].addr, AF_UNSPEC, ADDR_NUMERIC, &a, NULL), 0);
		ck_assert_pstr_eq(loopback_addr_refusal(&a), cases[i].why);
	}
}
END_TEST

/* Text this program did not write is refused whole. */
START_TEST(test_parse_bad)
{
	static const char *const bad[] = {
		"",
		"address 192.0.2.10/32\narp_ignore 0\n",			/* a key missing */
		"address 192.0.2.10/24\narp_ignore 0\narp_announce 0\n",	/* not /32 */
		"address 2001:db8::1/32\narp_ignore 0\narp_announce 0\n",	/* not /128 */
		"address 192.0.2.10\narp_ignore 0\narp_announce 0\n",		/* no length */
		"address 192.0.2/32\narp_ignore 0\narp_announce 0\n",
		"address fe80::1%lo/128\narp_ignore 0\narp_announce 0\n",
		"address 192.0.2.10/32\narp_ignore -1\narp_announce 0\n",
		"address 192.0.2.10/32\narp_ignore 0\narp_announce 2147483648\n",
		"address 192.0.2.10/32\narp_ignore 0\narp_announce 0",		/* no last newline */
		"address 192.0.2.10/32\narp_ignore 0\narp_announce 0\nmore 1\n",
		"address 192.0.2.10/32\narp_ignore  0\narp_announce 0\n",
	};
	struct lo_state s;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *copy = exact_copy(bad[i], strlen(bad[i]));

		errno = 0;
		ck_assert_msg(loopback_state_parse(copy, strlen(bad[i]), &s, NULL) == -1, "case %zu", i);
		ck_assert_int_eq(errno, EINVAL);
		free(copy);
	}
	/* a NUL inside a line */
	ck_assert_int_eq(loopback_state_parse("address 192.0.2.1\0/32\n", 22, &s, NULL), -1);
}
END_TEST

struct addrs {
	int n;
	struct addr a[4];
	unsigned int plen[4], index[4];
};

static int
addr_cb(const struct nlmsghdr *nlh, void *data)
{
	struct addrs *v = data;
	int r;

	if (v->n == 4)
		return MNL_CB_OK;
	r = loopback_addr_parse(nlh, &v->a[v->n], &v->plen[v->n], &v->index[v->n]);
	if (r < 0)
		return MNL_CB_ERROR;
	v->n += r;
	return MNL_CB_OK;
}

/*
 * tests/data/nl/addr.bin (record.sh): lo 127.0.0.1/8 and ::1/128, v0 (index 3)
 * 192.0.2.1/24 and 2001:db8::1/64, and link-local IPv6 addresses.
 */
START_TEST(test_addr_recorded)
{
	struct addrs v = { 0 };
	size_t len;
	void *buf = load_fixture("tests/data/nl/addr.bin", &len);
	bool seen = false;

	ck_assert_int_eq(nl_replay(buf, len, addr_cb, &v), 0);
	ck_assert_int_ge(v.n, 2);
	ck_assert_int_eq(v.a[0].family, AF_INET);
	ck_assert_uint_eq(v.a[0].u.v4.s_addr, inet_addr("127.0.0.1"));
	ck_assert_uint_eq(v.plen[0], 8);
	ck_assert_uint_eq(v.index[0], 1);
	for (int i = 0; i < v.n; i++)
		if (v.a[i].family == AF_INET && v.a[i].u.v4.s_addr == inet_addr("192.0.2.1")) {
			ck_assert_uint_eq(v.plen[i], 24);
			ck_assert_uint_eq(v.index[i], 3);
			seen = true;
		}
	ck_assert(seen);
	free(buf);
}
END_TEST

START_TEST(test_addr_bad)
{
	char buf[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	unsigned char a3[3] = { 192, 0, 2 };
	struct addr a;
	unsigned int plen, index;

	nlh->nlmsg_type = RTM_NEWADDR;
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 32;
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(a3), a3);		/* three bytes for IPv4 */
	ck_assert_int_eq(loopback_addr_parse(nlh, &a, &plen, &index), -1);
	ifa->ifa_family = AF_INET6;				/* four for IPv6 */
	ck_assert_int_eq(loopback_addr_parse(nlh, &a, &plen, &index), -1);
	ifa->ifa_family = AF_PACKET;				/* not an IP address */
	ck_assert_int_eq(loopback_addr_parse(nlh, &a, &plen, &index), 0);
}
END_TEST

/* A prefix longer than the address (33 for IPv4, 129 for IPv6) is malformed (EPROTO). */
START_TEST(test_addr_prefix_bounds)
{
	char buf[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	static const unsigned char a4[4] = { 192, 0, 2, 1 };
	struct addr a;
	unsigned int plen, index;

	nlh->nlmsg_type = RTM_NEWADDR;
	ifa->ifa_family = AF_INET;
	ifa->ifa_index = 1;
	ifa->ifa_prefixlen = 32;
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(a4), a4);
	ck_assert_int_eq(loopback_addr_parse(nlh, &a, &plen, &index), 1);
	ck_assert_uint_eq(plen, 32);
	ifa->ifa_prefixlen = 33;
	errno = 0;
	ck_assert_int_eq(loopback_addr_parse(nlh, &a, &plen, &index), -1);
	ck_assert_int_eq(errno, EPROTO);
}
END_TEST

Suite *
suite_loopback(void)
{
	Suite *s = suite_create("loopback");
	TCase *tc = tcase_create("state");

	tcase_add_test(tc, test_parse_good);
	tcase_add_test(tc, test_format_roundtrip);
	tcase_add_test(tc, test_parse_bad);
	tcase_add_test(tc, test_parse_kernel_ranges);
	tcase_add_test(tc, test_parse_never_added);
	tcase_add_test(tc, test_addr_refusal);
	tcase_add_test(tc, test_addr_recorded);
	tcase_add_test(tc, test_addr_bad);
	tcase_add_test(tc, test_addr_prefix_bounds);
	suite_add_tcase(s, tc);
	return s;
}
