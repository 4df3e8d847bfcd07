/* SPDX-License-Identifier: GPL-2.0-only */
/* code_expr: the native subset of the Python in %{ }% blocks: what it covers, its
 * values, and running a parsed block with Python's integer semantics (spec §7.2).
 * code_lex.c tokenizes a block and code_parse.c parses it. */
#ifndef CODE_CODE_EXPR_H
#define CODE_CODE_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/util/strbuf.h"

/*
 * The subset: statements `assert <expr>[, <expr>]`, `print(<expr>, ...)`,
 * `name = <expr>`, `name <op>= <expr>` and bare expressions, separated by
 * newlines or ';', with '#' comments and backslash continuations. Expressions:
 * integer literals (decimal, 0x, 0o, 0b), float literals, True, False, names,
 * parentheses, `or and not`, chained comparisons `< <= > >= == !=`,
 * `| ^ & << >> + - * / // % **` and unary `+ - ~`. An assert's message may
 * also be a string, plain or formatted with `'...' % operand(s)`; it is only
 * formatted (plain %d %i %u %s %r %x %X %o %%) when the assertion fails, as in
 * Python. Everything else (other strings, calls other than print, attributes,
 * subscripts, if/for/def/import, ...) is left to Python.
 *
 * Values are int64 (Python ints that fit), bool and double (true division
 * only). Whenever Python would do something this evaluator cannot mirror
 * exactly (an overflow, a division by zero, an unknown name), the whole block
 * falls back to Python, which then gives the real answer or the real error.
 */

enum code_kind { CODE_INT, CODE_BOOL, CODE_FLOAT };

struct code_value {
	enum code_kind kind;
	int64_t i; /* CODE_INT, CODE_BOOL (0 or 1) */
	double f;  /* CODE_FLOAT */
};

/* What the host knows about a name. */
enum code_name {
	CODE_NAME_UNKNOWN,  /* not the host's: a user variable if one was assigned */
	CODE_NAME_CONST,    /* a constant: left out of failure messages */
	CODE_NAME_VAR,	    /* a variable of the snapshot */
	CODE_NAME_RESERVED, /* the host's, but not usable natively now: fall back */
};

/* Resolves name; sets *v for CODE_NAME_CONST and CODE_NAME_VAR. */
typedef enum code_name code_expr_lookup_fn(void *ctx, const char *name, struct code_value *v);

/* Variables the code assigned, kept from block to block (Python runs all
 * blocks in one process). Zero-initialise; free with code_expr_vars_free(). */
struct code_vars {
	char **names;
	struct code_value *values;
	size_t n;
};

void code_expr_vars_free(struct code_vars *vars);

/* Appends "name = value\n" for every variable, in assignment order (the
 * Python that recreates them). */
void code_expr_vars_python(const struct code_vars *vars, struct strbuf *out);

/* True for the names besides the host's that a block must not assign
 * natively (print, and the _file and _line Python sets per block). */
bool code_expr_predefined(const char *name);

/* A parsed block (code/code_parse.h makes one). */
struct code_expr;

enum code_status {
	CODE_OK,	    /* every statement ran; every assertion held */
	CODE_ASSERT_FAILED, /* an assertion failed: see message and offset */
	CODE_FALLBACK,	    /* the block needs Python: see why */
};

/* What code_expr_eval() produced. Zero-initialise; free with code_expr_outcome_free(). */
struct code_outcome {
	struct strbuf out; /* what print() wrote (also on CODE_ASSERT_FAILED) */
	/* CODE_ASSERT_FAILED: "assertion failed: <expr> (<name>=<value>, ...)", the
	 * snapshot and user variables the assert used (not the constants), then
	 * ": <message>" if the message was a string. */
	char *message;
	size_t offset;	 /* CODE_ASSERT_FAILED: byte offset of the assert in the text */
	const char *why; /* CODE_FALLBACK: static reason */
};

/*
 * Runs c. Names are resolved with lookup(ctx, ...) first, then in vars. vars
 * is updated only if the result is CODE_OK; pass NULL when user variables
 * cannot be trusted (a block that Python runs later may change them): then any
 * assignment or user variable means CODE_FALLBACK. On CODE_FALLBACK nothing
 * happened: the caller discards o->out.
 */
enum code_status code_expr_eval(const struct code_expr *c, code_expr_lookup_fn *lookup, void *ctx,
				struct code_vars *vars, struct code_outcome *o);

void code_expr_outcome_free(struct code_outcome *o);

/* Appends Python's str() of v: 42, True, 0.5, 1e+16. */
void code_expr_format(const struct code_value *v, struct strbuf *out);

#endif
