/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall: running one system-call event — argument evaluation, the call, the result check. */
#ifndef SYSCALLS_SYSCALL_H
#define SYSCALLS_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "parser/script.h"
#include "runtime/context/run_state.h"
#include "parser/util/strbuf.h"

struct sc_ctx {
	struct run *run;
	const struct event *ev;
	const struct syscall_spec *sc;
	struct strbuf err; /* the message after "runtime error in X call: " */
	int64_t expected;  /* the literal result the script expects */
	bool on_worker;	   /* running on the blocking-call thread */
	long ret;	   /* live result of the call */
	int err_no;	   /* live errno after the call */
};

typedef int syscall_fn(struct sc_ctx *c);

/* One system call the interpreter knows. handler() evaluates the arguments, makes
 * the call through SC_CALL() and records it; it returns 0 when the call was
 * made (c->ret, c->err_no set), -1 with c->err set otherwise. */
struct syscall_desc {
	const char *name;
	int min_args, max_args;
	bool returns_fd;      /* any non-negative result passes when the script expects one */
	syscall_fn *handler;  /* NULL: known to packetdrill, not supported yet */
	bool symbolic_result; /* "= NAME" is a symbol (tcp_state), not only a literal */
	/* For the language reference (docs/pktdrill-script.5, generated from
	 * here): the arguments as a script writes them, <name> for a value the
	 * script chooses, [, ...] around optional ones; and what the call does. */
	const char *args;
	const char *doc;
};

const struct syscall_desc *syscall_find(const char *name);
/* The number of entries in the system-call table. */
size_t syscall_count(void);
/* Entry i (i < syscall_count()), in table (strcmp) order; never NULL. */
const struct syscall_desc *syscall_at(size_t i);

/* Runs the syscall event. Errors are reported with run_error(). Returns 0 or -1. */
int syscall_exec(struct run *r, const struct event *ev, bool on_worker);

/* Around the real call: on the worker thread the run lock is released while
 * the call blocks. */
void sc_enter(struct sc_ctx *c);
long sc_leave(struct sc_ctx *c, long ret, int err_no);
#define SC_CALL(c, call)                                                                           \
	({                                                                                         \
		sc_enter(c);                                                                       \
		errno = 0;                                                                         \
		long sc_r_ = (long)(call);                                                         \
		sc_leave(c, sc_r_, errno);                                                         \
	})

/* ---- argument evaluation (syscalls/eval.c); each returns 0 or -1 with c->err set ---- */
int eval_int(struct sc_ctx *c, const struct expr *e, int64_t *out);
/* An integer that must fit in 32 bits (INT_MIN..UINT_MAX). */
int eval_int32(struct sc_ctx *c, const struct expr *e, int *out);
/* "[N]" → N. */
int eval_int_list1(struct sc_ctx *c, const struct expr *e, int *out);
/* A script fd of an open object. */
int eval_fd(struct sc_ctx *c, const struct expr *e, struct fd_entry **out);
/* Must be "...". */
int eval_ellipsis(struct sc_ctx *c, const struct expr *e);
/* "..." (a buffer: *is_null false) or 0/NULL (*is_null true). */
int eval_buffer(struct sc_ctx *c, const struct expr *e, bool *is_null);
/* A string with escapes decoded (malloc'd, NUL-terminated, *len without the NUL). */
int eval_string(struct sc_ctx *c, const struct expr *e, char **out, size_t *len);
int eval_type_error(struct sc_ctx *c, const struct expr *e, const char *expected);

/* sockaddr for the script's local (bind) or remote (connect) side, in the
 * socket's family. Returns the length. */
socklen_t sc_sockaddr(const struct run *r, int domain, bool remote, struct sockaddr_storage *ss);

#endif
