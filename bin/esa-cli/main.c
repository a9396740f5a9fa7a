/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-cli: the appliance's prompt on a terminal, running the esa-* tools. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "esa.h"
#include "front.h"
#include "text.h"


static void
usage(FILE *f)
{
	fprintf(f, "usage: esa-cli [-c command]\n");
}

static const struct front front = { .name = "esa-cli", .usage = usage };

static void
on_signal(int sig)
{
	if (sig == SIGINT)
		cli_interrupted = 1;
	else if (sig == SIGHUP || sig == SIGTERM)
		cli_hangup = 1;
}

/*
 * SIGINT and SIGQUIT only set a flag, without SA_RESTART: the terminal sends them to
 * the running tool too (same process group), which ends or reports; esa-cli goes on,
 * and a question waiting for an answer is abandoned (read fails with EINTR).
 */
static void
signals_set(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	/* a closed terminal or a kill ends the session, and with it its capture */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* The host name for the prompt, escaped; the directory esa-cli runs from. */
static void
session_init(struct cli *c)
{
	char host[257], self[PATH_MAX];
	ssize_t n;

	if (gethostname(host, sizeof(host) - 1) < 0 || host[0] == '\0')
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(c->host, sizeof(c->host), "%s> ",
	    text_safe((char[TEXT_SAFE_SIZE(256)]){ 0 }, TEXT_SAFE_SIZE(256), host));
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		snprintf(c->tooldir, sizeof(c->tooldir), "%s", dirname(self));
	}
}

/* Commands until quit, exit or the end of input: the status of the last command. */
static int
session_loop(struct cli *c)
{
	int st = ESA_EXIT_OK;
	char *line;

	for (;;) {
		line = term_read(c, c->host, 1);
		if (line == NULL) {
			if (cli_interrupted && !cli_hangup)
				continue;
			if (c->tty)
				fputc('\n', stdout);
			return st;
		}
		if (strcasecmp(line, "quit") == 0 || strcasecmp(line, "exit") == 0) {
			free(line);
			return st;
		}
		st = dialog_run(c, line);
		free(line);
		fflush(stdout);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "command", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c = { 0 };
	char *command = NULL;
	int ch, st;

	front_start(&front);
	while ((ch = getopt_long(argc, argv, "c:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			command = optarg;
			break;
		case 'h':
			front_help();
		case 'V':
			front_version();
		default:
			/* getopt said what was wrong */
			usage_error(NULL);
		}
	}
	if (optind < argc) {
		char q[TEXT_QUOTE_SIZE];

		usage_error("unexpected argument: %s", text_quote(q, sizeof(q), argv[optind]));
	}
	signals_set();
	session_init(&c);
	if (term_open(&c) < 0)
		err(ESA_EXIT_ERR, "libedit");
	if (command != NULL)
		st = dialog_run(&c, command);
	else
		st = session_loop(&c);
	pcap_end(&c);
	term_close(&c);
	/* a reader gone (| head, a closed session) leaves the dialogs' status as it is */
	if (esa_close_stdout() < 0 && errno != EPIPE) {
		warn("write error");
		return ESA_EXIT_ERR;
	}
	return st;
}
