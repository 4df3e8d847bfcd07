/* SPDX-License-Identifier: GPL-2.0-only */
/* affinity: keeps a run on one CPU (see affinity.h for why). */
#include "runtime/context/affinity.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <unistd.h>

static cpu_set_t before;
static bool pinned;

/* Runs started side by side without the runner (xargs -P, two terminals)
 * should not share a CPU. Each claims its CPU with an open file description
 * lock on one byte of /dev/null, an inode every process sees whatever its
 * namespaces, at an offset nothing else uses; the lock goes with the process.
 * Best effort: without it, the CPU we are on. */
#define CLAIM_BASE 0x706b7464000LL /* "pktd" */

static bool claim(int fd, int cpu)
{
	struct flock fl = {
	    .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = CLAIM_BASE + cpu, .l_len = 1};

	return fd >= 0 && fcntl(fd, F_OFD_SETLK, &fl) == 0;
}

/* The first allowed CPU from the one we are on, in turn, that no other run
 * has claimed; the one we are on if all are. */
static int unclaimed_cpu(const cpu_set_t *allowed)
{
	int here = sched_getcpu(), fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	for (int i = 0; here >= 0 && i < CPU_SETSIZE; i++) {
		int cpu = (here + i) % CPU_SETSIZE;
		if (CPU_ISSET(cpu, allowed) && claim(fd, cpu))
			return cpu; /* fd stays open: the claim lasts the run */
	}
	if (fd >= 0)
		close(fd);
	return here;
}

int affinity_pin(int cpu)
{
	cpu_set_t one;

	if (cpu == AFFINITY_NONE)
		return 0;
	if (sched_getaffinity(0, sizeof(before), &before))
		return -errno;
	if (cpu == AFFINITY_AUTO)
		cpu = unclaimed_cpu(&before);
	if (cpu < 0 || cpu >= CPU_SETSIZE)
		return -EINVAL;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one))
		return -errno;
	pinned = true;
	return 0;
}

void affinity_restore(void)
{
	if (pinned)
		(void)!sched_setaffinity(0, sizeof(before), &before);
}

int affinity_nth_allowed(unsigned n)
{
	cpu_set_t set;
	int count;

	if (sched_getaffinity(0, sizeof(set), &set) || (count = CPU_COUNT(&set)) == 0)
		return -1;
	n %= (unsigned)count;
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set) && n-- == 0)
			return cpu;
	return -1;
}
