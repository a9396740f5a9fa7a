/* SPDX-License-Identifier: BSD-2-Clause */
/* capture.c - the capture process: libpcap handle, files, limits, signals, state. */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include <linux/capability.h>
#include <linux/netlink.h>

#include "cap.h"
#include "epcap.h"
#include "writer.h"
#include "esa.h"
#include "link.h"
#include "nl.h"
#include "priv.h"
#include "text.h"
#include "tick.h"

#ifndef WRITE_SIZE
#define WRITE_SIZE	(4 << 20)	/* one write buffer: large writes, few system calls */
#endif
#ifndef WRITE_BUFS
#define WRITE_BUFS	8		/* buffers between the ring reader and the writer thread */
#endif
#ifndef WRITE_BUFS_MAX
#define WRITE_BUFS_MAX	32		/* ... and at most, when the writer falls behind */
#endif
#ifndef WB_WINDOW
#define WB_WINDOW	(16 << 20)	/* file data left dirty or under writeback, at most ~2x */
#endif
#define BLOCK_MS	200		/* a block goes to user space after at most this */
#define BATCH		8192		/* packets per pcap_dispatch(): a stop is seen soon */
#define SAMPLE_MS	100		/* how often the ring's free blocks are counted */

static volatile sig_atomic_t stop_signal;

static void
on_stop(int sig)
{
	stop_signal = sig;
}

static void
on_ignore(int sig)
{
	(void)sig;
}

/* Milliseconds since T0 (tick_ns()). */
static uint64_t
ms_since(int64_t t0)
{
	return (uint64_t)((tick_ns() - t0) / 1000000);
}

/*
 * Adds L to the interfaces status shows: its alias when set (as every tool shows an
 * interface), unless the alias could not be read back from the state file (a ','
 * or a control byte) or the list would grow past its field: then its kernel name.
 */
static void
show_iface(struct cap *c, const struct link *l)
{
	char *shown = c->shown;
	const char *a = l->alias, *why;
	size_t used = strlen(shown), n;
	struct settings probe;

	settings_default(&probe);
	if (a == NULL || *a == '\0' || strchr(a, ',') != NULL ||
	    settings_set(&probe, "interface", a, &why) < 0)
		a = l->name;
	n = strlen(a);
	if (used + (used > 0) + n >= sizeof(c->shown))
		a = l->name, n = strlen(a);
	if (used + (used > 0) + n < sizeof(c->shown))
		snprintf(shown + used, sizeof(c->shown) - used, "%s%s", used > 0 ? "," : "", a);
}

/* Resolves the interface list (names or aliases) to indexes and kernel names. */
static int
resolve_ifaces(struct cap *c)
{
	struct link_table links = { 0 };
	char list[sizeof(c->o->set.iface)], *save = NULL, *name;
	char safe[TEXT_QUOTE_SIZE], kname[TEXT_SAFE_SIZE(IF_NAMESIZE)];
	struct nl *nl;
	int rc = 0;

	if (strcmp(c->o->set.iface, "any") == 0)
		return 0;
	if ((nl = nl_open(NETLINK_ROUTE)) == NULL)
		return cap_fail(c, ESA_EXIT_ERR, "netlink socket: %s", strerror(errno));
	if (link_load(nl, &links, 0) < 0) {
		rc = cap_fail(c, ESA_EXIT_ERR, "reading the interface table: %s", strerror(errno));
		goto out;
	}
	/* ',' separates the list: an alias holding one can only be refused, saying so */
	if (strchr(c->o->set.iface, ',') != NULL && link_by_name(&links, c->o->set.iface) != NULL) {
		rc = cap_fail(c, ESA_EXIT_ERR, "%s: an alias holding ',' cannot be named: use %s",
		    text_quote(safe, sizeof(safe), c->o->set.iface), text_quote(kname, sizeof(kname),
		    link_by_name(&links, c->o->set.iface)->name));
		goto out;
	}
	strcpy(list, c->o->set.iface);
	for (name = strtok_r(list, ",", &save); name != NULL; name = strtok_r(NULL, ",", &save)) {
		const struct link *l = link_by_name(&links, name);

		if (l == NULL) {
			rc = cap_fail(c, ESA_EXIT_ERR, "%s: %s", text_quote(safe, sizeof(safe), name),
			    link_strerror(errno));
			goto out;
		}
		if (c->nidx == MAX_IFACES) {
			rc = cap_fail(c, ESA_EXIT_ERR, "-i: too many interfaces (at most %d)", MAX_IFACES);
			goto out;
		}
		c->idx[c->nidx] = l->index;
		snprintf(c->names[c->nidx++], IF_NAMESIZE, "%s", l->name);
		show_iface(c, l);
	}
out:
	link_table_free(&links);
	nl_close(nl);
	return rc;
}

