/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp_states: the kernel's TCP states, each with its number and every name pktdrill gives it. */
#ifndef NETDEV_TCP_STATES_H
#define NETDEV_TCP_STATES_H

#include <netinet/tcp.h>

/*
 * X(name, number, trace, rfc), one row per state of a kernel TCP socket, in
 * the kernel's order:
 * - name: the kernel's name without its TCP_ prefix. "TCP_" #name is how
 *   scripts write the state (tcp_state(fd) = TCP_CLOSE_WAIT, %{ }% code) and
 *   TCP_##name is <netinet/tcp.h>'s constant for it;
 * - number: the kernel's number (tcpi_state, sock_diag's idiag_state);
 * - trace: the short name --trace-states, -v and --step print;
 * - rfc: RFC 9293's name, which the --state-graph DOT graph prints.
 * Tables indexed by state use designated indices: [TCP_##name] = trace.
 */
/* clang-format off: one X() a line, which it would join */
#define TCP_STATE_LIST(X)                                                                          \
	X(ESTABLISHED, 1, "ESTABLISHED", "ESTABLISHED")                                            \
	X(SYN_SENT, 2, "SYN_SENT", "SYN-SENT")                                                     \
	X(SYN_RECV, 3, "SYN_RECV", "SYN-RCVD")                                                     \
	X(FIN_WAIT1, 4, "FIN_WAIT1", "FIN-WAIT-1")                                                 \
	X(FIN_WAIT2, 5, "FIN_WAIT2", "FIN-WAIT-2")                                                 \
	X(TIME_WAIT, 6, "TIME_WAIT", "TIME-WAIT")                                                  \
	X(CLOSE, 7, "CLOSED", "CLOSED")                                                            \
	X(CLOSE_WAIT, 8, "CLOSE_WAIT", "CLOSE-WAIT")                                               \
	X(LAST_ACK, 9, "LAST_ACK", "LAST-ACK")                                                     \
	X(LISTEN, 10, "LISTEN", "LISTEN")                                                          \
	X(CLOSING, 11, "CLOSING", "CLOSING")
/* clang-format on */

/* The states are numbered 1..TCP_STATE_COUNT without gaps (checked below). */
#define TCP_STATE_ONE(name, number, trace, rfc) +1
enum { TCP_STATE_COUNT = 0 TCP_STATE_LIST(TCP_STATE_ONE) };
#undef TCP_STATE_ONE

/* The kernel's request sockets (a connection in SYN-RECV that has no socket of
 * its own yet) have a state past TCP_CLOSING that the UAPI does not list
 * (include/net/tcp_states.h; <linux/bpf.h> has it as BPF_TCP_NEW_SYN_RECV).
 * sock_diag reports them with it; pktdrill shows them as TCP_SYN_RECV, so the
 * state has a script name only, for symbols_tcp_state_name(). */
#define TCP_STATE_NEW_SYN_RECV 12
#define TCP_STATE_NEW_SYN_RECV_NAME "TCP_NEW_SYN_RECV"

/* Each row's number is <netinet/tcp.h>'s, and the numbers run 1..TCP_STATE_COUNT. */
#define TCP_STATE_CHECK(name, number, trace, rfc)                                                  \
	_Static_assert(TCP_##name == (number) && (number) >= 1 && (number) <= TCP_STATE_COUNT,     \
		       "TCP_" #name ": not the kernel's number");
TCP_STATE_LIST(TCP_STATE_CHECK)
#undef TCP_STATE_CHECK
_Static_assert(TCP_STATE_NEW_SYN_RECV == TCP_STATE_COUNT + 1,
	       "TCP_NEW_SYN_RECV follows TCP_CLOSING");

#endif
