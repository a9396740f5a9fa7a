/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-smtpping: the appliance's SMTPPING, step by step or as a measurement. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/ssl.h>

#include "esa.h"
#include "front.h"
#include "link.h"
#include "priv.h"
#include "smtpping.h"
#include "text.h"

/* Everything the transactions need that is looked up once. */
struct setup {
	struct session s;
	struct mx_list mx;
	char helo[256];
	char src_what[TEXT_SAFE_SIZE(64) + 8];	/* "-I NAME" or "-s ADDR", escaped */
	char *message;
	size_t nmx;
};

static void
on_signal(int sig)
{
	(void)sig;
	smtp_stop = 1;
}

/* SIGINT and SIGTERM end the run with the statistics so far; no SA_RESTART. */
static void
signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* -D: the file, a regular one of bounded size, dot-stuffed once for every transaction. */
static int
read_message(const char *path, struct setup *u)
{
	struct stat st;
	char *raw, s[TEXT_SAFE_SIZE(256)];
	ssize_t r;
	size_t got = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0) {
		warn("-D: %s", text_quote(s, sizeof(s), path));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > (off_t)SMTP_MAX_MESSAGE) {
		warnx("-D: %s: %s", text_quote(s, sizeof(s), path), S_ISREG(st.st_mode) ?
		    "larger than 16 MiB" : "not a regular file");
		close(fd);
		return -1;
	}
	raw = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size && (r = read(fd, raw + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)r;
	close(fd);
	u->message = message_stuff(raw, got, &u->s.message_len);
	u->s.message = u->message;
	free(raw);
	return 0;
}

/* The default HELO: the host's name, made fully qualified through the resolver. */
static void
default_helo(struct setup *u)
{
	struct addrinfo hints = { .ai_flags = AI_CANONNAME }, *ai = NULL;

	if (gethostname(u->helo, sizeof(u->helo) - 1) < 0 || u->helo[0] == '\0')
		snprintf(u->helo, sizeof(u->helo), "localhost");
	if (strchr(u->helo, '.') == NULL && getaddrinfo(u->helo, NULL, &hints, &ai) == 0 &&
	    ai->ai_canonname != NULL && strlen(ai->ai_canonname) < sizeof(u->helo))
		snprintf(u->helo, sizeof(u->helo), "%s", ai->ai_canonname);
	if (ai != NULL)
		freeaddrinfo(ai);
	/* a name the server could not parse would fail EHLO: then "localhost" */
	if (!smtp_domain_ok(u->helo))
		snprintf(u->helo, sizeof(u->helo), "localhost");
}

/* -I: the interface (kernel name or alias) and its first address of each family. */
static int
source_interface(const char *name, struct session *s)
{
	struct ifaddrs *ifa = NULL;
	char kname[IFNAMSIZ], q[TEXT_SAFE_SIZE(64)];
	int rc = -1, found = link_lookup(NULL, name, kname);

	/* the name last, as in -s's message (not front_interface()'s order) */
	if (found < 0)
		warn("reading the interface table");
	else if (found == 0)
		warnx("-I: %s: %s", link_strerror(errno), text_quote(q, sizeof(q), name));
	else if ((rc = getifaddrs(&ifa)) < 0)
		warn("getifaddrs");
	for (struct ifaddrs *i = ifa; rc == 0 && i != NULL; i = i->ifa_next) {
		int f = i->ifa_addr ? i->ifa_addr->sa_family : AF_UNSPEC;

		if (strcmp(i->ifa_name, kname) != 0)
			continue;
		if (f == AF_INET && !s->have_src4) {
			memcpy(&s->src4, i->ifa_addr, sizeof(struct sockaddr_in));
			s->have_src4 = true;
		} else if (f == AF_INET6 && !s->have_src6 && !IN6_IS_ADDR_LINKLOCAL(
		    &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr)) {
			memcpy(&s->src6, i->ifa_addr, sizeof(struct sockaddr_in6));
			s->have_src6 = true;
		}
	}
	if (ifa != NULL)
		freeifaddrs(ifa);
	s->src_given = true;
	return rc;
}

