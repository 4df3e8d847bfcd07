/* code_expr: the native subset of the Python in %{ }% blocks — a tokenizer, a
 * recursive-descent parser and an evaluator with Python's integer semantics (spec §7.2). */
#include "code/code_expr.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- tokens ---- */

enum tok_kind { T_END, T_NEWLINE, T_NAME, T_INT, T_FLOAT, T_OP, T_AUGASSIGN, T_KW, T_STRING };

enum op {
	OP_NONE,
	OP_LPAREN, OP_RPAREN, OP_COMMA, OP_SEMI, OP_ASSIGN,
	OP_BITOR, OP_BITXOR, OP_BITAND, OP_SHL, OP_SHR,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW, OP_INVERT,
	OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
};

/* Longest first, so that "**=" wins over "**" and "*". */
static const struct {
	const char *text;
	enum op op;
	bool aug;
} op_table[] = {
	/* clang-format off */
	{ "**=", OP_POW, true }, { "//=", OP_FLOORDIV, true }, { "<<=", OP_SHL, true },
	{ ">>=", OP_SHR, true }, { "+=", OP_ADD, true }, { "-=", OP_SUB, true },
	{ "*=", OP_MUL, true }, { "/=", OP_DIV, true }, { "%=", OP_MOD, true },
	{ "&=", OP_BITAND, true }, { "|=", OP_BITOR, true }, { "^=", OP_BITXOR, true },
	{ "**", OP_POW, false }, { "//", OP_FLOORDIV, false }, { "<<", OP_SHL, false },
	{ ">>", OP_SHR, false }, { "<=", OP_LE, false }, { ">=", OP_GE, false },
	{ "==", OP_EQ, false }, { "!=", OP_NE, false }, { "(", OP_LPAREN, false },
	{ ")", OP_RPAREN, false }, { ",", OP_COMMA, false }, { ";", OP_SEMI, false },
	{ "=", OP_ASSIGN, false }, { "|", OP_BITOR, false }, { "^", OP_BITXOR, false },
	{ "&", OP_BITAND, false }, { "+", OP_ADD, false }, { "-", OP_SUB, false },
	{ "*", OP_MUL, false }, { "/", OP_DIV, false }, { "%", OP_MOD, false },
	{ "~", OP_INVERT, false }, { "<", OP_LT, false }, { ">", OP_GT, false },
	/* clang-format on */
};

enum kw { KW_AND, KW_OR, KW_NOT, KW_ASSERT, KW_TRUE, KW_FALSE };

static const char *const kw_table[] = {
	[KW_AND] = "and", [KW_OR] = "or", [KW_NOT] = "not",
	[KW_ASSERT] = "assert", [KW_TRUE] = "True", [KW_FALSE] = "False",
};

/* Python keywords outside the subset: a block using one goes to Python. */
static const char *const other_keywords[] = {
	"None", "as", "async", "await", "break", "class", "continue", "def", "del", "elif",
	"else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
	"lambda", "nonlocal", "pass", "raise", "return", "try", "while", "with", "yield",
};

struct tok {
	enum tok_kind kind;
	int op;			/* T_OP, T_AUGASSIGN: enum op; T_KW: enum kw */
	size_t start, end;	/* byte span in the text */
	struct code_value num;	/* T_INT, T_FLOAT */
	char *str;		/* T_STRING: the decoded text (owned) */
};

struct lexer {
	const char *text;
	size_t pos;
	int depth;		/* open parentheses: newlines inside do not end a statement */
	bool line_start;	/* at the start of a logical line */
	struct tok *toks;
	size_t n, cap;
	const char *why;
};

static int lex_fail(struct lexer *lx, const char *why)
{
	lx->why = why;
	return -1;
}

static void lex_push(struct lexer *lx, enum tok_kind kind, int op, size_t start)
{
	if (lx->n == lx->cap) {
		lx->cap = lx->cap ? 2 * lx->cap : 16;
		lx->toks = xrealloc(lx->toks, lx->cap * sizeof(*lx->toks));
	}
	lx->toks[lx->n++] = (struct tok){ .kind = kind, .op = op, .start = start, .end = lx->pos };
}

/* A NEWLINE ends a non-empty logical line (blank lines make no token). */
static void lex_newline(struct lexer *lx)
{
	if (lx->n && lx->toks[lx->n - 1].kind != T_NEWLINE)
		lex_push(lx, T_NEWLINE, 0, lx->pos);
}

/* Python rejects an indented line where no block opens: leave it to Python. */
static int lex_indent(struct lexer *lx)
{
	const char *s = lx->text + lx->pos;
	size_t i = 0;

	lx->line_start = false;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\f')
		i++;
	if (i && s[i] && s[i] != '\n' && s[i] != '\r' && s[i] != '#')
		return lex_fail(lx, "indented line");
	return 0;
}

/* Skips blanks, comments, continuations and newlines. Returns 1 if it skipped
 * something, 0 if at a token, -1 on a stray backslash. */
