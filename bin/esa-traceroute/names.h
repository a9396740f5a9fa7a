/* SPDX-License-Identifier: BSD-2-Clause */
/* names.h - reverse lookups of esa-traceroute's responders, made on worker threads. */
#ifndef ESA_TRACE_NAMES_H
#define ESA_TRACE_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* Lookups run at once: a hop's responders, and the next hops', resolve together. */
#define NAMES_THREADS 4

struct names;

/* A table for up to CAP addresses and its threads; NULL with errno on failure. */
struct names *names_new(size_t cap);
/* Asks for the name of ADDR (4 or 16 bytes per FAMILY) unless it was asked already. */
void names_want(struct names *ns, int family, const unsigned char *addr);
/* 1 when the lookup of ADDR is over, with *NAME a copy of the name (NULL when it has
 * none; the caller frees it); 0 while it runs. */
int names_get(struct names *ns, int family, const unsigned char *addr, char **name);
/* A descriptor that polls readable after a lookup ends; names_drain() resets it. */
int names_fd(const struct names *ns);
void names_drain(struct names *ns);
/* Stops the threads and frees everything; queued lookups are dropped. When a lookup
 * is under way (it may block for the resolver's timeout), nothing is waited for or
 * freed: the threads are detached, to end with the process. Call it at the end. */
void names_free(struct names *ns);

#endif
