/* SPDX-License-Identifier: GPL-2.0-only */
/* runner: runs many scripts, each in a forked child alone in its process group and
 * namespace — one job per script and variant, longest first, -j at a time, timeouts,
 * reports in the scripts' order. */
#include "runtime/cli/runner.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runtime/cli/cli.h"
#include "runtime/cli/discover.h"
#include "runtime/cli/report.h"
#include "runtime/context/affinity.h"
#include "parser/util/partial_file.h"
#include "parser/util/xalloc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define OUTPUT_KEEP (256 * 1024) /* bytes of a run's output kept for the report */

/* ---- the runner's state ---- */

struct job {
	const char *path;	       /* in the runner's script list */
	const struct variant *variant; /* NULL without --variants */
	enum report_verdict verdict;
	char *reason;	   /* why skipped, failed or timed out; owned */
	struct strbuf out; /* what the script wrote (its end, if long) */
	pid_t pid;	   /* while running: the child, its process group's leader */
	int fd;		   /* read end of the child's output pipe, or -1 */
	double start, seconds;
	double estimate; /* expected seconds; skipped runs: -1, started first */
	bool started, done, timed_out;
	/* exited 2: the script or its command line is invalid */
	bool invalid;
	bool slow; /* ksft with KSFT_MACHINE_SLOW: a failure is an XFAIL */
	int cpu;   /* the CPU the run is pinned to (runtime/affinity.h) */
};

struct runner {
	const struct runner_opts *o;
	runner_script_fn *run;
	runner_estimate_fn *estimate;
	void *ctx;
	const struct report_ops *report;
	FILE *junit;
	struct script_list scripts;
	struct job *jobs;
	size_t n_jobs;
	size_t *order;		     /* job indices in the order they start */
	size_t next_start;	     /* in order */
	size_t next_report, running; /* in jobs */
	unsigned max_running;
	struct pollfd *pfds; /* max_running + 1: the signal pipe, then outputs */
	struct job **pjobs;  /* the job of each pfds entry */
	struct report_totals totals;
	double t0;
	char timestamp[32];
	pid_t self;
	int interrupted; /* the signal that stops the run, or 0 */
	bool in_child;
	int child_status;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- planning: one job per script and variant ---- */

/* The family a script's own "--ip_version=" option line asks for (found as
 * kselftest's ksft_runner.sh greps it), or NULL. Caller frees. */
static char *script_ip_version(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *found = NULL;
	size_t cap = 0;

	while (f && !found && getline(&line, &cap, f) > 0) {
		const char *p = line + strspn(line, " \t");

		if (strncmp(p, "--ip_version", 12))
			continue;
		p += 12;
		p += strspn(p, " \t");
		if (*p++ != '=')
			continue;
		p += strspn(p, " \t");
		size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-");
		if (len)
			found = xstrndup(p, len);
	}
	free(line);
	if (f)
		fclose(f);
	return found;
}

/* Why a script does not run in a family, or NULL. Caller frees. */
static char *skip_reason(const char *path, const struct variant *v, const char *only)
{
	struct strbuf sb = STRBUF_INIT;

	if (only && strcmp(only, v->name))
		strbuf_printf(&sb, "the script sets --ip_version=%s", only);
	else if (!only && v->other_suffix && str_ends_with(path, v->other_suffix))
		strbuf_printf(&sb, "%s only (name ends in %s)",
			      v->other_suffix[1] == '6' ? "ipv6" : "ipv4", v->other_suffix);
	return sb.len ? strbuf_take(&sb) : NULL;
}

static struct job *add_job(struct runner *r, const char *path, const struct variant *v, char *skip)
{
	r->jobs = xrealloc(r->jobs, (r->n_jobs + 1) * sizeof(*r->jobs));
	r->jobs[r->n_jobs++] = (struct job){
	    .path = path,
	    .variant = v,
	    .verdict = skip ? REPORT_SKIP : REPORT_PASS,
	    .reason = skip,
	    .fd = -1,
	};
	return &r->jobs[r->n_jobs - 1];
}

/* What ksft_runner.sh's `grep -E '^--ip_version=' $script | cut -d '=' -f 2`
 * gives: each such line's text between its first and second '=', one per
 * line; NULL if there is none. Caller frees. */
static char *ksft_ip_versions(const char *path)
{
	FILE *f = fopen(path, "r");
	struct strbuf sb = STRBUF_INIT;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while (f && (n = getline(&line, &cap, f)) > 0) {
		if (strncmp(line, "--ip_version=", 13))
			continue;
		line[strcspn(line, "\n")] = 0;
		strbuf_printf(&sb, "%s%.*s", sb.len ? "\n" : "", (int)strcspn(line + 13, "="),
			      line + 13);
	}
	free(line);
	if (f)
		fclose(f);
	return sb.len ? strbuf_take(&sb) : NULL;
}

/* The kernel's ksft_runner.sh: all three families, or the one a script's own
 * "--ip_version=ipv4|ipv6" line names; any other such line fails the script
 * without a run, as the runner does. */
static void plan_ksft(struct runner *r, const char *path)
{
	const struct runner_opts *o = r->o;
	char *only = ksft_ip_versions(path);
	bool slow = getenv("KSFT_MACHINE_SLOW") && *getenv("KSFT_MACHINE_SLOW");

	if (only && strcmp(only, "ipv4") && strcmp(only, "ipv6")) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_printf(&sb, "Too many or unsupported --ip_version: %s", only);
		for (char *p = sb.s; *p; p++)
			*p = *p == '\n' ? ' ' : *p;
		struct job *j = add_job(r, path, NULL, NULL);
		j->verdict = REPORT_FAIL;
		j->reason = strbuf_take(&sb);
		free(only);
		return;
	}
	for (size_t k = 0; k < o->n_variants; k++) {
		const struct variant *v = runner_variant(o->variants[k]);
		if (!only || !strcmp(only, v->name))
			add_job(r, path, v, NULL)->slow = slow;
	}
	free(only);
}

