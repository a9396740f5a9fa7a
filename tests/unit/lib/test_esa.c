/* SPDX-License-Identifier: BSD-2-Clause */
/* test_esa.c - unit tests of lib/esa.c: allocation that cannot fail and esa_close_stdout(). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check_esa.h"
#include "suites.h"
#include "esa.h"

/*
 * ASan reports a huge allocation as an error and aborts instead of returning NULL,
 * so the out-of-memory path could never run in a SANITIZE=1 build. Asking it to
 * return NULL as the C library does lets the exit tests below see the real path;
 * ASAN_OPTIONS in the environment still overrides this. Weak, so that a definition
 * in the runner wins.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ESA_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ESA_TEST_ASAN 1
#endif
#ifdef ESA_TEST_ASAN
const char *__asan_default_options(void);

__attribute__((weak)) const char *
__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}
#endif

START_TEST(test_esa_xmalloc)
{
	char *p = xmalloc(64), *z = xmalloc(0);

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(z);
	memset(p, 'a', 64);
	ck_assert_int_eq(p[63], 'a');
	free(z);
	free(p);
}
END_TEST

START_TEST(test_esa_xcalloc)
{
	unsigned char *p = xcalloc(16, sizeof(int));

	ck_assert_ptr_nonnull(p);
	for (size_t i = 0; i < 16 * sizeof(int); i++)
		ck_assert_uint_eq(p[i], 0);
	free(p);
	ck_assert_ptr_nonnull(p = xcalloc(0, 0));
	free(p);
	ck_assert_ptr_nonnull(p = xcalloc(0, 8));
	free(p);
}
END_TEST

/* Growing keeps the contents; NULL acts as malloc; 0 still gives memory. */
START_TEST(test_esa_xrealloc)
{
	int *p = xrealloc(NULL, 4, sizeof(int));

	for (int i = 0; i < 4; i++)
		p[i] = i * 7;
	p = xrealloc(p, 1024, sizeof(int));
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(p[i], i * 7);
	p[1023] = 1;
	p = xrealloc(p, 0, sizeof(int));
	ck_assert_ptr_nonnull(p);
	free(p);
	ck_assert_ptr_nonnull(p = xrealloc(NULL, 0, 0));
	free(p);
}
END_TEST

START_TEST(test_esa_xstrdup)
{
	static const char *const rows[] = { "", "eth0", "Donn\303\251es 1" };

	for (size_t i = 0; i < ESA_NELEM(rows); i++) {
		char *p = xstrdup(rows[i]);

		ck_assert_ptr_ne(p, rows[i]);
		ck_assert_str_eq(p, rows[i]);
		free(p);
	}
}
END_TEST

/* Out of memory: the message goes nowhere, the status must be ESA_EXIT_ERR. */
static void
quiet_stderr(void)
{
	int fd = open("/dev/null", O_WRONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, STDERR_FILENO), STDERR_FILENO);
	close(fd);
}

START_TEST(test_esa_xmalloc_oom)
{
	quiet_stderr();
	free(xmalloc(SIZE_MAX));
}
END_TEST

START_TEST(test_esa_xcalloc_overflow)
{
	quiet_stderr();
	free(xcalloc(SIZE_MAX, 2));
}
END_TEST

START_TEST(test_esa_xrealloc_overflow)
{
	quiet_stderr();
	free(xrealloc(NULL, SIZE_MAX, 2));
}
END_TEST

/*
 * Growing a block past SIZE_MAX bytes. The block stays reachable from a volatile
 * static (a plain one may be optimised away), so LeakSanitizer does not report it
 * at exit and change the status.
 */
START_TEST(test_esa_xrealloc_grow_overflow)
{
	static void *volatile block;

	quiet_stderr();
	block = xmalloc(16);
	free(xrealloc(block, SIZE_MAX / 2 + 1, 2));
}
END_TEST

/* Points FD (1 or 2) at a new temporary file; returns that file for reading back. */
static FILE *
redirect_tmp(int fd)
{
	FILE *f = tmpfile();

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(dup2(fileno(f), fd), fd);
	return f;
}

/* The whole contents of F, NUL-terminated; the caller frees it. */
static char *
slurp(FILE *f)
{
	char *buf = xmalloc(4096);
	size_t n;

	rewind(f);
	n = fread(buf, 1, 4095, f);
	buf[n] = '\0';
	return buf;
}

/* Nothing went wrong: 0, everything written, and nothing on stderr. */
START_TEST(test_esa_close_ok)
{
	FILE *out, *errf;
	char *text;

	ck_assert_int_eq(fflush(stdout), 0);
	out = redirect_tmp(STDOUT_FILENO);
	errf = redirect_tmp(STDERR_FILENO);
	ck_assert_int_gt(printf("hello\n"), 0);
	ck_assert_int_eq(esa_close_stdout(), 0);
	text = slurp(out);
	ck_assert_str_eq(text, "hello\n");
	free(text);
	text = slurp(errf);
	ck_assert_str_eq(text, "");
	free(text);
	fclose(out);
	fclose(errf);
}
END_TEST

/*
 * stdout on /dev/full, with less (_i 0) or more (_i 1) written than its buffer
 * holds: -1 with ENOSPC, and nothing printed: the tool chooses the words.
 */
