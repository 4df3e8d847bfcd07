/* SPDX-License-Identifier: GPL-2.0-only */
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

/* Learns the kernel tick: its period is the coarse clock's resolution (e.g.
 * 4 ms at HZ=250) and its edges lie on multiples of the period in
 * CLOCK_MONOTONIC, because the kernel aligns its first tick to a multiple of
 * TICK_NSEC (tick_init_jiffy_update, kernel/time/tick-sched.c) — so no
 * spinning is needed to find one. */
void clock_tick_measure(void);

/* The first time >= now that lies half a tick after a kernel tick edge, or
 * now if the tick is unknown. Kernel timers (delayed ACKs, RTOs, RACK) fire on
 * ticks, so starting at a fixed phase of the tick makes their timing
 * repeatable. Upstream packetdrill starts 250 us into its own 10 ms "jiffy"
 * of the wall clock, which is a random phase of the kernel's tick; the middle
 * of a tick is the phase farthest from both edges, so a timer that the script
 * expects within the tolerance lands inside it on both sides (at 250 us into a
 * 4 ms tick, a RACK timer due 3.75 ms later fell past a 4 ms tolerance). */
int64_t clock_mid_tick(void);

#endif
