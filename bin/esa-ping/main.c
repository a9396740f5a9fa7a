/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-ping and esa-ping6: the appliance's ping, FreeBSD's output, on Linux. */
#include <err.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "esa.h"
#include "front.h"
#include "run.h"
#include "text.h"

/* Everything the command line names, looked up before the socket is opened. */
struct target {
	struct addr dst, src;
	unsigned int scope_id;
	char ifname[IFNAMSIZ];
};

/* The host operand, -S and -I: 0, or -1 after a message. */
static int
resolve(struct opts *o, struct target *t)
{
	int flags = o->numeric ? ADDR_NUMERIC : 0;
	const char *why;
	char q[TEXT_QUOTE_SIZE];

	/* a name with both kinds of address is pinged over IPv4, as FreeBSD's ping */
	if ((o->family != AF_UNSPEC || addr_parse(o->host, AF_INET, flags, &t->dst, &why) < 0) &&
	    addr_parse(o->host, o->family, flags, &t->dst, &why) < 0) {
		warnx("cannot resolve %s: %s", text_quote(q, sizeof(q), o->host), why);
		return -1;
	}
	if (t->dst.scope != NULL && (t->scope_id = if_nametoindex(t->dst.scope)) == 0) {
		warnx("%s: no such interface", text_quote(q, sizeof(q), t->dst.scope));
		return -1;
	}
	if (o->source != NULL &&
	    addr_parse(o->source, t->dst.family, ADDR_NUMERIC, &t->src, &why) < 0) {
		warnx("-S: %s: %s", why, text_quote(q, sizeof(q), o->source));
		return -1;
	}
	if (o->ifname != NULL && front_interface(NULL, NULL, o->ifname, t->ifname) == 0)
		return -1;
	if (o->datalen < 0)
		o->datalen = t->dst.family == AF_INET6 ? PING_DATALEN6 : PING_DATALEN4;
	if (t->dst.family == AF_INET && o->datalen > PING_MAXDATA4) {
		warnx("-s: too large for IPv4 (at most %d): %lld", PING_MAXDATA4,
		    (long long)o->datalen);
		return -1;
	}
	return 0;
}

/* What the printers and the parser need, from the options and the open socket. */
static void
ping_init(struct ping *p, const struct opts *o, struct ping_sock *s, const struct target *t)
{
	struct run_info *ri = &p->ri;

	p->o = o;
	p->s = s;
	p->datalen = (size_t)o->datalen;
	ri->host = o->host;
	addr_ip(ri->addr, sizeof(ri->addr), t->dst.family, t->dst.u.bytes, t->dst.scope);
	addr_ip(ri->src, sizeof(ri->src), s->src.family, s->src.u.bytes, NULL);
	ri->src_given = o->source != NULL;
	ri->family = t->dst.family;
	ri->datalen = p->datalen;
	/* FreeBSD times replies only when the payload holds its timestamp; ours: the cookie */
	ri->timing = p->datalen >= PING_COOKIE_LEN;
	ri->json = o->json;
	ri->quiet = o->quiet;
	ri->verbose = o->verbose;
	ri->numeric = o->numeric;
	ri->socket_kind = s->raw ? "raw" : "datagram";
	p->ctx.shape = t->dst.family == AF_INET6 ? SHAPE_ICMP6 : s->raw ? SHAPE_IP4 : SHAPE_ICMP4;
	p->ctx.check_id = s->raw;
	p->ctx.id = s->id;
	p->ctx.dst = t->dst;
	p->ctx.any_from = s->group;
	p->ctx.datalen = p->datalen;
	p->rsize = 65536 + 60;	/* the largest IP datagram with its header */
	p->rbuf = xmalloc(p->rsize);
	pstats_init(&p->st);
}

/*
 * What needs privilege: the host resolved with no capability in effect (the resolver
 * reads DNS replies from the network), then the socket opened. Exits after a message
 * when a step fails.
 */
static void
acquire(struct opts *o, struct target *t, struct ping_sock *s)
{
	struct sock_conf sc;
	char why[TEXT_QUOTE_SIZE + 128];

	if (ping_priv_limit(why, sizeof(why)) < 0)
		errx(ESA_EXIT_ERR, "%s", why);
	if (resolve(o, t) < 0)
		exit(ESA_EXIT_ERR);
	/* iputils' rule: a user may not ping more often than every 0.2 s */
	if (o->interval_ms < PING_MIN_USER_INTERVAL_MS && !ping_priv_fast())
		errx(ESA_EXIT_ERR, "-i: an interval below 0.2 s needs root or CAP_NET_RAW");
	sc = (struct sock_conf){ &t->dst, t->scope_id, o->ifname ? t->ifname : NULL,
		o->source ? &t->src : NULL, o->ttl, o->dontfrag };
	if (ping_sock_open(s, &sc, why, sizeof(why)) < 0)
		errx(ESA_EXIT_ERR, "%s", why);
}

int
main(int argc, char **argv)
{
	struct target t = { 0 };
	struct ping p = { 0 };
	struct ping_sock s = { .fd = -1 };
	struct opts o;
	char why[TEXT_QUOTE_SIZE + 128];
	static const struct front front = { .name = "esa-ping", .usage = ping_opts_usage };
	int status = ESA_EXIT_ERR;

	front_start(&front);
	front_parsed(ping_opts_parse(argc, argv, &o, why, sizeof(why)), why);
	acquire(&o, &t, &s);
	/* the socket is all the privilege needed: nothing reads the network before this */
	if (ping_priv_drop(why, sizeof(why)) < 0) {
		warnx("%s", why);
		goto out;
	}
	ping_init(&p, &o, &s, &t);
	if (ping_payload(&p) < 0) {
		warn("getrandom");
		goto out;
	}
	/* a streaming tool: each line leaves when it is complete */
	setvbuf(stdout, NULL, _IOLBF, 0);
	/*
	 * The appliance's first line, for a person at a terminal: on standard error,
	 * so that what a script reads is FreeBSD's output alone, and never when the
	 * output goes to a file or a pipe.
	 */
	if (isatty(STDOUT_FILENO))
		fputs("Press Ctrl-C to stop.\n", stderr);
	status = ping_run(&p);
out:
	pstats_free(&p.st);
	free(p.payload);
	free(p.rbuf);
	if (s.fd >= 0)
		close(s.fd);
	return front_close_stdout(status);
}
