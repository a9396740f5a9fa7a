/* SPDX-License-Identifier: BSD-2-Clause */
/* nl.c - one netlink socket and one receive loop for every dump and request. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "esa.h"
#include "nl.h"

#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

struct nl {
	struct mnl_socket *sock;
	unsigned int portid;
	unsigned int seq;
	char errmsg[256];
	uint64_t sendbuf[8192 / sizeof(uint64_t)];	/* requests are small */
	uint64_t recvbuf[NL_BUFSIZE / sizeof(uint64_t)];
};

/*
 * State of one reply being read. The walker is shared by the live loop and the
 * replay entry point, so tests and fuzzers exercise exactly what the tools run.
 */
struct walk {
	unsigned int seq;	/* 0: accept any (replay) */
	unsigned int portid;	/* 0: accept any (replay) */
	nl_cb cb;
	void *data;
	bool stopped;		/* the callback wants no more messages */
	bool intr;		/* NLM_F_DUMP_INTR was seen */
	int error;		/* first error (errno value), 0 if none */
	char *errmsg;		/* where to put the extended-ACK text, or NULL */
	size_t errmsg_size;
};

enum { WALK_MORE = 1, WALK_DONE = 0 };

struct nl *
nl_open(int bus)
{
	struct nl *nl = calloc(1, sizeof(*nl));
	int one = 1, saved;

	if (nl == NULL)
		return NULL;
	nl->sock = mnl_socket_open2(bus, SOCK_CLOEXEC);
	if (nl->sock == NULL)
		goto fail;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (unsigned int)time(NULL);
	/*
	 * Extended ACKs carry the kernel's own words for an error (since 4.12); a
	 * capped ACK does not echo our request back; strict checking as nl.h says. An
	 * older kernel refuses these options; everything still works without them, so
	 * failures are ignored.
	 */
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	return nl;
fail:
	saved = errno;
	nl_close(nl);
	errno = saved;
	return NULL;
}

void
nl_close(struct nl *nl)
{
	if (nl == NULL)
		return;
	if (nl->sock != NULL)
		mnl_socket_close(nl->sock);
	free(nl);
}

