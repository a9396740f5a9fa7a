/* SPDX-License-Identifier: BSD-2-Clause */
/* smtpping.h - esa-smtpping's pieces: options, the reply and MX parsers, the
 * connection, the conversation, the statistics and the printers. */
#ifndef ESA_SMTPPING_H
#define ESA_SMTPPING_H

#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

/* swaks' default: each whole step must end within this many seconds. */
#define SMTP_TIMEOUT_MS 30000
/* -D: the largest message file read (a test message, not a mailbox). */
#define SMTP_MAX_MESSAGE (16u << 20)

/* ---- options (options.c) ---------------------------------------------------------- */

struct opts {
	int family;		/* AF_UNSPEC, AF_INET or AF_INET6 */
	bool numeric;		/* -n */
	bool quiet;		/* -q */
	bool verbose;		/* -v */
	bool json;		/* -j */
	bool mx;		/* -M */
	bool mx_list;		/* -l */
	bool starttls;		/* -S */
	bool tls;		/* -T */
	bool insecure;		/* -k */
	bool data;		/* -d or -D */
	uint16_t port;		/* -p; 25, or 465 with -T */
	const char *ifname;	/* -I */
	const char *source;	/* -s */
	const char *helo;	/* -H, NULL = the host's FQDN */
	const char *from;	/* -f, the reverse path without brackets ("" = <>) */
	const char *rcpt;	/* -t, the forward path without brackets */
	const char *msgfile;	/* -D */
	uint64_t count;		/* -c */
	uint64_t interval_ms;	/* -i */
	uint64_t timeout_ms;	/* -w */
	const char *target;	/* the operand: host or domain */
	char from_buf[520], rcpt_buf[520];	/* the paths, brackets taken off */
};

/*
 * options.c: the command line into O, printing nothing: FRONT_RUN, FRONT_HELP,
 * FRONT_VERSION, or FRONT_ERROR with one line naming what is wrong in WHY.
 */
int smtp_opts_parse(int argc, char **argv, struct opts *o, char *why, size_t whysize);
void smtp_opts_usage(FILE *f);

/*
 * RFC 5321 syntax, checked before anything is sent so that no argument can carry a
 * command: smtp_domain_ok() a domain (letters, digits, hyphens, dots) or an address
 * literal ([192.0.2.1], [IPv6:2001:db8::1]); smtp_mailbox_ok() local@domain with a
 * dot-string local part (atext, RFC 5322), at most 254 bytes.
 */
bool smtp_domain_ok(const char *s);
bool smtp_mailbox_ok(const char *s);

/* ---- the reply parser (reply.c) --------------------------------------------------- */

#define REPLY_MAX_LINE 2048	/* one reply line; RFC 5321 4.5.3.1.5 allows 512 */
#define REPLY_MAX_BYTES 65536	/* one whole reply (1,000 EHLO lines fit) */

enum reply_status {
	REPLY_MORE,	/* no whole reply yet: read more bytes */
	REPLY_DONE,	/* a whole reply of LEN bytes */
	REPLY_BAD,	/* not an SMTP reply: WHY says why */
};

struct reply {
	int code;		/* 200 to 599 */
	size_t len;		/* bytes of the buffer the reply takes, line ends included */
	size_t lines;		/* its lines */
	size_t text_off;	/* the first line's text (after "250-" or "250 ") */
	size_t text_len;
	const char *why;	/* REPLY_BAD: a constant, lower-case reason */
};

/*
 * Reads one reply from the LEN bytes at BUF (pure: nothing past LEN is read, nothing
 * is kept between calls). Lines end with LF, CR LF taken whole; each is three
 * digits, the first 2 to 5, then '-' (more lines follow), ' ' or the line end (the
 * last); every line carries the first line's code. REPLY_MORE while the last line is
 * incomplete; REPLY_BAD for a line that is no reply line, a NUL byte, a line longer
 * than REPLY_MAX_LINE or a reply longer than REPLY_MAX_BYTES (also before its end
 * has come, so a server cannot make us buffer without bound).
 */
enum reply_status reply_parse(const char *buf, size_t len, struct reply *r);

/*
 * The line at *OFF of a reply R parsed from BUF: its text (after the code and the
 * separator, without the line end) in *TEXT and *TLEN; *OFF moves to the next line.
 * false after the last line.
 */
