/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-traceroute: FreeBSD's traceroute and traceroute6, probing hops in parallel. */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <linux/capability.h>
#include <net/if.h>

#include "addr.h"
#include "esa.h"
#include "front.h"
#include "icmp.h"
#include "loop.h"
#include "parse.h"
#include "priv.h"
#include "probe.h"
#include "text.h"
#include "trace.h"

/*
 * The zone of an IPv6 destination: its %scope (a kernel name, or an index as
 * getaddrinfo() takes "fe80::1%2"), else -i's interface; a link-local address must
 * have one. 0, or -1 after a message.
 */
static int
resolve_scope(struct run *r)
{
	const struct in6_addr *a = &r->dst.u.v6;
	char q[TEXT_QUOTE_SIZE], name[IF_NAMESIZE];
	const char *s = r->dst.scope, *why;
	uint64_t idx;

	if (r->dst.family != AF_INET6)
		return 0;
	if (s != NULL) {
		/* a kernel name first, as getaddrinfo() reads a scope; else an index */
		if ((r->scope_id = if_nametoindex(s)) == 0 &&
		    parse_uint(s, 1, UINT32_MAX, &idx, &why) == 0 &&
		    if_indextoname((unsigned)idx, name) != NULL)
			r->scope_id = (unsigned)idx;
		if (r->scope_id == 0) {
			warnx("%s: no such interface", text_quote(q, sizeof(q), s));
			return -1;
		}
	} else if (r->o.ifname != NULL) {
		r->scope_id = if_nametoindex(r->ifname);
	}
	if (r->scope_id == 0 && (IN6_IS_ADDR_LINKLOCAL(a) || IN6_IS_ADDR_MC_LINKLOCAL(a))) {
		warnx("%s: link-local address needs %%interface",
		    text_quote(q, sizeof(q), r->o.host));
		return -1;
	}
	return 0;
}

/* The host, the source and the length: 0, or -1 after a message (and the usage,
 * for a length the family makes too small, as for any bad value). */
static int
resolve(struct run *r)
{
	const char *why;
	char q[TEXT_QUOTE_SIZE];
	long min;

	/* the host operand is resolved even with -n: -n turns off reverse lookups */
	if (addr_parse(r->o.host, r->o.family, 0, &r->dst, &why) < 0) {
		warnx("%s: %s", text_quote(q, sizeof(q), r->o.host), why);
		return -1;
	}
	addr_ip(r->dst_ip, sizeof(r->dst_ip), r->dst.family, &r->dst.u, NULL);
	if (r->o.src != NULL &&
	    addr_parse(r->o.src, r->dst.family, ADDR_NUMERIC, &r->src, &why) < 0) {
		warnx("-s: %s: %s", text_quote(q, sizeof(q), r->o.src), why);
		return -1;
	}
	min = opts_min_len(&r->o, r->dst.family);
	r->len = r->o.packetlen >= 0 ? r->o.packetlen : opts_default_len(&r->o, r->dst.family);
	if (r->len < min) {
		/* opts.c's form: the family was not known there */
		warnx("packetlen: too small (at least %ld): %ld", min, r->len);
		opts_usage(stderr);
		return -1;
	}
	if (r->o.ifname != NULL && front_interface(NULL, "-i", r->o.ifname, r->ifname) == 0)
		return -1;
	return resolve_scope(r);
}

/* traceroute6's "from SRC": -s, else the address the kernel would pick. 0, or -1
 * after a message (no route: FreeBSD's connect error). */
static int
source_address(struct run *r)
{
	struct addr a = r->src;
	const char *what;

	if (r->o.src == NULL && icmp_source(&r->sock.dst, r->sock.dstlen,
	    r->o.ifname != NULL ? r->ifname : NULL, &a, &what) < 0) {
		warn("%s", what);
		return -1;
	}
	addr_ip(r->src_ip, sizeof(r->src_ip), AF_INET6, &a.u, NULL);
	return 0;
}

/*
 * Privileges end here, as priv_drop_to() says, once the socket is open and before
 * any lookup thread starts (capability sets belong to each thread). Exits when a
 * step fails: going on with privileges is worse than stopping.
 */
static void
drop_privileges(void)
{
	const char *step;

	if (priv_drop_to(ESA_USER, &step) < 0)
		err(ESA_EXIT_ERR, "dropping privileges: %s", step);
}


static int
setup(struct run *r)
{
	const char *what;
	char q[TEXT_QUOTE_SIZE];
	size_t datalen;

	/* the resolver reads DNS replies from the network: no capability in effect
	 * then, and none kept but CAP_NET_RAW (-I's raw socket, -i) and the drop's */
	if (priv_limit(CAP_NET_RAW) < 0) {
		warn("limiting capabilities");
		return -1;
	}
	if (resolve(r) < 0)
		return -1;
	/* permitted only since priv_limit(): effective for the sockets */
	priv_raise(CAP_NET_RAW);
	if (r->dst.family == AF_INET6)
		datalen = (size_t)r->len - (r->o.method == TRACE_ICMP ? 8 : 0);
	else
		datalen = (size_t)r->len - 28;
	if (probe_open(&r->sock, &r->key, &r->dst, r->scope_id, r->o.src != NULL ? &r->src : NULL,
	    r->o.ifname != NULL ? r->ifname : NULL, r->o.method, datalen, &what) < 0) {
		if (errno == EPERM && r->sock.raw)
			warn("%s (needs CAP_NET_RAW, or a group in net.ipv4.ping_group_range)", what);
		else if (errno == EPERM && strcmp(what, "-i") == 0)
			warn("-i: %s (needs CAP_NET_RAW)", text_quote(q, sizeof(q), r->o.ifname));
		else
			warn("%s", what);
		return -1;
	}
	drop_privileges();
	r->key.port = (uint16_t)r->o.port;
	r->key.nprobes = (r->o.max_ttl - r->o.first_ttl + 1) * r->o.nqueries;
	if (r->dst.family == AF_INET6 && source_address(r) < 0)
		return -1;
	loop_signals(r);
	return 0;
}

int
main(int argc, char **argv)
{
	static struct run r;
	char why[TEXT_QUOTE_SIZE + 128];
	static const struct front front = { .name = "esa-traceroute", .usage = opts_usage };
	int status = ESA_EXIT_ERR;

	front_start(&front);
	front_parsed(opts_parse(argc, argv, &r.o, why, sizeof(why)), why);
	r.sock.fd = r.sock.efd = -1;
	if (setup(&r) < 0)
		goto out;
	status = loop_run(&r);
out:
	probe_close(&r.sock);
	if (r.werr != 0)
		errno = r.werr;	/* the failed write's reason, which glibc keeps nowhere */
	return front_close_stdout(status);
}
