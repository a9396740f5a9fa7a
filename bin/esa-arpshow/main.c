/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-arpshow: the appliance's ARPSHOW, NDPSHOW and FLUSH on Linux. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/capability.h>
#include <linux/netlink.h>

#include "arpshow.h"
#include "esa.h"
#include "front.h"
#include "parse.h"
#include "priv.h"
#include "text.h"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: esa-arpshow [-an] [-4 | -6] [-i interface] [-j] [host]\n"
	    "       esa-arpshow --flush [-4 | -6] [-i interface]\n"
	    "       esa-arpshow --flush-all\n");
}

static const struct front front = { .name = "esa-arpshow", .usage = usage };

enum { OPT_FLUSH = 256, OPT_FLUSH_ALL };

static const struct option longopts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "numeric", no_argument, NULL, 'n' },
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "interface", required_argument, NULL, 'i' },
	{ "json", no_argument, NULL, 'j' },
	{ "flush", no_argument, NULL, OPT_FLUSH },
	{ "flush-all", no_argument, NULL, OPT_FLUSH_ALL },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Called as esa-ndpshow, the tool shows the IPv6 table, as FreeBSD's ndp. */
static int
default_family(const char *argv0)
{
	const char *base = strrchr(argv0, '/');

	base = base != NULL ? base + 1 : argv0;
	return strcmp(base, "esa-ndpshow") == 0 ? AF_INET6 : AF_UNSPEC;
}

/*
 * --flush-all empties every cache, whichever name the tool was called by: it takes
 * no option that would narrow it, nor --flush.
 */
static void
flush_all_args(struct opts *o, bool family)
{
	if (o->flush)
		usage_error("--flush and --flush-all cannot be combined");
	if (family)
		usage_error("--flush-all flushes both families: -4 and -6 do not apply");
	if (o->ifname != NULL)
		usage_error("--flush-all flushes every interface: -i does not apply");
	if (o->json)
		usage_error("--flush-all cannot be combined with -j");
	o->flush = true;
	o->family = AF_UNSPEC;
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	bool v4 = false, v6 = false;
	char why[TEXT_QUOTE_SIZE + 64], q[TEXT_QUOTE_SIZE];
	int c;

	memset(o, 0, sizeof(*o));
	o->family = default_family(argv[0]);
	/* our own words for a bad option: getopt's would carry argv[0] as it was typed */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":an46i:jhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			break;	/* FreeBSD's arp -a: all entries, which is the default */
		case 'n':
			o->numeric = true;
			break;
		case '4':
			v4 = true;
			break;
		case '6':
			v6 = true;
			break;
		case 'i':
			o->ifname = optarg;
			break;
		case 'j':
			o->json = true;
			break;
		case OPT_FLUSH:
			o->flush = true;
			break;
		case OPT_FLUSH_ALL:
			o->flush_all = true;
			break;
		case 'h':
			front_help();
		case 'V':
			front_version();
		default:
			usage_error("%s", parse_opt_error(c, argv[optind - 1], longopts,
			    why, sizeof(why)));
		}
	}
	if (o->flush_all)
		flush_all_args(o, v4 || v6);
	if (v4 && !v6 && o->family == AF_INET6)
		usage_error("-4: esa-ndpshow lists the IPv6 table only (use esa-arpshow -4)");
	if (v4 && v6)
		usage_error("-4 and -6 cannot be combined");
	if (v4 || v6)
		o->family = v4 ? AF_INET : AF_INET6;
	if (optind < argc)
		o->host = argv[optind++];
	if (optind < argc)
		usage_error("too many operands: %s", text_quote(q, sizeof(q), argv[optind]));
	if (o->host != NULL && o->host[0] == '\0')
		usage_error("the host is empty");
	if (o->flush && o->json)
		usage_error("--flush cannot be combined with -j");
	if (o->flush && o->host != NULL)
		usage_error("%s takes no host: %s", o->flush_all ? "--flush-all" : "--flush",
		    text_quote(q, sizeof(q), o->host));
}

/* The index of the interface NAME (kernel name or alias); 0 after a message. */
static unsigned int
interface_index(const struct link_table *links, const char *name)
{
	const struct link *l = link_by_name(links, name);
	char q[TEXT_QUOTE_SIZE];

	if (l == NULL) {
		warnx("%s: %s", text_quote(q, sizeof(q), name), link_strerror(errno));
		return 0;
	}
	return l->index;
}

/* Resolves -i and the host operand against the interface table: 0, or -1 after a message. */
static int
resolve_args(struct opts *o, const struct link_table *links)
{
	const char *why;
	char q[TEXT_QUOTE_SIZE];

	if (o->ifname != NULL && (o->ifindex = interface_index(links, o->ifname)) == 0)
		return -1;
	if (o->host == NULL)
		return 0;
	if (addr_parse(o->host, o->family, o->numeric ? ADDR_NUMERIC : 0, &o->hostaddr, &why) < 0) {
		warnx("%s: %s", text_quote(q, sizeof(q), o->host), why);
		return -1;
	}
	o->family = o->hostaddr.family;
	if (o->hostaddr.scope != NULL &&
	    (o->host_scope = interface_index(links, o->hostaddr.scope)) == 0)
		return -1;
	return 0;
}

/*
 * Before anything is opened: a listing needs no privilege (and looks names up, which
 * reads the network), so every capability goes; --flush and --flush-all keep
 * CAP_NET_ADMIN alone, not in effect, and say so when it lacks it. 0, or -1 after a message.
 */
static int
priv_start(const struct opts *o)
{
	const char *step;

	if (!o->flush) {
		if (priv_drop(&step) < 0) {
			warn("dropping privileges: %s", step);
			return -1;
		}
		return 0;
	}
	if (priv_limit(CAP_NET_ADMIN) < 0) {
		warn("limiting capabilities");
		return -1;
	}
	if (!priv_has(CAP_NET_ADMIN)) {
		warnx("%s: %s (needs CAP_NET_ADMIN)", o->flush_all ? "--flush-all" : "--flush",
		    strerror(EPERM));
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct link_table links = { 0 };
	struct opts o;
	struct nl *nl;
	int status = ESA_EXIT_ERR;

	front_start(&front);
	parse_args(argc, argv, &o);
	if (priv_start(&o) < 0)
		return ESA_EXIT_ERR;
	if ((nl = nl_open(NETLINK_ROUTE)) == NULL)
		err(ESA_EXIT_ERR, "netlink socket");
	/* from here on, every failure goes through the one way out below */
	if (link_load(nl, &links, 0) < 0) {
		warn("reading the interface table");
		goto out;
	}
	if (resolve_args(&o, &links) < 0)
		goto out;

	/* one large buffer for a listing: it is written in few system calls */
	setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	if (o.flush) {
		const char *step;

		status = flush_run(nl, &o, &links, stdout);
		/* the deletes were all that needed it */
		if (priv_drop(&step) < 0) {
			warn("dropping privileges: %s", step);
			status = ESA_EXIT_ERR;
		}
	} else
		status = show_run(nl, &o, &links);
out:
	link_table_free(&links);
	nl_close(nl);
	return front_close_stdout(status);
}
