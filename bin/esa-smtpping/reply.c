/* SPDX-License-Identifier: BSD-2-Clause */
/* reply.c - SMTP replies read from a server's bytes: a pure parser with hard limits. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "smtpping.h"

/* The three-digit code at P (N bytes of the line), or -1. */
static int
line_code(const char *p, size_t n)
{
	if (n < 3 || p[0] < '2' || p[0] > '5' || !isdigit((unsigned char)p[1]) ||
	    !isdigit((unsigned char)p[2]))
		return -1;
	/* after the code: '-', ' ', or nothing (RFC 5321 4.2: clients accept "220") */
	if (n > 3 && p[3] != '-' && p[3] != ' ')
		return -1;
	return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

static enum reply_status
bad(struct reply *r, const char *why)
{
	r->why = why;
	return REPLY_BAD;
}

enum reply_status
reply_parse(const char *buf, size_t len, struct reply *r)
{
	size_t off = 0;

	memset(r, 0, sizeof(*r));
	while (off < len) {
		size_t room = len - off, n, end;
		const char *lf = memchr(buf + off, '\n', room);
		int code;

		if (lf == NULL) {
			/* an incomplete line: refused as soon as it is too long */
			if (room > REPLY_MAX_LINE)
				return bad(r, "reply line too long");
			if (memchr(buf + off, '\0', room) != NULL)
				return bad(r, "NUL byte in the reply");
			if (off + room > REPLY_MAX_BYTES)
				return bad(r, "reply too long");
			return REPLY_MORE;
		}
		end = (size_t)(lf - buf) + 1;
		n = end - off - 1;
		if (n > 0 && buf[off + n - 1] == '\r')
			n--;
		if (n > REPLY_MAX_LINE)
			return bad(r, "reply line too long");
		if (end > REPLY_MAX_BYTES)
			return bad(r, "reply too long");
		if (memchr(buf + off, '\0', n) != NULL)
			return bad(r, "NUL byte in the reply");
		if ((code = line_code(buf + off, n)) < 0)
			return bad(r, "not an SMTP reply line");
		if (r->lines == 0) {
			r->code = code;
			r->text_off = off + (n > 3 ? 4 : 3);
			r->text_len = n > 3 ? n - 4 : 0;
		} else if (code != r->code) {
			return bad(r, "the lines of a reply carry different codes");
		}
		r->lines++;
		if (n == 3 || buf[off + 3] == ' ') {
			r->len = end;
			return REPLY_DONE;
		}
		off = end;
	}
	return REPLY_MORE;
}

bool
reply_line(const char *buf, const struct reply *r, size_t *off, const char **text,
    size_t *tlen)
{
	const char *lf;
	size_t n;

	if (*off >= r->len)
		return false;
	lf = memchr(buf + *off, '\n', r->len - *off);
	if (lf == NULL)
		return false;	/* not a parsed reply */
	n = (size_t)(lf - (buf + *off));
	if (n > 0 && buf[*off + n - 1] == '\r')
		n--;
	*text = buf + *off + (n > 3 ? 4 : 3);
	*tlen = n > 3 ? n - 4 : 0;
	*off = (size_t)(lf - buf) + 1;
	return true;
}

bool
reply_has_ext(const char *buf, const struct reply *r, const char *kw)
{
	size_t off = 0, tlen, k = strlen(kw);
	const char *t;
	bool first = true;

	while (reply_line(buf, r, &off, &t, &tlen)) {
		/* the first line is the greeting, the others one extension each */
		if (!first && tlen >= k && strncasecmp(t, kw, k) == 0 &&
		    (tlen == k || t[k] == ' '))
			return true;
		first = false;
	}
	return false;
}
