/* SPDX-License-Identifier: GPL-2.0-only */
/* eval: argument helpers the syscall_* families share beyond syscall.h's scalars (§6.2-6.6). */
#ifndef SYSCALLS_EVAL_H
#define SYSCALLS_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/uio.h>

#include "runtime/syscalls/syscall.h"

/* True if the call returned what the script expects (result, and errno when
 * one is named). Handlers check what came back through the arguments
 * (msg_flags, cmsgs, revents...) only then, so that a wrong result is
 * reported first, as upstream does. */
bool sc_result_ok(const struct sc_ctx *c);

/* An unsigned 32-bit value (event masks): the INT_MIN..UINT_MAX range of
 * eval_int32(), taken as its bit pattern. */
int eval_u32(struct sc_ctx *c, const struct expr *e, uint32_t *out);

/* A "[{..., LEN}, ...]" list: *iov gets one zero-filled buffer per element
 * (never NULL, even for LEN 0). *iov is malloc'd, also when *n is 0; release
 * it with eval_iovecs_free(). On error nothing is left allocated. */
int eval_iovecs(struct sc_ctx *c, const struct expr *e, struct iovec **iov, size_t *n);

/* Checks a script's count against the list it wrote ("%s %d does not match
 * %d-element iovec array", what = "iov_count" or "msg_iovlen"). */
int eval_iov_count(struct sc_ctx *c, const char *what, int count, size_t n);

/* Frees what eval_iovecs() made. sent: the buffers went to a send call with
 * these flags, and are kept as sc_send_buffer_done() says. */
void eval_iovecs_free(struct sc_ctx *c, struct iovec *iov, size_t n, bool sent, int flags);

/* Frees a buffer given to a send call with these flags, or keeps it alive
 * until the process ends: always after MSG_ZEROCOPY (the kernel reads the
 * user's pages when it transmits, after the call returned), and every send
 * buffer with --send_omit_free. */
void sc_send_buffer_done(struct sc_ctx *c, void *buf, int flags);

#endif
