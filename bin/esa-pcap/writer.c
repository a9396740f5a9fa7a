/* SPDX-License-Identifier: BSD-2-Clause */
/* writer.c - a buffered classic-pcap writer: whole records, large writes, MAXSIZE never passed. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "writer.h"
#include "esa.h"

/*
 * Writes LEN bytes, at file offset OFF (-1: at the file position): LEN, or fewer (what
 * was written) with errno set by the failure.
 */
static size_t
write_all(int fd, const unsigned char *p, size_t len, int64_t off)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		if (off < 0)
			n = write(fd, p + done, len - done);
		else
			n = pwrite(fd, p + done, len - done, (off_t)((uint64_t)off + done));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return done;
		}
		if (n == 0) {
			errno = ENOSPC;
			return done;
		}
		done += (size_t)n;
	}
	return done;
}

/*
 * Of the records in the buffer, those wholly within its first LEN bytes: their length,
 * and in *records their count. The buffer holds whole records, in host byte order.
 */
static size_t
whole_records(const unsigned char *buf, bool header, size_t len, uint64_t *records)
{
	size_t off = header ? 24 : 0;
	uint32_t caplen;

	*records = 0;
	if (len < off)
		return 0;
	while (off + 16 <= len) {
		memcpy(&caplen, buf + off + 8, 4);
		if (off + 16 + caplen > len)
			break;
		off += 16 + caplen;
		(*records)++;
	}
	return off;
}

/*
 * After a failed write, what the file holds whole: T->good is the end of its last whole
 * record written, T->next the end of the record after it once its header was read
 * (else equal to good). Walks the buffer holding file bytes [START, START + LEN) and
 * counts the records that end at or before UPTO.
 */
struct tally {
	uint64_t good, next, packets;
};

static void
tally_records(struct tally *t, const unsigned char *buf, uint64_t start, size_t len,
    uint64_t upto)
{
	uint32_t caplen;

	for (;;) {
		if (t->next == t->good) {
			if (t->good < start || t->good - start + 16 > len)
				return;
			memcpy(&caplen, buf + (t->good - start) + 8, 4);
			t->next = t->good + 16 + caplen;
		}
		if (t->next > upto)
			return;
		t->good = t->next;
		t->packets++;
	}
}

/* A buffer for the writer, aligned for O_DIRECT. */
static unsigned char *
buf_new(size_t size)
{
	void *p = NULL;

	if (posix_memalign(&p, WRITER_ALIGN, size ? size : 1) != 0)
		errx(ESA_EXIT_ERR, "out of memory");
	return p;
}

static int sync_flush(struct writer *w);

int
writer_open(struct writer *w, int fd, size_t bufsize, int linktype, unsigned int snaplen)
{
	/* magic, version 2.4, thiszone 0, sigfigs 0, snaplen, link type: host byte order */
	uint32_t h[6] = { 0xa1b2c3d4, 0, 0, 0, snaplen, (uint32_t)linktype };
	uint16_t version[2] = { 2, 4 };

	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->cap = bufsize;
	w->buf = buf_new(bufsize);
	memcpy(w->buf, h, 4);
	memcpy(w->buf + 4, version, 4);
	memcpy(w->buf + 8, h + 2, 16);
	w->used = 24;
	w->size = 24;
	return sync_flush(w);
}

int
writer_wb_range(uint64_t done, uint64_t end, uint64_t window, uint64_t *from, uint64_t *to)
{
	uint64_t t;

	if (end < done || end - done < 2 * window)
		return 0;
	t = (end - window) & ~(uint64_t)4095;
	if (t <= done)
		return 0;
	*from = done;
	*to = t;
	return 1;
}

/* O_DIRECT on or off for FD: 0, or -1 with errno (EINVAL: the filesystem refuses it). */
static int
set_direct(int fd, bool on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -1;
	return fcntl(fd, F_SETFL, on ? fl | O_DIRECT : fl & ~O_DIRECT);
}

/*
 * Writes a queued buffer (file bytes [OFF, OFF + LEN)): with *DIRECT its whole pages
 * with O_DIRECT and, when ALL, the part page after them through the page cache;
 * otherwise all of it through the page cache. A first O_DIRECT write refused with
 * EINVAL turns *DIRECT off for good and writes through the page cache instead. *WANT
 * is what had to be written; returns what was, with errno set when that is less.
 */
