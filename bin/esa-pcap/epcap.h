/* SPDX-License-Identifier: BSD-2-Clause */
/* epcap.h - esa-pcap's pieces: settings, filter, names, state, tail repair, capture. */
#ifndef ESA_PCAP_H
#define ESA_PCAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/time.h>
#include <time.h>

#include "text.h"

#define EPCAP_DEFAULT_DIR	"/var/lib/esa-pcap"
#define EPCAP_DEFAULT_CONF	"/etc/esa-tools/esa-pcap.conf"
#define EPCAP_LOCK_NAME		".esa-pcap.lock"
#define EPCAP_STATE_NAME	".esa-pcap.state"

#define EPCAP_MAXSIZE_DEFAULT	(UINT64_C(200) << 20)
#define EPCAP_MAXSIZE_MIN	UINT64_C(1024)
#define EPCAP_MAXSIZE_MAX	(UINT64_C(1) << 40)
#define EPCAP_DURATION_MAX_MS	(UINT64_C(366) * 86400000)
#define EPCAP_RING_MAX		999
#define EPCAP_SNAPLEN_DEFAULT	262144
#define EPCAP_SNAPLEN_MIN	64
/* -B: the kernel's ring (libpcap rounds it up to whole 256 KiB blocks) */
#define EPCAP_BUFSIZE_DEFAULT	(UINT64_C(64) << 20)
#define EPCAP_BUFSIZE_MIN	(UINT64_C(1) << 20)
#define EPCAP_BUFSIZE_MAX	(UINT64_C(1) << 30)
#define EPCAP_MAX_HOSTS		32
#define EPCAP_MAX_PORTS		32
/* A message before the capture runs: up to three quoted strings (text_quote) and words. */
#define EPCAP_MSG_MAX		(3 * TEXT_QUOTE_SIZE + 256)
#define EPCAP_FILTER_MAX	4096	/* bounds what reaches pcap_compile's optimizer */

/* The settings of a capture: saved by `setup`, overridden by options for one capture. */
struct settings {
	char iface[256];		/* "any" or NAME[,NAME...] */
	char filter[EPCAP_FILTER_MAX];	/* -f, may be empty */
	char hosts[1024];		/* -H list, comma separated, may be empty */
	char ports[256];		/* -p list, comma separated, may be empty */
	uint64_t maxsize;		/* bytes */
	uint64_t duration_ms;		/* 0: none */
	unsigned int ring;		/* 0: no ring */
	unsigned int snaplen;
	uint64_t bufsize;		/* -B: the kernel's ring, bytes */
	char user[64];			/* -Z, may be empty */
};

void settings_default(struct settings *s);
/*
 * Parses a settings file (`key = value` lines, '#' comments, blank lines) held in
 * BUF (LEN bytes, need not end in NUL) over *S, which holds the defaults. Returns 0,
 * or -1 with a reason in ERR ("line 3: unknown key: foo").
 */
int settings_parse(const char *buf, size_t len, struct settings *s, char *err, size_t errsize);
/* Sets one key from its text value: 0, or -1 with *why (a parse.h reason or ours). */
int settings_set(struct settings *s, const char *key, const char *value, const char **why);
/* Writes S in the file's form to F. */
void settings_write(const struct settings *s, FILE *f);
/* Reads PATH into *S (defaults when it does not exist): 0, or -1 with ERR. */
int settings_load(const char *path, struct settings *s, char *err, size_t errsize);
/* Replaces PATH atomically (temporary file, fsync, rename, fsync of the directory). */
int settings_save(const char *path, const struct settings *s);

/*
 * Replaces DIRFD/NAME atomically with what FILL writes (.NAME.tmp, rename); with SYNC
 * the file and then the directory are fsync'ed too (settings: yes; the state file,
 * rewritten every second and worthless after a crash of the machine: no).
 */
int atomic_write(int dirfd, const char *name, mode_t mode, bool sync,
    void (*fill)(const void *, FILE *), const void *arg);

/* Formats for people: "200M", "1.5G"; "15m", "none". */
const char *fmt_size(char *buf, size_t size, uint64_t bytes);
const char *fmt_duration(char *buf, size_t size, uint64_t ms);

/*
 * The filter of the settings page: hosts OR'ed, ports OR'ed, the two AND'ed, and that
 * AND'ed with the -f expression. Hosts are IPv4/IPv6 addresses or ADDR/PREFIX networks,
 * ports 1..65535, so nothing can add filter syntax. Returns 0 with the expression in
 * OUT (empty: everything), or -1 with *why.
 */
