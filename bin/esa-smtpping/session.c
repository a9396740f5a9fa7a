/* SPDX-License-Identifier: BSD-2-Clause */
/* session.c - one SMTP transaction, step by step, each step bounded by -w. */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "smtpping.h"

static const char *const names[STEP_COUNT] = {
	"connect", "banner", "EHLO", "HELO", "STARTTLS", "TLS", "EHLO", "MAIL FROM",
	"RCPT TO", "DATA", "message", "RSET", "QUIT",
};
static const char *const keys[STEP_COUNT] = {
	"connect", "banner", "ehlo", "helo", "starttls", "tls", "ehlo_tls", "mail_from",
	"rcpt_to", "data", "message", "rset", "quit",
};

const char *step_name(enum step s) { return names[s]; }
const char *step_key(enum step s) { return keys[s]; }

const char *
conn_strerror(enum conn_err e)
{
	switch (e) {
	case CONN_OK: return "ok";
	case CONN_TIMEOUT: return "timed out";
	case CONN_CLOSED: return "connection closed by the server";
	case CONN_SYS: return strerror(errno);
	case CONN_BAD: return "not an SMTP reply";
	case CONN_EARLY: return "the server spoke before the command";
	case CONN_INTR: return "interrupted";
	case CONN_TLS: return "TLS failed";
	}
	return "?";
}

/* The state of one transaction while it runs. */
struct run {
	struct session *s;
	struct txn *t;
	struct conn *c;
	struct reply r;
	const char *host;	/* the name the TLS certificate must carry */
	bool host_numeric;
	bool ehlo;		/* EHLO was accepted (not HELO) */
};

/* Ends the transaction at STEP: FAILED with WHY, or REFUSED with the reply's line. */
static void
fail(struct run *x, enum step step, enum result res, const char *why)
{
	struct txn *t = x->t;

	t->result = res;
	t->failed = step;
	t->code = res == RESULT_REFUSED ? x->r.code : 0;
	if (res == RESULT_REFUSED) {
		size_t n = x->r.text_len < sizeof(t->text) - 1 ? x->r.text_len :
		    sizeof(t->text) - 1;

		memcpy(t->text, x->c->buf + x->r.text_off, n);
		t->text[n] = '\0';
	} else {
		snprintf(t->text, sizeof(t->text), "%s", why);
	}
	if (smtp_stop)
		t->stopped = true;
}

static void
report(struct run *x, enum step step, const char *sent, double t0, enum conn_err e,
    const char *why)
{
	struct step_event ev = { .seq = x->t->seq, .step = step, .sent = sent,
		.time_ms = now_ms() - t0 };

	if (e == CONN_OK) {
		ev.code = x->r.code;
		ev.buf = x->c->buf;
		ev.r = &x->r;
	} else {
		ev.error = why != NULL ? why : e == CONN_BAD ? x->r.why : conn_strerror(e);
	}
	if (x->s->on_step != NULL)
		x->s->on_step(&ev, x->s->arg);
}

/*
 * Sends CMD (with CRLF; NULL sends nothing and reads the banner) and reads the reply.
 * true when it came and is positive (2xx, or 3xx where WANT3 says so); otherwise the
 * transaction has ended at STEP.
 */
static bool
step(struct run *x, enum step st, const char *cmd, bool want3)
{
	double t0 = now_ms(), deadline = t0 + (double)x->s->o->timeout_ms;
	char line[600];
	enum conn_err e = CONN_OK;
	size_t n = 0;

	if (cmd != NULL) {
		n = (size_t)snprintf(line, sizeof(line), "%s\r\n", cmd);
		e = conn_send(x->c, line, n, deadline);
	}
	if (e == CONN_OK)
		e = conn_reply(x->c, &x->r, deadline);
	report(x, st, cmd, t0, e, NULL);
	if (st == STEP_BANNER && e == CONN_OK) {
		x->t->banner_ms = now_ms() - t0;
		x->t->has_banner = true;
	}
	if (e != CONN_OK) {
		fail(x, st, RESULT_FAILED, e == CONN_BAD ? x->r.why : conn_strerror(e));
		return false;
	}
	if (x->r.code / 100 == 2 || (want3 && x->r.code / 100 == 3))
		return true;
	fail(x, st, RESULT_REFUSED, NULL);
	return false;
}