static void plan(struct runner *r)
{
	const struct runner_opts *o = r->o;

	for (size_t i = 0; i < r->scripts.n; i++) {
		const char *path = r->scripts.paths[i];

		if (!o->n_variants) {
			add_job(r, path, NULL, NULL);
			continue;
		}
		if (o->ksft) {
			plan_ksft(r, path);
			continue;
		}
		char *only = script_ip_version(path);
		/* A family we do not know: run it, and let the script report its error. */
		if (only && runner_variant_find(only, strlen(only)) < 0) {
			free(only);
			only = NULL;
		}
		for (size_t k = 0; k < o->n_variants; k++) {
			const struct variant *v = runner_variant(o->variants[k]);
			add_job(r, path, v, skip_reason(path, v, only));
		}
		free(only);
	}
}

/* ---- the start order: longest first ---- */

/* Longer estimate first; equal ones (and unknown, 0) in the scripts' order. */
static int cmp_start(const void *a, const void *b, void *jobs)
{
	const struct job *j = jobs;
	size_t i = *(const size_t *)a, k = *(const size_t *)b;
	double ei = j[i].estimate, ek = j[k].estimate;

	if (ei != ek)
		return ei > ek ? -1 : 1;
	return (i > k) - (i < k);
}

/* Estimates each run (the script parsed with its variant's defines) and
 * orders the starts. */
static void order_starts(struct runner *r)
{
	r->order = xcalloc(r->n_jobs ? r->n_jobs : 1, sizeof(*r->order));
	for (size_t i = 0; i < r->n_jobs; i++) {
		struct job *j = &r->jobs[i];
		const struct variant *v = j->variant;

		r->order[i] = i;
		if (j->verdict != REPORT_PASS) /* skipped, or failed when planned */
			j->estimate = -1;
		else if (r->estimate)
			j->estimate =
			    r->estimate(r->ctx, j->path, v ? v->args : NULL, v ? v->n_args : 0);
	}
	qsort_r(r->order, r->n_jobs, sizeof(*r->order), cmp_start, r->jobs);
}