/* The handle: created, sized, activated, filtered. 0, or an exit status. */
static int
open_handle(struct cap *c, const char *filter)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "", expr[EPCAP_FILTER_MAX + 1024];
	const char *dev = c->nidx == 1 ? c->names[0] : "any";
	char qdev[TEXT_SAFE_SIZE(IF_NAMESIZE)];
	struct bpf_program prog;
	int rc;

	/* a kernel name may hold control bytes too (the kernel accepts "k\033[7m") */
	text_quote(qdev, sizeof(qdev), dev);

	/*
	 * Started through file capabilities (cap_net_raw,cap_net_admin+p, as the packages
	 * install it for the esa-pcap group), they are permitted only: made effective for
	 * the handle, and dropped with the rest by place_drop() before any packet is read.
	 */
	priv_raise(CAP_NET_RAW);
	priv_raise(CAP_NET_ADMIN);
	if ((c->p = pcap_create(dev, ebuf)) == NULL)
		return cap_fail(c, ESA_EXIT_ERR, "%s: %s", qdev, ebuf);
	pcap_set_snaplen(c->p, (int)c->o->set.snaplen);
	pcap_set_promisc(c->p, strcmp(dev, "any") != 0);
	pcap_set_timeout(c->p, BLOCK_MS);
	pcap_set_buffer_size(c->p, (int)c->o->set.bufsize);
	rc = pcap_activate(c->p);
	if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
		return cap_fail(c, ESA_EXIT_ERR, "%s: no such interface", qdev);
	if (rc == PCAP_ERROR_PERM_DENIED)
		return cap_fail(c, ESA_EXIT_ERR, "%s: permission denied (needs CAP_NET_RAW)", qdev);
	if (rc < 0)
		return cap_fail(c, ESA_EXIT_ERR, "%s: %s", qdev, pcap_geterr(c->p));
	/* several interfaces: "any" restricted to their indexes, which SLL2 carries */
	if (c->nidx > 1 && pcap_set_datalink(c->p, DLT_LINUX_SLL2) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "any: %s", pcap_geterr(c->p));
	c->linktype = pcap_datalink(c->p);
	if (c->nidx > 1) {
		if (filter_with_ifindex(filter, c->idx, c->nidx, expr, sizeof(expr)) < 0)
			return cap_fail(c, ESA_EXIT_ERR, "filter is too long");
	} else {
		snprintf(expr, sizeof(expr), "%s", filter);
	}
	if (pcap_compile(c->p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "bad filter: %s", pcap_geterr(c->p));
	rc = pcap_setfilter(c->p, &prog);
	pcap_freecode(&prog);
	if (rc < 0)
		return cap_fail(c, ESA_EXIT_ERR, "setting the filter: %s", pcap_geterr(c->p));
	if (pcap_setnonblock(c->p, 1, ebuf) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "%s", ebuf);
	/* for status only: a ring not found leaves its figures unknown */
	if (ring_probe_open(&c->ring, pcap_get_selectable_fd(c->p)) == 0)
		c->ring_free_min = c->ring.nblocks;
	return 0;
}

/* Creates ring file SEQ (or the single file): 0, or -1 with errno. */
static int
open_file(struct cap *c, unsigned int seq)
{
	char name[256];
	int fd;

	name_file(name, sizeof(name), c->stem, seq);
	fd = openat(c->dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0)
		return -1;
	/*
	 * root creates the first file for USER: every file of a capture has one owner;
	 * the flock says "being written" to clear and delete, whatever a state file says
	 */
	if ((c->drop && fchown(fd, c->uid, c->gid) < 0) || flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int e = errno;

		close(fd);
		unlinkat(c->dirfd, name, 0);
		errno = e;
		return -1;
	}
	(void)fchmod(fd, 0640);	/* whatever the umask said */
	if (writer_open(&c->w, fd, WRITE_SIZE, c->linktype, c->o->set.snaplen) < 0) {
		int e = c->w.err;

		writer_close(&c->w, false);
		unlinkat(c->dirfd, name, 0);
		errno = e;
		return -1;
	}
	snprintf(c->st.file, sizeof(c->st.file), "%s", name);
	c->seq = seq;
	return 0;
}

