/* SPDX-License-Identifier: BSD-2-Clause */
/* run.h - one ping run: what the loop holds, and the loop itself. */
#ifndef ESA_PING_RUN_H
#define ESA_PING_RUN_H

#include "ping.h"
#include "sock.h"

struct ping {
	const struct opts *o;
	struct ping_sock *s;
	struct run_info ri;
	struct stats st;
	uint64_t sent;		/* probes the kernel took (st counts the failed ones too) */
	int werr;		/* errno of the first write to stdout that failed, or 0 */
	struct reply_ctx ctx;
	uint8_t *payload;	/* what every probe carries */
	size_t datalen;
	uint8_t *rbuf;		/* the receive buffer */
	size_t rsize;
	/* the error queue's: ICMP errors quote at most 576 (IPv4) or 1280 bytes (IPv6) */
	uint8_t ebuf[2048];
};

/* Fills the cookie and the payload of P (datalen set). 0, or -1 with errno. */
int ping_payload(struct ping *p);

/*
 * Sends and receives until done, prints the statistics; the exit status: 0 a reply
 * came, 1 none did, 2 no probe could be sent at all, or a write to stdout failed
 * (the run ends there, errno left as that write set it).
 */
int ping_run(struct ping *p);

#endif
