/* SPDX-License-Identifier: GPL-2.0-only */
/* run: executes one parsed script against the kernel, event by event, on the script's clock. */
#include "runtime/run.h"
#include "runtime/context/run_state.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "runtime/codeblock/codeblock.h"
#include "runtime/context/clock.h"
#include "runtime/context/command.h"
#include "runtime/testnet.h"
#include "runtime/finish.h"
#include "parser/util/partial_file.h"
#include "runtime/context/recorder.h"
#include "runtime/context/tcp_state.h"
#include "runtime/context/worker.h"
#include "runtime/diagram/diagram.h"
#include "runtime/syscalls/syscall.h"
#include "runtime/traffic/inbound.h"
#include "runtime/traffic/outbound.h"

static int wake_set_up(struct run *r)
{
	struct epoll_event ev = {.events = EPOLLIN};

	r->done_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	r->wake_fd = epoll_create1(EPOLL_CLOEXEC);
	if (r->done_fd < 0 || r->wake_fd < 0 ||
	    epoll_ctl(r->wake_fd, EPOLL_CTL_ADD, r->done_fd, &ev))
		return -errno;
	return 0;
}

/* --timeout: armed on the main thread, the one its signal must interrupt. */
static int deadline_set_up(struct run *r, int64_t at)
{
	struct epoll_event ev = {.events = EPOLLIN};
	int rc = at ? deadline_arm(&r->deadline, at) : 0;

	if (rc || !at)
		return rc;
	if (epoll_ctl(r->wake_fd, EPOLL_CTL_ADD, r->deadline.fd, &ev))
		return -errno;
	command_set_cancel_fd(r->deadline.fd);
	return 0;
}

static void deadline_off(struct run *r)
{
	command_set_cancel_fd(-1);
	deadline_free(&r->deadline);
}

/* What a fatal signal reports: the event running when it came, formatted
 * before each event since a signal handler may only write(). */
static char interrupted_msg[512];
static size_t interrupted_len;

static void note_current_event(struct run *r, const struct event *ev)
{
	r->current = ev;
	int n = snprintf(
	    interrupted_msg, sizeof(interrupted_msg),
	    "%s:%u: interrupted while running this line (%s)\n", r->script->path, ev->loc.line,
	    ev->kind == EVENT_SYSCALL ? ev->syscall->name
	    : ev->kind == EVENT_PACKET
		? (ev->packet->dir == PKT_INBOUND ? "inbound packet" : "outbound packet")
	    : ev->kind == EVENT_COMMAND ? "shell command"
					: "code");
	interrupted_len = n > 0 ? (size_t)n : 0;
}

/* SIGINT, SIGTERM, SIGHUP: say what was running, then die of the signal so
 * the parent reports 128+N; the namespace and all in it go with us. */
