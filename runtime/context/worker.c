/* SPDX-License-Identifier: GPL-2.0-only */
/* worker: the thread that runs blocking system calls ("...END name(...)", spec §4.5). */
#include "runtime/context/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/context/clock.h"
#include "runtime/context/procfs.h"
#include "parser/util/xalloc.h"

/* How often worker_interrupt() signals, in case a signal lands just before the call. */
#define INTERRUPT_REPEAT_NSECS 50000000

struct worker {
	pthread_t thread;
	pthread_mutex_t m;
	pthread_cond_t cv;
	worker_job_fn *run_job;	 /* what to do with an event */
	const struct event *job; /* set by main, cleared by the thread when done */
	bool quit;
	volatile bool in_call;
	int policy; /* the main thread's scheduling */
	struct sched_param param;
	pid_t tid;
};

static void *worker_main(void *arg)
{
	struct run *r = arg;
	struct worker *w = r->worker;

	w->tid = (pid_t)syscall(SYS_gettid);
	/* SCHED_RESET_ON_FORK also resets new threads: take back the main
	 * thread's real-time policy, or blocking calls return late under load. */
	if (w->policy != SCHED_OTHER)
		pthread_setschedparam(pthread_self(), w->policy, &w->param);
	/* its waits for a CPU count as the run's (stall.c) */
	run_lock(r);
	stall_meter_add_thread(&r->stall, w->tid);
	run_unlock(r);
	pthread_mutex_lock(&w->m);
	for (;;) {
		while (!w->job && !w->quit)
			pthread_cond_wait(&w->cv, &w->m);
		if (w->quit)
			break;
		const struct event *ev = w->job;
		pthread_mutex_unlock(&w->m);

		run_lock(r);
		w->run_job(r, ev);
		run_unlock(r);

		pthread_mutex_lock(&w->m);
		w->job = NULL;
		uint64_t one = 1;
		(void)!write(r->done_fd, &one, sizeof(one));
	}
	pthread_mutex_unlock(&w->m);
	return NULL;
}

int worker_start(struct run *r, worker_job_fn *job)
{
	struct worker *w = xcalloc(1, sizeof(*w));

	w->run_job = job;
	pthread_mutex_init(&w->m, NULL);
	pthread_cond_init(&w->cv, NULL);
	pthread_getschedparam(pthread_self(), &w->policy, &w->param);
	w->policy &= ~SCHED_RESET_ON_FORK;
	r->worker = w;
	int rc = pthread_create(&w->thread, NULL, worker_main, r);
	if (rc) {
		free(w);
		r->worker = NULL;
		return -rc;
	}
	return 0;
}

const struct event *worker_job(struct run *r)
{
	struct worker *w = r->worker;

	if (!w)
		return NULL;
	pthread_mutex_lock(&w->m);
	const struct event *job = w->job;
	pthread_mutex_unlock(&w->m);
	return job;
}

bool worker_busy(struct run *r)
{
	return worker_job(r) != NULL;
}

void worker_note_in_call(struct run *r, bool in_call)
{
	r->worker->in_call = in_call;
}

/* Is the thread asleep in the kernel? The scheduler's view is the only
 * reliable sign that a call blocked (as upstream does it). */
static bool thread_sleeping(pid_t tid)
{
	char path[64], buf[256];

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	const char *f = procfs_read(path, buf, sizeof(buf)) > 0 ? procfs_stat_fields(buf) : NULL;
	return f && (f[0] == 'S' || f[0] == 'D');
}

/* Sleeps (lock released) until wake_fd is readable (the worker finished a
 * call, the deadline passed) or `until`. */
static void wait_wake(struct run *r, int64_t until)
{
	struct pollfd p = {.fd = r->wake_fd, .events = POLLIN};
	int64_t left = until - clock_now_usecs();
	struct timespec ts = clock_usecs_to_ts(left > 0 ? left : 0);

	run_unlock(r);
	ppoll(&p, 1, &ts, NULL);
	run_lock(r);
}

bool worker_wait_idle(struct run *r, int64_t max_usecs)
{
	int64_t until = clock_now_usecs() + max_usecs;
	enum run_doing was = r->doing;
	bool idle;

	/* A timeout now names the worker's call. */
	r->doing = DOING_WORKER;
	while (!(idle = !worker_busy(r)) && !r->timed_out && clock_now_usecs() < until) {
		wait_wake(r, until);
		run_poll_worker(r); /* drains done_fd, notes the deadline */
	}
	r->doing = was;
	return idle;
}

bool worker_interrupt(struct run *r, int64_t max_usecs)
{
	int64_t until = clock_now_usecs() + max_usecs;
	struct pollfd p = {.fd = r->done_fd, .events = POLLIN};
	uint64_t n;

	while (worker_busy(r) && clock_now_usecs() < until) {
		pthread_kill(r->worker->thread, SIGALRM);
		/* done_fd, not wake_fd: that one stays readable after the deadline */
		run_unlock(r);
		ppoll(&p, 1, &(struct timespec){0, INTERRUPT_REPEAT_NSECS}, NULL);
		run_lock(r);
		(void)!read(r->done_fd, &n, sizeof(n));
	}
	return !worker_busy(r);
}

int worker_submit(struct run *r, const struct event *ev)
{
	struct worker *w = r->worker;

	if (worker_busy(r) && !worker_wait_idle(r, 1000000))
		return -1;
	pthread_mutex_lock(&w->m);
	w->in_call = false;
	w->job = ev;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->m);

	run_unlock(r);
	while (worker_busy(r) && !(w->in_call && thread_sleeping(w->tid)))
		usleep(20);
	run_lock(r);
	return 0;
}

int worker_stop(struct run *r, int64_t max_usecs)
{
	struct worker *w = r->worker;

	if (!w)
		return 0;
	if (worker_busy(r) && !worker_wait_idle(r, max_usecs))
		return -1;
	pthread_mutex_lock(&w->m);
	w->quit = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->m);
	run_unlock(r);
	pthread_join(w->thread, NULL);
	run_lock(r);
	pthread_mutex_destroy(&w->m);
	pthread_cond_destroy(&w->cv);
	free(w);
	r->worker = NULL;
	return 0;
}
