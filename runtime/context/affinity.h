/* SPDX-License-Identifier: GPL-2.0-only */
/* affinity: keeps a run on one CPU. The kernel arms a connection's timers
 * (delayed ACK, RACK, retransmit) on the CPU that processed the packet, and
 * fires them on that CPU's tick: a run that wanders between CPUs sees them
 * fire a tick early or late at random (issue #13: 12 of 30 runs of two kernel
 * selftests failed unpinned, 0 of 30 pinned). */
#ifndef RUNTIME_AFFINITY_H
#define RUNTIME_AFFINITY_H

#define AFFINITY_AUTO (-1) /* the CPU the process is on, unless another run has it */
#define AFFINITY_NONE (-2) /* do not pin */

/* Pins the process (call before it makes threads) to cpu, or as above.
 * Returns 0, or -errno (cpu not allowed); the run goes on unpinned then. */
int affinity_pin(int cpu);

/* In a forked child about to exec a shell command: the mask the process had
 * before affinity_pin(), so that commands run anywhere. Async-signal-safe. */
void affinity_restore(void);

/* The n-th CPU (from 0) this process may run on, wrapping around; -1 if none. */
int affinity_nth_allowed(unsigned n);

#endif