static int lex_skip(struct lexer *lx)
{
	const char *s = lx->text + lx->pos;

	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f') {
		lx->pos++;
	} else if (*s == '#') {
		while (lx->text[lx->pos] && lx->text[lx->pos] != '\n')
			lx->pos++;
	} else if (*s == '\\' && (s[1] == '\n' || s[1] == '\0')) {
		/* At the very end the continuation joins the blank line written after the block. */
		lx->pos += s[1] ? 2 : 1;
	} else if (*s == '\\' && s[1] == '\r' && s[2] == '\n') {
		lx->pos += 3;
	} else if (*s == '\\') {
		return lex_fail(lx, "backslash");
	} else if (*s == '\n') {
		lx->pos++;
		if (lx->depth == 0) {
			lex_newline(lx);
			lx->line_start = true;
		}
	} else {
		return 0;
	}
	return 1;
}

/* Digits of base with single '_' between them, appended to buf. Returns the
 * count, or -1 if malformed. */
static int scan_digits(const char *s, size_t *i, int base, char *buf, size_t *nb, size_t cap)
{
	int count = 0;

	for (;;) {
		char c = s[*i];
		int d = isdigit((unsigned char)c) ? c - '0'
			: isxdigit((unsigned char)c) ? tolower((unsigned char)c) - 'a' + 10 : 99;
		if (c == '_' && count) {
			char n = s[*i + 1];
			int nd = isdigit((unsigned char)n)    ? n - '0'
				 : isxdigit((unsigned char)n) ? tolower((unsigned char)n) - 'a' + 10
							      : 99;
			if (nd >= base)
				return -1;
			(*i)++;
			continue;
		}
		if (d >= base)
			return count;
		if (*nb + 1 >= cap)
			return -1;
		buf[(*nb)++] = c;
		buf[*nb] = '\0';
		(*i)++;
		count++;
	}
}

static int lex_int_value(struct lexer *lx, const char *digits, int base, int64_t *out)
{
	uint64_t v = 0;

	for (const char *p = digits; *p; p++) {
		int d =
		    isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10;
		if (__builtin_mul_overflow(v, (uint64_t)base, &v) ||
		    __builtin_add_overflow(v, (uint64_t)d, &v))
			return lex_fail(lx, "integer too large");
	}
	if (v > INT64_MAX)
		return lex_fail(lx, "integer too large");
	*out = (int64_t)v;
	return 0;
}