/* The TLS handshake and its verification (refused for a bad certificate unless -k). */
static bool
step_tls(struct run *x)
{
	double t0 = now_ms(), deadline = t0 + (double)x->s->o->timeout_ms;
	struct tls_info ti;
	struct step_event ev = { .seq = x->t->seq, .step = STEP_TLS, .tls = &ti };
	char why[300];
	enum conn_err e;

	e = conn_tls(x->c, x->s->tls_ctx, x->host, x->host_numeric, &ti, deadline, why,
	    sizeof(why));
	ev.time_ms = now_ms() - t0;
	if (e != CONN_OK) {
		if (e != CONN_TLS)
			snprintf(why, sizeof(why), "%s", conn_strerror(e));
		ev.error = why;
		ev.tls = NULL;
	} else if (!ti.verified && !x->s->o->insecure) {
		snprintf(why, sizeof(why), "certificate not verified: %s", ti.verify);
		ev.error = why;
	}
	if (x->s->on_step != NULL)
		x->s->on_step(&ev, x->s->arg);
	if (ev.error == NULL)
		return true;
	fail(x, STEP_TLS, RESULT_FAILED, why);
	return false;
}

/* EHLO, else HELO once when EHLO is refused as unknown (5xx). */
static bool
greet(struct run *x, enum step st)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "EHLO %s", x->s->helo);
	if ((x->ehlo = step(x, st, cmd, false)))
		return true;
	if (st != STEP_EHLO || x->t->result != RESULT_REFUSED || x->r.code / 100 != 5)
		return false;
	x->t->result = RESULT_ACCEPTED;
	snprintf(cmd, sizeof(cmd), "HELO %s", x->s->helo);
	return step(x, STEP_HELO, cmd, false);
}

/* STARTTLS (-S): it must be offered; then the handshake and EHLO again. */
static bool
starttls(struct run *x, bool ehlo)
{
	if (!ehlo || !reply_has_ext(x->c->buf, &x->r, "STARTTLS")) {
		struct step_event ev = { .seq = x->t->seq, .step = STEP_STARTTLS,
			.error = "STARTTLS not offered by the server" };

		if (x->s->on_step != NULL)
			x->s->on_step(&ev, x->s->arg);
		fail(x, STEP_STARTTLS, RESULT_FAILED, ev.error);
		/* the server answered, and said no: refused, not broken (exit 1) */
		x->t->result = RESULT_REFUSED;
		return false;
	}
	return step(x, STEP_STARTTLS, "STARTTLS", false) && step_tls(x) &&
	    greet(x, STEP_EHLO_TLS);
}

/* DATA, the message, and the final dot. */
static bool
data(struct run *x)
{
	double t0, deadline;
	char buf[2048];
	const char *msg = x->s->message;
	size_t len = x->s->message_len;
	enum conn_err e;

	if (!step(x, STEP_DATA, "DATA", true))
		return false;
	if (x->r.code != 354) {
		fail(x, STEP_DATA, RESULT_REFUSED, NULL);
		return false;
	}
	if (msg == NULL) {
		len = message_build(buf, sizeof(buf), x->s->from, x->s->rcpt, x->s->helo,
		    x->t->seq, time(NULL));
		msg = buf;
	}
	t0 = now_ms();
	deadline = t0 + (double)x->s->o->timeout_ms;
	e = conn_send(x->c, msg, len, deadline);
	if (e == CONN_OK)
		e = conn_reply(x->c, &x->r, deadline);
	report(x, STEP_MESSAGE, ".", t0, e, NULL);
	if (e != CONN_OK) {
		fail(x, STEP_MESSAGE, RESULT_FAILED, e == CONN_BAD ? x->r.why : conn_strerror(e));
		return false;
	}
	if (x->r.code / 100 == 2)
		return true;
	fail(x, STEP_MESSAGE, RESULT_REFUSED, NULL);
	return false;
}

