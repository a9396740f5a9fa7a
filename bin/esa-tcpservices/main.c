/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - esa-tcpservices: the appliance's tcpservices (listening sockets and their processes). */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/capability.h>
#include <linux/netlink.h>

#include "addr.h"
#include "esa.h"
#include "front.h"
#include "parse.h"
#include "priv.h"
#include "text.h"
#include "tcpservices.h"

#ifndef ESA_DATADIR
#define ESA_DATADIR "/usr/local/share"
#endif
#define SERVICES_SHIPPED ESA_DATADIR "/esa-tools/services"
#define SERVICES_LOCAL "/etc/esa-tools/services"

static const struct front front = { .name = "esa-tcpservices", .usage = tcps_opts_usage };

static void
bad_line(void *ctx, size_t line, const char *why)
{
	char q[TEXT_QUOTE_SIZE];

	warnx("%s:%zu: %s", text_quote(q, sizeof(q), ctx), line, why);
}

/* A data file that could not be used, named (quoted: ESA_SERVICES is the user's). */
static void
bad_file(const char *path)
{
	char q[TEXT_QUOTE_SIZE];

	if (errno == EINVAL)
		warnx("%s: not a regular file", text_quote(q, sizeof(q), path));
	else
		warn("%s", text_quote(q, sizeof(q), path));
}

/*
 * The legend: the files of ESA_SERVICES (a ':'-separated list, each required), or
 * the shipped file and then the local one. The local one may be missing; a missing
 * shipped one is said in one line, or the legend would be empty with no word why.
 */
static void
load_legend(struct legend *l)
{
	const char *env = getenv("ESA_SERVICES");
	/* the shipped file first (i == 0 below) */
	static const char *const defaults[] = { SERVICES_SHIPPED, SERVICES_LOCAL };

	if (env == NULL) {
		for (size_t i = 0; i < ESA_NELEM(defaults); i++)
			if (legend_load(l, defaults[i], bad_line, (void *)defaults[i]) < 0 &&
			    (errno != ENOENT || i == 0))
				bad_file(defaults[i]);
		return;
	}
	char *list = xstrdup(env), *save = NULL;

	for (char *p = strtok_r(list, ":", &save); p != NULL; p = strtok_r(NULL, ":", &save))
		if (legend_load(l, p, bad_line, p) < 0)
			bad_file(p);
	free(list);
}

/* The user names of the rows' uids, looked up once per uid. Freed by the caller. */
static const char **
user_names(const struct rows *r, char ***names, size_t *nnames)
{
	const char **users = xcalloc(r->n ? r->n : 1, sizeof(*users));
	uint32_t *uids = xcalloc(r->n ? r->n : 1, sizeof(*uids));
	char **cache = xcalloc(r->n ? r->n : 1, sizeof(*cache));
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++) {
		size_t k;

		for (k = 0; k < n && uids[k] != r->v[i].uid; k++)
			;
		if (k == n) {
			struct passwd *pw = getpwuid(r->v[i].uid);

			uids[n] = r->v[i].uid;
			cache[n++] = pw != NULL ? xstrdup(pw->pw_name) : NULL;
		}
		users[i] = cache[k];
	}
	free(uids);
	*names = cache;
	*nnames = n;
	return users;
}

/*
 * One line on why N sockets have no owner: some processes' open files could not be
 * read (the capability that would read them named, when it is missing), or every
 * process was read and the holders are out of sight.
 */
static void
say_ownerless(size_t n, const struct rows *r)
{
	const char *caps = !priv_has(CAP_SYS_PTRACE) ? (!priv_has(CAP_DAC_READ_SEARCH) ?
	    "CAP_DAC_READ_SEARCH and CAP_SYS_PTRACE" : "CAP_SYS_PTRACE") :
	    !priv_has(CAP_DAC_READ_SEARCH) ? "CAP_DAC_READ_SEARCH" : NULL;

	if (r->unreadable > 0 && caps != NULL)
		warnx("the list is partial: the owners of %zu sockets are unknown: the open "
		    "files of %lu processes could not be read (that needs %s)", n,
		    r->unreadable, caps);
	else if (r->unreadable > 0)
		warnx("the list is partial: the owners of %zu sockets are unknown: the open "
		    "files of %lu processes could not be read", n, r->unreadable);
	else
		warnx("the owners of %zu sockets are unknown: not visible from this PID "
		    "namespace (or held by the kernel)", n);
}

/*
 * The listening sockets (one sock_diag dump) and their owners (one pass over /proc),
 * into LS and ROWS (freed by the caller): 0, or -1 after a message.
 */
static int
collect(const struct topts *o, struct listeners *ls, struct rows *rows)
{
	char why[NL_STRERROR_MAX];
	struct nl *nl;

	if ((nl = nl_open(NETLINK_SOCK_DIAG)) == NULL)
		err(ESA_EXIT_ERR, "netlink socket");
	if (listeners_load(nl, o, ls) < 0) {
		warnx("reading the sockets: %s", nl_strerror(nl, errno, why, sizeof(why)));
		nl_close(nl);
		return -1;
	}
	nl_close(nl);
	if (procs_scan("/proc", ls, rows) < 0) {
		warn("/proc");
		return -1;
	}
	return 0;
}

/* The legend and the table, as text or JSON, into stdout's one large buffer. */
static void
print_report(const struct topts *o, const struct rows *rows, const struct legend *legend)
{
	char **names;
	size_t nnames;
	const char **users = user_names(rows, &names, &nnames);
	struct report rp = {
		.rows = rows->v, .n = rows->n, .users = users, .legend = legend,
		/* the appliance's rows are numeric (10.0.202.7:25); -N names hosts */
		.addr_flags = o->names ? ADDR_NUMERIC_PORT : ADDR_NUMERIC,
	};

	/* one large buffer for a listing: it is written in few system calls */
	setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	if (o->json)
		report_json(stdout, &rp);
	else
		report_text(stdout, &rp);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(users);
}

int
main(int argc, char **argv)
{
	struct listeners ls = { 0 };
	struct legend legend = { 0 };
	struct rows rows = { 0 };
	struct topts o;
	char why[TEXT_QUOTE_SIZE + 64];
	size_t ownerless;
	int status = ESA_EXIT_ERR;

	front_start(&front);
	front_parsed(tcps_opts_parse(argc, argv, &o, why, sizeof(why)), why);
	/* nothing is dropped: the /proc scan reads other users' fds with what it was given */
	if (collect(&o, &ls, &rows) == 0) {
		ownerless = rows_add_ownerless(&rows, &ls);
		rows_sort(rows.v, rows.n);
		load_legend(&legend);
		print_report(&o, &rows, &legend);
		status = front_close_stdout(ESA_EXIT_OK);
		if (status == ESA_EXIT_OK && ownerless > 0)
			say_ownerless(ownerless, &rows);
	}
	legend_free(&legend);
	rows_free(&rows);
	listeners_free(&ls);
	return status;
}
