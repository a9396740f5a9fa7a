/* SPDX-License-Identifier: BSD-2-Clause */
/* trace.h - esa-traceroute: options, the reply classifier, hop bookkeeping, printers. */
#ifndef ESA_TRACE_H
#define ESA_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"

enum trace_method {
	TRACE_UDP,		/* UDP probes, ICMP errors read with IP_RECVERR (default) */
	TRACE_ICMP,		/* ICMP echo probes (-I) */
};

/* ---- options (opts.c) ------------------------------------------------------------ */

struct opts {
	int family;		/* AF_INET, AF_INET6 (-6 or the esa-traceroute6 name), AF_UNSPEC */
	bool numeric;		/* -n */
	bool verbose;		/* -v */
	bool json;		/* -j */
	enum trace_method method;
	unsigned first_ttl;	/* -f, 1 */
	unsigned max_ttl;	/* -m, 64 */
	unsigned nqueries;	/* -q, 3 */
	uint64_t wait_ms;	/* -w, 5000: the longest wait for a reply */
	unsigned port;		/* -p, 33434: UDP destination port of the first probe */
	unsigned parallel;	/* -N, 16: hops in flight at once */
	const char *src;	/* -s */
	const char *ifname;	/* -i */
	const char *host;	/* HOST */
	long packetlen;		/* PACKETLEN, -1 when not given */
};

/*
 * Parses the command line into O (defaults first; PROG is the name the tool was
 * called by: esa-traceroute6 means -6), printing nothing. Returns a FRONT_* value
 * (front.h); on FRONT_ERROR, ERR holds one line naming what is wrong ("-q: too
 * large (at most 10): 11").
 */
int opts_parse(int argc, char **argv, struct opts *o, char *err, size_t errsize);

/* The synopsis, the same as the man page's. */
void opts_usage(FILE *f);

/* Packet sizes: the header's number and the payload of each probe. */
long opts_default_len(const struct opts *o, int family);
long opts_min_len(const struct opts *o, int family);
#define TRACE_MAX_LEN 32768

/* ---- the reply classifier (reply.c): pure functions over bytes --------------------- */

/* What a probe is known by; filled by the socket code, read by the classifier. */
struct trace_key {
	int family;		/* AF_INET or AF_INET6 */
	enum trace_method method;
	unsigned char dst[16];	/* the destination (4 bytes used for IPv4) */
	uint16_t port;		/* UDP: destination port of probe 0 (probe p goes to port + p) */
	uint16_t sport;		/* UDP: our source port, 0 when not known */
	uint16_t ident;		/* ICMP: echo identifier; probe p has sequence number p */
	unsigned nprobes;	/* probes 0 .. nprobes - 1 exist */
};

enum reply_kind {
	REPLY_HOP = 1,		/* time exceeded: a router on the way */
	REPLY_REACHED,		/* the destination answered (port unreachable, echo reply, !P) */
	REPLY_UNREACH,		/* an unreachable that counts towards stopping */
	REPLY_NOTE,		/* an unreachable FreeBSD notes but does not count */
};

#define REPLY_NOTE_MAX 12	/* "!F-65535", "!<255>" */

/* A reply attributed to a probe. */
struct reply {
	unsigned probe;		/* the probe it answers */
	int family;
	unsigned char from[16];	/* the responder */
	enum reply_kind kind;
	char note[REPLY_NOTE_MAX];	/* FreeBSD's annotation ("!H"), "" for none */
	int qttl;		/* the TTL (hop limit) quoted in the error, -1 for none */
};

/*
 * The rule for an error that quotes our probe's header: the probe, sent with TTL,
 * ended where QTTL was left of it, so that node is TTL - QTTL + 1 hops away. Returns
 * that distance, or TTL itself when QTTL says nothing (-1: no quote; 0; larger than
 * TTL). Pure.
 */
int trace_distance(unsigned ttl, int qttl);

/*
 * An IPv4 datagram from a raw ICMP socket (IP header first): for ICMP echo probes an
 * echo reply from the destination; for both methods a time exceeded (in transit) or
 * destination unreachable quoting one of our probes (quoted header of 20 bytes, no
 * options, our destination; then our identifier and a sequence number below
 * nprobes, or a UDP header from our port to a probe's port), with R->qttl.
 * Returns 0 with R filled, or -1 when the datagram is not an answer to us; *WHY
 * (may be NULL) then says why, for -v.
 */
