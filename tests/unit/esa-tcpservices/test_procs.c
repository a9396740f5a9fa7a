/* SPDX-License-Identifier: BSD-2-Clause */
/* test_procs.c - fd links, status lines, and the scan over a /proc tree made of files here. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../bin/esa-tcpservices/tcpservices.h"
#include "esa.h"
#include "../check_esa.h"
#include "suites.h"

static int
fd_inode(const char *link, uint32_t *inode)
{
	size_t n = strlen(link);
	char *copy = exact_copy(link, n);
	int r = procs_fd_inode(copy, n, inode);

	free(copy);
	return r;
}

START_TEST(test_fd_links)
{
	static const char *const others[] = {
		"", "socket:[", "socket:[]", "socket:[12", "socket:12]", "socket:[1a]",
		"socket:[-1]", "socket:[ 1]", "socket:[4294967296]", "socket:[99999999999999999999]",
		"Socket:[1]", "pipe:[123]", "anon_inode:[eventfd]", "/dev/null",
		"/tmp/socket:[1]", "socket:[1]]", "socket:[1] ",
	};
	uint32_t inode = 7;

	ck_assert_int_eq(fd_inode("socket:[12345]", &inode), 1);
	ck_assert_uint_eq(inode, 12345);
	ck_assert_int_eq(fd_inode("socket:[0]", &inode), 1);
	ck_assert_uint_eq(inode, 0);
	ck_assert_int_eq(fd_inode("socket:[4294967295]", &inode), 1);
	ck_assert_uint_eq(inode, 4294967295u);
	for (size_t i = 0; i < ESA_NELEM(others); i++) {
		inode = 7;
		ck_assert_msg(fd_inode(others[i], &inode) == 0, "accepted \"%s\"", others[i]);
		ck_assert_uint_eq(inode, 7);
	}
}
END_TEST

static int
status_uid(const char *text, uint32_t *uid)
{
	size_t n = strlen(text);
	char *copy = exact_copy(text, n);
	int r = procs_status_uid(copy, n, uid);

	free(copy);
	return r;
}

START_TEST(test_status_uid)
{
	uint32_t uid = 7;

	ck_assert_int_eq(status_uid("Name:\tsshd\nUmask:\t0022\nState:\tS (sleeping)\n"
	    "Uid:\t0\t1000\t0\t0\nGid:\t0\t0\t0\t0\n", &uid), 0);
	ck_assert_uint_eq(uid, 1000);
	ck_assert_int_eq(status_uid("Uid:\t65534\t65534\t65534\t65534", &uid), 0);
	ck_assert_uint_eq(uid, 65534);
	/* the effective uid may end the line */
	ck_assert_int_eq(status_uid("Uid:\t5\t6\n", &uid), 0);
	ck_assert_uint_eq(uid, 6);
	ck_assert_int_eq(status_uid("Uid:\t5\t6", &uid), 0);
	ck_assert_uint_eq(uid, 6);
	uid = 7;
	ck_assert_int_eq(status_uid("", &uid), -1);
	ck_assert_int_eq(status_uid("Name:\tx\n", &uid), -1);
	ck_assert_int_eq(status_uid("Uid:\n", &uid), -1);
	ck_assert_int_eq(status_uid("Uid:\t5\n", &uid), -1);
	/* the first Uid: line decides, even one short of a field: no later one is read */
	ck_assert_int_eq(status_uid("Uid:5\nUid:\t0\t1\n", &uid), -1);
	ck_assert_int_eq(status_uid("Uid:\t5\tx\n", &uid), -1);
	ck_assert_int_eq(status_uid("Uid:\t5\t99999999999\n", &uid), -1);
	ck_assert_int_eq(status_uid("XUid:\t5\t6\n", &uid), -1);
	ck_assert_uint_eq(uid, 7);
}
END_TEST

static void
put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* DIR/PID with comm, status (uid) and fd links; NULL comm leaves it out. */
static void
fake_proc(const char *dir, const char *pid, const char *comm, const char *uid,
    const char *const *fds)
{
	char path[512], text[256];

	snprintf(path, sizeof(path), "%s/%s", dir, pid);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/%s/fd", dir, pid);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	for (; fds != NULL && fds[0] != NULL; fds += 2) {
		snprintf(path, sizeof(path), "%s/%s/fd/%s", dir, pid, fds[0]);
		ck_assert_int_eq(symlink(fds[1], path), 0);
	}
	if (comm != NULL) {
		snprintf(path, sizeof(path), "%s/%s/comm", dir, pid);
		snprintf(text, sizeof(text), "%s\n", comm);
		put_file(path, text);
	}
	snprintf(path, sizeof(path), "%s/%s/status", dir, pid);
	snprintf(text, sizeof(text), "Name:\tx\nUid:\t%s\t%s\t%s\t%s\n", uid, uid, uid, uid);
	put_file(path, text);
}

