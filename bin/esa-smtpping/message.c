/* SPDX-License-Identifier: BSD-2-Clause */
/* message.c - the message sent after DATA: the built-in test message (-d) or a file
 * (-D) made safe for the wire (CRLF line ends, dot-stuffing, the final dot). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "esa.h"
#include "smtpping.h"

size_t
message_build(char *buf, size_t size, const char *from, const char *rcpt,
    const char *helo, unsigned int seq, time_t when)
{
	char date[64];
	struct tm tm;
	int n;

	gmtime_r(&when, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	/* every line is ours and none starts with a dot: no stuffing needed */
	n = snprintf(buf, size,
	    "Date: %s\r\n"
	    "Message-ID: <esa-smtpping.%lld.%u@%s>\r\n"
	    "From: <%s>\r\n"
	    "To: <%s>\r\n"
	    "Subject: esa-smtpping test message from %s\r\n"
	    "\r\n"
	    "This message was sent by esa-smtpping to test the mail path from %s.\r\n"
	    ".\r\n",
	    date, (long long)when, seq, helo, from[0] != '\0' ? from : "postmaster", rcpt,
	    helo, helo);
	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

char *
message_stuff(const char *in, size_t len, size_t *outlen)
{
	/* worst case: every byte a bare LF (2 bytes) or a dot at a line start (2) */
	char *out = xmalloc(len * 2 + 8), *p = out;
	bool bol = true;

	for (size_t i = 0; i < len; i++) {
		char ch = in[i];

		if (bol && ch == '.')
			*p++ = '.';
		bol = false;
		if (ch == '\n') {
			/* a bare LF or CR LF both become CR LF */
			if (p == out || p[-1] != '\r')
				*p++ = '\r';
			bol = true;
		} else if (ch == '\r' && i + 1 < len && in[i + 1] == '\n') {
			*p++ = '\r';
			*p++ = '\n';
			i++;
			bol = true;
			continue;
		} else if (ch == '\r') {
			/* a bare CR is no line end in SMTP: sent as CR LF so it cannot hide a dot */
			*p++ = '\r';
			ch = '\n';
			bol = true;
		}
		*p++ = ch;
	}
	if (!bol) {
		*p++ = '\r';
		*p++ = '\n';
	}
	memcpy(p, ".\r\n", 3);
	p += 3;
	*outlen = (size_t)(p - out);
	return out;
}
