/* SPDX-License-Identifier: GPL-2.0-only */
/* code_parse: the recursive-descent parser of the Python subset in %{ }% blocks —
 * statements and expressions into a syntax tree (spec §7.2). */
#include "runtime/codeblock/code_parse.h"

#include <stdlib.h>
#include <string.h>

#include "parser/util/xalloc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void node_free(struct node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->ops);
	free(n->name);
	free(n);
}

static struct node *node_new(enum node_kind kind)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	return n;
}

static void node_add(struct node *n, struct node *kid)
{
	n->kids = xrealloc(n->kids, (n->n + 1) * sizeof(*n->kids));
	n->kids[n->n++] = kid;
}

static void stmt_free(struct stmt *s)
{
	for (size_t i = 0; i < s->n; i++)
		node_free(s->args[i]);
	free(s->args);
	free(s->name);
}

void code_parse_free(struct code_expr *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		stmt_free(&c->stmts[i]);
	free(c->stmts);
	free(c->text);
	free(c);
}

/* ---- parser ---- */

struct parser {
	const char *text;
	const struct tok *toks;
	size_t pos;
	const char *why;
};

static const struct tok *peek(const struct parser *p)
{
	return &p->toks[p->pos];
}

static const struct tok *peek2(const struct parser *p)
{
	return p->toks[p->pos].kind == T_END ? &p->toks[p->pos] : &p->toks[p->pos + 1];
}

static bool at_op(const struct parser *p, enum op op)
{
	return peek(p)->kind == T_OP && peek(p)->op == (int)op;
}

static bool at_kw(const struct parser *p, enum kw kw)
{
	return peek(p)->kind == T_KW && peek(p)->op == (int)kw;
}

static bool at_end_of_stmt(const struct parser *p)
{
	return peek(p)->kind == T_NEWLINE || peek(p)->kind == T_END || at_op(p, OP_SEMI);
}

static struct node *parse_fail(struct parser *p, const char *why, struct node *partial)
{
	node_free(partial);
	if (!p->why)
		p->why = why;
	return NULL;
}

static bool tok_is(const struct parser *p, const struct tok *t, const char *name)
{
	return t->kind == T_NAME && t->end - t->start == strlen(name) &&
	       !memcmp(p->text + t->start, name, t->end - t->start);
}

static struct node *parse_expr(struct parser *p);
static struct node *parse_unary(struct parser *p);

static struct node *parse_paren(struct parser *p)
{
	p->pos++;
	if (at_op(p, OP_RPAREN))
		return parse_fail(p, "tuple", NULL);
	struct node *e = parse_expr(p);
	if (!e)
		return NULL;
	if (at_op(p, OP_COMMA))
		return parse_fail(p, "tuple", e);
	if (!at_op(p, OP_RPAREN))
		return parse_fail(p, "syntax error", e);
	p->pos++;
	return e;
}

static struct node *parse_atom(struct parser *p)
{
	const struct tok *t = peek(p);
	struct node *n;

	if (t->kind == T_OP && t->op == OP_LPAREN)
		return parse_paren(p);
	if (t->kind == T_INT || t->kind == T_FLOAT) {
		n = node_new(N_NUM);
		n->val = t->num;
	} else if (t->kind == T_KW && (t->op == KW_TRUE || t->op == KW_FALSE)) {
		n = node_new(N_NUM);
		n->val = (struct code_value){.kind = CODE_BOOL, .i = t->op == KW_TRUE};
	} else if (t->kind == T_NAME) {
		n = node_new(N_NAME);
		n->name = xstrndup(p->text + t->start, t->end - t->start);
	} else {
		return parse_fail(p, t->kind == T_STRING ? "string" : "syntax error", NULL);
	}
	p->pos++;
	if (at_op(p, OP_LPAREN))
		return parse_fail(p, "call", n);
	return n;
}

static struct node *binary(enum op op, struct node *a, struct node *b)
{
	struct node *n = node_new(N_BINARY);

	n->op = op;
	node_add(n, a);
	node_add(n, b);
	return n;
}

/* power: atom ['**' unary] — binds tighter than a unary minus on its left. */
static struct node *parse_power(struct parser *p)
{
	struct node *base = parse_atom(p);

	if (!base || !at_op(p, OP_POW))
		return base;
	p->pos++;
	struct node *exp = parse_unary(p);
	if (!exp)
		return parse_fail(p, "syntax error", base);
	return binary(OP_POW, base, exp);
}

static struct node *parse_unary(struct parser *p)
{
	if (!at_op(p, OP_ADD) && !at_op(p, OP_SUB) && !at_op(p, OP_INVERT))
		return parse_power(p);
	enum op op = peek(p)->op;
	p->pos++;
	struct node *a = parse_unary(p);
	if (!a)
		return NULL;
	struct node *n = node_new(N_UNARY);
	n->op = op;
	node_add(n, a);
	return n;
}

