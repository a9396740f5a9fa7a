/* SPDX-License-Identifier: BSD-2-Clause */
/* print.c - status (appliance block or JSON) and the end-of-capture summary. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "epcap.h"
#include "json.h"
#include "text.h"

/* "12.3K", "200.0M", "512B": as the appliance's status shows a size. */
static const char *
human(char *buf, size_t size, uint64_t b)
{
	static const char units[] = "KMGT";
	double v = (double)b;
	int u = -1;

	if (b < 1024) {
		snprintf(buf, size, "%" PRIu64 "B", b);
		return buf;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	snprintf(buf, size, "%.1f%c", v, units[u]);
	return buf;
}

static const char *
hms(char *buf, size_t size, uint64_t ms)
{
	uint64_t s = ms / 1000;

	snprintf(buf, size, "%" PRIu64 "h %" PRIu64 "m %" PRIu64 "s", s / 3600, s / 60 % 60, s % 60);
	return buf;
}

static void
print_settings_text(FILE *f, const struct settings *set)
{
	char a[64], filter[EPCAP_FILTER_MAX + 512], safe[TEXT_SAFE_SIZE(sizeof(filter))];
	const char *why;

	fprintf(f, "Current Settings:\n");
	fprintf(f, "    %-24s%s\n", "Max file size:", human(a, sizeof(a), set->maxsize));
	if (set->duration_ms)
		fprintf(f, "    %-24s%s\n", "Capture Limit:", fmt_duration(a, sizeof(a), set->duration_ms));
	else
		fprintf(f, "    %-24s%s\n", "Capture Limit:", "None (Run Indefinitely)");
	if (set->ring)
		fprintf(f, "    %-24sthe newest %u files\n", "Ring:", set->ring);
	fprintf(f, "    %-24s%s\n", "Capture Interfaces:", text_safe(safe, sizeof(safe), set->iface));
	if (filter_build(set, filter, sizeof(filter), &why) < 0)
		snprintf(filter, sizeof(filter), "(invalid: %s)", why);
	fprintf(f, "    %-24s%s\n", "Capture Filter:",
	    filter[0] ? text_safe(safe, sizeof(safe), filter) : "None");
	if (set->user[0])
		fprintf(f, "    %-24s%s\n", "Capture User:", text_safe(safe, sizeof(safe), set->user));
	if (set->bufsize != EPCAP_BUFSIZE_DEFAULT)
		fprintf(f, "    %-24s%s\n", "Kernel Buffer:", human(a, sizeof(a), set->bufsize));
}

/* A setting's string, left out when it is not set (never ""). */
static void
key_set(struct json *j, const char *key, const char *s)
{
	if (s[0] != '\0')
		json_key_str(j, key, s);
}

static void
print_settings_json(struct json *j, const struct settings *set)
{
	char filter[EPCAP_FILTER_MAX + 512];
	const char *why;

	json_key(j, "settings");
	json_object_open(j);
	json_key_uint(j, "max_size_bytes", set->maxsize);
	if (set->duration_ms)
		json_key_uint(j, "duration_s", set->duration_ms / 1000);
	key_set(j, "interfaces", set->iface);
	if (filter_build(set, filter, sizeof(filter), &why) < 0)
		filter[0] = '\0';
	key_set(j, "filter", filter);
	key_set(j, "bpf", set->filter);
	key_set(j, "hosts", set->hosts);
	key_set(j, "ports", set->ports);
	if (set->ring)
		json_key_uint(j, "ring", set->ring);
	json_key_uint(j, "snaplen_bytes", set->snaplen);
	json_key_uint(j, "buffer_size_bytes", set->bufsize);
	key_set(j, "user", set->user);
	json_object_close(j);
}

/*
 * A capture's record: how it ended ("result", the words status prints) and when, the
 * end being its start and its elapsed time; the reason it failed as "error" (every
 * message a capture leaves says why it failed).
 */
static void
print_capture_json(struct json *j, const struct state *st, bool running)
{
	if (running && st->pid > 0)
		json_key_int(j, "pid", st->pid);
	if (!running)
		json_key_str(j, "result", end_text(st->end));
	key_set(j, "error", st->message);
	key_set(j, "file", st->file);
	json_key_uint(j, "size_bytes", st->size);
	json_key_uint(j, "total_size_bytes", st->total);
	json_key_uint(j, "elapsed_s", st->elapsed_ms / 1000);
	json_key_uint(j, "packets", st->packets);
	json_key_uint(j, "dropped", st->dropped);
	json_key_uint(j, "not_written", st->not_written);
	if (st->write_cap) {
		json_key_uint(j, "write_buffer_peak_bytes", st->write_peak);
		json_key_uint(j, "write_buffer_bytes", st->write_cap);
	}
	if (st->ring_blocks) {
		json_key_uint(j, "ring_blocks", st->ring_blocks);
		json_key_uint(j, "ring_blocks_free_min", st->ring_free_min);
	}
	/* 0: a capture still starting, whose first state is not written yet */
	if (st->started > 0) {
		json_key_time(j, "started_at", st->started);
		if (!running)
			json_key_time(j, "ended_at",
			    st->started + (int64_t)(st->elapsed_ms / 1000));
	}
}

static void
print_status_json(FILE *f, const struct state *st, bool running, const struct settings *set)
{
	struct json j;

	json_init(&j, f, 0);
	json_object_open(&j);
	json_key_bool(&j, "running", running);
	if (st != NULL)
		print_capture_json(&j, st, running);
	print_settings_json(&j, set);
	json_object_close(&j);
	json_end(&j);
}

/* How close the capture came to dropping: the fullest its buffers got. */
static void
print_headroom(FILE *f, const struct state *st)
{
	char a[32], b[32];

	if (st->write_cap)
		fprintf(f, "    %-24s%s of %s\n", "Write buffers, peak:",
		    human(a, sizeof(a), st->write_peak), human(b, sizeof(b), st->write_cap));
	if (st->ring_blocks)
		fprintf(f, "    %-24s%" PRIu64 " of %" PRIu64 " blocks\n", "Ring free, lowest:",
		    st->ring_free_min, st->ring_blocks);
}

void
print_status(FILE *f, const struct state *st, bool running, const struct settings *set,
    bool json)
{
	char a[64], safe[TEXT_SAFE_SIZE(256)];

	if (json) {
		print_status_json(f, st, running, set);
		return;
	}
	fprintf(f, "Capture Information:\n");
	if (running && st->pid <= 0)
		fprintf(f, "    %-24sCapture in progress (pid unverified)\n", "Status:");
	else if (running)
		fprintf(f, "    %-24sCapture in progress (pid %ld)\n", "Status:", st->pid);
	else if (st != NULL)
		fprintf(f, "    %-24sNo capture running (last capture: %s)\n", "Status:",
		    end_text(st->end));
	else
		fprintf(f, "    %-24sNo capture running\n", "Status:");
	if (st != NULL && st->message[0])
		fprintf(f, "    %-24s%s\n", "Reason:", text_safe(safe, sizeof(safe), st->message));
	if (st != NULL && st->file[0]) {
		fprintf(f, "    %-24s%s\n", "File Name:", st->file);
		fprintf(f, "    %-24s%s\n", "File Size:", human(a, sizeof(a), st->size));
		fprintf(f, "    %-24s%s\n", "Duration:", hms(a, sizeof(a), st->elapsed_ms));
		fprintf(f, "    %-24s%" PRIu64 "\n", "Packets captured:", st->packets);
		fprintf(f, "    %-24s%" PRIu64 "\n", "Packets dropped:", st->dropped);
		if (st->not_written)
			fprintf(f, "    %-24s%" PRIu64 "\n", "Packets not written:",
			    st->not_written);
		print_headroom(f, st);
	}
	fprintf(f, "\n");
	print_settings_text(f, set);
}

void
print_summary(FILE *f, const struct state *st)
{
	char a[64], b[32], safe[TEXT_SAFE_SIZE(256)];

	fprintf(f, "Capture ended: %s\n", end_text(st->end));
	if (st->message[0])
		fprintf(f, "Reason: %s\n", text_safe(safe, sizeof(safe), st->message));
	fprintf(f, "File: %s\n", st->file);
	fprintf(f, "Size: %" PRIu64 " bytes\n", st->size);
	fprintf(f, "Duration: %s\n", hms(a, sizeof(a), st->elapsed_ms));
	if (st->write_cap)
		fprintf(f, "Write buffers, peak: %s of %s\n", human(a, sizeof(a), st->write_peak),
		    human(b, sizeof(b), st->write_cap));
	if (st->ring_blocks)
		fprintf(f, "Ring free, lowest: %" PRIu64 " of %" PRIu64 " blocks\n",
		    st->ring_free_min, st->ring_blocks);
	fprintf(f, "%" PRIu64 " packets captured\n", st->packets);
	if (st->not_written)
		fprintf(f, "%" PRIu64 " packets read but not written\n", st->not_written);
	fprintf(f, "%" PRIu64 " packets dropped by kernel\n", st->dropped);
}
