/* SPDX-License-Identifier: GPL-2.0-only */
/* worker: the thread that runs blocking system calls ("...END name(...)", spec §4.5). */
#ifndef RUNTIME_WORKER_H
#define RUNTIME_WORKER_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/context/run_state.h"

/* What the thread does with a blocking event it is handed (the system
 * call's handler, which checks the result): called with the run locked. */
typedef void worker_job_fn(struct run *r, const struct event *ev);

/* Starts the thread, which runs job for each event handed to it. Returns 0 or -errno. */
int worker_start(struct run *r, worker_job_fn *job);
/* Asks the thread to quit and joins it; if a call is still blocked after
 * max_usecs, returns -1 without joining (the process is about to exit). */
int worker_stop(struct run *r, int64_t max_usecs);

/* Hands a blocking syscall event to the thread (caller holds the run lock) and
 * returns once the call sleeps in the kernel or has finished. Returns -1 if
 * another blocking call is still running after 1 s. */
int worker_submit(struct run *r, const struct event *ev);

/* True while a handed-over call has not finished. */
bool worker_busy(struct run *r);
/* The event of that call, or NULL. */
const struct event *worker_job(struct run *r);
/* Waits (lock released) up to max_usecs for the thread to be idle; stops
 * early when the run times out. Returns true if it is idle. */
bool worker_wait_idle(struct run *r, int64_t max_usecs);
/* At the end of a failed run: makes the worker's blocking call return EINTR
 * (the run's SIGALRM handler, see deadline_init()), signalling it every 50 ms
 * for up to max_usecs, so that the run can end normally. Returns true if the
 * worker is idle. */
bool worker_interrupt(struct run *r, int64_t max_usecs);
/* Marks that the worker's syscall is entering/leaving the kernel. */
void worker_note_in_call(struct run *r, bool in_call);

#endif
