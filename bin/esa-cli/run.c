/* SPDX-License-Identifier: BSD-2-Clause */
/* run.c - the esa-* tools found (next to esa-cli, else on PATH) and run with fork/exec. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "esa.h"
#include "text.h"

#define RUN_OUT_MAX (4u << 20)

/* The path of tool NAME in BUF: beside esa-cli, else the first on PATH. 0, or -1. */
static int
run_find(const struct cli *c, const char *name, char *buf, size_t size)
{
	const char *path, *p, *e;
	int n;

	if (c->tooldir[0] != '\0') {
		n = snprintf(buf, size, "%s/%s", c->tooldir, name);
		if (n > 0 && (size_t)n < size && access(buf, X_OK) == 0)
			return 0;
	}
	path = getenv("PATH");
	if (path == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; ; p = e + 1) {
		e = strchrnul(p, ':');
		/* an empty entry means the current directory: never, for a root session */
		if (e > p) {
			n = snprintf(buf, size, "%.*s/%s", (int)(e - p), p, name);
			if (n > 0 && (size_t)n < size && access(buf, X_OK) == 0)
				return 0;
		}
		if (*e == '\0')
			return -1;
	}
}

/*
 * The child's side: signals as a program expects them, OUT as stdout and ERR as
 * stderr (when not -1), then exec.
 */
static void __attribute__((noreturn))
run_child(const char *path, char *const argv[], int out, int err)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	if (out >= 0 && dup2(out, STDOUT_FILENO) < 0)
		_exit(ESA_EXIT_ERR);
	if (err >= 0 && dup2(err, STDERR_FILENO) < 0)
		_exit(ESA_EXIT_ERR);
	execv(path, argv);
	warn("%s", path);
	_exit(ESA_EXIT_ERR);
}

/* Waits for PID (EINTR from Ctrl-C does not stop the wait): its status as a tool's. */
static int
run_wait(pid_t pid, const char *name)
{
	char q[TEXT_QUOTE_SIZE];
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			warn("waitpid");
			return ESA_EXIT_ERR;
		}
	/*
	 * Ctrl-C ended the tool: the terminal echoed "^C" where the cursor was, and a tool
	 * may end there; the prompt starts on a line of its own.
	 */
	if (cli_interrupted) {
		cli_interrupted = 0;
		putchar('\n');
	}
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WTERMSIG(st) != SIGINT)
		warnx("%s: %s", text_quote(q, sizeof(q), name), strsignal(WTERMSIG(st)));
	return ESA_EXIT_ERR;
}

/* Starts ARGV with stdout on OUT, stderr on ERR (or ours): the pid, or -1 after a message. */
static pid_t
run_start(const struct cli *c, char *const argv[], int out, int err)
{
	char path[PATH_MAX], q[TEXT_QUOTE_SIZE];
	pid_t pid;

	if (run_find(c, argv[0], path, sizeof(path)) < 0) {
		warnx("%s: not found next to esa-cli or on PATH",
		    text_quote(q, sizeof(q), argv[0]));
		return -1;
	}
	fflush(stdout);
	cli_interrupted = 0;
	pid = fork();
	if (pid < 0) {
		warn("fork");
		return -1;
	}
	if (pid == 0)
		run_child(path, argv, out, err);
	return pid;
}

int
run_tool(const struct cli *c, char *const argv[])
{
	pid_t pid = run_start(c, argv, -1, -1);

	if (pid < 0)
		return ESA_EXIT_ERR;
	return run_wait(pid, argv[0]);
}

int
run_capture(const struct cli *c, char *const argv[], int quiet, char **out, size_t *len)
{
	size_t n = 0, size = 4096;
	int fd[2], st, null = -1;
	char *buf;
	ssize_t r;
	pid_t pid;

	*out = NULL;
	*len = 0;
	if (pipe2(fd, O_CLOEXEC) < 0) {
		warn("pipe");
		return ESA_EXIT_ERR;
	}
	if (quiet)
		null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	pid = run_start(c, argv, fd[1], null);
	close(fd[1]);
	if (null >= 0)
		close(null);
	if (pid < 0) {
		close(fd[0]);
		return ESA_EXIT_ERR;
	}
	buf = xmalloc(size);
	for (;;) {
		if (n + 1 == size) {
			if (size >= RUN_OUT_MAX)
				break;	/* the rest is never read: the tool sees EPIPE */
			size *= 2;
			buf = xrealloc(buf, size, 1);
		}
		r = read(fd[0], buf + n, size - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd[0]);
	buf[n] = '\0';
	st = run_wait(pid, argv[0]);
	*out = buf;
	*len = n;
	return st;
}

char *
run_json_value(const struct cli *c, char *const argv[], int quiet, int worst,
    const char *key, int depth)
{
	char *out, **v, *r = NULL;
	size_t len;
	int st = run_capture(c, argv, quiet, &out, &len);
	long n;

	if (st > worst) {
		free(out);
		return NULL;
	}
	n = choices_parse(out, len, key, depth, &v);
	free(out);
	if (n >= 1)
		r = xstrdup(v[0]);
	if (n >= 0)
		choices_free(v, (size_t)n);
	return r;
}
