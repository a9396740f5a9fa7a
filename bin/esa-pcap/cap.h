/* SPDX-License-Identifier: BSD-2-Clause */
/* cap.h - the capture process's own state, shared by capture.c and place.c only. */
#ifndef ESA_PCAP_CAP_H
#define ESA_PCAP_CAP_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <pcap/pcap.h>

#include "epcap.h"
#include "writer.h"

#define MAX_IFACES	64

struct cap {
	const struct capture_opts *o;
	int dirfd, lockfd, sockfd;
	pcap_t *p;
	struct writer w;
	struct state st;
	char stem[128];
	unsigned int seq;		/* ring file number, 0 without a ring */
	unsigned int idx[MAX_IFACES];
	char names[MAX_IFACES][IF_NAMESIZE];
	char shown[sizeof(((struct settings *)0)->iface)];	/* for status: aliases */
	size_t nidx;
	uid_t uid;
	gid_t gid;
	bool drop;
	bool shared_dir;		/* world-writable with the sticky bit */
	bool lock_created, lock_writable;
	bool dir_created;		/* by this capture: the only one -Z may hand over */
	int linktype;
	uint64_t done_total;		/* bytes of ring files already closed */
	uint64_t done_packets;
	uint64_t done_lost;		/* not written: of ring files closed, and refused */
	uint64_t write_peak;		/* the writer's peak, of ring files closed */
	struct ring_probe ring;		/* the kernel's ring, to count its free blocks */
	unsigned int ring_free_min;
	uint64_t sampled;		/* ms of the last count */
	int64_t t0;			/* tick_ns() at the start */
	char qdir[TEXT_QUOTE_SIZE];	/* the directory as messages show it (text_quote) */
	char quser[TEXT_QUOTE_SIZE];	/* -Z's user, the same */
	char failed[EPCAP_MSG_MAX + 8];	/* start: the failure, for the pipe */
};

/* A failure before the capture runs, to stderr or down start's pipe: returns STATUS. */
int cap_fail(struct cap *c, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * The capture's place, in the order setup() calls them, each 0 or an exit status
 * after a message: -Z's user looked up; the directory opened (created when missing)
 * with no symbolic link on its path; checked for who may create files there; its
 * lock taken; given to -Z's user when this capture created it; another user's stale
 * state removed; every privilege dropped.
 */
int place_user(struct cap *c);
int place_open(struct cap *c);
int place_check(struct cap *c);
int place_lock(struct cap *c);
int place_give(struct cap *c);
int place_clear_stale(struct cap *c);
int place_drop(struct cap *c);

#endif
