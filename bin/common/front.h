/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * front.h - the tools' front end, written once: descriptors 0-2 kept open, a bad command
 * line, -h and -V, and the write check every tool ends with. Unlike lib/, this prints and
 * exits: it is the part of each main() that speaks to the user (util-linux's c.h and
 * closestream.h).
 */
#ifndef FRONT_H
#define FRONT_H

#include <stdio.h>

struct link_table;

/* What a tool tells the front end about itself. */
struct front {
	const char *name;		/* as -V prints it: "esa-arpshow" */
	void (*usage)(FILE *f);		/* prints the synopsis */
};

/*
 * The first call of every main(): makes sure descriptors 0, 1 and 2 are open (a closed
 * one becomes /dev/null), so that the first socket or file opened can never be taken
 * for stdout; on failure, a message and ESA_EXIT_ERR. TOOL (static) is kept for the
 * calls below.
 */
void front_start(const struct front *tool);

/*
 * What every tool's options parser returns: it prints nothing, so that a unit test
 * can call it; on FRONT_ERROR its message is in the caller's buffer.
 */
enum {
	FRONT_RUN = 0,		/* go on */
	FRONT_HELP = 1,		/* -h: the synopsis on stdout, exit 0 */
	FRONT_VERSION = 2,	/* -V: the version on stdout, exit 0 */
	FRONT_ERROR = -1,	/* a bad command line: the message, the synopsis, exit 2 */
	FRONT_BAD_VALUE = -2,	/* a bad value: the message alone, exit 2 */
};

/* Acts on a parser's answer ST: returns on FRONT_RUN, else exits as above (WHY: the message). */
void front_parsed(int st, const char *why);

/* A bad command line: "PROG: message" (none when FMT is NULL), the synopsis, exit 2. */
void usage_error(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* -h: the synopsis on stdout; exits as front_exit_printed(). */
void front_help(void) __attribute__((noreturn));

/* -V: "NAME VERSION" on stdout; exits as front_exit_printed(). */
void front_version(void) __attribute__((noreturn));

/* After -h or -V: exit 0, unless stdout could not take it: one line, exit 2. */
void front_exit_printed(void) __attribute__((noreturn));

/*
 * An interface named by the user (kernel name or alias), found by link_lookup() in T,
 * or in the table read for the call when T is NULL; its kernel name to KNAME (of
 * IFNAMSIZ bytes) when not NULL. Its index, or 0 after one line: "PROG: [OPT: ]NAME:
 * no such interface" (NAME escaped; OPT when not NULL, as "-i"), or "PROG: reading
 * the interface table: why".
 */
unsigned int front_interface(const struct link_table *t, const char *opt, const char *name,
    char *kname);

/*
 * The end of every main(): flushes and closes stdout; returns STATUS, or ESA_EXIT_ERR
 * after "PROG: write error: why" (nothing said when the reader went away: | head).
 */
int front_close_stdout(int status);

#endif
