/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp_state: the kernel's view of the script's connections (sock_diag), for the tcp_state()
 * check and --trace-states. */
#ifndef RUNTIME_TCP_STATE_H
#define RUNTIME_TCP_STATE_H

#include "runtime/context/run_state.h"

/* The kernel's TCP state (TCP_ESTABLISHED=1 ... TCP_CLOSING=11) of socket s:
 * by its 4-tuple when it has one (so a closed fd, a request socket in SYN-RECV
 * or a TIME-WAIT socket is still found), as a listener on the bind port when it
 * listens, else TCP_CLOSE. Returns 0, or -1 with a message in err. */
int tcp_state_of(const struct run *r, const struct conn *s, int *state, struct strbuf *err);

/* The state the last look found for the socket under test (CLOSED before any). */
int tcp_state_last(const struct run *r);

/* Short name without the TCP_ prefix ("FIN_WAIT1"), "CLOSED" for TCP_CLOSE. */
const char *tcp_state_short_name(int state);

/* After each event: notes a change of the state of the socket under test for
 * --state-graph and the recorder and, with --trace-states, prints
 * "path:line: OLD -> NEW". */
void tcp_state_trace(struct run *r, const struct event *ev);

#endif
