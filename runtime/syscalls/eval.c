/* SPDX-License-Identifier: GPL-2.0-only */
/* eval: evaluates syscall argument expressions to live values (spec §6.2). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/syscalls/eval.h"
#include "runtime/syscalls/symbols.h"
#include "runtime/syscalls/syscall.h"
#include "parser/util/xalloc.h"

int eval_type_error(struct sc_ctx *c, const struct expr *e, const char *expected)
{
	strbuf_printf(&c->err, "Bad type; actual: %s expected: %s", expr_kind_name(e->kind),
		      expected);
	return -1;
}

static bool is_int_kind(const struct expr *e)
{
	return e->kind == EXPR_INTEGER || e->kind == EXPR_WORD || e->kind == EXPR_BINARY;
}

/* "a | b": both sides must be integers (spec §6.2). */
static int eval_or(struct sc_ctx *c, const struct expr *e, int64_t *out)
{
	int64_t l, r;

	if (!is_int_kind(e->lhs) || !is_int_kind(e->rhs)) {
		strbuf_printf(&c->err, "%s hand side of | not an integer",
			      is_int_kind(e->lhs) ? "right" : "left");
		return -1;
	}
	if (eval_int(c, e->lhs, &l) || eval_int(c, e->rhs, &r))
		return -1;
	*out = l | r;
	return 0;
}

int eval_int(struct sc_ctx *c, const struct expr *e, int64_t *out)
{
	switch (e->kind) {
	case EXPR_INTEGER:
		*out = e->num;
		return 0;
	case EXPR_WORD:
		if (symbols_lookup(e->text, out))
			return 0;
		strbuf_printf(&c->err, "unknown symbol: '%s'", e->text);
		return -1;
	case EXPR_BINARY:
		return eval_or(c, e, out);
	default:
		return eval_type_error(c, e, "integer");
	}
}

int eval_int32(struct sc_ctx *c, const struct expr *e, int *out)
{
	int64_t v;

	if (eval_int(c, e, &v))
		return -1;
	if (v < INT_MIN || v > (int64_t)UINT_MAX) {
		strbuf_printf(&c->err, "Value out of range for 32-bit integer: %lld", (long long)v);
		return -1;
	}
	*out = (int)v;
	return 0;
}

int eval_int_list1(struct sc_ctx *c, const struct expr *e, int *out)
{
	if (e->kind != EXPR_LIST)
		return eval_type_error(c, e, "list");
	if (e->n_items != 1) {
		strbuf_printf(&c->err, "Expected [<element>] but got multiple elements");
		return -1;
	}
	return eval_int32(c, e->items[0], out);
}

int eval_fd(struct sc_ctx *c, const struct expr *e, struct fd_entry **out)
{
	int fd;

	if (eval_int32(c, e, &fd))
		return -1;
	*out = fd_table_by_script_fd(&c->run->fds, fd);
	if (!*out) {
		strbuf_printf(&c->err, "unable to find fd with script fd %d", fd);
		return -1;
	}
	return 0;
}

int eval_ellipsis(struct sc_ctx *c, const struct expr *e)
{
	return e->kind == EXPR_ELLIPSIS ? 0 : eval_type_error(c, e, "ellipsis");
}

int eval_buffer(struct sc_ctx *c, const struct expr *e, bool *is_null)
{
	int64_t v;

	*is_null = false;
	if (e->kind == EXPR_ELLIPSIS)
		return 0;
	if ((e->kind == EXPR_INTEGER || e->kind == EXPR_WORD) && !eval_int(c, e, &v) && v == 0) {
		*is_null = true;
		return 0;
	}
	strbuf_reset(&c->err);
	strbuf_printf(&c->err, "Expected ... or NULL for buffer");
	return -1;
}

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Decodes one escape at s[*i] (just after the backslash). We decode \\ and \"
 * correctly instead of copying upstream's fall-through to \f (spec §14.4). */
