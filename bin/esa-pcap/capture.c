/* capture.c - the capture process: libpcap handle, lock, files, limits, signals, state. */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <pcap/pcap.h>

#include <linux/netlink.h>

#include "epcap.h"
#include "esa.h"
#include "link.h"
#include "nl.h"
#include "priv.h"
#include "text.h"

#define BUFFER_SIZE	(64 << 20)	/* the kernel ring (TPACKET_V3 blocks) */
#define WRITE_SIZE	(4 << 20)	/* one write buffer: large writes, few system calls */
#define WRITE_BUFS	8		/* buffers between the ring reader and the writer thread */
#define WB_WINDOW	(16 << 20)	/* file data left dirty or under writeback, at most ~2x */
#define BLOCK_MS	200		/* a block goes to user space after at most this */
#define MAX_IFACES	64
#define BATCH		8192		/* packets per pcap_dispatch(): a stop is seen soon */

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

struct cap {
	const struct capture_opts *o;
	int dirfd, lockfd, sockfd;
	pcap_t *p;
	struct writer w;
	struct state st;
	char stem[128];
	unsigned int seq;		/* ring file number, 0 without a ring */
	unsigned int idx[MAX_IFACES];
	char names[MAX_IFACES][IF_NAMESIZE];
	char shown[sizeof(((struct settings *)0)->iface)];	/* for status: aliases */
	size_t nidx;
	uid_t uid;
	gid_t gid;
	bool drop;
	bool shared_dir;		/* world-writable with the sticky bit */
	bool lock_created, lock_writable;
	bool dir_created;		/* by this capture: the only one -Z may hand over */
	int linktype;
	uint64_t done_total;		/* bytes of ring files already closed */
	uint64_t done_packets;
	uint64_t done_lost;		/* not written: of ring files closed, and refused */
	struct timespec t0;
	char failed[640];		/* start: the failure, for the pipe */
};

/* A failure before the capture runs: to stderr, or down the pipe for `start`. */
static int __attribute__((format(printf, 3, 4)))
fail(struct cap *c, int status, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->o->detach) {
		/* sent once the lock is released: start's caller may retry at once */
		snprintf(c->failed, sizeof(c->failed), "%d %s\n", status, msg);
	} else {
		warnx("%s", msg);
	}
	return status;
}

static uint64_t
ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)(now.tv_sec - t0->tv_sec) * 1000 +
	    (uint64_t)((now.tv_nsec - t0->tv_nsec) / 1000000);
}

/*
 * Opens (creating it when missing) the capture directory, with no symbolic link on its
 * path: a user's link anywhere on it would lead root elsewhere. Refuses one anybody
 * can write without the sticky bit.
 */
static int
open_dir(struct cap *c)
{
	struct stat sb;

	if ((c->dirfd = ctl_make_dir(c->o->dir, &c->dir_created)) < 0)
		return fail(c, ESA_EXIT_ERR, "%s: %s", c->o->dir, errno == ELOOP ?
		    "is a symbolic link, or one is on its path" : strerror(errno));
	if (fstat(c->dirfd, &sb) < 0)
		return fail(c, ESA_EXIT_ERR, "%s: %s", c->o->dir, strerror(errno));
	/* anybody could replace our files there; with the sticky bit (/tmp) only we can */
	if ((sb.st_mode & S_IWOTH) && !(sb.st_mode & S_ISVTX))
		return fail(c, ESA_EXIT_ERR,
		    "%s: refusing a capture directory anybody can write (no sticky bit)", c->o->dir);
	c->shared_dir = (sb.st_mode & S_IWOTH) != 0;
	/* detached, the capture lives in its directory, not in its caller's */
	if (c->o->detach && fchdir(c->dirfd) < 0)
		return fail(c, ESA_EXIT_ERR, "%s: %s", c->o->dir, strerror(errno));
	return 0;
}

/*
 * Opens the lock file without O_CREAT, and creates it only with O_EXCL: in a sticky
 * directory fs.protected_regular makes an O_CREAT open of another user's file fail,
 * and an flock needs no more than a read-only descriptor. 0, or -1 with errno
 * (EINVAL: not a regular file).
 */
