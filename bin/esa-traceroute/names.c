/* SPDX-License-Identifier: BSD-2-Clause */
/* names.c - reverse lookups on worker threads, so that they overlap each other and the
 * probing instead of holding the hop lines back one after another. */
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/eventfd.h>

#include "addr.h"
#include "esa.h"
#include "names.h"

enum { NAME_QUEUED, NAME_RUNNING, NAME_DONE };

struct name_entry {
	int family;
	unsigned char addr[16];
	int state;
	char *name;			/* NULL: no name */
};

struct names {
	pthread_mutex_t lock;
	pthread_cond_t work;
	pthread_t threads[NAMES_THREADS];
	int nthreads;
	int efd;			/* readable after a lookup ends */
	bool stop;
	struct name_entry *e;
	size_t n, cap;
};

/* The entry of ADDR (caller holds the lock), or NULL. */
static struct name_entry *
find(struct names *ns, int family, const unsigned char *addr)
{
	size_t alen = family == AF_INET6 ? 16 : 4;

	for (size_t i = 0; i < ns->n; i++)
		if (ns->e[i].family == family && memcmp(ns->e[i].addr, addr, alen) == 0)
			return &ns->e[i];
	return NULL;
}

static void *
worker(void *arg)
{
	struct names *ns = arg;
	uint64_t one = 1;

	pthread_mutex_lock(&ns->lock);
	for (;;) {
		struct name_entry *e = NULL;
		unsigned char addr[16];
		char host[NI_MAXHOST], *name;
		int family;

		/* stopping leaves the queued lookups undone: nobody will print them */
		if (ns->stop)
			break;
		for (size_t i = 0; i < ns->n && e == NULL; i++)
			if (ns->e[i].state == NAME_QUEUED)
				e = &ns->e[i];
		if (e == NULL) {
			pthread_cond_wait(&ns->work, &ns->lock);
			continue;
		}
		e->state = NAME_RUNNING;
		family = e->family;
		memcpy(addr, e->addr, sizeof(addr));
		pthread_mutex_unlock(&ns->lock);
		name = addr_lookup(family, addr, 0, host, sizeof(host)) == 0 ? strdup(host) : NULL;
		pthread_mutex_lock(&ns->lock);
		/* the table never moves (its room is set at the start): E is still valid */
		e->name = name;
		e->state = NAME_DONE;
		if (write(ns->efd, &one, sizeof(one)) < 0) {
			/* the counter cannot overflow here; nothing else can fail */
		}
	}
	pthread_mutex_unlock(&ns->lock);
	return NULL;
}

struct names *
names_new(size_t cap)
{
	struct names *ns = xcalloc(1, sizeof(*ns));

	pthread_mutex_init(&ns->lock, NULL);
	pthread_cond_init(&ns->work, NULL);
	ns->cap = cap;
	ns->e = xcalloc(cap ? cap : 1, sizeof(*ns->e));
	if ((ns->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0) {
		names_free(ns);
		return NULL;
	}
	for (int i = 0; i < NAMES_THREADS; i++) {
		if (pthread_create(&ns->threads[i], NULL, worker, ns) != 0)
			break;
		ns->nthreads++;
	}
	if (ns->nthreads == 0) {
		names_free(ns);
		errno = EAGAIN;
		return NULL;
	}
	return ns;
}

void
names_want(struct names *ns, int family, const unsigned char *addr)
{
	struct name_entry *e;

	pthread_mutex_lock(&ns->lock);
	if (find(ns, family, addr) == NULL && ns->n < ns->cap) {
		e = &ns->e[ns->n++];
		e->family = family;
		memcpy(e->addr, addr, family == AF_INET6 ? 16 : 4);
		e->state = NAME_QUEUED;
		pthread_cond_signal(&ns->work);
	}
	pthread_mutex_unlock(&ns->lock);
}

int
names_get(struct names *ns, int family, const unsigned char *addr, char **name)
{
	struct name_entry *e;
	int done = 1;

	*name = NULL;
	pthread_mutex_lock(&ns->lock);
	/* an address never asked for (the table was full) has no name: done */
	if ((e = find(ns, family, addr)) != NULL) {
		done = e->state == NAME_DONE;
		if (done && e->name != NULL)
			*name = xstrdup(e->name);
	}
	pthread_mutex_unlock(&ns->lock);
	return done;
}

int
names_fd(const struct names *ns)
{
	return ns->efd;
}

void
names_drain(struct names *ns)
{
	uint64_t v;

	while (read(ns->efd, &v, sizeof(v)) > 0)
		continue;
}

void
names_free(struct names *ns)
{
	bool busy = false;

	if (ns == NULL)
		return;
	pthread_mutex_lock(&ns->lock);
	ns->stop = true;
	pthread_cond_broadcast(&ns->work);
	for (size_t i = 0; i < ns->n; i++)
		if (ns->e[i].state == NAME_RUNNING)
			busy = true;
	pthread_mutex_unlock(&ns->lock);
	/*
	 * A lookup under way may block for the resolver's whole timeout (seconds, after
	 * an interrupt too): the run does not wait for it. Its thread is left to end
	 * with the process, and the table it writes to stays (it is the process's last
	 * act), so nothing it touches is freed under it.
	 */
	if (busy) {
		for (int i = 0; i < ns->nthreads; i++)
			pthread_detach(ns->threads[i]);
		return;
	}
	for (int i = 0; i < ns->nthreads; i++)
		pthread_join(ns->threads[i], NULL);
	for (size_t i = 0; i < ns->n; i++)
		free(ns->e[i].name);
	free(ns->e);
	if (ns->efd >= 0)
		close(ns->efd);
	pthread_cond_destroy(&ns->work);
	pthread_mutex_destroy(&ns->lock);
	free(ns);
}
