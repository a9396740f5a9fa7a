/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * commands.c - esa-pcap's one table of commands: the name, the run, the synopsis and
 * what each takes; the parser, the usage and main() all read it.
 */
#include <err.h>
#include <errno.h>
#include <string.h>

#include <pcap/pcap.h>

#include "epcap.h"
#include "esa.h"
#include "text.h"

/* libpcap's message for a filter it refused; P is closed. Returns ESA_EXIT_ERR. */
static int
bad_filter(pcap_t *p)
{
	char q[TEXT_QUOTE_SIZE];

	/* libpcap's message may repeat the expression's words (unknown host 'NAME') */
	warnx("bad filter: %s", text_quote(q, sizeof(q), pcap_geterr(p)));
	pcap_close(p);
	return ESA_EXIT_ERR;
}

int
epcap_check_filter(const struct settings *s)
{
	char expr[EPCAP_FILTER_MAX + 512];
	struct bpf_program prog;
	const char *why;
	pcap_t *p;

	if (filter_build(s, expr, sizeof(expr), &why) < 0) {
		warnx("filter: %s", why);
		return ESA_EXIT_ERR;
	}
	if ((p = pcap_open_dead(DLT_EN10MB, (int)s->snaplen)) == NULL) {
		warnx("pcap_open_dead failed");
		return ESA_EXIT_ERR;
	}
	/* -f alone as well: its parentheses must not reach into the host and port terms */
	if (s->filter[0] != '\0') {
		if (pcap_compile(p, &prog, s->filter, 1, PCAP_NETMASK_UNKNOWN) < 0)
			return bad_filter(p);
		pcap_freecode(&prog);
	}
	if (pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0)
		return bad_filter(p);
	pcap_freecode(&prog);
	pcap_close(p);
	return 0;
}

/* What the capture process is given of the command line. */
static struct capture_opts
capture_opts(const struct opts *o)
{
	return (struct capture_opts){ .dir = o->dir, .set = o->set, .ready_fd = -1 };
}

static int
cmd_start(const struct opts *o)
{
	struct capture_opts co = capture_opts(o);
	int st = epcap_check_filter(&o->set);

	return st != 0 ? st : ctl_start(&co);
}

static int
cmd_run(const struct opts *o)
{
	struct capture_opts co = capture_opts(o);
	int st = epcap_check_filter(&o->set);

	return st != 0 ? st : capture_run(&co);
}

static int
cmd_stop(const struct opts *o)
{
	return ctl_stop(o->dir);
}

static int
cmd_status(const struct opts *o)
{
	return ctl_status(o->dir, &o->set, o->json);
}

static int
cmd_setup(const struct opts *o)
{
	char q[TEXT_QUOTE_SIZE];
	int st = epcap_check_filter(&o->set);

	if (st != 0)
		return st;
	if (settings_save(o->conf, &o->set) < 0) {
		warn("%s", text_quote(q, sizeof(q), o->conf));
		return ESA_EXIT_ERR;
	}
	return ESA_EXIT_OK;
}

static int
cmd_list(const struct opts *o)
{
	return files_list(o->dir, o->json);
}

static int
cmd_download(const struct opts *o)
{
	return files_download(o->dir, o->args[0], o->nargs > 1 ? o->args[1] : NULL);
}

static int
cmd_delete(const struct opts *o)
{
	return files_delete(o->dir, o->args, o->nargs);
}

static int
cmd_clear(const struct opts *o)
{
	return files_clear(o->dir);
}

#define CAPTURE		(CMD_CONF | CMD_CAPTURE)

/* In the order of the synopsis (the manual's, the usage's). */
static const struct command commands[] = {
	{ "start", cmd_start, "[-i iface[,iface...] | any] [-f filter]\n"
	  "           [-H host] [-p port] [-s maxsize] [-t duration] [-r files] [-S snaplen]\n"
	  "           [-B buffer_size] [-Z user]", CMD_DIR | CAPTURE | CMD_DETACH, 0, 0 },
	{ "run", cmd_run, "[capture-options]", CMD_DIR | CAPTURE, 0, 0 },
	{ "stop", cmd_stop, "", CMD_DIR, 0, 0 },
	{ "status", cmd_status, "[-j]", CMD_DIR | CMD_CONF | CMD_JSON, 0, 0 },
	{ "setup", cmd_setup, "[capture-options]", CAPTURE, 0, 0 },
	{ "list", cmd_list, "[-j]", CMD_DIR | CMD_JSON, 0, 0 },
	{ "download", cmd_download, "name [dest | -]", CMD_DIR, 1, 2 },
	{ "delete", cmd_delete, "name ...", CMD_DIR, 1, -1 },
	{ "clear", cmd_clear, "", CMD_DIR, 0, 0 },
};

const struct command *
epcap_commands(size_t *n)
{
	*n = ESA_NELEM(commands);
	return commands;
}

const struct command *
epcap_command(const char *name)
{
	for (size_t i = 0; i < ESA_NELEM(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}