/* 0x.., 0o.., 0b.. */
static int lex_prefixed(struct lexer *lx, int base)
{
	const char *s = lx->text + lx->pos;
	char buf[80] = "";
	size_t i = 2, nb = 0;
	size_t start = lx->pos;

	if (s[i] == '_')
		i++;
	if (scan_digits(s, &i, base, buf, &nb, sizeof(buf)) <= 0)
		return lex_fail(lx, "malformed number");
	if (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.')
		return lex_fail(lx, "malformed number");
	int64_t v;
	if (lex_int_value(lx, buf, base, &v))
		return -1;
	lx->pos += i;
	lex_push(lx, T_INT, 0, start);
	lx->toks[lx->n - 1].num = (struct code_value){ .kind = CODE_INT, .i = v };
	return 0;
}

/* The fraction and exponent of a float literal, after the integer digits. */
static int scan_float_tail(const char *s, size_t *i, char *buf, size_t *nb, size_t cap)
{
	if (s[*i] == '.') {
		buf[(*nb)++] = '.';
		(*i)++;
		if (isdigit((unsigned char)s[*i]) && scan_digits(s, i, 10, buf, nb, cap) < 0)
			return -1;
	}
	if (s[*i] == 'e' || s[*i] == 'E') {
		buf[(*nb)++] = 'e';
		(*i)++;
		if (s[*i] == '+' || s[*i] == '-')
			buf[(*nb)++] = s[(*i)++];
		buf[*nb] = '\0';
		if (scan_digits(s, i, 10, buf, nb, cap) <= 0)
			return -1;
	}
	buf[*nb] = '\0';
	return 0;
}

static int lex_number(struct lexer *lx)
{
	const char *s = lx->text + lx->pos;
	char buf[80] = "";
	size_t i = 0, nb = 0, start = lx->pos;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return lex_prefixed(lx, 16);
	if (s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
		return lex_prefixed(lx, 8);
	if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		return lex_prefixed(lx, 2);
	if (isdigit((unsigned char)s[0]) && scan_digits(s, &i, 10, buf, &nb, sizeof(buf)) < 0)
		return lex_fail(lx, "malformed number");
	bool is_float = s[i] == '.' || s[i] == 'e' || s[i] == 'E';
	if (is_float && scan_float_tail(s, &i, buf, &nb, sizeof(buf) - 4) < 0)
		return lex_fail(lx, "malformed number");
	if (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.')
		return lex_fail(lx, "malformed number");
	struct code_value v = { .kind = CODE_INT };
	if (is_float) {
		v = (struct code_value){ .kind = CODE_FLOAT, .f = strtod(buf, NULL) };
		if (!isfinite(v.f))
			return lex_fail(lx, "float out of range");
	} else if (buf[0] == '0' && strspn(buf, "0") != strlen(buf)) {
		return lex_fail(lx, "leading zeros in a decimal integer");
	} else if (lex_int_value(lx, buf, 10, &v.i)) {
		return -1;
	}
	lx->pos += i;
	lex_push(lx, is_float ? T_FLOAT : T_INT, 0, start);
	lx->toks[lx->n - 1].num = v;
	return 0;
}

static int lex_name(struct lexer *lx)
{
	size_t start = lx->pos;

	while (isalnum((unsigned char)lx->text[lx->pos]) || lx->text[lx->pos] == '_')
		lx->pos++;
	if ((unsigned char)lx->text[lx->pos] >= 0x80)
		return lex_fail(lx, "non-ASCII name");
	size_t len = lx->pos - start;
	for (size_t k = 0; k < ARRAY_SIZE(kw_table); k++)
		if (strlen(kw_table[k]) == len && !memcmp(kw_table[k], lx->text + start, len)) {
			lex_push(lx, T_KW, (int)k, start);
			return 0;
		}
	for (size_t k = 0; k < ARRAY_SIZE(other_keywords); k++)
		if (strlen(other_keywords[k]) == len &&
		    !memcmp(other_keywords[k], lx->text + start, len))
			return lex_fail(lx, "Python keyword outside the subset");
	lex_push(lx, T_NAME, 0, start);
	return 0;
}

/* The character a backslash escape stands for, or 0 if it is not one of ours. */
static char string_escape(char c)
{
	switch (c) {
	case '\\': return '\\';
	case '\'': return '\'';
	case '"': return '"';
	case 'n': return '\n';
	case 't': return '\t';
	default: return 0;
	}
}

/* A one-line '...' or "..." literal with the common escapes (anything else,
 * prefixes and triple quotes are left to Python). */
static int lex_string(struct lexer *lx)
{
	const char *s = lx->text + lx->pos;
	struct strbuf sb = STRBUF_INIT;
	size_t i = 1, start = lx->pos;

	if (s[1] == s[0] && s[2] == s[0])
		return lex_fail(lx, "triple-quoted string");
	strbuf_append(&sb, "", 0);
	for (; s[i] != s[0]; i++) {
		char c = s[i] == '\\' ? string_escape(s[i + 1]) : s[i];
		if (!c || s[i] == '\n' || (unsigned char)s[i] >= 0x80) {
			strbuf_free(&sb);
			return lex_fail(lx, "string");
		}
		i += s[i] == '\\';
		strbuf_append(&sb, &c, 1);
	}
	lx->pos += i + 1;
	lex_push(lx, T_STRING, 0, start);
	lx->toks[lx->n - 1].str = strbuf_take(&sb);
	if (!lx->toks[lx->n - 1].str)
		lx->toks[lx->n - 1].str = xstrdup("");
	return 0;
}

static int lex_op(struct lexer *lx)
{
	const char *s = lx->text + lx->pos;
	size_t start = lx->pos;

	if (*s == '\'' || *s == '"')
		return lex_string(lx);
	for (size_t k = 0; k < ARRAY_SIZE(op_table); k++) {
		size_t len = strlen(op_table[k].text);
		if (strncmp(s, op_table[k].text, len))
			continue;
		enum op op = op_table[k].op;
		if (op == OP_LPAREN)
			lx->depth++;
		if (op == OP_RPAREN && --lx->depth < 0)
			return lex_fail(lx, "unbalanced ')'");
		lx->pos += len;
		lex_push(lx, op_table[k].aug ? T_AUGASSIGN : T_OP, op, start);
		return 0;
	}
	return lex_fail(lx, "operator or punctuation outside the subset");
}

static int lex_token(struct lexer *lx)
{
	char c = lx->text[lx->pos];

	if (isdigit((unsigned char)c) ||
	    (c == '.' && isdigit((unsigned char)lx->text[lx->pos + 1])))
		return lex_number(lx);
	if (isalpha((unsigned char)c) || c == '_')
		return lex_name(lx);
	if ((unsigned char)c >= 0x80)
		return lex_fail(lx, "non-ASCII text");
	return lex_op(lx);
}

/* Tokenizes the whole text; the last token is T_END. Returns 0 or -1 (lx->why). */
static int lex_all(struct lexer *lx, const char *text)
{
	*lx = (struct lexer){ .text = text, .line_start = true };
	for (;;) {
		if (lx->line_start && lx->depth == 0 && lex_indent(lx))
			return -1;
		int skipped = lex_skip(lx);
		if (skipped < 0)
			return -1;
		if (skipped)
			continue;
		if (!lx->text[lx->pos])
			break;
		if (lex_token(lx))
			return -1;
	}
	if (lx->depth)
		return lex_fail(lx, "unclosed '('");
	lex_newline(lx);
	lex_push(lx, T_END, 0, lx->pos);
	return 0;
}

static const char *const tok_kind_names[] = {
	[T_END] = "END", [T_NEWLINE] = "NEWLINE", [T_NAME] = "NAME", [T_INT] = "INT",
	[T_FLOAT] = "FLOAT", [T_OP] = "OP", [T_AUGASSIGN] = "AUG", [T_KW] = "KW",
	[T_STRING] = "STR",
};

static void lex_free(struct lexer *lx)
{
	for (size_t i = 0; i < lx->n; i++)
		free(lx->toks[i].str);
	free(lx->toks);
}

static void tok_dump(const char *text, const struct tok *t, struct strbuf *out)
{
	if (out->len)
		strbuf_append(out, " ", 1);
	strbuf_printf(out, "%s", tok_kind_names[t->kind]);
	if (t->kind == T_INT || t->kind == T_FLOAT) {
		strbuf_append(out, ":", 1);
		code_expr_format(&t->num, out);
	} else if (t->kind == T_STRING) {
		strbuf_printf(out, ":%s", t->str);
	} else if (t->kind != T_END && t->kind != T_NEWLINE) {
		strbuf_printf(out, ":%.*s", (int)(t->end - t->start), text + t->start);
	}
}

int code_expr_tokens(const char *text, struct strbuf *out, const char **why)
{
	struct lexer lx;
	int rc = lex_all(&lx, text);

	for (size_t i = 0; i < lx.n; i++)
		tok_dump(text, &lx.toks[i], out);
	if (rc && why)
		*why = lx.why;
	lex_free(&lx);
	return rc;
}

/* ---- syntax tree ---- */

enum node_kind {
	N_NUM, N_NAME, N_UNARY, N_BINARY, N_NOT, N_AND, N_OR, N_COMPARE,
	N_MESSAGE,	/* an assert's 'text' [% operands]: only evaluated when it fails */
};

struct node {
	enum node_kind kind;
	enum op op;		/* N_UNARY, N_BINARY; N_MESSAGE: OP_MOD if formatted with % */
	struct code_value val;	/* N_NUM */
	char *name;		/* N_NAME; N_MESSAGE: the string */
	struct node **kids;	/* operands */
	enum op *ops;		/* N_COMPARE: kids[i] ops[i] kids[i + 1] */
	size_t n;
};

enum stmt_kind { S_ASSERT, S_PRINT, S_ASSIGN, S_EXPR };

struct stmt {
	enum stmt_kind kind;
	size_t start;			/* offset of its first token */
	size_t expr_start, expr_end;	/* S_ASSERT: span of the tested expression */
	struct node **args;		/* S_ASSERT: test [, message]; S_PRINT: arguments;
					 * S_ASSIGN, S_EXPR: the value */
	size_t n;
	char *name;			/* S_ASSIGN: the target */
	enum op op;			/* S_ASSIGN: OP_NONE for '=', else the augmented operator */
};

struct code_expr {
	char *text;
	struct stmt *stmts;
	size_t n;
};

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

void code_expr_free(struct code_expr *c)
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
		n->val = (struct code_value){ .kind = CODE_BOOL, .i = t->op == KW_TRUE };
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
	{ OP_BITOR }, { OP_BITXOR }, { OP_BITAND }, { OP_SHL, OP_SHR },
	{ OP_ADD, OP_SUB }, { OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD },
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

	*s = (struct stmt){ .start = t->start };
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

struct code_expr *code_expr_parse(const char *text, const char **why)
{
	struct lexer lx;
	struct code_expr *c = NULL;

	if (lex_all(&lx, text)) {
		if (why)
			*why = lx.why;
		lex_free(&lx);
		return NULL;
	}
	struct parser p = { .text = text, .toks = lx.toks };
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
			code_expr_free(c);
			c = NULL;
			break;
		}
	}
	lex_free(&lx);
	return c;
}

static void node_names(const struct node *n, void (*fn)(void *, const char *, bool), void *ctx)
{
	if (n->kind == N_NAME)
		fn(ctx, n->name, false);
	for (size_t i = 0; i < n->n; i++)
		node_names(n->kids[i], fn, ctx);
}

void code_expr_names(const struct code_expr *c,
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

/* ---- values ---- */

static struct code_value int_value(int64_t i)
{
	return (struct code_value){ .kind = CODE_INT, .i = i };
}

static struct code_value bool_value(bool b)
{
	return (struct code_value){ .kind = CODE_BOOL, .i = b };
}

static bool truth(const struct code_value *v)
{
	return v->kind == CODE_FLOAT ? v->f != 0 : v->i != 0;
}

/* Python's repr() of a float: the shortest digits that read back the same,
 * positional for exponents -4..15, else scientific with at least 2 exponent digits. */
static void format_float(double f, struct strbuf *out)
{
	char buf[48], digits[24];
	int nd = 0;

	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, f);
		if (strtod(buf, NULL) == f)
			break;
	}
	const char *s = buf + (buf[0] == '-');
	for (; *s && *s != 'e'; s++)
		if (isdigit((unsigned char)*s))
			digits[nd++] = *s;
	int exp = atoi(s + 1);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	if (buf[0] == '-')
		strbuf_append(out, "-", 1);
	if (exp < -4 || exp >= 16) {
		strbuf_append(out, digits, 1);
		if (nd > 1)
			strbuf_printf(out, ".%.*s", nd - 1, digits + 1);
		strbuf_printf(out, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
	} else if (exp < 0) {
		strbuf_printf(out, "0.%.*s%.*s", -exp - 1, "0000", nd, digits);
	} else {
		for (int i = 0; i <= exp; i++)
			strbuf_append(out, i < nd ? &digits[i] : "0", 1);
		if (nd > exp + 1)
			strbuf_printf(out, ".%.*s", nd - exp - 1, digits + exp + 1);
		else
			strbuf_append(out, ".0", 2);
	}
}

void code_expr_format(const struct code_value *v, struct strbuf *out)
{
	if (v->kind == CODE_BOOL)
		strbuf_printf(out, "%s", v->i ? "True" : "False");
	else if (v->kind == CODE_FLOAT)
		format_float(v->f, out);
	else
		strbuf_printf(out, "%lld", (long long)v->i);
}

/* ---- user variables ---- */

static int vars_find(const struct code_vars *vars, const char *name)
{
	for (size_t i = 0; vars && i < vars->n; i++)
		if (!strcmp(vars->names[i], name))
			return (int)i;
	return -1;
}

static void vars_set(struct code_vars *vars, const char *name, struct code_value v)
{
	int i = vars_find(vars, name);

	if (i >= 0) {
		vars->values[i] = v;
		return;
	}
	vars->names = xrealloc(vars->names, (vars->n + 1) * sizeof(*vars->names));
	vars->values = xrealloc(vars->values, (vars->n + 1) * sizeof(*vars->values));
	vars->names[vars->n] = xstrdup(name);
	vars->values[vars->n++] = v;
}

static void vars_copy(struct code_vars *dst, const struct code_vars *src)
{
	*dst = (struct code_vars){ 0 };
	for (size_t i = 0; i < src->n; i++)
		vars_set(dst, src->names[i], src->values[i]);
}

void code_expr_vars_free(struct code_vars *vars)
{
	for (size_t i = 0; i < vars->n; i++)
		free(vars->names[i]);
	free(vars->names);
	free(vars->values);
	*vars = (struct code_vars){ 0 };
}

void code_expr_vars_python(const struct code_vars *vars, struct strbuf *out)
{
	for (size_t i = 0; i < vars->n; i++) {
		strbuf_printf(out, "%s = ", vars->names[i]);
		code_expr_format(&vars->values[i], out);
		strbuf_append(out, "\n", 1);
	}
}

/* ---- evaluation ---- */

struct eval {
	code_expr_lookup_fn *lookup;
	void *ctx;
	struct code_vars *vars;	/* the block's working copy, or NULL */
};

static int resolve(const struct eval *e, const char *name, struct code_value *v,
		   enum code_name *kind, const char **why)
{
	enum code_name k = e->lookup ? e->lookup(e->ctx, name, v) : CODE_NAME_UNKNOWN;
	int i;

	if (k == CODE_NAME_CONST || k == CODE_NAME_VAR) {
		*kind = k;
		return 0;
	}
	if (k == CODE_NAME_RESERVED)
		return *why = "a snapshot name this snapshot lacks, or a value past int64", -1;
	if (!e->vars)
		return *why = "a user variable after a block deferred to Python", -1;
	i = vars_find(e->vars, name);
	if (i < 0)
		return *why = "unknown name", -1;
	*v = e->vars->values[i];
	*kind = CODE_NAME_VAR;
	return 0;
}

static int to_double(const struct code_value *v, double *d, const char **why)
{
	const int64_t exact = (int64_t)1 << 53;

	if (v->kind == CODE_FLOAT) {
		*d = v->f;
		return 0;
	}
	if (v->i > exact || v->i < -exact)
		return *why = "an int too large to convert exactly to float", -1;
	*d = (double)v->i;
	return 0;
}

static int float_op(enum op op, double a, double b, struct code_value *r, const char **why)
{
	double x;

	switch (op) {
	case OP_ADD: x = a + b; break;
	case OP_SUB: x = a - b; break;
	case OP_MUL: x = a * b; break;
	case OP_DIV:
		if (b == 0)
			return *why = "division by zero", -1;
		x = a / b;
		break;
	default:
		return *why = "this operator on a float", -1;
	}
	if (!isfinite(x))
		return *why = "float overflow", -1;
	*r = (struct code_value){ .kind = CODE_FLOAT, .f = x };
	return 0;
}

/* Python's // and %: the quotient rounds down, the remainder takes the divisor's sign. */
static int floor_divmod(int64_t a, int64_t b, int64_t *q, int64_t *m, const char **why)
{
	if (b == 0)
		return *why = "division by zero", -1;
	if (a == INT64_MIN && b == -1)
		return *why = "integer overflow", -1;
	*q = a / b;
	*m = a % b;
	if (*m != 0 && ((*m < 0) != (b < 0))) {
		(*q)--;
		*m += b;
	}
	return 0;
}

static int int_pow(int64_t a, int64_t b, struct code_value *r, const char **why)
{
	int64_t result = 1, base = a;

	/* Python gives a float computed by the C library's pow(): leave that to Python. */
	if (b < 0)
		return *why = "a negative exponent", -1;
	while (b) {
		if ((b & 1) && __builtin_mul_overflow(result, base, &result))
			return *why = "integer overflow", -1;
		b >>= 1;
		if (b && __builtin_mul_overflow(base, base, &base))
			return *why = "integer overflow", -1;
	}
	*r = int_value(result);
	return 0;
}

static int int_shift(enum op op, int64_t a, int64_t b, int64_t *r, const char **why)
{
	if (b < 0)
		return *why = "negative shift count", -1;
	if (op == OP_SHR) {
		*r = b >= 64 ? (a < 0 ? -1 : 0) : a >> b;
		return 0;
	}
	if (a == 0) {
		*r = 0;
		return 0;
	}
	if (b >= 64 || a > (INT64_MAX >> b) || a < (INT64_MIN >> b))
		return *why = "integer overflow", -1;
	*r = (int64_t)((uint64_t)a << b);
	return 0;
}

/* Both operands are ints or bools. */
static int int_op(enum op op, const struct code_value *av, const struct code_value *bv,
		  struct code_value *r, const char **why)
{
	int64_t a = av->i, b = bv->i, x = 0, unused;
	bool overflow = false;

	switch (op) {
	case OP_ADD: overflow = __builtin_add_overflow(a, b, &x); break;
	case OP_SUB: overflow = __builtin_sub_overflow(a, b, &x); break;
	case OP_MUL: overflow = __builtin_mul_overflow(a, b, &x); break;
	case OP_FLOORDIV: if (floor_divmod(a, b, &x, &unused, why)) return -1; break;
	case OP_MOD: if (floor_divmod(a, b, &unused, &x, why)) return -1; break;
	case OP_SHL: case OP_SHR: if (int_shift(op, a, b, &x, why)) return -1; break;
	case OP_POW: return int_pow(a, b, r, why);
	case OP_BITAND: x = a & b; break;
	case OP_BITOR: x = a | b; break;
	case OP_BITXOR: x = a ^ b; break;
	default: return *why = "operator", -1;
	}
	if (overflow)
		return *why = "integer overflow", -1;
	bool bitwise = op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR;
	*r = bitwise && av->kind == CODE_BOOL && bv->kind == CODE_BOOL ? bool_value(x)
								       : int_value(x);
	return 0;
}

static int binary_op(enum op op, const struct code_value *a, const struct code_value *b,
		     struct code_value *r, const char **why)
{
	double da, db;

	if (op == OP_DIV || a->kind == CODE_FLOAT || b->kind == CODE_FLOAT) {
		if (to_double(a, &da, why) || to_double(b, &db, why))
			return -1;
		return float_op(op, da, db, r, why);
	}
	return int_op(op, a, b, r, why);
}

static int compare(enum op op, const struct code_value *a, const struct code_value *b, bool *res,
		   const char **why)
{
	int c;

	if (a->kind == CODE_FLOAT || b->kind == CODE_FLOAT) {
		double da, db;
		if (to_double(a, &da, why) || to_double(b, &db, why))
			return -1;
		c = (da > db) - (da < db);
	} else {
		c = (a->i > b->i) - (a->i < b->i);
	}
	switch (op) {
	case OP_LT: *res = c < 0; break;
	case OP_LE: *res = c <= 0; break;
	case OP_GT: *res = c > 0; break;
	case OP_GE: *res = c >= 0; break;
	case OP_EQ: *res = c == 0; break;
	default: *res = c != 0; break;
	}
	return 0;
}

static int unary_op(enum op op, const struct code_value *a, struct code_value *r, const char **why)
{
	if (a->kind == CODE_FLOAT) {
		if (op == OP_INVERT)
			return *why = "~ on a float", -1;
		*r = (struct code_value){ .kind = CODE_FLOAT, .f = op == OP_SUB ? -a->f : a->f };
		return 0;
	}
	if (op == OP_SUB && a->i == INT64_MIN)
		return *why = "integer overflow", -1;
	*r = int_value(op == OP_SUB ? -a->i : op == OP_INVERT ? ~a->i : a->i);
	return 0;
}

static int eval_node(const struct eval *e, const struct node *n, struct code_value *r,
		     const char **why);

static int eval_compare(const struct eval *e, const struct node *n, struct code_value *r,
			const char **why)
{
	struct code_value left, right;
	bool holds = true;

	if (eval_node(e, n->kids[0], &left, why))
		return -1;
	for (size_t i = 1; i < n->n && holds; i++) {
		if (eval_node(e, n->kids[i], &right, why) ||
		    compare(n->ops[i - 1], &left, &right, &holds, why))
			return -1;
		left = right;
	}
	*r = bool_value(holds);
	return 0;
}

/* `and` / `or` return the operand that decided, as Python does. */
static int eval_bool_op(const struct eval *e, const struct node *n, struct code_value *r,
			const char **why)
{
	for (size_t i = 0; i < n->n; i++) {
		if (eval_node(e, n->kids[i], r, why))
			return -1;
		if (truth(r) == (n->kind == N_OR))
			break;
	}
	return 0;
}

static int eval_node(const struct eval *e, const struct node *n, struct code_value *r,
		     const char **why)
{
	struct code_value a, b;
	enum code_name kind;

	switch (n->kind) {
	case N_NUM:
		*r = n->val;
		return 0;
	case N_NAME:
		return resolve(e, n->name, r, &kind, why);
	case N_UNARY:
		return eval_node(e, n->kids[0], &a, why) || unary_op(n->op, &a, r, why) ? -1 : 0;
	case N_BINARY:
		if (eval_node(e, n->kids[0], &a, why) || eval_node(e, n->kids[1], &b, why))
			return -1;
		return binary_op(n->op, &a, &b, r, why);
	case N_NOT:
		if (eval_node(e, n->kids[0], &a, why))
			return -1;
		*r = bool_value(!truth(&a));
		return 0;
	case N_AND:
	case N_OR:
		return eval_bool_op(e, n, r, why);
	case N_COMPARE:
		return eval_compare(e, n, r, why);
	case N_MESSAGE:
		break;
	}
	return *why = "internal error", -1;
}

/* ---- failure messages ---- */

/* One %-conversion of Python's printf-style formatting. */
static int format_one(char conv, const struct code_value *v, struct strbuf *out, const char **why)
{
	int64_t i = v->i;

	if (conv == 's' || conv == 'r') {
		code_expr_format(v, out);
		return 0;
	}
	if (v->kind == CODE_FLOAT) {
		/* %d truncates a float; %x and %o refuse one. */
		if (conv != 'd' && conv != 'i' && conv != 'u')
			return *why = "%x or %o of a float", -1;
		if (!(v->f > -9.2e18 && v->f < 9.2e18))
			return *why = "a float too large for %d", -1;
		i = (int64_t)v->f;
	}
	if (conv == 'd' || conv == 'i' || conv == 'u') {
		strbuf_printf(out, "%lld", (long long)i);
		return 0;
	}
	uint64_t mag = i < 0 ? -(uint64_t)i : (uint64_t)i;
	strbuf_printf(out, conv == 'x' ? "%s%llx" : conv == 'X' ? "%s%llX" : "%s%llo",
		      i < 0 ? "-" : "", (unsigned long long)mag);
	return 0;
}

/* An assert's message: the string, or Python's 'format' % operands for plain
 * %d %i %u %s %r %x %X %o %% (flags, widths and the rest are Python's). */
static int format_message(const struct eval *e, const struct node *m, struct strbuf *out,
			  const char **why)
{
	size_t next = 0;

	for (const char *f = m->name; *f; f++) {
		if (m->op != OP_MOD || *f != '%') {
			strbuf_append(out, f, 1);
			continue;
		}
		char conv = *++f;
		if (conv == '%') {
			strbuf_append(out, "%", 1);
			continue;
		}
		if (!conv || !strchr("diusrxXo", conv))
			return *why = "a format Python must do", -1;
		struct code_value v;
		if (next == m->n)
			return *why = "not enough arguments for format string", -1;
		if (eval_node(e, m->kids[next++], &v, why) || format_one(conv, &v, out, why))
			return -1;
	}
	if (m->op == OP_MOD && next != m->n)
		return *why = "not all arguments converted during string formatting", -1;
	return 0;
}

/* The expression's source on one line: continuations and comments dropped,
 * runs of blanks made one space. */
static void compact_source(const char *s, size_t len, struct strbuf *out)
{
	bool space = false;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '#') {
			while (i + 1 < len && s[i + 1] != '\n')
				i++;
			space = true;
		} else if (isspace((unsigned char)s[i]) || s[i] == '\\') {
			space = true;
		} else {
			if (space && out->len)
				strbuf_append(out, " ", 1);
			space = false;
			strbuf_append(out, &s[i], 1);
		}
	}
}