struct nlmsghdr *
nl_request(struct nl *nl, uint16_t type, uint16_t flags)
{
	struct nlmsghdr *nlh;

	memset(nl->sendbuf, 0, sizeof(nl->sendbuf));
	nlh = mnl_nlmsg_put_header(nl->sendbuf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl->seq;
	return nlh;
}

const char *
nl_errmsg(const struct nl *nl)
{
	return nl->errmsg[0] != '\0' ? nl->errmsg : NULL;
}

/*
 * The attribute at P when a whole one fits before END, else NULL. libmnl's own
 * checks are not used for outside bytes: mnl_nlmsg_ok() compares a length cast to
 * int (0x80000000 passes) and mnl_attr_parse() bounds attributes by the aligned end
 * of the message, up to three bytes past an exact-size buffer.
 */
static const struct nlattr *
attr_at(const char *p, const char *end)
{
	const struct nlattr *attr = (const void *)p;

	if (p >= end || (size_t)(end - p) < sizeof(*attr))
		return NULL;
	if (attr->nla_len < sizeof(*attr) || attr->nla_len > (size_t)(end - p))
		return NULL;
	return attr;
}

/* The position after ATTR, padding included, never past END. */
static const char *
attr_skip(const struct nlattr *attr, const char *end)
{
	size_t step = MNL_ALIGN(attr->nla_len);
	const char *p = (const char *)attr;

	return step >= (size_t)(end - p) ? end : p + step;
}

/* Keeps the kernel's message text from the extended-ACK attributes between P and END. */
static void
walk_extack(struct walk *w, const char *p, const char *end)
{
	const struct nlattr *attr;

	for (; (attr = attr_at(p, end)) != NULL; p = attr_skip(attr, end)) {
		const char *text = mnl_attr_get_payload(attr);
		size_t n = mnl_attr_get_payload_len(attr);

		if (mnl_attr_get_type(attr) != NLMSGERR_ATTR_MSG)
			continue;
		/* the text is NUL-terminated by the kernel; never trust that */
		while (n > 0 && text[n - 1] == '\0')
			n--;
		snprintf(w->errmsg, w->errmsg_size, "%.*s", (int)n, text);
		return;
	}
}

const char *
nl_strerror(const struct nl *nl, int e, char *buf, size_t size)
{
	const char *ext = nl_errmsg(nl);

	if (ext != NULL)
		snprintf(buf, size, "%s: %s", strerror(e), ext);
	else
		snprintf(buf, size, "%s", strerror(e));
	return buf;
}

/*
 * Reads the error of an NLMSG_ERROR message, and the kernel's message text when
 * the ACK carries TLVs. Returns the errno value (0 for a plain ACK), or EPROTO.
 */
static int
walk_error(struct walk *w, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t len = nlh->nlmsg_len - MNL_NLMSG_HDRLEN, skip;
	const char *end = (const char *)e + len;

	if (len < sizeof(*e))
		return EPROTO;
	if (e->error == 0)
		return 0;
	/* INT_MIN cannot be negated, and a positive "error" is no error code at all */
	if (e->error > 0 || e->error < -4095)
		return EPROTO;
	if (w->errmsg == NULL || !(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return -e->error;
	/* Without NLM_F_CAPPED the kernel echoed our whole request before the TLVs. */
	skip = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < sizeof(e->msg) ||
		    e->msg.nlmsg_len > len - offsetof(struct nlmsgerr, msg))
			return -e->error;
		skip = offsetof(struct nlmsgerr, msg) + MNL_ALIGN(e->msg.nlmsg_len);
	}
	walk_extack(w, skip < len ? (const char *)e + skip : end, end);
	return -e->error;
}

/*
 * A dump that failed says why in the DONE payload: an error code, then (5.x+)
 * the extended-ACK attributes.
 */
static void
walk_done(struct walk *w, const struct nlmsghdr *nlh)
{
	const char *p = mnl_nlmsg_get_payload(nlh);
	const char *end = (const char *)nlh + nlh->nlmsg_len;
	int e;

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(e))
		return;
	memcpy(&e, p, sizeof(e));
	if (e >= 0 || e < -4095 || w->error != 0)
		return;
	w->error = -e;
	if (w->errmsg != NULL && (nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		walk_extack(w, p + MNL_ALIGN(sizeof(e)), end);
}

/* A message header that fits in LEFT bytes, with a length that fits too. */
static bool
msg_ok(const struct nlmsghdr *nlh, size_t left)
{
	return left >= sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) && nlh->nlmsg_len <= left;
}

/*
 * Walks the messages of one received buffer. Returns WALK_MORE when the reply goes
 * on in the next buffer, WALK_DONE when it is complete (w->error says how), or -1
 * with w->error set when the buffer itself is malformed.
 */
static int
walk_buffer(struct walk *w, const void *buf, size_t len)
{
	const char *p = buf;
	size_t left = len, step;
	int r;

	for (; msg_ok((const void *)p, left); p += step, left -= step) {
		const struct nlmsghdr *nlh = (const void *)p;

		step = NLMSG_ALIGN(nlh->nlmsg_len) < left ? NLMSG_ALIGN(nlh->nlmsg_len) : left;
		/* Ours only: a stale reply to an earlier request is dropped, not used. */
		if ((w->seq != 0 && nlh->nlmsg_seq != w->seq) ||
		    (w->portid != 0 && nlh->nlmsg_pid != 0 && nlh->nlmsg_pid != w->portid))
			continue;
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			w->intr = true;
		switch (nlh->nlmsg_type) {
		case NLMSG_NOOP:
			break;
		case NLMSG_OVERRUN:
			w->error = w->error ? w->error : ENOBUFS;
			return WALK_DONE;
		case NLMSG_DONE:
			walk_done(w, nlh);
			return WALK_DONE;
		case NLMSG_ERROR:
			r = walk_error(w, nlh);
			if (w->error == 0)
				w->error = r;
			return WALK_DONE;
		default:
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE || w->stopped)
				break;
			errno = 0;
			r = w->cb(nlh, w->data);
			if (r == MNL_CB_STOP) {
				w->stopped = true;
			} else if (r < MNL_CB_STOP) {
				w->stopped = true;
				w->error = errno ? errno : EPROTO;
			}
		}
	}
	if (left != 0) {
		/* a header that does not fit, or a length that runs past the buffer */
		if (w->error == 0)
			w->error = EPROTO;
		return -1;
	}
	return WALK_MORE;
}

