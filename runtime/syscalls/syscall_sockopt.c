/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_sockopt: setsockopt, getsockopt (int, string, linger, in6_addr, GRE and MPLS
 * values) and fcntl. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "runtime/syscalls/eval.h"
#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_handlers.h"
#include "runtime/traffic/outer_build.h"

/* The option value a script writes, as bytes to pass to the kernel. */
struct optval {
	union {
		int i;
		struct linger lg;
		struct in6_addr in6;
		uint8_t hdr[4 * OUTER_MAX_MPLS]; /* a GRE or MPLS header */
	};
	char *str;
	void *ptr;
	socklen_t len;
};

static int linger_value(struct sc_ctx *c, const struct expr *e, struct linger *lg)
{
	int onoff, secs;

	if (eval_int32(c, expr_field(e, "onoff"), &onoff) ||
	    eval_int32(c, expr_field(e, "linger"), &secs))
		return -1;
	lg->l_onoff = onoff;
	lg->l_linger = secs;
	return 0;
}

static int in6_value(struct sc_ctx *c, const struct expr *e, struct in6_addr *a)
{
	if (inet_pton(AF_INET6, e->text, a) == 1)
		return 0;
	strbuf_printf(&c->err, "cannot parse in6_addr");
	return -1;
}

/* {gre ...} and {mpls ...}: the header in wire form, as a tunnel option takes it. */
static int header_value(struct sc_ctx *c, const struct expr *e, struct optval *v)
{
	struct outer_hdr h;

	if (outer_build_expr(e, &h, &c->err))
		return -1;
	v->ptr = v->hdr;
	v->len = (socklen_t)outer_hdr_bytes(&h, v->hdr, sizeof(v->hdr));
	return 0;
}

static void hex(struct strbuf *out, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strbuf_printf(out, "%02x", p[i]);
}

static int optval_eval(struct sc_ctx *c, const struct expr *e, struct optval *v)
{
	size_t len;

	memset(v, 0, sizeof(*v));
	switch (e->kind) {
	case EXPR_LIST:
		v->ptr = &v->i;
		v->len = sizeof(v->i);
		return eval_int_list1(c, e, &v->i);
	case EXPR_LINGER:
		v->ptr = &v->lg;
		v->len = sizeof(v->lg);
		return linger_value(c, e, &v->lg);
	case EXPR_STRING:
		if (eval_string(c, e, &v->str, &len))
			return -1;
		v->ptr = v->str;
		v->len = (socklen_t)len;
		return 0;
	case EXPR_IN6_ADDR:
		v->ptr = &v->in6;
		v->len = sizeof(v->in6);
		return in6_value(c, e, &v->in6);
	case EXPR_GRE:
	case EXPR_MPLS_STACK:
		return header_value(c, e, v);
	case EXPR_ELLIPSIS:
		v->ptr = NULL;
		return 0;
	default:
		strbuf_printf(&c->err, "unsupported %s value type", c->sc->name);
		return -1;
	}
}

int sc_setsockopt(struct sc_ctx *c)
{
	struct fd_entry *s;
	int level, name, len;
	struct optval v;

	if (eval_fd(c, c->sc->args[0], &s) || eval_int32(c, c->sc->args[1], &level) ||
	    eval_int32(c, c->sc->args[2], &name) || optval_eval(c, c->sc->args[3], &v))
		return -1;
	if (eval_int32(c, c->sc->args[4], &len)) {
		free(v.str);
		return -1;
	}
	SC_CALL(c, setsockopt(s->live_fd, level, name, v.ptr, (socklen_t)len));
	free(v.str);
	return 0;
}

/* The value getsockopt returned against the script's (optlen already equal). */
static int optval_compare(struct sc_ctx *c, const struct optval *want, const void *got)
{
	const struct linger *lg = got;
	char text[INET6_ADDRSTRLEN];

	switch (c->sc->args[3]->kind) {
	case EXPR_LIST:
		if (*(const int *)got == want->i)
			return 0;
		strbuf_printf(&c->err, "Bad getsockopt optval: expected: %d actual: %d", want->i,
			      *(const int *)got);
		return -1;
	case EXPR_LINGER:
		if (!memcmp(got, &want->lg, sizeof(want->lg)))
			return 0;
		strbuf_printf(&c->err,
			      "Bad getsockopt linger: expected: {onoff=%d, linger=%d} actual: "
			      "{onoff=%d, linger=%d}",
			      want->lg.l_onoff, want->lg.l_linger, lg->l_onoff, lg->l_linger);
		return -1;
	case EXPR_STRING:
		if (!memcmp(got, want->ptr, want->len))
			return 0;
		strbuf_printf(&c->err, "Bad getsockopt optval: bytes differ");
		return -1;
	case EXPR_GRE:
	case EXPR_MPLS_STACK:
		if (!memcmp(got, want->hdr, want->len))
			return 0;
		strbuf_printf(&c->err, "Bad getsockopt optval: expected: ");
		hex(&c->err, want->hdr, want->len);
		strbuf_printf(&c->err, " actual: ");
		hex(&c->err, got, want->len);
		return -1;
	case EXPR_IN6_ADDR:
		if (!memcmp(got, &want->in6, sizeof(want->in6)))
			return 0;
		inet_ntop(AF_INET6, got, text, sizeof(text));
		strbuf_printf(&c->err, "Bad getsockopt optval: expected: %s actual: %s",
			      c->sc->args[3]->text, text);
		return -1;
	default:
		return 0; /* "...": not checked */
	}
}

/* Checked only when the result is the script's, so that a wrong result is
 * reported first. */
static int getsockopt_compare(struct sc_ctx *c, const struct optval *want, const void *got,
			      socklen_t got_len, int want_len)
{
	if (!sc_result_ok(c))
		return 0;
	if ((int)got_len != want_len) {
		strbuf_printf(&c->err, "Bad getsockopt optlen: expected: %d actual: %d", want_len,
			      (int)got_len);
		return -1;
	}
	return optval_compare(c, want, got);
}

int sc_getsockopt(struct sc_ctx *c)
{
	struct fd_entry *s;
	int level, name, want_len;
	struct optval want;
	char got[256] = {0};

	if (eval_fd(c, c->sc->args[0], &s) || eval_int32(c, c->sc->args[1], &level) ||
	    eval_int32(c, c->sc->args[2], &name) || optval_eval(c, c->sc->args[3], &want))
		return -1;
	int rc = eval_int_list1(c, c->sc->args[4], &want_len);
	if (!rc && (want_len < 0 || want_len > (int)sizeof(got))) {
		strbuf_printf(&c->err, "getsockopt optlen %d out of range", want_len);
		rc = -1;
	}
	if (!rc) {
		socklen_t got_len = (socklen_t)want_len;
		SC_CALL(c, getsockopt(s->live_fd, level, name, got, &got_len));
		rc = getsockopt_compare(c, &want, got, got_len, want_len);
	}
	free(want.str);
	return rc;
}

int sc_fcntl(struct sc_ctx *c)
{
	struct fd_entry *s;
	int cmd, arg = 0;

	if (eval_fd(c, c->sc->args[0], &s) || eval_int32(c, c->sc->args[1], &cmd))
		return -1;
	if (c->sc->n_args == 3 && eval_int32(c, c->sc->args[2], &arg))
		return -1;
	if (c->sc->n_args == 3)
		SC_CALL(c, fcntl(s->live_fd, cmd, arg));
	else
		SC_CALL(c, fcntl(s->live_fd, cmd));
	return 0;
}
