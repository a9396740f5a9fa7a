/* SPDX-License-Identifier: BSD-2-Clause */
/* run.c - the probe loop: send on schedule, read replies and errors, stop when done. */
#include <err.h>
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>

#include "esa.h"
#include "run.h"
#include "tick.h"

static volatile sig_atomic_t sig_finish, sig_status;

static void
on_finish(int sig)
{
	(void)sig;
	sig_finish = 1;
}

static void
on_status(int sig)
{
	(void)sig;
	sig_status = 1;
}

/*
 * SIGINT and SIGTERM end the run with the statistics; SIGQUIT prints a status line.
 * The three stay blocked except inside ppoll(), which gets *WAITMASK (tick_sigblock()
 * says why).
 */
static void
signals_install(sigset_t *waitmask)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGQUIT };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_finish;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_status;
	sigaction(SIGQUIT, &sa, NULL);
	(void)tick_sigblock(sigs, ESA_NELEM(sigs), waitmask);
}

/*
 * The payload: the run's random cookie in the first 8 bytes (cut to the size when
 * smaller), then FreeBSD's pattern (each byte its own offset). 0, or -1 with errno.
 */
int
ping_payload(struct ping *p)
{
	uint8_t cookie[PING_COOKIE_LEN];
	size_t i;

	if (getrandom(cookie, sizeof(cookie), 0) != sizeof(cookie))
		return -1;
	memcpy(p->ctx.cookie, cookie, sizeof(cookie));
	p->payload = xmalloc(p->datalen ? p->datalen : 1);
	for (i = 0; i < p->datalen; i++)
		p->payload[i] = i < PING_COOKIE_LEN ? cookie[i] : (uint8_t)i;
	return 0;
}

static void
send_probe(struct ping *p)
{
	uint16_t seq = (uint16_t)p->st.transmitted;
	struct timespec at;

	/* the send time is taken on the clock of the kernel's receive stamps */
	clock_gettime(CLOCK_REALTIME, &at);
	pstats_sent(&p->st, seq, &at);
	/* a local failure (no route, a broadcast refused, larger than the MTU with -D)
	 * is named as it happens; counted as sent, as FreeBSD: it is a lost probe */
	if (ping_sock_send(p->s, seq, p->payload, p->datalen) < 0)
		warn("sendto");
	else
		p->sent++;
}

/*
 * Keeps the errno of the first failed write to stdout: later calls (a read that
 * would block) overwrite errno before the run ends and the error is reported.
 */
static void
out_check(struct ping *p)
{
	if (p->werr == 0 && ferror(stdout))
		p->werr = errno != 0 ? errno : EIO;
}

/* A reply or an error that the parser accepted: statistics, then the printers. */
static void
take(struct ping *p, const uint8_t *buf, const struct rx *rx, const struct reply *r)
{
	char from[ADDR_IP_MAX], name[1025], dst[ADDR_IP_MAX], ifname[IF_NAMESIZE];
	struct event e = { .r = r, .buf = buf, .len = rx->len, .from = from };

	addr_ip(from, sizeof(from), rx->from.family, rx->from.u.bytes, NULL);
	e.ttl = r->ttl >= 0 ? r->ttl : rx->ttl;
	if (r->kind == REPLY_ECHO) {
		/* ping6's -v: the address the reply came to, with its zone when link-local */
		if (rx->has_dst) {
			const char *zone = NULL;

			if (IN6_IS_ADDR_LINKLOCAL(&rx->dst) || IN6_IS_ADDR_MC_LINKLOCAL(&rx->dst))
				zone = if_indextoname(rx->dst_ifindex, ifname);
			addr_ip(dst, sizeof(dst), AF_INET6, &rx->dst, zone);
			e.dst = dst;
		}
		e.timed = p->ri.timing;
		e.dup = pstats_reply(&p->st, r->seq, &rx->at, e.timed, &e.rtt_ms);
		/* FreeBSD's -W: a reply later than that counts, but is not shown */
		e.late = p->o->waittime_set && e.rtt_ms > (double)p->o->waittime_ms;
		if (e.late)
			p->st.timeouts++;
		if (p->o->quiet || (e.late && !p->o->json))
			return;
	} else {
		p->st.errors++;
		/* FreeBSD's ping names the sender of an error (unless -n); ping6 does not */
		if (!p->o->numeric && rx->from.family == AF_INET &&
		    addr_name(AF_INET, rx->from.u.bytes, 0, 0, name, sizeof(name)) == 0)
			e.from_name = name;
	}
	ping_event(stdout, &p->ri, &e);
	out_check(p);
}

/*
 * The errors an ICMP message leaves on a datagram socket (sk_err) for the next
 * recvmsg(): the message itself waits in the error queue, read from there.
 */
static bool
net_error(int e)
{
	return e == EHOSTUNREACH || e == ENETUNREACH || e == ECONNREFUSED || e == EMSGSIZE ||
	    e == EPROTO || e == EHOSTDOWN || e == ENONET || e == EACCES || e == EPERM ||
	    e == ETIMEDOUT || e == ENOPROTOOPT || e == EOPNOTSUPP;
}

/* One received packet or queued error waiting to be handled. */
struct slot {
	bool full;
	bool errqueue;		/* the slot of the error queue */
	struct rx rx;
	uint8_t *buf;
	size_t size;
};