/* ---- signals ---- */

static int sig_pipe[2] = {-1, -1};
static const int handled_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGCHLD};

/* Wakes the event loop: poll() then sees the signal without a race. */
static void on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;

	(void)!write(sig_pipe[1], &b, 1);
	errno = saved;
}

static void signals_block(int how)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_SIZE(handled_signals); i++)
		sigaddset(&set, handled_signals[i]);
	sigprocmask(how, &set, NULL);
}

/* As a subreaper the runner adopts what a script leaves running outside its
 * process group, so that nothing outlives the run. A closed stdout must not
 * kill the runner (its children would run on unwatched). */
static int signals_setup(struct strbuf *err)
{
	struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_RESTART | SA_NOCLDSTOP};

	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK)) {
		strbuf_printf(err, "pipe: %s", strerror(errno));
		return -1;
	}
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_SIZE(handled_signals); i++)
		sigaction(handled_signals[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	return 0;
}

/* ---- the child: one script run ---- */

static void child_signals(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(handled_signals); i++)
		signal(handled_signals[i], SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	signals_block(SIG_UNBLOCK);
}

/* The runner's descriptors are not the script's business. */
static void child_close_fds(struct runner *r)
{
	for (int i = 0; i < 2; i++) {
		close(sig_pipe[i]);
		sig_pipe[i] = -1;
	}
	if (r->junit)
		fclose(r->junit);
	r->junit = NULL;
	for (size_t i = r->next_report; i < r->n_jobs; i++)
		if (r->jobs[i].fd >= 0) {
			close(r->jobs[i].fd);
			r->jobs[i].fd = -1;
		}
}

/* stdin from /dev/null (scripts run side by side), stdout and stderr into the pipe. */
static int child_stdio(int wfd)
{
	int null = open("/dev/null", O_RDONLY);
	int rc = 0;

	if (null < 0 || dup2(null, 0) < 0 || dup2(wfd, 1) < 0 || dup2(wfd, 2) < 0)
		rc = -1;
	if (null > 2)
		close(null);
	if (wfd > 2)
		close(wfd);
	for (int fd = 0; fd < 3; fd++)
		fcntl(fd, F_SETFD, 0);
	/* a report the parent failed to write is the parent's to tell */
	clearerr(stdout);
	setvbuf(stdout, NULL, _IOLBF, 0);
	return rc;
}

/* The script's run with its variant's flags; on a slow machine (ksft's
 * KSFT_MACHINE_SLOW) a wider tolerance after them, as ksft_runner.sh adds. */
static int run_job(struct runner *r, const struct job *j, const char *script)
{
	const struct variant *v = j->variant;
	size_t n = v ? v->n_args : 0;
	struct runner_arg args[16];

	if (n + 2 > sizeof(args) / sizeof(args[0]))
		return EXIT_INVALID;
	for (size_t i = 0; i < n; i++)
		args[i] = v->args[i];
	if (j->slow)
		args[n++] = (struct runner_arg){"tolerance_usecs", KSFT_SLOW_TOLERANCE_USECS};
	/* Before the user's flags, so that their --cpu wins. */
	char cpu[16];
	snprintf(cpu, sizeof(cpu), "%d", j->cpu);
	if (j->cpu >= 0)
		args[n++] = (struct runner_arg){"cpu", cpu};
	return r->run(r->ctx, script, args, n);
}

static int child_main(struct runner *r, struct job *j, int wfd)
{
	const char *base = strrchr(j->path, '/');
	int status;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	child_signals();
	child_close_fds(r);
	if (getppid() != r->self || child_stdio(wfd))
		return EXIT_ENVIRONMENT;
	/* Scripts name their helpers (defaults.sh, ...) relative to themselves. */
	char *dir = base ? xstrndup(j->path, (size_t)(base - j->path) + 1) : xstrdup(".");
	if (chdir(dir)) {
		fprintf(stderr, "%s: error: cannot enter its directory: %s\n", j->path,
			strerror(errno));
		status = EXIT_ENVIRONMENT;
	} else {
		status = run_job(r, j, base ? base + 1 : j->path);
	}
	free(dir);
	return status;
}

/* ---- the parent: starting, watching and ending runs ---- */

static char *job_name(const struct job *j)
{
	struct report_result res = {
	    .path = j->path,
	    .variant = j->variant ? j->variant->name : NULL,
	};

	return report_name(&res);
}

static void job_failed_to_start(struct job *j, const char *what)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "%s: %s", what, strerror(errno));
	j->verdict = REPORT_FAIL;
	j->reason = strbuf_take(&sb);
	j->done = true;
}

