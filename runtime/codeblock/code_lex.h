/* SPDX-License-Identifier: GPL-2.0-only */
/* code_lex: the tokenizer of the Python subset in %{ }% blocks — names, numbers with
 * Python's literal forms, strings, operators, keywords and logical lines (spec §7.2). */
#ifndef CODE_CODE_LEX_H
#define CODE_CODE_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/codeblock/code_expr.h"
#include "parser/util/strbuf.h"

enum tok_kind { T_END, T_NEWLINE, T_NAME, T_INT, T_FLOAT, T_OP, T_AUGASSIGN, T_KW, T_STRING };

enum op {
	OP_NONE,
	OP_LPAREN,
	OP_RPAREN,
	OP_COMMA,
	OP_SEMI,
	OP_ASSIGN,
	OP_BITOR,
	OP_BITXOR,
	OP_BITAND,
	OP_SHL,
	OP_SHR,
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_FLOORDIV,
	OP_MOD,
	OP_POW,
	OP_INVERT,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_EQ,
	OP_NE,
};

enum kw { KW_AND, KW_OR, KW_NOT, KW_ASSERT, KW_TRUE, KW_FALSE };

struct tok {
	enum tok_kind kind;
	int op;		       /* T_OP, T_AUGASSIGN: enum op; T_KW: enum kw */
	size_t start, end;     /* byte span in the text */
	struct code_value num; /* T_INT, T_FLOAT */
	char *str;	       /* T_STRING: the decoded text (owned) */
};

struct code_tokens {
	struct tok *toks; /* owned; the last one is T_END */
	size_t n;
};

/* Tokenizes text (NUL-terminated). Returns 0 and the tokens (free them with
 * code_lex_free), or -1 with *why (static text, if why is not NULL) for
 * something outside the subset: the block then goes to Python. */
int code_lex(const char *text, struct code_tokens *out, const char **why)
    __attribute__((warn_unused_result));

void code_lex_free(struct code_tokens *t);

/* Appends the tokens of text, space-separated ("NAME:x OP:< INT:3 NEWLINE
 * END"), for tests. Returns 0, or -1 at the first token outside the subset
 * (*why set; the tokens before it are appended). */
int code_lex_dump(const char *text, struct strbuf *out, const char **why);

#endif