/* -s: a numeric address. */
static int
source_address(const char *addr, struct session *s)
{
	struct addrinfo hints = { .ai_flags = AI_NUMERICHOST }, *ai;
	char q[TEXT_SAFE_SIZE(64)], cut[65];

	snprintf(cut, sizeof(cut), "%s", addr);
	if (getaddrinfo(addr, NULL, &hints, &ai) != 0) {
		warnx("-s: not an address: %s", text_quote(q, sizeof(q), cut));
		return -1;
	}
	if (ai->ai_family == AF_INET6) {
		memcpy(&s->src6, ai->ai_addr, ai->ai_addrlen);
		s->have_src6 = true;
	} else {
		memcpy(&s->src4, ai->ai_addr, ai->ai_addrlen);
		s->have_src4 = true;
	}
	freeaddrinfo(ai);
	s->src_given = true;
	return 0;
}

/* A host's addresses, in the resolver's order; NULL after a message. */
static struct addrinfo *
addresses(const struct opts *o, const char *host, bool quiet_fail)
{
	struct addrinfo hints = { .ai_family = o->family, .ai_socktype = SOCK_STREAM,
		.ai_flags = AI_ADDRCONFIG }, *ai = NULL;
	char port[8], q[TEXT_SAFE_SIZE(256)];
	int e;

	snprintf(port, sizeof(port), "%u", (unsigned int)o->port);
	e = getaddrinfo(host, port, &hints, &ai);
	if (e == EAI_ADDRFAMILY || e == EAI_NONAME) {
		/* AI_ADDRCONFIG hides a family a namespace with only loopback lacks */
		hints.ai_flags = 0;
		e = getaddrinfo(host, port, &hints, &ai);
	}
	if (e != 0) {
		if (!quiet_fail)
			warnx("cannot resolve %s: %s", text_quote(q, sizeof(q), host),
			    gai_strerror(e));
		return NULL;
	}
	return ai;
}

/* The hosts to try: the operand, or with -M the domain's MX hosts. 0, -1 after a message. */
static int
targets(const struct opts *o, struct setup *u)
{
	struct session *s = &u->s;
	char q[TEXT_SAFE_SIZE(256)];
	const char *why;

	s->targets = xcalloc(MX_MAX + 1, sizeof(*s->targets));
	if (o->mx) {
		if (mx_lookup(o->target, &u->mx, &why) < 0) {
			warnx("%s: %s", text_quote(q, sizeof(q), o->target), why);
			return -1;
		}
		if (u->mx.null_mx) {
			warnx("%s: accepts no mail (null MX, RFC 7505)", text_quote(q, sizeof(q),
			    o->target));
			return -1;
		}
		u->nmx = u->mx.n;
	}
	if (o->mx_list)
		return 0;
	for (size_t i = 0; i < u->nmx; i++) {
		struct addrinfo *ai = addresses(o, u->mx.mx[i].name, false);

		if (ai != NULL)
			s->targets[s->ntargets++] = (struct target){ u->mx.mx[i].name, ai };
	}
	/* no MX record: the domain itself is the one MX (RFC 5321 5.1) */
	if (u->nmx == 0) {
		struct addrinfo *ai = addresses(o, o->target, false);

		if (ai != NULL)
			s->targets[s->ntargets++] = (struct target){ o->target, ai };
	}
	return s->ntargets > 0 ? 0 : -1;
}

