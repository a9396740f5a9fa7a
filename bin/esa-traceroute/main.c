/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-traceroute: FreeBSD's traceroute and traceroute6, probing hops in parallel. */
#include <err.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/capability.h>
#include <linux/netlink.h>
#include <net/if.h>

#include "addr.h"
#include "esa.h"
#include "front.h"
#include "link.h"
#include "nl.h"
#include "names.h"
#include "parse.h"
#include "priv.h"
#include "probe.h"
#include "text.h"
#include "trace.h"

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

static int64_t
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t
mono_us(void)
{
	return clock_ns(CLOCK_MONOTONIC) / 1000;
}

/* Everything a run holds, released in one place. */
struct run {
	struct opts o;
	struct addr dst, src;
	char dst_ip[ADDR_IP_MAX], src_ip[ADDR_IP_MAX];
	char ifname[IFNAMSIZ];
	unsigned scope_id;	/* a link-local destination's zone: %scope, else -i; or 0 */
	struct sock sock;
	struct trace_key key;
	struct trace t;
	int64_t *sent_rt;	/* CLOCK_REALTIME send time of each probe, for kernel stamps */
	struct names *names;	/* reverse lookups under way, NULL with -n */
	sigset_t waitmask;	/* the mask while waiting: SIGINT and SIGTERM let in */
	long len;		/* the header's packet length */
	int werr;		/* why a line could not be written to stdout, or 0 */
};

/* -i takes a kernel name or an alias: the kernel name, or -1 after a message. */
static int
resolve_iface(struct run *r)
{
	struct link_table links = { 0 };
	const struct link *l;
	struct nl *nl;
	char q[TEXT_QUOTE_SIZE];
	int ret = -1;

	if ((nl = nl_open(NETLINK_ROUTE)) == NULL) {
		warn("netlink socket");
		return -1;
	}
	if (link_load(nl, &links, 0) < 0)
		warn("reading the interface table");
	else if ((l = link_by_name(&links, r->o.ifname)) == NULL)
		warnx("-i: %s: %s", text_quote(q, sizeof(q), r->o.ifname), link_strerror(errno));
	else {
		snprintf(r->ifname, sizeof(r->ifname), "%s", l->name);
		ret = 0;
	}
	link_table_free(&links);
	nl_close(nl);
	return ret;
}

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
	if (r->o.ifname != NULL && resolve_iface(r) < 0)
		return -1;
	return resolve_scope(r);
}

/* traceroute6's "from SRC": -s, else the address the kernel would pick (a connected
 * UDP socket tells). 0, or -1 after a message (no route: FreeBSD's connect error). */
static int
source_address(struct run *r)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(33434) };
	socklen_t sl = sizeof(a);
	int fd;

	if (r->o.src != NULL) {
		addr_ip(r->src_ip, sizeof(r->src_ip), AF_INET6, &r->src.u, NULL);
		return 0;
	}
	a.sin6_addr = r->dst.u.v6;
	a.sin6_scope_id = r->scope_id;
	if ((fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
		warn("socket");
		return -1;
	}
	if ((r->o.ifname != NULL && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, r->ifname,
	    (socklen_t)strlen(r->ifname) + 1) < 0) ||
	    connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &sl) < 0) {
		warn("connect");
		close(fd);
		return -1;
	}
	close(fd);
	addr_ip(r->src_ip, sizeof(r->src_ip), AF_INET6, &a.sin6_addr, NULL);
	return 0;
}

/*
 * Privileges end here, once the socket is open and before any lookup thread starts
 * (capability sets and ids belong to each thread): started by root, the run becomes
 * ESA_USER with that user's group and no supplementary group, which can neither read
 * /etc/shadow nor write root's files; a set-user-ID or set-group-ID run becomes its
 * caller; every capability goes, for good. Exits when a step fails: going on with
 * privileges is worse than stopping.
 */
static void
drop_privileges(void)
{
	const char *step;

	if (priv_drop_to(ESA_USER, &step) < 0)
		err(ESA_EXIT_ERR, "dropping privileges: %s", step);
}

/*
 * Whether the responders of hop H have their names (none to find with -n). The
 * lookups were asked for as the answers came in and run on names.c's threads, so
 * they overlap; without those threads, they are made here, one by one.
 */