int filter_build(const struct settings *s, char *out, size_t size, const char **why);
int filter_check_host(const char *h, const char **why);
int filter_check_port(const char *p, const char **why);
/* Prepends "(ifindex A or ifindex B) and (...)" for several interfaces. */
int filter_with_ifindex(const char *expr, const unsigned int *idx, size_t n, char *out, size_t size);

/* File names. HOST is made safe ([A-Za-z0-9-], "localhost" when empty). */
void name_host(char *out, size_t size, const char *hostname);
/* "HOST-YYYYMMDD-HHMMSS" from a broken-down time. */
void name_stem(char *out, size_t size, const char *host, const struct tm *tm);
/* STEM.cap, or STEM-NNN.cap for ring file SEQ >= 1. */
void name_file(char *out, size_t size, const char *stem, unsigned int seq);
/* Is NAME a capture's file name (a single component, not hidden, the pattern above)? */
bool name_is_capture(const char *name);

/* Ring bookkeeping: the sequence number to delete after SEQ was created, 0 when none. */
unsigned int ring_expired(unsigned int seq, unsigned int keep);

/* Why a capture ended, as status says it. */
enum capture_end {
	END_RUNNING = 0, END_STOPPED, END_SIZE, END_TIME, END_DISK_FULL, END_IFACE_GONE,
	END_IFACE_DOWN, END_FAILED, END_KILLED, END_COUNT_
};
const char *end_text(enum capture_end e);
int end_parse(const char *s, enum capture_end *e);

/* The state file the capture process rewrites about once a second. */
struct state {
	long pid;
	char file[256];
	uint64_t size;			/* bytes of the current file */
	uint64_t total;			/* bytes of every file of this capture */
	uint64_t packets;		/* packets written */
	uint64_t dropped;		/* pcap_stats: dropped by the kernel or the interface */
	uint64_t not_written;		/* read from the kernel, never written (a full disk) */
	int64_t started;		/* UNIX time */
	uint64_t elapsed_ms;
	enum capture_end end;
	char message[512];		/* the reason, when it failed */
	/* how close it came to dropping: 0 when not known */
	uint64_t write_peak;		/* the most bytes waiting in the write buffers */
	uint64_t write_cap;		/* what they may hold at most */
	uint64_t ring_blocks;		/* blocks of the kernel's ring */
	uint64_t ring_free_min;		/* the fewest of them free when sampled */
	struct settings set;
};

void state_write(const struct state *st, FILE *f);
/* Parses a state file: 0, or -1 (not a state file). */
int state_parse(const char *buf, size_t len, struct state *st);
/* In directory DIRFD: read (0, or -1 with errno; ENOENT when there is none), write atomically. */
int state_load(int dirfd, struct state *st);
int state_save(int dirfd, const struct state *st);

/*
 * Tail repair of a classic pcap file: the length of its global header and its whole,
 * plausible records, in BUF (LEN bytes). Returns that length (>= 24), or -1 when BUF
 * does not start with a pcap global header. A record is plausible when its captured
 * length is at most max(snaplen, 262144) and at most its original length, which is
 * not 0.
 */
long long repair_length(const unsigned char *buf, size_t len, uint64_t *records);
/* Repairs the file NAME in DIRFD: 0 (nothing to do), 1 (truncated), -1 with errno. */
int repair_file(int dirfd, const char *name);

/*
 * The kernel's capture ring, read in place to tell how close a capture came to
 * dropping: the blocks the kernel owns are the room left before it drops.
 */
struct ring_probe {
	const volatile unsigned char *base;
	size_t block;
	unsigned int nblocks;		/* 0: not found */
};
/*
 * The mapping whose path is "socket:[INO]" in BUF (LEN bytes of /proc/PID/maps): 0
 * with its start address and length, or -1 when no line names it. Pure.
 */
int ring_map_find(const char *buf, size_t len, uint64_t ino, uint64_t *start, uint64_t *size);
/* Finds the ring libpcap mapped for packet socket FD: 0, or -1 (no figures then). */
int ring_probe_open(struct ring_probe *r, int fd);
/* The blocks the kernel owns now, free to fill. */
unsigned int ring_probe_free(const struct ring_probe *r);

/* The capture itself. */
struct capture_opts {
	const char *dir;
	struct settings set;
	bool detach;			/* start: report readiness on READY_FD */
	int ready_fd;
};
/* Runs a capture to its end: the exit status. Messages go to stderr (or READY_FD). */
int capture_run(const struct capture_opts *o);