/* Everything looked up or read before the first transaction. */
static int
acquire(const struct opts *o, struct setup *u)
{
	struct session *s = &u->s;

	s->o = o;
	if (o->msgfile != NULL && read_message(o->msgfile, u) < 0)
		return -1;
	if (o->ifname != NULL && source_interface(o->ifname, s) < 0)
		return -1;
	if (o->source != NULL && source_address(o->source, s) < 0)
		return -1;
	if (s->src_given) {
		char q[TEXT_SAFE_SIZE(64)], cut[65];

		snprintf(cut, sizeof(cut), "%s", o->ifname != NULL ? o->ifname : o->source);
		snprintf(u->src_what, sizeof(u->src_what), "-%c %s", o->ifname != NULL ? 'I' : 's',
		    text_quote(q, sizeof(q), cut));
		s->src_what = u->src_what;
	}
	if ((o->tls || o->starttls) && (s->tls_ctx = tls_context()) == NULL) {
		warnx("TLS: cannot load the system's trust store");
		return -1;
	}
	/* the default needs a lookup: not for a listing that never says EHLO */
	if (o->helo == NULL && !o->mx_list)
		default_helo(u);
	s->helo = o->helo != NULL ? o->helo : u->helo;
	snprintf(s->from, sizeof(s->from), "%s", o->from != NULL ? o->from : "");
	if (o->rcpt != NULL)
		snprintf(s->rcpt, sizeof(s->rcpt), "%s", o->rcpt);
	else if (o->mx)
		snprintf(s->rcpt, sizeof(s->rcpt), "postmaster@%s", o->target);
	else
		snprintf(s->rcpt, sizeof(s->rcpt), "postmaster");
	return targets(o, u);
}

static void
on_step(const struct step_event *e, void *arg)
{
	print_step(arg, e);
}

/* -c transactions, -i apart, until done or interrupted; the exit status. */
static int
collect(const struct opts *o, struct setup *u, struct printer *p)
{
	struct stats st = { 0 };
	struct txn t;

	u->s.on_step = on_step;
	u->s.arg = p;
	print_start(p);
	for (unsigned int seq = 1; seq <= o->count && !smtp_stop; seq++) {
		session_run(&u->s, seq, &t);
		if (t.stopped)
			break;
		stats_add(&st, &t);
		print_txn(p, &t);
		print_verdict(p, &t);
		if (seq < o->count && o->interval_ms > 0) {
			struct timespec ts = { (time_t)(o->interval_ms / 1000),
				(long)(o->interval_ms % 1000) * 1000000 };

			nanosleep(&ts, NULL);
		}
	}
	print_stats(p, &st);
	if (st.transactions > 0 && st.accepted == st.transactions)
		return ESA_EXIT_OK;
	return st.failed == st.transactions ? ESA_EXIT_ERR : ESA_EXIT_NO;
}

int
main(int argc, char **argv)
{
	struct setup u = { 0 };
	struct printer p = { .out = stdout };
	struct opts o;
	const char *step;
	char why[512];
	static const struct front front = { .name = "esa-smtpping", .usage = smtp_opts_usage };
	int status = ESA_EXIT_ERR;

	front_start(&front);
	front_parsed(smtp_opts_parse(argc, argv, &o, why, sizeof(why)), why);
	p.o = &o;
	p.target = o.target;
	p.port = o.port;
	signals();
	if (acquire(&o, &u) < 0)
		goto out;
	/* nothing here needs a privilege: every one goes before the server's bytes come */
	if (priv_drop(&step) < 0) {
		warn("%s", step);
		goto out;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (o.mx) {
		print_mx(&p, o.target, &u.mx);
		if (o.mx_list) {
			status = u.mx.n > 0 ? ESA_EXIT_OK : ESA_EXIT_NO;
			goto out;
		}
	}
	status = collect(&o, &u, &p);
out:
	for (size_t i = 0; i < u.s.ntargets; i++)
		freeaddrinfo(u.s.targets[i].ai);
	free(u.s.targets);
	free(u.message);
	if (u.s.tls_ctx != NULL)
		SSL_CTX_free(u.s.tls_ctx);
	return front_close_stdout(status);
}
