/* SPDX-License-Identifier: BSD-2-Clause */
/* term.c - esa-cli's input: libedit on a terminal, plain lines on a pipe. */
#include <errno.h>
#include <histedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "esa.h"

volatile sig_atomic_t cli_interrupted, cli_hangup;

/* libedit asks for the prompt through this; the session is its client data. */
static char *
term_prompt(EditLine *el)
{
	struct cli *c;

	el_get(el, EL_CLIENTDATA, &c);
	return (char *)c->prompt;
}

int
term_open(struct cli *c)
{
	HistEvent ev;
	EditLine *el;

	c->tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	c->prompt = "";
	if (!c->tty)
		return 0;
	el = el_init("esa-cli", stdin, stdout, stderr);
	if (el == NULL)
		return -1;
	c->hist = history_init();
	if (c->hist == NULL) {
		el_end(el);
		return -1;
	}
	history(c->hist, &ev, H_SETSIZE, 500);
	history(c->hist, &ev, H_SETUNIQUE, 1);
	el_set(el, EL_CLIENTDATA, c);
	el_set(el, EL_PROMPT, term_prompt);
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_HIST, history, c->hist);
	c->el = el;
	return 0;
}

void
term_close(struct cli *c)
{
	if (c->el != NULL)
		el_end(c->el);
	if (c->hist != NULL)
		history_end(c->hist);
	c->el = c->hist = NULL;
}

/* A line from a pipe: getline, the newline removed; NULL at the end. */
static char *
pipe_read(void)
{
	char *line = NULL;
	size_t size = 0;

	errno = 0;
	if (getline(&line, &size, stdin) < 0) {
		free(line);
		return NULL;
	}
	return line;
}

char *
term_read(struct cli *c, const char *prompt, int hist)
{
	const char *got;
	char *line, *t;
	HistEvent ev;
	int count;

	cli_interrupted = 0;
	if (cli_hangup)
		return NULL;
	if (!c->tty) {
		line = pipe_read();
	} else {
		c->prompt = prompt;
		got = el_gets(c->el, &count);
		if (got == NULL || count <= 0) {
			/* Ctrl-C at a question: read(2) failed with EINTR (no SA_RESTART) */
			if (cli_interrupted) {
				fputc('\n', stdout);
				fflush(stdout);
			}
			return NULL;
		}
		line = xstrdup(got);
	}
	if (line == NULL)
		return NULL;
	t = answer_trim(line);
	memmove(line, t, strlen(t) + 1);
	if (hist && c->tty && *line != '\0')
		history(c->hist, &ev, H_ENTER, line);
	return line;
}
