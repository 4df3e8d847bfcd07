/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_cmsg: sendmsg/recvmsg control messages — built from the script, checked (spec §6.6). */
#ifndef SYSCALLS_SYSCALL_CMSG_H
#define SYSCALLS_SYSCALL_CMSG_H

#include <stddef.h>
#include <sys/socket.h>

#include "runtime/syscalls/syscall.h"

/* Makes the control buffer for a msg_control list of cmsg structs. send:
 * filled with the script's cmsgs (sendmsg); otherwise zeroed, exactly the
 * size the expected cmsgs take (recvmsg; OPT_STATS lists get room for all of
 * the kernel's attributes). *buf is malloc'd (NULL when *len is 0); the
 * caller frees it. Returns 0, or -1 with c->err set. */
int cmsg_build(struct sc_ctx *c, const struct expr *list, bool send, void **buf, size_t *len);

/* Compares the cmsgs recvmsg returned in m with the script's list, pairwise:
 * level, type, len, then the data. Returns 0, or -1 with c->err set. */
int cmsg_check(struct sc_ctx *c, const struct expr *list, const struct msghdr *m);

#endif
