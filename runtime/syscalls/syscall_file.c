/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_file: open, pipe, sendfile, splice and ioctl — fds besides the script's sockets. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <linux/sockios.h>

#include "runtime/syscalls/eval.h"
#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_fds.h"
#include "runtime/syscalls/syscall_handlers.h"

/* Below the kernel's mmap_min_addr nothing is ever mapped: a raw splice
 * offset there fails with EFAULT, as in upstream, and cannot hit our memory. */
#define UNMAPPED_LIMIT 4096

/* open("path", flags): a file fd (created files get mode 0644). */
int sc_open(struct sc_ctx *c)
{
	char *path;
	size_t len;
	int flags;

	if (eval_string(c, c->sc->args[0], &path, &len))
		return -1;
	if (eval_int32(c, c->sc->args[1], &flags)) {
		free(path);
		return -1;
	}
	SC_CALL(c, open(path, flags, 0644));
	free(path);
	return sc_adopt_result_fd(c);
}

/* pipe([rfd, wfd]): both script fds name the new ends. */
int sc_pipe(struct sc_ctx *c)
{
	const struct expr *e = c->sc->args[0];
	int want[2], fds[2];

	if (e->kind != EXPR_LIST)
		return eval_type_error(c, e, "list");
	if (e->n_items != 2) {
		strbuf_printf(&c->err, "Expected [<read fd>, <write fd>] but got %zu elements",
			      e->n_items);
		return -1;
	}
	if (eval_int32(c, e->items[0], &want[0]) || eval_int32(c, e->items[1], &want[1]))
		return -1;
	SC_CALL(c, pipe(fds));
	if (c->ret != 0)
		return 0;
	if (sc_add_fd(c, want[0], fds[0], NULL)) {
		close(fds[1]);
		return -1;
	}
	return sc_add_fd(c, want[1], fds[1], NULL);
}

/* An offset argument: "[N]" points to N, 0/NULL is a NULL pointer. */
static int offset_arg(struct sc_ctx *c, const struct expr *e, off_t *off, off_t **ptr)
{
	bool is_null;
	int v;

	if (e->kind == EXPR_LIST) {
		if (eval_int_list1(c, e, &v))
			return -1;
		*off = v;
		*ptr = off;
		return 0;
	}
	if (eval_buffer(c, e, &is_null) || !is_null) {
		strbuf_reset(&c->err);
		return eval_type_error(c, e, "list");
	}
	*ptr = NULL;
	return 0;
}

/* sendfile(out_fd, in_fd, [offset]|NULL, count) */
int sc_sendfile(struct sc_ctx *c)
{
	struct fd_entry *out, *in;
	off_t off, *ptr = NULL;
	int count;

	if (eval_fd(c, c->sc->args[0], &out) || eval_fd(c, c->sc->args[1], &in) ||
	    offset_arg(c, c->sc->args[2], &off, &ptr) || eval_int32(c, c->sc->args[3], &count))
		return -1;
	SC_CALL(c, sendfile(out->live_fd, in->live_fd, ptr, (size_t)count));
	return 0;
}

/* A splice offset: upstream passes the integer as the pointer (0 = NULL).
 * We pass only values that cannot be mapped; "[N]" (ours) points to N. */
static int splice_offset(struct sc_ctx *c, const struct expr *e, loff_t *off, loff_t **ptr)
{
	int64_t v;
	int n;

	if (e->kind == EXPR_LIST) {
		if (eval_int_list1(c, e, &n))
			return -1;
		*off = n;
		*ptr = off;
		return 0;
	}
	if (eval_int(c, e, &v))
		return -1;
	if (v < 0 || v >= UNMAPPED_LIMIT) {
		strbuf_printf(&c->err,
			      "splice offset %lld used as a pointer; write [N] for an offset",
			      (long long)v);
		return -1;
	}
	*ptr = (loff_t *)(uintptr_t)v;
	return 0;
}

/* splice(fd_in, off_in, fd_out, off_out, len, flags) */
int sc_splice(struct sc_ctx *c)
{
	struct expr *const *a = c->sc->args;
	struct fd_entry *in, *out;
	loff_t off_in, off_out, *p_in, *p_out;
	int len, flags;

	if (eval_fd(c, a[0], &in) || splice_offset(c, a[1], &off_in, &p_in) ||
	    eval_fd(c, a[2], &out) || splice_offset(c, a[3], &off_out, &p_out) ||
	    eval_int32(c, a[4], &len) || eval_int32(c, a[5], &flags))
		return -1;
	SC_CALL(c, splice(in->live_fd, p_in, out->live_fd, p_out, (size_t)len, (unsigned)flags));
	return 0;
}

/* The requests the 3-argument form may use: each reads or writes one int. */
static const unsigned long int_ioctls[] = {
    SIOCINQ,	 /* = FIONREAD: bytes readable */
    SIOCOUTQ,	 /* = TIOCOUTQ: bytes not yet acknowledged */
    SIOCOUTQNSD, /* bytes not yet sent */
    SIOCATMARK,	 /* at the urgent mark? */
    FIONBIO,	 /* set non-blocking (input) */
};

static bool int_ioctl(unsigned long req)
{
	for (size_t i = 0; i < sizeof(int_ioctls) / sizeof(int_ioctls[0]); i++)
		if (int_ioctls[i] == req)
			return true;
	return false;
}

/* ioctl(fd, req, [N]): the int the call leaves must be N. */
static int ioctl_int(struct sc_ctx *c, struct fd_entry *s, unsigned long req)
{
	int want, val;

	if (eval_int_list1(c, c->sc->args[2], &want))
		return -1;
	if (!int_ioctl(req)) {
		strbuf_printf(&c->err, "ioctl request 0x%lx does not take an int pointer", req);
		return -1;
	}
	val = req == FIONBIO ? want : 0;
	SC_CALL(c, ioctl(s->live_fd, req, &val));
	if (!sc_result_ok(c) || val == want)
		return 0;
	strbuf_printf(&c->err, "Bad ioctl optval: expected: %d actual: %d", want, val);
	return -1;
}

/* ioctl(fd, req) passes no argument (0); ioctl(fd, req, [N]) an int. */
int sc_ioctl(struct sc_ctx *c)
{
	struct fd_entry *s;
	int req;

	if (eval_fd(c, c->sc->args[0], &s) || eval_int32(c, c->sc->args[1], &req))
		return -1;
	if (c->sc->n_args == 3)
		return ioctl_int(c, s, (unsigned)req);
	SC_CALL(c, ioctl(s->live_fd, (unsigned long)(unsigned)req, 0));
	return 0;
}
