/* clock: CLOCK_MONOTONIC time in microseconds and precise, CPU-friendly waiting. */
#ifndef RUNTIME_CLOCK_H
#define RUNTIME_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Now, in microseconds of CLOCK_MONOTONIC. */
int64_t clock_now_usecs(void);

int64_t clock_ts_to_usecs(const struct timespec *ts);
struct timespec clock_usecs_to_ts(int64_t usecs);

/* Sleeps until the absolute monotonic time `when`: a kernel sleep until shortly
 * before, then a short spin, so the wake-up is within a few microseconds
 * without burning a core while idle. If wake_fd >= 0, returns early (1) when
 * that fd becomes readable; returns 0 when the time is reached. */
int clock_wait_until(int64_t when, int wake_fd);

#endif
