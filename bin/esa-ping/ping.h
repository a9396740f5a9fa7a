/* SPDX-License-Identifier: BSD-2-Clause */
/* ping.h - esa-ping's pieces: options, the reply parser, the statistics, the printers. */
#ifndef ESA_PING_H
#define ESA_PING_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "addr.h"

/* FreeBSD's default payloads: ping sends 56 data bytes, ping6 8 (the timestamp only). */
#define PING_DATALEN4 56
#define PING_DATALEN6 8
/* The largest payload: an IPv4 datagram of 65535 bytes, an IPv6 payload of 65535. */
#define PING_MAXDATA4 (65535 - 20 - 8)
#define PING_MAXDATA6 (65535 - 8)
/* The per-run random cookie at the start of every payload. */
#define PING_COOKIE_LEN 8
/* FreeBSD's MAXWAIT: ms waited after the last probe when nothing came back. */
#define PING_MAXWAIT_MS 10000
/* FreeBSD's MAXALARM: the largest -t, in seconds. */
#define PING_MAXALARM 3600
/* iputils' MINUSERINTERVAL: a shorter -i needs privilege. */
#define PING_MIN_USER_INTERVAL_MS 200

/* Options, as parsed from the command line (options.c). */
struct opts {
	int family;		/* AF_UNSPEC, AF_INET or AF_INET6 */
	bool numeric;		/* -n */
	bool quiet;		/* -q */
	bool once;		/* -o */
	bool dontfrag;		/* -D */
	bool verbose;		/* -v */
	bool json;		/* -j */
	uint64_t count;		/* -c, 0 = until interrupted */
	uint64_t interval_ms;	/* -i */
	bool interval_set;
	int64_t datalen;	/* -s, -1 = the family's default */
	uint64_t timeout_s;	/* -t, 0 = none */
	uint64_t waittime_ms;	/* -W */
	bool waittime_set;
	int ttl;		/* -m, 0 = the kernel's */
	const char *source;	/* -S */
	const char *ifname;	/* -I */
	const char *host;	/* the operand */
};

/*
 * options.c: the command line into O, printing nothing: FRONT_RUN, FRONT_HELP,
 * FRONT_VERSION, or FRONT_ERROR with one line naming what is wrong in WHY.
 */
int ping_opts_parse(int argc, char **argv, struct opts *o, char *why, size_t whysize);
void ping_opts_usage(FILE *f);

/* ---- reply parsing (reply.c) ---------------------------------------------------- */

/* The shape of the bytes handed to the parser. */
enum reply_shape {
	SHAPE_IP4,	/* raw IPv4 socket: the IPv4 header, then ICMP */
	SHAPE_ICMP4,	/* IPv4 datagram socket: ICMP only, the kernel checked it */
	SHAPE_ICMP6,	/* IPv6 (raw or datagram): ICMPv6 only, the kernel checked it */
};

enum reply_kind {
	REPLY_IGNORED,	/* not for us, or malformed: WHY says which */
	REPLY_ECHO,	/* an echo reply to one of our probes */
	REPLY_ERROR,	/* an ICMP error quoting one of our probes */
};

/* What the parser needs to know about this run; all addresses in network order. */
struct reply_ctx {
	enum reply_shape shape;
	bool check_id;		/* raw sockets: the kernel does not match ids */
	uint16_t id;		/* our identifier (host order) */
	struct addr dst;	/* the address we ping */
	bool any_from;		/* dst is a group (broadcast, multicast): a reply may
				 * come from any address */
	struct addr from;	/* the sender of this packet */
	struct addr quoted_dst;	/* error queue: where the quoted probe went (family 0:
				 * unknown), the kernel's msg_name */
	uint8_t cookie[PING_COOKIE_LEN];
	size_t datalen;		/* payload bytes we send */
};

/* What a packet says; offsets point into the buffer given to echo_parse(). */
struct reply {
	enum reply_kind kind;
	const char *why;	/* REPLY_IGNORED: why, for -v and the tests */
	size_t icmp_len;	/* bytes of ICMP, FreeBSD's "N bytes from" */
	int ttl;		/* outer TTL (SHAPE_IP4), else -1: the caller adds it */
	uint8_t type, code;	/* of the ICMP message itself */
	uint32_t info;		/* next-hop MTU, pointer or gateway, by type */
	uint16_t id, seq;	/* of the reply, or of the quoted probe */
	size_t quoted_off;	/* REPLY_ERROR: the quoted IP header */
	size_t quoted_len;	/* its bytes up to the end of the packet */
	size_t quoted_hlen;	/* the quoted IP header's own length with options */
};

