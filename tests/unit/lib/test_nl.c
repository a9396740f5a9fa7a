/* SPDX-License-Identifier: BSD-2-Clause */
/* test_nl.c - the netlink receive loop: recorded and crafted replies, and the live kernel. */
#include <errno.h>
#include <stdint.h>
#include <sys/socket.h>

#include <linux/genetlink.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "nl.h"
#include "../check_esa.h"
#include "suites.h"

/* Counts the data messages it sees; stops or fails at a chosen one. */
struct counter {
	int seen;
	int stop_at;		/* 1-based; 0 never */
	int fail_at;		/* 1-based; 0 never */
	int fail_errno;
};

static int
count_cb(const struct nlmsghdr *nlh, void *data)
{
	struct counter *c = data;

	ck_assert_uint_ge(nlh->nlmsg_len, sizeof(*nlh));
	c->seen++;
	if (c->seen == c->stop_at)
		return MNL_CB_STOP;
	if (c->seen == c->fail_at) {
		errno = c->fail_errno;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/* Appends a message with PAYLOAD bytes of zeros to BUF at *off; returns it. */
static struct nlmsghdr *
put_msg(char *buf, size_t *off, uint16_t type, uint16_t flags, size_t payload)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(buf + *off);

	memset(nlh, 0, NLMSG_ALIGN(sizeof(*nlh) + payload));
	nlh->nlmsg_len = (uint32_t)(sizeof(*nlh) + payload);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	*off += NLMSG_ALIGN(nlh->nlmsg_len);
	return nlh;
}

static int
replay_copy(const void *buf, size_t len, struct counter *c)
{
	void *copy = exact_copy(buf, len);
	int r = nl_replay(copy, len, count_cb, c);
	int saved = errno;

	free(copy);
	errno = saved;
	return r;
}

START_TEST(test_replay_recorded)
{
	size_t len;
	void *buf = load_fixture("tests/data/nl/link.bin", &len);
	struct counter c = { 0 };

	/* the recording holds lo, v1 and v0: three RTM_NEWLINK messages */
	ck_assert_int_eq(nl_replay(buf, len, count_cb, &c), 0);
	ck_assert_int_eq(c.seen, 3);
	free(buf);
}
END_TEST

/* Every prefix of a real reply: no crash, no read past it (exact-size copies). */
START_TEST(test_replay_truncated)
{
	size_t len;
	void *buf = load_fixture("tests/data/nl/neigh6.bin", &len);

	for (size_t cut = 0; cut < len; cut++) {
		struct counter c = { 0 };
		int r = replay_copy(buf, cut, &c);

		ck_assert(r == 0 || (r == -1 && errno == EPROTO));
		ck_assert_int_le(c.seen, 6);
	}
	free(buf);
}
END_TEST

START_TEST(test_bad_lengths)
{
	char buf[256];
	size_t off = 0;
	struct counter c = { 0 };
	struct nlmsghdr *nlh = put_msg(buf, &off, RTM_NEWLINK, 0, 16);

	/* a length cast to int would pass a signed comparison: 0x80000000 */
	nlh->nlmsg_len = 0x80000000u;
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert_int_eq(c.seen, 0);
	nlh->nlmsg_len = 15;	/* shorter than its own header */
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, EPROTO);
	nlh->nlmsg_len = (uint32_t)off + 4;	/* past the buffer */
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(c.seen, 0);
	/* exactly a header and nothing else is a valid (empty) message */
	nlh->nlmsg_len = 16;
	ck_assert_int_eq(replay_copy(buf, 16, &c), 0);
	ck_assert_int_eq(c.seen, 1);
}
END_TEST

START_TEST(test_done_carries_error)
{
	char buf[256];
	size_t off = 0;
	struct counter c = { 0 };
	int e = -EMSGSIZE;

	put_msg(buf, &off, RTM_NEWNEIGH, NLM_F_MULTI, 12);
	memcpy(NLMSG_DATA(put_msg(buf, &off, NLMSG_DONE, NLM_F_MULTI, sizeof(e))), &e, sizeof(e));
	put_msg(buf, &off, RTM_NEWNEIGH, NLM_F_MULTI, 12);	/* after DONE: not read */
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, EMSGSIZE);
	ck_assert_int_eq(c.seen, 1);
}
END_TEST

