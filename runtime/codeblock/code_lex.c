/* SPDX-License-Identifier: GPL-2.0-only */
/* code_lex: the tokenizer of the Python subset in %{ }% blocks — names, numbers with
 * Python's literal forms, strings, operators, keywords and logical lines (spec §7.2). */
#include "runtime/codeblock/code_lex.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util/xalloc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

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

static const char *const kw_table[] = {
    [KW_AND] = "and",	    [KW_OR] = "or",	[KW_NOT] = "not",
    [KW_ASSERT] = "assert", [KW_TRUE] = "True", [KW_FALSE] = "False",
};

/* Python keywords outside the subset: a block using one goes to Python. */
static const char *const other_keywords[] = {
    "None",   "as",	"async", "await",  "break",   "class",	  "continue", "def",
    "del",    "elif",	"else",	 "except", "finally", "for",	  "from",     "global",
    "if",     "import", "in",	 "is",	   "lambda",  "nonlocal", "pass",     "raise",
    "return", "try",	"while", "with",   "yield",
};

struct lexer {
	const char *text;
	size_t pos;
	int depth;	 /* open parentheses: newlines inside do not end a statement */
	bool line_start; /* at the start of a logical line */
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
	lx->toks[lx->n++] = (struct tok){.kind = kind, .op = op, .start = start, .end = lx->pos};
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
		int d = isdigit((unsigned char)c)    ? c - '0'
			: isxdigit((unsigned char)c) ? tolower((unsigned char)c) - 'a' + 10
						     : 99;
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
	lx->toks[lx->n - 1].num = (struct code_value){.kind = CODE_INT, .i = v};
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
	struct code_value v = {.kind = CODE_INT};
	if (is_float) {
		v = (struct code_value){.kind = CODE_FLOAT, .f = strtod(buf, NULL)};
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
	case '\\':
		return '\\';
	case '\'':
		return '\'';
	case '"':
		return '"';
	case 'n':
		return '\n';
	case 't':
		return '\t';
	default:
		return 0;
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
	*lx = (struct lexer){.text = text, .line_start = true};
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
    [T_END] = "END",	   [T_NEWLINE] = "NEWLINE", [T_NAME] = "NAME",
    [T_INT] = "INT",	   [T_FLOAT] = "FLOAT",	    [T_OP] = "OP",
    [T_AUGASSIGN] = "AUG", [T_KW] = "KW",	    [T_STRING] = "STR",
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

int code_lex_dump(const char *text, struct strbuf *out, const char **why)
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

int code_lex(const char *text, struct code_tokens *out, const char **why)
{
	struct lexer lx;
	int rc = lex_all(&lx, text);

	if (rc) {
		if (why)
			*why = lx.why;
		lex_free(&lx);
		*out = (struct code_tokens){0};
		return rc;
	}
	*out = (struct code_tokens){.toks = lx.toks, .n = lx.n};
	return 0;
}

void code_lex_free(struct code_tokens *t)
{
	struct lexer lx = {.toks = t->toks, .n = t->n};

	lex_free(&lx);
	*t = (struct code_tokens){0};
}