static void job_start(struct runner *r, struct job *j)
{
	int fds[2];

	if (j->verdict != REPORT_PASS) { /* skipped, or failed when planned */
		j->done = true;
		return;
	}
	if (pipe2(fds, O_CLOEXEC)) {
		job_failed_to_start(j, "cannot create a pipe");
		return;
	}
	fflush(NULL);
	signals_block(SIG_BLOCK);
	/* Before the fork: the run's own clock (its --timeout) starts later. */
	double start = now();
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		r->in_child = true;
		r->child_status = child_main(r, j, fds[1]);
		return;
	}
	signals_block(SIG_UNBLOCK);
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		job_failed_to_start(j, "cannot fork");
		return;
	}
	setpgid(pid, pid); /* also here: kill(-pid) must work from now on */
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	j->pid = pid;
	j->fd = fds[0];
	j->start = start;
	r->running++;
}

/* Keeps the end of a long output: a script's error is its last words. */
static void job_keep(struct job *j, const char *buf, size_t n)
{
	struct strbuf tail = STRBUF_INIT;

	strbuf_append(&j->out, buf, n);
	if (j->out.len <= 2 * OUTPUT_KEEP)
		return;
	strbuf_printf(&tail, "[pktdrill: output cut to its last %d bytes]\n", OUTPUT_KEEP);
	strbuf_append(&tail, j->out.s + j->out.len - OUTPUT_KEEP, OUTPUT_KEEP);
	strbuf_free(&j->out);
	j->out = tail;
}

/* Reads what the script wrote so far; closes the pipe at its end. */
static void job_read(struct job *j)
{
	char buf[16384];

	while (j->fd >= 0) {
		ssize_t n = read(j->fd, buf, sizeof(buf));

		if (n > 0) {
			job_keep(j, buf, (size_t)n);
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && errno == EAGAIN) {
			return;
		} else {
			close(j->fd);
			j->fd = -1;
		}
	}
}

static const char *const exit_meanings[] = {
    [EXIT_SCRIPT_FAILED] = "script failed",
    [EXIT_INVALID] = "invalid script or command line",
    [EXIT_ENVIRONMENT] = "environment cannot run it",
    [EXIT_STALLED] = "the machine stalled every try",
};

