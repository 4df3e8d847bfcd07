/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_msg: sendto, recvfrom, sendmsg and recvmsg — addressed sends and msghdr messages. */
#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "runtime/syscalls/eval.h"
#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_cmsg.h"
#include "runtime/syscalls/syscall_handlers.h"
#include "parser/util/xalloc.h"

/* ---- addressing (spec §6.4) ---- */

/* A send to the script's remote: a NEW socket starts connecting (TCP Fast
 * Open with MSG_FASTOPEN; a UDP socket learns its peer), before the call,
 * because the SYN or datagram may leave while it blocks. */
static void send_starts_connect(struct sc_ctx *c, struct fd_entry *s, int flags)
{
	if (s->conn)
		conn_send_to_remote(s->conn, flags & MSG_FASTOPEN, &c->run->cfg->live_remote,
				    c->run->cfg->connect_port);
}

/* The address argument of sendto: "..." is the script's remote, an integer
 * an address of that family and nothing else (AF_UNSPEC). */
static int dest_addr(struct sc_ctx *c, struct fd_entry *s, const struct expr *e,
		     struct sockaddr_storage *ss, socklen_t *len)
{
	int family;

	if (e->kind == EXPR_ELLIPSIS) {
		*len = sc_sockaddr(c->run, s->conn ? s->conn->domain : 0, true, ss);
		return 0;
	}
	if (e->kind != EXPR_INTEGER && e->kind != EXPR_WORD)
		return eval_type_error(c, e, "ellipsis");
	if (eval_int32(c, e, &family))
		return -1;
	memset(ss, 0, sizeof(*ss));
	ss->ss_family = (sa_family_t)family;
	*len = s->conn && s->conn->domain == AF_INET ? sizeof(struct sockaddr_in)
						     : sizeof(struct sockaddr_in6);
	return 0;
}

/* ---- sendto and recvfrom ---- */

/* ICMP datagram ("ping") sockets only send echo requests: start the zeroed
 * buffer with one; the kernel sets the id and checksum. */
static void icmp_echo_header(const struct fd_entry *s, uint8_t *buf, int count)
{
	if (!buf || count < 1 || !s->conn || s->conn->type != SOCK_DGRAM)
		return;
	if (s->conn->protocol == IPPROTO_ICMP)
		buf[0] = ICMP_ECHO;
	else if (s->conn->protocol == IPPROTO_ICMPV6)
		buf[0] = ICMP6_ECHO_REQUEST;
}

/* (fd, ...|NULL, count, flags): the arguments sendto and recvfrom share. */
static int buf_args(struct sc_ctx *c, struct fd_entry **s, uint8_t **buf, int *count, int *flags)
{
	bool is_null;

	if (eval_fd(c, c->sc->args[0], s) || eval_buffer(c, c->sc->args[1], &is_null) ||
	    eval_int32(c, c->sc->args[2], count) || eval_int32(c, c->sc->args[3], flags))
		return -1;
	/* A negative count is a huge size_t: give the kernel no memory to
	 * write into (it fails with EFAULT). */
	*buf = is_null || *count < 0 ? NULL : xcalloc(1, *count > 0 ? (size_t)*count : 1);
	return 0;
}

int sc_sendto(struct sc_ctx *c)
{
	struct fd_entry *s;
	struct sockaddr_storage ss;
	socklen_t len = 0;
	uint8_t *buf;
	int count, flags;

	if (buf_args(c, &s, &buf, &count, &flags))
		return -1;
	if (dest_addr(c, s, c->sc->args[4], &ss, &len) || eval_ellipsis(c, c->sc->args[5])) {
		free(buf);
		return -1;
	}
	icmp_echo_header(s, buf, count);
	if (c->sc->args[4]->kind == EXPR_ELLIPSIS)
		send_starts_connect(c, s, flags);
	SC_CALL(c, sendto(s->live_fd, buf, (size_t)count, flags, (struct sockaddr *)&ss, len));
	sc_dgram_learn(c, s);
	sc_send_buffer_done(c, buf, flags);
	return 0;
}

int sc_recvfrom(struct sc_ctx *c)
{
	struct fd_entry *s;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	uint8_t *buf;
	int count, flags;

	if (buf_args(c, &s, &buf, &count, &flags))
		return -1;
	if (eval_ellipsis(c, c->sc->args[4]) || eval_ellipsis(c, c->sc->args[5])) {
		free(buf);
		return -1;
	}
	SC_CALL(c, recvfrom(s->live_fd, buf, (size_t)count, flags, (struct sockaddr *)&ss, &len));
	free(buf);
	return 0;
}

