/* SPDX-License-Identifier: GPL-2.0-only */
/* expr: constructors, accessors and the destructor of system call argument expressions. */
#include "parser/expr.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser/diag.h"
#include "parser/util/xalloc.h"

static const char *const expr_names[] = {
#define X(id, name) [EXPR_##id] = name,
    EXPR_KIND_LIST(X)
#undef X
};

const char *expr_kind_name(enum expr_kind kind)
{
	if ((size_t)kind >= sizeof(expr_names) / sizeof(expr_names[0]))
		return "unknown";
	return expr_names[kind];
}

const struct expr *expr_field(const struct expr *e, const char *key)
{
	if (!e)
		return NULL;
	for (size_t i = 0; i < e->n_items; i++) {
		const struct expr *item = e->items[i];

		if (item->kind == EXPR_KEYVAL && item->text && !strcmp(item->text, key))
			return item->rhs;
	}
	return NULL;
}

struct expr *expr_new(enum expr_kind kind, struct loc loc)
{
	struct expr *e = xcalloc(1, sizeof(*e));

	e->kind = kind;
	e->loc = loc;
	return e;
}

struct expr *expr_new_int(int64_t num, struct loc loc)
{
	struct expr *e = expr_new(EXPR_INTEGER, loc);

	e->num = num;
	return e;
}

struct expr *expr_new_text(enum expr_kind kind, char *text, struct loc loc)
{
	struct expr *e = expr_new(kind, loc);

	e->text = text;
	e->text_len = strlen(text);
	return e;
}

struct expr *expr_new_binary(struct expr *lhs, struct expr *rhs, struct loc loc)
{
	struct expr *e = expr_new(EXPR_BINARY, loc);

	e->text = xstrdup("|");
	e->text_len = 1;
	e->lhs = lhs;
	e->rhs = rhs;
	return e;
}

struct expr *expr_new_keyval(char *key, struct expr *value, struct loc loc)
{
	struct expr *e = expr_new_text(EXPR_KEYVAL, key, loc);

	e->rhs = value;
	return e;
}

struct expr *expr_append(struct expr *list, struct expr *item)
{
	list->items = xgrow(list->items, list->n_items, sizeof(*list->items));
	list->items[list->n_items++] = item;
	return list;
}

struct expr *expr_concat(struct expr *str, char *more, struct loc loc)
{
	size_t n = strlen(more);

	str->text = xrealloc(str->text, str->text_len + n + 1);
	memcpy(str->text + str->text_len, more, n + 1);
	str->text_len += n;
	str->loc.end = loc.end;
	free(more);
	return str;
}

struct expr *expr_new_fields(enum expr_kind kind, struct loc loc, ...)
{
	struct expr *e = expr_new(kind, loc);
	const char *key;
	va_list ap;

	va_start(ap, loc);
	while ((key = va_arg(ap, const char *)) != NULL) {
		struct expr *value = va_arg(ap, struct expr *);

		if (value)
			expr_append(e, expr_new_keyval(xstrdup(key), value, value->loc));
	}
	va_end(ap);
	return e;
}

struct expr *expr_finish_struct(struct expr *list, struct loc loc)
{
	list->loc = loc;
	if (list->n_items == 2 && list->items[0]->kind == EXPR_ELLIPSIS &&
	    list->items[1]->kind == EXPR_INTEGER) {
		struct expr *base = list->items[0], *len = list->items[1];

		list->n_items = 0;
		list->kind = EXPR_IOVEC;
		expr_append(list, expr_new_keyval(xstrdup("base"), base, base->loc));
		expr_append(list, expr_new_keyval(xstrdup("len"), len, len->loc));
		return list;
	}
	list->kind = EXPR_STRUCT;
	return list;
}

struct expr *expr_new_inet_addr(struct diag *d, char *text, struct loc text_loc, struct loc loc)
{
	struct in_addr a = {0};

	if (inet_pton(AF_INET, text, &a) != 1)
		diag_error(d, text_loc, "invalid IPv4 address in inet_addr(): \"%s\"", text);
	free(text);
	return expr_new_int((int64_t)a.s_addr, loc);
}

void expr_free(struct expr *e)
{
	/* a | b | c ... nests to the left: walk that chain instead of recursing */
	while (e) {
		struct expr *next = e->lhs;

		expr_free(e->rhs);
		for (size_t i = 0; i < e->n_items; i++)
			expr_free(e->items[i]);
		free(e->items);
		free(e->text);
		free(e);
		e = next;
	}
}