static void job_verdict(struct job *j, int status, double timeout)
{
	struct strbuf sb = STRBUF_INIT;
	int code = WEXITSTATUS(status);

	if (j->timed_out)
		return; /* verdict and reason set when it was killed */
	if (WIFEXITED(status) && code == 0) {
		j->verdict = REPORT_PASS;
		return;
	}
	/* It stopped itself at the timeout, its message naming the line in its
	 * output (it counts from its own start, a little after ours). */
	if (WIFEXITED(status) && code == EXIT_SCRIPT_FAILED && timeout > 0 &&
	    j->seconds >= timeout) {
		j->verdict = REPORT_TIMEOUT;
		strbuf_printf(&sb, "timed out after %g s", timeout);
		j->reason = strbuf_take(&sb);
		return;
	}
	if (WIFSIGNALED(status))
		strbuf_printf(&sb, "killed by signal %d (%s)", WTERMSIG(status),
			      strsignal(WTERMSIG(status)));
	else if (code < (int)ARRAY_SIZE(exit_meanings) && exit_meanings[code])
		strbuf_printf(&sb, "exit %d (%s)", code, exit_meanings[code]);
	else
		strbuf_printf(&sb, "exit %d", code);
	j->verdict = WIFEXITED(status) && code == EXIT_STALLED ? REPORT_STALLED
		     : j->slow				       ? REPORT_XFAIL
							       : REPORT_FAIL;
	j->invalid = WIFEXITED(status) && code == EXIT_INVALID;
	j->reason = strbuf_take(&sb);
}

static void job_finish(struct runner *r, struct job *j, int status)
{
	job_read(j);
	if (j->fd >= 0) {
		close(j->fd);
		j->fd = -1;
	}
	j->seconds = now() - j->start;
	j->pid = 0;
	j->done = true;
	r->running--;
	job_verdict(j, status, r->o->timeout);
}

static struct job *job_by_pid(struct runner *r, pid_t pid)
{
	for (size_t i = r->next_report; i < r->n_jobs; i++)
		if (r->jobs[i].pid == pid)
			return &r->jobs[i];
	return NULL;
}

/* Collects every child that has ended. A script's process group is killed
 * while its leader is still a zombie: until it is reaped, the group's id
 * cannot be reused, so the kill reaches only what the script left behind. */
static void reap(struct runner *r)
{
	siginfo_t si;
	int status;

	for (;;) {
		si.si_pid = 0;
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) || !si.si_pid)
			return;
		struct job *j = job_by_pid(r, si.si_pid);
		if (j)
			kill(-j->pid, SIGKILL);
		while (waitpid(si.si_pid, &status, 0) < 0 && errno == EINTR)
			;
		if (j)
			job_finish(r, j, status); /* else an adopted orphan */
	}
}

/* The backstop, for a run that did not stop itself at its timeout: kills the
 * whole process group; reap() collects the leader and ends the job. */
static void job_time_out(struct job *j, double timeout)
{
	struct strbuf sb = STRBUF_INIT;
	char *name = job_name(j);

	kill(-j->pid, SIGKILL);
	j->timed_out = true;
	j->verdict = REPORT_TIMEOUT;
	strbuf_printf(&sb, "timed out after %g s", timeout);
	j->reason = strbuf_take(&sb);
	if (j->out.len && !str_ends_with(strbuf_str(&j->out), "\n"))
		strbuf_append(&j->out, "\n", 1);
	strbuf_printf(&j->out,
		      "pktdrill: %s: timed out after %g s and did not stop within %g s "
		      "more; killed it and its process group\n",
		      name, timeout, RUNNER_BACKSTOP);
	free(name);
}

static void check_timeouts(struct runner *r)
{
	double t = now();

	for (size_t i = r->next_report; r->o->timeout > 0 && i < r->n_jobs; i++) {
		struct job *j = &r->jobs[i];

		if (j->pid && !j->timed_out && t - j->start >= r->o->timeout + RUNNER_BACKSTOP)
			job_time_out(j, r->o->timeout);
	}
}

/* Milliseconds until the next backstop; at most a second. */
static int poll_timeout(const struct runner *r)
{
	double first = 1.0, t = now();

	for (size_t i = r->next_report; r->o->timeout > 0 && i < r->n_jobs; i++) {
		const struct job *j = &r->jobs[i];
		double left = j->start + r->o->timeout + RUNNER_BACKSTOP - t;

		if (j->pid && !j->timed_out && left < first)
			first = left;
	}
	return first > 0 ? (int)(first * 1000) + 1 : 0;
}