static struct listeners
two_listeners(void)
{
	struct listeners l = { 0 };

	l.cap = 2;
	l.v = calloc(2, sizeof(*l.v));
	ck_assert_ptr_nonnull(l.v);
	l.v[0] = (struct sockdiag_sock){ .family = AF_INET, .protocol = IPPROTO_TCP,
	    .state = SOCK_LISTEN, .sport = 22, .inode = 100 };
	l.v[1] = (struct sockdiag_sock){ .family = AF_INET6, .protocol = IPPROTO_TCP,
	    .state = SOCK_LISTEN, .sport = 443, .inode = 200 };
	l.n = 2;
	listeners_index(&l);
	return l;
}

/*
 * pid 123: listener 100 on fds 0 and 2 (once), a file, a socket that does not
 * listen, and listener 200 on fd 5000, past the dense numbers (found through the
 * directory listing); pid 456 (uid 33) shares 100; pid 789 holds 200 but has no
 * comm (it ended during the scan); "self" and "12x" are not processes; 999 has no fd.
 */
START_TEST(test_scan)
{
	static const char *const fds123[] = {
		"0", "socket:[100]", "1", "/dev/null", "2", "socket:[100]",
		"7", "socket:[999]", "5000", "socket:[200]", NULL,
	};
	static const char *const fds456[] = { "3", "socket:[100]", NULL };
	static const char *const fds789[] = { "0", "socket:[200]", NULL };
	char dir[] = "/tmp/esa-proc-XXXXXX", path[512];
	struct listeners l = two_listeners();
	struct rows r = { 0 };

	ck_assert_ptr_nonnull(mkdtemp(dir));
	fake_proc(dir, "123", "api_server", "1000", fds123);
	fake_proc(dir, "456", "nginx", "33", fds456);
	fake_proc(dir, "789", NULL, "0", fds789);
	fake_proc(dir, "12x", "no", "0", fds456);
	snprintf(path, sizeof(path), "%s/self", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/999", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);

	ck_assert_int_eq(procs_scan(dir, &l, &r), 0);
	ck_assert_uint_eq(r.unreadable, 0);
	ck_assert_uint_eq(r.n, 3);
	rows_sort(r.v, r.n);
	ck_assert_str_eq(r.v[0].comm, "api_server");
	ck_assert_int_eq(r.v[0].pid, 123);
	ck_assert_uint_eq(r.v[0].uid, 1000);
	ck_assert_uint_eq(r.v[0].s->inode, 100);
	ck_assert_str_eq(r.v[1].comm, "api_server");
	ck_assert_uint_eq(r.v[1].s->inode, 200);
	ck_assert_str_eq(r.v[2].comm, "nginx");
	ck_assert_int_eq(r.v[2].pid, 456);
	ck_assert_uint_eq(r.v[2].uid, 33);
	ck_assert_uint_eq(r.v[2].s->inode, 100);
	rows_free(&r);
	listeners_free(&l);
	errno = 0;
	ck_assert_int_eq(procs_scan("/nonexistent-proc", &l, &r), -1);
	ck_assert_int_eq(errno, ENOENT);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

/* The live /proc: this process holds a listener, and the scan finds it with our comm. */
START_TEST(test_scan_live)
{
	struct listeners l = { 0 };
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t slen = sizeof(sin);
	struct rows r = { 0 };
	struct stat st;
	char comm[64] = "";
	int s = socket(AF_INET, SOCK_STREAM, 0), found = 0;
	FILE *f;

	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(bind(s, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(listen(s, 1), 0);
	ck_assert_int_eq(getsockname(s, (struct sockaddr *)&sin, &slen), 0);
	ck_assert_int_eq(fstat(s, &st), 0);
	l.cap = 1;
	l.v = calloc(1, sizeof(*l.v));
	l.v[0] = (struct sockdiag_sock){ .family = AF_INET, .protocol = IPPROTO_TCP,
	    .state = SOCK_LISTEN, .sport = ntohs(sin.sin_port), .inode = (uint32_t)st.st_ino };
	l.n = 1;
	listeners_index(&l);
	ck_assert_int_eq(procs_scan("/proc", &l, &r), 0);
	f = fopen("/proc/self/comm", "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(comm, sizeof(comm), f));
	fclose(f);
	comm[strcspn(comm, "\n")] = '\0';
	for (size_t i = 0; i < r.n; i++) {
		if (r.v[i].pid != getpid())
			continue;
		found++;
		ck_assert_str_eq(r.v[i].comm, comm);
		ck_assert_uint_eq(r.v[i].uid, geteuid());
	}
	ck_assert_int_eq(found, 1);
	close(s);
	rows_free(&r);
	listeners_free(&l);
}
END_TEST

Suite *
suite_procs(void)
{
	Suite *s = suite_create("procs");
	TCase *tc = tcase_create("procs");

	tcase_add_test(tc, test_fd_links);
	tcase_add_test(tc, test_status_uid);
	tcase_add_test(tc, test_scan);
	tcase_add_test(tc, test_scan_live);
	suite_add_tcase(s, tc);
	return s;
}
