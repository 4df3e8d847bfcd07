/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_fds: naming the fds system calls return in the script's fd table
 * (socket, accept, open, pipe, epoll_create): the checks each makes. */
#ifndef RUNTIME_SYSCALLS_SYSCALL_FDS_H
#define RUNTIME_SYSCALLS_SYSCALL_FDS_H

#include <stdbool.h>

#include "runtime/syscalls/syscall.h"

/* After a call that made a new live fd (c->ret) the script names c->expected:
 * with check_script_fd (socket(), as upstream) that name must be free, and the
 * live fd must not be one we track. Returns 0, or -1 with c->err set; 0 too
 * when there is nothing to name (the call failed, or the script expects it to). */
int sc_check_new_fd(struct sc_ctx *c, bool check_script_fd);

/* Names the new fd live_fd, just returned for a script result >= 0, as the
 * script fd script_fd (an FD_OTHER object: file, pipe end, epoll fd). The
 * script fd must not be open and the live fd not already named; otherwise
 * live_fd is closed and -1 returned with c->err set. *out may be NULL. */
int sc_add_fd(struct sc_ctx *c, int script_fd, int live_fd, struct fd_entry **out);

/* After a call that returns a new fd (open, epoll_create): names it as the
 * script's expected fd. A failed call leaves nothing to name; a new fd the
 * script expected to fail is closed (the result check reports the mismatch).
 * Returns 0, or -1 as sc_add_fd(). */
int sc_adopt_result_fd(struct sc_ctx *c);

#endif
