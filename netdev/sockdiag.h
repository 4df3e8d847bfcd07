/* SPDX-License-Identifier: GPL-2.0-only */
/* sockdiag: looks up TCP sockets in the kernel's socket table (NETLINK_SOCK_DIAG). */
#ifndef NETDEV_SOCKDIAG_H
#define NETDEV_SOCKDIAG_H

#include <stdint.h>

#include "netdev/packet/packet.h"
#include "parser/util/strbuf.h"

/* States are the kernel's numbers, as in <netinet/tcp.h>: TCP_ESTABLISHED (1)
 * ... TCP_CLOSING (11). Request sockets (the kernel's TCP_NEW_SYN_RECV) are
 * reported as TCP_SYN_RECV; time-wait sockets as TCP_TIME_WAIT (or
 * TCP_FIN_WAIT2 while the kernel's timewait sub-state says so). */

/* Finds the TCP socket with exactly this 4-tuple (ports in host order) in the
 * caller's network namespace, in any state, and sets *state to its state, or
 * to TCP_CLOSE if there is none. IPv4 and v4-mapped IPv6 addresses are treated
 * as equal, so dual-stack sockets are found from either form. family must be
 * the family of both addresses. If several sockets match (a TIME_WAIT one and
 * a newer one), the one that is not in TIME_WAIT wins. Returns 0, or -errno
 * with a message in err. */
int sockdiag_tcp_state(int family, const struct ip_addr *local, uint16_t lport,
		       const struct ip_addr *remote, uint16_t rport, int *state, struct strbuf *err)
    __attribute__((warn_unused_result));

/* Sets *state to TCP_LISTEN if a TCP socket listens on local port lport, else
 * TCP_CLOSE. family AF_INET also finds IPv6 listeners (they may be dual-stack),
 * AF_INET6 only IPv6 ones, AF_UNSPEC any. Returns 0, or -errno with a message
 * in err. */
int sockdiag_tcp_listener(int family, uint16_t lport, int *state, struct strbuf *err)
    __attribute__((warn_unused_result));

#endif
