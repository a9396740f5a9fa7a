/* SPDX-License-Identifier: BSD-2-Clause */
/* test_link.c - the interface table from a recorded dump, lookups, malformed messages. */
#include <errno.h>
#include <net/if_arp.h>
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "esa.h"
#include "link.h"
#include "../check_esa.h"
#include "suites.h"

/*
 * tests/data/nl/link.bin was recorded by tests/data/nl/record.sh: lo, then the
 * veth pair v1 (index 2) and v0 (index 3, alias "Data 1"), MACs 02:00:00:00:00:02
 * and :01, MTU 1500.
 */
static void
load_recorded(struct link_table *t)
{
	size_t len;
	void *buf = load_fixture("tests/data/nl/link.bin", &len);

	memset(t, 0, sizeof(*t));
	ck_assert_int_eq(nl_replay(buf, len, link_table_add, t), 0);
	link_table_sort(t);
	free(buf);
}

START_TEST(test_recorded_table)
{
	static const unsigned char mac0[] = { 2, 0, 0, 0, 0, 1 };
	struct link_table t;
	const struct link *l;

	load_recorded(&t);
	ck_assert_uint_eq(t.n, 3);
	l = link_by_index(&t, 1);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->name, "lo");
	ck_assert_uint_eq(l->type, ARPHRD_LOOPBACK);
	ck_assert_ptr_null(l->alias);
	l = link_by_index(&t, 3);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->name, "v0");
	ck_assert_str_eq(l->alias, "Data 1");
	ck_assert_str_eq(l->kind, "veth");
	ck_assert_uint_eq(l->type, ARPHRD_ETHER);
	ck_assert_uint_eq(l->mtu, 1500);
	ck_assert_uint_eq(l->addrlen, 6);
	ck_assert_mem_eq(l->addr, mac0, 6);
	ck_assert_str_eq(link_display(l), "Data 1");
	ck_assert_str_eq(link_display(link_by_index(&t, 2)), "v1");
	ck_assert_ptr_null(link_by_index(&t, 4));
	ck_assert_ptr_null(link_by_index(&t, 0));
	link_table_free(&t);
}
END_TEST

START_TEST(test_by_name)
{
	struct link_table t;
	const struct link *l;

	load_recorded(&t);
	l = link_by_name(&t, "v0");
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->index, 3);
	l = link_by_name(&t, "Data 1");
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->index, 3);
	errno = 0;
	ck_assert_ptr_null(link_by_name(&t, "nosuch0"));
	ck_assert_int_eq(errno, ENODEV);
	ck_assert_ptr_null(link_by_name(&t, ""));
	/* a kernel name wins over an alias; two links with one alias are ambiguous */
	free(t.links[1].alias);
	t.links[1].alias = xstrdup("v0");
	ck_assert_uint_eq(link_by_name(&t, "v0")->index, 3);
	free(t.links[1].alias);
	t.links[1].alias = xstrdup("Data 1");
	errno = 0;
	ck_assert_ptr_null(link_by_name(&t, "Data 1"));
	ck_assert_int_eq(errno, ENOTUNIQ);
	link_table_free(&t);
	ck_assert_ptr_null(link_by_index(&t, 1));
}
END_TEST

/* -i and -I: kernel name or alias to index and kernel name, and the names that fail. */
START_TEST(test_lookup)
{
	struct link_table t;
	char kname[IFNAMSIZ], longname[LINK_ALIAS_MAX + 2];

	load_recorded(&t);
	memset(kname, 'x', sizeof(kname));
	ck_assert_int_eq(link_lookup(&t, "v1", kname), 2);
	ck_assert_str_eq(kname, "v1");
	/* by alias: the kernel name is what a socket option or getifaddrs() takes */
	ck_assert_int_eq(link_lookup(&t, "Data 1", kname), 3);
	ck_assert_str_eq(kname, "v0");
	ck_assert_int_eq(link_lookup(&t, "lo", NULL), 1);
	errno = 0;
	ck_assert_int_eq(link_lookup(&t, "nosuch0", kname), 0);
	ck_assert_int_eq(errno, ENODEV);
	ck_assert_str_eq(kname, "v0");
	errno = 0;
	ck_assert_int_eq(link_lookup(&t, "", kname), 0);
	ck_assert_int_eq(errno, ENODEV);
	/* too long for a kernel name: never the 15-byte name it starts with */
	snprintf(t.links[1].name, IFNAMSIZ, "%s", "abcdefghijklmno");
	ck_assert_int_eq(link_lookup(&t, "abcdefghijklmno", kname), 2);
	errno = 0;
	ck_assert_int_eq(link_lookup(&t, "abcdefghijklmnop", kname), 0);
	ck_assert_int_eq(errno, ENODEV);
	/* an alias may be longer than a kernel name, up to the kernel's 255 bytes */
	memset(longname, 'a', sizeof(longname));
	longname[LINK_ALIAS_MAX] = '\0';
	free(t.links[0].alias);
	t.links[0].alias = xstrdup(longname);
	ck_assert_int_eq(link_lookup(&t, longname, kname), 1);
	ck_assert_str_eq(kname, "lo");
	/* one byte more is no alias the kernel keeps */
	longname[LINK_ALIAS_MAX] = 'a';
	longname[LINK_ALIAS_MAX + 1] = '\0';
	free(t.links[0].alias);
	t.links[0].alias = xstrdup(longname);
	errno = 0;
	ck_assert_int_eq(link_lookup(&t, longname, kname), 0);
	ck_assert_int_eq(errno, ENODEV);
	/* an alias two links carry names neither */
	free(t.links[1].alias);
	t.links[1].alias = xstrdup("Data 1");
	errno = 0;
	ck_assert_int_eq(link_lookup(&t, "Data 1", kname), 0);
	ck_assert_int_eq(errno, ENOTUNIQ);
	link_table_free(&t);
}
END_TEST

