/* affinity: keeps a run on one CPU (see affinity.h for why). */
#include "runtime/context/affinity.h"

#include <errno.h>
#include <sched.h>
#include <stdbool.h>

static cpu_set_t before;
static bool pinned;

int affinity_pin(int cpu)
{
	cpu_set_t one;

	if (cpu == AFFINITY_NONE)
		return 0;
	if (cpu == AFFINITY_AUTO)
		cpu = sched_getcpu();
	if (cpu < 0 || cpu >= CPU_SETSIZE)
		return -EINVAL;
	if (sched_getaffinity(0, sizeof(before), &before))
		return -errno;
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
