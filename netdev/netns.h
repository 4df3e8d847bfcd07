/* SPDX-License-Identifier: GPL-2.0-only */
/* netns: puts the calling process into a fresh network namespace with loopback up, and tells
 * whether it runs in the host's namespace. */
#ifndef NETDEV_NETNS_H
#define NETDEV_NETNS_H

#include <stdbool.h>

#include "parser/util/strbuf.h"

/* unshare(CLONE_NEWNET), then brings "lo" up over netlink. Returns 0, or
 * -errno with a message in err. The namespace dies with the last process in it. */
int netns_enter_new(struct strbuf *err) __attribute__((warn_unused_result));

/* Is this process in the host's network namespace: that of PID 1 (the
 * container's, in a container), or kernel threads' (init_net)? True also
 * when that cannot be told, so that an unsure answer never runs a script in
 * the host's namespace. */
bool netns_is_hosts(void);

#endif
