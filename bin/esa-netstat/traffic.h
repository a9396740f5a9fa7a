/* SPDX-License-Identifier: BSD-2-Clause */
/* traffic.h - the live traffic view: counter deltas per interval, and their printers. */
#ifndef ESA_NETSTAT_TRAFFIC_H
#define ESA_NETSTAT_TRAFFIC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "json.h"
#include "link.h"

/* The counters FreeBSD's `netstat -w` shows, from IFLA_STATS64. */
struct tcount {
	uint64_t ipackets, ierrs, idrops, ibytes;
	uint64_t opackets, oerrs, obytes, colls, odrops;
};

/* FreeBSD prints the two banner lines again after this many rows. */
#define TRAFFIC_BANNER_ROWS 21

void traffic_counts(const struct link *l, struct tcount *c);
/* CUR - PREV per counter; a counter that went backwards (a reset) gives CUR. */
void traffic_delta(const struct tcount *prev, const struct tcount *cur, struct tcount *d);
/*
 * The change from PREV to CUR (link tables sorted by index) of link IFINDEX, or of
 * all links summed when IFINDEX is 0: a link only in CUR (new) counts all its
 * counters, a link only in PREV (gone) counts nothing. Returns 0, or -1 when
 * IFINDEX is not in CUR (the interface disappeared).
 */
int traffic_interval(const struct link_table *prev, const struct link_table *cur,
    unsigned int ifindex, struct tcount *d);
/* Whether the banner comes again before the row printed after ROWS rows. */
bool traffic_banner_due(uint64_t rows);

/* The printers: FreeBSD's `netstat -w` text, or one JSON object per interval. */
struct tprinter {
	FILE *out;
	bool json;
	bool drops;		/* -d: the drops column */
	const char *alias;	/* the interface's alias (JSON), NULL if none or for the total */
	const char *ifname;	/* its kernel name (banner, JSON), NULL for the total */
	uint64_t rows;
	struct json j;
};
/* Text: prints the first banner. */
void tprint_open(struct tprinter *p, FILE *out, bool json, bool drops, const char *alias,
    const char *ifname);
void tprint_banner(struct tprinter *p);
/* One interval's row (the banner first when due); NOW is the wall-clock time. */
void tprint_row(struct tprinter *p, const struct tcount *d, uint64_t interval_ms,
    time_t now);

#endif
