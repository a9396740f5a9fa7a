/* SPDX-License-Identifier: BSD-2-Clause */
/* print.c - the appliance's tcpservices text (legend, then table) and the JSON rows. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "esa.h"
#include "json.h"
#include "tcpservices.h"
#include "text.h"

/* lsof's CmdLim: the command name is cut at 9 characters */
#define COMMAND_CUT 9

static int
row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	const struct sockdiag_sock *s = x->s, *t = y->s;
	int c;

	/* pid 0, no process, comes last */
	if (x->pid != y->pid)
		return x->pid == 0 ? 1 : y->pid == 0 ? -1 : x->pid < y->pid ? -1 : 1;
	if (x->fd != y->fd)
		return x->fd < y->fd ? -1 : 1;
	if (s->protocol != t->protocol)
		return s->protocol == IPPROTO_TCP ? -1 : 1;
	if (s->family != t->family)
		return s->family == AF_INET ? -1 : 1;
	if ((c = memcmp(s->src, t->src, 16)) != 0)
		return c;
	return s->sport < t->sport ? -1 : s->sport > t->sport;
}

void
rows_sort(struct row *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), row_cmp);
}

const char *
rows_command(char *buf, size_t size, const char *comm)
{
	char cut[PROCS_COMM_MAX];
	size_t len = strlen(comm), i = 0;
	const char *safe;

	/* whole characters: a UTF-8 sequence is one, a byte that is none counts one */
	for (int chars = 0; i < len && chars < COMMAND_CUT; chars++) {
		size_t k = text_utf8_len((const unsigned char *)comm + i, len - i);

		i += k > 0 ? k : 1;
	}
	if (i >= sizeof(cut))
		i = sizeof(cut) - 1;
	memcpy(cut, comm, i);
	cut[i] = '\0';
	safe = text_safe(buf, size, cut);
	if (safe != buf)
		snprintf(buf, size, "%s", safe);
	return buf;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct legend_entry *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* The legend: the known processes found, per section, by name; empty sections left out. */
static void
print_legend(FILE *out, const struct report *rp)
{
	static const char *const headings[LEGEND_NSECTIONS] = {
		[LEGEND_SYSTEM] = "System Processes (Note: All processes may not always be present)",
		[LEGEND_FEATURE] = "Feature Processes",
	};
	const struct legend_entry **found;
	size_t nfound = 0;

	if (rp->legend == NULL || rp->n == 0)
		return;
	found = xcalloc(rp->n, sizeof(*found));
	for (size_t i = 0; i < rp->n; i++) {
		const struct legend_entry *e = legend_find(rp->legend, rp->rows[i].comm);
		size_t k;

		for (k = 0; e != NULL && k < nfound && found[k] != e; k++)
			;
		if (e != NULL && k == nfound)
			found[nfound++] = e;
	}
	qsort(found, nfound, sizeof(*found), entry_cmp);
	for (int sec = 0; sec < LEGEND_NSECTIONS; sec++) {
		bool any = false;

		for (size_t k = 0; k < nfound; k++) {
			char nbuf[TEXT_SAFE_SIZE(LEGEND_NAME_MAX)];
			char dbuf[TEXT_SAFE_SIZE(LEGEND_LINE_MAX)];

			if ((int)found[k]->section != sec)
				continue;
			if (!any)
				fprintf(out, "%s\n\n", headings[sec]);
			any = true;
			fprintf(out, "  %-12s - %s\n", text_safe(nbuf, sizeof(nbuf), found[k]->name),
			    text_safe(dbuf, sizeof(dbuf), found[k]->desc));
		}
		if (any)
			fputc('\n', out);
	}
	free(found);
}

void
report_text(FILE *out, const struct report *rp)
{
	print_legend(out, rp);
	fprintf(out, "%-12s %-12s %-4s %-6s %s\n", "COMMAND", "USER", "TYPE", "NODE", "NAME");
	for (size_t i = 0; i < rp->n; i++) {
		const struct row *r = &rp->rows[i];
		const struct sockdiag_sock *s = r->s;
		char cmd[TEXT_SAFE_SIZE(PROCS_COMM_MAX)], ubuf[TEXT_SAFE_SIZE(256)];
		char uid[16], name[ADDR_HOSTPORT_MAX];
		const char *user = rp->users != NULL ? rp->users[i] : NULL;

		if (user == NULL)
			snprintf(uid, sizeof(uid), "%u", r->uid);
		addr_hostport(name, sizeof(name), s->family, s->src, s->sport, s->protocol,
		    rp->addr_flags, ':');
		fprintf(out, "%-12s %-12s %-4s %-6s %s\n", rows_command(cmd, sizeof(cmd), r->comm),
		    user != NULL ? text_safe(ubuf, sizeof(ubuf), user) : uid,
		    s->family == AF_INET ? "IPv4" : "IPv6",
		    s->protocol == IPPROTO_TCP ? "TCP" : "UDP", name);
	}
}

void
report_json(FILE *out, const struct report *rp)
{
	static const char *const sections[LEGEND_NSECTIONS] = {
		[LEGEND_SYSTEM] = "system", [LEGEND_FEATURE] = "feature",
	};
	struct json j;

	json_init(&j, out, 0);
	json_array_open(&j);
	for (size_t i = 0; i < rp->n; i++) {
		const struct row *r = &rp->rows[i];
		const struct sockdiag_sock *s = r->s;
		const struct legend_entry *e = rp->legend ? legend_find(rp->legend, r->comm) : NULL;
		char addr[ADDR_IP_MAX];

		json_object_open(&j);
		/* a socket no process was seen to hold: no command, no pid */
		if (r->pid != 0) {
			json_key_str(&j, "command", r->comm);
			json_key_int(&j, "pid", r->pid);
		} else {
			json_key_bool(&j, "partial", true);
		}
		if (rp->users != NULL && rp->users[i] != NULL) {
			json_key_str(&j, "user", rp->users[i]);
		} else {
			char uid[16];

			snprintf(uid, sizeof(uid), "%u", r->uid);
			json_key_str(&j, "user", uid);
		}
		json_key_uint(&j, "uid", r->uid);
		json_key_str(&j, "family", s->family == AF_INET ? "inet" : "inet6");
		json_key_str(&j, "protocol", s->protocol == IPPROTO_TCP ? "tcp" : "udp");
		json_key_str(&j, "address", addr_ip(addr, sizeof(addr), s->family, s->src, NULL));
		json_key_uint(&j, "port", s->sport);
		if (s->family == AF_INET6)
			json_key_bool(&j, "v6only", s->v6only);
		json_key_uint(&j, "inode", s->inode);
		if (e != NULL) {
			json_key_str(&j, "category", sections[e->section]);
			json_key_str(&j, "description", e->desc);
		}
		json_object_close(&j);
	}
	json_array_close(&j);
	json_end(&j);
}
