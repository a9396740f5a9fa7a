/* SPDX-License-Identifier: BSD-2-Clause */
/* test_sockdiag.c - inet_diag messages: recorded listener dumps and crafted malformed ones. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <sys/socket.h>

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>

#include "esa.h"
#include "sockdiag.h"
#include "../check_esa.h"
#include "suites.h"

struct collected {
	struct sockdiag_sock v[16];
	int n;
	int skipped;
};

static int
collect(const struct nlmsghdr *nlh, void *data)
{
	struct collected *c = data;
	struct sockdiag_sock s;
	int r = sockdiag_parse(nlh, IPPROTO_TCP, &s);

	if (r < 0)
		return MNL_CB_ERROR;
	if (r == 0) {
		c->skipped++;
		return MNL_CB_OK;
	}
	ck_assert_int_lt(c->n, 16);
	c->v[c->n++] = s;
	return MNL_CB_OK;
}

static const struct sockdiag_sock *
by_port(const struct collected *c, uint16_t port)
{
	for (int i = 0; i < c->n; i++)
		if (c->v[i].sport == port)
			return &c->v[i];
	ck_abort_msg("no socket on port %u", port);
	return NULL;
}

static void
replay_fixture(const char *rel, struct collected *c)
{
	size_t len;
	void *buf = load_fixture(rel, &len);

	memset(c, 0, sizeof(*c));
	ck_assert_int_eq(nl_replay(buf, len, collect, c), 0);
	free(buf);
}

static void
check_addr(const struct sockdiag_sock *s, const char *text)
{
	unsigned char want[16] = { 0 };

	ck_assert_int_eq(inet_pton(s->family, text, want), 1);
	ck_assert_mem_eq(s->src, want, 16);
}

/*
 * From record.sh: listeners 192.0.2.1:6080 and 127.0.0.1:60001 (tcp4),
 * [2001:db8::1]:8081 IPv6 only and [::]:4431 dual stack (tcp6), all root's; the
 * bound but not listening 192.0.2.1:7000 is not in a LISTEN dump.
 */
START_TEST(test_recorded_tcp4)
{
	struct collected c;
	const struct sockdiag_sock *s;

	replay_fixture("tests/data/nl/tcp4.bin", &c);
	ck_assert_int_eq(c.n, 2);
	s = by_port(&c, 6080);
	ck_assert_int_eq(s->family, AF_INET);
	ck_assert_int_eq(s->protocol, IPPROTO_TCP);
	ck_assert_int_eq(s->state, SOCK_LISTEN);
	check_addr(s, "192.0.2.1");
	ck_assert_uint_eq(s->dport, 0);
	ck_assert_uint_eq(s->uid, 0);
	ck_assert_uint_ne(s->inode, 0);
	ck_assert(!s->v6only);
	s = by_port(&c, 60001);
	check_addr(s, "127.0.0.1");
	ck_assert_uint_eq(s->wqueue, 16);	/* a listener's backlog */
	ck_assert_uint_ne(c.v[0].inode, c.v[1].inode);
}
END_TEST

START_TEST(test_recorded_tcp6)
{
	struct collected c;
	const struct sockdiag_sock *s;

	replay_fixture("tests/data/nl/tcp6.bin", &c);
	ck_assert_int_eq(c.n, 2);
	s = by_port(&c, 8081);
	ck_assert_int_eq(s->family, AF_INET6);
	ck_assert_int_eq(s->state, SOCK_LISTEN);
	check_addr(s, "2001:db8::1");
	ck_assert(s->v6only);
	s = by_port(&c, 4431);
	check_addr(s, "::");
	ck_assert(!s->v6only);
}
END_TEST

/* A message of PAYLOAD bytes: an inet_diag_msg (whole or not), then ATTRS. */
static struct nlmsghdr *
craft(char *buf, size_t payload, int family)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct inet_diag_msg *m = (struct inet_diag_msg *)(buf + sizeof(*nlh));

	memset(buf, 0, sizeof(*nlh) + (payload > sizeof(*m) ? payload : sizeof(*m)));
	nlh->nlmsg_len = (uint32_t)(sizeof(*nlh) + payload);
	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	m->idiag_family = (uint8_t)family;
	m->idiag_state = SOCK_LISTEN;
	m->id.idiag_sport = htons(22);
	m->idiag_inode = 77;
	return nlh;
}

