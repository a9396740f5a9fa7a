/* SPDX-License-Identifier: BSD-2-Clause */
/* tick.h - what a waiting loop needs: the monotonic clock and the mask ppoll() waits with. */
#ifndef ESA_TICK_H
#define ESA_TICK_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

/* CLOCK_MONOTONIC in nanoseconds: for intervals and deadlines, never for dates. */
int64_t tick_ns(void);

/*
 * Blocks the N signals of SIGS and stores in *WAITMASK the mask to hand to ppoll():
 * the one in effect before, with those signals let in. A loop that tests its signal
 * flags and then waits in ppoll(..., WAITMASK) cannot lose a signal that comes
 * between the test and the wait (it ends the wait at once), and no signal
 * interrupts a write outside the wait (EINTR there would lose output). Threads
 * created afterwards inherit the block, so a signal never lands on one of them.
 * The handlers are the caller's. 0, or -1 with errno.
 */
int tick_sigblock(const int *sigs, size_t n, sigset_t *waitmask);

#endif