/*
 * The DONE payload counts only as an error code (1 to 4095, negated, as the kernel
 * sends errno values): -5000 is none, and a dump whose callback failed first keeps
 * the callback's error, not the one DONE carries.
 */
START_TEST(test_done_error_bounds)
{
	char buf[256];
	size_t off = 0;
	struct counter c = { 0 };
	int e = -5000;

	put_msg(buf, &off, RTM_NEWNEIGH, NLM_F_MULTI, 12);
	memcpy(NLMSG_DATA(put_msg(buf, &off, NLMSG_DONE, NLM_F_MULTI, sizeof(e))), &e, sizeof(e));
	ck_assert_int_eq(replay_copy(buf, off, &c), 0);
	ck_assert_int_eq(c.seen, 1);
	off = 0;
	e = -EMSGSIZE;
	put_msg(buf, &off, RTM_NEWNEIGH, NLM_F_MULTI, 12);
	memcpy(NLMSG_DATA(put_msg(buf, &off, NLMSG_DONE, NLM_F_MULTI, sizeof(e))), &e, sizeof(e));
	c = (struct counter){ .fail_at = 1, .fail_errno = ENOMEM };
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, ENOMEM);
}
END_TEST

START_TEST(test_error_messages)
{
	char buf[256];
	size_t off = 0;
	struct counter c = { 0 };
	struct nlmsgerr *e;

	e = NLMSG_DATA(put_msg(buf, &off, NLMSG_ERROR, 0, sizeof(*e)));
	e->error = -EPERM;
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, EPERM);
	e->error = 0;	/* an ACK */
	ck_assert_int_eq(replay_copy(buf, off, &c), 0);
	e->error = 5;	/* no errno is positive */
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, EPROTO);
	e->error = INT32_MIN;	/* cannot be negated */
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* an error message too short for struct nlmsgerr */
	off = 0;
	put_msg(buf, &off, NLMSG_ERROR, 0, 2);
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, EPROTO);
}
END_TEST

START_TEST(test_dump_intr)
{
	char buf[256];
	size_t off = 0;
	struct counter c = { 0 };

	put_msg(buf, &off, RTM_NEWNEIGH, NLM_F_MULTI, 12);
	put_msg(buf, &off, RTM_NEWNEIGH, NLM_F_MULTI | NLM_F_DUMP_INTR, 12);
	put_msg(buf, &off, RTM_NEWNEIGH, NLM_F_MULTI, 12);
	put_msg(buf, &off, NLMSG_DONE, NLM_F_MULTI, 4);
	/* every message is delivered, then the caller learns the dump was inconsistent */
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, EINTR);
	ck_assert_int_eq(c.seen, 3);
}
END_TEST

START_TEST(test_callback_stop_and_error)
{
	char buf[256];
	size_t off = 0;
	struct counter c = { .stop_at = 2 };

	for (int i = 0; i < 4; i++)
		put_msg(buf, &off, RTM_NEWNEIGH, NLM_F_MULTI, 12);
	put_msg(buf, &off, NLMSG_NOOP, 0, 0);
	ck_assert_int_eq(replay_copy(buf, off, &c), 0);
	ck_assert_int_eq(c.seen, 2);
	c = (struct counter){ .fail_at = 1, .fail_errno = ENOMEM };
	ck_assert_int_eq(replay_copy(buf, off, &c), -1);
	ck_assert_int_eq(errno, ENOMEM);
	ck_assert_int_eq(c.seen, 1);
}
END_TEST

/* Builds a message with a 4-byte family header followed by raw attribute bytes. */
static struct nlmsghdr *
attr_msg(char *buf, const void *attrs, size_t alen)
{
	size_t off = 0;
	struct nlmsghdr *nlh = put_msg(buf, &off, RTM_NEWLINK, 0, 4 + alen);

	if (alen > 0)
		memcpy((char *)NLMSG_DATA(nlh) + 4, attrs, alen);
	return nlh;
}