/* The first file, under a name no file has: a later second when a name is taken. */
static int
first_file(struct cap *c)
{
	char host[128], hn[256] = "";
	time_t now = time(NULL);
	struct tm tm;

	gethostname(hn, sizeof(hn) - 1);
	name_host(host, sizeof(host), hn);
	for (int i = 0; i < 10; i++) {
		time_t t = now + i;

		localtime_r(&t, &tm);
		name_stem(c->stem, sizeof(c->stem), host, &tm);
		if (open_file(c, c->o->set.ring ? 1 : 0) == 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	return cap_fail(c, ESA_EXIT_ERR,
	    "%s/%s: %s", c->qdir, c->stem, strerror(errno));
}

/* Rewrites the state file: 0, or -1 with errno (the capture goes on all the same). */
static int
save_state(struct cap *c)
{
	struct pcap_stat ps;

	c->st.size = c->w.size;
	c->st.total = c->done_total + c->w.size;
	c->st.packets = c->done_packets + c->w.packets;
	c->st.not_written = c->done_lost + c->w.lost;
	if (c->p != NULL && pcap_stats(c->p, &ps) == 0)
		c->st.dropped = ps.ps_drop;
	c->st.elapsed_ms = ms_since(c->t0);
	c->st.write_peak = c->w.peak > c->write_peak ? c->w.peak : c->write_peak;
	c->st.write_cap = (uint64_t)WRITE_BUFS_MAX * WRITE_SIZE;
	c->st.ring_blocks = c->ring.nblocks;
	c->st.ring_free_min = c->ring_free_min;
	/* a failed state write costs status its news, never the running capture */
	return state_save(c->dirfd, &c->st);
}

/* End of the size limit: the next ring file, or the end. */
static int
rotate(struct cap *c)
{
	unsigned int old;
	char name[256];
	int rc;

	if (c->o->set.ring == 0) {
		c->st.end = END_SIZE;
		return -1;
	}
	/* counted once closed: a failed close has put them back at what is on disk */
	if (c->w.peak > c->write_peak)
		c->write_peak = c->w.peak;
	rc = writer_close(&c->w, false);
	c->done_total += c->w.size;
	c->done_packets += c->w.packets;
	c->done_lost += c->w.lost;
	c->w.size = c->w.packets = c->w.lost = 0;
	if (rc < 0 || open_file(c, c->seq + 1) < 0 ||
	    writer_async(&c->w, WRITE_BUFS, WRITE_BUFS_MAX, WB_WINDOW) < 0) {
		c->st.end = errno == ENOSPC || errno == EDQUOT ? END_DISK_FULL : END_FAILED;
		snprintf(c->st.message, sizeof(c->st.message), "rotating: %s", strerror(errno));
		c->w.fd = -1;
		return -1;
	}
	if ((old = ring_expired(c->seq, c->o->set.ring)) != 0) {
		name_file(name, sizeof(name), c->stem, old);
		(void)unlinkat(c->dirfd, name, 0);
	}
	/* the state file follows at the next second, as for every other change */
	return 0;
}

static void
on_write_error(struct cap *c, int e)
{
	c->st.end = e == ENOSPC || e == EDQUOT || e == EFBIG ? END_DISK_FULL : END_FAILED;
	snprintf(c->st.message, sizeof(c->st.message), "%.200s: %s", c->st.file, strerror(e));
}

/* After a stop, the time limit or the interface's end, the kernel's ring is still read. */
static bool
draining(const struct cap *c)
{
	return c->st.end == END_STOPPED || c->st.end == END_TIME || c->st.end == END_IFACE_DOWN ||
	    c->st.end == END_IFACE_GONE;
}

/* Still writing: running, or draining the kernel's ring after a stop or the time limit. */
static bool
writing(const struct cap *c)
{
	return c->st.end == END_RUNNING || draining(c);
}

static void
on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	struct cap *c = (struct cap *)user;
	enum capture_end before = c->st.end;
	unsigned int caplen = h->caplen;
	int r;

	if (!writing(c)) {
		/* read after the end, in the same batch: never written, and said so */
		c->done_lost++;
		return;
	}
	/*
	 * a packet no file can hold (a GRO super-packet of 64 KiB under -s 2k) is cut to
	 * what an empty file holds, as a snaplen cuts: rotating for it would only make
	 * an empty file and expire a full one
	 */
	if (caplen > c->o->set.maxsize - 24 - 16)
		caplen = (unsigned int)(c->o->set.maxsize - 24 - 16);
	r = writer_add(&c->w, c->o->set.maxsize, &h->ts, caplen, h->len, data);
	if (r == 1 && rotate(c) == 0)
		r = writer_add(&c->w, c->o->set.maxsize, &h->ts, caplen, h->len, data);
	if (r < 0) {
		c->done_lost++;	/* this one was never buffered */
		if (c->st.end == before)
			on_write_error(c, c->w.err);
	}
	if (c->st.end != before)
		pcap_breakloop(c->p);
}

/* Are the interfaces still there and up? Sets the end reason when not. */
static void
check_ifaces(struct cap *c)
{
	struct ifreq ifr;

	for (size_t i = 0; i < c->nidx && c->st.end == END_RUNNING; i++) {
		if (if_indextoname(c->idx[i], ifr.ifr_name) == NULL) {
			c->st.end = END_IFACE_GONE;
			snprintf(c->st.message, sizeof(c->st.message), "%s: interface disappeared",
			    c->names[i]);
		} else if (ioctl(c->sockfd, SIOCGIFFLAGS, &ifr) == 0 && !(ifr.ifr_flags & IFF_UP)) {
			c->st.end = END_IFACE_DOWN;
			snprintf(c->st.message, sizeof(c->st.message), "%s: interface went down",
			    c->names[i]);
		}
	}
}

/* Reads what the ring holds; on a libpcap error sets the end reason. */
static int
dispatch(struct cap *c)
{
	int n = pcap_dispatch(c->p, BATCH, on_packet, (u_char *)c);

	if (n == PCAP_ERROR && c->st.end == END_RUNNING) {
		check_ifaces(c);
		if (c->st.end == END_RUNNING) {
			c->st.end = END_FAILED;
			snprintf(c->st.message, sizeof(c->st.message), "%s", pcap_geterr(c->p));
		}
	}
	return n;
}

/*
 * What the kernel still holds after the end: a block goes to user space within
 * BLOCK_MS, full or not, so wait for that (twice over) and write it too. An interface
 * that went down may be on its way out: say "gone" when it is.
 */
static void
drain(struct cap *c, struct pollfd *pfd)
{
	uint64_t now, until = ms_since(c->t0) + 2 * BLOCK_MS;
	bool down = c->st.end == END_IFACE_DOWN;

	while (draining(c) && (now = ms_since(c->t0)) < until) {
		pfd->revents = 0;
		if (poll(pfd, 1, (int)(until - now)) < 0 && errno != EINTR)
			break;
		if (pfd->revents & POLLIN) {
			if (pcap_dispatch(c->p, BATCH, on_packet, (u_char *)c) < 0)
				break;
		} else if (pfd->revents & POLLERR) {
			/* the socket's error stays set: do not spin on it */
			struct timespec ts = { 0, 20 * 1000000 };

			nanosleep(&ts, NULL);
		}
	}
	if (down) {
		c->st.end = END_RUNNING;
		check_ifaces(c);
		if (c->st.end == END_RUNNING)
			c->st.end = END_IFACE_DOWN;
	}
}

/* Counts the ring's free blocks, at most every SAMPLE_MS: the fewest is kept. */
static void
sample_ring(struct cap *c, uint64_t now)
{
	unsigned int n;

	if (c->ring.nblocks == 0 || now < c->sampled + SAMPLE_MS)
		return;
	c->sampled = now;
	if ((n = ring_probe_free(&c->ring)) < c->ring_free_min)
		c->ring_free_min = n;
}

/* The capture loop: poll, read, flush and report once a second, stop on a limit or signal. */
static void
loop(struct cap *c)
{
	uint64_t now, tick = 1000, limit = c->o->set.duration_ms;
	struct pollfd pfd = { .fd = pcap_get_selectable_fd(c->p), .events = POLLIN };

	while (c->st.end == END_RUNNING) {
		int timeout;

		if (stop_signal) {
			c->st.end = END_STOPPED;
			break;
		}
		now = ms_since(c->t0);
		if (limit && now >= limit) {
			c->st.end = END_TIME;
			break;
		}
		if (now >= tick) {
			if (writer_flush(&c->w) < 0) {
				on_write_error(c, c->w.err);
				break;
			}
			check_ifaces(c);
			save_state(c);
			tick = now - now % 1000 + 1000;
			continue;
		}
		timeout = (int)((limit && limit < tick ? limit : tick) - now);
		if (poll(&pfd, 1, timeout) < 0) {
			if (errno == EINTR)
				continue;
			c->st.end = END_FAILED;
			snprintf(c->st.message, sizeof(c->st.message), "poll: %s", strerror(errno));
			break;
		}
		if (pfd.revents & POLLERR)
			check_ifaces(c);
		sample_ring(c, ms_since(c->t0));
		dispatch(c);
	}
	drain(c, &pfd);
}

static void
signals(void)
{
	struct sigaction sa = { .sa_handler = on_stop };

	/* no SA_RESTART: a stop signal must interrupt poll() */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_ignore;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);	/* RLIMIT_FSIZE: EFBIG from write() instead */
}

