/* SPDX-License-Identifier: BSD-2-Clause */
/* traffic.c - option 5: packets, errors and bytes per interval, as `netstat -w`. */
#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "esa.h"
#include "netstat.h"
#include "text.h"
#include "tick.h"
#include "traffic.h"

/* Set by SIGINT and SIGTERM: the run ends at the next wake-up. */
static volatile sig_atomic_t traffic_stop;

void
traffic_counts(const struct link *l, struct tcount *c)
{
	const struct rtnl_link_stats64 *s = &l->stats;

	c->ipackets = s->rx_packets;
	c->ierrs = s->rx_errors;
	c->idrops = s->rx_dropped;
	c->ibytes = s->rx_bytes;
	c->opackets = s->tx_packets;
	c->oerrs = s->tx_errors;
	c->obytes = s->tx_bytes;
	c->colls = s->collisions;
	c->odrops = s->tx_dropped;
}

static uint64_t
diff(uint64_t prev, uint64_t cur)
{
	/* backwards: the counters were reset; what is there was counted since */
	return cur >= prev ? cur - prev : cur;
}

void
traffic_delta(const struct tcount *prev, const struct tcount *cur, struct tcount *d)
{
	d->ipackets = diff(prev->ipackets, cur->ipackets);
	d->ierrs = diff(prev->ierrs, cur->ierrs);
	d->idrops = diff(prev->idrops, cur->idrops);
	d->ibytes = diff(prev->ibytes, cur->ibytes);
	d->opackets = diff(prev->opackets, cur->opackets);
	d->oerrs = diff(prev->oerrs, cur->oerrs);
	d->obytes = diff(prev->obytes, cur->obytes);
	d->colls = diff(prev->colls, cur->colls);
	d->odrops = diff(prev->odrops, cur->odrops);
}

static void
add(struct tcount *sum, const struct tcount *d)
{
	sum->ipackets += d->ipackets;
	sum->ierrs += d->ierrs;
	sum->idrops += d->idrops;
	sum->ibytes += d->ibytes;
	sum->opackets += d->opackets;
	sum->oerrs += d->oerrs;
	sum->obytes += d->obytes;
	sum->colls += d->colls;
	sum->odrops += d->odrops;
}

int
traffic_interval(const struct link_table *prev, const struct link_table *cur,
    unsigned int ifindex, struct tcount *d)
{
	static const struct tcount zero;
	size_t k = 0;
	bool found = false;

	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < cur->n; i++) {
		const struct link *l = &cur->links[i];
		struct tcount before, now, one;

		if (ifindex != 0 && l->index != ifindex)
			continue;
		found = true;
		while (k < prev->n && prev->links[k].index < l->index)
			k++;
		traffic_counts(l, &now);
		if (k < prev->n && prev->links[k].index == l->index)
			traffic_counts(&prev->links[k], &before);
		else
			before = zero;	/* new during the interval */
		traffic_delta(&before, &now, &one);
		add(d, &one);
	}
	return ifindex == 0 || found ? 0 : -1;
}

bool
traffic_banner_due(uint64_t rows)
{
	return rows > 0 && rows % TRAFFIC_BANNER_ROWS == 0;
}

void
tprint_open(struct tprinter *p, FILE *out, bool json, bool drops, const char *alias,
    const char *ifname)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->json = json;
	p->drops = drops;
	p->alias = alias;
	p->ifname = ifname;
	/* the first banner at once, as FreeBSD: the first row comes an interval later */
	if (json)
		json_init(&p->j, out, 0);
	else
		tprint_banner(p);
}

void
tprint_banner(struct tprinter *p)
{
	char buf[TEXT_SAFE_SIZE(256)];

	/*
	 * FreeBSD 11's "%17s %14s %16s" (if.c sidewaysintpr()), the seed's spacing; a
	 * longer name pushes "output". The seed names the NIC (nic1), not the IP
	 * interface: the kernel name, which is the NIC's here, not the alias.
	 */
	fprintf(p->out, "%17s %14s %16s\n", "input",
	    p->ifname != NULL ? text_safe(buf, sizeof(buf), p->ifname) : "(Total)", "output");
	fprintf(p->out, "%10s %5s %5s %10s %10s %5s %10s %5s%s\n", "packets", "errs",
	    "idrops", "bytes", "packets", "errs", "bytes", "colls",
	    p->drops ? " drops" : "");
}

