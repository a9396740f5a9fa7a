/* SPDX-License-Identifier: BSD-2-Clause */
/* print.c - esa-smtpping's two printers, text and JSON Lines, of the same events. */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "smtpping.h"
#include "text.h"

static const char *const results[] = { "accepted", "refused", "failed" };

/*
 * The first MAX (at most PRINT_MAX) of LEN outside bytes, escaped by text_safe()
 * (control bytes and bidirectional controls alike) and copied to BUF; " [...]" ends
 * them when the server sent more than is shown. Returns BUF.
 */
const char *
print_safe(char *buf, size_t size, const char *s, size_t len, size_t max)
{
	char tmp[PRINT_MAX + 1];
	const char *t;
	size_t n = len < max ? len : max;

	if (n > PRINT_MAX)
		n = PRINT_MAX;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	/* text_safe() returns TMP itself when nothing needed escaping */
	if ((t = text_safe(buf, size, tmp)) != buf)
		snprintf(buf, size, "%s", t);
	/* the marker says the server sent more than is shown */
	if (n < len && strlen(buf) + 6 < size)
		strcat(buf, " [...]");
	return buf;
}

/* An outside string (a certificate's name, a host name) escaped and cut. */
static const char *
safe(char *buf, size_t size, const char *s)
{
	return print_safe(buf, size, s, strlen(s), PRINT_MAX);
}

/* A reply's first line, "CODE text", escaped. */
static const char *
first_line(char *buf, size_t size, const char *b, const struct reply *r)
{
	char t[TEXT_SAFE_SIZE(PRINT_MAX) + 8];
	int n;

	print_safe(t, sizeof(t), b + r->text_off, r->text_len, PRINT_MAX);
	n = snprintf(buf, size, "%d%s%s", r->code, r->text_len ? " " : "", t);
	(void)n;
	return buf;
}

/*
 * -M -l, a listing: one document, an array of the hosts. -M before the
 * transactions: JSON Lines, a record of type "mx" a host.
 */
static void
json_mx(struct printer *p, const char *domain, const struct mx_list *l)
{
	struct json j;

	if (p->o->mx_list) {
		json_init(&j, p->out, 0);
		json_array_open(&j);
	}
	for (size_t i = 0; i < l->n; i++) {
		if (!p->o->mx_list)
			json_init(&j, p->out, 0);
		json_object_open(&j);
		if (!p->o->mx_list)
			json_key_str(&j, "type", "mx");
		json_key_str(&j, "domain", domain);
		json_key_uint(&j, "preference", l->mx[i].pref);
		json_key_str(&j, "host", l->mx[i].name);
		json_object_close(&j);
		if (!p->o->mx_list)
			json_end(&j);
	}
	if (p->o->mx_list) {
		json_array_close(&j);
		json_end(&j);
	}
}

void
print_mx(struct printer *p, const char *domain, const struct mx_list *l)
{
	char s[TEXT_SAFE_SIZE(PRINT_MAX) + 8];

	if (p->o->json) {
		json_mx(p, domain, l);
		return;
	}
	if (p->o->quiet)
		return;
	fprintf(p->out, "MX hosts of %s:\n", safe(s, sizeof(s), domain));
	if (l->n == 0)
		fprintf(p->out, "  (none: the domain's own address, RFC 5321 5.1)\n");
	for (size_t i = 0; i < l->n; i++)
		fprintf(p->out, "  %5u %s\n", l->mx[i].pref, safe(s, sizeof(s), l->mx[i].name));
}

void
print_start(struct printer *p)
{
	char s[TEXT_SAFE_SIZE(PRINT_MAX) + 8];

	if (p->o->json || p->o->quiet)
		return;
	fprintf(p->out, "SMTPPING %s port %u\n", safe(s, sizeof(s), p->target),
	    (unsigned int)p->port);
}

/* -v: what was sent, and every line of the reply. */
static void
text_verbose(struct printer *p, const struct step_event *e)
{
	char s[TEXT_SAFE_SIZE(PRINT_MAX) + 8];
	size_t off = 0, tlen;
	const char *t;

	if (e->step == STEP_MESSAGE)
		fprintf(p->out, "-> (%s)\n", p->o->msgfile != NULL ? "the message file" :
		    "the test message");
	if (e->sent != NULL)
		fprintf(p->out, "-> %s\n", print_safe(s, sizeof(s), e->sent,
		    strlen(e->sent), PRINT_MAX));
	if (e->r == NULL)
		return;
	for (size_t i = 0; reply_line(e->buf, e->r, &off, &t, &tlen); i++)
		fprintf(p->out, "<- %d%c%s\n", e->code, i + 1 < e->r->lines ? '-' : ' ',
		    print_safe(s, sizeof(s), t, tlen, PRINT_MAX));
}

