/* syscall_table: every system call name a script may use, with its arity and handler. */
#include <stdlib.h>
#include <string.h>

#include "runtime/syscall_handlers.h"

/* Names packetdrill knows; a NULL handler is not supported yet (issue #4). */
static const struct syscall_desc syscalls[] = {
	{ "accept", 3, 3, true, sc_accept },
	{ "bind", 3, 3, false, sc_bind },
	{ "cap_set", 3, 3, false, NULL },
	{ "close", 1, 1, false, sc_close },
	{ "connect", 3, 3, false, sc_connect },
	{ "epoll_create", 1, 1, true, NULL },
	{ "epoll_ctl", 4, 4, false, NULL },
	{ "epoll_wait", 4, 4, false, NULL },
	{ "fcntl", 2, 3, false, sc_fcntl },
	{ "getsockopt", 5, 5, false, sc_getsockopt },
	{ "ioctl", 2, 3, false, NULL },
	{ "listen", 2, 2, false, sc_listen },
	{ "open", 2, 2, true, NULL },
	{ "pipe", 1, 1, false, NULL },
	{ "poll", 3, 3, false, NULL },
	{ "psp_rx_assoc", 0, 8, false, NULL },
	{ "psp_tx_assoc", 0, 8, false, NULL },
	{ "read", 3, 3, false, sc_read },
	{ "readv", 3, 3, false, NULL },
	{ "recv", 4, 4, false, sc_recv },
	{ "recvfrom", 6, 6, false, NULL },
	{ "recvmsg", 3, 3, false, NULL },
	{ "send", 4, 4, false, sc_send },
	{ "sendfile", 4, 4, false, NULL },
	{ "sendmsg", 3, 3, false, NULL },
	{ "sendto", 6, 6, false, NULL },
	{ "setsockopt", 5, 5, false, sc_setsockopt },
	{ "shutdown", 2, 2, false, sc_shutdown },
	{ "socket", 3, 3, true, sc_socket },
	{ "splice", 6, 6, false, NULL },
	{ "write", 3, 3, false, sc_write },
	{ "writev", 3, 3, false, NULL },
};

static int desc_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct syscall_desc *)elem)->name);
}

const struct syscall_desc *syscall_find(const char *name)
{
	return bsearch(name, syscalls, sizeof(syscalls) / sizeof(syscalls[0]), sizeof(syscalls[0]),
		       desc_cmp);
}
