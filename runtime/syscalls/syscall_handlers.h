/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_handlers: the handler of each supported system call (listed in syscall_table.c). */
#ifndef SYSCALLS_SYSCALL_HANDLERS_H
#define SYSCALLS_SYSCALL_HANDLERS_H

#include "runtime/syscalls/syscall.h"

syscall_fn sc_socket, sc_bind, sc_listen, sc_accept, sc_connect, sc_shutdown, sc_close;
syscall_fn sc_read, sc_write, sc_recv, sc_send;
syscall_fn sc_readv, sc_writev;
syscall_fn sc_sendto, sc_recvfrom, sc_sendmsg, sc_recvmsg;
syscall_fn sc_setsockopt, sc_getsockopt, sc_fcntl;
syscall_fn sc_poll, sc_epoll_create, sc_epoll_ctl, sc_epoll_wait;
syscall_fn sc_open, sc_pipe, sc_sendfile, sc_splice, sc_ioctl;
syscall_fn sc_cap_set;
syscall_fn sc_tcp_state;

/* After bind, connect or a send: record a datagram socket's live tuple. */
void sc_dgram_learn(struct sc_ctx *c, struct fd_entry *s);

#endif