/*
 * Reads one received packet: BUF holds LEN bytes of SHAPE. Never reads outside
 * [BUF, BUF+LEN); every length inside the packet is checked against LEN before it is
 * used. Returns R->kind. Echo replies must come from ctx->dst, carry our sequence
 * space, id (raw) and the cookie (as many of its bytes as the payload holds); errors
 * must quote a probe of ours to ctx->dst with our id and (when quoted) cookie.
 */
enum reply_kind echo_parse(const uint8_t *buf, size_t len, const struct reply_ctx *ctx,
    struct reply *r);

/*
 * The datagram socket's error queue: TYPE/CODE/INFO from struct sock_extended_err,
 * BUF/LEN our own probe as the kernel returned it (ICMP header and payload). Fills R
 * like echo_parse() (icmp_len is estimated: 8 + a 20 or 40-byte header + LEN).
 * A probe that went elsewhere than ctx->dst (ctx->quoted_dst) is not ours.
 */
enum reply_kind echo_parse_errqueue(int family, uint8_t type, uint8_t code, uint32_t info,
    const uint8_t *buf, size_t len, const struct reply_ctx *ctx, struct reply *r);

/*
 * Walks the IPv4 options in OPT (LEN bytes): the number of options found, or -1 when
 * a length byte is 0, 1, or runs past the end (OpenBSD's 2022 bug: always advances).
 */
int echo_options_walk(const uint8_t *opt, size_t len);

/* ---- statistics and the send-time table (stats.c) -------------------------------- */

struct stats {
	uint64_t transmitted, received, repeats, errors, timeouts;
	double tmin, tmax, tsum, tsumsq;	/* ms, over received + repeats */
	/* send times and replies seen, by sequence number (16 bits, it wraps) */
	struct timespec *sent;
	uint8_t *seen;		/* bitmap */
	uint8_t *issued;	/* bitmap: the number was sent in this cycle */
};

void pstats_init(struct stats *s);
void pstats_free(struct stats *s);
/* Records a probe sent with SEQ at AT. */
void pstats_sent(struct stats *s, uint16_t seq, const struct timespec *at);
/* Whether SEQ was sent in this run. */
bool pstats_issued(const struct stats *s, uint16_t seq);
/*
 * A reply for SEQ received at AT: stores its round trip in *RTT_MS (0 for a clock
 * that went back) and returns true when it is a duplicate. Timed replies count in
 * min/avg/max/stddev, duplicates included (as FreeBSD).
 */
bool pstats_reply(struct stats *s, uint16_t seq, const struct timespec *at, bool timed,
    double *rtt_ms);
/* The summary figures; false when nothing was timed. */
struct pstats_summary {
	double loss_pct, min, avg, max, stddev;
	bool timed;
};
void pstats_summary(const struct stats *s, bool timing, struct pstats_summary *out);
/* Milliseconds from A to B; 0 when B is before A. */
double ping_ts_diff_ms(const struct timespec *a, const struct timespec *b);

/* ---- printing (print.c) ------------------------------------------------------------ */

/* What the printers need about the run. */
struct run_info {
	const char *host;	/* as typed */
	char addr[ADDR_IP_MAX];	/* the destination, numeric */
	char src[ADDR_IP_MAX];	/* the source (the ping6 header) */
	bool src_given;		/* -S: ping's header names it too */
	int family;
	size_t datalen;
	bool timing;		/* datalen holds the whole cookie */
	bool json, quiet, verbose, numeric;
	const char *socket_kind; /* "raw" or "datagram" */
};

/* One event to print: a reply or an error. */
struct event {
	const struct reply *r;
	const uint8_t *buf;	/* the packet the reply points into */
	size_t len;
	const char *from;	/* numeric sender */
	const char *from_name;	/* its name, or NULL */
	const char *dst;	/* IPv6: the address it came to, or NULL */
	int ttl;
	bool dup, timed, late;
	double rtt_ms;
};

void ping_header(FILE *f, const struct run_info *ri);
void ping_event(FILE *f, const struct run_info *ri, const struct event *e);
void ping_summary(FILE *f, const struct run_info *ri, const struct stats *s);
/* SIGQUIT's one line (FreeBSD's SIGINFO status), on F (stderr). */
void ping_status(FILE *f, const struct run_info *ri, const struct stats *s);
/* FreeBSD's words for an ICMP error (no newline); BUF holds numbers it needs. */
const char *echo_error_text(int family, uint8_t type, uint8_t code, uint32_t info,
    char *buf, size_t size);

#endif