START_TEST(test_crafted)
{
	char buf[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;
	struct nlattr *a;
	struct sockdiag_sock s;

	/* whole, no attributes */
	nlh = craft(buf, sizeof(struct inet_diag_msg), AF_INET);
	ck_assert_int_eq(sockdiag_parse(nlh, IPPROTO_TCP, &s), 1);
	ck_assert_uint_eq(s.sport, 22);
	ck_assert_uint_eq(s.inode, 77);
	/* one byte short of an inet_diag_msg */
	nlh = craft(buf, sizeof(struct inet_diag_msg) - 1, AF_INET);
	errno = 0;
	ck_assert_int_eq(sockdiag_parse(nlh, IPPROTO_TCP, &s), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* another family: skipped */
	nlh = craft(buf, sizeof(struct inet_diag_msg), AF_UNIX);
	ck_assert_int_eq(sockdiag_parse(nlh, IPPROTO_TCP, &s), 0);
	/* another message type: skipped */
	nlh = craft(buf, sizeof(struct inet_diag_msg), AF_INET);
	nlh->nlmsg_type = NLMSG_MIN_TYPE + 1;
	ck_assert_int_eq(sockdiag_parse(nlh, IPPROTO_TCP, &s), 0);
	/* INET_DIAG_SKV6ONLY of 0 bytes: refused */
	nlh = craft(buf, sizeof(struct inet_diag_msg) + 4, AF_INET6);
	a = (struct nlattr *)(buf + sizeof(*nlh) + sizeof(struct inet_diag_msg));
	a->nla_len = 4;
	a->nla_type = INET_DIAG_SKV6ONLY;
	errno = 0;
	ck_assert_int_eq(sockdiag_parse(nlh, IPPROTO_TCP, &s), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* ... of 1 byte: read */
	nlh = craft(buf, sizeof(struct inet_diag_msg) + 8, AF_INET6);
	a = (struct nlattr *)(buf + sizeof(*nlh) + sizeof(struct inet_diag_msg));
	a->nla_len = 5;
	a->nla_type = INET_DIAG_SKV6ONLY;
	*(uint8_t *)(a + 1) = 1;
	ck_assert_int_eq(sockdiag_parse(nlh, IPPROTO_TCP, &s), 1);
	ck_assert(s.v6only);
	/* an attribute whose length runs past the message: ignored, not read */
	a->nla_len = 200;
	ck_assert_int_eq(sockdiag_parse(nlh, IPPROTO_TCP, &s), 1);
	ck_assert(!s.v6only);
}
END_TEST

/*
 * The first recorded message cut at every length, in an exact-size copy whose
 * nlmsg_len says so: parsed or refused, never read past. And the whole recording
 * cut at every length, through the replay loop.
 */
START_TEST(test_truncated)
{
	size_t len;
	char *buf = load_fixture("tests/data/nl/tcp6.bin", &len);
	const struct nlmsghdr *first = (const struct nlmsghdr *)buf;

	for (size_t n = sizeof(struct nlmsghdr); n <= first->nlmsg_len; n++) {
		struct nlmsghdr *copy = exact_copy(buf, n);
		struct sockdiag_sock s;
		int r;

		copy->nlmsg_len = (uint32_t)n;
		r = sockdiag_parse(copy, IPPROTO_TCP, &s);
		if (n < sizeof(struct nlmsghdr) + sizeof(struct inet_diag_msg))
			ck_assert_int_eq(r, -1);
		else
			ck_assert_int_eq(r, 1);
		free(copy);
	}
	for (size_t n = 0; n <= len; n++) {
		void *copy = exact_copy(buf, n);
		struct collected c = { .n = 0 };

		(void)nl_replay(copy, n, collect, &c);
		ck_assert_int_le(c.n, 2);
		free(copy);
	}
	free(buf);
}
END_TEST

Suite *
suite_sockdiag(void)
{
	Suite *s = suite_create("sockdiag");
	TCase *tc = tcase_create("sockdiag");

	tcase_add_test(tc, test_recorded_tcp4);
	tcase_add_test(tc, test_recorded_tcp6);
	tcase_add_test(tc, test_crafted);
	tcase_add_test(tc, test_truncated);
	suite_add_tcase(s, tc);
	return s;
}
