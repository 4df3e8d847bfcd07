/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_socket: socket, bind, listen, accept, connect, shutdown and close. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_fds.h"
#include "runtime/syscalls/syscall_handlers.h"

/* A datagram socket's live tuple is what it is bound and connected to. After
 * bind, connect or an addressed send, ask the kernel for the local port (it
 * picks one if the script did not bind); an unconnected socket hears from the
 * script's remote end (--remote_ip, --connect_port). */
void sc_dgram_learn(struct sc_ctx *c, struct fd_entry *s)
{
	const struct config *cfg = c->run->cfg;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (c->ret < 0 || !s->conn || s->conn->type != SOCK_DGRAM ||
	    getsockname(s->live_fd, (struct sockaddr *)&ss, &len))
		return;
	uint16_t port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
						      : ((struct sockaddr_in6 *)&ss)->sin6_port);
	conn_dgram_bound(s->conn, &cfg->live_local, port, &cfg->live_remote, cfg->connect_port);
}

/* The address family the script's addresses take for this fd: its socket's
 * (none for another kind of fd, whose call then fails as it should). */
static int fd_domain(const struct fd_entry *s)
{
	return s->conn ? s->conn->domain : 0;
}

int sc_socket(struct sc_ctx *c)
{
	const struct syscall_spec *sc = c->sc;
	int domain, type, proto;

	if (sc->args[0]->kind == EXPR_ELLIPSIS)
		domain = c->run->cfg->socket_family;
	else if (eval_int32(c, sc->args[0], &domain))
		return -1;
	if (eval_int32(c, sc->args[1], &type) || eval_int32(c, sc->args[2], &proto))
		return -1;
	SC_CALL(c, socket(domain, type, proto));
	if (sc_check_new_fd(c, true))
		return -1;
	if (c->ret >= 0 && c->expected >= 0) {
		struct fd_entry *s =
		    fd_table_add(&c->run->fds, FD_SOCKET, (int)c->expected, (int)c->ret);
		s->conn->domain = domain;
		s->conn->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
		s->conn->protocol = proto;
		c->run->fds.tested = s->conn;
	}
	return 0;
}

int sc_bind(struct sc_ctx *c)
{
	struct fd_entry *s;
	struct sockaddr_storage ss;

	if (eval_fd(c, c->sc->args[0], &s) || eval_ellipsis(c, c->sc->args[1]) ||
	    eval_ellipsis(c, c->sc->args[2]))
		return -1;
	socklen_t len = sc_sockaddr(c->run, fd_domain(s), false, &ss);
	SC_CALL(c, bind(s->live_fd, (struct sockaddr *)&ss, len));
	sc_dgram_learn(c, s);
	return 0;
}

int sc_listen(struct sc_ctx *c)
{
	struct fd_entry *s;
	int backlog;

	if (eval_fd(c, c->sc->args[0], &s) || eval_int32(c, c->sc->args[1], &backlog))
		return -1;
	SC_CALL(c, listen(s->live_fd, backlog));
	if (c->ret == 0 && s->conn)
		conn_listen(s->conn);
	return 0;
}

/* The peer port of an accepted connection, from the address accept() filled. */
static uint16_t peer_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

int sc_accept(struct sc_ctx *c)
{
	struct fd_entry *s;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (eval_fd(c, c->sc->args[0], &s) || eval_ellipsis(c, c->sc->args[1]) ||
	    eval_ellipsis(c, c->sc->args[2]))
		return -1;
	SC_CALL(c, accept(s->live_fd, (struct sockaddr *)&ss, &len));
	if (sc_check_new_fd(c, false))
		return -1;
	if (c->ret < 0 || c->expected < 0)
		return 0;
	struct conn *child = fd_table_unaccepted(&c->run->fds, peer_port(&ss));
	if (!child) {
		close((int)c->ret);
		strbuf_printf(&c->err, "unable to find socket matching accept() call");
		return -1;
	}
	fd_table_accept(&c->run->fds, child, (int)c->expected, (int)c->ret);
	child->domain = fd_domain(s);
	return 0;
}

static int connect_family(struct sc_ctx *c, struct fd_entry *s)
{
	int family;

	if (eval_int32(c, c->sc->args[1], &family))
		return -1;
	struct sockaddr_storage ss = {.ss_family = (sa_family_t)family};
	SC_CALL(c, connect(s->live_fd, (struct sockaddr *)&ss, sizeof(ss)));
	if (c->ret == 0 && family == AF_UNSPEC && s->conn)
		conn_disconnect(s->conn);
	return 0;
}

int sc_connect(struct sc_ctx *c)
{
	struct fd_entry *s;
	struct sockaddr_storage ss;

	if (eval_fd(c, c->sc->args[0], &s) || eval_ellipsis(c, c->sc->args[2]))
		return -1;
	if (c->sc->args[1]->kind != EXPR_ELLIPSIS)
		return connect_family(c, s);
	socklen_t len = sc_sockaddr(c->run, fd_domain(s), true, &ss);
	/* The SYN leaves during the call, possibly while it blocks: be ready for it. */
	if (s->conn)
		conn_connect(s->conn, &c->run->cfg->live_remote, c->run->cfg->connect_port);
	SC_CALL(c, connect(s->live_fd, (struct sockaddr *)&ss, len));
	sc_dgram_learn(c, s);
	return 0;
}

int sc_shutdown(struct sc_ctx *c)
{
	struct fd_entry *s;
	int how;

	if (eval_fd(c, c->sc->args[0], &s) || eval_int32(c, c->sc->args[1], &how))
		return -1;
	SC_CALL(c, shutdown(s->live_fd, how));
	return 0;
}

int sc_close(struct sc_ctx *c)
{
	struct fd_entry *s;

	if (eval_fd(c, c->sc->args[0], &s))
		return -1;
	SC_CALL(c, close(s->live_fd));
	s->closed = true;
	s->live_fd = -1;
	return 0;
}