static void collect_names(const struct node *n, const char ***names, size_t *count)
{
	if (n->kind == N_NAME) {
		for (size_t i = 0; i < *count; i++)
			if (!strcmp((*names)[i], n->name))
				return;
		*names = xrealloc(*names, (*count + 1) * sizeof(**names));
		(*names)[(*count)++] = n->name;
	}
	for (size_t i = 0; i < n->n; i++)
		collect_names(n->kids[i], names, count);
}

/* " (a=1, b=2)" for the variables (not the constants) the assert used. */
static void describe_names(const struct eval *e, const struct stmt *s, struct strbuf *out)
{
	const char **names = NULL;
	size_t count = 0, shown = 0;

	for (size_t i = 0; i < s->n; i++)
		collect_names(s->args[i], &names, &count);
	for (size_t i = 0; i < count; i++) {
		struct code_value v;
		enum code_name kind;
		const char *why;
		if (resolve(e, names[i], &v, &kind, &why) || kind == CODE_NAME_CONST)
			continue;
		strbuf_printf(out, "%s%s=", shown++ ? ", " : " (", names[i]);
		code_expr_format(&v, out);
	}
	if (shown)
		strbuf_append(out, ")", 1);
	free(names);
}

static enum code_status assert_failed(const struct code_expr *c, const struct eval *e,
				      const struct stmt *s, struct code_outcome *o)
{
	struct strbuf msg = STRBUF_INIT, text = STRBUF_INIT;
	struct code_value unused;
	const struct node *m = s->n > 1 ? s->args[1] : NULL;

	/* Python evaluates the message too; if that fails, so does the block natively. */
	if (m && (m->kind == N_MESSAGE ? format_message(e, m, &text, &o->why)
				       : eval_node(e, m, &unused, &o->why))) {
		strbuf_free(&text);
		return CODE_FALLBACK;
	}
	strbuf_printf(&msg, "assertion failed: ");
	compact_source(c->text + s->expr_start, s->expr_end - s->expr_start, &msg);
	describe_names(e, s, &msg);
	if (m && m->kind == N_MESSAGE)
		strbuf_printf(&msg, ": %s", strbuf_str(&text));
	strbuf_free(&text);
	o->message = strbuf_take(&msg);
	o->offset = s->start;
	return CODE_ASSERT_FAILED;
}