bool reply_line(const char *buf, const struct reply *r, size_t *off, const char **text,
    size_t *tlen);

/* Whether the EHLO reply R in BUF offers the extension KW (a keyword, any case). */
bool reply_has_ext(const char *buf, const struct reply *r, const char *kw);

/* ---- the MX answer parser (mx.c) -------------------------------------------------- */

#define MX_MAX 64		/* MX hosts kept (more are ignored) */
#define MX_NAME_MAX 256

struct mx {
	unsigned int pref;
	char name[MX_NAME_MAX];
};

struct mx_list {
	struct mx mx[MX_MAX];
	size_t n;
	bool null_mx;		/* RFC 7505: "0 ." alone, the domain takes no mail */
};

/*
 * Parses a DNS answer to an MX query (LEN bytes at BUF; pure) into L, sorted by
 * preference, ties kept in answer order. Records of other types (a CNAME chain) are
 * skipped. 0, or -1 with *WHY for an answer that cannot be parsed.
 */
int mx_parse(const unsigned char *buf, size_t len, struct mx_list *l, const char **why);

/*
 * Looks the MX hosts of DOMAIN up through the system resolver. 0 with L filled (n
 * may be 0: no MX record, use the domain's own address), or -1 with *WHY.
 */
int mx_lookup(const char *domain, struct mx_list *l, const char **why);

/* ---- the connection (conn.c) ------------------------------------------------------ */

struct tls_info {
	bool done;		/* a handshake was made */
	char protocol[32], cipher[96];
	char subject[512], issuer[512], not_after[64];
	int64_t expires;	/* not_after as UNIX time, when has_expires */
	bool has_expires;
	bool verified;		/* chain and host name both checked and good */
	char verify[256];	/* the verification's result in words */
};

struct conn {
	int fd;
	void *ssl;		/* SSL *, when TLS is on */
	char buf[REPLY_MAX_BYTES];
	size_t len;		/* bytes in buf */
	size_t used;		/* of which the last reply returned */
	struct sockaddr_storage peer, local;
	socklen_t peerlen;
};

/* Why a step could not finish: no reply at all. */
enum conn_err {
	CONN_OK,
	CONN_TIMEOUT,		/* the step's deadline passed */
	CONN_CLOSED,		/* the server closed the connection */
	CONN_SYS,		/* a system call failed: errno */
	CONN_BAD,		/* the server's bytes are no SMTP reply */
	CONN_EARLY,		/* the server spoke before the command */
	CONN_INTR,		/* interrupted by SIGINT or SIGTERM */
	CONN_TLS,		/* the TLS library failed: see the message */
};

/* A monotonic clock in ms. */
double now_ms(void);

void conn_init(struct conn *c);
void conn_close(struct conn *c);
/* Connects to SA from SRC (may be NULL) by DEADLINE (ms of now_ms()). */
enum conn_err conn_connect(struct conn *c, const struct sockaddr *sa, socklen_t salen,
    const struct sockaddr *src, socklen_t srclen, double deadline);
/* Waits for EVENTS (poll's) on FD until DEADLINE, SIGINT or SIGTERM. */
enum conn_err conn_wait(int fd, short events, double deadline);
/* Sends LEN bytes; CONN_EARLY when the server had sent bytes not yet read. */
enum conn_err conn_send(struct conn *c, const char *s, size_t len, double deadline);
/* Reads the next reply into R (its bytes at c->buf); CONN_BAD with r->why. */
enum conn_err conn_reply(struct conn *c, struct reply *r, double deadline);
/*
 * A TLS handshake on the connection, verifying against the system store and the
 * host name NAME (when not NULL); fills T. Buffered plaintext refuses TLS
 * (CONN_EARLY: a STARTTLS command injection). For CONN_TLS, WHY holds the reason.
 */
enum conn_err conn_tls(struct conn *c, void *ctx, const char *name, bool numeric_name,
    struct tls_info *t, double deadline, char *why, size_t whysize);
/* The TLS context: the system's trust store, TLS 1.2 at least. NULL on failure. */
void *tls_context(void);

/* The signal flag set by SIGINT and SIGTERM. */
extern volatile sig_atomic_t smtp_stop;

/* ---- the conversation (session.c) ------------------------------------------------- */

