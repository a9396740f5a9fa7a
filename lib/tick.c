/* SPDX-License-Identifier: BSD-2-Clause */
/* tick.c - what a waiting loop needs: the monotonic clock and the mask ppoll() waits with. */
#include <signal.h>
#include <time.h>

#include "tick.h"

int64_t
tick_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int
tick_sigblock(const int *sigs, size_t n, sigset_t *waitmask)
{
	sigset_t block;

	sigemptyset(&block);
	for (size_t i = 0; i < n; i++)
		if (sigaddset(&block, sigs[i]) < 0)
			return -1;
	if (sigprocmask(SIG_BLOCK, &block, waitmask) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		sigdelset(waitmask, sigs[i]);
	return 0;
}
