/* SPDX-License-Identifier: BSD-2-Clause */
/* multicast.c - the multicast view: an nftables table of our own that drops ARP replies from multicast MACs. */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/capability.h>
#include <nftables/libnftables.h>

#include "esa.h"
#include "etherconfig.h"
#include "priv.h"

/*
 * Our own table in the arp family; nothing else in the ruleset is read or changed.
 * Its input chain sees every ARP packet the host receives; a reply whose sender
 * hardware address has the group bit (the least significant bit of the first
 * octet) set is dropped before the neighbour table learns from it.
 */
#define TABLE "esa_etherconfig"

/*
 * Our table, as it is written to nft and as nft (1.0) lists it back, counter values
 * left out: multicast_ours() compares a table of our name with this same text.
 */
static const char ours[] =
    "table arp " TABLE " {\n"
    "\tcomment \"esa-etherconfig multicast reject: drop ARP replies from multicast MACs\"\n"
    "\tchain input {\n"
    "\t\ttype filter hook input priority filter; policy accept;\n"
    "\t\tarp operation reply arp saddr ether & 01:00:00:00:00:00 == 01:00:00:00:00:00"
    " counter drop\n"
    "\t}\n"
    "}\n";

/* After WORD and one or more digits at P, then a blank: the end of it, or NULL. */
static const char *
skip_count(const char *p, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(p, word, n) != 0 || p[n] < '0' || p[n] > '9')
		return NULL;
	for (p += n; *p >= '0' && *p <= '9'; p++)
		;
	return *p == ' ' ? p + 1 : NULL;
}

bool
multicast_ours(const char *listing)
{
	const char *p = listing, *e = ours;

	if (p == NULL)
		return false;
	while (*e != '\0') {
		/* "counter packets N bytes N " in the listing, "counter " in ours */
		if (strncmp(e, "counter ", 8) == 0 && strncmp(p, "counter ", 8) == 0) {
			const char *q = skip_count(p + 8, "packets ");

			if (q == NULL || (q = skip_count(q, "bytes ")) == NULL)
				return false;
			p = q;
			e += 8;
			continue;
		}
		if (*p++ != *e++)
			return false;
	}
	return *p == '\0';
}

bool
multicast_listed(const char *listing)
{
	static const char want[] = "table arp " TABLE;
	const char *p = listing;

	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, "\n");

		if (n == sizeof(want) - 1 && memcmp(p, want, n) == 0)
			return true;
		p = p[n] == '\n' ? p + n + 1 : NULL;
	}
	return false;
}

/* The first line of nft's error text, without "Error: ", with the capability named. */
static int
nft_fail(struct nft_ctx *nft, const char *what)
{
	const char *e = nft_ctx_get_error_buffer(nft), *p;
	size_t n;

	if (e == NULL || *e == '\0')
		e = "failed";
	n = strcspn(e, "\n");
	/* "Error: why" or "netlink: Error: why": the why */
	if ((p = strstr(e, "Error: ")) != NULL && (size_t)(p - e) < n) {
		n -= (size_t)(p + 7 - e);
		e = p + 7;
	}
	if (strstr(e, "Operation not permitted") != NULL || !priv_effective(CAP_NET_ADMIN))
		ec_warnx("%s: nftables: %.*s (needs CAP_NET_ADMIN)", what, (int)n, e);
	else
		ec_warnx("%s: nftables: %.*s", what, (int)n, e);
	return ESA_EXIT_ERR;
}

/*
 * Is our table in force? 1, 0, or -1 after a message. A table of our name is
 * judged by what it holds: anything but our rule is someone else's, neither
 * "accept" nor "reject" of ours, and left alone.
 */
static int
multicast_state(struct nft_ctx *nft)
{
	if (nft_run_cmd_from_buffer(nft, "list tables arp") != 0) {
		nft_fail(nft, "multicast: reading the ruleset");
		return -1;
	}
	if (!multicast_listed(nft_ctx_get_output_buffer(nft)))
		return 0;
	if (nft_run_cmd_from_buffer(nft, "list table arp " TABLE) != 0) {
		nft_fail(nft, "multicast: reading table arp " TABLE);
		return -1;
	}
	if (multicast_ours(nft_ctx_get_output_buffer(nft)))
		return 1;
	ec_warnx("multicast: nftables table arp %s holds something else than the rule of "
	    "multicast reject: not ours, left alone (nft list table arp %s shows it)", TABLE,
	    TABLE);
	return -1;
}

static int
multicast_change(struct ctx *c, struct nft_ctx *nft, bool reject)
{
	int r;

	if (!priv_effective(CAP_NET_ADMIN))
		return ec_need_net_admin("multicast");
	if ((r = multicast_state(nft)) < 0)
		return ESA_EXIT_ERR;
	if (r == reject) {
		ec_warnx("multicast: ARP replies with a multicast address are already %s",
		    reject ? "rejected" : "accepted");
		return ESA_EXIT_NO;
	}
	if (nft_run_cmd_from_buffer(nft, reject ? ours : "delete table arp " TABLE) != 0)
		return nft_fail(nft, reject ? "multicast: adding table arp " TABLE :
		    "multicast: deleting table arp " TABLE);
	if (reject)
		ec_print(c->out, "ARP replies with a multicast address are now rejected "
		    "(nftables table arp %s added)", TABLE);
	else
		ec_print(c->out, "ARP replies with a multicast address are now accepted "
		    "(nftables table arp %s deleted)", TABLE);
	return ESA_EXIT_OK;
}

int
multicast_run(struct ctx *c)
{
	struct nft_ctx *nft = nft_ctx_new(NFT_CTX_DEFAULT);
	int status = ESA_EXIT_ERR, r;

	if (nft == NULL) {
		ec_warnx("multicast: cannot start libnftables");
		return ESA_EXIT_ERR;
	}
	/* nft's words are ours to print, in our format */
	if (nft_ctx_buffer_output(nft) != 0 || nft_ctx_buffer_error(nft) != 0) {
		ec_warnx("multicast: libnftables output buffers");
		goto out;
	}
	switch (c->o->action) {
	case ACT_MULTICAST_REJECT:
	case ACT_MULTICAST_ACCEPT:
		status = multicast_change(c, nft, c->o->action == ACT_MULTICAST_REJECT);
		break;
	default:
		/*
		 * The kernel shows the ruleset only to CAP_NET_ADMIN, and libnftables
		 * would print its own complaint on stderr before ours: say it once.
		 */
		if (!priv_effective(CAP_NET_ADMIN)) {
			status = ec_need_net_admin("multicast: reading the ruleset");
			break;
		}
		if ((r = multicast_state(nft)) >= 0) {
			listing_multicast(c->out, c->o->json, r == 1);
			status = ESA_EXIT_OK;
		}
	}
out:
	nft_ctx_free(nft);
	return status;
}