/* The binary levels, loosest first: | ^ & shifts additive multiplicative. */
static const enum op levels[][4] = {
    {OP_BITOR},	      {OP_BITXOR},	{OP_BITAND},
    {OP_SHL, OP_SHR}, {OP_ADD, OP_SUB}, {OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD},
};

static bool at_level_op(const struct parser *p, size_t level)
{
	for (size_t k = 0; k < 4 && levels[level][k]; k++)
		if (at_op(p, levels[level][k]))
			return true;
	return false;
}

static struct node *parse_level(struct parser *p, size_t level)
{
	if (level == ARRAY_SIZE(levels))
		return parse_unary(p);
	struct node *left = parse_level(p, level + 1);
	while (left && at_level_op(p, level)) {
		enum op op = peek(p)->op;
		p->pos++;
		struct node *right = parse_level(p, level + 1);
		if (!right)
			return parse_fail(p, "syntax error", left);
		left = binary(op, left, right);
	}
	return left;
}

static bool at_compare(const struct parser *p)
{
	const struct tok *t = peek(p);

	return t->kind == T_OP && t->op >= OP_LT && t->op <= OP_NE;
}

static struct node *parse_compare(struct parser *p)
{
	struct node *first = parse_level(p, 0);

	if (!first || !at_compare(p))
		return first;
	struct node *n = node_new(N_COMPARE);
	node_add(n, first);
	while (at_compare(p)) {
		n->ops = xrealloc(n->ops, n->n * sizeof(*n->ops));
		n->ops[n->n - 1] = peek(p)->op;
		p->pos++;
		struct node *next = parse_level(p, 0);
		if (!next)
			return parse_fail(p, "syntax error", n);
		node_add(n, next);
	}
	return n;
}

static struct node *parse_not(struct parser *p)
{
	if (!at_kw(p, KW_NOT))
		return parse_compare(p);
	p->pos++;
	struct node *a = parse_not(p);
	if (!a)
		return NULL;
	struct node *n = node_new(N_NOT);
	node_add(n, a);
	return n;
}

/* and_test / or_test: a flat list of operands. */
static struct node *parse_bool(struct parser *p, enum kw kw)
{
	struct node *first = kw == KW_OR ? parse_bool(p, KW_AND) : parse_not(p);

	if (!first || !at_kw(p, kw))
		return first;
	struct node *n = node_new(kw == KW_OR ? N_OR : N_AND);
	node_add(n, first);
	while (at_kw(p, kw)) {
		p->pos++;
		struct node *next = kw == KW_OR ? parse_bool(p, KW_AND) : parse_not(p);
		if (!next)
			return parse_fail(p, "syntax error", n);
		node_add(n, next);
	}
	return n;
}

static struct node *parse_expr(struct parser *p)
{
	return parse_bool(p, KW_OR);
}

static int stmt_add_arg(struct parser *p, struct stmt *s)
{
	struct node *e = parse_expr(p);

	if (!e)
		return -1;
	s->args = xrealloc(s->args, (s->n + 1) * sizeof(*s->args));
	s->args[s->n++] = e;
	return 0;
}

/* The operands after '%': one unary-level operand, or a parenthesized tuple. */
static int parse_message_operands(struct parser *p, struct node *m)
{
	struct node *e;

	if (!at_op(p, OP_LPAREN)) {
		if (!(e = parse_unary(p)))
			return -1;
		node_add(m, e);
		return 0;
	}
	p->pos++;
	while (!at_op(p, OP_RPAREN)) {
		if (!(e = parse_expr(p)))
			return -1;
		node_add(m, e);
		if (at_op(p, OP_COMMA))
			p->pos++;
		else if (!at_op(p, OP_RPAREN))
			return parse_fail(p, "syntax error", NULL), -1;
	}
	p->pos++;
	return 0;
}

/* An assert's message: 'text' or 'format' % operands, and nothing more. */
static struct node *parse_message(struct parser *p)
{
	struct node *m = node_new(N_MESSAGE);

	m->name = xstrdup(peek(p)->str);
	p->pos++;
	if (at_op(p, OP_MOD)) {
		p->pos++;
		m->op = OP_MOD;
		if (parse_message_operands(p, m))
			return parse_fail(p, "syntax error", m);
	}
	if (!at_end_of_stmt(p))
		return parse_fail(p, "string expression", m);
	return m;
}