static bool
hop_named(struct run *r, unsigned h)
{
	char name[NI_MAXHOST], *got;

	if (r->o.numeric)
		return true;
	for (unsigned i = h * r->t.nq; i < (h + 1) * r->t.nq; i++) {
		struct probe *p = &r->t.probes[i];

		if (p->state != PROBE_ANSWERED || p->name != NULL)
			continue;
		if (r->names == NULL) {
			if (addr_name(p->r.family, p->r.from, 0, 0, name, sizeof(name)) == 0)
				p->name = xstrdup(name);
		} else if (names_get(r->names, p->r.family, p->r.from, &got) == 0) {
			return false;
		} else {
			p->name = got;
		}
	}
	return true;
}

/*
 * Sends probe P. With IP_RECVERR every ICMP error also sets the socket's pending
 * error (sk_err), which the next send returns once and clears; the error itself is
 * in the queue already. Answers keep arriving while a burst leaves, so a send is
 * made again while it fails with such an error, a bounded number of times: a
 * local failure (no route at all) fails every time. 0, or -1 with errno.
 */
static int
send_one(struct run *r, unsigned p, unsigned ttl)
{
	for (int tries = 0; tries < 64; tries++) {
		if (probe_send(&r->sock, &r->key, p, ttl) == 0)
			return 0;
		if (errno != EHOSTUNREACH && errno != ENETUNREACH && errno != ECONNREFUSED &&
		    errno != EACCES && errno != EPROTO && errno != EMSGSIZE && errno != EPERM &&
		    errno != ENOPROTOOPT && errno != EHOSTDOWN && errno != ENONET)
			return -1;
	}
	return -1;
}

/* Sends what the window allows: 0, or -1 after a message. */
static int
send_probes(struct run *r)
{
	int p;

	while ((p = trace_next_probe(&r->t)) >= 0) {
		unsigned ttl = r->t.first + (unsigned)p / r->t.nq;

		r->sent_rt[p] = clock_ns(CLOCK_REALTIME);
		if (send_one(r, (unsigned)p, ttl) < 0) {
			warn("sendto");
			return -1;
		}
		trace_sent(&r->t, (unsigned)p, mono_us());
	}
	return 0;
}

/*
 * Sends again what reprobe.c asks for at NOW (the end of the path placed, its hop
 * filled). Returns when to ask again, -1 for nothing; -1 with *FAILED after a message.
 */
static int64_t
send_again(struct run *r, int64_t now, bool *failed)
{
	struct reprobe rp;
	int64_t wake;

	*failed = false;
	while ((wake = reprobe_next(&r->t, now, &rp)) >= 0 && rp.n > 0) {
		for (unsigned i = 0; i < rp.n; i++) {
			r->sent_rt[rp.probe[i]] = clock_ns(CLOCK_REALTIME);
			if (send_one(r, rp.probe[i], rp.ttl[i]) < 0) {
				warn("sendto");
				*failed = true;
				return -1;
			}
		}
		reprobe_sent(&r->t, &rp, now);
	}
	return wake;
}

/* Reads every waiting reply: 0, or -1 after a message. */
static int
read_replies(struct run *r)
{
	struct reply rep;
	const char *why = NULL;
	int64_t stamp, rtt;
	int st, budget = 4096;

	while (budget-- > 0 && (st = probe_recv(&r->sock, &r->key, &rep, &stamp, &why)) != 0) {
		if (st < 0) {
			warn("recvmsg");
			return -1;
		}
		if (st == 2) {
			if (r->o.verbose)
				warnx("ignored: %s", why);
			continue;
		}
		if (rep.probe >= r->t.nhops * r->t.nq)
			continue;
		if (stamp != 0)
			rtt = (stamp - r->sent_rt[rep.probe]) / 1000;
		else
			rtt = mono_us() - r->t.probes[rep.probe].sent;
		if (trace_answer(&r->t, &rep, rtt) == 0 && r->names != NULL)
			names_want(r->names, rep.family, rep.from);
	}
	return 0;
}

