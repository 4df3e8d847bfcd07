/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_table: every system call name a script may use, with its arity and handler. */
#include <stdlib.h>
#include <string.h>

#include "runtime/syscalls/syscall_handlers.h"

/* Names packetdrill knows; a NULL handler is not supported (PSP needs wire mode). */
static const struct syscall_desc syscalls[] = {
    {"accept", 3, 3, true, sc_accept, false, "<fd>, ..., ...",
     "accepts a connection on a listening socket; the peer's address is not checked"},
    {"bind", 3, 3, false, sc_bind, false, "<fd>, ..., ...",
     "binds to --local_ip and --bind_port (in the socket's family)"},
    {"cap_set", 3, 3, true, sc_cap_set, false, "<flag>, <capability>, <op>",
     "sets or clears one capability of the process, as libcap's cap_set_flag() and "
     "cap_set_proc() (CAP_EFFECTIVE, CAP_NET_ADMIN, CAP_SET ...)"},
    {"close", 1, 1, false, sc_close, false, "<fd>", "closes a script fd"},
    {"connect", 3, 3, false, sc_connect, false, "<fd>, ... | <family>, ...",
     "connects to --remote_ip and --connect_port; with a family (AF_UNSPEC) instead of "
     "the address, dissolves the association"},
    {"epoll_create", 1, 1, true, sc_epoll_create, false, "<size>", "creates an epoll instance"},
    {"epoll_ctl", 4, 4, false, sc_epoll_ctl, false,
     "<epfd>, <op>, <fd>, {events=<mask>, fd=<fd> | ptr=<n> | u32=<n> | u64=<n>}",
     "adds, changes or removes an fd of an epoll instance (EPOLL_CTL_ADD ...); with fd=, it "
     "must be the third argument"},
    {"epoll_wait", 4, 4, false, sc_epoll_wait, false,
     "<epfd>, {events=<mask>, fd=<fd> | ptr=<n> | u32=<n> | u64=<n>}, <maxevents>, <timeout>",
     "waits for events; the first event returned must be the one given"},
    {"fcntl", 2, 3, false, sc_fcntl, false, "<fd>, <cmd>[, <arg>]",
     "F_GETFL, F_SETFL (O_NONBLOCK ...) and the other commands of one int"},
    {"getsockopt", 5, 5, false, sc_getsockopt, false,
     "<fd>, <level>, <name>, [<n>] | \"<bytes>\" | {gre ...} | inet6_addr(\"<address>\"), [<len>]",
     "reads a socket option; the value and the length returned must be the ones given"},
    {"ioctl", 2, 3, false, sc_ioctl, false, "<fd>, <request>[, [<n>]]",
     "an ioctl; with [n] (SIOCINQ, SIOCOUTQ, SIOCOUTQNSD, SIOCATMARK, FIONBIO) the int it "
     "leaves must be n"},
    {"listen", 2, 2, false, sc_listen, false, "<fd>, <backlog>", "listens on a bound socket"},
    {"open", 2, 2, true, sc_open, false, "\"<path>\", <flags>", "opens a file"},
    {"pipe", 1, 1, false, sc_pipe, false, "[<read_fd>, <write_fd>]",
     "creates a pipe; its two ends get the script fds given"},
    {"poll", 3, 3, false, sc_poll, false,
     "[{fd=<fd>, events=<mask>[, revents=<mask>]}, ...], <nfds>, <timeout>",
     "polls; each revents returned must be the one given (0 if none)"},
    {"psp_rx_assoc", 0, 8, false, NULL, false, "...",
     "PSP encryption: packetdrill's wire mode only, not supported"},
    {"psp_tx_assoc", 0, 8, false, NULL, false, "...",
     "PSP encryption: packetdrill's wire mode only, not supported"},
    {"read", 3, 3, false, sc_read, false, "<fd>, ... | NULL, <count>",
     "reads up to count bytes (not compared); NULL passes a null buffer"},
    {"readv", 3, 3, false, sc_readv, false, "<fd>, [{..., <len>}, ...], <iovcnt>",
     "reads into buffers of these lengths; iovcnt must be the number of buffers"},
    {"recv", 4, 4, false, sc_recv, false, "<fd>, ... | NULL, <count>, <flags>",
     "reads up to count bytes with MSG_ flags"},
    {"recvfrom", 6, 6, false, sc_recvfrom, false, "<fd>, ... | NULL, <count>, <flags>, ..., ...",
     "reads up to count bytes; the sender's address is not checked"},
    {"recvmsg", 3, 3, false, sc_recvmsg, false, "<fd>, <msghdr>, <flags>",
     "reads a message; the msg_flags and the control messages returned must be the ones "
     "given (see MESSAGES)"},
    {"send", 4, 4, false, sc_send, false, "<fd>, ... | NULL, <count>, <flags>",
     "sends count zero bytes with MSG_ flags"},
    {"sendfile", 4, 4, false, sc_sendfile, false, "<out_fd>, <in_fd>, [<offset>] | NULL, <count>",
     "copies count bytes from a file"},
    {"sendmsg", 3, 3, false, sc_sendmsg, false, "<fd>, <msghdr>, <flags>",
     "sends a message of zero bytes with its control messages (msg_flags must be 0)"},
    {"sendto", 6, 6, false, sc_sendto, false,
     "<fd>, ... | NULL, <count>, <flags>, ... | <family>, ...",
     "sends count zero bytes to --remote_ip and --connect_port (MSG_FASTOPEN connects)"},
    {"setsockopt", 5, 5, false, sc_setsockopt, false,
     "<fd>, <level>, <name>, [<n>] | \"<bytes>\" | {onoff=<n>, linger=<n>} | {gre ...} | "
     "{mpls ...} | inet6_addr(\"<address>\"), <len>",
     "sets a socket option; len is passed as given"},
    {"shutdown", 2, 2, false, sc_shutdown, false, "<fd>, <how>",
     "shuts down reading, writing or both (SHUT_RD, SHUT_WR, SHUT_RDWR)"},
    {"socket", 3, 3, true, sc_socket, false, "... | <domain>, <type>, <protocol>",
     "creates a socket, in the family of --ip_version for ...; it becomes the socket the "
     "script's packets are for"},
    {"splice", 6, 6, false, sc_splice, false,
     "<fd_in>, <off_in>, <fd_out>, <off_out>, <len>, <flags>",
     "moves len bytes between a pipe and an fd (offsets: [n] or NULL)"},
    /* pktdrill's extension: the kernel's TCP state of a socket (sock_diag) */
    {"tcp_state", 1, 1, false, sc_tcp_state, true, "<fd> | ...",
     "checks the kernel's TCP state of the socket behind fd, or of the script's connection "
     "(...), which may have no fd (SYN-RECV, TIME-WAIT); the result is a state name "
     "(see TCP STATES)"},
    {"write", 3, 3, false, sc_write, false, "<fd>, ... | NULL, <count>", "writes count zero bytes"},
    {"writev", 3, 3, false, sc_writev, false, "<fd>, [{..., <len>}, ...], <iovcnt>",
     "writes buffers of zero bytes of these lengths; iovcnt must be the number of buffers"},
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
