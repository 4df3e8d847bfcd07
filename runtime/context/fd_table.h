/* SPDX-License-Identifier: GPL-2.0-only */
/* fd_table: the script's file descriptors (spec §6.3) — each a script fd named
 * to a live one, a socket's with its connection — and the connections the
 * script talks to, with the one under test. */
#ifndef RUNTIME_CONTEXT_FD_TABLE_H
#define RUNTIME_CONTEXT_FD_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/util/strbuf.h"
#include "runtime/context/conn.h"

enum fd_kind { FD_SOCKET, FD_OTHER };

/* One script-visible fd: a socket (with its connection) or another kind
 * (file, pipe end, epoll fd). */
struct fd_entry {
	enum fd_kind kind;
	int script_fd;	   /* as the script names it */
	int live_fd;	   /* -1 once closed */
	bool closed;	   /* the script closed it */
	struct conn *conn; /* FD_SOCKET: its connection (the table owns it); else NULL */
};

struct fd_table {
	struct fd_entry **fds; /* in the order the script made them */
	size_t n_fds;
	struct conn **conns; /* every connection, a child not yet accepted too */
	size_t n_conns;
	struct conn *tested; /* the connection under test, or NULL */
};

/* A new fd entry (and for FD_SOCKET a new connection of that socket's
 * domain, type and protocol, in CONN_NEW). Never fails. */
struct fd_entry *fd_table_add(struct fd_table *t, enum fd_kind kind, int script_fd, int live_fd);
/* A connection without an fd yet: a listener's child opened by a SYN. */
struct conn *fd_table_add_conn(struct fd_table *t);
/* Names an accepted child: a new socket fd entry for it. */
struct fd_entry *fd_table_accept(struct fd_table *t, struct conn *child, int script_fd,
				 int live_fd);
/* The open fd named script_fd, or NULL (the newest: accept() may reuse a
 * script fd that was never closed, and later lines mean the new one). */
struct fd_entry *fd_table_by_script_fd(const struct fd_table *t, int script_fd);
/* The open fd with this live fd, or NULL. */
struct fd_entry *fd_table_by_live_fd(const struct fd_table *t, int live_fd);
/* A listener's child with no fd yet whose peer port is port (else any such
 * child), that completed or is completing its handshake: the one accept()
 * returned. NULL if none. */
struct conn *fd_table_unaccepted(const struct fd_table *t, uint16_t port);
/* Frees every entry and connection. */
void fd_table_free(struct fd_table *t);

#endif
