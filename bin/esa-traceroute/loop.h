/* SPDX-License-Identifier: BSD-2-Clause */
/* loop.h - esa-traceroute's event loop: probes out, replies in, hops printed in order. */
#ifndef ESA_TRACE_LOOP_H
#define ESA_TRACE_LOOP_H

#include <net/if.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "addr.h"
#include "names.h"
#include "probe.h"
#include "trace.h"

/* Everything a run holds, released in one place. */
struct run {
	struct opts o;
	struct addr dst, src;
	char dst_ip[ADDR_IP_MAX], src_ip[ADDR_IP_MAX];
	char ifname[IFNAMSIZ];
	unsigned scope_id;	/* a link-local destination's zone: %scope, else -i; or 0 */
	struct probe_sock sock;
	struct trace_key key;
	struct trace t;
	int64_t *sent_rt;	/* CLOCK_REALTIME send time of each probe, for kernel stamps */
	struct names *names;	/* reverse lookups under way, NULL with -n */
	sigset_t waitmask;	/* the mask while waiting: SIGINT and SIGTERM let in */
	long len;		/* the header's packet length */
	int werr;		/* why a line could not be written to stdout, or 0 */
};

/*
 * SIGINT and SIGTERM end the run: caught from here, blocked but while the loop waits.
 * Called before any lookup thread starts, so that the threads inherit the block.
 */
void loop_signals(struct run *r);

/*
 * The trace of a run whose socket is open and privileges dropped: the header, then
 * the hops as they complete, then the last line. ESA_EXIT_OK when the destination
 * answered, ESA_EXIT_NO when not, ESA_EXIT_ERR after a message (or with r->werr).
 */
int loop_run(struct run *r);

/* Whether a send that failed with ERR is made again (see loop.c). */
bool loop_send_again(int err);

/*
 * When the loop wakes (monotonic us): the first of DEADLINE (a probe's, or -1) and
 * REPROBE (when to send again, or -1; one not after NOW is spent), else one wait
 * (WAIT us) after NOW, when only answers or names are waited for.
 */
int64_t loop_next_wake(int64_t deadline, int64_t reprobe, int64_t now, int64_t wait);

/* The ppoll() timeout from NOW to NEXT (us): 0 when NEXT is not after NOW. */
struct timespec loop_timeout(int64_t next, int64_t now);

/*
 * A probe's round trip in us: from the kernel's arrival stamp STAMP (realtime ns, 0
 * when none) and the realtime send time SENT_RT (ns), else from the monotonic NOW
 * and SENT (us).
 */
int64_t loop_rtt(int64_t stamp, int64_t sent_rt, int64_t now, int64_t sent);

#endif
