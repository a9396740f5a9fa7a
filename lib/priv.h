/* SPDX-License-Identifier: BSD-2-Clause */
/* priv.h - privilege given up for good once what needed it is open. */
#ifndef ESA_PRIV_H
#define ESA_PRIV_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * Keeps only CAP (and CAP_SETUID, CAP_SETGID, CAP_SETPCAP, which priv_drop() needs)
 * in the permitted set, none effective or inheritable: what runs before the drop (a
 * name lookup reading the network) runs without powers. Returns 0, or -1 with errno.
 */
int priv_limit(int cap);

/* Whether capability CAP is in the permitted set (root's, or a file capability's). */
bool priv_has(int cap);

/*
 * Whether CAP is in effect now, the set the kernel checks on each request: permitted
 * is not enough (after priv_limit(), or under a file capability cap_xxx+p, until
 * priv_raise()).
 */
bool priv_effective(int cap);

/*
 * Makes a permitted CAP effective: a program given the file capability cap_xxx+p (as
 * iputils ping is) holds it permitted only. Failures are left to the call that needs
 * it to report.
 */
void priv_raise(int cap);

/*
 * Gives up every privilege: started as root, the supplementary groups go and uid 0
 * loses its powers across exec (securebits, where allowed); the real gid and uid
 * become the effective and saved ones (a set-user-ID run becomes its caller); the
 * ambient, inheritable, permitted and effective capability sets are emptied; no new
 * privileges can be gained. Then it checks that no capability is left. Returns 0,
 * or -1 with errno and *STEP naming the step that failed; the caller must not go on.
 */
int priv_drop(const char **step);

/*
 * priv_drop(), and started as root the bounding set emptied too (where allowed): for
 * a process that stays, such as a capture, not for one that lists and ends.
 */
int priv_drop_sealed(const char **step);

/* ---- becoming an unprivileged user (esa-ping, esa-traceroute, esa-pcap's -Z) ---- */

/*
 * Becomes UID and GID for good, for a process whose effective uid is 0, in OpenBSD
 * ping's "revoke privs" shape: GID the only supplementary group, then the real,
 * effective and saved gid, then the uid, as priv_drop() does (every capability set
 * emptied, the bounding set too where allowed, no new privileges). Then it checks
 * that every id is UID's and GID's, GID the only group, no capability left, and that
 * setuid(0) and setgid(0) fail (when UID and GID are not 0). Call it before any
 * thread starts. Returns 0, or -1 with errno and *STEP naming the step that failed;
 * the caller must not go on.
 */
int priv_revoke(uid_t uid, gid_t gid, const char **step);

/*
 * priv_drop(), and when root started us (real uid 0) the ids become those of USER
 * (its uid, and its passwd entry's group), as tcpdump's -Z: uid 0 could still read
 * /etc/shadow and write root's files without any capability. Started by another
 * user (set-user-ID, a file capability), it is priv_drop() itself. USER is looked
 * up here (no user of that name: ENOENT). Then it is checked as priv_revoke() is, but
 * with no supplementary group left at all. Call it before any thread starts:
 * capability sets belong to each thread. Returns 0, or -1 with
 * errno and *STEP naming the step that failed; the caller must not go on.
 */
int priv_drop_to(const char *user, const char **step);

#endif