static void read_signals(struct runner *r)
{
	unsigned char sigs[64];
	ssize_t n;

	while ((n = read(sig_pipe[0], sigs, sizeof(sigs))) > 0)
		for (ssize_t i = 0; i < n; i++)
			if (sigs[i] != SIGCHLD && !r->interrupted)
				r->interrupted = sigs[i];
}

/* Waits for output, an ended child, a signal or the next timeout. */
static void wait_events(struct runner *r)
{
	size_t n = 0;

	r->pfds[n++] = (struct pollfd){.fd = sig_pipe[0], .events = POLLIN};
	for (size_t i = r->next_report; i < r->n_jobs; i++) {
		if (r->jobs[i].fd < 0)
			continue;
		r->pjobs[n] = &r->jobs[i];
		r->pfds[n++] = (struct pollfd){.fd = r->jobs[i].fd, .events = POLLIN};
	}
	if (poll(r->pfds, n, poll_timeout(r)) > 0) {
		for (size_t i = 1; i < n; i++)
			if (r->pfds[i].revents)
				job_read(r->pjobs[i]);
		if (r->pfds[0].revents)
			read_signals(r);
	}
	reap(r);
}

/* ---- reports ---- */

static void job_result(const struct job *j, struct report_result *res)
{
	*res = (struct report_result){
	    .path = j->path,
	    .variant = j->variant ? j->variant->name : NULL,
	    .verdict = j->verdict,
	    .reason = j->reason,
	    .output = strbuf_str(&j->out),
	    .seconds = j->seconds,
	    .invalid = j->invalid,
	};
}

/* The first error writing the report on stdout (a full disk), for main() to
 * name when it checks stdout at the end: later writes fail without errno. */
static int stdout_errno;

int runner_stdout_errno(void)
{
	return stdout_errno;
}

static void report_flush(void)
{
	if (fflush(stdout) && !stdout_errno)
		stdout_errno = errno;
}

/* Prints the finished runs in their order, so that the report is the same at any -j. */
static void report_ready(struct runner *r)
{
	struct report_result res;

	while (r->next_report < r->n_jobs && r->jobs[r->next_report].done) {
		struct job *j = &r->jobs[r->next_report++];

		job_result(j, &res);
		r->report->result(stdout, r->next_report, &res);
		report_flush();
		r->totals.passed += j->verdict == REPORT_PASS;
		r->totals.failed += j->verdict == REPORT_FAIL;
		r->totals.timed_out += j->verdict == REPORT_TIMEOUT;
		r->totals.skipped += j->verdict == REPORT_SKIP;
		r->totals.xfailed += j->verdict == REPORT_XFAIL;
		r->totals.stalled += j->verdict == REPORT_STALLED;
		if (j->verdict == REPORT_PASS)
			strbuf_free(&j->out); /* only failures show their output */
	}
}

static int junit_write(struct runner *r)
{
	struct report_result *res = xcalloc(r->n_jobs, sizeof(*res));

	for (size_t i = 0; i < r->n_jobs; i++)
		job_result(&r->jobs[i], &res[i]);
	errno = 0;
	int rc = report_junit_write(r->junit, res, r->n_jobs, &r->totals, r->timestamp);
	if (fclose(r->junit))
		rc = -1;
	r->junit = NULL;
	free(res);
	if (rc) {
		fprintf(stderr, "pktdrill: error: cannot write '%s': %s\n", r->o->junit,
			strerror(errno ? errno : EIO));
		partial_file_remove(r->o->junit); /* no truncated report that looks whole */
	}
	return rc;
}