/* ---- statements ---- */

bool code_expr_predefined(const char *name)
{
	/* print() is called natively; Python resets _file and _line before every block. */
	return !strcmp(name, "print") || !strcmp(name, "_file") || !strcmp(name, "_line");
}

static int run_print(const struct eval *e, const struct stmt *s, struct strbuf *line,
		     const char **why)
{
	for (size_t i = 0; i < s->n; i++) {
		struct code_value v;
		if (eval_node(e, s->args[i], &v, why))
			return -1;
		if (i)
			strbuf_append(line, " ", 1);
		code_expr_format(&v, line);
	}
	strbuf_append(line, "\n", 1);
	return 0;
}

static int run_assign(const struct eval *e, const struct stmt *s, const char **why)
{
	struct code_value v, old;
	enum code_name kind;

	if (!e->vars)
		return *why = "an assignment after a block deferred to Python", -1;
	if (code_expr_predefined(s->name) ||
	    (e->lookup && e->lookup(e->ctx, s->name, &old) != CODE_NAME_UNKNOWN))
		return *why = "an assignment to a predefined name", -1;
	if (eval_node(e, s->args[0], &v, why))
		return -1;
	if (s->op != OP_NONE && (resolve(e, s->name, &old, &kind, why) ||
				 binary_op(s->op, &old, &v, &v, why)))
		return -1;
	vars_set(e->vars, s->name, v);
	return 0;
}

