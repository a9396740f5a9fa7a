/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_smtp_reply.c - esa-smtpping's reply parser and printers on a server's byte
 * stream, split at the points a slow or hostile server would choose. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../bin/esa-smtpping/smtpping.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The parser's promises for a reply it accepted out of LEN bytes at BUF. */
static void
check(const char *buf, size_t len, const struct reply *r)
{
	size_t off = 0, tlen, lines = 0;
	const char *t;

	CHECK(r->len > 0 && r->len <= len && r->len <= REPLY_MAX_BYTES);
	CHECK(r->code >= 200 && r->code <= 599);
	CHECK(r->text_off <= r->len && r->text_len <= r->len - r->text_off);
	CHECK(buf[r->len - 1] == '\n');
	while (reply_line(buf, r, &off, &t, &tlen)) {
		CHECK(t >= buf && (size_t)(t - buf) + tlen <= r->len);
		CHECK(tlen <= REPLY_MAX_LINE);
		lines++;
	}
	CHECK(lines == r->lines);
}

/* Prints the reply as a step, in text (-v) and JSON, to /dev/null. */
static void
show(FILE *out, const char *buf, const struct reply *r)
{
	struct opts o = { .count = 1, .verbose = true };
	struct printer p = { .out = out, .o = &o, .target = "mail.example.com", .port = 25 };
	struct step_event e = { .seq = 1, .step = STEP_EHLO, .code = r->code, .buf = buf,
		.r = r, .sent = "EHLO client.example.net" };

	print_step(&p, &e);
	o.json = true;
	print_step(&p, &e);
	(void)reply_has_ext(buf, r, "STARTTLS");
}

/*
 * The first byte is the size of the pieces the stream arrives in (1 to 256 bytes);
 * the rest is the stream. Like conn_reply(), the parser sees a growing exact-size
 * copy, and each whole reply is taken off the front.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	size_t step, have = 0, start = 0;

	if (size < 1)
		return 0;
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	step = (size_t)data[0] + 1;
	data++;
	size--;
	while (have < size) {
		struct reply r;
		enum reply_status st;
		char *buf;

		have = have + step < size ? have + step : size;
		buf = malloc(have - start ? have - start : 1);
		CHECK(buf != NULL);
		memcpy(buf, data + start, have - start);
		st = reply_parse(buf, have - start, &r);
		if (st == REPLY_DONE) {
			check(buf, have - start, &r);
			show(devnull, buf, &r);
			start += r.len;
			have = start;	/* the rest is parsed again from the next reply */
		} else if (st == REPLY_BAD) {
			CHECK(r.why != NULL);
			free(buf);
			return 0;
		} else {
			/* nothing is kept while waiting beyond what the limits allow */
			CHECK(have - start <= REPLY_MAX_BYTES + step);
		}
		free(buf);
	}
	return 0;
}
