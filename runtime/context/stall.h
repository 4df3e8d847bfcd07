/* SPDX-License-Identifier: GPL-2.0-only */
/* stall: how long a run's threads, and the kernel's softirq thread of its CPU,
 * waited for a CPU (the run delay of /proc/.../schedstat). A timing check that
 * fails by no more than the machine stalled a run says nothing about the
 * kernel's TCP (issue #18): the run is "stalled", not failed. */
#ifndef RUNTIME_CONTEXT_STALL_H
#define RUNTIME_CONTEXT_STALL_H

#include <stdint.h>
#include <sys/types.h>

#define STALL_SOURCES 3 /* the main thread, the worker, ksoftirqd of the run's CPU */

struct stall_meter {
	int fd[STALL_SOURCES]; /* schedstat files, kept open; -1 where none */
};

/* Run delays (usecs) of each source at one moment. */
struct stall_sample {
	int64_t wait[STALL_SOURCES];
};

/* Opens the calling thread's schedstat and that of ksoftirqd/N of the CPU it
 * runs on (best effort: a source that cannot be read counts no delay). */
void stall_meter_open(struct stall_meter *m);
/* Adds another thread of the run (the worker). */
void stall_meter_add_thread(struct stall_meter *m, pid_t tid);
void stall_meter_close(struct stall_meter *m);

/* Reads every source: a few microseconds (one pread each). */
void stall_sample_take(const struct stall_meter *m, struct stall_sample *s);
/* The longest wait for a CPU of any one source since `since`, in usecs. */
int64_t stall_since(const struct stall_meter *m, const struct stall_sample *since);

#endif
