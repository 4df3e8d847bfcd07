/* SPDX-License-Identifier: GPL-2.0-only */
/* deadline: --timeout for one run — a timerfd that every wait of the main thread
 * watches, and a signal that gets the main thread out of a blocking system call. */
#ifndef RUNTIME_DEADLINE_H
#define RUNTIME_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct deadline {
	int64_t at;    /* CLOCK_MONOTONIC usecs; 0: none */
	int fd;	       /* timerfd, readable from `at` on; -1 when not armed */
	timer_t alarm; /* SIGALRM to the arming thread from `at` on, every 50 ms */
	bool has_alarm;
	int64_t paused; /* when deadline_pause() stopped the clock, or 0 */
};

/* No deadline yet. Installs the SIGALRM handler (a no-op, without
 * SA_RESTART) that the deadline and worker_interrupt() rely on. */
void deadline_init(struct deadline *d);

/* Arms the deadline at the absolute time `at` (a time already past fires at
 * once). From then on d->fd is readable, and the calling thread gets SIGALRM,
 * without SA_RESTART, every 50 ms until deadline_quiet(): a system call it
 * sleeps in returns EINTR, even if the first signal came just before the call.
 * Returns 0 or -errno. */
int deadline_arm(struct deadline *d, int64_t at) __attribute__((warn_unused_result));

/* True once an armed deadline has passed (not while paused). */
bool deadline_passed(const struct deadline *d);

/* Stops the signals; d->fd stays as it is. */
void deadline_quiet(struct deadline *d);

/* Moves the deadline to `at` (a last grace period), signals again from then on. */
void deadline_move(struct deadline *d, int64_t at);

/* Stops the clock (--step waits for the user) and starts it again later,
 * the deadline moved by the pause. */
void deadline_pause(struct deadline *d);
void deadline_resume(struct deadline *d);

/* Disarms, closes d->fd and deletes the timer. */
void deadline_free(struct deadline *d);

#endif
