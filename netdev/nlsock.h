/* SPDX-License-Identifier: GPL-2.0-only */
/* nlsock: a libnl socket that keeps the kernel's errno and extended-ACK text (netdev-internal). */
#ifndef NETDEV_NLSOCK_H
#define NETDEV_NLSOCK_H

#include <netlink/netlink.h>

#include "parser/util/strbuf.h"

struct nlsock {
	struct nl_sock *sk;
	int error;	   /* errno of the last NLMSG_ERROR the kernel sent, 0 if none */
	int nlerr;	   /* last negative libnl error code seen by nlsock_result() */
	char ext_ack[256]; /* the kernel's extended-ACK message for it, "" if none */
};

/* Opens and connects a netlink socket of the given protocol (NETLINK_ROUTE,
 * NETLINK_SOCK_DIAG) in the caller's current network namespace, with extended
 * ACKs enabled. Returns 0 or -errno; ns->sk is NULL on failure. Close with
 * nlsock_close() in both cases. */
int nlsock_open(struct nlsock *ns, int protocol) __attribute__((warn_unused_result));

void nlsock_close(struct nlsock *ns);

/* Turns the return value of a libnl call made on ns into 0 (for values >= 0)
 * or -errno, preferring the errno the kernel reported. */
int nlsock_result(struct nlsock *ns, int nl_ret);

/* Appends why the failed call (rc from nlsock_result or nlsock_open) failed:
 * "strerror (extended-ACK text)", or libnl's own text when the kernel said
 * nothing. */
void nlsock_explain(const struct nlsock *ns, int rc, struct strbuf *err);

#endif