/* Reads into S unless it is full: whether it holds something now. */
static bool
fill(struct ping *p, struct slot *s)
{
	int tries, got;

	if (s->full)
		return true;
	/* an error left for recvmsg() by an ICMP message comes first: read again */
	for (tries = 0; tries < 2; tries++) {
		if ((got = ping_sock_recv(p->s, s->buf, s->size, s->errqueue, &s->rx)) > 0)
			return s->full = true;
		if (got == 0)
			return false;
		if (errno != EINTR && !net_error(errno)) {
			warn("recvmsg");
			return false;
		}
	}
	return false;
}

/* Parses what S holds and, when it is ours, counts and prints it; empties S. */
static void
handle(struct ping *p, struct slot *s)
{
	struct rx *rx = &s->rx;
	struct reply r;

	s->full = false;
	if (rx->truncated || (s->errqueue && !rx->is_error))
		return;	/* larger than any reply to us, or a local error */
	p->ctx.from = rx->from;
	p->ctx.quoted_dst = rx->quoted_dst;
	if (rx->is_error)
		echo_parse_errqueue(p->s->family, rx->ee_type, rx->ee_code, rx->ee_info,
		    s->buf, rx->len, &p->ctx, &r);
	else
		echo_parse(s->buf, rx->len, &p->ctx, &r);
	if (r.kind == REPLY_IGNORED || !pstats_issued(&p->st, r.seq))
		return;
	take(p, s->buf, rx, &r);
}

static bool
before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec <= b->tv_nsec);
}

/*
 * Reads everything waiting: replies and, on a datagram socket, the errors queued
 * apart, handled in the order the kernel received them (its time stamps), so that
 * an error printed before a reply came before it.
 */
static void
drain(struct ping *p)
{
	struct slot n = { .buf = p->rbuf, .size = p->rsize };
	struct slot e = { .errqueue = true, .buf = p->ebuf, .size = sizeof(p->ebuf) };
	bool hn, he;
	int i;

	/* bounded: a flood cannot keep the loop from sending and stopping */
	for (i = 0; i < 256; i++) {
		hn = fill(p, &n);
		he = !p->s->raw && fill(p, &e);
		if (!hn && !he)
			return;
		handle(p, hn && (!he || before(&n.rx.at, &e.rx.at)) ? &n : &e);
	}
	/* what was read is not dropped */
	if (n.full && e.full && !before(&n.rx.at, &e.rx.at))
		handle(p, &e);
	if (n.full)
		handle(p, &n);
	if (e.full)
		handle(p, &e);
}

/* After the last probe: twice the longest round trip (at least 1 s), or -W (FreeBSD). */
static int64_t
linger_ns(const struct ping *p)
{
	double ms = 2 * p->st.tmax;

	/* nothing went out: no reply can come */
	if (p->sent == 0)
		return 0;
	if (p->st.received == 0)
		return (int64_t)p->o->waittime_ms * 1000000;
	/* a wall clock stepped forward during a probe's flight makes a huge round trip */
	if (ms > INT32_MAX)
		ms = INT32_MAX;
	return ms < 1000 ? 1000000000 : (int64_t)(ms * 1e6);
}

/*
 * Whether the run is over: a signal, -t, -o, -c with all replies, the linger, or
 * standard output gone bad (a reader that left, where SIGPIPE is ignored as systemd
 * does for services; a full disk): no one would see the rest.
 */
static bool
done(const struct ping *p, int64_t now, int64_t deadline, int64_t linger_end)
{
	const struct opts *o = p->o;

	return sig_finish || p->werr != 0 || (deadline && now >= deadline) ||
	    (o->once && p->st.received > 0) ||
	    (o->count && p->st.received >= o->count) ||
	    (linger_end && now >= linger_end);
}

int
ping_run(struct ping *p)
{
	struct pollfd pfd = { .fd = p->s->fd, .events = POLLIN };
	/* POLLERR: a datagram socket's error queue (polled for always) */
	int64_t now = tick_ns(), next = now, deadline = 0, linger_end = 0, until;
	int64_t interval = (int64_t)p->o->interval_ms * 1000000;
	struct timespec ts;
	sigset_t waitmask;

	signals_install(&waitmask);
	if (p->o->timeout_s)
		deadline = now + (int64_t)p->o->timeout_s * 1000000000;
	ping_header(stdout, &p->ri);
	out_check(p);
	while (!done(p, now = tick_ns(), deadline, linger_end)) {
		if (sig_status) {
			sig_status = 0;
			ping_status(stderr, &p->ri, &p->st);
		}
		if (!linger_end && now >= next) {
			send_probe(p);
			/* after a stall (a stopped process), no burst to catch up */
			next = next + interval > now ? next + interval : now + interval;
			if (p->o->count && p->st.transmitted >= p->o->count)
				linger_end = now + linger_ns(p);
			continue;
		}
		until = linger_end ? linger_end : next;
		if (deadline && deadline < until)
			until = deadline;
		ts.tv_sec = (until - now) / 1000000000;
		ts.tv_nsec = (until - now) % 1000000000;
		if (ppoll(&pfd, 1, &ts, &waitmask) > 0)
			drain(p);
	}
	/* the failed write's errno, for the caller's esa_close_stdout() to report */
	out_check(p);
	if (p->werr != 0) {
		errno = p->werr;
		return ESA_EXIT_ERR;
	}
	ping_summary(stdout, &p->ri, &p->st);
	if (p->st.received > 0)
		return ESA_EXIT_OK;
	return p->sent > 0 ? ESA_EXIT_NO : ESA_EXIT_ERR;
}
