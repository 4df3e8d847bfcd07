/* syscall_socket: socket, bind, listen, accept, connect, shutdown and close. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_handlers.h"

/* A new fd from the kernel: its script name must be free (only socket()
 * checks that, as upstream does) and the live fd must not be one we track. */
static int register_fd(struct sc_ctx *c, bool check_script_fd)
{
	struct run *r = c->run;

	if (c->ret < 0 || c->expected < 0)
		return 0;
	if (check_script_fd && socks_by_script_fd(&r->socks, (int)c->expected)) {
		strbuf_printf(&c->err, "duplicate fd %lld in script", (long long)c->expected);
		return -1;
	}
	if (socks_live_fd_used(&r->socks, (int)c->ret)) {
		strbuf_printf(&c->err, "duplicate live fd %ld", c->ret);
		return -1;
	}
	return 0;
}

/* A datagram socket's live tuple is what it is bound and connected to. After
 * bind, connect or an addressed send, ask the kernel for the local port (it
 * picks one if the script did not bind); an unconnected socket hears from the
 * script's remote end (--remote_ip, --connect_port). */
void sc_dgram_learn(struct sc_ctx *c, struct sock *s)
{
	const struct config *cfg = c->run->cfg;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (c->ret < 0 || s->kind != FD_SOCKET || s->type != SOCK_DGRAM ||
	    getsockname(s->live_fd, (struct sockaddr *)&ss, &len))
		return;
	s->local_ip = cfg->live_local;
	s->local_port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
						      : ((struct sockaddr_in6 *)&ss)->sin6_port);
	if (!s->remote_port) {
		s->remote_ip = cfg->live_remote;
		s->remote_port = cfg->connect_port;
	}
	s->tuple_known = s->local_port != 0;
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
	if (register_fd(c, true))
		return -1;
	if (c->ret >= 0 && c->expected >= 0) {
		struct sock *s =
		    socks_add(&c->run->socks, FD_SOCKET, (int)c->expected, (int)c->ret);
		s->domain = domain;
		s->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
		s->protocol = proto;
		s->state = SOCK_NEW;
		c->run->socks.sut = s;
	}
	return 0;
}

int sc_bind(struct sc_ctx *c)
{
	struct sock *s;
	struct sockaddr_storage ss;

	if (eval_sock(c, c->sc->args[0], &s) || eval_ellipsis(c, c->sc->args[1]) ||
	    eval_ellipsis(c, c->sc->args[2]))
		return -1;
	socklen_t len = sc_sockaddr(c->run, s->domain, false, &ss);
	SC_CALL(c, bind(s->live_fd, (struct sockaddr *)&ss, len));
	sc_dgram_learn(c, s);
	return 0;
}

int sc_listen(struct sc_ctx *c)
{
	struct sock *s;
	int backlog;

	if (eval_sock(c, c->sc->args[0], &s) || eval_int32(c, c->sc->args[1], &backlog))
		return -1;
	SC_CALL(c, listen(s->live_fd, backlog));
	if (c->ret == 0)
		s->state = SOCK_PASSIVE_LISTENING;
	return 0;
}

/* The peer port of an accepted connection, from the address accept() filled. */
static uint16_t peer_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

static struct sock *find_child(struct run *r, uint16_t port)
{
	struct sock *fallback = NULL;

	for (size_t i = 0; i < r->socks.n; i++) {
		struct sock *s = r->socks.v[i];
		if (s->kind != FD_SOCKET || s->live_fd >= 0 || s->closed)
			continue;
		if (s->state != SOCK_PASSIVE_SYNACK_ACKED && s->state != SOCK_PASSIVE_SYNACK_SENT)
			continue;
		if (s->remote_port == port)
			return s;
		if (!fallback)
			fallback = s;
	}
	return fallback;
}

int sc_accept(struct sc_ctx *c)
{
	struct sock *s;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (eval_sock(c, c->sc->args[0], &s) || eval_ellipsis(c, c->sc->args[1]) ||
	    eval_ellipsis(c, c->sc->args[2]))
		return -1;
	SC_CALL(c, accept(s->live_fd, (struct sockaddr *)&ss, &len));
	if (register_fd(c, false))
		return -1;
	if (c->ret < 0 || c->expected < 0)
		return 0;
	struct sock *child = find_child(c->run, peer_port(&ss));
	if (!child) {
		close((int)c->ret);
		strbuf_printf(&c->err, "unable to find socket matching accept() call");
		return -1;
	}
	child->script_fd = (int)c->expected;
	child->live_fd = (int)c->ret;
	child->domain = s->domain;
	return 0;
}

static int connect_family(struct sc_ctx *c, struct sock *s)
{
	int family;

	if (eval_int32(c, c->sc->args[1], &family))
		return -1;
	struct sockaddr_storage ss = {.ss_family = (sa_family_t)family};
	SC_CALL(c, connect(s->live_fd, (struct sockaddr *)&ss, sizeof(ss)));
	if (c->ret == 0 && family == AF_UNSPEC)
		s->state = SOCK_NEW;
	return 0;
}

int sc_connect(struct sc_ctx *c)
{
	struct sock *s;
	struct sockaddr_storage ss;

	if (eval_sock(c, c->sc->args[0], &s) || eval_ellipsis(c, c->sc->args[2]))
		return -1;
	if (c->sc->args[1]->kind != EXPR_ELLIPSIS)
		return connect_family(c, s);
	socklen_t len = sc_sockaddr(c->run, s->domain, true, &ss);
	/* The SYN leaves during the call, possibly while it blocks: be ready for it. */
	s->state = SOCK_ACTIVE_CONNECTING;
	s->remote_ip = c->run->cfg->live_remote;
	s->remote_port = c->run->cfg->connect_port;
	SC_CALL(c, connect(s->live_fd, (struct sockaddr *)&ss, len));
	sc_dgram_learn(c, s);
	return 0;
}

int sc_shutdown(struct sc_ctx *c)
{
	struct sock *s;
	int how;

	if (eval_sock(c, c->sc->args[0], &s) || eval_int32(c, c->sc->args[1], &how))
		return -1;
	SC_CALL(c, shutdown(s->live_fd, how));
	return 0;
}

int sc_close(struct sc_ctx *c)
{
	struct sock *s;

	if (eval_sock(c, c->sc->args[0], &s))
		return -1;
	SC_CALL(c, close(s->live_fd));
	s->closed = true;
	s->live_fd = -1;
	return 0;
}
