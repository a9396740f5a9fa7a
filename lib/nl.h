/* SPDX-License-Identifier: BSD-2-Clause */
/* nl.h - one netlink socket and one receive loop for every dump and request. */
#ifndef ESA_NL_H
#define ESA_NL_H

#include <stddef.h>
#include <stdint.h>

#include <libmnl/libmnl.h>

/*
 * A callback receives each data message of a reply (never NLMSG_DONE, NLMSG_ERROR or
 * NLMSG_NOOP) and returns MNL_CB_OK to go on, MNL_CB_STOP to be called no more, or
 * MNL_CB_ERROR with errno set. After STOP or ERROR the rest of the reply is still read
 * and dropped, so the socket stays usable for the next request.
 */
typedef int (*nl_cb)(const struct nlmsghdr *nlh, void *data);

/* Receive buffer: the kernel builds dump replies of up to 32 KiB for such a reader. */
#define NL_BUFSIZE (32 * 1024)

struct nl;

/*
 * Opens a netlink socket of BUS (NETLINK_ROUTE, NETLINK_SOCK_DIAG) asking for
 * extended ACKs and strict checking. With strict checking (4.20+) the kernel applies
 * the filters a dump request carries (an interface index...); an older kernel sends
 * everything, so a caller that filters a dump by a request's filter also filters
 * the replies itself. NULL with errno on failure.
 */
struct nl *nl_open(int bus);
void nl_close(struct nl *nl);

/*
 * Starts a request of TYPE in the socket's own send buffer, with NLM_F_REQUEST|FLAGS
 * and a fresh sequence number; the caller adds the family header and attributes
 * (mnl_nlmsg_put_extra_header, mnl_attr_put_*). Valid until the next nl_request().
 */
struct nlmsghdr *nl_request(struct nl *nl, uint16_t type, uint16_t flags);

/*
 * Sends a dump request (NLM_F_DUMP is added) and calls CB for every data message of
 * the reply. Returns 0, or -1 with errno:
 *   EINTR   the kernel flagged the dump NLM_F_DUMP_INTR: the table changed while it
 *           was read; every message was delivered, but the whole may be inconsistent;
 *   ENOBUFS the socket overran and messages were lost;
 *   EMSGSIZE a message larger than NL_BUFSIZE;
 *   EPROTO  a malformed reply;
 *   anything the kernel answered (nl_errmsg() then has its text, if it sent one), or
 *   that the callback set when it returned MNL_CB_ERROR.
 */
int nl_dump(struct nl *nl, struct nlmsghdr *req, nl_cb cb, void *data);

/* Sends a request with NLM_F_ACK and waits for the answer. 0, or -1 with errno. */
int nl_ack(struct nl *nl, struct nlmsghdr *req);

/* The kernel's extended-ACK message for the last failed request, or NULL. */
const char *nl_errmsg(const struct nl *nl);

/*
 * The words for a failure E of NL's last request: strerror(E), then ": " and the
 * kernel's own text when it sent one. Returns BUF (NL_STRERROR_MAX bytes suffice).
 */
#define NL_STRERROR_MAX 384
const char *nl_strerror(const struct nl *nl, int e, char *buf, size_t size);

/*
 * Runs recorded messages (the concatenated bytes of a reply, as recvmsg returned
 * them) through CB with exactly the checks nl_dump() applies. For tests and fuzzing.
 * Returns as nl_dump(); a recording that ends without NLMSG_DONE is complete.
 */
int nl_replay(const void *buf, size_t len, nl_cb cb, void *data);

/*
 * Attribute table helper for callbacks: parses the attributes that follow a family
 * header of HDRLEN bytes into tb[0..max] (NULL where absent), ignoring types above
 * MAX (a newer kernel's). Each attribute in TYPES (indexed by type, MNL_TYPE_UNSPEC to
 * skip the check) must have a valid length for its type, or the message is refused.
 * Returns 0, or -1 with errno EPROTO.
 */
int nl_attrs(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb,
    uint16_t max, const enum mnl_attr_data_type *types);

struct rtmsg;

/*
 * A route message's header and attributes, as every reader of a route dump begins:
 * 0 when NLH is no RTM_NEWROUTE (a message to skip); 1 with *RTM and TB[0..RTA_MAX]
 * (the caller's table of RTA_MAX + 1) filled, RTA_OIF, RTA_TABLE and RTA_PRIORITY
 * checked to be 32-bit; -1 with errno EPROTO for a message too short or malformed.
 */
int nl_route_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb,
    const struct rtmsg **rtm);

/* The same for the attributes nested inside NEST. */
int nl_nested(const struct nlattr *nest, const struct nlattr **tb, uint16_t max,
    const enum mnl_attr_data_type *types);

/*
 * Generic netlink: the id of the family NAME ("ethtool", ...), asked of the controller
 * (CTRL_CMD_GETFAMILY, one dump of every family) on NL, a socket opened with
 * NETLINK_GENERIC. Returns 0 with *ID set, or -1 with errno: ENOENT when the kernel
 * has no such family (a kernel built without it), else as nl_dump().
 */
int nl_genl_family(struct nl *nl, const char *name, uint16_t *id);

/*
 * The pure part of nl_genl_family(): reads one CTRL_CMD_NEWFAMILY message. Returns 1
 * with *ID set when it describes the family NAME, 0 when it describes another one, -1
 * with errno EPROTO when it is malformed (no name or id, attributes of bad length).
 */
int nl_genl_family_parse(const struct nlmsghdr *nlh, const char *name, uint16_t *id);

#endif
