/* SPDX-License-Identifier: GPL-2.0-only */
/* measure: runs a command and prints "exit wall_us cpu_us maxrss_kib tail_us"
 * of it. A small C parent, so the child's peak RSS before exec is this
 * program's few pages, not a copy of a Python interpreter.
 *
 * wall_us ends when the command exits (what a shell or a runner waits for);
 * tail_us when the last process it left behind has also ended: measure is a
 * subreaper, so those orphans come to it and their CPU time is in cpu_us too.
 * maxrss_kib is the command's own peak. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static long long cpu_us(const struct rusage *ru)
{
	return ru->ru_utime.tv_sec * 1000000LL + ru->ru_utime.tv_usec +
	       ru->ru_stime.tv_sec * 1000000LL + ru->ru_stime.tv_usec;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: measure COMMAND [ARG]...\n");
		return 2;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	long long t0 = now_us();
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	int status;
	struct rusage ru;
	wait4(pid, &status, 0, &ru);
	long long wall = now_us() - t0, cpu = cpu_us(&ru);
	long maxrss = ru.ru_maxrss;

	/* Whatever the command left running, until it is gone. */
	struct rusage orphan;
	pid_t p;
	while ((p = wait4(-1, NULL, 0, &orphan)) > 0 || errno == EINTR)
		if (p > 0)
			cpu += cpu_us(&orphan);
	long long tail = now_us() - t0;
	printf("%d %lld %lld %ld %lld\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), wall, cpu, maxrss,
	       tail);
	return 0;
}