/* How a reply ended: 0, or -1 with errno (EINTR for an interrupted but whole dump). */
static int
walk_result(const struct walk *w)
{
	int e = w->error != 0 ? w->error : w->intr ? EINTR : 0;

	if (e == 0)
		return 0;
	errno = e;
	return -1;
}

/* Receives one datagram from the kernel; skips datagrams another process sent us. */
static ssize_t
nl_recv(struct nl *nl)
{
	struct sockaddr_nl sa;
	struct iovec iov = { nl->recvbuf, sizeof(nl->recvbuf) };
	struct msghdr msg = {
		.msg_name = &sa, .msg_namelen = sizeof(sa), .msg_iov = &iov, .msg_iovlen = 1,
	};
	ssize_t n;

	for (;;) {
		n = recvmsg(mnl_socket_get_fd(nl->sock), &msg, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (msg.msg_flags & MSG_TRUNC) {
			errno = EMSGSIZE;
			return -1;
		}
		/* Only the kernel (port 0) speaks for itself: CVE-2012-3520's lesson. */
		if (msg.msg_namelen != sizeof(sa) || sa.nl_pid != 0)
			continue;
		return n;
	}
}

/* Sends REQ and reads the whole reply through the walker. */
static int
nl_talk(struct nl *nl, struct nlmsghdr *req, nl_cb cb, void *data)
{
	struct walk w = {
		.seq = req->nlmsg_seq, .portid = nl->portid, .cb = cb, .data = data,
		.errmsg = nl->errmsg, .errmsg_size = sizeof(nl->errmsg),
	};
	ssize_t n;
	int r;

	nl->errmsg[0] = '\0';
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0)
		return -1;
	do {
		n = nl_recv(nl);
		if (n < 0)
			return -1;
		r = walk_buffer(&w, nl->recvbuf, (size_t)n);
	} while (r == WALK_MORE);
	return walk_result(&w);
}

int
nl_dump(struct nl *nl, struct nlmsghdr *req, nl_cb cb, void *data)
{
	req->nlmsg_flags |= NLM_F_DUMP;
	return nl_talk(nl, req, cb, data);
}

/* An ACK request gets no data messages; one arriving anyway is ignored. */
static int
ignore_data(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;
}

int
nl_ack(struct nl *nl, struct nlmsghdr *req)
{
	req->nlmsg_flags |= NLM_F_ACK;
	return nl_talk(nl, req, ignore_data, NULL);
}

int
nl_replay(const void *buf, size_t len, nl_cb cb, void *data)
{
	struct walk w = { .cb = cb, .data = data };

	(void)walk_buffer(&w, buf, len);
	return walk_result(&w);
}

/* Fills tb[] from the attributes between P and END; see nl_attrs(). */
static int
attrs_fill(const char *p, const char *end, const struct nlattr **tb, uint16_t max,
    const enum mnl_attr_data_type *types)
{
	const struct nlattr *attr;

	memset(tb, 0, (max + 1u) * sizeof(*tb));
	/* attributes left over past the end (a torn one) are ignored, not read */
	for (; (attr = attr_at(p, end)) != NULL; p = attr_skip(attr, end)) {
		uint16_t type = mnl_attr_get_type(attr);

		if (type > max)
			continue;	/* a newer kernel's attribute */
		if (types != NULL && types[type] != MNL_TYPE_UNSPEC &&
		    mnl_attr_validate(attr, types[type]) < 0) {
			errno = EPROTO;
			return -1;
		}
		tb[type] = attr;
	}
	return 0;
}