static int parse_assert(struct parser *p, struct stmt *s)
{
	s->kind = S_ASSERT;
	p->pos++;
	s->expr_start = peek(p)->start;
	if (stmt_add_arg(p, s))
		return -1;
	s->expr_end = p->toks[p->pos - 1].end;
	if (!at_op(p, OP_COMMA))
		return 0;
	p->pos++;
	if (peek(p)->kind != T_STRING)
		return stmt_add_arg(p, s);
	struct node *m = parse_message(p);
	if (!m)
		return -1;
	s->args = xrealloc(s->args, (s->n + 1) * sizeof(*s->args));
	s->args[s->n++] = m;
	return 0;
}

/* print(a, b, ...) as a whole statement; a trailing comma is allowed. */
static int parse_print(struct parser *p, struct stmt *s)
{
	s->kind = S_PRINT;
	p->pos += 2;
	while (!at_op(p, OP_RPAREN)) {
		if (stmt_add_arg(p, s))
			return -1;
		if (at_op(p, OP_COMMA))
			p->pos++;
		else if (!at_op(p, OP_RPAREN))
			return parse_fail(p, "print() with more than positional arguments", NULL),
			       -1;
	}
	p->pos++;
	if (!at_end_of_stmt(p))
		return parse_fail(p, "print() inside an expression", NULL), -1;
	return 0;
}

static int parse_assign(struct parser *p, struct stmt *s)
{
	const struct tok *t = peek(p);

	s->kind = S_ASSIGN;
	s->name = xstrndup(p->text + t->start, t->end - t->start);
	s->op = peek2(p)->kind == T_AUGASSIGN ? (enum op)peek2(p)->op : OP_NONE;
	p->pos += 2;
	if (stmt_add_arg(p, s))
		return -1;
	if (at_op(p, OP_ASSIGN) || peek(p)->kind == T_AUGASSIGN)
		return parse_fail(p, "chained assignment", NULL), -1;
	return 0;
}

static int parse_stmt(struct parser *p, struct stmt *s)
{
	const struct tok *t = peek(p), *t2 = peek2(p);

	*s = (struct stmt){.start = t->start};
	if (t->kind == T_KW && t->op == KW_ASSERT)
		return parse_assert(p, s);
	if (tok_is(p, t, "print") && t2->kind == T_OP && t2->op == OP_LPAREN)
		return parse_print(p, s);
	if (t->kind == T_NAME &&
	    ((t2->kind == T_OP && t2->op == OP_ASSIGN) || t2->kind == T_AUGASSIGN))
		return parse_assign(p, s);
	s->kind = S_EXPR;
	if (stmt_add_arg(p, s))
		return -1;
	if (at_op(p, OP_ASSIGN) || peek(p)->kind == T_AUGASSIGN)
		return parse_fail(p, "assignment to something other than a name", NULL), -1;
	return 0;
}

/* One logical line: simple statements separated by ';' (a trailing ';' is allowed). */
static int parse_line(struct parser *p, struct code_expr *c)
{
	for (;;) {
		c->stmts = xrealloc(c->stmts, (c->n + 1) * sizeof(*c->stmts));
		if (parse_stmt(p, &c->stmts[c->n])) {
			stmt_free(&c->stmts[c->n]);
			return -1;
		}
		c->n++;
		if (at_op(p, OP_SEMI))
			p->pos++;
		else if (!at_end_of_stmt(p))
			return parse_fail(p, "syntax error", NULL), -1;
		if (peek(p)->kind == T_NEWLINE || peek(p)->kind == T_END)
			return 0;
	}
}

struct code_expr *code_parse(const char *text, const char **why)
{
	struct code_tokens lx;
	struct code_expr *c = NULL;

	if (code_lex(text, &lx, why))
		return NULL;
	struct parser p = {.text = text, .toks = lx.toks};
	c = xcalloc(1, sizeof(*c));
	c->text = xstrdup(text);
	while (peek(&p)->kind != T_END) {
		if (peek(&p)->kind == T_NEWLINE) {
			p.pos++;
			continue;
		}
		if (parse_line(&p, c)) {
			if (why)
				*why = p.why;
			code_parse_free(c);
			c = NULL;
			break;
		}
	}
	code_lex_free(&lx);
	return c;
}

static void node_names(const struct node *n, void (*fn)(void *, const char *, bool), void *ctx)
{
	if (n->kind == N_NAME)
		fn(ctx, n->name, false);
	for (size_t i = 0; i < n->n; i++)
		node_names(n->kids[i], fn, ctx);
}

void code_parse_names(const struct code_expr *c,
		      void (*fn)(void *ctx, const char *name, bool assigned), void *ctx)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct stmt *s = &c->stmts[i];
		if (s->kind == S_ASSIGN && s->op != OP_NONE)
			fn(ctx, s->name, false);
		for (size_t k = 0; k < s->n; k++)
			node_names(s->args[k], fn, ctx);
		if (s->kind == S_ASSIGN)
			fn(ctx, s->name, true);
	}
}
