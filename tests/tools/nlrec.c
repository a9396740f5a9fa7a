/* nlrec.c - records an rtnetlink dump reply as raw bytes, for replay in unit tests. */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "nl.h"

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
		errx(2, "usage: nlrec link|neigh4|neigh6|ntable4|ntable6 > FILE");
	if ((nl = nl_open(NETLINK_ROUTE)) == NULL)
		err(2, "netlink socket");
	if (strcmp(argv[1], "link") == 0) {
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
	} else {
		errx(2, "%s: unknown table", argv[1]);
	}
	if (nl_dump(nl, req, record, stdout) < 0)
		err(2, "dump");
	nl_close(nl);
	return fflush(stdout) == 0 ? 0 : 2;
}
