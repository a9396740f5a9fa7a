/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_nl_cache.c - an IPv6 route cache dump from outside (esa-arpshow --flush-all),
 * through parsing and the delete request built from each exception.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>

#include "../../bin/esa-arpshow/arpshow.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
cache_cb(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type types[RTA_MAX + 1] = {
		[RTA_OIF] = MNL_TYPE_U32, [RTA_TABLE] = MNL_TYPE_U32,
		[RTA_PRIORITY] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[RTA_MAX + 1];
	char buf[512];
	const struct rtmsg *rtm;
	struct nlmsghdr *req;
	struct cached c;
	int r = cache_parse(nlh, &c);

	(void)data;
	if (r <= 0)
		return r < 0 ? MNL_CB_ERROR : MNL_CB_OK;
	CHECK(c.dst_len == 128 && c.src_len <= 128);
	/* the delete is well formed and names the same exception */
	memset(buf, 0, sizeof(buf));
	req = mnl_nlmsg_put_header(buf);
	req->nlmsg_type = RTM_DELROUTE;
	cache_delete_request(req, &c);
	CHECK(nl_attrs(req, sizeof(*rtm), tb, RTA_MAX, types) == 0);
	rtm = mnl_nlmsg_get_payload(req);
	CHECK(rtm->rtm_family == AF_INET6 && rtm->rtm_flags == RTM_F_CLONED);
	CHECK(rtm->rtm_dst_len == c.dst_len && rtm->rtm_protocol == c.protocol);
	CHECK((tb[RTA_PRIORITY] != NULL) == c.has_priority);
	CHECK(!c.has_priority || mnl_attr_get_u32(tb[RTA_PRIORITY]) == c.priority);
	CHECK(tb[RTA_DST] != NULL && memcmp(mnl_attr_get_payload(tb[RTA_DST]), c.dst, 16) == 0);
	CHECK((tb[RTA_GATEWAY] != NULL) == c.has_gateway);
	CHECK((tb[RTA_OIF] != NULL) == (c.oif != 0));
	CHECK(tb[RTA_TABLE] != NULL && mnl_attr_get_u32(tb[RTA_TABLE]) == c.table);
	return MNL_CB_OK;
}

/* The input is replayed as a whole reply of the cloned-route dump. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)nl_replay(data, size, cache_cb, NULL);
	return 0;
}
