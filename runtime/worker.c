/* worker: the thread that runs blocking system calls ("...END name(...)", spec §4.5). */
#include "runtime/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/clock.h"
#include "runtime/syscall.h"
#include "util/xalloc.h"

struct worker {
	pthread_t thread;
	pthread_mutex_t m;
	pthread_cond_t cv;
	const struct event *job;	/* set by main, cleared by the thread when done */
	bool quit;
	volatile bool in_call;
	int policy;			/* the main thread's scheduling */
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
	pthread_mutex_lock(&w->m);
	for (;;) {
		while (!w->job && !w->quit)
			pthread_cond_wait(&w->cv, &w->m);
		if (w->quit)
			break;
		const struct event *ev = w->job;
		pthread_mutex_unlock(&w->m);

		pthread_mutex_lock(&r->lock);
		syscall_run(r, ev, true);
		pthread_mutex_unlock(&r->lock);

		pthread_mutex_lock(&w->m);
		w->job = NULL;
		uint64_t one = 1;
		(void)!write(r->wake_fd, &one, sizeof(one));
	}
	pthread_mutex_unlock(&w->m);
	return NULL;
}

int worker_start(struct run *r)
{
	struct worker *w = xcalloc(1, sizeof(*w));

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

bool worker_busy(struct run *r)
{
	struct worker *w = r->worker;

	pthread_mutex_lock(&w->m);
	bool busy = w->job != NULL;
	pthread_mutex_unlock(&w->m);
	return busy;
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
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	const char *p = strrchr(buf, ')');
	return p && p[1] == ' ' && (p[2] == 'S' || p[2] == 'D');
}

bool worker_wait_idle(struct run *r, int64_t max_usecs)
{
	int64_t deadline = clock_now_usecs() + max_usecs;

	pthread_mutex_unlock(&r->lock);
	bool idle;
	while (!(idle = !worker_busy(r)) && clock_now_usecs() < deadline)
		usleep(200);
	pthread_mutex_lock(&r->lock);
	return idle;
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

	pthread_mutex_unlock(&r->lock);
	while (worker_busy(r) && !(w->in_call && thread_sleeping(w->tid)))
		usleep(20);
	pthread_mutex_lock(&r->lock);
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
	pthread_mutex_unlock(&r->lock);
	pthread_join(w->thread, NULL);
	pthread_mutex_lock(&r->lock);
	pthread_mutex_destroy(&w->m);
	pthread_cond_destroy(&w->cv);
	free(w);
	r->worker = NULL;
	return 0;
}
