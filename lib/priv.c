/* SPDX-License-Identifier: BSD-2-Clause */
/* priv.c - privilege given up for good once what needed it is open. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/securebits.h>

#include "priv.h"

/* glibc has no wrapper for capget/capset; libcap would be a dependency for two calls */
static int
caps_get(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return (int)syscall(SYS_capget, &h, d);
}

static int
caps_set(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return (int)syscall(SYS_capset, &h, d);
}

int
priv_limit(int cap)
{
	struct __user_cap_data_struct d[2];
	unsigned keep[2] = { 0, 0 };
	const int need[] = { cap, CAP_SETUID, CAP_SETGID, CAP_SETPCAP };

	if (cap < 0 || cap > CAP_LAST_CAP) {
		errno = EINVAL;
		return -1;
	}
	if (caps_get(d) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		keep[CAP_TO_INDEX(need[i])] |= CAP_TO_MASK(need[i]);
	/* a smaller permitted set may always be set */
	for (int i = 0; i < 2; i++) {
		d[i].permitted &= keep[i];
		d[i].effective = d[i].inheritable = 0;
	}
	return caps_set(d);
}

/* Whether CAP is in our permitted set, or with EFFECTIVE the effective one. */
static bool
cap_in(int cap, bool effective)
{
	struct __user_cap_data_struct d[2];
	int i = CAP_TO_INDEX(cap);

	if (cap < 0 || cap > CAP_LAST_CAP || caps_get(d) < 0)
		return false;
	return ((effective ? d[i].effective : d[i].permitted) & CAP_TO_MASK(cap)) != 0;
}

bool
priv_has(int cap)
{
	return cap_in(cap, false);
}

bool
priv_effective(int cap)
{
	return cap_in(cap, true);
}

void
priv_raise(int cap)
{
	struct __user_cap_data_struct d[2];
	int i = CAP_TO_INDEX(cap);

	if (cap < 0 || cap > CAP_LAST_CAP || caps_get(d) < 0 ||
	    !(d[i].permitted & CAP_TO_MASK(cap)) || (d[i].effective & CAP_TO_MASK(cap)))
		return;
	d[i].effective |= CAP_TO_MASK(cap);
	(void)caps_set(d);
}

/*
 * priv_drop()'s work, UID and GID to become the real, effective and saved ids; when
 * the effective uid is 0, the supplementary groups become the N of GROUPS, and with
 * SEAL the bounding set is emptied.
 */
static int
drop_ids(uid_t uid, gid_t gid, const gid_t *groups, size_t n, bool seal, const char **step)
{
	struct __user_cap_data_struct d[2];

	/* after priv_limit() what is left is permitted only: effective for the calls
	 * below (setgroups needs CAP_SETGID); a failure shows in their own errors */
	if (caps_get(d) == 0) {
		d[0].effective = d[0].permitted;
		d[1].effective = d[1].permitted;
		(void)caps_set(d);
	}
	if (geteuid() == 0) {
		/* uid 0 stays uid 0 when root started us and UID is 0: make it a
		 * uid without powers, also across an exec (may fail without
		 * CAP_SETPCAP, as in a user namespace; the empty sets below still
		 * hold, and we never exec) */
		(void)prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
		    SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED, 0, 0, 0);
		*step = "setgroups";
		if (setgroups(n, groups) < 0)
			return -1;
		/*
		 * an empty bounding set: no exec can bring a capability back (no_new_privs,
		 * below, bars that too); only for a process that stays (each drop commits
		 * new credentials: some 40 of them cost the listing tools a millisecond).
		 * EINVAL: a capability this kernel does not know; EPERM: no CAP_SETPCAP (a
		 * container's root), no_new_privs is still set
		 */
		*step = "emptying the bounding set";
		for (int cap = 0; seal && cap <= CAP_LAST_CAP; cap++)
			if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL &&
			    errno != EPERM)
				return -1;
	}
	/* gid first: once the uid is no longer 0, the gid can no longer change */
	*step = "setresgid";
	if (setresgid(gid, gid, gid) < 0)
		return -1;
	*step = "setresuid";
	if (setresuid(uid, uid, uid) < 0)
		return -1;
	/* EINVAL: a kernel before 4.3 has no ambient set, so there is nothing to clear */
	*step = "clearing ambient capabilities";
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return -1;
	*step = "capset";
	memset(d, 0, sizeof(d));
	if (caps_set(d) < 0)
		return -1;
	*step = "no_new_privs";
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	*step = "capget";
	if (caps_get(d) < 0)
		return -1;
	if (d[0].permitted || d[1].permitted || d[0].effective || d[1].effective ||
	    d[0].inheritable || d[1].inheritable) {
		*step = "checking that no capability is left";
		errno = EPERM;
		return -1;
	}
	return 0;
}

int
priv_drop(const char **step)
{
	return drop_ids(getuid(), getgid(), NULL, 0, false, step);
}

int
priv_drop_sealed(const char **step)
{
	return drop_ids(getuid(), getgid(), NULL, 0, true, step);
}

/* ---- becoming an unprivileged user (esa-ping, esa-traceroute, esa-pcap's -Z) ---- */

/*
 * Becomes UID and GID, with GID the only supplementary group (GROUP_TOO) or none,
 * then checks it as priv_revoke() says: 0, or -1 with errno and *STEP.
 */
static int
become(uid_t uid, gid_t gid, bool group_too, bool seal, const char **step)
{
	uid_t r, e, s;
	gid_t rg, eg, sg, g[2];
	int ng = group_too ? 1 : 0;

	if (drop_ids(uid, gid, &gid, (size_t)ng, seal, step) < 0)
		return -1;
	/* checked as the capabilities are: every id is UID's and GID's, and the groups */
	*step = "checking the user and groups";
	if (getresuid(&r, &e, &s) < 0 || getresgid(&rg, &eg, &sg) < 0)
		return -1;
	if (r != uid || e != r || s != r || rg != gid || eg != rg || sg != rg ||
	    getgroups(2, g) != ng || (ng == 1 && g[0] != gid)) {
		errno = EPERM;
		return -1;
	}
	/* and tried: root's ids must be out of reach now (OpenBSD's "revoke privs") */
	*step = "checking that root cannot be regained";
	if ((uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) ||
	    (gid != 0 && (setgid(0) == 0 || setegid(0) == 0))) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

int
priv_revoke(uid_t uid, gid_t gid, const char **step)
{
	return become(uid, gid, true, true, step);
}

int
priv_drop_to(const char *user, const char **step)
{
	const struct passwd *pw;

	/* only root becomes USER: a set-user-ID run goes back to its caller, as before */
	if (getuid() != 0)
		return priv_drop(step);
	*step = "looking up the user to run as";
	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		if (errno == 0)
			errno = ENOENT;
		return -1;
	}
	/* the ids are copied: getpwnam()'s storage is the library's */
	return become(pw->pw_uid, pw->pw_gid, false, false, step);
}
