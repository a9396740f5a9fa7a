/* SPDX-License-Identifier: BSD-2-Clause */
/* names.c - capture file names (HOST-YYYYMMDD-HHMMSS[-NNN].cap), ring bookkeeping, end reasons. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "epcap.h"
#include "esa.h"

void
name_host(char *out, size_t size, const char *hostname)
{
	size_t n = 0;

	/* the short name, as the appliance's file names carry it */
	for (const char *p = hostname; *p != '\0' && *p != '.' && n + 1 < size && n < 63; p++) {
		char ch = isalnum((unsigned char)*p) ? *p : '-';

		/* a leading '-' would make a name that every command refuses (an option) */
		if (ch != '-' || n > 0)
			out[n++] = ch;
	}
	out[n] = '\0';
	if (n == 0)
		snprintf(out, size, "localhost");
}

void
name_stem(char *out, size_t size, const char *host, const struct tm *tm)
{
	snprintf(out, size, "%s-%04d%02d%02d-%02d%02d%02d", host, tm->tm_year + 1900,
	    tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec);
}

void
name_file(char *out, size_t size, const char *stem, unsigned int seq)
{
	if (seq == 0)
		snprintf(out, size, "%s.cap", stem);
	else
		snprintf(out, size, "%s-%03u.cap", stem, seq);
}

static bool
digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/*
 * HOST-YYYYMMDD-HHMMSS.cap or HOST-YYYYMMDD-HHMMSS-NNN.cap, HOST of [A-Za-z0-9-],
 * at most 128 bytes: one path component, never hidden, never "..".
 */
bool
name_is_capture(const char *name)
{
	size_t n = strlen(name), i, end;

	if (n < 4 || n > 128 || strcmp(name + n - 4, ".cap") != 0 || name[0] == '-')
		return false;
	for (i = 0; i < n - 4; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '-')
			return false;
	end = n - 4;
	/* an optional -NNN (three digits or more) of a ring */
	i = end;
	while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9')
		i--;
	if (end - i >= 3 && i >= 17 && name[i - 1] == '-' && name[i - 8] == '-' &&
	    name[i - 17] == '-' && digits(name + i - 16, 8) && digits(name + i - 7, 6))
		end = i - 1;
	/* -YYYYMMDD-HHMMSS right before it, after a host of one character or more */
	return end >= 17 && name[end - 16] == '-' && name[end - 7] == '-' &&
	    end - 16 >= 1 && digits(name + end - 15, 8) && digits(name + end - 6, 6);
}

unsigned int
ring_expired(unsigned int seq, unsigned int keep)
{
	return keep != 0 && seq > keep ? seq - keep : 0;
}

static const char *const end_names[END_COUNT_] = {
	[END_RUNNING] = "running",
	[END_STOPPED] = "stopped",
	[END_SIZE] = "size limit",
	[END_TIME] = "time limit",
	[END_DISK_FULL] = "disk full",
	[END_IFACE_GONE] = "interface gone",
	[END_IFACE_DOWN] = "interface down",
	[END_FAILED] = "failed",
	[END_KILLED] = "stopped unexpectedly",
};

const char *
end_text(enum capture_end e)
{
	return (unsigned)e < END_COUNT_ ? end_names[e] : "unknown";
}

int
end_parse(const char *s, enum capture_end *e)
{
	for (int i = 0; i < END_COUNT_; i++) {
		if (strcmp(s, end_names[i]) == 0) {
			*e = (enum capture_end)i;
			return 0;
		}
	}
	return -1;
}
