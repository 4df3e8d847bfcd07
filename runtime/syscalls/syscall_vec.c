/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_vec: readv and writev with script-sized zero buffers. */
#include <errno.h>
#include <sys/uio.h>

#include "runtime/syscalls/eval.h"
#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_handlers.h"

/* (fd, [{..., LEN}, ...], iovcnt): iovcnt must be the list's length. */
static int vec_args(struct sc_ctx *c, struct fd_entry **s, struct iovec **iov, size_t *n)
{
	int count;

	if (eval_fd(c, c->sc->args[0], s) || eval_iovecs(c, c->sc->args[1], iov, n))
		return -1;
	if (eval_int32(c, c->sc->args[2], &count) || eval_iov_count(c, "iov_count", count, *n)) {
		eval_iovecs_free(c, *iov, *n, false, 0);
		return -1;
	}
	return 0;
}

int sc_readv(struct sc_ctx *c)
{
	struct fd_entry *s;
	struct iovec *iov;
	size_t n;

	if (vec_args(c, &s, &iov, &n))
		return -1;
	SC_CALL(c, readv(s->live_fd, iov, (int)n));
	eval_iovecs_free(c, iov, n, false, 0);
	return 0;
}

int sc_writev(struct sc_ctx *c)
{
	struct fd_entry *s;
	struct iovec *iov;
	size_t n;

	if (vec_args(c, &s, &iov, &n))
		return -1;
	SC_CALL(c, writev(s->live_fd, iov, (int)n));
	eval_iovecs_free(c, iov, n, true, 0);
	return 0;
}
