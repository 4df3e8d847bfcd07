/* netns: puts the calling process into a fresh network namespace with loopback up. */
#ifndef NETDEV_NETNS_H
#define NETDEV_NETNS_H

#include "util/strbuf.h"

/* unshare(CLONE_NEWNET), then brings "lo" up over netlink. Returns 0, or
 * -errno with a message in err. The namespace dies with the last process in it. */
int netns_enter_new(struct strbuf *err) __attribute__((warn_unused_result));

#endif
