/* SPDX-License-Identifier: GPL-2.0-only */
/* clock: CLOCK_MONOTONIC time in microseconds and precise, CPU-friendly waiting. */
#include "runtime/context/clock.h"

#include <errno.h>
#include <poll.h>

/* How early the kernel sleep ends before the deadline; the rest is spun. Timer
 * slack and wake-up latency on an idle machine are well below this. */
#define SPIN_USECS 60

int64_t clock_ts_to_usecs(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000000 + ts->tv_nsec / 1000;
}

struct timespec clock_usecs_to_ts(int64_t usecs)
{
	struct timespec ts = {.tv_sec = usecs / 1000000, .tv_nsec = (usecs % 1000000) * 1000};

	return ts;
}

int64_t clock_now_usecs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return clock_ts_to_usecs(&ts);
}

static int fd_ready(int fd, const struct timespec *timeout)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return ppoll(&p, 1, timeout, NULL) > 0;
}

int clock_wait_until(int64_t when, int wake_fd)
{
	for (;;) {
		int64_t left = when - clock_now_usecs();
		if (left <= 0)
			return 0;
		if (left > SPIN_USECS) {
			struct timespec rel = clock_usecs_to_ts(left - SPIN_USECS);
			if (wake_fd >= 0) {
				if (fd_ready(wake_fd, &rel))
					return 1;
			} else {
				struct timespec abs = clock_usecs_to_ts(when - SPIN_USECS);
				while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs,
						       NULL) == EINTR)
					;
			}
			continue;
		}
		if (wake_fd >= 0 && fd_ready(wake_fd, &(struct timespec){0, 0}))
			return 1;
	}
}

static int64_t tick_edge; /* a kernel tick edge (usecs), 0 = unknown */
static int64_t tick_period;

void clock_tick_measure(void)
{
	struct timespec res;

	if (clock_getres(CLOCK_MONOTONIC_COARSE, &res) || res.tv_sec || res.tv_nsec < 1000)
		return;
	tick_period = res.tv_nsec / 1000;
	int64_t now = clock_now_usecs();
	tick_edge = now - now % tick_period;
}

int64_t clock_mid_tick(void)
{
	int64_t now = clock_now_usecs();

	if (!tick_edge)
		return now;
	int64_t t = tick_edge + tick_period / 2;
	if (t < now)
		t += (now - t + tick_period - 1) / tick_period * tick_period;
	return t;
}
