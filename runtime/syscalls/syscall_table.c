/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_table: every system call name a script may use, with its arity and handler. */
#include <stdlib.h>
#include <string.h>

#include "runtime/syscalls/syscall_handlers.h"

/* Names packetdrill knows; a NULL handler is not supported (PSP needs wire mode). */
static const struct syscall_desc syscalls[] = {
    {"accept", 3, 3, true, sc_accept, false},
    {"bind", 3, 3, false, sc_bind, false},
    {"cap_set", 3, 3, true, sc_cap_set, false},
    {"close", 1, 1, false, sc_close, false},
    {"connect", 3, 3, false, sc_connect, false},
    {"epoll_create", 1, 1, true, sc_epoll_create, false},
    {"epoll_ctl", 4, 4, false, sc_epoll_ctl, false},
    {"epoll_wait", 4, 4, false, sc_epoll_wait, false},
    {"fcntl", 2, 3, false, sc_fcntl, false},
    {"getsockopt", 5, 5, false, sc_getsockopt, false},
    {"ioctl", 2, 3, false, sc_ioctl, false},
    {"listen", 2, 2, false, sc_listen, false},
    {"open", 2, 2, true, sc_open, false},
    {"pipe", 1, 1, false, sc_pipe, false},
    {"poll", 3, 3, false, sc_poll, false},
    {"psp_rx_assoc", 0, 8, false, NULL, false},
    {"psp_tx_assoc", 0, 8, false, NULL, false},
    {"read", 3, 3, false, sc_read, false},
    {"readv", 3, 3, false, sc_readv, false},
    {"recv", 4, 4, false, sc_recv, false},
    {"recvfrom", 6, 6, false, sc_recvfrom, false},
    {"recvmsg", 3, 3, false, sc_recvmsg, false},
    {"send", 4, 4, false, sc_send, false},
    {"sendfile", 4, 4, false, sc_sendfile, false},
    {"sendmsg", 3, 3, false, sc_sendmsg, false},
    {"sendto", 6, 6, false, sc_sendto, false},
    {"setsockopt", 5, 5, false, sc_setsockopt, false},
    {"shutdown", 2, 2, false, sc_shutdown, false},
    {"socket", 3, 3, true, sc_socket, false},
    {"splice", 6, 6, false, sc_splice, false},
    /* pktdrill's extension: the kernel's TCP state of a socket (sock_diag) */
    {"tcp_state", 1, 1, false, sc_tcp_state, true},
    {"write", 3, 3, false, sc_write, false},
    {"writev", 3, 3, false, sc_writev, false},
};

static int desc_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct syscall_desc *)elem)->name);
}

size_t syscall_count(void)
{
	return sizeof(syscalls) / sizeof(syscalls[0]);
}

const struct syscall_desc *syscall_at(size_t i)
{
	return &syscalls[i < syscall_count() ? i : 0];
}

const struct syscall_desc *syscall_find(const char *name)
{
	return bsearch(name, syscalls, sizeof(syscalls) / sizeof(syscalls[0]), sizeof(syscalls[0]),
		       desc_cmp);
}