static void
text_tls(struct printer *p, const struct tls_info *t)
{
	char s[TEXT_SAFE_SIZE(PRINT_MAX) + 8];

	fprintf(p->out, "           certificate subject: %s\n", safe(s, sizeof(s), t->subject));
	fprintf(p->out, "           certificate issuer: %s\n", safe(s, sizeof(s), t->issuer));
	fprintf(p->out, "           certificate expires: %s\n", safe(s, sizeof(s), t->not_after));
	fprintf(p->out, "           verification: %s%s\n", safe(s, sizeof(s), t->verify),
	    t->verified ? "" : p->o->insecure ? " (not required: -k)" : "");
}

static void
text_step(struct printer *p, const struct step_event *e)
{
	char s[TEXT_SAFE_SIZE(PRINT_MAX) + 16];

	if (p->o->verbose)
		text_verbose(p, e);
	fprintf(p->out, "%-10s time=%.3f ms  ", step_name(e->step), e->time_ms);
	if (e->step == STEP_CONNECT)
		fprintf(p->out, "%s port %u%s", e->address, (unsigned int)p->port,
		    e->error ? ": " : "");
	if (e->r != NULL)
		fputs(first_line(s, sizeof(s), e->buf, e->r), p->out);
	else if (e->tls != NULL)
		fprintf(p->out, "%s %s", e->tls->protocol, e->tls->cipher);
	if (e->error != NULL)
		fprintf(p->out, "%s%s", e->tls != NULL ? ": " : "",
		    print_safe(s, sizeof(s), e->error, strlen(e->error), PRINT_MAX));
	fputc('\n', p->out);
	if (e->tls != NULL)
		text_tls(p, e->tls);
}

static void
json_tls(struct json *j, const struct tls_info *t)
{
	json_key_str(j, "tls_protocol", t->protocol);
	json_key_str(j, "tls_cipher", t->cipher);
	if (t->subject[0] != '\0')
		json_key_str(j, "cert_subject", t->subject);
	if (t->issuer[0] != '\0')
		json_key_str(j, "cert_issuer", t->issuer);
	if (t->has_expires)
		json_key_time(j, "cert_expires_at", t->expires);
	json_key_bool(j, "cert_verified", t->verified);
	json_key_str(j, "cert_verify", t->verify);
}

static void
json_step(struct printer *p, const struct step_event *e)
{
	struct json j;
	size_t off = 0, tlen;
	const char *t;

	json_init(&j, p->out, 0);
	json_object_open(&j);
	json_key_str(&j, "type", "step");
	json_key_uint(&j, "seq", e->seq);
	json_key_str(&j, "step", step_key(e->step));
	if (e->address != NULL) {
		json_key_str(&j, "address", e->address);
		json_key_uint(&j, "port", p->port);
	}
	if (e->sent != NULL)
		json_key_str(&j, "request", e->sent);
	json_key_double(&j, "duration_ms", e->time_ms, 3);
	if (e->r != NULL)
		json_key_int(&j, "code", e->code);
	/* a reply of a code alone ("250\r\n", RFC 5321's Reply-code [SP textstring]) has no text */
	if (e->r != NULL && e->r->text_len > 0) {
		json_key(&j, "text");
		json_strn(&j, e->buf + e->r->text_off, e->r->text_len);
		json_key(&j, "lines");
		json_array_open(&j);
		while (reply_line(e->buf, e->r, &off, &t, &tlen))
			json_strn(&j, t, tlen);
		json_array_close(&j);
	}
	if (e->tls != NULL)
		json_tls(&j, e->tls);
	if (e->error != NULL)
		json_key_str(&j, "error", e->error);
	json_object_close(&j);
	json_end(&j);
}

void
print_step(struct printer *p, const struct step_event *e)
{
	if (p->o->quiet)
		return;
	if (p->o->json)
		json_step(p, e);
	else if (p->o->count == 1 || p->o->verbose)
		text_step(p, e);
}

/* "REFUSED at RCPT TO: 554 ..." or "FAILED at banner: timed out": the outcome. */
static void
text_outcome(struct printer *p, const struct txn *t)
{
	char s[TEXT_SAFE_SIZE(PRINT_MAX) + 16];

	print_safe(s, sizeof(s), t->text, strlen(t->text), PRINT_MAX);
	if (t->result == RESULT_REFUSED && t->code != 0)
		fprintf(p->out, "REFUSED at %s: %d%s%s", step_name(t->failed), t->code,
		    t->text[0] ? " " : "", s);
	else if (t->result == RESULT_REFUSED)
		fprintf(p->out, "REFUSED at %s: %s", step_name(t->failed), s);
	else
		fprintf(p->out, "FAILED at %s: %s", step_name(t->failed), s);
}

