/* SPDX-License-Identifier: GPL-2.0-only */
/* netconf: link, address and route configuration over rtnetlink (libnl-route). */
#ifndef NETDEV_NETCONF_H
#define NETDEV_NETCONF_H

#include <stdbool.h>

#include "netdev/packet/packet.h"
#include "parser/util/strbuf.h"

/* All functions return 0 or -errno with a message in err that includes the
 * kernel's extended ACK text when there is one. */

/* Sets IFF_UP on the link, and the MTU if mtu > 0. */
int netconf_link_up(int ifindex, int mtu, struct strbuf *err) __attribute__((warn_unused_result));

/* Adds addr/prefixlen to the link (IPv6 addresses with IFA_F_NODAD so they are
 * usable at once). An address that already exists is not an error. For IPv6,
 * also waits (up to 1 s) until the kernel has installed the address's local
 * route, which it does from a work queue: until then packets to the address
 * are dropped. */
int netconf_addr_add(int ifindex, const struct ip_addr *addr, int prefixlen, struct strbuf *err)
    __attribute__((warn_unused_result));

/* Replaces the route to dst/prefixlen so that it goes out of ifindex, via
 * gateway unless gateway is NULL (then the route is on-link). */
int netconf_route_replace(int ifindex, const struct ip_addr *dst, int prefixlen,
			  const struct ip_addr *gateway, struct strbuf *err)
    __attribute__((warn_unused_result));

/* Looks up the ifindex of a link by name. Returns it, or -errno. */
int netconf_ifindex(const char *name);

#endif