/*
 * The file a lock line names: device MAJ:MIN and inode INO, or (ANY_DEV) the inode on
 * any device. The kernel's lock lines name the device of the inode's superblock, which
 * is not always the device stat gives: on overlayfs with layers on two file systems,
 * the lines name the overlay and stat names the upper layer (the inode is the same).
 */
struct lock_key {
	unsigned int maj, min;
	uint64_t ino;
	bool any_dev;
};
/*
 * The write flocks on the file KEY (NULL: on any file) in BUF, LEN bytes of /proc/locks
 * or of a /proc/PID/fdinfo file: their holders' PIDs in PIDS (at most MAX), and how many
 * there are. Waiters count for nothing. Pure.
 */
size_t lock_holders(const char *buf, size_t len, const struct lock_key *key, long *pids,
    size_t max);
/*
 * Is DIRFD's lock held? 0 no, -1 with errno, 1 yes: then *PID and *PIDFD (to signal it
 * through) are the capture's, proved from /proc (the holder is esa-pcap and one of its
 * descriptors holds the write flock), or 0 and -1 when nothing could be proved ("pid
 * unverified": the caller may not read the holder's /proc entries, or the holder is
 * no capture). Never blocks; no file decides the answer.
 */
int lock_probe(int dirfd, long *pid, int *pidfd);

/*
 * Is a capture running in DIRFD? 1 (*PID proved as lock_probe() does, 0 when
 * unverified), 0, or -1 with errno. Never blocks.
 */
int lock_running(int dirfd, long *pid);
/*
 * A capture that died (kill -9) left state "running": repair its file, say so.
 * lock_recover_held() with the lock held by the caller; lock_recover() takes it.
 */
void lock_recover_held(int dirfd);
void lock_recover(int dirfd);
/*
 * Opens the capture directory read-only with no symbolic link anywhere on its path:
 * fd, or -1 with errno (ELOOP for a symbolic link).
 */
int dir_open(const char *dir);
/* The same, creating the last component (mode 0750) when missing; *CREATED says so. */
int dir_make(const char *dir, bool *created);

/* The command line (options.c), for one command of the table (commands.c). */
struct opts {
	const char *dir, *conf;		/* -D and -C, or their defaults */
	const struct command *cmd;
	bool json;			/* -j */
	struct settings set;		/* the saved settings, then the options over them */
	char **args;			/* the operands */
	int nargs;
};

/* What a command takes, besides its operands. */
enum {
	CMD_DIR = 1 << 0,		/* works in the capture directory: -D in the synopsis */
	CMD_CONF = 1 << 1,		/* reads the saved settings (-C) before its options */
	CMD_CAPTURE = 1 << 2,		/* takes the capture options */
	CMD_JSON = 1 << 3,		/* takes -j */
	CMD_DETACH = 1 << 4,		/* leaves a capture running: its status stands */
};

/* One command: esa-pcap's only list of them (wireguard-tools' wg.c's subcommands). */
struct command {
	const char *name;		/* "start" */
	int (*run)(const struct opts *o);	/* an exit status, after its messages */
	const char *help;		/* the synopsis after the name, "" for none */
	unsigned int flags;		/* CMD_* */
	int min_args, max_args;		/* operands; max_args -1: no limit */
};

/* The table, and its length in *N. */
const struct command *epcap_commands(size_t *n);
/* The command called NAME, or NULL. */
const struct command *epcap_command(const char *name);
/* The filter of S compiled by libpcap once, for its message: 0, or 2 after one line. */
int epcap_check_filter(const struct settings *s);

/*
 * The command line into *O, printing nothing: FRONT_RUN, FRONT_HELP, FRONT_VERSION, or
 * FRONT_ERROR (FRONT_BAD_VALUE for an unreadable settings file) with one line in MSG.
 * The saved settings are read from -C (or its default) for the commands that take them.
 */
int epcap_opts_parse(int argc, char **argv, struct opts *o, char *msg, size_t size);
/* The synopsis, one line per command of the table. */
void epcap_opts_usage(FILE *f);

/* Lifecycle (control.c): the capture itself runs in capture.c, which needs none of it. */
int ctl_stop(const char *dir);
int ctl_status(const char *dir, const struct settings *saved, bool json);
int ctl_start(const struct capture_opts *o);

/* Saved captures. */
int files_list(const char *dir, bool json);
int files_download(const char *dir, const char *name, const char *dest);
int files_delete(const char *dir, char **names, int n);
int files_clear(const char *dir);

/* Printers. */
void print_status(FILE *f, const struct state *st, bool running,
    const struct settings *set, bool json);
void print_summary(FILE *f, const struct state *st);

#endif
