/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * options.c - esa-pcap's command line, parsed without printing (unit-tested): the
 * global options, the command of the table (commands.c), its options and operands.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epcap.h"
#include "esa.h"
#include "front.h"
#include "parse.h"
#include "text.h"

static const struct option global_longopts[] = {
	{ "directory", required_argument, NULL, 'D' },
	{ "config", required_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const struct option cmd_longopts[] = {
	{ "interface", required_argument, NULL, 'i' },
	{ "filter", required_argument, NULL, 'f' },
	{ "host", required_argument, NULL, 'H' },
	{ "port", required_argument, NULL, 'p' },
	{ "max-size", required_argument, NULL, 's' },
	{ "duration", required_argument, NULL, 't' },
	{ "ring", required_argument, NULL, 'r' },
	{ "snaplen", required_argument, NULL, 'S' },
	{ "buffer-size", required_argument, NULL, 'B' },
	{ "user", required_argument, NULL, 'Z' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* FMT with its arguments into MSG (the user's words in it already quoted): STATUS. */
static int __attribute__((format(printf, 4, 5)))
say(int status, char *msg, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, size, fmt, ap);
	va_end(ap);
	return status;
}

void
epcap_opts_usage(FILE *f)
{
	const struct command *t;
	size_t n;

	t = epcap_commands(&n);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s esa-pcap %s%s%s%s%s\n", i == 0 ? "usage:" : "      ",
		    t[i].flags & CMD_DIR ? "[-D dir] " : "",
		    t[i].flags & CMD_CONF ? "[-C conf] " : "", t[i].name,
		    *t[i].help ? " " : "", t[i].help);
}

/*
 * Appends ITEM to the comma-separated list KEY of S (the first -H/-p replaces the
 * saved list): 0, or FRONT_ERROR with MSG.
 */
static int
add_item(struct settings *s, const char *key, char *list, bool *fresh, const char *item,
    int c, char *msg, size_t size)
{
	char buf[1024], q[TEXT_QUOTE_SIZE];
	const char *why;

	if (strchr(item, ',') != NULL || *item == '\0')
		return say(FRONT_ERROR, msg, size, "-%c: one item per option: %s", c,
		    text_quote(q, sizeof(q), item));
	if (*fresh)
		list[0] = '\0';
	*fresh = false;
	if (snprintf(buf, sizeof(buf), "%s%s%s", list, list[0] ? "," : "", item) >=
	    (int)sizeof(buf))
		return say(FRONT_ERROR, msg, size, "-%c: too many items", c);
	if (settings_set(s, key, buf, &why) < 0)
		return say(FRONT_ERROR, msg, size, "-%c: %s: %s", c, why,
		    text_quote(q, sizeof(q), item));
	return 0;
}

/* Whether -H and -p still hold the saved lists, which their first use replaces. */
struct fresh {
	bool hosts, ports;
};

/* A capture option C with ARG, checked at once: 0, or FRONT_ERROR with MSG. */
static int
capture_option(struct settings *s, int c, const char *arg, struct fresh *fr, char *msg,
    size_t size)
{
	static const char *const keys[128] = {
		['i'] = "interface", ['f'] = "filter", ['s'] = "max_size", ['t'] = "duration",
		['r'] = "ring", ['S'] = "snaplen", ['Z'] = "user", ['B'] = "buffer_size",
	};
	char q[TEXT_QUOTE_SIZE], kib[32];
	const char *why;

	if (c == 'H')
		return add_item(s, "hosts", s->hosts, &fr->hosts, arg, c, msg, size);
	if (c == 'p')
		return add_item(s, "ports", s->ports, &fr->ports, arg, c, msg, size);
	/* "none" belongs to the settings file; on the command line a limit is a number */
	if ((c == 't' || c == 'r') && strcmp(arg, "none") == 0)
		return say(FRONT_ERROR, msg, size, "-%c: not a number: %s", c,
		    text_quote(q, sizeof(q), arg));
	/* -B counts KiB, as tcpdump's does, unless a suffix says otherwise */
	if (c == 'B' && *arg != '\0' && strspn(arg, "0123456789") == strlen(arg) &&
	    snprintf(kib, sizeof(kib), "%sK", arg) < (int)sizeof(kib))
		arg = kib;
	if (settings_set(s, keys[c], arg, &why) < 0)
		return say(FRONT_ERROR, msg, size, "-%c: %s: %s", c, why,
		    text_quote(q, sizeof(q), arg));
	return 0;
}

/*
 * The command's own options, ARGV[0] being its name: the capture options over the
 * saved settings, -j, -h. '+': they come before the operands (a name may start with
 * '-'). Returns FRONT_RUN or FRONT_HELP, or FRONT_ERROR with MSG.
 */
static int
parse_cmd(int argc, char **argv, struct opts *o, char *msg, size_t size)
{
	const struct command *cmd = o->cmd;
	struct fresh fr = { true, true };
	int c, st;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+:i:f:H:p:s:t:r:S:B:Z:jh", cmd_longopts,
	    NULL)) != -1) {
		if (c == 'h')
			return FRONT_HELP;
		if (c == 'j' && (cmd->flags & CMD_JSON)) {
			o->json = true;
			continue;
		}
		if (c == ':' || c == '?') {
			parse_opt_error(c, argv[optind - 1], cmd_longopts, msg, size);
			return FRONT_ERROR;
		}
		if (!(cmd->flags & CMD_CAPTURE) || c == 'j')
			return say(FRONT_ERROR, msg, size, "%s: takes no option -%c", cmd->name, c);
		if ((st = capture_option(&o->set, c, optarg, &fr, msg, size)) != 0)
			return st;
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (o->nargs < cmd->min_args)
		return say(FRONT_ERROR, msg, size, "%s: needs a capture name", cmd->name);
	if (cmd->max_args >= 0 && o->nargs > cmd->max_args)
		return say(FRONT_ERROR, msg, size, "%s: too many operands", cmd->name);
	return FRONT_RUN;
}

int
epcap_opts_parse(int argc, char **argv, struct opts *o, char *msg, size_t size)
{
	char q[TEXT_QUOTE_SIZE];
	const char *env;
	int c;

	memset(o, 0, sizeof(*o));
	o->dir = (env = getenv("ESA_PCAP_DIR")) != NULL && *env ? env : EPCAP_DEFAULT_DIR;
	o->conf = (env = getenv("ESA_PCAP_CONF")) != NULL && *env ? env : EPCAP_DEFAULT_CONF;
	optind = 0;		/* a fresh scan each call (the unit tests call it often) */
	opterr = 0;
	/* '+': the global options end at the command */
	while ((c = getopt_long(argc, argv, "+:D:C:hV", global_longopts, NULL)) != -1) {
		if (c == 'D' || c == 'C')
			*(c == 'D' ? &o->dir : &o->conf) = optarg;
		else if (c == 'h' || c == 'V')
			return c == 'h' ? FRONT_HELP : FRONT_VERSION;
		else {
			parse_opt_error(c, argv[optind - 1], global_longopts, msg, size);
			return FRONT_ERROR;
		}
	}
	if (optind >= argc)
		return say(FRONT_ERROR, msg, size, "a command is needed");
	if (*o->dir == '\0')
		return say(FRONT_ERROR, msg, size, "-D: empty directory");
	/* the saved settings first: the options override them for one capture */
	o->cmd = epcap_command(argv[optind]);
	if (o->cmd != NULL && (o->cmd->flags & CMD_CONF) &&
	    settings_load(o->conf, &o->set, msg, size) < 0)
		return FRONT_BAD_VALUE;
	if (o->cmd == NULL)
		return say(FRONT_ERROR, msg, size, "unknown command: %s",
		    text_quote(q, sizeof(q), argv[optind]));
	return parse_cmd(argc - optind, argv + optind, o, msg, size);
}
