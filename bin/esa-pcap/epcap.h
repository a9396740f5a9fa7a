/* SPDX-License-Identifier: BSD-2-Clause */
/* epcap.h - esa-pcap's pieces: settings, filter, names, state, tail repair, writer, capture. */
#ifndef ESA_PCAP_H
#define ESA_PCAP_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/time.h>
#include <time.h>

#include "text.h"

#define PCAP_DEFAULT_DIR	"/var/lib/esa-pcap"
#define PCAP_DEFAULT_CONF	"/etc/esa-tools/esa-pcap.conf"
#define PCAP_LOCK_NAME		".esa-pcap.lock"
#define PCAP_STATE_NAME		".esa-pcap.state"

#define PCAP_MAXSIZE_DEFAULT	(UINT64_C(200) << 20)
#define PCAP_MAXSIZE_MIN	UINT64_C(1024)
#define PCAP_MAXSIZE_MAX	(UINT64_C(1) << 40)
#define PCAP_DURATION_MAX_MS	(UINT64_C(366) * 86400000)
#define PCAP_RING_MAX		999
#define PCAP_SNAPLEN_DEFAULT	262144
#define PCAP_SNAPLEN_MIN	64
/* -B: the kernel's ring (libpcap rounds it up to whole 256 KiB blocks) */
#define PCAP_BUFSIZE_DEFAULT	(UINT64_C(64) << 20)
#define PCAP_BUFSIZE_MIN	(UINT64_C(1) << 20)
#define PCAP_BUFSIZE_MAX	(UINT64_C(1) << 30)
#define PCAP_MAX_HOSTS		32
#define PCAP_MAX_PORTS		32
/* A message before the capture runs: up to three quoted strings (text_quote) and words. */
#define PCAP_MSG_MAX		(3 * TEXT_QUOTE_SIZE + 256)
#define PCAP_FILTER_MAX		4096	/* bounds what reaches pcap_compile's optimizer */

