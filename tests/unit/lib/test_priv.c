/* SPDX-License-Identifier: BSD-2-Clause */
/* test_priv.c - unit tests of lib/priv.c: each drop runs in a child of its own, so the
 * runner keeps its privileges whatever Check's fork mode. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>

#include "../check_esa.h"
#include "suites.h"
#include "priv.h"

/* Runs FN in a child; its exit status is the number of the first check that failed. */
static int
in_child(int (*fn)(void))
{
	int st;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(fn());
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* Whether a raw socket (CAP_NET_RAW) can be opened now. */
static int
raw_socket_errno(void)
{
	int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int
drop_all(void)
{
	const char *step = NULL;
	gid_t g;

	if (priv_drop(&step) < 0)
		return 1;
	if (priv_has(CAP_NET_RAW) || priv_has(CAP_NET_ADMIN) || priv_has(CAP_SETUID))
		return 2;
	if (raw_socket_errno() != EPERM)
		return 3;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return 4;
	/* root's supplementary groups are gone */
	if (getuid() == 0 && getgroups(1, &g) != 0)
		return 5;
	return 0;
}

START_TEST(test_priv_drop_root)
{
	UNIT_NEED_ROOT();	/* nothing to drop otherwise */
	ck_assert_int_eq(in_child(drop_all), 0);
}
END_TEST

/* A set-user-ID-root program run by nobody: real 65534, effective and saved 0. */
static int
drop_setuid(void)
{
	const char *step = NULL;
	uid_t r, e, s;
	gid_t rg, eg, sg;

	if (setresgid(65534, 0, 0) < 0 || setresuid(65534, 0, 0) < 0)
		return 10;
	if (priv_drop(&step) < 0)
		return 1;
	if (getresuid(&r, &e, &s) < 0 || r != 65534 || e != 65534 || s != 65534)
		return 2;
	if (getresgid(&rg, &eg, &sg) < 0 || rg != 65534 || eg != 65534 || sg != 65534)
		return 3;
	/* no way back */
	if (setuid(0) == 0 || seteuid(0) == 0 || setgid(0) == 0)
		return 4;
	if (priv_has(CAP_NET_RAW) || raw_socket_errno() != EPERM)
		return 5;
	return 0;
}

START_TEST(test_priv_drop_setuid)
{
	UNIT_NEED_ROOT();
	ck_assert_int_eq(in_child(drop_setuid), 0);
}
END_TEST

/* CAP_NET_RAW permitted but not effective (a file capability's state), then raised. */
static int
raise_raw(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	int i = CAP_TO_INDEX(CAP_NET_RAW);

	if (syscall(SYS_capget, &h, d) < 0)
		return 10;
	d[i].effective &= ~CAP_TO_MASK(CAP_NET_RAW);
	if (syscall(SYS_capset, &h, d) < 0)
		return 11;
	if (raw_socket_errno() != EPERM)
		return 1;
	if (!priv_has(CAP_NET_RAW))
		return 2;
	priv_raise(CAP_NET_RAW);
	if (raw_socket_errno() != 0)
		return 3;
	priv_raise(CAP_NET_RAW);	/* already effective: a no-op */
	return raw_socket_errno() == 0 ? 0 : 4;
}

START_TEST(test_priv_raise)
{
	UNIT_NEED_ROOT();
	ck_assert_int_eq(in_child(raise_raw), 0);
}
END_TEST

/* priv_limit(): only CAP_NET_RAW and what the drop needs stay, none effective; the
 * raw socket needs priv_raise(); priv_drop() still works from there. */
static int
limit_raw(void)
{
	const char *step = NULL;

	if (priv_limit(CAP_NET_RAW) < 0)
		return 1;
	if (!priv_has(CAP_NET_RAW) || !priv_has(CAP_SETUID) || !priv_has(CAP_SETGID) ||
	    !priv_has(CAP_SETPCAP))
		return 2;
	if (priv_has(CAP_NET_ADMIN) || priv_has(CAP_SYS_ADMIN) || priv_has(CAP_DAC_OVERRIDE))
		return 3;
	if (raw_socket_errno() != EPERM)
		return 4;
	priv_raise(CAP_NET_RAW);
	if (raw_socket_errno() != 0)
		return 5;
	if (priv_drop(&step) < 0)
		return 6;
	if (priv_has(CAP_NET_RAW) || priv_has(CAP_SETUID) || raw_socket_errno() != EPERM)
		return 7;
	return 0;
}

START_TEST(test_priv_limit)
{
	UNIT_NEED_ROOT();
	ck_assert_int_eq(in_child(limit_raw), 0);
	ck_assert_int_eq(priv_limit(-1), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(priv_limit(CAP_LAST_CAP + 1), -1);
}
END_TEST

/*
 * Root limited to CAP_NET_RAW holds it permitted, not in effect, until priv_raise();
 * the kernel agrees: a raw socket is refused, then opened.
 */
static int
effective_raw(void)
{
	if (priv_limit(CAP_NET_RAW) < 0)
		return 1;
	if (!priv_has(CAP_NET_RAW) || priv_effective(CAP_NET_RAW))
		return 2;
	if (raw_socket_errno() != EPERM)
		return 3;
	priv_raise(CAP_NET_RAW);
	if (!priv_effective(CAP_NET_RAW) || priv_effective(CAP_NET_ADMIN))
		return 4;
	if (raw_socket_errno() != 0)
		return 5;
	return 0;
}

START_TEST(test_priv_effective)
{
	ck_assert(!priv_effective(-1));
	ck_assert(!priv_effective(CAP_LAST_CAP + 1));
	if (geteuid() != 0)
		return;
	ck_assert(priv_effective(CAP_NET_RAW));
	ck_assert_int_eq(in_child(effective_raw), 0);
}
END_TEST

/* Whether CAP is in the permitted set, as the kernel shows it in /proc/self/status. */
static bool
proc_has(int cap)
{
	char line[256];
	unsigned long long prm = 0;
	FILE *f = fopen("/proc/self/status", "r");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "CapPrm: %llx", &prm) == 1)
			break;
	fclose(f);
	return (prm >> cap) & 1;
}

/* The first and the last capability are asked as any other: as the kernel says. */
START_TEST(test_priv_has_ends)
{
	ck_assert_int_eq(priv_has(0), proc_has(0));
	ck_assert_int_eq(priv_has(CAP_LAST_CAP), proc_has(CAP_LAST_CAP));
	ck_assert_int_eq(priv_has(CAP_NET_RAW), proc_has(CAP_NET_RAW));
}
END_TEST

START_TEST(test_priv_has_bounds)
{
	ck_assert(!priv_has(-1));
	ck_assert(!priv_has(CAP_LAST_CAP + 1));
	ck_assert(!priv_has(1 << 20));
	priv_raise(-1);		/* out of range: nothing happens */
	priv_raise(CAP_LAST_CAP + 1);
	if (geteuid() == 0)
		ck_assert(priv_has(CAP_NET_RAW));
}
END_TEST

/* ---- priv_drop_to() ---- */

/*
 * Root, with supplementary groups and only CAP_NET_RAW kept (as esa-ping runs it),
 * becomes nobody: its passwd uid and gid everywhere, no group, no capability, and
 * no way back to uid 0 nor to root's files.
 */
static int
drop_to_nobody(void)
{
	const struct passwd *pw = getpwnam("nobody");
	const gid_t extra[] = { 0, 4 };
	const char *step = NULL;
	uid_t r, e, s;
	gid_t rg, eg, sg, g;

	if (pw == NULL)
		return 10;
	if (setgroups(2, extra) < 0 || priv_limit(CAP_NET_RAW) < 0)
		return 11;
	if (priv_drop_to("nobody", &step) < 0)
		return 1;
	if (getresuid(&r, &e, &s) < 0 || r != pw->pw_uid || e != r || s != r)
		return 2;
	if (getresgid(&rg, &eg, &sg) < 0 || rg != pw->pw_gid || eg != rg || sg != rg)
		return 3;
	if (getgroups(1, &g) != 0)
		return 4;
	if (priv_has(CAP_NET_RAW) || priv_has(CAP_SETUID) || raw_socket_errno() != EPERM)
		return 5;
	if (setuid(0) == 0 || seteuid(0) == 0 || setgid(0) == 0)
		return 6;
	/* root's files: /etc/shadow (mode 0640 root:shadow) cannot be opened */
	if (open("/etc/shadow", O_RDONLY) >= 0 || errno != EACCES)
		return 7;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return 8;
	return 0;
}

START_TEST(test_priv_drop_to_root)
{
	UNIT_NEED_ROOT();
	ck_assert_int_eq(in_child(drop_to_nobody), 0);
}
END_TEST

/* A user that does not exist: -1, ENOENT, the step named, nothing dropped yet. */
static int
drop_to_unknown(void)
{
	const char *step = NULL;

	if (priv_drop_to("esa-no-such-user-x", &step) == 0)
		return 1;
	if (errno != ENOENT || step == NULL || strstr(step, "user") == NULL)
		return 2;
	if (getuid() != 0 || !priv_has(CAP_NET_RAW))
		return 3;
	return 0;
}

START_TEST(test_priv_drop_to_unknown)
{
	UNIT_NEED_ROOT();
	ck_assert_int_eq(in_child(drop_to_unknown), 0);
}
END_TEST

/*
 * Not started by root (a set-user-ID-root program run by uid 65534): it goes back to
 * its caller, whatever USER names, even root.
 */
static int
drop_to_from_setuid(void)
{
	const char *step = NULL;
	uid_t r, e, s;

	if (setresgid(65534, 0, 0) < 0 || setresuid(65534, 0, 0) < 0)
		return 10;
	if (priv_drop_to("root", &step) < 0)
		return 1;
	if (getresuid(&r, &e, &s) < 0 || r != 65534 || e != 65534 || s != 65534)
		return 2;
	if (getegid() != 65534 || priv_has(CAP_NET_RAW))
		return 3;
	return 0;
}

START_TEST(test_priv_drop_to_setuid)
{
	UNIT_NEED_ROOT();
	ck_assert_int_eq(in_child(drop_to_from_setuid), 0);
}
END_TEST

/* ---- priv_revoke() ---- */

/* Whether the bounding set holds no capability (PR_CAPBSET_READ of each). */
static bool
bounding_empty(void)
{
	for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1)
			return false;
	return true;
}

