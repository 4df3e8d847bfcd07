/* eval: evaluates syscall argument expressions to live values (spec §6.2). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/symbols.h"
#include "runtime/syscall.h"
#include "util/xalloc.h"

int eval_type_error(struct sc_ctx *c, const struct expr *e, const char *expected)
{
	strbuf_printf(&c->err, "Bad type; actual: %s expected: %s", expr_kind_name(e->kind),
		      expected);
	return -1;
}

int eval_int(struct sc_ctx *c, const struct expr *e, int64_t *out)
{
	int64_t l, r;

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
		if (eval_int(c, e->lhs, &l) || eval_int(c, e->rhs, &r))
			return -1;
		*out = l | r;
		return 0;
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

int eval_sock(struct sc_ctx *c, const struct expr *e, struct sock **out)
{
	int fd;

	if (eval_int32(c, e, &fd))
		return -1;
	*out = socks_by_script_fd(&c->run->socks, fd);
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
