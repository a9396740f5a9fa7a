/* SPDX-License-Identifier: BSD-2-Clause */
/* repair.c - the tail repair of a classic pcap file: keep its last whole record. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "epcap.h"

static uint32_t
get32(const unsigned char *p, bool swap)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return swap ? __builtin_bswap32(v) : v;
}

long long
repair_length(const unsigned char *buf, size_t len, uint64_t *records)
{
	uint32_t magic, snaplen, caplen, origlen, limit;
	size_t off = 24;
	bool swap;
	uint64_t n = 0;

	if (len < 24)
		return -1;
	memcpy(&magic, buf, 4);
	/* microsecond and nanosecond pcap, either byte order */
	if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
		swap = false;
	else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
		swap = true;
	else
		return -1;
	snaplen = get32(buf + 16, swap);
	limit = snaplen > 262144 ? snaplen : 262144;
	while (len - off >= 16) {
		caplen = get32(buf + off + 8, swap);
		origlen = get32(buf + off + 12, swap);
		if (caplen > limit || caplen > origlen || origlen == 0 ||
		    get32(buf + off + 4, swap) >= 1000000000 || len - off - 16 < caplen)
			break;
		off += 16 + caplen;
		n++;
	}
	if (records != NULL)
		*records = n;
	return (long long)off;
}

int
repair_file(int dirfd, const char *name)
{
	struct stat sb;
	long long whole;
	void *map;
	int fd, rc = 0, e;

	if ((fd = openat(dirfd, name, O_RDWR | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		e = S_ISREG(sb.st_mode) ? errno : EINVAL;
		close(fd);
		errno = e;
		return -1;
	}
	if (sb.st_size < 24) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	whole = repair_length(map, (size_t)sb.st_size, NULL);
	munmap(map, (size_t)sb.st_size);
	if (whole < 0) {
		rc = -1;
		errno = EINVAL;
	} else if (whole < sb.st_size) {
		rc = ftruncate(fd, whole) < 0 || fsync(fd) < 0 ? -1 : 1;
	}
	e = errno;
	close(fd);
	errno = e;
	return rc;
}