/* A message of a chosen size cut from the recording: every prefix is handled. */
START_TEST(test_truncated_messages)
{
	size_t len;
	unsigned char *buf = load_fixture("tests/data/nl/link.bin", &len);
	struct nlmsghdr *first = (struct nlmsghdr *)buf;
	uint32_t full = first->nlmsg_len;

	for (uint32_t cut = sizeof(struct nlmsghdr); cut <= full; cut++) {
		struct nlmsghdr *copy = exact_copy(buf, cut);
		struct link l;
		int r;

		copy->nlmsg_len = cut;
		r = link_parse(copy, &l);
		ck_assert(r == 1 || (r == -1 && errno == EPROTO));
		if (r == 1)
			free(l.alias);
		free(copy);
	}
	free(buf);
}
END_TEST

/* Builds an RTM_NEWLINK for index IDX with the given name and alias bytes. */
static size_t
build_link(char *buf, int idx, const void *name, size_t nlen, const void *alias, size_t alen)
{
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;

	memset(buf, 0, 1024);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = idx;
	ifi->ifi_type = ARPHRD_ETHER;
	if (name != NULL)
		mnl_attr_put(nlh, IFLA_IFNAME, nlen, name);
	if (alias != NULL)
		mnl_attr_put(nlh, IFLA_IFALIAS, alen, alias);
	return nlh->nlmsg_len;
}

START_TEST(test_crafted_messages)
{
	char buf[1024], big[300];
	struct link l;

	/* no name, index 0: malformed */
	build_link(buf, 5, NULL, 0, NULL, 0);
	ck_assert_int_eq(link_parse((struct nlmsghdr *)buf, &l), -1);
	build_link(buf, 0, "x0", 3, NULL, 0);
	ck_assert_int_eq(link_parse((struct nlmsghdr *)buf, &l), -1);
	/* a name without NUL and longer than IFNAMSIZ is cut, never overflows */
	memset(big, 'n', sizeof(big));
	build_link(buf, 5, big, 40, "al", 2);
	ck_assert_int_eq(link_parse((struct nlmsghdr *)buf, &l), 1);
	ck_assert_uint_eq(strlen(l.name), IFNAMSIZ - 1);
	ck_assert_str_eq(l.alias, "al");	/* alias without its NUL */
	free(l.alias);
	/* a 255-byte alias with a control byte is kept as the kernel gave it */
	memset(big, 'a', 255);
	big[3] = 0x1b;
	build_link(buf, 5, "x0", 3, big, 255);
	ck_assert_int_eq(link_parse((struct nlmsghdr *)buf, &l), 1);
	ck_assert_uint_eq(strlen(l.alias), 255);
	ck_assert_int_eq(l.alias[3], 0x1b);
	free(l.alias);
	/* a one-byte alias, with and without its NUL, is an alias */
	build_link(buf, 5, "x0", 3, "y", 1);
	ck_assert_int_eq(link_parse((struct nlmsghdr *)buf, &l), 1);
	ck_assert_str_eq(l.alias, "y");
	free(l.alias);
	build_link(buf, 5, "x0", 3, "y", 2);
	ck_assert_int_eq(link_parse((struct nlmsghdr *)buf, &l), 1);
	ck_assert_str_eq(l.alias, "y");
	free(l.alias);
	/* an empty alias is no alias */
	build_link(buf, 5, "x0", 3, "", 1);
	ck_assert_int_eq(link_parse((struct nlmsghdr *)buf, &l), 1);
	ck_assert_ptr_null(l.alias);
	/* not a link message: skipped */
	((struct nlmsghdr *)buf)->nlmsg_type = RTM_NEWADDR;
	ck_assert_int_eq(link_parse((struct nlmsghdr *)buf, &l), 0);
}
END_TEST

/* The live kernel: every namespace has a loopback device, and lo is index 1. */
START_TEST(test_live_load)
{
	struct link_table t = { 0 };
	struct nl *nl = nl_open(NETLINK_ROUTE);
	const struct link *lo;

	ck_assert_ptr_nonnull(nl);
	ck_assert_int_eq(link_load(nl, &t, 0), 0);
	lo = link_by_name(&t, "lo");
	ck_assert_ptr_nonnull(lo);
	ck_assert_uint_eq(lo->index, 1);
	ck_assert_uint_eq(lo->type, ARPHRD_LOOPBACK);
	for (size_t i = 1; i < t.n; i++)
		ck_assert_uint_lt(t.links[i - 1].index, t.links[i].index);
	link_table_free(&t);
	nl_close(nl);
}
END_TEST

/* The lookup that reads the table itself, for a tool that needs it for nothing else. */
START_TEST(test_live_lookup)
{
	char kname[IFNAMSIZ], longname[4096];

	ck_assert_int_eq(link_lookup(NULL, "lo", kname), 1);
	ck_assert_str_eq(kname, "lo");
	memset(longname, 'l', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	errno = 0;
	ck_assert_int_eq(link_lookup(NULL, longname, kname), 0);
	ck_assert_int_eq(errno, ENODEV);
}
END_TEST

Suite *
suite_link(void)
{
	Suite *s = suite_create("link");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_recorded_table);
	tcase_add_test(tc, test_by_name);
	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_truncated_messages);
	tcase_add_test(tc, test_crafted_messages);
	tcase_add_test(tc, test_live_load);
	tcase_add_test(tc, test_live_lookup);
	suite_add_tcase(s, tc);
	return s;
}