static size_t
write_buffer(struct writer *w, const unsigned char *p, size_t len, uint64_t off, bool all,
    bool *direct, size_t *want)
{
	size_t cut = len & ~(size_t)(WRITER_ALIGN - 1), done;

	*want = len;
	if (!w->seekable)
		return write_all(w->fd, p, len, -1);
	if (*direct) {
		done = write_all(w->fd, p, cut, (int64_t)off);
		if (done == 0 && cut > 0 && errno == EINVAL) {
			*direct = false;
			(void)set_direct(w->fd, false);
		} else if (done < cut || !all || cut == len) {
			*want = all ? len : cut;
			return done;
		} else {
			/* the part page, through the page cache: the next buffer writes it again */
			if (set_direct(w->fd, false) < 0)
				return done;
			done += write_all(w->fd, p + cut, len - cut, (int64_t)(off + cut));
			if (set_direct(w->fd, true) < 0)
				*direct = false;
			return done;
		}
	}
	return write_all(w->fd, p, len, (int64_t)off);
}

/* Through the page cache: start the writeback of what was written, keep WINDOW dirty. */
static void
writeback(struct writer *w, uint64_t off, size_t len)
{
	uint64_t from, to;

	(void)sync_file_range(w->fd, (off_t)off, (off_t)len, SYNC_FILE_RANGE_WRITE);
	if (w->window && writer_wb_range(w->wb_done, off + len, w->window, &from, &to)) {
		/* advisory: a writeback error still reaches fsync() and close() */
		(void)sync_file_range(w->fd, (off_t)from, (off_t)(to - from),
		    SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
		    SYNC_FILE_RANGE_WAIT_AFTER);
		(void)posix_fadvise(w->fd, (off_t)from, (off_t)(to - from), POSIX_FADV_DONTNEED);
		w->wb_done = to;
	}
}

/*
 * The thread: writes the queued buffers in order. Through the page cache, after a
 * buffer it starts its writeback (sync_file_range WRITE) and, once more than 2 * window
 * is outstanding, waits for the oldest part and drops it from the page cache: dirty
 * pages never pile up to the point where the kernel throttles writers. A failed write
 * truncates the file to its last whole record and discards everything after it.
 */
static void *
writer_thread(void *arg)
{
	struct writer *w = arg;
	struct wq_entry e;
	struct tally t;
	size_t done, want;
	bool failed, direct;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (w->qlen == 0 && !w->stopping)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->qlen == 0)
			break;
		e = w->q[w->qhead];
		w->busy = true;
		failed = w->failed;
		direct = w->a_direct;
		t.good = t.next = w->a_good;
		t.packets = w->a_packets_good;
		pthread_mutex_unlock(&w->mu);

		done = want = 0;
		if (!failed)
			done = write_buffer(w, w->bufs[e.buf], e.bytes, e.start, e.all, &direct, &want);
		if (done < want) {
			int err = errno, re = 0;
			uint64_t upto = e.start + done;

			/* count on from a record boundary in this buffer: the reader's, or ours */
			if (t.good < e.sync_off && e.sync_off <= upto) {
				t.good = t.next = e.sync_off;
				t.packets = e.sync_pk;
			}
			if (t.good >= e.sync_off)
				tally_records(&t, w->bufs[e.buf], e.start, e.bytes, upto);
			/* at offsets from here on: async_finish() moves the file position */
			if (ftruncate(w->fd, (off_t)t.good) < 0)
				re = errno;
			pthread_mutex_lock(&w->mu);
			w->a_err = err;
			w->a_repair_err = re;
			w->failed = true;
		} else {
			if (!failed && !direct)
				writeback(w, e.start, e.bytes);
			/* the reader's count: to the end, or to the last record before the part page */
			if (!failed && want == e.bytes && e.start + e.bytes > t.good) {
				t.good = e.start + e.bytes;
				t.packets = e.end_pk;
			} else if (!failed && e.page_off > t.good) {
				t.good = e.page_off;
				t.packets = e.page_pk;
			}
			pthread_mutex_lock(&w->mu);
		}
		w->a_good = t.good;
		w->a_packets_good = t.packets;
		w->a_direct = direct;
		w->qhead = (w->qhead + 1) % WRITER_MAXBUF;
		w->qlen--;
		w->held -= e.bytes;
		w->freel[w->nfree++] = e.buf;
		w->busy = false;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/*
 * O_DIRECT from the file's first byte: the file so far (its header, no record yet) is
 * still in the buffer and is written again, whole, with the first page.
 */
static bool
direct_start(struct writer *w)
{
	if (!w->seekable || w->cap < WRITER_DIRECT_MIN || w->cap % WRITER_ALIGN != 0 ||
	    w->packets != 0 || w->good > w->cap || set_direct(w->fd, true) < 0)
		return false;
	w->used = (size_t)w->good;
	w->start = 0;
	w->page = (struct wq_mark){ 0, 0 };
	w->next = (struct wq_mark){ w->good, 0 };
	return true;
}

