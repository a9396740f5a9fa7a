/* SPDX-License-Identifier: BSD-2-Clause */
/* writer.h - esa-pcap's buffered classic-pcap writer, and its writer thread. */
#ifndef ESA_PCAP_WRITER_H
#define ESA_PCAP_WRITER_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

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

#endif
