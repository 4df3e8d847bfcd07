/* SPDX-License-Identifier: GPL-2.0-only */
/* stall: how long a run's threads and its CPU's softirq thread waited for a CPU. */
#include "runtime/context/stall.h"

#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/context/procfs.h"

static bool comm_is(pid_t pid, const char *want)
{
	char path[64], comm[32];

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	return procfs_read(path, comm, sizeof(comm)) > 0 && !strcmp(comm, want);
}

/* ksoftirqd/N of cpu: a child of kthreadd (pid 2), started early, so among the
 * first of its children. -1 if none (in a PID namespace, say). */
static pid_t ksoftirqd_of(int cpu)
{
	char want[32];
	FILE *f = fopen("/proc/2/task/2/children", "re");
	long pid;
	pid_t found = -1;

	snprintf(want, sizeof(want), "ksoftirqd/%d\n", cpu);
	for (int n = 0; f && found < 0 && n < 4096 && fscanf(f, "%ld", &pid) == 1; n++)
		if (comm_is((pid_t)pid, want))
			found = (pid_t)pid;
	if (f)
		fclose(f);
	return found;
}

static int open_schedstat(pid_t pid, pid_t tid)
{
	char path[64];

	if (tid > 0)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/schedstat", (int)pid, (int)tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)pid);
	return open(path, O_RDONLY | O_CLOEXEC);
}

void stall_meter_open(struct stall_meter *m)
{
	int cpu = sched_getcpu();
	pid_t soft = cpu >= 0 ? ksoftirqd_of(cpu) : -1;

	for (int i = 0; i < STALL_SOURCES; i++)
		m->fd[i] = -1;
	m->fd[0] = open_schedstat(getpid(), (pid_t)syscall(SYS_gettid));
	m->fd[2] = soft > 0 ? open_schedstat(soft, 0) : -1;
}

void stall_meter_add_thread(struct stall_meter *m, pid_t tid)
{
	if (m->fd[1] < 0)
		m->fd[1] = open_schedstat(getpid(), tid);
}

void stall_meter_close(struct stall_meter *m)
{
	for (int i = 0; i < STALL_SOURCES; i++) {
		if (m->fd[i] >= 0)
			close(m->fd[i]);
		m->fd[i] = -1;
	}
}

/* schedstat: "<ns on the CPU> <ns waiting on a runqueue> <timeslices>". */
static int64_t run_delay_usecs(int fd)
{
	char buf[96];
	ssize_t n = fd >= 0 ? pread(fd, buf, sizeof(buf) - 1, 0) : -1;

	if (n <= 0)
		return 0;
	buf[n] = 0;
	char *p = strchr(buf, ' ');
	return p ? strtoll(p + 1, NULL, 10) / 1000 : 0;
}

void stall_sample_take(const struct stall_meter *m, struct stall_sample *s)
{
	for (int i = 0; i < STALL_SOURCES; i++)
		s->wait[i] = run_delay_usecs(m->fd[i]);
}

int64_t stall_since(const struct stall_meter *m, const struct stall_sample *since)
{
	struct stall_sample now;
	int64_t most = 0;

	stall_sample_take(m, &now);
	for (int i = 0; i < STALL_SOURCES; i++)
		if (now.wait[i] - since->wait[i] > most)
			most = now.wait[i] - since->wait[i];
	return most;
}