static int decode_escape(struct sc_ctx *c, const char *s, size_t len, size_t *i, char *ch)
{
	static const char from[] = "nrtvf\\\"'", to[] = "\n\r\t\v\f\\\"'";
	const char *p = strchr(from, s[*i]);

	if (s[*i] && p) {
		*ch = to[p - from];
		return 0;
	}
	if (s[*i] == 'x') {
		int hi = *i + 1 < len ? hex_digit(s[*i + 1]) : -1;
		int lo = *i + 2 < len ? hex_digit(s[*i + 2]) : -1;
		if (hi < 0 || lo < 0) {
			strbuf_printf(&c->err, "invalid hex escape");
			return -1;
		}
		*ch = (char)(hi * 16 + lo);
		*i += 2;
		return 0;
	}
	strbuf_printf(&c->err, "unsupported escape code: '%c'", s[*i]);
	return -1;
}

int eval_string(struct sc_ctx *c, const struct expr *e, char **out, size_t *len)
{
	if (e->kind != EXPR_STRING)
		return eval_type_error(c, e, "string");
	char *buf = xmalloc(e->text_len + 1);
	size_t n = 0;
	for (size_t i = 0; i < e->text_len; i++) {
		char ch = e->text[i];
		if (ch == '\\' && i + 1 < e->text_len) {
			i++;
			if (decode_escape(c, e->text, e->text_len, &i, &ch)) {
				free(buf);
				return -1;
			}
		}
		buf[n++] = ch;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

bool sc_result_ok(const struct sc_ctx *c)
{
	int want;

	if (c->ret != c->expected)
		return false;
	if (!c->sc->errno_name)
		return true;
	return symbols_errno_value(c->sc->errno_name, &want) && want == c->err_no;
}

int eval_u32(struct sc_ctx *c, const struct expr *e, uint32_t *out)
{
	int v;

	if (eval_int32(c, e, &v))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* One "{..., LEN}" element. */
static int iovec_len(struct sc_ctx *c, const struct expr *e, size_t *len)
{
	int n;

	if (e->kind != EXPR_IOVEC)
		return eval_type_error(c, e, "iovec");
	if (eval_ellipsis(c, expr_field(e, "base")) || eval_int32(c, expr_field(e, "len"), &n))
		return -1;
	if (n < 0) {
		strbuf_printf(&c->err, "iovec length %d is negative", n);
		return -1;
	}
	*len = (size_t)n;
	return 0;
}

int eval_iovecs(struct sc_ctx *c, const struct expr *e, struct iovec **iov, size_t *n)
{
	size_t len;

	if (e->kind != EXPR_LIST)
		return eval_type_error(c, e, "list");
	*iov = xcalloc(e->n_items + 1, sizeof(**iov));
	for (*n = 0; *n < e->n_items; (*n)++) {
		if (iovec_len(c, e->items[*n], &len)) {
			eval_iovecs_free(c, *iov, *n, false, 0);
			*iov = NULL;
			*n = 0;
			return -1;
		}
		(*iov)[*n].iov_base = xcalloc(1, len ? len : 1);
		(*iov)[*n].iov_len = len;
	}
	return 0;
}

int eval_iov_count(struct sc_ctx *c, const char *what, int count, size_t n)
{
	if (count >= 0 && (size_t)count == n)
		return 0;
	strbuf_printf(&c->err, "%s %d does not match %zu-element iovec array", what, count, n);
	return -1;
}

/* Send buffers kept alive by --send_omit_free: still reachable from here at
 * exit, so leak checkers do not count them. */
static void **kept_buffers;
static size_t n_kept_buffers;

void sc_send_buffer_done(struct sc_ctx *c, void *buf, int flags)
{
	if (!buf)
		return;
	if (!c->run->cfg->send_omit_free && !(flags & MSG_ZEROCOPY)) {
		free(buf);
		return;
	}
	kept_buffers = xrealloc(kept_buffers, (n_kept_buffers + 1) * sizeof(*kept_buffers));
	kept_buffers[n_kept_buffers++] = buf;
}

void eval_iovecs_free(struct sc_ctx *c, struct iovec *iov, size_t n, bool sent, int flags)
{
	for (size_t i = 0; i < n; i++) {
		if (sent)
			sc_send_buffer_done(c, iov[i].iov_base, flags);
		else
			free(iov[i].iov_base);
	}
	free(iov);
}
