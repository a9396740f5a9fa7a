/* SPDX-License-Identifier: BSD-2-Clause */
/* ask.c - esa-cli's questions: asked until the answer is good, with one line why. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "esa.h"
#include "text.h"

/*
 * Asks QUESTION (the prompt line) until the answer is a number from LO to HI, DEF on
 * Enter: the number, or DIALOG_LEFT.
 */
long
ask_number(struct cli *c, const char *prompt, long lo, long hi, long def)
{
	char buf[128], *line;
	const char *why;
	long v;

	for (;;) {
		line = term_read(c, prompt, 0);
		if (line == NULL)
			return DIALOG_LEFT;
		v = answer_number(line, lo, hi, def, buf, sizeof(buf), &why);
		free(line);
		if (v >= 0)
			return v;
		printf("%s\n", why);
	}
}

/* Asks a yes/no question until answered: 1 or 0, or DIALOG_LEFT. */
int
ask_yesno(struct cli *c, const char *prompt, int def)
{
	const char *why;
	char *line;
	int v;

	for (;;) {
		line = term_read(c, prompt, 0);
		if (line == NULL)
			return DIALOG_LEFT;
		v = answer_yesno(line, def, &why);
		free(line);
		if (v >= 0)
			return v;
		printf("%s\n", why);
	}
}

/*
 * The interfaces that esa-netstat lists, offered numbered after QUESTION, with
 * AUTOMATIC (a label: "Auto", "any") first when not NULL; the chosen one's name (malloc'd; "" for Auto), or
 * NULL when the user left or there is nothing to offer.
 */
char *
ask_interface(struct cli *c, const char *question, const char *automatic)
{
	char *argv[] = { "esa-netstat", "-i", "-n", "-j", NULL };
	char buf[128], safe[TEXT_SAFE_SIZE(CHOICES_LEN)], *out, *line, **names, *r = NULL;
	const char *why;
	size_t len, i;
	long n, v;

	if (run_capture(c, argv, 0, &out, &len) != ESA_EXIT_OK) {
		free(out);
		return NULL;
	}
	n = choices_pick(out, len, "alias", "interface", 2, &names);
	free(out);
	if (n < 0 || (n == 0 && automatic == NULL)) {
		warnx("esa-netstat -i -j: %s", n < 0 ? "output not understood" : "no interface");
		return NULL;
	}
	if (automatic != NULL) {
		names = xrealloc(names, (size_t)n + 1, sizeof(*names));
		memmove(names + 1, names, (size_t)n * sizeof(*names));
		names[0] = xstrdup(automatic);
		n++;
	}
	printf("\n%s\n", question);
	for (i = 0; i < (size_t)n; i++)
		printf("%zu. %s\n", i + 1, text_safe(safe, sizeof(safe), names[i]));
	for (;;) {
		line = term_read(c, "[1]> ", 0);
		if (line == NULL)
			break;
		v = answer_choice(line, names, (size_t)n, 0, buf, sizeof(buf), &why);
		free(line);
		if (v >= 0) {
			r = xstrdup(automatic != NULL && v == 0 ? "" : names[v]);
			break;
		}
		printf("%s\n", why);
	}
	choices_free(names, (size_t)n);
	return r;
}

/*
 * The appliance's line before netstat's traffic view, which runs until Ctrl-C, on a
 * terminal (esa-netstat does not print it; esa-ping and esa-traceroute do).
 */
void
press_ctrl_c(const struct cli *c)
{
	if (c->tty)
		printf("Press Ctrl-C to stop.\n");
}

/* Asks for a host until the answer is a host name or address: it (malloc'd), or NULL. */
char *
ask_host(struct cli *c, const char *question)
{
	const char *why;
	char *line;

	printf("\n%s\n", question);
	for (;;) {
		line = term_read(c, "[]> ", 0);
		if (line == NULL)
			return NULL;
		if (answer_host(line, &why) == 0)
			return line;
		free(line);
		printf("%s\n", why);
	}
}

/*
 * Shows TITLE (when not NULL) and the operations, and asks until the answer is one of them (any case): its
 * index, or DIALOG_LEFT on Enter, Ctrl-C or the end of input.
 */
long
ask_op(struct cli *c, const char *title, const struct op *ops, size_t n)
{
	const char *why;
	char *line;
	size_t i;
	long v;

	printf("\n");
	if (title != NULL)
		printf("%s\n", title);
	for (i = 0; i < n; i++)
		printf("- %s - %s\n", ops[i].name, ops[i].what);
	for (;;) {
		line = term_read(c, "[]> ", 0);
		if (line == NULL)
			return DIALOG_LEFT;
		v = answer_op(line, ops, n, &why);
		free(line);
		if (v >= 0)
			return v;
		if (v == ANSWER_EMPTY)
			return DIALOG_LEFT;
		printf("%s\n", why);
	}
}
