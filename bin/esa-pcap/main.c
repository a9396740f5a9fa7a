/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-pcap: the appliance's packetcapture, managed, unattended and loss-free. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "epcap.h"
#include "esa.h"
#include "front.h"
#include "parse.h"
#include "text.h"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: esa-pcap [-D dir] [-C conf] start [-i iface[,iface...] | any] [-f filter]\n"
	    "           [-H host] [-p port] [-s maxsize] [-t duration] [-r files] [-S snaplen]\n"
	    "           [-B buffer_size] [-Z user]\n"
	    "       esa-pcap [-D dir] [-C conf] run [capture-options]\n"
	    "       esa-pcap [-D dir] stop\n"
	    "       esa-pcap [-D dir] [-C conf] status [-j]\n"
	    "       esa-pcap [-C conf] setup [capture-options]\n"
	    "       esa-pcap [-D dir] list [-j]\n"
	    "       esa-pcap [-D dir] download name [dest | -]\n"
	    "       esa-pcap [-D dir] delete name ...\n"
	    "       esa-pcap [-D dir] clear\n");
}

static const struct front front = { .name = "esa-pcap", .usage = usage };

/*
 * The end of every run, -h and --version included: stdout flushed and closed, a write
 * error said (not a reader gone: | head is no news to anyone) and made status 2, but
 * for a capture STARTED, whose status says whether it runs. Returns the status.
 */
static int
finish(int status, bool started)
{
	int checked = front_close_stdout(status);

	return started ? status : checked;
}

struct opts {
	const char *dir, *conf, *cmd;
	bool json;
	struct settings set;
	char **args;
	int nargs;
};

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

/* Appends ITEM to the comma-separated list KEY of S (the first -H/-p replaces the saved list). */
static void
add_item(struct settings *s, const char *key, char *list, bool *fresh, const char *item, int c)
{
	char buf[1024], q[TEXT_QUOTE_SIZE];
	const char *why;

	if (strchr(item, ',') != NULL || *item == '\0')
		usage_error("-%c: one item per option: %s", c, text_quote(q, sizeof(q), item));
	if (*fresh)
		list[0] = '\0';
	*fresh = false;
	if (snprintf(buf, sizeof(buf), "%s%s%s", list, list[0] ? "," : "", item) >=
	    (int)sizeof(buf))
		usage_error("-%c: too many items", c);
	if (settings_set(s, key, buf, &why) < 0)
		usage_error("-%c: %s: %s", c, why, text_quote(q, sizeof(q), item));
}

/* A capture option C with OPTARG, checked at once. */
static void
capture_option(struct settings *s, int c, const char *arg, bool *fresh_h, bool *fresh_p)
{
	static const char *const keys[128] = {
		['i'] = "interface", ['f'] = "filter", ['s'] = "max_size", ['t'] = "duration",
		['r'] = "ring", ['S'] = "snaplen", ['Z'] = "user", ['B'] = "buffer_size",
	};
	char q[TEXT_QUOTE_SIZE], kib[32];
	const char *why;

	if (c == 'H') {
		add_item(s, "hosts", s->hosts, fresh_h, arg, c);
		return;
	}
	if (c == 'p') {
		add_item(s, "ports", s->ports, fresh_p, arg, c);
		return;
	}
	/* "none" belongs to the settings file; on the command line a limit is a number */
	if ((c == 't' || c == 'r') && strcmp(arg, "none") == 0)
		usage_error("-%c: not a number: %s", c, text_quote(q, sizeof(q), arg));
	/* -B counts KiB, as tcpdump's does, unless a suffix says otherwise */
	if (c == 'B' && *arg != '\0' && strspn(arg, "0123456789") == strlen(arg) &&
	    snprintf(kib, sizeof(kib), "%sK", arg) < (int)sizeof(kib))
		arg = kib;
	if (settings_set(s, keys[c], arg, &why) < 0)
		usage_error("-%c: %s: %s", c, why, text_quote(q, sizeof(q), arg));
}

static bool
is_capture_cmd(const char *cmd)
{
	return strcmp(cmd, "start") == 0 || strcmp(cmd, "run") == 0 || strcmp(cmd, "setup") == 0;
}

