/* SPDX-License-Identifier: GPL-2.0-only */
/* deadline: --timeout for one run — a timerfd that every wait of the main thread
 * watches, and a signal that gets the main thread out of a blocking system call. */
#include "runtime/context/deadline.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "runtime/context/clock.h"

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

#define ALARM_REPEAT_USECS 50000

/* Only there so that a system call the signal interrupts returns EINTR. */
static void on_alarm(int sig)
{
}

static void reset(struct deadline *d)
{
	memset(d, 0, sizeof(*d));
	d->fd = -1;
}

void deadline_init(struct deadline *d)
{
	struct sigaction sa = {.sa_handler = on_alarm}; /* no SA_RESTART: the point */

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	reset(d);
}

/* at 0 disarms. */
static void set_fd(struct deadline *d, int64_t at)
{
	struct itimerspec its = {.it_value = clock_usecs_to_ts(at)};

	if (d->fd >= 0)
		timerfd_settime(d->fd, TFD_TIMER_ABSTIME, &its, NULL);
}

/* at 0 stops it. It repeats in case its first shot lands just before the
 * call it is meant to interrupt. */
static void set_alarm(struct deadline *d, int64_t at)
{
	struct itimerspec its = {.it_value = clock_usecs_to_ts(at)};

	if (at)
		its.it_interval = clock_usecs_to_ts(ALARM_REPEAT_USECS);
	if (d->has_alarm)
		timer_settime(d->alarm, TIMER_ABSTIME, &its, NULL);
}

int deadline_arm(struct deadline *d, int64_t at)
{
	struct sigevent ev = {.sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGALRM};

	d->fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (d->fd < 0)
		return -errno;
	ev.sigev_notify_thread_id = gettid();
	if (timer_create(CLOCK_MONOTONIC, &ev, &d->alarm)) {
		int e = errno;
		deadline_free(d);
		return -e;
	}
	d->has_alarm = true;
	d->at = at;
	set_fd(d, at);
	set_alarm(d, at);
	return 0;
}

bool deadline_passed(const struct deadline *d)
{
	return d->at && !d->paused && clock_now_usecs() >= d->at;
}

void deadline_quiet(struct deadline *d)
{
	set_alarm(d, 0);
}

void deadline_move(struct deadline *d, int64_t at)
{
	if (d->fd < 0)
		return;
	d->at = at;
	set_fd(d, at);
	set_alarm(d, at);
}

void deadline_pause(struct deadline *d)
{
	if (!d->at || d->paused)
		return;
	d->paused = clock_now_usecs();
	set_fd(d, 0);
	set_alarm(d, 0);
}

void deadline_resume(struct deadline *d)
{
	if (!d->paused)
		return;
	d->at += clock_now_usecs() - d->paused;
	d->paused = 0;
	set_fd(d, d->at);
	set_alarm(d, d->at);
}

void deadline_free(struct deadline *d)
{
	if (d->has_alarm)
		timer_delete(d->alarm);
	if (d->fd >= 0)
		close(d->fd);
	reset(d);
}
