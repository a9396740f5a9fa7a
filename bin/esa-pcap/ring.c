/* SPDX-License-Identifier: BSD-2-Clause */
/* ring.c - how full the kernel's capture ring is: its blocks' owners, read in place. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/if_packet.h>

#include "epcap.h"
#include "esa.h"

/* A hexadecimal number at *P ending in END: its value, *P past it; -1 when none. */
static int
hex(const char **p, const char *lim, char end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int n = 0;

	for (; s < lim && *s != end; s++, n++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;

		if (d < 0 || n == 16)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	if (n == 0 || s == lim)
		return -1;
	*p = s + 1;
	*out = v;
	return 0;
}

/* Past the next field at *P (up to a blank): 0, or -1 at the end of the line. */
static int
skip_field(const char **p, const char *lim)
{
	const char *s = memchr(*p, ' ', (size_t)(lim - *p));

	if (s == NULL || s == *p)
		return -1;
	*p = s + 1;
	return 0;
}

/*
 * Is LINE..LIM, past its address range, "PERMS OFFSET DEV INO   socket:[INO]": the
 * mapping of socket INO? Its path must be that whole (a file's path may hold blanks).
 */
static bool
names_socket(const char *p, const char *lim, uint64_t ino)
{
	char want[40];
	int n = snprintf(want, sizeof(want), "%llu", (unsigned long long)ino);

	if (skip_field(&p, lim) < 0 || skip_field(&p, lim) < 0 || skip_field(&p, lim) < 0 ||
	    lim - p < n + 1 || memcmp(p, want, (size_t)n) != 0 || p[n] != ' ')
		return false;
	for (p += n; p < lim && *p == ' '; p++)
		;
	n = snprintf(want, sizeof(want), "socket:[%llu]", (unsigned long long)ino);
	return lim - p == n && memcmp(p, want, (size_t)n) == 0;
}

int
ring_map_find(const char *buf, size_t len, uint64_t ino, uint64_t *start, uint64_t *size)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *lim = nl ? nl : end, *q = p;
		uint64_t lo, hi;

		if (hex(&q, lim, '-', &lo) == 0 && hex(&q, lim, ' ', &hi) == 0 && hi > lo &&
		    names_socket(q, lim, ino)) {
			*start = lo;
			*size = hi - lo;
			return 0;
		}
		p = lim + (nl != NULL);
	}
	return -1;
}

/* /proc/self/maps, whole: a new buffer and *LEN, or NULL. */
static char *
read_maps(size_t *len)
{
	size_t cap = 64 << 10, n = 0;
	char *buf = xmalloc(cap);
	ssize_t r;
	int fd;

	if ((fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)) < 0) {
		free(buf);
		return NULL;
	}
	while ((r = read(fd, buf + n, cap - n)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return NULL;
		}
		n += (size_t)r;
		if (n == cap) {
			buf = xrealloc(buf, 2, cap);
			cap *= 2;
		}
	}
	close(fd);
	*len = n;
	return buf;
}

/*
 * libpcap maps the ring of a TPACKET_V3 socket as one area of blocks; a block is the
 * smallest power-of-two number of pages that holds 256 KiB (libpcap's frame of
 * MAXIMUM_SNAPLEN, one frame a block). The kernel writes each block's descriptor
 * when it starts filling it: the first block's offset_to_priv says it is one.
 */
int
ring_probe_open(struct ring_probe *r, int fd)
{
	uint64_t start, size;
	size_t block = (size_t)sysconf(_SC_PAGESIZE), len;
	const struct tpacket_block_desc *d;
	struct stat sb;
	char *maps;
	int rc;

	memset(r, 0, sizeof(*r));
	if (fstat(fd, &sb) < 0 || (maps = read_maps(&len)) == NULL)
		return -1;
	rc = ring_map_find(maps, len, (uint64_t)sb.st_ino, &start, &size);
	free(maps);
	while (block < (256 << 10))
		block <<= 1;
	if (rc < 0 || size % block != 0)
		return -1;
	d = (const struct tpacket_block_desc *)(uintptr_t)start;
	if (d->version != TPACKET_V3 || d->offset_to_priv != sizeof(*d))
		return -1;
	r->base = (const volatile unsigned char *)(uintptr_t)start;
	r->block = block;
	r->nblocks = (unsigned int)(size / block);
	return 0;
}

unsigned int
ring_probe_free(const struct ring_probe *r)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < r->nblocks; i++) {
		const volatile struct tpacket_block_desc *d =
		    (const volatile struct tpacket_block_desc *)(r->base + (size_t)i * r->block);

		if (!(d->hdr.bh1.block_status & TP_STATUS_USER))
			n++;
	}
	return n;
}
