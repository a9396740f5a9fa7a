/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_pcap_settings.c - libFuzzer harness for esa-pcap's settings and state file parsers:
 * a file accepted is written back and read again to the same values; a refusal changes nothing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../bin/esa-pcap/epcap.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
settings_case(const char *buf, size_t size)
{
	struct settings s, before, again;
	char err[256], *text = NULL;
	size_t len = 0;
	FILE *f;

	settings_default(&s);
	before = s;
	if (settings_parse(buf, size, &s, err, sizeof(err)) < 0) {
		CHECK(memcmp(&s, &before, sizeof(s)) == 0);
		CHECK(strncmp(err, "line ", 5) == 0);
		return;
	}
	CHECK((f = open_memstream(&text, &len)) != NULL);
	settings_write(&s, f);
	CHECK(fclose(f) == 0);
	settings_default(&again);
	CHECK(settings_parse(text, len, &again, err, sizeof(err)) == 0);
	CHECK(memcmp(&s, &again, sizeof(s)) == 0);
	free(text);
}

static void
state_case(const char *buf, size_t size)
{
	struct state st, again;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (state_parse(buf, size, &st) < 0)
		return;
	CHECK(st.file[0] == '\0' || name_is_capture(st.file));
	CHECK((f = open_memstream(&text, &len)) != NULL);
	state_write(&st, f);
	CHECK(fclose(f) == 0);
	CHECK(state_parse(text, len, &again) == 0);
	/* the message is free text cut to its buffer; everything else round-trips */
	CHECK(again.pid == st.pid && again.size == st.size && again.packets == st.packets &&
	    again.not_written == st.not_written &&
	    again.end == st.end && strcmp(again.file, st.file) == 0 &&
	    memcmp(&again.set, &st.set, sizeof(st.set)) == 0);
	free(text);
}

/* The first byte picks the parser: 'T' the state file, anything else the settings file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p;

	if (size == 0)
		return 0;
	if ((p = malloc(size - 1 ? size - 1 : 1)) == NULL)
		abort();
	memcpy(p, data + 1, size - 1);
	if (data[0] != 'T')
		settings_case(p, size - 1);
	else
		state_case(p, size - 1);
	free(p);
	return 0;
}
