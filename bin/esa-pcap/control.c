/* SPDX-License-Identifier: BSD-2-Clause */
/* control.c - one capture per directory: start, stop, status. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "epcap.h"
#include "esa.h"

#define STOP_WAIT_MS	15000
#define START_WAIT_MS	30000

/*
 * Signals the capture only through a pidfd of the process the kernel shows holding
 * the lock (lock_probe()): a PID written in a file, or reused after the capture
 * died, is never signalled.
 */
int
ctl_stop(const char *dir)
{
	char q[TEXT_QUOTE_SIZE];
	struct pollfd pfd;
	struct state st;
	long pid = 0;
	int dirfd, pidfd = -1, rc = ESA_EXIT_ERR;

	if ((dirfd = dir_open(dir)) < 0) {
		if (errno == ENOENT) {
			warnx("no capture is running");
			return ESA_EXIT_NO;
		}
		warn("%s", text_quote(q, sizeof(q), dir));
		return ESA_EXIT_ERR;
	}
	switch (lock_probe(dirfd, &pid, &pidfd)) {
	case -1:
		warn("%s/%s", text_quote(q, sizeof(q), dir), EPCAP_LOCK_NAME);
		goto out;
	case 0:
		warnx("no capture is running");
		rc = ESA_EXIT_NO;
		goto out;
	}
	if (pidfd < 0) {
		warnx("the lock is held by a process not proved to be the capture "
		    "(pid unverified): not stopping it");
		goto out;
	}
	if (pidfd_send_signal(pidfd, SIGTERM, NULL, 0) < 0) {
		warn("stopping pid %ld", pid);
		goto out;
	}
	pfd = (struct pollfd){ .fd = pidfd, .events = POLLIN };
	if (poll(&pfd, 1, STOP_WAIT_MS) <= 0) {
		warnx("the capture (pid %ld) did not stop within %d s", pid, STOP_WAIT_MS / 1000);
		goto out;
	}
	/* the process is gone; its lock with it (a child holding it is not ours) */
	if (state_load(dirfd, &st) < 0) {
		warn("%s/%s", text_quote(q, sizeof(q), dir), EPCAP_STATE_NAME);
		goto out;
	}
	print_summary(stdout, &st);
	rc = ESA_EXIT_OK;
out:
	if (pidfd >= 0)
		close(pidfd);
	close(dirfd);
	return rc;
}

int
ctl_status(const char *dir, const struct settings *saved, bool json)
{
	char q[TEXT_QUOTE_SIZE];
	struct state st;
	bool have = false;
	long pid = 0;
	int dirfd, running = 0;

	if ((dirfd = dir_open(dir)) < 0 && errno != ENOENT) {
		warn("%s", text_quote(q, sizeof(q), dir));
		return ESA_EXIT_ERR;
	}
	if (dirfd >= 0) {
		if ((running = lock_running(dirfd, &pid)) < 0) {
			warn("%s/%s", text_quote(q, sizeof(q), dir), EPCAP_LOCK_NAME);
			close(dirfd);
			return ESA_EXIT_ERR;
		}
		if (!running)
			lock_recover(dirfd);
		have = state_load(dirfd, &st) == 0;
		close(dirfd);
	}
	if (running && (!have || st.end != END_RUNNING || (pid != 0 && st.pid != pid))) {
		/* the capture is starting: its first state is on its way */
		memset(&st, 0, sizeof(st));
		st.pid = pid;
		st.set = *saved;
		have = true;
	}
	/* a PID the kernel did not prove is never shown: anybody may write the state file */
	if (running && pid == 0)
		st.pid = 0;
	print_status(stdout, have ? &st : NULL, running > 0, running ? &st.set : saved, json);
	return running ? ESA_EXIT_OK : ESA_EXIT_NO;
}

/*
 * Detaches the capture process as a daemon does: no descriptor of the caller's
 * (a job's flock, the write end of a `$( )`) kept open for the capture's life, only
 * READY (moved above 2) and /dev/null on 0-2; the root directory as working
 * directory until the capture directory is open (capture_run() moves there), so the
 * caller's filesystem can be unmounted. Returns O, updated.
 */
static struct capture_opts *
detach(struct capture_opts *o, int ready)
{
	int null, fd;

	if ((fd = fcntl(ready, F_DUPFD_CLOEXEC, 3)) < 0)
		_exit(ESA_EXIT_ERR);
	if (fd > 3)
		(void)close_range(3, (unsigned int)fd - 1, 0);
	(void)close_range((unsigned int)fd + 1, ~0U, 0);
	if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	if (chdir("/") < 0)
		_exit(ESA_EXIT_ERR);
	umask(027);
	o->detach = true;
	o->ready_fd = fd;
	return o;
}

/*
 * start: the capture process is a child in its own session, detached from the
 * terminal; it says on a pipe when it runs ("0 FILE") or why it cannot ("2 why",
 * "1 already running"). start returns only then.
 */
int
ctl_start(const struct capture_opts *o)
{
	struct capture_opts co = *o;
	char msg[EPCAP_MSG_MAX + 8];
	int fds[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		err(ESA_EXIT_ERR, "pipe");
	fflush(NULL);
	if ((pid = fork()) < 0)
		err(ESA_EXIT_ERR, "fork");
	if (pid == 0) {
		close(fds[0]);
		if (setsid() < 0)
			_exit(ESA_EXIT_ERR);
		/* a second fork: not a session leader, never again a controlling terminal */
		if ((pid = fork()) != 0)
			_exit(pid < 0 ? ESA_EXIT_ERR : 0);
		_exit(capture_run(detach(&co, fds[1])));
	}
	close(fds[1]);
	waitpid(pid, &status, 0);
	struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
	while (len < sizeof(msg) - 1) {
		if (poll(&pfd, 1, START_WAIT_MS) <= 0) {
			warnx("the capture did not start within %d s", START_WAIT_MS / 1000);
			return ESA_EXIT_ERR;
		}
		if ((n = read(fds[0], msg + len, sizeof(msg) - 1 - len)) <= 0)
			break;
		len += (size_t)n;
		if (memchr(msg, '\n', len) != NULL)
			break;
	}
	close(fds[0]);
	msg[len] = '\0';
	msg[strcspn(msg, "\n")] = '\0';
	if (len < 2 || (msg[0] != '0' && msg[0] != '1' && msg[0] != '2') || msg[1] != ' ') {
		warnx("the capture process ended before it started");
		return ESA_EXIT_ERR;
	}
	if (msg[0] != '0') {
		warnx("%s", msg + 2);
		return msg[0] - '0';
	}
	printf("%s\n", msg + 2);
	return ESA_EXIT_OK;
}
