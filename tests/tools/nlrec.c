/* SPDX-License-Identifier: BSD-2-Clause */
/* nlrec.c - records an rtnetlink or sock_diag dump reply as raw bytes, for replay in unit tests. */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "nl.h"
#include "sockdiag.h"

/* An ethtool dump request of CMD for every device (HEADER is its header attribute). */
static struct nlmsghdr *
ethtool_request(struct nl *nl, uint16_t family, uint8_t cmd, uint16_t header)
{
	struct nlmsghdr *req = nl_request(nl, family, 0);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(req, sizeof(*g));
	struct nlattr *nest;

	g->cmd = cmd;
	g->version = ETHTOOL_GENL_VERSION;
	nest = mnl_attr_nest_start(req, header);
	mnl_attr_put_u32(req, ETHTOOL_A_HEADER_FLAGS, ETHTOOL_FLAG_COMPACT_BITSETS);
	mnl_attr_nest_end(req, nest);
	return req;
}

/* Writes each data message exactly as the kernel sent it. */
static int
record(const struct nlmsghdr *nlh, void *data)
{
	FILE *out = data;

	if (fwrite(nlh, nlh->nlmsg_len, 1, out) != 1)
		return MNL_CB_ERROR;
	/* keep the alignment the kernel had, so the file replays as one buffer */
	for (unsigned int pad = MNL_ALIGN(nlh->nlmsg_len) - nlh->nlmsg_len; pad > 0; pad--)
		putc(0, out);
	return MNL_CB_OK;
}

int
main(int argc, char **argv)
{
	struct nl *nl;
	struct nlmsghdr *req;
	int family = AF_UNSPEC;

	if (argc != 2)
		errx(2, "usage: nlrec link|neigh4|neigh6|ntable4|ntable6|tcp4|tcp6|route4|route6|addr|"
		    "genl|ethmodes|ethstate|ethinfo > FILE");
	if ((nl = nl_open(strncmp(argv[1], "tcp", 3) == 0 ? NETLINK_SOCK_DIAG :
	    strncmp(argv[1], "eth", 3) == 0 || strcmp(argv[1], "genl") == 0 ?
	    NETLINK_GENERIC : NETLINK_ROUTE)) == NULL)
		err(2, "netlink socket");
	if (strcmp(argv[1], "genl") == 0) {
		/* every generic netlink family, as nl_genl_family() reads them */
		struct genlmsghdr *g;

		req = nl_request(nl, GENL_ID_CTRL, 0);
		g = mnl_nlmsg_put_extra_header(req, sizeof(*g));
		g->cmd = CTRL_CMD_GETFAMILY;
		g->version = 1;
	} else if (strncmp(argv[1], "eth", 3) == 0) {
		/* esa-etherconfig media's three ethtool dumps */
		uint16_t id;

		if (nl_genl_family(nl, ETHTOOL_GENL_NAME, &id) < 0)
			err(2, "ethtool family");
		if (strcmp(argv[1], "ethmodes") == 0)
			req = ethtool_request(nl, id, ETHTOOL_MSG_LINKMODES_GET,
			    ETHTOOL_A_LINKMODES_HEADER);
		else if (strcmp(argv[1], "ethstate") == 0)
			req = ethtool_request(nl, id, ETHTOOL_MSG_LINKSTATE_GET,
			    ETHTOOL_A_LINKSTATE_HEADER);
		else if (strcmp(argv[1], "ethinfo") == 0)
			req = ethtool_request(nl, id, ETHTOOL_MSG_LINKINFO_GET,
			    ETHTOOL_A_LINKINFO_HEADER);
		else
			errx(2, "%s: unknown table", argv[1]);
	} else if (strcmp(argv[1], "tcp4") == 0 || strcmp(argv[1], "tcp6") == 0) {
		/* the TCP listeners, as esa-tcpservices asks for them */
		req = sockdiag_request(nl, argv[1][3] == '4' ? AF_INET : AF_INET6, IPPROTO_TCP,
		    SOCK_STATE_BIT(SOCK_LISTEN));
	} else if (strcmp(argv[1], "link") == 0) {
		struct ifinfomsg *ifi;

		req = nl_request(nl, RTM_GETLINK, 0);
		ifi = mnl_nlmsg_put_extra_header(req, sizeof(*ifi));
		ifi->ifi_family = AF_UNSPEC;
		mnl_attr_put_u32(req, IFLA_EXT_MASK, 1 << 3);
	} else if (strncmp(argv[1], "neigh", 5) == 0 || strncmp(argv[1], "ntable", 6) == 0) {
		bool neigh = argv[1][1] == 'e';
		const char *v = argv[1] + (neigh ? 5 : 6);

		family = strcmp(v, "6") == 0 ? AF_INET6 : AF_INET;
		req = nl_request(nl, neigh ? RTM_GETNEIGH : RTM_GETNEIGHTBL, 0);
		if (neigh) {
			struct ndmsg *ndm = mnl_nlmsg_put_extra_header(req, sizeof(*ndm));

			ndm->ndm_family = (unsigned char)family;
		} else {
			struct ndtmsg *ndt = mnl_nlmsg_put_extra_header(req, sizeof(*ndt));

			ndt->ndtm_family = (unsigned char)family;
		}
	} else if (strcmp(argv[1], "route4") == 0 || strcmp(argv[1], "route6") == 0) {
		struct rtmsg *rtm;

		/* every table: the local one too, which esa-netstat must leave out */
		req = nl_request(nl, RTM_GETROUTE, 0);
		rtm = mnl_nlmsg_put_extra_header(req, sizeof(*rtm));
		rtm->rtm_family = argv[1][5] == '4' ? AF_INET : AF_INET6;
	} else if (strcmp(argv[1], "addr") == 0) {
		struct ifaddrmsg *ifa;

		req = nl_request(nl, RTM_GETADDR, 0);
		ifa = mnl_nlmsg_put_extra_header(req, sizeof(*ifa));
		ifa->ifa_family = AF_UNSPEC;
	} else {
		errx(2, "%s: unknown table", argv[1]);
	}
	if (nl_dump(nl, req, record, stdout) < 0)
		err(2, "dump");
	nl_close(nl);
	return fflush(stdout) == 0 ? 0 : 2;
}
