/* SPDX-License-Identifier: GPL-2.0-only */
/* fd_table: the script's file descriptors and the connections the script talks to. */
#include "runtime/context/fd_table.h"

#include <stdlib.h>

#include "parser/util/xalloc.h"

struct conn *fd_table_add_conn(struct fd_table *t)
{
	struct conn *c = xcalloc(1, sizeof(*c));

	t->conns = xrealloc(t->conns, (t->n_conns + 1) * sizeof(*t->conns));
	t->conns[t->n_conns++] = c;
	return c;
}

static struct fd_entry *add_entry(struct fd_table *t, enum fd_kind kind, int script_fd, int live_fd,
				  struct conn *c)
{
	struct fd_entry *e = xcalloc(1, sizeof(*e));

	e->kind = kind;
	e->script_fd = script_fd;
	e->live_fd = live_fd;
	e->conn = c;
	if (c)
		c->fd = e;
	t->fds = xrealloc(t->fds, (t->n_fds + 1) * sizeof(*t->fds));
	t->fds[t->n_fds++] = e;
	return e;
}

struct fd_entry *fd_table_add(struct fd_table *t, enum fd_kind kind, int script_fd, int live_fd)
{
	return add_entry(t, kind, script_fd, live_fd,
			 kind == FD_SOCKET ? fd_table_add_conn(t) : NULL);
}

struct fd_entry *fd_table_accept(struct fd_table *t, struct conn *child, int script_fd, int live_fd)
{
	return add_entry(t, FD_SOCKET, script_fd, live_fd, child);
}

struct fd_entry *fd_table_by_script_fd(const struct fd_table *t, int script_fd)
{
	for (size_t i = t->n_fds; i-- > 0;)
		if (!t->fds[i]->closed && t->fds[i]->script_fd == script_fd && script_fd >= 0)
			return t->fds[i];
	return NULL;
}

struct fd_entry *fd_table_by_live_fd(const struct fd_table *t, int live_fd)
{
	for (size_t i = t->n_fds; i-- > 0;)
		if (!t->fds[i]->closed && t->fds[i]->live_fd == live_fd && live_fd >= 0)
			return t->fds[i];
	return NULL;
}

struct conn *fd_table_unaccepted(const struct fd_table *t, uint16_t port)
{
	struct conn *fallback = NULL;

	for (size_t i = 0; i < t->n_conns; i++) {
		struct conn *c = t->conns[i];
		if (c->fd ||
		    (c->state != CONN_PASSIVE_SYNACK_ACKED && c->state != CONN_PASSIVE_SYNACK_SENT))
			continue;
		if (c->remote_port == port)
			return c;
		if (!fallback)
			fallback = c;
	}
	return fallback;
}

void fd_table_free(struct fd_table *t)
{
	for (size_t i = 0; i < t->n_fds; i++)
		free(t->fds[i]);
	for (size_t i = 0; i < t->n_conns; i++)
		conn_free(t->conns[i]);
	free(t->fds);
	free(t->conns);
	*t = (struct fd_table){0};
}
