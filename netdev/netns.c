/* netns: puts the calling process into a fresh network namespace with loopback up. */
#include "netdev/netns.h"

#include <errno.h>
#include <sched.h>
#include <string.h>

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
