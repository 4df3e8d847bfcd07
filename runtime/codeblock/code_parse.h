/* SPDX-License-Identifier: GPL-2.0-only */
/* code_parse: the recursive-descent parser of the Python subset in %{ }% blocks —
 * statements and expressions into a syntax tree (spec §7.2). */
#ifndef CODE_CODE_PARSE_H
#define CODE_CODE_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/codeblock/code_expr.h"
#include "runtime/codeblock/code_lex.h"

/* The syntax tree: a block is a list of statements over expression nodes. */

enum node_kind {
	N_NUM,
	N_NAME,
	N_UNARY,
	N_BINARY,
	N_NOT,
	N_AND,
	N_OR,
	N_COMPARE,
	N_MESSAGE, /* an assert's 'text' [% operands]: only evaluated when it fails */
};

struct node {
	enum node_kind kind;
	enum op op;	       /* N_UNARY, N_BINARY; N_MESSAGE: OP_MOD if formatted with % */
	struct code_value val; /* N_NUM */
	char *name;	       /* N_NAME; N_MESSAGE: the string */
	struct node **kids;    /* operands */
	enum op *ops;	       /* N_COMPARE: kids[i] ops[i] kids[i + 1] */
	size_t n;
};

enum stmt_kind { S_ASSERT, S_PRINT, S_ASSIGN, S_EXPR };

struct stmt {
	enum stmt_kind kind;
	size_t start;		     /* offset of its first token */
	size_t expr_start, expr_end; /* S_ASSERT: span of the tested expression */
	struct node **args;	     /* S_ASSERT: test [, message]; S_PRINT: arguments;
				      * S_ASSIGN, S_EXPR: the value */
	size_t n;
	char *name; /* S_ASSIGN: the target */
	enum op op; /* S_ASSIGN: OP_NONE for '=', else the augmented operator */
};

struct code_expr {
	char *text;
	struct stmt *stmts;
	size_t n;
};

/* Parses text (the subset code_expr.h describes). Returns the block (free
 * with code_parse_free), or NULL when the text is outside the native subset,
 * with *why (if why is non-NULL) set to a static description of the first
 * thing that is. */
struct code_expr *code_parse(const char *text, const char **why);

void code_parse_free(struct code_expr *c);

/* Calls fn for every name c uses, in source order: assigned is true for an
 * assignment's target (an augmented assignment reads it first). */
void code_parse_names(const struct code_expr *c,
		      void (*fn)(void *ctx, const char *name, bool assigned), void *ctx);

#endif