static int
open_lock(struct cap *c)
{
	const int flags = O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
	struct stat sb;

	for (int i = 0; i < 3; i++) {
		c->lock_writable = true;
		if ((c->lockfd = openat(c->dirfd, PCAP_LOCK_NAME, O_RDWR | flags)) < 0 &&
		    (errno == EACCES || errno == EPERM)) {
			c->lock_writable = false;
			c->lockfd = openat(c->dirfd, PCAP_LOCK_NAME, O_RDONLY | flags);
		}
		if (c->lockfd >= 0 || errno != ENOENT)
			break;
		c->lockfd = openat(c->dirfd, PCAP_LOCK_NAME, O_RDWR | O_CREAT | O_EXCL | flags,
		    0640);
		if (c->lockfd >= 0) {
			c->lock_created = true;
			break;
		}
		if (errno != EEXIST)
			break;
	}
	if (c->lockfd < 0)
		return -1;
	if (fstat(c->lockfd, &sb) < 0)
		return -1;
	if (!S_ISREG(sb.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Takes the directory's lock for the life of this process: 0, or an exit status. */
static int
take_lock(struct cap *c)
{
	struct state old;
	char pid[32];
	int n;

	if (open_lock(c) < 0)
		return fail(c, ESA_EXIT_ERR, "%s/%s: %s", c->o->dir, PCAP_LOCK_NAME,
		    errno == EINVAL ? "not a regular file" : strerror(errno));
	/*
	 * status, list and stop hold the lock for a moment to probe it (or to repair a
	 * killed capture's file): a held lock is "running" only when it stays held
	 */
	for (int i = 0; i < 50 && (n = flock(c->lockfd, LOCK_EX | LOCK_NB)) < 0 &&
	    errno == EWOULDBLOCK; i++) {
		struct timespec ts = { 0, 20 * 1000000 };

		nanosleep(&ts, NULL);
	}
	if (n < 0) {
		if (errno != EWOULDBLOCK)
			return fail(c, ESA_EXIT_ERR, "lock: %s", strerror(errno));
		if (state_load(c->dirfd, &old) == 0)
			return fail(c, ESA_EXIT_NO, "a capture is already running: %s (pid %ld)",
			    old.file, old.pid);
		return fail(c, ESA_EXIT_NO, "a capture is already running in %s", c->o->dir);
	}
	ctl_recover_locked(c->dirfd);
	/* a hint for stop and status, which prove it from /proc before they trust it */
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (c->lock_writable &&
	    (ftruncate(c->lockfd, 0) < 0 || pwrite(c->lockfd, pid, (size_t)n, 0) != n))
		return fail(c, ESA_EXIT_ERR, "%s: %s", PCAP_LOCK_NAME, strerror(errno));
	return 0;
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
	char safe[TEXT_SAFE_SIZE(sizeof(c->o->set.iface))];
	struct nl *nl;
	int rc = 0;

	if (strcmp(c->o->set.iface, "any") == 0)
		return 0;
	if ((nl = nl_open(NETLINK_ROUTE)) == NULL)
		return fail(c, ESA_EXIT_ERR, "netlink socket: %s", strerror(errno));
	if (link_load(nl, &links, 0) < 0) {
		rc = fail(c, ESA_EXIT_ERR, "reading the interface table: %s", strerror(errno));
		goto out;
	}
	/* ',' separates the list: an alias holding one can only be refused, saying so */
	if (strchr(c->o->set.iface, ',') != NULL && link_by_name(&links, c->o->set.iface) != NULL) {
		rc = fail(c, ESA_EXIT_ERR, "%s: an alias holding ',' cannot be named: use %s",
		    text_safe(safe, sizeof(safe), c->o->set.iface),
		    link_by_name(&links, c->o->set.iface)->name);
		goto out;
	}
	strcpy(list, c->o->set.iface);
	for (name = strtok_r(list, ",", &save); name != NULL; name = strtok_r(NULL, ",", &save)) {
		const struct link *l = link_by_name(&links, name);

		if (l == NULL) {
			rc = fail(c, ESA_EXIT_ERR, "%s: %s", text_safe(safe, sizeof(safe), name),
			    link_strerror(errno));
			goto out;
		}
		if (c->nidx == MAX_IFACES) {
			rc = fail(c, ESA_EXIT_ERR, "-i: too many interfaces (at most %d)", MAX_IFACES);
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
	char ebuf[PCAP_ERRBUF_SIZE] = "", expr[PCAP_FILTER_MAX + 1024];
	const char *dev = c->nidx == 1 ? c->names[0] : "any";
	struct bpf_program prog;
	int rc;

	if ((c->p = pcap_create(dev, ebuf)) == NULL)
		return fail(c, ESA_EXIT_ERR, "%s: %s", dev, ebuf);
	pcap_set_snaplen(c->p, (int)c->o->set.snaplen);
	pcap_set_promisc(c->p, strcmp(dev, "any") != 0);
	pcap_set_timeout(c->p, BLOCK_MS);
	pcap_set_buffer_size(c->p, BUFFER_SIZE);
	rc = pcap_activate(c->p);
	if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
		return fail(c, ESA_EXIT_ERR, "%s: no such interface", dev);
	if (rc == PCAP_ERROR_PERM_DENIED)
		return fail(c, ESA_EXIT_ERR, "%s: permission denied (needs CAP_NET_RAW)", dev);
	if (rc < 0)
		return fail(c, ESA_EXIT_ERR, "%s: %s", dev, pcap_geterr(c->p));
	/* several interfaces: "any" restricted to their indexes, which SLL2 carries */
	if (c->nidx > 1 && pcap_set_datalink(c->p, DLT_LINUX_SLL2) < 0)
		return fail(c, ESA_EXIT_ERR, "any: %s", pcap_geterr(c->p));
	c->linktype = pcap_datalink(c->p);
	if (c->nidx > 1) {
		if (filter_with_ifindex(filter, c->idx, c->nidx, expr, sizeof(expr)) < 0)
			return fail(c, ESA_EXIT_ERR, "filter is too long");
	} else {
		snprintf(expr, sizeof(expr), "%s", filter);
	}
	if (pcap_compile(c->p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0)
		return fail(c, ESA_EXIT_ERR, "bad filter: %s", pcap_geterr(c->p));
	rc = pcap_setfilter(c->p, &prog);
	pcap_freecode(&prog);
	if (rc < 0)
		return fail(c, ESA_EXIT_ERR, "setting the filter: %s", pcap_geterr(c->p));
	if (pcap_setnonblock(c->p, 1, ebuf) < 0)
		return fail(c, ESA_EXIT_ERR, "%s", ebuf);
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
	return fail(c, ESA_EXIT_ERR,
	    "%s/%s: %s", c->o->dir, c->stem, strerror(errno));
}

/* -Z USER: looked up before anything opens. */
static int
lookup_user(struct cap *c)
{
	struct passwd *pw;

	if (c->o->set.user[0] == '\0')
		return 0;
	errno = 0;
	if ((pw = getpwnam(c->o->set.user)) == NULL)
		return fail(c, ESA_EXIT_ERR, "-Z: %s: %s", c->o->set.user,
		    errno ? strerror(errno) : "no such user");
	c->uid = pw->pw_uid;
	c->gid = pw->pw_gid;
	if (geteuid() != 0) {
		if (geteuid() != c->uid)
			return fail(c, ESA_EXIT_ERR, "-Z: %s: only root can change user",
			    c->o->set.user);
		return 0;
	}
	c->drop = true;
	return 0;
}

/*
 * Becomes USER for good: one group, then gid, then uid (each checked), an empty
 * bounding set and no new privileges. After setresuid() from root to a non-root uid
 * the kernel clears the permitted and effective capability sets.
 */
static int
drop_privileges(struct cap *c)
{
	const char *step;

	/*
	 * Without -Z the capture keeps its uid (root's writes where only root may;
	 * user space parses no packet) but no capability: the socket, the ring and the
	 * first file are open, nothing later needs one (file capabilities included)
	 */
	if (!c->drop) {
		if (priv_drop(&step) < 0)
			return fail(c, ESA_EXIT_ERR, "dropping privileges: %s: %s", step,
			    strerror(errno));
		return 0;
	}
	for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			return fail(c, ESA_EXIT_ERR, "dropping capabilities: %s", strerror(errno));
	if (setgroups(1, &c->gid) < 0 || setresgid(c->gid, c->gid, c->gid) < 0 ||
	    setresuid(c->uid, c->uid, c->uid) < 0)
		return fail(c, ESA_EXIT_ERR, "-Z %s: %s", c->o->set.user, strerror(errno));
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return fail(c, ESA_EXIT_ERR, "no_new_privs: %s", strerror(errno));
	if (setuid(0) == 0)
		return fail(c, ESA_EXIT_ERR, "-Z %s: root could be regained", c->o->set.user);
	return 0;
}

/*
 * May UID with its only group GID create files in the directory SB? The mode bits
 * only: the capture holds no capability then, and a POSIX ACL granting more is
 * not read (such a directory is refused, never mishandled).
 */
static bool
can_create(const struct stat *sb, uid_t uid, gid_t gid)
{
	if (sb->st_uid == uid)
		return (sb->st_mode & 0300) == 0300;
	if (sb->st_gid == gid)
		return (sb->st_mode & 0030) == 0030;
	return (sb->st_mode & 0003) == 0003;
}

/* An existing directory for -Z holds captures, the lock and the state only: 0, or status. */
static int
only_captures(struct cap *c)
{
	char safe[TEXT_SAFE_SIZE(64)];
	struct dirent *d;
	int fd = dup(c->dirfd), rc = 0;
	DIR *dp;

	if (fd < 0 || (dp = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return fail(c, ESA_EXIT_ERR, "%s: %s", c->o->dir, strerror(errno));
	}
	while (rc == 0 && (d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    strcmp(d->d_name, PCAP_LOCK_NAME) == 0 ||
		    strcmp(d->d_name, PCAP_STATE_NAME) == 0 ||
		    strcmp(d->d_name, "." PCAP_STATE_NAME ".tmp") == 0 ||
		    name_is_capture(d->d_name))
			continue;
		rc = fail(c, ESA_EXIT_ERR, "-Z %s: %s holds %s, which is not a capture's",
		    c->o->set.user, c->o->dir, text_safe(safe, sizeof(safe), d->d_name));
	}
	closedir(dp);
	return rc;
}

/*
 * -Z: an existing directory is used as it is, when USER may create files there and it
 * holds nothing but captures (checked before anything is created in it): `-D /` or a
 * directory of root's files never changes hands. 0, or an exit status.
 */
static int
check_dir(struct cap *c)
{
	struct stat sb;
	int rc;

	if (c->dir_created)
		return 0;
	if (fstat(c->dirfd, &sb) < 0)
		return fail(c, ESA_EXIT_ERR, "%s: %s", c->o->dir, strerror(errno));
	/* root without -Z loses every capability too: it must own the place, or share it */
	if (!c->drop && geteuid() == 0 && !can_create(&sb, 0, getegid()))
		return fail(c, ESA_EXIT_ERR, "%s: root without capabilities cannot create files "
		    "there (not its owner): use -Z with its owner", c->o->dir);
	if (!c->drop)
		return 0;
	if ((rc = only_captures(c)) != 0)
		return rc;
	if (!can_create(&sb, c->uid, c->gid))
		return fail(c, ESA_EXIT_ERR, "-Z %s: %s: the user cannot create files there",
		    c->o->set.user, c->o->dir);
	return 0;
}

/*
 * The last capture's state (and a temporary file a killed writer left) belongs to
 * whoever ran it: in a sticky directory the capture, without capabilities, could not
 * replace another user's, and status would show the old one. Removed while it still
 * may be. 0, or an exit status.
 */
static int
clear_stale_state(struct cap *c)
{
	static const char *const names[] = { PCAP_STATE_NAME, "." PCAP_STATE_NAME ".tmp" };
	uid_t uid = c->drop ? c->uid : geteuid();
	struct stat sb;

	for (size_t i = 0; i < ESA_NELEM(names); i++) {
		if (fstatat(c->dirfd, names[i], &sb, AT_SYMLINK_NOFOLLOW) < 0 || sb.st_uid == uid)
			continue;
		if (unlinkat(c->dirfd, names[i], 0) < 0 && errno != ENOENT)
			return fail(c, ESA_EXIT_ERR, "%s/%s: cannot replace another user's file: %s",
			    c->o->dir, names[i], strerror(errno));
	}
	return 0;
}

/* -Z: only the directory and the lock file this capture created are handed to USER. */
static int
give_dir(struct cap *c)
{
	if (!c->drop)
		return 0;
	if (c->lock_created && fchown(c->lockfd, c->uid, c->gid) < 0)
		return fail(c, ESA_EXIT_ERR, "%s/%s: %s", c->o->dir, PCAP_LOCK_NAME,
		    strerror(errno));
	if (c->dir_created && (fchown(c->dirfd, c->uid, c->gid) < 0 || fchmod(c->dirfd, 0750) < 0))
		return fail(c, ESA_EXIT_ERR, "%s: %s", c->o->dir, strerror(errno));
	return 0;
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
	c->st.elapsed_ms = ms_since(&c->t0);
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
	rc = writer_close(&c->w, false);
	c->done_total += c->w.size;
	c->done_packets += c->w.packets;
	c->done_lost += c->w.lost;
	c->w.size = c->w.packets = c->w.lost = 0;
	if (rc < 0 || open_file(c, c->seq + 1) < 0 ||
	    writer_async(&c->w, WRITE_BUFS, WB_WINDOW) < 0) {
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
	enum pcap_end before = c->st.end;
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
	uint64_t now, until = ms_since(&c->t0) + 2 * BLOCK_MS;
	bool down = c->st.end == END_IFACE_DOWN;

	while (draining(c) && (now = ms_since(&c->t0)) < until) {
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
		now = ms_since(&c->t0);
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
		return fail(c, ESA_EXIT_ERR, "filter: %s", why);
	if ((rc = lookup_user(c)) != 0 || (rc = open_dir(c)) != 0 || (rc = check_dir(c)) != 0 ||
	    (rc = take_lock(c)) != 0 ||
	    (rc = resolve_ifaces(c)) != 0 || (rc = open_handle(c, filter)) != 0 ||
	    (rc = give_dir(c)) != 0 || (rc = first_file(c)) != 0)
		return rc;
	if ((c->sockfd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return fail(c, ESA_EXIT_ERR, "socket: %s", strerror(errno));
	c->st.pid = (long)getpid();
	c->st.started = (int64_t)time(NULL);
	c->st.end = END_RUNNING;
	c->st.set = c->o->set;
	/* each item of shown passed settings_set() alone: the list does too */
	if (c->shown[0] != '\0')
		(void)settings_set(&c->st.set, "interface", c->shown, &why);
	if ((rc = clear_stale_state(c)) != 0 || (rc = drop_privileges(c)) != 0)
		return rc;
	/* capability sets are per thread: the writer thread starts with none */
	if (writer_async(&c->w, WRITE_BUFS, WB_WINDOW) < 0)
		return fail(c, ESA_EXIT_ERR, "writer thread: %s", strerror(c->w.err));
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
	/* a capture status cannot see would be a capture clear might take for a dead one */
	if (save_state(c) < 0)
		return fail(c, ESA_EXIT_ERR, "%s/%s: %s", c->o->dir, PCAP_STATE_NAME,
		    strerror(errno));
	return 0;
}

int
capture_run(const struct capture_opts *o)
{
	static struct cap c;
	char filter[PCAP_FILTER_MAX + 512];
	int rc;

	memset(&c, 0, sizeof(c));
	c.o = o;
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