/*
 * Root's priv_drop_sealed() keeps uid 0, and empties the bounding set with the rest;
 * priv_drop() leaves it (a tool that lists and ends: no_new_privs bars an exec).
 */
static int
drop_bounding(void)
{
	const char *step = NULL;

	if (bounding_empty())
		return 10;
	if (priv_drop_sealed(&step) < 0)
		return 1;
	if (!bounding_empty())
		return 2;
	if (getuid() != 0 || geteuid() != 0)
		return 3;
	return 0;
}

static int
drop_unsealed(void)
{
	const char *step = NULL;

	if (bounding_empty())
		return 10;
	if (priv_drop(&step) < 0)
		return 1;
	if (bounding_empty())
		return 2;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return 3;
	return 0;
}

START_TEST(test_priv_drop_bounding)
{
	UNIT_NEED_ROOT();
	ck_assert_int_eq(in_child(drop_bounding), 0);
	ck_assert_int_eq(in_child(drop_unsealed), 0);
}
END_TEST

/*
 * Root with supplementary groups and only CAP_NET_RAW kept becomes nobody's uid and
 * gid, as OpenBSD ping revokes its privileges: the gid its only group, no capability
 * anywhere (the bounding set neither), and no way back to root's ids or files.
 */
static int
revoke_to_nobody(void)
{
	const struct passwd *pw = getpwnam("nobody");
	const gid_t extra[] = { 0, 4 };
	const char *step = NULL;
	uid_t r, e, s;
	gid_t rg, eg, sg, g[4];

	if (pw == NULL)
		return 10;
	if (setgroups(2, extra) < 0 || priv_limit(CAP_NET_RAW) < 0)
		return 11;
	if (priv_revoke(pw->pw_uid, pw->pw_gid, &step) < 0)
		return 1;
	if (getresuid(&r, &e, &s) < 0 || r != pw->pw_uid || e != r || s != r)
		return 2;
	if (getresgid(&rg, &eg, &sg) < 0 || rg != pw->pw_gid || eg != rg || sg != rg)
		return 3;
	if (getgroups(4, g) != 1 || g[0] != pw->pw_gid)
		return 4;
	if (priv_has(CAP_NET_RAW) || priv_has(CAP_SETUID) || raw_socket_errno() != EPERM)
		return 5;
	if (setuid(0) == 0 || seteuid(0) == 0 || setgid(0) == 0 || setgroups(0, NULL) == 0)
		return 6;
	if (open("/etc/shadow", O_RDONLY) >= 0 || errno != EACCES)
		return 7;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1 || !bounding_empty())
		return 8;
	return 0;
}