enum code_status code_expr_run(const struct code_expr *c, code_expr_lookup_fn *lookup, void *ctx,
			       struct code_vars *vars, struct code_outcome *o)
{
	struct code_vars work = { 0 };
	struct eval e = { .lookup = lookup, .ctx = ctx, .vars = vars ? &work : NULL };
	struct strbuf line = STRBUF_INIT;
	enum code_status status = CODE_OK;
	struct code_value v;

	if (vars)
		vars_copy(&work, vars);
	for (size_t i = 0; i < c->n && status == CODE_OK; i++) {
		const struct stmt *s = &c->stmts[i];
		int rc = 0;
		switch (s->kind) {
		case S_ASSERT:
			rc = eval_node(&e, s->args[0], &v, &o->why);
			if (!rc && !truth(&v))
				status = assert_failed(c, &e, s, o);
			break;
		case S_PRINT:
			strbuf_reset(&line);
			rc = run_print(&e, s, &line, &o->why);
			if (!rc)
				strbuf_append(&o->out, line.s, line.len);
			break;
		case S_ASSIGN:
			rc = run_assign(&e, s, &o->why);
			break;
		case S_EXPR:
			rc = eval_node(&e, s->args[0], &v, &o->why);
			break;
		}
		if (rc)
			status = CODE_FALLBACK;
	}
	if (status == CODE_OK && vars) {
		code_expr_vars_free(vars);
		*vars = work;
	} else {
		code_expr_vars_free(&work);
	}
	strbuf_free(&line);
	return status;
}

void code_expr_outcome_free(struct code_outcome *o)
{
	strbuf_free(&o->out);
	free(o->message);
	o->message = NULL;
}