static void
tprint_json(struct tprinter *p, const struct tcount *d, uint64_t interval_ms, time_t now)
{
	struct json *j = &p->j;

	json_object_open(j);
	json_key_str(j, "type", "sample");
	(void)json_key_time(j, "sampled_at", (int64_t)now);
	json_key_uint(j, "interval_s", interval_ms / 1000);
	if (p->ifname != NULL)
		json_key_str(j, "interface", p->ifname);
	if (p->alias != NULL)
		json_key_str(j, "alias", p->alias);
	json_key_uint(j, "rx_packets", d->ipackets);
	json_key_uint(j, "rx_errors", d->ierrs);
	json_key_uint(j, "rx_dropped", d->idrops);
	json_key_uint(j, "rx_bytes", d->ibytes);
	json_key_uint(j, "tx_packets", d->opackets);
	json_key_uint(j, "tx_errors", d->oerrs);
	json_key_uint(j, "tx_bytes", d->obytes);
	json_key_uint(j, "collisions", d->colls);
	json_key_uint(j, "tx_dropped", d->odrops);
	json_object_close(j);
	json_end(j);
}

void
tprint_row(struct tprinter *p, const struct tcount *d, uint64_t interval_ms, time_t now)
{
	if (p->json) {
		tprint_json(p, d, interval_ms, now);
		p->rows++;
		return;
	}
	if (traffic_banner_due(p->rows))
		tprint_banner(p);
	fprintf(p->out, "%10ju %5ju %5ju %10ju %10ju %5ju %10ju %5ju",
	    (uintmax_t)d->ipackets, (uintmax_t)d->ierrs, (uintmax_t)d->idrops,
	    (uintmax_t)d->ibytes, (uintmax_t)d->opackets, (uintmax_t)d->oerrs,
	    (uintmax_t)d->obytes, (uintmax_t)d->colls);
	if (p->drops)
		fprintf(p->out, " %5ju", (uintmax_t)d->odrops);
	fputc('\n', p->out);
	p->rows++;
}

static void
on_signal(int sig)
{
	(void)sig;
	traffic_stop = 1;
}

/*
 * SIGINT and SIGTERM set the flag; they stay blocked except while waiting
 * (tick_sigblock() says why). No SA_RESTART: the wait returns at once. OLD gets
 * the mask to wait with.
 */
static void
signals_catch(sigset_t *old)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	(void)tick_sigblock(sigs, ESA_NELEM(sigs), old);
}

static int64_t
now_ms(void)
{
	return tick_ns() / 1000000;
}

/* Sleeps until DEADLINE (monotonic ms). 0, or -1 when a signal asked to stop. */
static int
wait_until(int64_t deadline, const sigset_t *mask)
{
	int64_t left;

	while (!traffic_stop && (left = deadline - now_ms()) > 0) {
		struct timespec ts = { left / 1000, (left % 1000) * 1000000 };

		(void)ppoll(NULL, 0, &ts, mask);
	}
	return traffic_stop ? -1 : 0;
}

/* Reads every link's counters into T (T starts zeroed). 0, or -1 after a message. */
static int
sample(struct nl *rt, struct link_table *t)
{
	char why[NL_STRERROR_MAX];

	if (link_load(rt, t, LINK_STATS) == 0)
		return 0;
	warnx("reading the interface counters: %s", nl_strerror(rt, errno, why, sizeof(why)));
	return -1;
}

int
traffic_run(struct nl *rt, const struct link_table *links, const struct nopts *o)
{
	const struct link *l = o->ifindex ? link_by_index(links, o->ifindex) : NULL;
	struct link_table prev = { 0 }, cur = { 0 };
	struct tprinter pr;
	struct tcount d;
	sigset_t mask;
	int64_t deadline, interval = (int64_t)o->interval_ms;
	int status = ESA_EXIT_OK;

	signals_catch(&mask);
	if (sample(rt, &prev) < 0)
		return ESA_EXIT_ERR;
	tprint_open(&pr, stdout, o->json, o->drops, l != NULL ? l->alias : NULL,
	    l != NULL ? l->name : NULL);
	deadline = now_ms();
	while (o->count == 0 || pr.rows < o->count) {
		deadline += interval;
		/* far behind (a suspended machine): start counting from now */
		if (now_ms() > deadline + interval)
			deadline = now_ms() + interval;
		if (wait_until(deadline, &mask) < 0)
			break;
		if (sample(rt, &cur) < 0) {
			status = ESA_EXIT_ERR;
			break;
		}
		if (traffic_interval(&prev, &cur, o->ifindex, &d) < 0) {
			char q[TEXT_QUOTE_SIZE];

			warnx("%s: the interface disappeared", text_quote(q, sizeof(q), o->ifname));
			status = ESA_EXIT_ERR;
			break;
		}
		tprint_row(&pr, &d, o->interval_ms, time(NULL));
		link_table_free(&prev);
		prev = cur;
		memset(&cur, 0, sizeof(cur));
		if (ferror(stdout))
			break;
	}
	link_table_free(&prev);
	link_table_free(&cur);
	return status;
}