int reply_ip4(const uint8_t *buf, size_t len, const struct trace_key *k, struct reply *r,
    const char **why);

/*
 * An ICMPv6 message from a raw ICMPv6 socket (ICMPv6 header first, as the kernel
 * gives it) sent by FROM (16 bytes): an echo reply (ICMP probes), or a time
 * exceeded, destination unreachable or parameter problem (next header) quoting one
 * of our probes, echo request or UDP datagram, with R->qttl.
 */
int reply_icmp6(const uint8_t *buf, size_t len, const unsigned char *from,
    const struct trace_key *k, struct reply *r, const char **why);

/*
 * An ICMP echo reply read from a datagram ICMP socket (ICMP header first; the kernel
 * has matched the identifier already), sent by FROM (4 or 16 bytes).
 */
int reply_echo(const uint8_t *buf, size_t len, const unsigned char *from,
    const struct trace_key *k, struct reply *r, const char **why);

/*
 * One entry of a socket's error queue (IP_RECVERR / IPV6_RECVERR): EE is the control
 * message's data (struct sock_extended_err, then the offender's address) of EELEN
 * bytes; DST and DPORT the original destination the kernel put in msg_name (DST
 * 4 or 16 bytes per family); DATA the original payload (UDP data, or the echo
 * request from its ICMP header on) of DLEN bytes.
 */
struct errq {
	const uint8_t *ee;
	size_t eelen;
	const unsigned char *dst;
	uint16_t dport;
	const uint8_t *data;
	size_t dlen;
};
int reply_errqueue(const struct errq *q, const struct trace_key *k, struct reply *r,
    const char **why);

/* ---- hop bookkeeping (hops.c): pure, times in microseconds ------------------------- */

enum probe_state { PROBE_UNSENT, PROBE_SENT, PROBE_ANSWERED };

struct probe {
	enum probe_state state;
	int64_t first;		/* monotonic time it first left: its deadline counts from there */
	int64_t sent;		/* monotonic time it last left: its RTT counts from there */
	unsigned tries;		/* times it was sent again */
	int64_t rtt;		/* round-trip time, once answered */
	struct reply r;		/* the answer */
	char *name;		/* the responder's name, when looked up (owned) */
};

struct trace {
	unsigned first;		/* first TTL */
	unsigned nhops;		/* max - first + 1 */
	unsigned nq;		/* probes per hop */
	unsigned window;	/* hops in flight */
	int family;		/* the stop rule differs (FreeBSD's traceroute6) */
	int64_t wait;		/* the longest wait */
	struct probe *probes;	/* nhops * nq, hop-major */
	unsigned next_send;	/* the next probe to send */
	unsigned next_hop;	/* the next hop to print (index from 0) */
	unsigned last_hop;	/* no probe is sent past this hop (index) */
	bool done;		/* the last hop was printed */
	bool reached;		/* the destination answered on a printed hop */
	bool quoted;		/* errors quote the probe's TTL: trace_distance() places them */
	/* probing again (reprobe.c), for the hop to print next only */
	bool proven;		/* it got no answer, yet lies before the end (a pair said so) */
	int64_t pair_at;	/* when the last pair for it left, 0 for none */
	int64_t rp_last;	/* when a probe was last sent again */
	int64_t rp_round;	/* when the current round of quick tries began */
	unsigned rp_n;		/* probes sent again since the last answer to one */
	int64_t rp_ans;		/* when the last answer to a probe sent again came, 0: none */
	int64_t rp_gap;		/* the time between the last two: a bucket's refill, 0: unknown */
};

/* The wait shrinks to HERE times the RTT of an answer from the same hop, or NEAR
 * times the RTT of an answer from a later hop, never below TRACE_WAIT_FLOOR. */
#define TRACE_HERE 3
#define TRACE_NEAR 10
#define TRACE_WAIT_FLOOR 5000

void trace_init(struct trace *t, unsigned first, unsigned max, unsigned nq, unsigned window,
    int64_t wait_us, int family);
void trace_free(struct trace *t);
/* The probe to send now (its index; TTL = first + index / nq), or -1 for none yet. */
int trace_next_probe(const struct trace *t);
void trace_sent(struct trace *t, unsigned p, int64_t now);
/* Records R (for R->probe) with its RTT: 0, or -1 when it is not expected (unsent,
 * answered already, or for a hop already printed). With T->quoted, an answer from
 * the end of the path (destination, unreachable) is recorded at the hop its quoted
 * TTL places it at (trace_distance()), in a probe of that hop still unanswered. */
