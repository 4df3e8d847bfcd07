/* SPDX-License-Identifier: GPL-2.0-only */
/* netns: puts the calling process into a fresh network namespace with loopback up. */
#include "netdev/netns.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "netdev/netconf.h"

/* The kernel registers loopback first in every namespace, so it is always 1. */
#define LOOPBACK_IFINDEX 1

int netns_enter_new(struct strbuf *err)
{
	if (unshare(CLONE_NEWNET) < 0) {
		int e = errno;

		strbuf_printf(err, "unshare(CLONE_NEWNET): %s", strerror(e));
		return -e;
	}
	return netconf_link_up(LOOPBACK_IFINDEX, 0, err);
}

/* init_net's fixed inode number (PROC_NET_INIT_INO, Linux 6.18 and later). */
#define INIT_NET_INO 0xEFFFFFF9U

static bool ns_ino(const char *path, ino_t *ino)
{
	struct stat st;

	if (stat(path, &st))
		return false;
	*ino = st.st_ino;
	return true;
}

/* PID 2 is kthreadd, a kernel thread in init_net, unless we are in a PID
 * namespace (then PID 1 is the container's init, which we compare with). */
static bool is_kthreadd(void)
{
	char comm[32] = "";
	FILE *f = fopen("/proc/2/comm", "re");

	if (f) {
		if (!fgets(comm, sizeof(comm), f))
			comm[0] = 0;
		fclose(f);
	}
	return !strcmp(comm, "kthreadd\n");
}

bool netns_is_hosts(void)
{
	ino_t self, other;
	bool known = false;

	if (!ns_ino("/proc/self/ns/net", &self))
		return true;
	if (self == INIT_NET_INO)
		return true;
	if (ns_ino("/proc/1/ns/net", &other)) {
		if (other == self)
			return true;
		known = true;
	}
	if (is_kthreadd() && ns_ino("/proc/2/ns/net", &other)) {
		if (other == self)
			return true;
		known = true;
	}
	return !known;
}