enum step {
	STEP_CONNECT, STEP_BANNER, STEP_EHLO, STEP_HELO, STEP_STARTTLS, STEP_TLS,
	STEP_EHLO_TLS, STEP_MAIL, STEP_RCPT, STEP_DATA, STEP_MESSAGE, STEP_RSET,
	STEP_QUIT, STEP_COUNT,
};

enum result {
	RESULT_ACCEPTED,	/* every step asked for was accepted */
	RESULT_REFUSED,		/* the server answered 4xx or 5xx */
	RESULT_FAILED,		/* no answer: connection, timeout, protocol, TLS */
};

/* One step as it went: what was sent, what came back, how long it took. */
struct step_event {
	unsigned int seq;	/* the transaction */
	enum step step;
	const char *sent;	/* the command line (without CRLF), or NULL */
	double time_ms;
	int code;		/* 0 when no reply */
	const char *buf;	/* the reply's bytes, when code != 0 */
	const struct reply *r;
	const char *error;	/* when the step failed without a reply */
	const char *address;	/* STEP_CONNECT: the address and port tried */
	const struct tls_info *tls;	/* STEP_TLS */
};

/* One transaction's outcome. */
struct txn {
	unsigned int seq;
	enum result result;
	enum step failed;	/* the step refused or failed */
	int code;
	char text[600];		/* the code's line or the failure, raw bytes */
	double connect_ms, banner_ms, time_ms;
	bool has_banner;	/* the banner came (banner_ms is a time) */
	char address[64];	/* the address connected to */
	bool stopped;		/* interrupted: not counted */
};

/* A host to try: its name, its addresses in order (struct addrinfo list). */
struct target {
	const char *name;
	struct addrinfo *ai;
};
struct addrinfo;

/* What every transaction shares. */
struct session {
	const struct opts *o;
	const char *helo;
	char from[520], rcpt[520];
	const char *message;	/* -D: dot-stuffed, CRLF, ending in CRLF.CRLF */
	size_t message_len;
	struct target *targets;
	size_t ntargets;
	/* the source address by family (-s, or -I's address), when one is asked for */
	bool src_given;
	struct sockaddr_storage src4, src6;
	bool have_src4, have_src6;
	const char *src_what;	/* "-s ADDR" or the interface, for a message */
	void *tls_ctx;		/* SSL_CTX * */
	void (*on_step)(const struct step_event *e, void *arg);
	void *arg;
};

/* Runs one transaction; steps are reported through s->on_step as they end. */
void session_run(struct session *s, unsigned int seq, struct txn *t);
const char *step_name(enum step s);
const char *step_key(enum step s);
const char *conn_strerror(enum conn_err e);

/* The -d message: Date, Message-ID, From, To, Subject, a line of text; dot-safe. */
size_t message_build(char *buf, size_t size, const char *from, const char *rcpt,
    const char *helo, unsigned int seq, time_t when);
/* Dot-stuffs IN (LEN bytes) into CRLF lines ending with CRLF.CRLF; malloc'd. */
char *message_stuff(const char *in, size_t len, size_t *outlen);

/* ---- statistics (stats.c) --------------------------------------------------------- */

struct series {
	unsigned long n;
	double min, max, sum, sumsq;
};

struct stats {
	unsigned long transactions, accepted, refused, failed;
	struct series connect, banner, total;
};

void stats_add(struct stats *st, const struct txn *t);
/* The mean and the population standard deviation, as FreeBSD ping's. */
void series_summary(const struct series *s, double *avg, double *stddev);

/* ---- printers (print.c) ----------------------------------------------------------- */

/* Lines of server text are shown up to this many bytes, then cut with a marker. */
#define PRINT_MAX 400

struct printer {
	FILE *out;
	const struct opts *o;
	const char *target;	/* the name asked for */
	uint16_t port;
};

void print_mx(struct printer *p, const char *domain, const struct mx_list *l);
void print_start(struct printer *p);
void print_step(struct printer *p, const struct step_event *e);
void print_txn(struct printer *p, const struct txn *t);
void print_verdict(struct printer *p, const struct txn *t);
void print_stats(struct printer *p, const struct stats *st);
/* Escapes LEN outside bytes for a terminal, cutting them at MAX with a marker. */
const char *print_safe(char *buf, size_t size, const char *s, size_t len, size_t max);

#endif