int
writer_async(struct writer *w, size_t nbuf, size_t maxbuf, uint64_t window)
{
	struct stat sb;
	sigset_t all, old;
	int e;

	if (nbuf < 2 || maxbuf < nbuf || maxbuf > WRITER_MAXBUF || w->async || w->fd < 0) {
		w->err = errno = EINVAL;
		return -1;
	}
	if (sync_flush(w) < 0)
		return -1;
	w->seekable = fstat(w->fd, &sb) == 0 && S_ISREG(sb.st_mode);
	w->start = w->good;
	w->sync = (struct wq_mark){ w->good, w->packets };
	w->direct = w->a_direct = direct_start(w);
	w->fresh = 0;
	w->bufs[0] = w->buf;
	for (size_t i = 1; i < nbuf; i++) {
		w->bufs[i] = buf_new(w->cap);
		w->freel[w->nfree++] = i;
	}
	w->nbuf = nbuf;
	w->maxbuf = maxbuf;
	w->held = w->peak = 0;
	w->cur = 0;
	w->window = window;
	w->wb_done = 0;
	w->a_good = w->good;
	w->a_packets_good = w->packets_good;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	/* signals go to the ring reader: a stop must interrupt its poll() */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	e = pthread_create(&w->thread, NULL, writer_thread, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e != 0) {
		for (size_t i = 1; i < nbuf; i++)
			free(w->bufs[i]);
		w->nbuf = w->nfree = 0;
		w->used = 0;
		if (w->direct)
			(void)set_direct(w->fd, false);
		w->direct = false;
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		w->err = errno = e;
		return -1;
	}
	w->async = true;
	return 0;
}

/* After the thread failed (lock held): back to what is on disk, the error in w->err. */
static int
adopt_failure(struct writer *w)
{
	if (w->packets > w->a_packets_good)
		w->lost += w->packets - w->a_packets_good;
	w->good = w->size = w->a_good;
	w->packets_good = w->packets = w->a_packets_good;
	w->err = w->a_err;
	w->repair_err = w->a_repair_err;
	w->used = w->fresh = 0;
	errno = w->err;
	return -1;
}

/*
 * Queues the current buffer, to be written to its end (ALL) or, with O_DIRECT, up to
 * its last whole page, and takes a free one (waiting for it), which starts with the
 * part page left: 0, or -1.
 */
static int
async_flush(struct writer *w, bool all)
{
	size_t tail, cut;
	unsigned char *old = w->buf;
	int rc = 0;

	pthread_mutex_lock(&w->mu);
	if (w->failed) {
		rc = adopt_failure(w);
		goto out;
	}
	if (w->fresh == 0)
		goto out;
	w->direct = w->a_direct;
	tail = (w->qhead + w->qlen) % WRITER_MAXBUF;
	w->q[tail] = (struct wq_entry){
		.buf = w->cur, .bytes = w->used, .start = w->start, .all = all,
		.sync_off = w->sync.off, .sync_pk = w->sync.pk,
		.page_off = w->page.off, .page_pk = w->page.pk, .end_pk = w->packets,
	};
	w->qlen++;
	w->held += w->used;
	if (w->held > w->peak)
		w->peak = w->held;
	pthread_cond_broadcast(&w->cv);
	/* the thread is behind: one more buffer while the bound allows, then wait */
	if (w->nfree == 0 && w->nbuf < w->maxbuf) {
		w->bufs[w->nbuf] = buf_new(w->cap);
		w->freel[w->nfree++] = w->nbuf++;
	}
	while (w->nfree == 0)
		pthread_cond_wait(&w->cv, &w->mu);
	w->cur = w->freel[--w->nfree];
	w->buf = w->bufs[w->cur];
	cut = w->direct ? w->used & ~(size_t)(WRITER_ALIGN - 1) : w->used;
	/* the thread only reads OLD; it may be the new buffer itself, written already */
	memmove(w->buf, old + cut, w->used - cut);
	w->start += cut;
	w->used -= cut;
	w->fresh = all ? 0 : w->used;
	/* what the new buffer holds first: the rest of the record over the page boundary */
	if (w->direct)
		w->sync = w->next;
	else
		w->sync = (struct wq_mark){ w->start, w->packets };
	if (w->failed)
		rc = adopt_failure(w);
out:
	pthread_mutex_unlock(&w->mu);
	return rc;
}