static void on_fatal_signal(int sig)
{
	if (interrupted_len)
		(void)!write(2, interrupted_msg, interrupted_len);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_fatal_signals(void)
{
	struct sigaction sa = {.sa_handler = on_fatal_signal};

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static bool both_inbound(const struct event *a, const struct event *b)
{
	return a && a->kind == EVENT_PACKET && b->kind == EVENT_PACKET &&
	       a->packet->dir == PKT_INBOUND && b->packet->dir == PKT_INBOUND;
}

static bool is_outbound(const struct event *ev)
{
	return ev->kind == EVENT_PACKET && ev->packet->dir == PKT_OUTBOUND;
}

/* The anchor after an outbound packet (see resolve_time): when the kernel sent
 * it, or when we began to wait if it was already queued then. If we are now
 * more than half a tolerance past it (the machine stalled us, or a slow
 * --trace-states query did), fall back to now, as upstream, rather than turn
 * our own lateness into the next event's. */
static int64_t sent_anchor(const struct run *r, int64_t begin)
{
	int64_t now = run_now(r), sent = r->actual > begin ? r->actual : begin;

	return now - sent > r->cfg->tolerance_usecs / 2 ? now : sent;
}

static bool is_relative(enum time_kind k)
{
	return k == TIME_RELATIVE || k == TIME_RELATIVE_RANGE || k == TIME_ANY;
}

/* Resolves the event's script time (spec §4.2). A relative time counts from
 * now, as upstream, except around outbound packets: after one, from when the
 * kernel sent it, not when we got round to it: "+.001 < ." is the peer
 * answering 1 ms after the packet left, however late the sniffer woke under
 * load (upstream adds its own wake-up latency, and RACK's min_rtt-based
 * decisions then flip; issue #13); and an outbound packet counts from when
 * the event before it ended, which is when the kernel could react: -v and
 * --trace-states, which run between the two, do not move its window past a
 * packet sent meanwhile. Returns -1 on a script error. */
static int resolve_time(struct run *r, const struct event *ev, struct when *w)
{
	const struct event_time *t = &ev->time;
	bool ranged = t->kind == TIME_ABSOLUTE_RANGE || t->kind == TIME_RELATIVE_RANGE;

	w->kind = t->kind;
	w->anchor = 0;
	if (is_relative(t->kind))
		w->anchor = both_inbound(r->prev, ev)				   ? r->prev_time
			    : r->prev && (is_outbound(r->prev) || is_outbound(ev)) ? r->prev_end
										   : run_now(r);
	w->start = w->anchor + t->start_usecs;
	w->end = ranged ? w->anchor + t->end_usecs : w->start;
	if (!r->prev && t->start_usecs != 0 && t->kind != TIME_ANY) {
		run_error(r, ev, "first event should be at time 0");
		return -1;
	}
	if (r->prev && !is_relative(t->kind) && !is_relative(r->prev->time.kind) &&
	    w->start < r->prev_time) {
		run_error(r, ev, "time goes backward in script from %lld usec to %lld usec",
			  (long long)r->prev_time, (long long)w->start);
		return -1;
	}
	return 0;
}

/* Sleeps until the event's time and checks we were not late. */
static int wait_and_check(struct run *r, const struct event *ev, const struct when *w,
			  const char *what)
{
	struct strbuf err = STRBUF_INIT;

	r->doing = DOING_TIME;
	r->due = w->start;
	if (run_wait_until(r, w->start))
		return -1;
	r->doing = DOING_EVENT;
	r->actual = run_now(r);
	int rc = 0;
	if (r->prev && timing_check(r->cfg, what, w, r->actual, true, r->prev_time, &err)) {
		run_timing_error(r, ev, timing_miss(r->cfg, w, r->actual, true, r->prev_time), true,
				 "%s%s", ev->kind == EVENT_PACKET ? "error handling packet: " : "",
				 strbuf_str(&err));
		rc = -1;
	}
	strbuf_free(&err);
	return rc;
}

/* worker_job_fn: a blocking system call, on the worker thread. */
static void run_blocking_call(struct run *r, const struct event *ev)
{
	syscall_exec(r, ev, true);
}

static int run_syscall_event(struct run *r, const struct event *ev, const struct when *w)
{
	const struct syscall_spec *sc = ev->syscall;

	if (wait_and_check(r, ev, w, "system call start"))
		return -1;
	if (!sc->blocking) {
		if (worker_busy(r))
			worker_wait_idle(r, 1000000);
		return syscall_exec(r, ev, false);
	}
	r->blk_start = w->start;
	r->blk_end.kind = TIME_ABSOLUTE;
	r->blk_end.anchor = w->anchor;
	r->blk_end.start = r->blk_end.end =
	    is_relative(ev->time.kind) ? w->anchor + sc->end_usecs : sc->end_usecs;
	if (worker_submit(r, ev)) {
		run_error(r, ev,
			  "blocking system call while another blocking system call is already "
			  "in progress");
		return -1;
	}
	return r->failed ? -1 : 0;
}

static int run_command_event(struct run *r, const struct event *ev, const struct when *w)
{
	struct strbuf err = STRBUF_INIT;

	if (wait_and_check(r, ev, w, "command"))
		return -1;
	run_unlock(r);
	int rc = command_exec(ev->command, &err);
	run_lock(r);
	if (rc)
		run_error(r, ev, "error executing `%s` command: %s", ev->command, strbuf_str(&err));
	strbuf_free(&err);
	return rc;
}

static int run_event(struct run *r, const struct event *ev, struct when *w)
{
	if (resolve_time(r, ev, w))
		return -1;
	if (!r->started) {
		r->live_start = clock_mid_tick();
		r->started = true;
	}
	r->doing = DOING_EVENT;
	switch (ev->kind) {
	case EVENT_PACKET:
		if (ev->packet->dir == PKT_OUTBOUND)
			return outbound_expect(r, ev, w);
		if (wait_and_check(r, ev, w, "inbound packet"))
			return -1;
		return inbound_inject(r, ev);
	case EVENT_SYSCALL:
		return run_syscall_event(r, ev, w);
	case EVENT_COMMAND:
		return run_command_event(r, ev, w);
	case EVENT_CODE:
		if (wait_and_check(r, ev, w, "data collection for code"))
			return -1;
		return codeblock_event(r, ev);
	}
	return -1;
}

/* After a command failed: if the deadline killed it, reports that. Returns
 * true if it printed the message. */
static bool run_check_deadline(struct run *r)
{
	return deadline_passed(&r->deadline) && run_time_out(r);
}

/* --init_scripts: a comma-separated list of commands, each run in turn. */
static int run_init_scripts(struct run *r, struct strbuf *err)
{
	if (!r->cfg->init_scripts)
		return 0;
	r->doing = DOING_INIT_SCRIPTS;
	char *list = strdup(r->cfg->init_scripts), *save = NULL;
	int rc = 0;
	for (char *cmd = strtok_r(list, ",", &save); cmd && !rc; cmd = strtok_r(NULL, ",", &save))
		rc = command_exec(cmd, err);
	free(list);
	return rc;
}

static int run_init(struct run *r)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	if (run_init_scripts(r, &err)) {
		if (!run_check_deadline(r))
			fprintf(stderr, "%s: error executing init script: %s\n", r->script->path,
				strbuf_str(&err));
		rc = -1;
	} else if (r->script->init_command) {
		r->doing = DOING_INIT;
		if (command_exec(r->script->init_command, &err)) {
			if (!run_check_deadline(r))
				fprintf(stderr, "%s: error executing init command: %s\n",
					r->script->path, strbuf_str(&err));
			rc = -1;
		} else {
			r->init_ran = true;
		}
	}
	strbuf_free(&err);
	return rc;
}

/* After a timeout, the cleanup command still runs (it may restore settings
 * outside the namespace), for at most this long. */
#define CLEANUP_GRACE_USECS 1000000

static void run_cleanup_command(struct run *r)
{
	struct strbuf err = STRBUF_INIT;

	/* upstream runs it only after a successful init command (spec §7.1, kept) */
	if (!r->init_ran || !r->script->cleanup_command)
		return;
	if (r->timed_out)
		deadline_move(&r->deadline, clock_now_usecs() + CLEANUP_GRACE_USECS);
	r->doing = DOING_CLEANUP;
	int rc = command_exec(r->script->cleanup_command, &err);
	if (r->timed_out)
		deadline_quiet(&r->deadline); /* the grace's signals */
	if (rc) {
		if (r->timed_out || !run_check_deadline(r))
			fprintf(stderr, "%s: error executing cleanup command: %s\n",
				r->script->path, strbuf_str(&err));
		r->failed = true;
	}
	strbuf_free(&err);
}

static const char *event_kind_name(const struct event *ev)
{
	switch (ev->kind) {
	case EVENT_PACKET:
		return ev->packet->dir == PKT_INBOUND ? "inbound packet" : "outbound packet";
	case EVENT_SYSCALL:
		return ev->syscall->name;
	case EVENT_COMMAND:
		return "command";
	default:
		return "code";
	}
}

/* -v: when each event was due and when it happened. */
static void trace_event(const struct run *r, const struct event *ev, const struct when *w)
{
	printf("%s:%u: %s: scheduled %.6f actual %.6f (%+lld us)\n", r->script->path, ev->loc.line,
	       event_kind_name(ev), (double)w->start / 1e6, (double)r->actual / 1e6,
	       (long long)(r->actual - w->start));
}

/* --step: shows the next event and the connection's state, waits for Enter
 * (end of input runs the rest), and stops the script clock meanwhile. */
static void step_pause(struct run *r, const struct event *ev)
{
	int64_t paused = clock_now_usecs();
	char line[64];

	printf("--- next: line %u (connection %s); press Enter\n", ev->loc.line,
	       tcp_state_short_name(tcp_state_last(r)));
	run_quote_line(r, ev, stdout);
	fflush(stdout);
	deadline_pause(&r->deadline);
	run_unlock(r);
	if (!r->step_eof && !fgets(line, sizeof(line), stdin))
		r->step_eof = true; /* piped input ran out: run the rest */
	run_lock(r);
	deadline_resume(&r->deadline);
	if (r->started)
		r->live_start += clock_now_usecs() - paused;
}

/* An output file could not be written: say which and why, and remove what
 * was written of it (no truncated file that looks whole); the run's status
 * becomes 3 unless the script failed. errno is the failed call's. */
static void output_error(struct run *r, const char *path)
{
	fprintf(stderr, "%s: error: cannot write %s: %s\n", r->script->path, path,
		strerror(errno ? errno : EIO));
	partial_file_remove(path);
	r->output_failed = true;
}

static void write_state_graph(struct run *r)
{
	struct strbuf dot = STRBUF_INIT;
	const char *name = strrchr(r->script->path, '/');

	state_graph_dot(&r->visits, name ? name + 1 : r->script->path, &dot);
	FILE *f = fopen(r->cfg->state_graph, "w");
	int bad = !f || fputs(strbuf_str(&dot), f) < 0;
	if ((f && fclose(f)) || bad)
		output_error(r, r->cfg->state_graph);
	strbuf_free(&dot);
}

/* --diagram: after a failed run too, which it shows. */
static void write_diagram(struct run *r)
{
	if (diagram_write(r, r->cfg->diagram))
		output_error(r, r->cfg->diagram);
}

/* A blocking call still running at the end is interrupted (it returns EINTR,
 * or what it did so far), and the worker checks that result as usual: a
 * mismatch names the call's line, what was expected and what it returned, as
 * upstream reports it. A call whose result still matches is an error all the
 * same, at its own line. After a failed run this only ends the call. */
static void finish_blocked_call(struct run *r)
{
	const struct event *ev = r->worker ? worker_job(r) : NULL;

	if (!ev)
		return;
	bool was_failed = r->failed;
	r->blocked_at_end = true; /* its return time means nothing now */
	worker_interrupt(r, 1000000);
	if (!was_failed)
		run_error(r, ev,
			  "runtime error in %s call: exiting while a blocking system call "
			  "is in progress",
			  ev->syscall->name);
}

static void run_events(struct run *r)
{
	for (size_t i = 0; i < r->script->n_events && !r->failed; i++) {
		const struct event *ev = &r->script->events[i];
		struct when w;
		r->actual = 0;
		note_current_event(r, ev);
		if (r->cfg->step)
			step_pause(r, ev);
		stall_sample_take(&r->stall, &r->stall_mark);
		int64_t begin = run_now(r);
		int failed = run_event(r, ev, &w);
		if (r->rec)
			recorder_event(r, ev, failed);
		if (failed)
			break;
		int64_t ended = run_now(r);
		if (r->cfg->verbose)
			trace_event(r, ev, &w);
		if (r->timing)
			fprintf(r->timing, "%u\t%s\t%lld\t%lld\n", ev->loc.line,
				event_kind_name(ev), (long long)w.start, (long long)r->actual);
		if (r->cfg->trace_states || r->cfg->state_graph || r->cfg->step || r->rec)
			tcp_state_trace(r, ev);
		r->prev = ev;
		r->prev_time = w.start;
		/* after the trace: if it made us late, sent_anchor() sees it */
		r->prev_end = is_outbound(ev) ? sent_anchor(r, begin) : ended;
	}
	if (r->worker && !r->timed_out)
		worker_wait_idle(r, 1000000);
	finish_blocked_call(r);
}

static volatile sig_atomic_t hold_released;

static void release_hold(int sig)
{
	hold_released = 1;
}

/* --hold: the namespace lives as long as this process, so a student can look
 * at the sockets the script left, until Enter, end of input or a signal. */
static void hold_for_inspection(struct run *r)
{
	struct sigaction sa = {.sa_handler = release_hold};
	char line[64];

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	deadline_off(r); /* the script passed: the user decides now */
	printf("%s: passed; holding its network namespace. Look at it with:\n"
	       "    nsenter --net=/proc/%d/ns/net ss -tan\n"
	       "Press Enter (or send a signal) to finish.\n",
	       r->script->path, (int)getpid());
	fflush(stdout);
	run_unlock(r);
	while (!hold_released && !fgets(line, sizeof(line), stdin) && errno == EINTR &&
	       !feof(stdin))
		;
	run_lock(r);
}

static int run_start(struct run *r, int64_t deadline)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	if (r->cfg->timing_report) {
		r->timing = fopen(r->cfg->timing_report, "w");
		if (!r->timing) {
			fprintf(stderr, "%s: error: cannot write %s: %s\n", r->script->path,
				r->cfg->timing_report, strerror(errno));
			return -1;
		}
		fprintf(r->timing, "# line\tevent\tscheduled_us\tactual_us\n");
	}
	stall_meter_open(&r->stall);
	if ((rc = wake_set_up(r)) || (rc = deadline_set_up(r, deadline)))
		strbuf_printf(&err, "%s", strerror(-rc));
	if (rc || testnet_setup(r, &err) || worker_start(r, run_blocking_call)) {
		fprintf(stderr, "%s: error: cannot set up the test network: %s\n", r->script->path,
			strbuf_str(&err));
		rc = -1;
	}
	strbuf_free(&err);
	return rc;
}