/* An RTM type message with an rtmsg and RTA_OIF of OIFLEN bytes (4: a valid u32). */
static struct nlmsghdr *
route_msg(char *buf, uint16_t type, uint16_t oiflen)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtmsg *rtm;
	uint32_t oif = 3;

	nlh->nlmsg_type = type;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET6;
	rtm->rtm_dst_len = 128;
	mnl_attr_put(nlh, RTA_OIF, oiflen, &oif);
	return nlh;
}

START_TEST(test_route_attrs)
{
	char buf[512];
	const struct nlattr *tb[RTA_MAX + 1];
	const struct rtmsg *rtm = NULL;
	struct nlmsghdr *nlh;

	ck_assert_int_eq(nl_route_attrs(route_msg(buf, RTM_NEWROUTE, 4), tb, &rtm), 1);
	ck_assert_ptr_nonnull(rtm);
	ck_assert_int_eq(rtm->rtm_family, AF_INET6);
	ck_assert_int_eq(rtm->rtm_dst_len, 128);
	ck_assert_ptr_nonnull(tb[RTA_OIF]);
	ck_assert_uint_eq(mnl_attr_get_u32(tb[RTA_OIF]), 3);
	ck_assert_ptr_null(tb[RTA_DST]);
	/* another message in the dump: skipped, not an error */
	ck_assert_int_eq(nl_route_attrs(route_msg(buf, RTM_NEWLINK, 4), tb, &rtm), 0);
	/* an interface index of two bytes is refused, not read past */
	ck_assert_int_eq(nl_route_attrs(route_msg(buf, RTM_NEWROUTE, 2), tb, &rtm), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* a message cut inside its rtmsg */
	nlh = route_msg(buf, RTM_NEWROUTE, 4);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 4;
	ck_assert_int_eq(nl_route_attrs(nlh, tb, &rtm), -1);
}
END_TEST

START_TEST(test_attrs)
{
	static const enum mnl_attr_data_type types[5] = { [1] = MNL_TYPE_U32 };
	const struct nlattr *tb[5];
	char buf[256];
	/* type 1 u32 = 7; type 2 one byte; type 9 (above max) */
	static const unsigned char good[] = {
		8, 0, 1, 0, 7, 0, 0, 0, 5, 0, 2, 0, 'x', 0, 0, 0, 8, 0, 9, 0, 1, 2, 3, 4,
	};
	static const unsigned char short_u32[] = { 5, 0, 1, 0, 7, 0, 0, 0 };
	static const unsigned char zero_len[] = { 0, 0, 1, 0, 7, 0, 0, 0 };
	static const unsigned char torn[] = { 8, 0, 2, 0, 1, 2, 3, 4, 12, 0, 3, 0, 9, 9, 9, 9 };

	ck_assert_int_eq(nl_attrs(attr_msg(buf, good, sizeof(good)), 4, tb, 4, types), 0);
	ck_assert_ptr_nonnull(tb[1]);
	ck_assert_uint_eq(mnl_attr_get_u32(tb[1]), 7);
	ck_assert_ptr_nonnull(tb[2]);
	ck_assert_ptr_null(tb[3]);
	/* a u32 of one byte is refused, not read past */
	ck_assert_int_eq(nl_attrs(attr_msg(buf, short_u32, sizeof(short_u32)), 4, tb, 4, types), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* nla_len 0 would never advance: the walk ends there */
	ck_assert_int_eq(nl_attrs(attr_msg(buf, zero_len, sizeof(zero_len)), 4, tb, 4, NULL), 0);
	ck_assert_ptr_null(tb[1]);
	/* an attribute running past the message is left out */
	ck_assert_int_eq(nl_attrs(attr_msg(buf, torn, sizeof(torn)), 4, tb, 4, NULL), 0);
	ck_assert_ptr_nonnull(tb[2]);
	ck_assert_ptr_null(tb[3]);
	/* a family header longer than the message */
	ck_assert_int_eq(nl_attrs(attr_msg(buf, NULL, 0), 8, tb, 4, NULL), -1);
}
END_TEST

START_TEST(test_nested)
{
	const struct nlattr *tb[4], *in[4];
	char buf[256];
	/* type 1 nested: { type 2 u32 = 3 }, then a nested attr with a torn inner one */
	static const unsigned char attrs[] = {
		12, 0, 1, 0x80, 8, 0, 2, 0, 3, 0, 0, 0,
		8, 0, 3, 0, 9, 0, 2, 0,
	};
	struct nlmsghdr *nlh = attr_msg(buf, attrs, sizeof(attrs));

	ck_assert_int_eq(nl_attrs(nlh, 4, tb, 3, NULL), 0);
	ck_assert_ptr_nonnull(tb[1]);
	ck_assert_int_eq(nl_nested(tb[1], in, 3, NULL), 0);
	ck_assert_ptr_nonnull(in[2]);
	ck_assert_uint_eq(mnl_attr_get_u32(in[2]), 3);
	ck_assert_int_eq(nl_nested(tb[3], in, 3, NULL), 0);
	ck_assert_ptr_null(in[2]);
}
END_TEST

/*
 * The live kernel: a request longer than the socket's send buffer is refused by
 * sendmsg() itself (netlink_sendmsg(): EMSGSIZE past sk_sndbuf less 32 bytes, checked
 * before any byte is read), and nl_ack() says so: -1 with that errno.
 */
START_TEST(test_live_send_refused)
{
	struct nl *nl = nl_open(NETLINK_ROUTE);
	struct nlmsghdr *req;

	ck_assert_ptr_nonnull(nl);
	req = nl_request(nl, RTM_GETLINK, 0);
	req->nlmsg_len = 1u << 26;
	errno = 0;
	ck_assert_int_eq(nl_ack(nl, req), -1);
	ck_assert_int_eq(errno, EMSGSIZE);
	nl_close(nl);
}
END_TEST

/*
 * The live kernel: a dump request with a header a strict kernel refuses (4.20+)
 * comes back as an error with the kernel's own explanation. Nothing is changed.
 */
START_TEST(test_live_extack)
{
	struct nl *nl = nl_open(NETLINK_ROUTE);
	struct nlmsghdr *req;
	struct ndmsg *ndm;
	struct counter c = { 0 };

	ck_assert_ptr_nonnull(nl);
	req = nl_request(nl, RTM_GETNEIGH, 0);
	ndm = mnl_nlmsg_put_extra_header(req, sizeof(*ndm));
	ndm->ndm_family = AF_INET;
	ndm->ndm_state = NUD_REACHABLE;
	ck_assert_int_eq(nl_dump(nl, req, count_cb, &c), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_ptr_nonnull(nl_errmsg(nl));
	ck_assert_msg(strstr(nl_errmsg(nl), "neighbor dump") != NULL, "extack: %s", nl_errmsg(nl));
	/* the words a tool prints: the errno's, then the kernel's */
	{
		char want[NL_STRERROR_MAX], got[NL_STRERROR_MAX];

		snprintf(want, sizeof(want), "Invalid argument: %s", nl_errmsg(nl));
		ck_assert_str_eq(nl_strerror(nl, EINVAL, got, sizeof(got)), want);
	}
	/* the socket stays usable, and the error text is cleared by the next request */
	req = nl_request(nl, RTM_GETNEIGH, 0);
	ndm = mnl_nlmsg_put_extra_header(req, sizeof(*ndm));
	ndm->ndm_family = AF_INET;
	ck_assert_int_eq(nl_dump(nl, req, count_cb, &c), 0);
	ck_assert_ptr_null(nl_errmsg(nl));
	{
		char got[NL_STRERROR_MAX];

		ck_assert_str_eq(nl_strerror(nl, EPERM, got, sizeof(got)), "Operation not permitted");
	}
	nl_close(nl);
}
END_TEST

struct genl_seen {
	const char *name;
	int found, others;
	uint16_t id;
};

static int
genl_cb(const struct nlmsghdr *nlh, void *data)
{
	struct genl_seen *g = data;
	int r = nl_genl_family_parse(nlh, g->name, &g->id);

	if (r < 0)
		return MNL_CB_ERROR;
	if (r > 0)
		g->found++;
	else
		g->others++;
	return MNL_CB_OK;
}

/*
 * tests/data/nl/genl.bin: every generic netlink family of the recording kernel; the
 * controller itself is GENL_ID_CTRL, and ethtool's id is the message type of the
 * ethtool dumps recorded beside it (ethmodes.bin).
 */
START_TEST(test_genl_recorded)
{
	struct genl_seen g = { .name = "ethtool" }, c = { .name = "nlctrl" },
	    e = { .name = "ethtoo" };
	size_t len, mlen;
	void *buf = load_fixture("tests/data/nl/genl.bin", &len);
	struct nlmsghdr *modes = load_fixture("tests/data/nl/ethmodes.bin", &mlen);

	ck_assert_int_eq(nl_replay(buf, len, genl_cb, &g), 0);
	ck_assert_int_eq(g.found, 1);
	ck_assert_int_gt(g.others, 1);
	ck_assert_uint_eq(g.id, modes->nlmsg_type);
	ck_assert_int_eq(nl_replay(buf, len, genl_cb, &c), 0);
	ck_assert_int_eq(c.found, 1);
	ck_assert_uint_eq(c.id, GENL_ID_CTRL);
	/* a prefix of a name is another name */
	ck_assert_int_eq(nl_replay(buf, len, genl_cb, &e), 0);
	ck_assert_int_eq(e.found, 0);
	free(modes);
	free(buf);
}
END_TEST

START_TEST(test_genl_malformed)
{
	char buf[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *gh = mnl_nlmsg_put_extra_header(nlh, sizeof(*gh));
	uint16_t id = 0;
	char noterm[4] = { 'e', 't', 'h', 't' };

	nlh->nlmsg_type = GENL_ID_CTRL;
	gh->cmd = CTRL_CMD_NEWFAMILY;
	/* no id */
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "ethtool");
	errno = 0;
	ck_assert_int_eq(nl_genl_family_parse(nlh, "ethtool", &id), -1);
	ck_assert_int_eq(errno, EPROTO);
	/* an id of 4 bytes where 2 are due */
	mnl_attr_put_u32(nlh, CTRL_ATTR_FAMILY_ID, 21);
	ck_assert_int_eq(nl_genl_family_parse(nlh, "ethtool", &id), -1);
	/* a name without its NUL */
	nlh = mnl_nlmsg_put_header(buf);
	gh = mnl_nlmsg_put_extra_header(nlh, sizeof(*gh));
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 21);
	mnl_attr_put(nlh, CTRL_ATTR_FAMILY_NAME, sizeof(noterm), noterm);
	ck_assert_int_eq(nl_genl_family_parse(nlh, "etht", &id), -1);
	/* shorter than the genetlink header */
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 2;
	ck_assert_int_eq(nl_genl_family_parse(nlh, "ethtool", &id), -1);
	ck_assert_uint_eq(id, 0);
}
END_TEST

/* The running kernel: nlctrl always exists, a made-up family never. */
START_TEST(test_genl_live)
{
	struct nl *nl = nl_open(NETLINK_GENERIC);
	uint16_t id = 0;

	ck_assert_ptr_nonnull(nl);
	ck_assert_int_eq(nl_genl_family(nl, "nlctrl", &id), 0);
	ck_assert_uint_eq(id, GENL_ID_CTRL);
	errno = 0;
	ck_assert_int_eq(nl_genl_family(nl, "esa-no-such-family", &id), -1);
	ck_assert_int_eq(errno, ENOENT);
	nl_close(nl);
}
END_TEST

Suite *
suite_nl(void)
{
	Suite *s = suite_create("nl");
	TCase *tc = tcase_create("replay");

	tcase_add_test(tc, test_replay_recorded);
	tcase_add_test(tc, test_replay_truncated);
	tcase_add_test(tc, test_bad_lengths);
	tcase_add_test(tc, test_done_carries_error);
	tcase_add_test(tc, test_done_error_bounds);
	tcase_add_test(tc, test_error_messages);
	tcase_add_test(tc, test_dump_intr);
	tcase_add_test(tc, test_callback_stop_and_error);
	tcase_add_test(tc, test_attrs);
	tcase_add_test(tc, test_route_attrs);
	tcase_add_test(tc, test_nested);
	tcase_add_test(tc, test_genl_recorded);
	tcase_add_test(tc, test_genl_malformed);
	suite_add_tcase(s, tc);
	tc = tcase_create("kernel");
	tcase_add_test(tc, test_live_extack);
	tcase_add_test(tc, test_live_send_refused);
	tcase_add_test(tc, test_genl_live);
	suite_add_tcase(s, tc);
	return s;
}
