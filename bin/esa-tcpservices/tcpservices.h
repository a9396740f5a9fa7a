/* SPDX-License-Identifier: BSD-2-Clause */
/* tcpservices.h - the parts of esa-tcpservices: listeners, their processes, the legend, printers. */
#ifndef ESA_TCPSERVICES_H
#define ESA_TCPSERVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "nl.h"
#include "sockdiag.h"

/* What the command line asked for. */
struct topts {
	int family;		/* AF_INET, AF_INET6, or AF_UNSPEC for both */
	bool names;		/* -N: host names by reverse DNS (numeric otherwise) */
	bool udp;		/* -u: bound UDP sockets too */
	bool json;		/* -j */
};

/*
 * options.c: the command line into O, printing nothing: FRONT_RUN, FRONT_HELP,
 * FRONT_VERSION, or FRONT_ERROR with one line naming what is wrong in WHY.
 */
int tcps_opts_parse(int argc, char **argv, struct topts *o, char *why, size_t n);
void tcps_opts_usage(FILE *f);

/*
 * listeners.c: the listening sockets of one sock_diag dump per family and protocol,
 * kept by inode in an open-addressing hash set, so each fd of the /proc scan costs
 * one lookup.
 */
struct listeners {
	struct sockdiag_sock *v;		/* the sockets, in dump order */
	size_t n, cap;
	uint32_t *slots;	/* index + 1 into v, 0 for an empty slot */
	size_t nslots;		/* a power of two, at least twice n */
};

/* Is S a service: a TCP listener, or a bound, unconnected UDP socket? (pure) */
bool listeners_wanted(const struct sockdiag_sock *s);
/* nl_cb for a sock_diag dump of PROTOCOL (*(int *) in L->...): see listeners.c. */
int listeners_add_tcp(const struct nlmsghdr *nlh, void *data);
int listeners_add_udp(const struct nlmsghdr *nlh, void *data);
/* Builds the hash set after the sockets were added. */
void listeners_index(struct listeners *l);
/* The socket of INODE, or NULL. */
const struct sockdiag_sock *listeners_find(const struct listeners *l, uint32_t inode);
/* Dumps what O asks for into L (indexed). 0, or -1 with errno (after nl_errmsg()). */
int listeners_load(struct nl *nl, const struct topts *o, struct listeners *l);
void listeners_free(struct listeners *l);

/* procs.c: the owners of those sockets, from one pass over /proc. */
#define PROCS_COMM_MAX 64	/* TASK_COMM_LEN is 16; 64 leaves room for a longer one */

/* One row of the table: a process and one socket it holds. */
struct row {
	pid_t pid;			/* 0: no process seen holds the socket */
	int fd;				/* the socket's lowest descriptor in that process */
	uint32_t uid;
	char comm[PROCS_COMM_MAX];	/* raw bytes as the kernel keeps them, NUL-ended */
	const struct sockdiag_sock *s;
};

struct rows {
	struct row *v;
	size_t n, cap;
	unsigned long unreadable;	/* processes whose fds could not be read (EACCES) */
};

/*
 * The inode of a /proc/PID/fd link text of LEN bytes ("socket:[12345]"): 1 with
 * *inode set, 0 for any other text (a file, a pipe, "anon_inode:..." or a malformed
 * socket link). Pure.
 */
int procs_fd_inode(const char *link, size_t len, uint32_t *inode);
/* The effective uid from /proc/PID/status text of LEN bytes: 0, or -1 (no Uid line). */
int procs_status_uid(const char *text, size_t len, uint32_t *uid);
/*
 * Scans PROC (normally "/proc"): appends to R one row per (process, listening socket
 * of L it holds). Processes that end during the scan are skipped. 0, or -1 with
 * errno when PROC itself cannot be read.
 */
int procs_scan(const char *proc, const struct listeners *l, struct rows *r);
/*
 * Appends a row for each socket of L that no row of R holds (pid 0, the socket's
 * own uid, command "?"): the kernel's, or held by processes out of sight. Returns
 * how many.
 */
size_t rows_add_ownerless(struct rows *r, const struct listeners *l);
void rows_free(struct rows *r);

/* legend.c: the descriptions of known processes (the services data files). */
enum legend_section { LEGEND_SYSTEM, LEGEND_FEATURE, LEGEND_NSECTIONS };

struct legend_entry {
	char *name;
	char *desc;
	enum legend_section section;
};

struct legend {
	struct legend_entry *v;
	size_t n, cap;
};

/* Called for each line that is not understood: its number (from 1) and why. */
typedef void (*legend_bad_fn)(void *ctx, size_t line, const char *why);

#define LEGEND_NAME_MAX 64	/* longest name, in bytes */
#define LEGEND_LINE_MAX 1024	/* longest line, in bytes */

/*
 * Parses a services file of LEN bytes (see esa-tcpservices(8), FILES) into L: a
 * name already in L gets the new description and section. Lines not understood are
 * passed to BAD (when not NULL) and skipped. Returns how many were skipped. Pure.
 */
size_t legend_parse(struct legend *l, const char *buf, size_t len, legend_bad_fn bad,
    void *ctx);
/*
 * Reads the file PATH (at most 1 MiB) and parses it. 0, or -1 with errno (the file
 * cannot be read, EISDIR, EINVAL when it is not a regular file, or EFBIG). It never
 * blocks: a FIFO is refused, not waited on.
 */
int legend_load(struct legend *l, const char *path, legend_bad_fn bad, void *ctx);
/* The entry for NAME, or NULL. */
const struct legend_entry *legend_find(const struct legend *l, const char *name);
void legend_free(struct legend *l);

/* print.c: the legend, the table and the JSON rows, from rows and names given. */
struct report {
	const struct row *rows;
	size_t n;
	const char *const *users;	/* users[i]: the name of rows[i].uid, or NULL */
	const struct legend *legend;
	int addr_flags;			/* ADDR_NUMERIC, unless -N */
};

/*
 * Sorts the rows as lsof (and so the appliance) lists them: by process id, then
 * descriptor; the sockets without a process last, by protocol, family, address, port.
 */
void rows_sort(struct row *v, size_t n);
/* COMMAND as the table shows it: cut at 9 characters, then made safe. Returns BUF. */
const char *rows_command(char *buf, size_t size, const char *comm);
void report_text(FILE *out, const struct report *rp);
void report_json(FILE *out, const struct report *rp);

#endif