/* --diagram=DIR: DIR/index.html, linking the diagrams the runs wrote. */
static int html_write(struct runner *r)
{
	char *path = NULL;
	struct report_result *res = xcalloc(r->n_jobs ? r->n_jobs : 1, sizeof(*res));
	int rc = asprintf(&path, "%s/index.html", r->o->diagram_dir) < 0 ? -1 : 0;
	FILE *f = rc ? NULL : fopen(path, "we");

	for (size_t i = 0; i < r->n_jobs; i++)
		job_result(&r->jobs[i], &res[i]);
	errno = 0;
	if (!f || report_html_write(f, r->o->diagram_dir, res, r->n_jobs, &r->totals, r->timestamp))
		rc = -1;
	if (f && fclose(f))
		rc = -1;
	if (rc) {
		fprintf(stderr, "pktdrill: error: cannot write '%s': %s\n",
			path ? path : "index.html", strerror(errno ? errno : EIO));
		if (path)
			partial_file_remove(path);
	}
	free(path);
	free(res);
	return rc;
}

static int runner_finish(struct runner *r)
{
	r->totals.seconds = now() - r->t0;
	r->totals.jobs = r->max_running;
	r->totals.timeout = r->o->timeout;
	r->report->end(stdout, &r->totals);
	report_flush();
	bool failed = r->totals.failed || r->totals.timed_out;
	if (r->junit && junit_write(r) && !failed)
		return EXIT_ENVIRONMENT;
	if (r->o->diagram_dir && html_write(r) && !failed)
		return EXIT_ENVIRONMENT;
	return failed ? EXIT_SCRIPT_FAILED : r->totals.stalled ? EXIT_STALLED : EXIT_PASS;
}

/* SIGINT, SIGTERM or SIGHUP: kill every running script's process group, say
 * which were running. */
static int runner_interrupted(struct runner *r)
{
	int sig = r->interrupted;

	fprintf(stderr, "pktdrill: stopped by signal %d (%s)%s\n", sig, strsignal(sig),
		r->running ? "; killed what was running:" : "");
	for (size_t i = r->next_report; i < r->n_jobs; i++) {
		struct job *j = &r->jobs[i];

		if (!j->pid)
			continue;
		kill(-j->pid, SIGKILL);
		char *name = job_name(j);
		fprintf(stderr, "pktdrill:   %s, after %.1f s\n", name, now() - j->start);
		free(name);
	}
	for (size_t i = r->next_report; i < r->n_jobs; i++)
		if (r->jobs[i].pid)
			while (waitpid(r->jobs[i].pid, NULL, 0) < 0 && errno == EINTR)
				;
	return 128 + sig;
}

/* What scripts left running outside their process groups was adopted by the
 * runner (a subreaper): kill it, and what it adopted in turn. */
static void kill_orphans(void)
{
	char path[64];
	int pid;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	for (int round = 0; round < 16; round++) {
		FILE *f = fopen(path, "r");
		int n = 0;

		while (f && fscanf(f, "%d", &pid) == 1 && ++n)
			kill(pid, SIGKILL);
		if (f)
			fclose(f);
		if (!n)
			return;
		while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
			;
	}
}

/* Is a run of this script going on? Its runs in other families wait: scripts
 * share fixed files (/tmp/testfile, /tmp/sysctl_restore_...), and
 * ksft_runner.sh runs them one after another too. */
static bool script_running(const struct runner *r, const char *path)
{
	for (size_t i = 0; i < r->n_jobs; i++)
		if (r->jobs[i].path == path && r->jobs[i].started && !r->jobs[i].done)
			return true;
	return false;
}

/* The allowed CPU with the fewest runs on it: side by side runs are each
 * pinned to a CPU of their own while there are CPUs enough. */
static int pick_cpu(const struct runner *r)
{
	unsigned best_count = ~0U;
	int best = -1;

	for (unsigned k = 0; k < r->max_running; k++) {
		int cpu = affinity_nth_allowed(k);
		unsigned count = 0;
		for (size_t i = 0; i < r->n_jobs; i++)
			count += r->jobs[i].started && !r->jobs[i].done && r->jobs[i].cpu == cpu;
		if (cpu >= 0 && count < best_count) {
			best = cpu;
			best_count = count;
		}
	}
	return best;
}

