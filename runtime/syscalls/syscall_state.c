/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_state: the tcp_state() check — the kernel's TCP state of a script socket, by name. */
#include <errno.h>
#include <netinet/tcp.h>

#include "runtime/context/tcp_state.h"
#include "runtime/syscalls/symbols.h"
#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_handlers.h"

/* tcp_state(fd) = TCP_X checks the socket behind a script fd; tcp_state(...)
 * the socket under test (the script's connection, found by its 4-tuple even
 * after close(), in SYN-RECV or in TIME-WAIT). */
int sc_tcp_state(struct sc_ctx *c)
{
	const struct expr *arg = c->sc->args[0];
	const struct conn *s = c->run->fds.tested;
	struct fd_entry *e;
	int state = TCP_CLOSE; /* another kind of fd has no TCP state */

	if (arg->kind != EXPR_ELLIPSIS) {
		if (eval_fd(c, arg, &e))
			return -1;
		s = e->conn;
	} else if (!s) {
		strbuf_printf(&c->err, "no socket to check: the script has none yet");
		return -1;
	}
	if (s && tcp_state_of(c->run, s, &state, &c->err))
		return -1;
	if (state != c->expected) {
		strbuf_printf(&c->err, "expected state %s but the connection is in %s",
			      symbols_tcp_state_name((int)c->expected),
			      symbols_tcp_state_name(state));
		return -1;
	}
	c->ret = (long)c->expected; /* the result check after us then passes */
	c->err_no = 0;
	return 0;
}