START_TEST(test_esa_close_full)
{
	static char chunk[BUFSIZ];
	FILE *errf;
	char *text;
	int fd;

	ck_assert_int_eq(fflush(stdout), 0);
	if ((fd = open("/dev/full", O_WRONLY)) == -1)
		ck_abort_msg("/dev/full: %s", strerror(errno));
	ck_assert_int_eq(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	close(fd);
	ck_assert_int_eq(setvbuf(stdout, NULL, _IOFBF, BUFSIZ), 0);
	errf = redirect_tmp(STDERR_FILENO);
	memset(chunk, 'x', sizeof(chunk));
	fwrite(chunk, 1, _i == 0 ? 10 : sizeof(chunk), stdout);
	if (_i == 1)
		fwrite(chunk, 1, sizeof(chunk), stdout);
	ck_assert_int_eq(esa_close_stdout(), -1);
	ck_assert_int_eq(errno, ENOSPC);
	text = slurp(errf);
	ck_assert_str_eq(text, "");
	free(text);
	fclose(errf);
}
END_TEST

/* A reader that went away (| head): -1 with EPIPE, which a tool keeps quiet about. */
START_TEST(test_esa_close_epipe)
{
	static char chunk[BUFSIZ];
	FILE *errf;
	char *text;
	int p[2];

	ck_assert_int_eq(fflush(stdout), 0);
	signal(SIGPIPE, SIG_IGN);
	ck_assert_int_eq(pipe(p), 0);
	close(p[0]);
	ck_assert_int_eq(dup2(p[1], STDOUT_FILENO), STDOUT_FILENO);
	close(p[1]);
	ck_assert_int_eq(setvbuf(stdout, NULL, _IOFBF, BUFSIZ), 0);
	errf = redirect_tmp(STDERR_FILENO);
	memset(chunk, 'x', sizeof(chunk));
	fwrite(chunk, 1, sizeof(chunk), stdout);
	fwrite(chunk, 1, sizeof(chunk), stdout);
	ck_assert_int_eq(esa_close_stdout(), -1);
	ck_assert_int_eq(errno, EPIPE);
	text = slurp(errf);
	ck_assert_str_eq(text, "");
	free(text);
	fclose(errf);
}
END_TEST

/* In a child: stdout and stdin closed, then esa_std_fds(); 0 when all went right. */
static int
std_fds_child(void)
{
	char c;
	int fd;

	close(STDIN_FILENO);
	close(STDOUT_FILENO);
	if (esa_std_fds() != 0)
		return 1;
	/* both taken: a socket opened now cannot land on them */
	if ((fd = open("/dev/null", O_RDONLY)) <= STDERR_FILENO)
		return 2;
	close(fd);
	/* a write to stdout fails as it did when closed; stdin reads as empty */
	if (write(STDOUT_FILENO, "x", 1) != -1 || errno != EBADF)
		return 3;
	if (read(STDIN_FILENO, &c, 1) != 0)
		return 4;
	/* already open: left alone */
	fd = fcntl(STDERR_FILENO, F_GETFL);
	if (esa_std_fds() != 0 || fcntl(STDERR_FILENO, F_GETFL) != fd)
		return 5;
	return 0;
}

START_TEST(test_esa_std_fds)
{
	int st;
	pid_t pid;

	ck_assert_int_eq(fflush(NULL), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(std_fds_child());
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
}
END_TEST

/* In a child with descriptors CLOSED (a bit mask of 0-2) closed: all three open after. */
static void
std_fds_case(int closed)
{
	char path[64], target[64];
	ssize_t n;
	pid_t pid;
	int st;

	fflush(NULL);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		for (int i = 0; i <= 2; i++)
			if (closed & (1 << i))
				close(i);
		if (esa_std_fds() != 0)
			_exit(10);
		for (int i = 0; i <= 2; i++) {
			snprintf(path, sizeof(path), "/proc/self/fd/%d", i);
			if ((n = readlink(path, target, sizeof(target) - 1)) < 0)
				_exit(20 + i);
			target[n] = '\0';
			if ((closed & (1 << i)) && strcmp(target, "/dev/null") != 0)
				_exit(30 + i);
		}
		/* the next descriptor is past 2 */
		_exit(open("/dev/null", O_RDONLY) > 2 ? 0 : 40);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
}

START_TEST(test_esa_std_fds_each)
{
	std_fds_case(_i);
}
END_TEST

Suite *
suite_esa(void)
{
	Suite *s = suite_create("esa");
	TCase *alloc = tcase_create("esa alloc");
	TCase *oom = tcase_create("esa out of memory");
	TCase *finish = tcase_create("esa close stdout");

	tcase_add_test(alloc, test_esa_xmalloc);
	tcase_add_test(alloc, test_esa_xcalloc);
	tcase_add_test(alloc, test_esa_xrealloc);
	tcase_add_test(alloc, test_esa_xstrdup);
	suite_add_tcase(s, alloc);

	tcase_add_exit_test(oom, test_esa_xmalloc_oom, ESA_EXIT_ERR);
	tcase_add_exit_test(oom, test_esa_xcalloc_overflow, ESA_EXIT_ERR);
	tcase_add_exit_test(oom, test_esa_xrealloc_overflow, ESA_EXIT_ERR);
	tcase_add_exit_test(oom, test_esa_xrealloc_grow_overflow, ESA_EXIT_ERR);
	suite_add_tcase(s, oom);

	tcase_add_test(finish, test_esa_close_ok);
	tcase_add_loop_test(finish, test_esa_close_full, 0, 2);
	tcase_add_test(finish, test_esa_close_epipe);
	tcase_add_test(finish, test_esa_std_fds);
	/* every combination of 0, 1 and 2 closed */
	tcase_add_loop_test(finish, test_esa_std_fds_each, 0, 8);
	suite_add_tcase(s, finish);
	return s;
}