static void run_close_fds(struct run *r)
{
	deadline_off(r);
	if (r->wake_fd >= 0)
		close(r->wake_fd);
	if (r->done_fd >= 0)
		close(r->done_fd);
}

/* Start-up, the init command, the events, the cleanup command and what is
 * written at the end. Returns the run's exit status so far. */
static int run_phases(struct run *r, int64_t deadline)
{
	const struct config *cfg = r->cfg;

	if (run_start(r, deadline))
		return 3;
	if (run_init(r)) {
		if (cfg->diagram) {
			recorder_error(
			    r->rec, r->script, NULL, 0,
			    "the init command failed (its error is in the run's output)");
			write_diagram(r);
		}
		return 1;
	}
	run_events(r);
	run_cleanup_command(r);
	r->doing = DOING_CODE;
	if (!r->failed)
		codeblock_finish(r);
	if (!r->failed && cfg->hold)
		hold_for_inspection(r);
	if (cfg->state_graph)
		write_state_graph(r);
	if (cfg->diagram)
		write_diagram(r);
	return r->failed ? (r->stalled ? 4 : 1) : 0;
}

/* Frees what the run holds and closes its files; the timing report's close
 * is checked like any output. */
static void run_release(struct run *r)
{
	finish_sockets(r);
	codeblock_free(r);
	testnet_teardown(r);
	recorder_free(r->rec);
	fd_table_free(&r->fds);
	free(r->ephemeral_fds);
	run_close_fds(r);
	stall_meter_close(&r->stall);
	if (r->timing && (ferror(r->timing) | fclose(r->timing)))
		output_error(r, r->cfg->timing_report);
}

int run_script(const struct config *cfg, const struct script *script)
{
	struct run r = {.cfg = cfg, .script = script, .wake_fd = -1, .done_fd = -1};
	int64_t deadline = cfg->timeout > 0 ? clock_now_usecs() + (int64_t)(cfg->timeout * 1e6) : 0;

	pthread_mutex_init(&r.lock, NULL);
	pthread_mutex_lock(&r.lock);
	if (cfg->diagram || (cfg->pcap && str_ends_with(cfg->pcap, ".pcapng")))
		r.rec = recorder_new();
	deadline_init(&r.deadline);
	catch_fatal_signals();
	r.tun.fd = r.sniffer.fd = -1;
	int status = run_phases(&r, deadline);
	/* Nothing a command started outlives the run. */
	command_stop_all();
	if (r.worker && worker_stop(&r, 0)) {
		/* A call is stuck in the kernel on the worker: the process is about
		 * to exit and the namespace with it, so leave everything as is. */
		deadline_off(&r);
		return status ? status : 1;
	}
	run_release(&r);
	if (!r.failed && r.output_failed)
		status = 3;
	pthread_mutex_unlock(&r.lock);
	pthread_mutex_destroy(&r.lock);
	return status;
}
