/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_io: read, write, send and recv with script-sized zero buffers. */
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/syscalls/eval.h"
#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_handlers.h"
#include "parser/util/xalloc.h"

/* (fd, buffer, count) common to all four calls. */
static int io_args(struct sc_ctx *c, struct fd_entry **s, void **buf, int *count)
{
	bool is_null;

	if (eval_fd(c, c->sc->args[0], s) || eval_buffer(c, c->sc->args[1], &is_null) ||
	    eval_int32(c, c->sc->args[2], count))
		return -1;
	/* A negative count is passed on (the kernel rejects it) with no buffer,
	 * never a buffer smaller than the count. */
	*buf = is_null || *count < 0 ? NULL : xcalloc(1, *count ? (size_t)*count : 1);
	return 0;
}

enum io_call { IO_READ, IO_WRITE, IO_RECV, IO_SEND };

/* The four calls differ only in the system call and a trailing flags argument. */
static int io_call(struct sc_ctx *c, enum io_call call)
{
	struct fd_entry *s;
	void *buf;
	int count, flags = 0;

	if (io_args(c, &s, &buf, &count))
		return -1;
	if ((call == IO_RECV || call == IO_SEND) && eval_int32(c, c->sc->args[3], &flags)) {
		free(buf);
		return -1;
	}
	size_t n = (size_t)count;
	switch (call) {
	case IO_READ:
		SC_CALL(c, read(s->live_fd, buf, n));
		break;
	case IO_WRITE:
		SC_CALL(c, write(s->live_fd, buf, n));
		break;
	case IO_RECV:
		SC_CALL(c, recv(s->live_fd, buf, n, flags));
		break;
	case IO_SEND:
		SC_CALL(c, send(s->live_fd, buf, n, flags));
		break;
	}
	if (call == IO_WRITE || call == IO_SEND)
		sc_send_buffer_done(c, buf, flags);
	else
		free(buf);
	return 0;
}

int sc_read(struct sc_ctx *c)
{
	return io_call(c, IO_READ);
}

int sc_write(struct sc_ctx *c)
{
	return io_call(c, IO_WRITE);
}

int sc_recv(struct sc_ctx *c)
{
	return io_call(c, IO_RECV);
}

int sc_send(struct sc_ctx *c)
{
	return io_call(c, IO_SEND);
}