/* The trace itself: probes out, replies in, hops printed in order. */
static int
trace_run(struct run *r)
{
	struct print_ctx pc = { stdout, r->dst.family, r->o.numeric, r->o.json };
	struct pollfd pfd[3] = { { r->sock.fd, POLLIN, 0 }, { r->sock.efd, POLLIN, 0 },
	    { -1, POLLIN, 0 } };
	struct timespec ts;
	int64_t now, next, wake;
	bool failed;
	int h;

	while (!r->t.done && !stop_signal) {
		if (send_probes(r) < 0)
			return -1;
		now = mono_us();
		while ((h = trace_ready(&r->t, now)) >= 0 && hop_named(r, (unsigned)h)) {
			errno = 0;
			print_hop(&pc, &r->t, (unsigned)h);
			/* stdout gone bad (a reader that left where SIGPIPE is ignored, as
			 * systemd does for services; a full disk): no one would see the rest */
			if (ferror(stdout)) {
				r->werr = errno != 0 ? errno : EIO;
				return -1;
			}
			trace_printed(&r->t);
		}
		if (r->t.done)
			break;
		if (trace_next_probe(&r->t) >= 0)
			continue;
		if ((wake = send_again(r, now, &failed)) < 0 && failed)
			return -1;
		/* deadlines after the NOW trace_ready() saw: a complete hop waiting for its
		 * names has only past ones, and must sleep on the names, not spin */
		next = trace_next_deadline(&r->t, now);
		if (wake > now && (next < 0 || wake < next))
			next = wake;
		if (next < 0)
			next = now + r->t.wait;	/* only answers or names to wait for */
		now = mono_us();
		ts.tv_sec = ts.tv_nsec = 0;
		if (next > now) {
			ts.tv_sec = (next - now) / 1000000;
			ts.tv_nsec = (next - now) % 1000000 * 1000;
		}
		pfd[2].fd = r->names != NULL ? names_fd(r->names) : -1;
		/* SIGINT and SIGTERM are blocked but here: one that came after the loop's
		 * test interrupts this wait at once instead of being seen after it */
		if (ppoll(pfd, 3, &ts, &r->waitmask) < 0 && errno != EINTR) {
			warn("poll");
			return -1;
		}
		if (r->names != NULL)
			names_drain(r->names);
		if (read_replies(r) < 0)
			return -1;
	}
	print_final(&pc, r->o.host, r->dst_ip, &r->t);
	return 0;
}

static int
setup(struct run *r)
{
	const char *what;
	char q[TEXT_QUOTE_SIZE];
	size_t datalen;
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;

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
	/* blocked from here (the lookup threads inherit it, so a signal never lands on
	 * one of them), let in only while ppoll() waits */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &r->waitmask);
	sigdelset(&r->waitmask, SIGINT);
	sigdelset(&r->waitmask, SIGTERM);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
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
	switch (opts_parse(argc, argv, &r.o, why, sizeof(why))) {
	case OPTS_HELP:
		front_help();
	case OPTS_VERSION:
		front_version();
	case OPTS_ERROR:
		usage_error("%s", why);
	}
	r.sock.fd = r.sock.efd = -1;
	if (setup(&r) < 0)
		goto out;
	/*
	 * The appliance's first line, for a person at a terminal (esa-ping's too): on
	 * standard error with the header, never when the output goes to a file or a pipe.
	 */
	if (isatty(STDOUT_FILENO))
		fputs("Press Ctrl-C to stop.\n", stderr);
	print_header(stderr, r.dst.family, r.o.host, r.dst_ip,
	    r.dst.family == AF_INET6 ? r.src_ip : NULL, r.o.max_ttl, r.len);
	setvbuf(stdout, NULL, _IOLBF, 0);
	trace_init(&r.t, r.o.first_ttl, r.o.max_ttl, r.o.nqueries, r.o.parallel,
	    (int64_t)r.o.wait_ms * 1000, r.dst.family);
	r.t.quoted = r.sock.quoted;
	if (r.o.verbose)
		warnx(r.sock.quoted ? "errors read whole (raw socket): the end of the path is "
		    "placed by the quoted TTL (probe TTL - quoted TTL + 1)" : "errors without "
		    "their quote (no CAP_NET_RAW): hops that got nothing are probed again until "
		    "the lowest TTL reaching the end is known");
	r.sent_rt = xcalloc(r.key.nprobes, sizeof(*r.sent_rt));
	/* without threads for the lookups, they are made as each hop completes */
	if (!r.o.numeric)
		r.names = names_new(r.key.nprobes);
	if (trace_run(&r) == 0)
		status = r.t.reached ? ESA_EXIT_OK : ESA_EXIT_NO;
	names_free(r.names);
	trace_free(&r.t);
	free(r.sent_rt);
out:
	probe_close(&r.sock);
	if (r.werr != 0)
		errno = r.werr;	/* the failed write's reason, which glibc keeps nowhere */
	return front_close_stdout(status);
}