/* Starts runs, in the start order, while there is room. */
static void start_more(struct runner *r)
{
	for (size_t k = r->next_start; k < r->n_jobs && r->running < r->max_running; k++) {
		struct job *j = &r->jobs[r->order[k]];
		if (j->started || script_running(r, j->path))
			continue;
		j->cpu = pick_cpu(r);
		j->started = true;
		job_start(r, j);
		if (r->in_child)
			return;
	}
	while (r->next_start < r->n_jobs && r->jobs[r->order[r->next_start]].started)
		r->next_start++;
}

static int runner_loop(struct runner *r)
{
	while (r->next_report < r->n_jobs) {
		start_more(r);
		if (r->in_child)
			return 0;
		report_ready(r);
		if (r->next_report == r->n_jobs)
			break;
		wait_events(r);
		if (r->interrupted)
			return runner_interrupted(r);
		check_timeouts(r);
	}
	return 0;
}

/* ---- entry ---- */

static unsigned cpu_count(void)
{
	cpu_set_t set;
	long n;

	if (!sched_getaffinity(0, sizeof(set), &set) && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

static int runner_prepare(struct runner *r, char *const *paths, size_t n_paths)
{
	struct strbuf err = STRBUF_INIT;
	int rc = discover_scripts(&r->scripts, paths, n_paths, &err);

	if (!rc && r->o->junit && !(r->junit = fopen(r->o->junit, "we"))) {
		strbuf_printf(&err, "cannot write --junit file '%s': %s", r->o->junit,
			      strerror(errno));
		rc = -1;
	}
	if (!rc)
		rc = signals_setup(&err);
	if (rc)
		fprintf(stderr, "pktdrill: error: %s\n", strbuf_str(&err));
	strbuf_free(&err);
	if (rc)
		return EXIT_INVALID;
	plan(r);
	order_starts(r);
	r->max_running = r->o->jobs ? r->o->jobs : cpu_count();
	r->pfds = xcalloc(r->max_running + 1, sizeof(*r->pfds));
	r->pjobs = xcalloc(r->max_running + 1, sizeof(*r->pjobs));
	r->report = runner_format_ops(r->o->format);
	return 0;
}

static int runner_execute(struct runner *r)
{
	time_t t = time(NULL);
	struct tm tm;

	strftime(r->timestamp, sizeof(r->timestamp), "%Y-%m-%dT%H:%M:%S", localtime_r(&t, &tm));
	r->t0 = now();
	r->report->begin(stdout, r->n_jobs);
	report_flush();
	int status = runner_loop(r);
	if (r->in_child)
		return r->child_status;
	if (!status)
		status = runner_finish(r);
	kill_orphans();
	return status;
}

static void runner_free(struct runner *r)
{
	for (size_t i = 0; i < r->n_jobs; i++) {
		free(r->jobs[i].reason);
		strbuf_free(&r->jobs[i].out);
		if (r->jobs[i].fd >= 0)
			close(r->jobs[i].fd);
	}
	script_list_free(&r->scripts);
	for (int i = 0; i < 2; i++)
		if (sig_pipe[i] >= 0)
			close(sig_pipe[i]);
	sig_pipe[0] = sig_pipe[1] = -1;
	if (r->junit)
		fclose(r->junit);
	free(r->jobs);
	free(r->order);
	free(r->pfds);
	free(r->pjobs);
}

int runner_main(const struct runner_opts *o, char *const *paths, size_t n_paths,
		runner_script_fn *run, runner_estimate_fn *estimate, void *ctx, bool *in_child)
{
	struct runner r = {.o = o, .run = run, .estimate = estimate, .ctx = ctx, .self = getpid()};
	int status = runner_prepare(&r, paths, n_paths);

	if (!status)
		status = runner_execute(&r);
	*in_child = r.in_child;
	runner_free(&r);
	return status;
}
