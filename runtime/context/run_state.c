/* SPDX-License-Identifier: GPL-2.0-only */
/* run_state: one run's state shared by its parts (packets, system calls,
 * code blocks, the loop), and what they do with it: report errors at a
 * script line, read the script's clock, wait with the run's lock let go. */
#include "runtime/context/run_state.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/context/clock.h"
#include "runtime/context/recorder.h"
#include "runtime/context/worker.h"

void run_unlock(struct run *r)
{
	pthread_mutex_unlock(&r->lock);
}

void run_lock(struct run *r)
{
	pthread_mutex_lock(&r->lock);
}

void run_quote_line(const struct run *r, const struct event *ev, FILE *out)
{
	const char *text = r->script->text;
	uint32_t start = ev->loc.start;

	if (!text || start > r->script->text_len)
		return;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	const char *end = strchr(text + start, '\n');
	int len = end ? (int)(end - text - start) : (int)strlen(text + start);
	fprintf(out, "%5u | %.*s\n", ev->loc.line, len, text + start);
}

/* "path:line: <first line of the message>", the script line, then the rest
 * of the message (packet dumps). An error (fatal) is also the recorder's. */
static void vreport(struct run *r, const struct event *ev, bool fatal, const char *fmt, va_list ap)
{
	char *msg = NULL;

	if (vasprintf(&msg, fmt, ap) < 0)
		return;
	if (fatal && r->rec)
		recorder_error(r->rec, r->script, ev, run_now(r), msg);
	char *rest = strchr(msg, '\n');
	if (rest)
		*rest++ = '\0';
	if (ev)
		fprintf(stderr, "%s:%u: %s\n", r->script->path, ev->loc.line, msg);
	else
		fprintf(stderr, "%s: %s\n", r->script->path, msg);
	if (ev)
		run_quote_line(r, ev, stderr);
	if (rest)
		fprintf(stderr, "%s\n", rest);
	free(msg);
}

/* vreport() with the arguments given here. */
static void report_line(struct run *r, const struct event *ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void report_line(struct run *r, const struct event *ev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(r, ev, true, fmt, ap);
	va_end(ap);
}

static const char *const doing_text[] = {
    [DOING_INIT_SCRIPTS] = "an --init_scripts command",
    [DOING_INIT] = "the init command",
    [DOING_CLEANUP] = "the cleanup command",
    [DOING_CODE] = "the code blocks' interpreter",
};

/* The event the run is stuck on: the main thread's, or the worker's call
 * while the main thread waits for it; NULL outside the events. */
static const struct event *stuck_event(struct run *r)
{
	const struct event *job = worker_job(r);

	if (r->doing == DOING_WORKER && job)
		return job;
	return r->doing == DOING_TIME || r->doing == DOING_EVENT || r->doing == DOING_WORKER
		   ? r->current
		   : NULL;
}

/* "in accept()", "for the outbound packet", ... */
static void describe_wait(const struct run *r, const struct event *ev, struct strbuf *sb)
{
	if (!ev)
		strbuf_printf(sb, "in %s", doing_text[r->doing]);
	else if (r->doing == DOING_TIME && ev == r->current)
		strbuf_printf(sb, "for this line's time (%.3f s)", (double)r->due / 1e6);
	else if (ev->kind == EVENT_SYSCALL)
		strbuf_printf(sb, "in %s()", ev->syscall->name);
	else if (ev->kind == EVENT_PACKET)
		strbuf_printf(sb, "for the %s packet",
			      ev->packet->dir == PKT_OUTBOUND ? "outbound" : "inbound");
	else
		strbuf_printf(sb, "in the %s",
			      ev->kind == EVENT_COMMAND ? "shell command" : "code");
}

bool run_time_out(struct run *r)
{
	struct strbuf what = STRBUF_INIT;
	const struct event *ev = stuck_event(r), *job = worker_job(r);

	if (r->timed_out)
		return false;
	r->timed_out = true;
	deadline_quiet(&r->deadline);
	if (r->failed)
		return false;
	describe_wait(r, ev, &what);
	if (job && job != ev)
		strbuf_printf(&what, " (line %u's %s() still blocks)", job->loc.line,
			      job->syscall->name);
	report_line(r, ev, "error: timed out after %g s waiting %s", r->cfg->timeout,
		    strbuf_str(&what));
	strbuf_free(&what);
	r->failed = true;
	return true;
}

void run_error(struct run *r, const struct event *ev, const char *fmt, ...)
{
	va_list ap;

	if (!r->failed && deadline_passed(&r->deadline))
		run_time_out(r);
	if (r->failed)
		return; /* the first error wins */
	va_start(ap, fmt);
	vreport(r, ev, true, fmt, ap);
	va_end(ap);
	r->failed = true;
}

void run_timing_error(struct run *r, const struct event *ev, int64_t miss, bool ours,
		      const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	int64_t stall = miss > 0 ? stall_since(&r->stall, &r->stall_mark) : 0;
	bool first = !r->failed && !deadline_passed(&r->deadline);

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (first && miss > 0 && stall >= miss) {
		run_error(r, ev,
			  "stalled: %s was %.3f ms late, and the machine stalled: the run waited "
			  "%.3f ms for a CPU; this says nothing about the kernel%s\n%s",
			  ours ? "pktdrill" : "the kernel's packet", (double)miss / 1000,
			  (double)stall / 1000, ours ? "" : "'s TCP", msg ? msg : "timing error");
		r->stalled = true;
	} else {
		run_error(r, ev, "%s", msg ? msg : "timing error");
	}
	free(msg);
}

void run_warn(struct run *r, const struct event *ev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(r, ev, false, fmt, ap);
	va_end(ap);
}

int64_t run_now(const struct run *r)
{
	return r->started ? clock_now_usecs() - r->live_start : 0;
}

int run_poll_worker(struct run *r)
{
	uint64_t n;

	(void)!read(r->done_fd, &n, sizeof(n));
	if (deadline_passed(&r->deadline))
		run_time_out(r);
	return r->failed ? -1 : 0;
}

int run_wait_until(struct run *r, int64_t t)
{
	for (;;) {
		run_unlock(r);
		int woke = clock_wait_until(r->live_start + t, r->wake_fd);
		run_lock(r);
		if (!woke)
			return r->failed ? -1 : 0;
		if (run_poll_worker(r))
			return -1;
	}
}

/* wake_fd: one fd for every wait to watch, the worker's news and the deadline. */