int trace_answer(struct trace *t, const struct reply *r, int64_t rtt);
/* Whether probe P's answer comes from the end of the path (reached, unreachable). */
bool trace_is_end(const struct trace *t, unsigned p);
/* Whether hop H is known to lie before the end: a later hop answered time exceeded,
 * or an answer placed by its quoted TTL at a later hop, or a pair (reprobe.c). */
bool trace_hop_proven(const struct trace *t, unsigned h);
/* When the first probe of hop H was sent, or -1 while any of them is unsent. */
int64_t trace_hop_sent(const struct trace *t, unsigned h);
/* The number of answered probes of hop H. */
unsigned trace_hop_answers(const struct trace *t, unsigned h);
/* When the first answer of hop H from the end came (by its send time and RTT), or -1. */
int64_t trace_end_at(const struct trace *t, unsigned h);
/* When probe P stops being waited for (P sent and unanswered). */
int64_t trace_deadline(const struct trace *t, unsigned p);
/* Whether the next hop to print is complete at NOW: every probe answered or past its
 * deadline (and, for -1, sending is not finished). Returns the hop index or -1. */
int trace_ready(const struct trace *t, int64_t now);
/* Marks the hop trace_ready() gave as printed; decides whether the trace ends there. */
void trace_printed(struct trace *t);
/* The earliest deadline after NOW of a sent, unanswered probe of a hop not yet printed,
 * or -1. A hop complete at NOW but not printed yet (its names are being looked up)
 * has only deadlines gone by: they are not returned, so the caller sleeps. */
int64_t trace_next_deadline(const struct trace *t, int64_t now);
/* FreeBSD's verdict on hop H: 1 when the trace stops there, else 0. A hop whose
 * answers are all unreachables stops too: its other probes were asked for again
 * for -w, so their answers were lost to the router's rate limit. */
int trace_hop_stops(const struct trace *t, unsigned h);

/* ---- probing again (reprobe.c): pure, times in microseconds ---------------------- */

/*
 * The hop to print next is probed again, one probe at a time, paced: rounds of
 * quick tries (REPROBE_MIN after the last, doubling up to REPROBE_MAX) of
 * REPROBE_ROUND, each after an answer or a pause of REPROBE_REST; after an answer,
 * not before 3/4 of the time between the last two answers (a bucket's refill):
 *   - when it got no answer and is not proven before the end: its first probe with
 *     a partner right after it (a probe of the lowest hop the end answered, else of
 *     the highest hop sent) until -w after it first left. A host answers in order
 *     of arrival: the partner answered and not it means it is a router before the
 *     end (trace_answer() sets proven);
 *   - when it is the end (it has an answer from the end) and some of its probes got
 *     none past their deadline: those, until -w after the end first answered.
 */
#define REPROBE_MIN 5000
#define REPROBE_MAX 100000
#define REPROBE_ROUND 1500000
#define REPROBE_REST 2200000

struct reprobe {
	unsigned n;		/* probes to send now: 0, 1 or 2 */
	unsigned probe[2];
	unsigned ttl[2];
};

/* What to send again at NOW, in RP; returns when to ask again (NOW when RP holds
 * something to send first), or -1 for nothing more to do for this hop. */
int64_t reprobe_next(const struct trace *t, int64_t now, struct reprobe *rp);
/* Records that RP left at NOW. */
void reprobe_sent(struct trace *t, const struct reprobe *rp, int64_t now);

/* ---- printers (print.c) ----------------------------------------------------------- */

struct print_ctx {
	FILE *out;
	int family;
	bool numeric;
	bool json;
};

/* The header line (written to stderr by the caller). SRC may be NULL (IPv4). */
void print_header(FILE *f, int family, const char *host, const char *addr, const char *src,
    unsigned max_ttl, long len);
/* Hop H of T, as FreeBSD prints it, or as one JSON Lines object. */
void print_hop(const struct print_ctx *pc, const struct trace *t, unsigned h);
/* The JSON final object. */
void print_final(const struct print_ctx *pc, const char *host, const char *addr,
    const struct trace *t);

#endif