static void
parse_cmd(int argc, char **argv, struct opts *o)
{
	static const char *const cmds[] = {
		"start", "run", "stop", "status", "setup", "list", "download", "delete", "clear",
	};
	bool fresh_h = true, fresh_p = true, capture = is_capture_cmd(o->cmd);
	char why[TEXT_QUOTE_SIZE + 64], q[TEXT_QUOTE_SIZE];
	size_t i;
	int c;

	for (i = 0; i < ESA_NELEM(cmds); i++)
		if (strcmp(o->cmd, cmds[i]) == 0)
			break;
	if (i == ESA_NELEM(cmds))
		usage_error("unknown command: %s", text_quote(q, sizeof(q), o->cmd));
	optind = 1;
	while ((c = getopt_long(argc, argv, ":i:f:H:p:s:t:r:S:B:Z:jh", cmd_longopts, NULL)) != -1) {
		if (c == 'h')
			front_help();
		if (c == 'j' && (strcmp(o->cmd, "status") == 0 || strcmp(o->cmd, "list") == 0)) {
			o->json = true;
			continue;
		}
		if (c == ':' || c == '?')
			usage_error("%s", parse_opt_error(c, argv[optind - 1], cmd_longopts, why,
			    sizeof(why)));
		if (!capture)
			usage_error("%s: takes no option -%c", o->cmd, c);
		if (c == 'j')
			usage_error("%s: takes no option -j", o->cmd);
		capture_option(&o->set, c, optarg, &fresh_h, &fresh_p);
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (strcmp(o->cmd, "download") == 0 ? o->nargs < 1 || o->nargs > 2 :
	    strcmp(o->cmd, "delete") == 0 ? o->nargs < 1 : o->nargs != 0)
		usage_error("%s: %s", o->cmd, o->nargs == 0 ? "needs a capture name" :
		    "too many operands");
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	char why[TEXT_QUOTE_SIZE + 64], err[TEXT_QUOTE_SIZE + 256];
	const char *env;
	int c;

	memset(o, 0, sizeof(*o));
	o->dir = (env = getenv("ESA_PCAP_DIR")) != NULL && *env ? env : EPCAP_DEFAULT_DIR;
	o->conf = (env = getenv("ESA_PCAP_CONF")) != NULL && *env ? env : EPCAP_DEFAULT_CONF;
	opterr = 0;
	/* '+': the global options end at the command */
	while ((c = getopt_long(argc, argv, "+:D:C:hV", global_longopts, NULL)) != -1) {
		switch (c) {
		case 'D':
			o->dir = optarg;
			break;
		case 'C':
			o->conf = optarg;
			break;
		case 'h':
			front_help();
		case 'V':
			front_version();
		default:
			usage_error("%s", parse_opt_error(c, argv[optind - 1], global_longopts,
			    why, sizeof(why)));
		}
	}
	if (optind >= argc)
		usage_error("a command is needed");
	o->cmd = argv[optind];
	if (*o->dir == '\0')
		usage_error("-D: empty directory");
	/* the saved settings first: the options override them for one capture */
	if ((is_capture_cmd(o->cmd) || strcmp(o->cmd, "status") == 0) &&
	    settings_load(o->conf, &o->set, err, sizeof(err)) < 0)
		errx(ESA_EXIT_ERR, "%s", err);
	parse_cmd(argc - optind, argv + optind, o);
}

static void __attribute__((noreturn))
bad_filter(pcap_t *p)
{
	char q[TEXT_QUOTE_SIZE];

	/* libpcap's message may repeat the expression's words (unknown host 'NAME') */
	warnx("bad filter: %s", text_quote(q, sizeof(q), pcap_geterr(p)));
	pcap_close(p);
	exit(ESA_EXIT_ERR);
}

/* The filter compiled once before anything starts, for libpcap's own message. */
static void
check_filter(const struct settings *s)
{
	char expr[EPCAP_FILTER_MAX + 512];
	struct bpf_program prog;
	const char *why;
	pcap_t *p;

	if (filter_build(s, expr, sizeof(expr), &why) < 0)
		errx(ESA_EXIT_ERR, "filter: %s", why);
	if ((p = pcap_open_dead(DLT_EN10MB, (int)s->snaplen)) == NULL)
		errx(ESA_EXIT_ERR, "pcap_open_dead failed");
	/* -f alone as well: its parentheses must not reach into the host and port terms */
	if (s->filter[0] != '\0') {
		if (pcap_compile(p, &prog, s->filter, 1, PCAP_NETMASK_UNKNOWN) < 0)
			bad_filter(p);
		pcap_freecode(&prog);
	}
	if (pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0)
		bad_filter(p);
	pcap_freecode(&prog);
	pcap_close(p);
}

int
main(int argc, char **argv)
{
	char q[TEXT_QUOTE_SIZE];
	struct capture_opts co;
	struct opts o;
	int status;

	front_start(&front);
	parse_args(argc, argv, &o);
	setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	co = (struct capture_opts){ .dir = o.dir, .set = o.set, .ready_fd = -1 };
	if (strcmp(o.cmd, "start") == 0 || strcmp(o.cmd, "run") == 0)
		check_filter(&o.set);
	if (strcmp(o.cmd, "start") == 0) {
		status = ctl_start(&co);
	} else if (strcmp(o.cmd, "run") == 0) {
		status = capture_run(&co);
	} else if (strcmp(o.cmd, "stop") == 0) {
		status = ctl_stop(o.dir);
	} else if (strcmp(o.cmd, "status") == 0) {
		status = ctl_status(o.dir, &o.set, o.json);
	} else if (strcmp(o.cmd, "setup") == 0) {
		check_filter(&o.set);
		status = ESA_EXIT_OK;
		if (settings_save(o.conf, &o.set) < 0) {
			warn("%s", text_quote(q, sizeof(q), o.conf));
			status = ESA_EXIT_ERR;
		}
	} else if (strcmp(o.cmd, "list") == 0) {
		status = files_list(o.dir, o.json);
	} else if (strcmp(o.cmd, "download") == 0) {
		status = files_download(o.dir, o.args[0], o.nargs > 1 ? o.args[1] : NULL);
	} else if (strcmp(o.cmd, "delete") == 0) {
		status = files_delete(o.dir, o.args, o.nargs);
	} else {
		status = files_clear(o.dir);
	}
	/* start's status says whether the capture runs: it does, name printed or not */
	return finish(status, strcmp(o.cmd, "start") == 0);
}