/* ---- msghdr ---- */

/* A script msghdr made live. */
struct msg {
	struct msghdr hdr;
	struct sockaddr_storage name;
	int flags;		    /* msg_flags as the script wrote it */
	const struct expr *control; /* the msg_control list, or NULL */
};

static void msg_free(struct sc_ctx *c, struct msg *m, bool sent, int flags)
{
	eval_iovecs_free(c, m->hdr.msg_iov, m->hdr.msg_iovlen, sent, flags);
	free(m->hdr.msg_control);
	memset(m, 0, sizeof(*m));
}

static int msg_iov(struct sc_ctx *c, const struct expr *e, struct msg *m)
{
	struct iovec *iov;
	size_t n;
	int iovlen;

	if (eval_int32(c, expr_field(e, "msg_iovlen"), &iovlen) ||
	    eval_iovecs(c, expr_field(e, "msg_iov"), &iov, &n))
		return -1;
	m->hdr.msg_iov = iov;
	m->hdr.msg_iovlen = n;
	return eval_iov_count(c, "msg_iovlen", iovlen, n);
}

/* Evaluates the msghdr argument: msg_name is the script's remote for a send
 * and a buffer for a receive; msg_control is built by cmsg_build(). */
static int msg_eval(struct sc_ctx *c, const struct expr *e, struct fd_entry *s, bool send,
		    struct msg *m)
{
	size_t clen = 0;

	memset(m, 0, sizeof(*m));
	if (e->kind != EXPR_MSGHDR)
		return eval_type_error(c, e, "msghdr");
	m->hdr.msg_name = &m->name;
	m->hdr.msg_namelen =
	    send ? sc_sockaddr(c->run, s->conn ? s->conn->domain : 0, true, &m->name)
		 : sizeof(m->name);
	m->control = expr_field(e, "msg_control");
	if (msg_iov(c, e, m) || eval_int32(c, expr_field(e, "msg_flags"), &m->flags) ||
	    (m->control && cmsg_build(c, m->control, send, &m->hdr.msg_control, &clen))) {
		msg_free(c, m, false, 0);
		return -1;
	}
	m->hdr.msg_controllen = clen;
	m->hdr.msg_flags = m->flags;
	return 0;
}

/* (fd, msghdr, flags) */
static int msg_args(struct sc_ctx *c, bool send, struct fd_entry **s, struct msg *m, int *flags)
{
	if (eval_fd(c, c->sc->args[0], s) || eval_int32(c, c->sc->args[2], flags))
		return -1;
	return msg_eval(c, c->sc->args[1], *s, send, m);
}

int sc_sendmsg(struct sc_ctx *c)
{
	struct fd_entry *s;
	struct msg m;
	int flags;

	if (msg_args(c, true, &s, &m, &flags))
		return -1;
	if (m.flags != 0) {
		msg_free(c, &m, false, 0);
		strbuf_printf(&c->err, "sendmsg ignores msg_flags field in msghdr");
		return -1;
	}
	send_starts_connect(c, s, flags);
	SC_CALL(c, sendmsg(s->live_fd, &m.hdr, flags));
	sc_dgram_learn(c, s);
	msg_free(c, &m, true, flags);
	return 0;
}

/* What recvmsg returned beside its result: msg_flags exactly, then the cmsgs. */
static int recvmsg_check(struct sc_ctx *c, const struct msg *m)
{
	if (!sc_result_ok(c))
		return 0;
	if (m->hdr.msg_flags != m->flags) {
		strbuf_printf(&c->err, "Expected msg_flags 0x%08X but got 0x%08X",
			      (unsigned)m->flags, (unsigned)m->hdr.msg_flags);
		return -1;
	}
	return m->control ? cmsg_check(c, m->control, &m->hdr) : 0;
}

int sc_recvmsg(struct sc_ctx *c)
{
	struct fd_entry *s;
	struct msg m;
	int flags;

	if (msg_args(c, false, &s, &m, &flags))
		return -1;
	SC_CALL(c, recvmsg(s->live_fd, &m.hdr, flags));
	int rc = recvmsg_check(c, &m);
	msg_free(c, &m, false, 0);
	return rc;
}
