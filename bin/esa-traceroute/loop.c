/* SPDX-License-Identifier: BSD-2-Clause */
/* loop.c - esa-traceroute's event loop: probes out, replies in, hops printed in order;
 * its decisions (send again, when to wake, round trips) as pure functions. */
#include <err.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "esa.h"
#include "loop.h"
#include "tick.h"

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

/* The wall clock in ns: the kernel stamps replies with it (SO_TIMESTAMPNS). */
static int64_t
realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t
mono_us(void)
{
	return tick_ns() / 1000;
}

void
loop_signals(struct run *r)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	struct sigaction sa = { .sa_handler = on_signal };

	(void)tick_sigblock(sigs, ESA_NELEM(sigs), &r->waitmask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/*
 * With IP_RECVERR every ICMP error also sets the socket's pending error (sk_err),
 * which the next send returns once and clears; the error itself is in the queue
 * already. Answers keep arriving while a burst leaves, so a send that fails with
 * such an error is made again (a bounded number of times: a local failure, no route
 * at all, fails every time).
 */
bool
loop_send_again(int err)
{
	switch (err) {
	case EHOSTUNREACH: case ENETUNREACH: case ECONNREFUSED: case EACCES: case EPROTO:
	case EMSGSIZE: case EPERM: case ENOPROTOOPT: case EHOSTDOWN: case ENONET:
		return true;
	default:
		return false;
	}
}

int64_t
loop_next_wake(int64_t deadline, int64_t reprobe, int64_t now, int64_t wait)
{
	/* deadlines come after the NOW trace_ready() saw: a complete hop waiting for
	 * its names has only past ones, and must sleep on the names, not spin */
	if (reprobe > now && (deadline < 0 || reprobe < deadline))
		deadline = reprobe;
	return deadline >= 0 ? deadline : now + wait;
}

struct timespec
loop_timeout(int64_t next, int64_t now)
{
	struct timespec ts = { 0, 0 };

	if (next > now) {
		ts.tv_sec = (next - now) / 1000000;
		ts.tv_nsec = (next - now) % 1000000 * 1000;
	}
	return ts;
}

int64_t
loop_rtt(int64_t stamp, int64_t sent_rt, int64_t now, int64_t sent)
{
	return stamp != 0 ? (stamp - sent_rt) / 1000 : now - sent;
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

/* Sends probe P, again while loop_send_again() says so. 0, or -1 with errno. */
static int
send_one(struct run *r, unsigned p, unsigned ttl)
{
	for (int tries = 0; tries < 64; tries++) {
		if (probe_send(&r->sock, &r->key, p, ttl) == 0)
			return 0;
		if (!loop_send_again(errno))
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

		r->sent_rt[p] = realtime_ns();
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
			r->sent_rt[rp.probe[i]] = realtime_ns();
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
		rtt = loop_rtt(stamp, r->sent_rt[rep.probe], mono_us(),
		    r->t.probes[rep.probe].sent);
		if (trace_answer(&r->t, &rep, rtt) == 0 && r->names != NULL)
			names_want(r->names, rep.family, rep.from);
	}
	return 0;
}

/* The trace itself: probes out, replies in, hops printed in order. 0, or -1 after a
 * message (or with r->werr). */
static int
trace_loop(struct run *r)
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
		next = loop_next_wake(trace_next_deadline(&r->t, now), wake, now, r->t.wait);
		ts = loop_timeout(next, mono_us());
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

int
loop_run(struct run *r)
{
	int status = ESA_EXIT_ERR;

	/*
	 * The appliance's first line, for a person at a terminal (esa-ping's too): on
	 * standard error with the header, never when the output goes to a file or a pipe.
	 */
	if (isatty(STDOUT_FILENO))
		fputs("Press Ctrl-C to stop.\n", stderr);
	print_header(stderr, r->dst.family, r->o.host, r->dst_ip,
	    r->dst.family == AF_INET6 ? r->src_ip : NULL, r->o.max_ttl, r->len);
	setvbuf(stdout, NULL, _IOLBF, 0);
	trace_init(&r->t, r->o.first_ttl, r->o.max_ttl, r->o.nqueries, r->o.parallel,
	    (int64_t)r->o.wait_ms * 1000, r->dst.family);
	r->t.quoted = r->sock.quoted;
	if (r->o.verbose)
		warnx(r->sock.quoted ? "errors read whole (raw socket): the end of the path is "
		    "placed by the quoted TTL (probe TTL - quoted TTL + 1)" : "errors without "
		    "their quote (no CAP_NET_RAW): hops that got nothing are probed again until "
		    "the lowest TTL reaching the end is known");
	r->sent_rt = xcalloc(r->key.nprobes, sizeof(*r->sent_rt));
	/* without threads for the lookups, they are made as each hop completes */
	if (!r->o.numeric)
		r->names = names_new(r->key.nprobes);
	if (trace_loop(r) == 0)
		status = r->t.reached ? ESA_EXIT_OK : ESA_EXIT_NO;
	names_free(r->names);
	r->names = NULL;
	trace_free(&r->t);
	free(r->sent_rt);
	r->sent_rt = NULL;
	return status;
}