int
nl_attrs(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb,
    uint16_t max, const enum mnl_attr_data_type *types)
{
	const char *p = (const char *)nlh + MNL_NLMSG_HDRLEN + MNL_ALIGN(hdrlen);
	const char *end = (const char *)nlh + nlh->nlmsg_len;

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + hdrlen) {
		memset(tb, 0, (max + 1u) * sizeof(*tb));
		errno = EPROTO;
		return -1;
	}
	return attrs_fill(p, end, tb, max, types);
}

int
nl_route_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb, const struct rtmsg **rtm)
{
	static const enum mnl_attr_data_type types[RTA_MAX + 1] = {
		[RTA_OIF] = MNL_TYPE_U32, [RTA_TABLE] = MNL_TYPE_U32,
		[RTA_PRIORITY] = MNL_TYPE_U32,
	};

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return 0;
	if (nl_attrs(nlh, sizeof(**rtm), tb, RTA_MAX, types) < 0)
		return -1;
	*rtm = mnl_nlmsg_get_payload(nlh);
	return 1;
}

int
nl_nested(const struct nlattr *nest, const struct nlattr **tb, uint16_t max,
    const enum mnl_attr_data_type *types)
{
	const char *p = mnl_attr_get_payload(nest);

	return attrs_fill(p, p + mnl_attr_get_payload_len(nest), tb, max, types);
}

int
nl_genl_family_parse(const struct nlmsghdr *nlh, const char *name, uint16_t *id)
{
	static const enum mnl_attr_data_type types[CTRL_ATTR_FAMILY_NAME + 1] = {
		[CTRL_ATTR_FAMILY_ID] = MNL_TYPE_U16,
		[CTRL_ATTR_FAMILY_NAME] = MNL_TYPE_NUL_STRING,
	};
	const struct nlattr *tb[CTRL_ATTR_FAMILY_NAME + 1];
	const char *s;
	size_t n;

	if (nl_attrs(nlh, GENL_HDRLEN, tb, CTRL_ATTR_FAMILY_NAME, types) < 0)
		return -1;
	if (tb[CTRL_ATTR_FAMILY_ID] == NULL || tb[CTRL_ATTR_FAMILY_NAME] == NULL) {
		errno = EPROTO;
		return -1;
	}
	/* MNL_TYPE_NUL_STRING checked that the last byte is NUL; compare the whole text */
	s = mnl_attr_get_payload(tb[CTRL_ATTR_FAMILY_NAME]);
	n = mnl_attr_get_payload_len(tb[CTRL_ATTR_FAMILY_NAME]);
	if (strnlen(s, n) != strlen(name) || memcmp(s, name, strlen(name)) != 0)
		return 0;
	*id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	return 1;
}

struct genl_find {
	const char *name;
	uint16_t id;
	bool found;
};

static int
genl_find_cb(const struct nlmsghdr *nlh, void *data)
{
	struct genl_find *f = data;
	int r = nl_genl_family_parse(nlh, f->name, &f->id);

	if (r < 0)
		return MNL_CB_ERROR;
	if (r > 0) {
		f->found = true;
		return MNL_CB_STOP;
	}
	return MNL_CB_OK;
}

int
nl_genl_family(struct nl *nl, const char *name, uint16_t *id)
{
	struct genl_find f = { .name = name };
	struct nlmsghdr *req = nl_request(nl, GENL_ID_CTRL, 0);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(req, sizeof(*g));

	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	/*
	 * A dump of every family rather than a request naming one: it runs through the
	 * one receive loop (nl_dump) and costs a few kilobytes, once per run.
	 */
	if (nl_dump(nl, req, genl_find_cb, &f) < 0 && !(errno == EINTR && f.found))
		return -1;
	if (!f.found) {
		errno = ENOENT;
		return -1;
	}
	*id = f.id;
	return 0;
}