/* The settings of a capture: saved by `setup`, overridden by options for one capture. */
struct settings {
	char iface[256];		/* "any" or NAME[,NAME...] */
	char filter[PCAP_FILTER_MAX];	/* -f, may be empty */
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
enum pcap_end {
	END_RUNNING = 0, END_STOPPED, END_SIZE, END_TIME, END_DISK_FULL, END_IFACE_GONE,
	END_IFACE_DOWN, END_FAILED, END_KILLED, END_COUNT_
};
const char *end_text(enum pcap_end e);
int end_parse(const char *s, enum pcap_end *e);

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
	enum pcap_end end;
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
long long pcap_whole_length(const unsigned char *buf, size_t len, uint64_t *records);
/* Repairs the file NAME in DIRFD: 0 (nothing to do), 1 (truncated), -1 with errno. */
int pcap_repair_file(int dirfd, const char *name);

/*
 * The buffered classic-pcap writer: whole records only, the size limit checked first.
 * Synchronous after writer_open(); writer_async() hands full buffers to a writer thread
 * instead, so that the caller (the ring reader) never waits for the disk while a free
 * buffer is left.
 */
#define WRITER_MAXBUF	64

/*
 * A buffer queued for the writer thread, with what the ring reader knows of it (file
 * offsets; packet counts from the file's first record): a record boundary in it to
 * count from after a failed write, the last record that ends on or before its last
 * whole page, and the count at its end.
 */
struct wq_entry {
	size_t buf, bytes;		/* which buffer, how many bytes */
	uint64_t start;			/* where it goes in the file */
	bool all;			/* written to its end, not only its whole pages */
	uint64_t sync_off, sync_pk;	/* a record boundary in it, the count there */
	uint64_t page_off, page_pk;	/* the last record ending on or before its last page */
	uint64_t end_pk;		/* the count at its end */
};

/* The ring reader's running count for the current buffer: see writer_add(). */
struct wq_mark {
	uint64_t off, pk;
};

struct writer {
	int fd;
	unsigned char *buf;		/* the buffer being filled */
	size_t cap, used;
	uint64_t good;			/* bytes on disk, all whole records */
	uint64_t size;			/* good + used: the file's size once flushed */
	uint64_t packets_good, packets;
	uint64_t lost;			/* packets added, then thrown away by a failed write */
	int err;			/* errno of a failed write */
	int repair_err;			/* errno of a failed truncation after it */
	/* asynchronous mode: the fields below the lock are shared with the thread */
	bool async;
	bool direct;			/* buffers laid out for O_DIRECT: the caller's copy */
	bool seekable;			/* a regular file: written at offsets */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	uint64_t start;			/* the file offset of buf[0] */
	size_t fresh;			/* bytes of buf not yet queued to be written whole */
	uint64_t window;		/* bytes allowed dirty or under writeback */
	uint64_t wb_done;		/* written back and dropped from the page cache below this */
	unsigned char *bufs[WRITER_MAXBUF];
	size_t nbuf, maxbuf;		/* buffers now, and at most (more under pressure) */
	uint64_t held, peak;		/* bytes queued or being written; the most seen */
	struct wq_entry q[WRITER_MAXBUF];	/* full buffers, in file order */
	size_t qlen, qhead;
	struct wq_mark sync;		/* a record boundary in buf, and the count there */
	struct wq_mark page, next;	/* around the last page boundary records passed */
	size_t freel[WRITER_MAXBUF], nfree;
	size_t cur;			/* index of buf */
	bool busy, stopping, failed;
	bool a_direct;			/* the thread still writes with O_DIRECT */
	uint64_t a_good, a_packets_good;	/* the thread's good and packets_good */
	int a_err, a_repair_err;
};

int writer_open(struct writer *w, int fd, size_t bufsize, int linktype, unsigned int snaplen);
/*
 * From now on, NBUF buffers of the open size (2..MAXBUF) and a writer thread that
 * keeps at most about WINDOW bytes (0: no limit) of the file dirty or under writeback
 * in the page cache, dropping what is on disk: 0, or -1 with errno. When the thread
 * falls behind and no buffer is free, another is allocated, up to MAXBUF
 * (..WRITER_MAXBUF) in all; only then does the caller wait. w->peak is the most the
 * queue held, in bytes.
 *
 * A regular file whose filesystem takes O_DIRECT, written by buffers of at least
 * WRITER_DIRECT_MIN bytes (a multiple of WRITER_ALIGN) from its first record on, is
 * written past the page cache: each buffer starts on a page boundary of the file and
 * its whole pages go with O_DIRECT, the part page after them goes again at the start
 * of the next buffer. A flush (writer_flush, the end) also writes that part page
 * through the page cache, so that the file then ends on its last whole record.
 * Elsewhere (a pipe, tmpfs before Linux 6.6, a write refused with EINVAL), through
 * the page cache as before.
 */
#define WRITER_ALIGN		4096
#define WRITER_DIRECT_MIN	(64 << 10)
int writer_async(struct writer *w, size_t nbuf, size_t maxbuf, uint64_t window);
/* 0 written (buffered), 1 would pass MAXSIZE (nothing written), -1 write error. */
int writer_add(struct writer *w, uint64_t maxsize, const struct timeval *ts,
    unsigned int caplen, unsigned int len, const unsigned char *data);
/*
 * Writes out the buffer; on failure truncates to the last whole record: 0 or -1.
 * Asynchronous: queues it for the thread (waiting only when no buffer is free); -1
 * when an earlier write failed, with size and packets back at what is on disk.
 */
int writer_flush(struct writer *w);
/* Flushes, waits for the thread, fsyncs (when SYNC) and closes: 0, or -1 with w->err. */
int writer_close(struct writer *w, bool sync);
/*
 * Writeback bookkeeping: with the file written up to END and [0, DONE) already on disk
 * and dropped, the range [*FROM, *TO) to wait for and drop now (page-aligned, leaving
 * the last WINDOW bytes in flight): 1, or 0 when less than 2 * WINDOW is outstanding.
 */
int writer_wb_range(uint64_t done, uint64_t end, uint64_t window, uint64_t *from, uint64_t *to);

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
 * The write flocks on device MAJ:MIN, inode INO in BUF (LEN bytes of /proc/locks or of
 * a /proc/PID/fdinfo file): their holders' PIDs in PIDS (at most MAX), and how many
 * there are. Waiters count for nothing. Pure.
 */
size_t lock_holders(const char *buf, size_t len, unsigned int maj, unsigned int min,
    uint64_t ino, long *pids, size_t max);
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