/* Queues the current buffer, waits until everything is written, ends the thread. */
static int
async_finish(struct writer *w)
{
	int rc = async_flush(w, true);

	pthread_mutex_lock(&w->mu);
	w->stopping = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	if (w->failed) {
		rc = adopt_failure(w);
	} else {
		w->good = w->a_good;
		w->packets_good = w->a_packets_good;
	}
	for (size_t i = 0; i < w->nbuf; i++)
		if (w->bufs[i] != w->buf)
			free(w->bufs[i]);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	/* synchronous from here: through the page cache, at the file position */
	if (w->a_direct)
		(void)set_direct(w->fd, false);
	if (w->seekable)
		(void)lseek(w->fd, (off_t)w->good, SEEK_SET);
	w->async = w->direct = false;
	w->used = w->fresh = 0;
	w->nbuf = 0;
	return rc;
}

int
writer_flush(struct writer *w)
{
	return w->async ? async_flush(w, true) : sync_flush(w);
}

/* Writes out the buffer now (synchronous mode). */
static int
sync_flush(struct writer *w)
{
	uint64_t records;
	size_t done, keep;

	if (w->used == 0)
		return 0;
	if ((done = write_all(w->fd, w->buf, w->used, -1)) < w->used) {
		w->err = errno;
		/* keep the records that made it whole; cut the torn one after them */
		keep = whole_records(w->buf, w->good == 0, done, &records);
		w->good += keep;
		w->packets_good += records;
		if (ftruncate(w->fd, (off_t)w->good) < 0 || lseek(w->fd, (off_t)w->good, SEEK_SET) < 0)
			w->repair_err = errno;
		w->size = w->good;
		w->lost += w->packets - w->packets_good;
		w->packets = w->packets_good;
		w->used = 0;
		errno = w->err;
		return -1;
	}
	w->good += w->used;
	w->packets_good = w->packets;
	w->used = 0;
	return 0;
}

/*
 * O_DIRECT writes a buffer up to its last page boundary: the record about to be added
 * (NEED bytes) that reaches a page boundary sets the count there, for the thread
 * (w->page: the last record ending on or before it) and for the next buffer, which
 * starts at that boundary (w->next: the first record ending on or after it).
 */
static void
mark_pages(struct writer *w, size_t need)
{
	uint64_t s = w->start + w->used, e = s + need;

	if (s / WRITER_ALIGN == e / WRITER_ALIGN)
		return;
	w->next = (struct wq_mark){ e, w->packets + 1 };
	if (e % WRITER_ALIGN == 0)
		w->page = w->next;
	else
		w->page = (struct wq_mark){ s, w->packets };
}

int
writer_add(struct writer *w, uint64_t maxsize, const struct timeval *ts,
    unsigned int caplen, unsigned int len, const unsigned char *data)
{
	uint32_t h[4] = { (uint32_t)ts->tv_sec, (uint32_t)ts->tv_usec, caplen, len };
	size_t need = 16 + (size_t)caplen;

	if (w->size + need > maxsize)
		return 1;
	/* a buffer laid out for O_DIRECT may start with a part page of the last one */
	if (need > w->cap - (w->direct ? WRITER_ALIGN : 0) && w->async && async_finish(w) < 0)
		return -1;	/* a record larger than a buffer: synchronous from here */
	if (w->used + need > w->cap &&
	    (w->async ? async_flush(w, false) : sync_flush(w)) < 0)
		return -1;
	if (need > w->cap) {
		/* a record larger than the buffer (snaplen past it): straight out */
		if (write_all(w->fd, (const unsigned char *)h, 16, -1) < 16 ||
		    write_all(w->fd, data, caplen, -1) < caplen) {
			w->err = errno;
			if (ftruncate(w->fd, (off_t)w->good) < 0 ||
			    lseek(w->fd, (off_t)w->good, SEEK_SET) < 0)
				w->repair_err = errno;
			errno = w->err;
			return -1;
		}
		w->good += need;
		w->size += need;
		w->packets_good = ++w->packets;
		return 0;
	}
	if (w->direct)
		mark_pages(w, need);
	memcpy(w->buf + w->used, h, 16);
	memcpy(w->buf + w->used + 16, data, caplen);
	w->used += need;
	w->fresh += need;
	w->size += need;
	w->packets++;
	return 0;
}

int
writer_close(struct writer *w, bool sync)
{
	int rc = 0;

	if (w->fd < 0)
		return 0;
	if (w->async ? async_finish(w) < 0 : sync_flush(w) < 0)
		rc = -1;
	if (sync && fsync(w->fd) < 0 && rc == 0) {
		w->err = errno;
		rc = -1;
	}
	if (close(w->fd) < 0 && rc == 0) {
		w->err = errno;
		rc = -1;
	}
	w->fd = -1;
	free(w->buf);
	w->buf = NULL;
	return rc;
}