/* The conversation on a connected socket, QUIT included. */
static void
converse(struct run *x)
{
	const struct opts *o = x->s->o;
	char cmd[600];
	bool ok;

	ok = (!o->tls || step_tls(x)) && step(x, STEP_BANNER, NULL, false) &&
	    greet(x, STEP_EHLO);
	if (ok && o->starttls)
		ok = starttls(x, x->ehlo);
	if (ok) {
		snprintf(cmd, sizeof(cmd), "MAIL FROM:<%s>", x->s->from);
		ok = step(x, STEP_MAIL, cmd, false);
	}
	if (ok) {
		snprintf(cmd, sizeof(cmd), "RCPT TO:<%s>", x->s->rcpt);
		ok = step(x, STEP_RCPT, cmd, false);
	}
	if (ok && o->data)
		ok = data(x);
	if (ok && !o->data) {
		/* nothing was sent: RSET leaves the server no half transaction */
		struct txn keep = *x->t;

		step(x, STEP_RSET, "RSET", false);
		*x->t = keep;
	}
	/*
	 * QUIT ends a conversation the server still holds; its answer decides nothing.
	 * After a failure (no answer, bad bytes, a bad certificate) the connection is
	 * just closed: a server that stalled would stall a QUIT too.
	 */
	if (x->t->result != RESULT_FAILED && !smtp_stop) {
		struct txn keep = *x->t;

		step(x, STEP_QUIT, "QUIT", false);
		*x->t = keep;
	}
}

/* The source address for family F (NULL: the kernel's choice); false when -I or -s
 * has none of that family. */
static bool
source_for(const struct session *s, int f, const struct sockaddr **sa, socklen_t *len)
{
	*sa = NULL;
	*len = 0;
	if (f == AF_INET6 && s->have_src6) {
		*sa = (const struct sockaddr *)&s->src6;
		*len = sizeof(struct sockaddr_in6);
	} else if (f == AF_INET && s->have_src4) {
		*sa = (const struct sockaddr *)&s->src4;
		*len = sizeof(struct sockaddr_in);
	}
	return *sa != NULL || !s->src_given;
}

/* One address of target TG: connects and reports the connect step. */
static bool
try_address(struct run *x, const struct target *tg, const struct addrinfo *ai, char *why,
    size_t whysize)
{
	struct session *s = x->s;
	struct step_event ev = { .seq = x->t->seq, .step = STEP_CONNECT };
	const struct sockaddr *src;
	double t0 = now_ms();
	char port[8];
	socklen_t srclen;
	enum conn_err e;

	snprintf(x->t->address, sizeof(x->t->address), "?");
	getnameinfo(ai->ai_addr, ai->ai_addrlen, x->t->address, sizeof(x->t->address), port,
	    sizeof(port), NI_NUMERICHOST | NI_NUMERICSERV);
	ev.address = x->t->address;
	if (!source_for(s, ai->ai_family, &src, &srclen)) {
		snprintf(why, whysize, "%s has no %s address", s->src_what,
		    ai->ai_family == AF_INET6 ? "IPv6" : "IPv4");
		e = CONN_SYS;
	} else {
		conn_close(x->c);
		e = conn_connect(x->c, ai->ai_addr, ai->ai_addrlen, src, srclen,
		    t0 + (double)s->o->timeout_ms);
		snprintf(why, whysize, "%s", conn_strerror(e));
	}
	ev.time_ms = now_ms() - t0;
	if (e == CONN_OK) {
		x->t->connect_ms = ev.time_ms;
		x->host = tg->name;
		/* an address given as the target: the certificate must name the address */
		x->host_numeric = strcmp(x->t->address, tg->name) == 0;
	} else {
		ev.error = why;
	}
	if (s->on_step != NULL)
		s->on_step(&ev, s->arg);
	return e == CONN_OK;
}

/* Connects to the first address of the targets that answers; false when none does. */
static bool
connect_any(struct run *x)
{
	struct session *s = x->s;
	char why[300];

	snprintf(why, sizeof(why), "%s", conn_strerror(CONN_INTR));
	for (size_t i = 0; i < s->ntargets && !smtp_stop; i++)
		for (const struct addrinfo *ai = s->targets[i].ai; ai != NULL && !smtp_stop;
		    ai = ai->ai_next)
			if (try_address(x, &s->targets[i], ai, why, sizeof(why)))
				return true;
	fail(x, STEP_CONNECT, RESULT_FAILED, why);
	return false;
}

void
session_run(struct session *s, unsigned int seq, struct txn *t)
{
	static struct conn c;	/* 64 KiB of buffer: not on the stack */
	struct run x = { .s = s, .t = t, .c = &c };
	double start = now_ms();

	memset(t, 0, sizeof(*t));
	t->seq = seq;
	t->result = RESULT_ACCEPTED;
	conn_init(&c);
	if (connect_any(&x))
		converse(&x);
	conn_close(&c);
	t->time_ms = now_ms() - start;
	if (smtp_stop)
		t->stopped = true;
}