START_TEST(test_priv_revoke_root)
{
	UNIT_NEED_ROOT();
	ck_assert_int_eq(in_child(revoke_to_nobody), 0);
}
END_TEST

/* Not root any more (uid 65534 everywhere): becoming root is refused, nothing changes. */
static int
revoke_unprivileged(void)
{
	const char *step = NULL;
	uid_t r, e, s;

	if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0)
		return 10;
	if (priv_revoke(0, 0, &step) == 0)
		return 1;
	if (errno != EPERM || step == NULL || strcmp(step, "setresgid") != 0)
		return 2;
	if (getresuid(&r, &e, &s) < 0 || r != 65534 || e != 65534 || s != 65534)
		return 3;
	return 0;
}

START_TEST(test_priv_revoke_unprivileged)
{
	UNIT_NEED_ROOT();	/* to become 65534 first */
	ck_assert_int_eq(in_child(revoke_unprivileged), 0);
}
END_TEST

Suite *
suite_priv(void)
{
	Suite *s = suite_create("priv");
	TCase *tc = tcase_create("priv");

	tcase_add_test(tc, test_priv_drop_root);
	tcase_add_test(tc, test_priv_drop_setuid);
	tcase_add_test(tc, test_priv_raise);
	tcase_add_test(tc, test_priv_limit);
	tcase_add_test(tc, test_priv_has_bounds);
	tcase_add_test(tc, test_priv_effective);
	tcase_add_test(tc, test_priv_has_ends);
	tcase_add_test(tc, test_priv_drop_to_root);
	tcase_add_test(tc, test_priv_drop_to_unknown);
	tcase_add_test(tc, test_priv_drop_to_setuid);
	tcase_add_test(tc, test_priv_drop_bounding);
	tcase_add_test(tc, test_priv_revoke_root);
	tcase_add_test(tc, test_priv_revoke_unprivileged);
	suite_add_tcase(s, tc);
	return s;
}