void
print_txn(struct printer *p, const struct txn *t)
{
	struct json j;

	if (p->o->quiet)
		return;
	if (!p->o->json) {
		if (p->o->count == 1)
			return;	/* the steps and the verdict say it all */
		fprintf(p->out, "%u: ", t->seq);
		if (t->result == RESULT_ACCEPTED)
			fprintf(p->out, "accepted");
		else
			text_outcome(p, t);
		fprintf(p->out, "  connect=%.3f ms banner=%.3f ms time=%.3f ms\n",
		    t->connect_ms, t->banner_ms, t->time_ms);
		return;
	}
	json_init(&j, p->out, 0);
	json_object_open(&j);
	json_key_str(&j, "type", "transaction");
	json_key_uint(&j, "seq", t->seq);
	json_key_str(&j, "host", p->target);
	if (t->address[0])
		json_key_str(&j, "address", t->address);
	json_key_uint(&j, "port", p->port);
	json_key_str(&j, "result", results[t->result]);
	if (t->result != RESULT_ACCEPTED) {
		json_key_str(&j, "failed_step", step_key(t->failed));
		/* the server's reply when it gave one, else our words for what failed */
		if (t->code) {
			json_key_int(&j, "code", t->code);
			if (t->text[0] != '\0')
				json_key_str(&j, "text", t->text);
		} else if (t->text[0] != '\0') {
			json_key_str(&j, "error", t->text);
		}
	}
	if (t->result != RESULT_FAILED || t->failed > STEP_CONNECT)
		json_key_double(&j, "connect_ms", t->connect_ms, 3);
	if (t->has_banner)
		json_key_double(&j, "banner_ms", t->banner_ms, 3);
	json_key_double(&j, "duration_ms", t->time_ms, 3);
	json_object_close(&j);
	json_end(&j);
}

void
print_verdict(struct printer *p, const struct txn *t)
{
	char s[TEXT_SAFE_SIZE(PRINT_MAX) + 8];

	if (p->o->json || p->o->quiet || p->o->count != 1)
		return;
	if (t->result == RESULT_ACCEPTED)
		fprintf(p->out, "PASSED %s (%s): every step accepted in %.3f ms",
		    safe(s, sizeof(s), p->target), t->address, t->time_ms);
	else
		text_outcome(p, t);
	fputc('\n', p->out);
}

static void
text_series(struct printer *p, const char *what, const struct series *s)
{
	double avg, sd;

	if (s->n == 0)
		return;
	series_summary(s, &avg, &sd);
	fprintf(p->out, "%s min/avg/max/stddev = %.3f/%.3f/%.3f/%.3f ms\n", what, s->min, avg,
	    s->max, sd);
}

/*
 * A series' min_ms, avg_ms, max_ms and stddev_ms: in an object of its own under
 * KEY, or with KEY NULL in the object open (the transactions' own times, as
 * esa-ping's summary has its round trips').
 */
static void
json_series(struct json *j, const char *key, const struct series *s)
{
	double avg, sd;

	if (s->n == 0)
		return;
	series_summary(s, &avg, &sd);
	if (key != NULL) {
		json_key(j, key);
		json_object_open(j);
	}
	json_key_double(j, "min_ms", s->min, 3);
	json_key_double(j, "avg_ms", avg, 3);
	json_key_double(j, "max_ms", s->max, 3);
	json_key_double(j, "stddev_ms", sd, 3);
	if (key != NULL)
		json_object_close(j);
}

void
print_stats(struct printer *p, const struct stats *st)
{
	char s[TEXT_SAFE_SIZE(PRINT_MAX) + 8];
	struct json j;

	if (!p->o->json) {
		if (p->o->count == 1 && !p->o->quiet)
			return;
		/* FreeBSD ping's blank line between the replies and the statistics */
		if (!p->o->quiet)
			fputc('\n', p->out);
		fprintf(p->out, "--- %s smtpping statistics ---\n", safe(s, sizeof(s), p->target));
		fprintf(p->out, "%lu transactions, %lu accepted, %lu refused, %lu failed\n",
		    st->transactions, st->accepted, st->refused, st->failed);
		text_series(p, "connect", &st->connect);
		text_series(p, "banner", &st->banner);
		text_series(p, "transaction", &st->total);
		return;
	}
	json_init(&j, p->out, 0);
	json_object_open(&j);
	json_key_str(&j, "type", "summary");
	json_key_str(&j, "host", p->target);
	json_key_uint(&j, "port", p->port);
	json_key_uint(&j, "transactions", st->transactions);
	json_key_uint(&j, "accepted", st->accepted);
	json_key_uint(&j, "refused", st->refused);
	json_key_uint(&j, "failed", st->failed);
	json_series(&j, NULL, &st->total);
	json_series(&j, "connect", &st->connect);
	json_series(&j, "banner", &st->banner);
	json_object_close(&j);
	json_end(&j);
}
