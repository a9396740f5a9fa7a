/* writer.c - a buffered classic-pcap writer: whole records, large writes, MAXSIZE never passed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "epcap.h"
#include "esa.h"

/* Writes LEN bytes: LEN, or fewer (what was written) with errno set by the failure. */
static size_t
write_all(int fd, const unsigned char *p, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = write(fd, p + done, len - done);
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
whole_records(const struct writer *w, size_t len, uint64_t *records)
{
	size_t off = w->good == 0 ? 24 : 0;
	uint32_t caplen;

	*records = 0;
	if (len < off)
		return 0;
	while (off + 16 <= len) {
		memcpy(&caplen, w->buf + off + 8, 4);
		if (off + 16 + caplen > len)
			break;
		off += 16 + caplen;
		(*records)++;
	}
	return off;
}

int
writer_open(struct writer *w, int fd, size_t bufsize, int linktype, unsigned int snaplen)
{
	/* magic, version 2.4, thiszone 0, sigfigs 0, snaplen, link type: host byte order */
	uint32_t h[6] = { 0xa1b2c3d4, 0, 0, 0, snaplen, (uint32_t)linktype };
	uint16_t version[2] = { 2, 4 };

	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->cap = bufsize;
	w->buf = xmalloc(bufsize);
	memcpy(w->buf, h, 4);
	memcpy(w->buf + 4, version, 4);
	memcpy(w->buf + 8, h + 2, 16);
	w->used = 24;
	w->size = 24;
	return writer_flush(w);
}

int
writer_flush(struct writer *w)
{
	uint64_t records;
	size_t done, keep;

	if (w->used == 0)
		return 0;
	if ((done = write_all(w->fd, w->buf, w->used)) < w->used) {
		w->err = errno;
		/* keep the records that made it whole; cut the torn one after them */
		keep = whole_records(w, done, &records);
		w->good += keep;
		w->packets_good += records;
		if (ftruncate(w->fd, (off_t)w->good) < 0 || lseek(w->fd, (off_t)w->good, SEEK_SET) < 0)
			w->repair_err = errno;
		w->size = w->good;
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

int
writer_add(struct writer *w, uint64_t maxsize, const struct timeval *ts,
    unsigned int caplen, unsigned int len, const unsigned char *data)
{
	uint32_t h[4] = { (uint32_t)ts->tv_sec, (uint32_t)ts->tv_usec, caplen, len };
	size_t need = 16 + (size_t)caplen;

	if (w->size + need > maxsize)
		return 1;
	if (w->used + need > w->cap && writer_flush(w) < 0)
		return -1;
	if (need > w->cap) {
		/* a record larger than the buffer (snaplen past it): straight out */
		if (write_all(w->fd, (const unsigned char *)h, 16) < 16 ||
		    write_all(w->fd, data, caplen) < caplen) {
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
	memcpy(w->buf + w->used, h, 16);
	memcpy(w->buf + w->used + 16, data, caplen);
	w->used += need;
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
	if (writer_flush(w) < 0)
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
