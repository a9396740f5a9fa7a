/* SPDX-License-Identifier: BSD-2-Clause */
/* place.c - where a capture lives and as whom: its directory, its lock, its user, its privileges. */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cap.h"
#include "esa.h"
#include "priv.h"
#include "text.h"

/* A failure before the capture runs: to stderr, or down the pipe for `start`. */
int
cap_fail(struct cap *c, int status, const char *fmt, ...)
{
	char msg[EPCAP_MSG_MAX];
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

/*
 * Opens (creating it when missing) the capture directory, with no symbolic link on its
 * path: a user's link anywhere on it would lead root elsewhere. Refuses one anybody
 * can write without the sticky bit.
 */
int
place_open(struct cap *c)
{
	struct stat sb;

	if ((c->dirfd = dir_make(c->o->dir, &c->dir_created)) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "%s: %s", c->qdir, errno == ELOOP ?
		    "is a symbolic link, or one is on its path" : strerror(errno));
	if (fstat(c->dirfd, &sb) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "%s: %s", c->qdir, strerror(errno));
	/* anybody could replace our files there; with the sticky bit (/tmp) only we can */
	if ((sb.st_mode & S_IWOTH) && !(sb.st_mode & S_ISVTX))
		return cap_fail(c, ESA_EXIT_ERR,
		    "%s: refusing a capture directory anybody can write (no sticky bit)", c->qdir);
	c->shared_dir = (sb.st_mode & S_IWOTH) != 0;
	/* detached, the capture lives in its directory, not in its caller's */
	if (c->o->detach && fchdir(c->dirfd) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "%s: %s", c->qdir, strerror(errno));
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
		if ((c->lockfd = openat(c->dirfd, EPCAP_LOCK_NAME, O_RDWR | flags)) < 0 &&
		    (errno == EACCES || errno == EPERM)) {
			c->lock_writable = false;
			c->lockfd = openat(c->dirfd, EPCAP_LOCK_NAME, O_RDONLY | flags);
		}
		if (c->lockfd >= 0 || errno != ENOENT)
			break;
		c->lockfd = openat(c->dirfd, EPCAP_LOCK_NAME, O_RDWR | O_CREAT | O_EXCL | flags,
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
int
place_lock(struct cap *c)
{
	struct state old;
	char pid[32];
	int n;

	if (open_lock(c) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "%s/%s: %s", c->qdir, EPCAP_LOCK_NAME,
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
			return cap_fail(c, ESA_EXIT_ERR, "lock: %s", strerror(errno));
		if (state_load(c->dirfd, &old) == 0)
			return cap_fail(c, ESA_EXIT_NO, "a capture is already running: %s (pid %ld)",
			    old.file, old.pid);
		return cap_fail(c, ESA_EXIT_NO, "a capture is already running in %s", c->qdir);
	}
	lock_recover_held(c->dirfd);
	/* a hint for stop and status, which prove it from /proc before they trust it */
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (c->lock_writable &&
	    (ftruncate(c->lockfd, 0) < 0 || pwrite(c->lockfd, pid, (size_t)n, 0) != n))
		return cap_fail(c, ESA_EXIT_ERR, "%s: %s", EPCAP_LOCK_NAME, strerror(errno));
	return 0;
}

/* -Z USER: looked up before anything opens. */
int
place_user(struct cap *c)
{
	struct passwd *pw;

	if (c->o->set.user[0] == '\0')
		return 0;
	errno = 0;
	if ((pw = getpwnam(c->o->set.user)) == NULL)
		return cap_fail(c, ESA_EXIT_ERR, "-Z: %s: %s", c->quser,
		    errno ? strerror(errno) : "no such user");
	c->uid = pw->pw_uid;
	c->gid = pw->pw_gid;
	if (geteuid() != 0) {
		if (geteuid() != c->uid)
			return cap_fail(c, ESA_EXIT_ERR, "-Z: %s: only root can change user",
			    c->quser);
		return 0;
	}
	c->drop = true;
	return 0;
}

/*
 * Gives up every privilege once the socket, the ring and the first file are open:
 * with -Z, becomes USER for good (lib/priv's revoke: USER's group its only one, then
 * gid, then uid, each checked, root's ids tried and out of reach, no capability, no
 * new privileges). 0, or an exit status after a message.
 */
int
place_drop(struct cap *c)
{
	const char *step;

	/*
	 * Without -Z the capture keeps its uid (root's writes where only root may;
	 * user space parses no packet) but no capability: nothing later needs one
	 * (file capabilities included)
	 */
	if (!c->drop) {
		if (priv_drop_sealed(&step) < 0)
			return cap_fail(c, ESA_EXIT_ERR, "dropping privileges: %s: %s", step,
			    strerror(errno));
		return 0;
	}
	if (priv_revoke(c->uid, c->gid, &step) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "-Z %s: %s: %s", c->quser, step, strerror(errno));
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
	char safe[TEXT_QUOTE_SIZE];
	struct dirent *d;
	int fd = dup(c->dirfd), rc = 0;
	DIR *dp;

	if (fd < 0 || (dp = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return cap_fail(c, ESA_EXIT_ERR, "%s: %s", c->qdir, strerror(errno));
	}
	while (rc == 0 && (d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    strcmp(d->d_name, EPCAP_LOCK_NAME) == 0 ||
		    strcmp(d->d_name, EPCAP_STATE_NAME) == 0 ||
		    strcmp(d->d_name, "." EPCAP_STATE_NAME ".tmp") == 0 ||
		    name_is_capture(d->d_name))
			continue;
		rc = cap_fail(c, ESA_EXIT_ERR, "-Z %s: %s holds %s, which is not a capture's",
		    c->quser, c->qdir, text_quote(safe, sizeof(safe), d->d_name));
	}
	closedir(dp);
	return rc;
}

/*
 * -Z: an existing directory is used as it is, when USER may create files there and it
 * holds nothing but captures (checked before anything is created in it): `-D /` or a
 * directory of root's files never changes hands. 0, or an exit status.
 */
int
place_check(struct cap *c)
{
	struct stat sb;
	int rc;

	if (c->dir_created)
		return 0;
	if (fstat(c->dirfd, &sb) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "%s: %s", c->qdir, strerror(errno));
	/* root without -Z loses every capability too: it must own the place, or share it */
	if (!c->drop && geteuid() == 0 && !can_create(&sb, 0, getegid()))
		return cap_fail(c, ESA_EXIT_ERR, "%s: root without capabilities cannot create files "
		    "there (not its owner): use -Z with its owner", c->qdir);
	if (!c->drop)
		return 0;
	if ((rc = only_captures(c)) != 0)
		return rc;
	if (!can_create(&sb, c->uid, c->gid))
		return cap_fail(c, ESA_EXIT_ERR, "-Z %s: %s: the user cannot create files there",
		    c->quser, c->qdir);
	return 0;
}

/*
 * The last capture's state (and a temporary file a killed writer left) belongs to
 * whoever ran it: in a sticky directory the capture, without capabilities, could not
 * replace another user's, and status would show the old one. Removed while it still
 * may be. 0, or an exit status.
 */
int
place_clear_stale(struct cap *c)
{
	static const char *const names[] = { EPCAP_STATE_NAME, "." EPCAP_STATE_NAME ".tmp" };
	uid_t uid = c->drop ? c->uid : geteuid();
	struct stat sb;

	for (size_t i = 0; i < ESA_NELEM(names); i++) {
		if (fstatat(c->dirfd, names[i], &sb, AT_SYMLINK_NOFOLLOW) < 0 || sb.st_uid == uid)
			continue;
		if (unlinkat(c->dirfd, names[i], 0) < 0 && errno != ENOENT)
			return cap_fail(c, ESA_EXIT_ERR, "%s/%s: cannot replace another user's file: %s",
			    c->qdir, names[i], strerror(errno));
	}
	return 0;
}

/* -Z: only the directory and the lock file this capture created are handed to USER. */
int
place_give(struct cap *c)
{
	if (!c->drop)
		return 0;
	if (c->lock_created && fchown(c->lockfd, c->uid, c->gid) < 0)
		return cap_fail(c, ESA_EXIT_ERR, "%s/%s: %s", c->qdir, EPCAP_LOCK_NAME,
		    strerror(errno));
	if (c->dir_created && (fchown(c->dirfd, c->uid, c->gid) < 0 || fchmod(c->dirfd, 0750) < 0))
		return cap_fail(c, ESA_EXIT_ERR, "%s: %s", c->qdir, strerror(errno));
	return 0;
}
