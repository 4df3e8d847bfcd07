/* SPDX-License-Identifier: GPL-2.0-only */
/* command: runs the script's shell commands with /bin/sh inside the run's namespace (spec §7.1). */
#include "runtime/context/command.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/context/affinity.h"
#include "runtime/context/procfs.h"

extern char **environ;

/* Module state rather than the run's: code.c runs commands without it. */
static int cancel_fd = -1;
static pid_t keeper = -1;  /* our child, pid 1 of the commands' pid namespace */
static int keeper_fd = -1; /* that namespace, for setns() in each command's shell */
static bool no_pidfd;	   /* pidfd_open() is missing (old kernel, valgrind) */

/* A pidfd, or -1 (then waits cannot also watch the cancel fd). */
static int pidfd_of(pid_t pid)
{
	int fd = no_pidfd ? -1 : (int)syscall(SYS_pidfd_open, pid, 0);

	no_pidfd |= fd < 0 && errno == ENOSYS;
	return fd;
}

/* Our parent's pid as /proc (the host's view) says; 0 if unknown. */
static pid_t proc_ppid(void)
{
	char buf[512];
	const char *f =
	    procfs_read("/proc/self/stat", buf, sizeof(buf)) > 0 ? procfs_stat_fields(buf) : NULL;

	return f && f[1] == ' ' ? (pid_t)strtol(f + 2, NULL, 10) : 0;
}

/* pid 1 of the commands' namespace. It only waits to die with us
 * (PR_SET_PDEATHSIG); when it dies the kernel kills every process left in
 * the namespace, however detached (setsid, double fork) — which neither
 * PR_SET_PDEATHSIG nor a process group kill can do for grandchildren. */
static int keeper_main(void *arg)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* Orphaned already? getppid() is 0 in here: ask /proc. */
	if (proc_ppid() != *(pid_t *)arg)
		_exit(0);
	close_range(0, ~0U, 0);
	signal(SIGCHLD, SIG_IGN); /* the kernel reaps the orphans we adopt */
	signal(SIGINT, SIG_DFL);  /* not the run's handlers: as pid 1 we ignore them */
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	for (;;)
		pause();
}

/* Best effort: without a keeper (no CAP_SYS_ADMIN, an old kernel) commands
 * run as before, and only their shell dies with us. */
static void keeper_start(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	pid_t self = getpid();
	char ns[64];

	keeper = clone(keeper_main, stack + sizeof(stack), CLONE_NEWPID | SIGCHLD, &self);
	if (keeper <= 0) {
		keeper = -1;
		return;
	}
	snprintf(ns, sizeof(ns), "/proc/%d/ns/pid", (int)keeper);
	keeper_fd = open(ns, O_RDONLY | O_CLOEXEC);
	if (keeper_fd < 0) {
		command_stop_all();
		return;
	}
	/* The shells' orphans come to us, not to init (see command_stop_all()). */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
}

void command_stop_all(void)
{
	pid_t pid;

	/* The keeper's end kills the namespace and waits for its processes to
	 * be reaped: what a shell left were its children, so they are ours now
	 * (or init's, which may take a second). Its own reaping says all are gone. */
	if (keeper > 0) {
		kill(keeper, SIGKILL);
		while ((pid = waitpid(-1, NULL, 0)) != keeper && (pid > 0 || errno == EINTR))
			;
	}
	if (keeper_fd >= 0)
		close(keeper_fd);
	keeper = keeper_fd = -1;
}

void command_set_cancel_fd(int fd)
{
	cancel_fd = fd;
}

/* The forked child (only async-signal-safe calls: the parent has threads).
 * The shell stays in our pid namespace, so its $PPID is us; what it starts
 * goes into the keeper's. */
static void shell_exec(const char *text, pid_t parent)
{
	char *argv[] = {"sh", "-c", (char *)text, NULL};

	/* Die with us (even by SIGKILL); SIGPIPE back to its default. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	signal(SIGPIPE, SIG_DFL);
	affinity_restore();
	if (keeper_fd >= 0)
		(void)!setns(keeper_fd, CLONE_NEWPID);
	execve("/bin/sh", argv, environ);
	_exit(127);
}

/* Sleeps until the shell ends or the cancel fd fires; true if it fired first. */
static bool cancelled_first(pid_t child)
{
	int fd = cancel_fd >= 0 ? pidfd_of(child) : -1;
	struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = cancel_fd, .events = POLLIN}};
	int n;

	if (fd < 0)
		return false;
	while ((n = poll(p, 2, -1)) < 0 && errno == EINTR)
		;
	close(fd);
	return n > 0 && !p[0].revents && p[1].revents;
}

static bool cancel_fd_ready(void)
{
	struct pollfd p = {.fd = cancel_fd, .events = POLLIN};

	return cancel_fd >= 0 && poll(&p, 1, 0) > 0;
}

static int command_wait(pid_t child, struct strbuf *err)
{
	bool cancelled = cancelled_first(child);
	int status;

	if (cancelled)
		kill(child, SIGKILL);
	while (waitpid(child, &status, 0) < 0) {
		if (errno != EINTR) {
			strbuf_printf(err, "waitpid: %s", strerror(errno));
			return -1;
		}
		/* Without a pidfd, the deadline's repeated SIGALRM gets us here. */
		if (!cancelled && cancel_fd_ready()) {
			kill(child, SIGKILL);
			cancelled = true;
		}
	}
	if (cancelled)
		strbuf_printf(err, COMMAND_CANCELLED);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	else if (WIFSIGNALED(status))
		strbuf_printf(err, "killed by signal %d", WTERMSIG(status));
	else
		strbuf_printf(err, "non-zero status %d", WEXITSTATUS(status));
	return -1;
}

int command_exec(const char *text, struct strbuf *err)
{
	char pid[32];
	pid_t self = getpid();

	/* set_sysctls.py and the restore files key on the interpreter's pid. */
	snprintf(pid, sizeof(pid), "%d", (int)self);
	setenv("PACKETDRILL_PID", pid, 1);
	if (keeper < 0)
		keeper_start();
	pid_t child = fork();
	if (child < 0) {
		strbuf_printf(err, "cannot run /bin/sh: %s", strerror(errno));
		return -1;
	}
	if (child == 0)
		shell_exec(text, self);
	return command_wait(child, err);
}