/* Everything before the loop: 0, or an exit status after a message. */
static int
setup(struct cap *c, char *filter, size_t fsize)
{
	const char *why;
	int rc;

	if (filter_build(&c->o->set, filter, fsize, &why) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "filter: %s", why);
	if ((rc = place_user(c)) != 0 || (rc = place_open(c)) != 0 || (rc = place_check(c)) != 0 ||
	    (rc = place_lock(c)) != 0 ||
	    (rc = resolve_ifaces(c)) != 0 || (rc = open_handle(c, filter)) != 0 ||
	    (rc = place_give(c)) != 0 || (rc = first_file(c)) != 0)
		return rc;
	if ((c->sockfd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "socket: %s", strerror(errno));
	c->st.pid = (long)getpid();
	c->st.started = (int64_t)time(NULL);
	c->st.end = END_RUNNING;
	c->st.set = c->o->set;
	/* each item of shown passed settings_set() alone: the list does too */
	if (c->shown[0] != '\0')
		(void)settings_set(&c->st.set, "interface", c->shown, &why);
	if ((rc = place_clear_stale(c)) != 0 || (rc = place_drop(c)) != 0)
		return rc;
	/* capability sets are per thread: the writer thread starts with none */
	if (writer_async(&c->w, WRITE_BUFS, WRITE_BUFS_MAX, WB_WINDOW) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "writer thread: %s", strerror(c->w.err));
	c->t0 = tick_ns();
	/* a capture status cannot see would be a capture clear might take for a dead one */
	if (save_state(c) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "%s/%s: %s", c->qdir, EPCAP_STATE_NAME,
		    strerror(errno));
	return 0;
}

int
capture_run(const struct capture_opts *o)
{
	static struct cap c;
	char filter[EPCAP_FILTER_MAX + 512];
	int rc;

	memset(&c, 0, sizeof(c));
	c.o = o;
	text_quote(c.qdir, sizeof(c.qdir), o->dir);
	text_quote(c.quser, sizeof(c.quser), o->set.user);
	c.dirfd = c.lockfd = c.sockfd = c.w.fd = -1;
	signals();
	if ((rc = setup(&c, filter, sizeof(filter))) != 0) {
		if (c.w.fd >= 0) {
			writer_close(&c.w, false);
			unlinkat(c.dirfd, c.st.file, 0);
		}
		goto out;
	}
	if (o->detach) {
		dprintf(o->ready_fd, "0 %s\n", c.st.file);
		close(o->ready_fd);
	}
	loop(&c);
	if (writer_close(&c.w, true) < 0 && c.st.end != END_DISK_FULL && c.st.end != END_FAILED)
		on_write_error(&c, c.w.err);
	if (c.w.repair_err) {
		snprintf(c.st.message, sizeof(c.st.message), "%.200s: truncating after a write error: %s",
		    c.st.file, strerror(c.w.repair_err));
	}
	save_state(&c);
	if (!o->detach)
		print_summary(stderr, &c.st);
	rc = c.st.end == END_STOPPED || c.st.end == END_SIZE || c.st.end == END_TIME ?
	    ESA_EXIT_OK : ESA_EXIT_ERR;
out:
	if (c.p != NULL)
		pcap_close(c.p);
	c.p = NULL;
	if (c.sockfd >= 0)
		close(c.sockfd);
	if (c.dirfd >= 0)
		close(c.dirfd);
	/* the lock goes last: status then sees the final state */
	if (c.lockfd >= 0)
		close(c.lockfd);
	if (o->detach && c.failed[0] != '\0')
		dprintf(o->ready_fd, "%s", c.failed);
	return rc;
}
