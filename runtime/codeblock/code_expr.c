/* SPDX-License-Identifier: GPL-2.0-only */
/* code_expr: runs a parsed %{ }% block natively — values, user variables and an
 * evaluator with Python's integer semantics, assertion messages (spec §7.2). */
#include "runtime/codeblock/code_expr.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/codeblock/code_parse.h"
#include "parser/util/xalloc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- values ---- */

static struct code_value int_value(int64_t i)
{
	return (struct code_value){.kind = CODE_INT, .i = i};
}

static struct code_value bool_value(bool b)
{
	return (struct code_value){.kind = CODE_BOOL, .i = b};
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
	*dst = (struct code_vars){0};
	for (size_t i = 0; i < src->n; i++)
		vars_set(dst, src->names[i], src->values[i]);
}

void code_expr_vars_free(struct code_vars *vars)
{
	for (size_t i = 0; i < vars->n; i++)
		free(vars->names[i]);
	free(vars->names);
	free(vars->values);
	*vars = (struct code_vars){0};
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
	struct code_vars *vars; /* the block's working copy, or NULL */
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
	case OP_ADD:
		x = a + b;
		break;
	case OP_SUB:
		x = a - b;
		break;
	case OP_MUL:
		x = a * b;
		break;
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
	*r = (struct code_value){.kind = CODE_FLOAT, .f = x};
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
	case OP_ADD:
		overflow = __builtin_add_overflow(a, b, &x);
		break;
	case OP_SUB:
		overflow = __builtin_sub_overflow(a, b, &x);
		break;
	case OP_MUL:
		overflow = __builtin_mul_overflow(a, b, &x);
		break;
	case OP_FLOORDIV:
		if (floor_divmod(a, b, &x, &unused, why))
			return -1;
		break;
	case OP_MOD:
		if (floor_divmod(a, b, &unused, &x, why))
			return -1;
		break;
	case OP_SHL:
	case OP_SHR:
		if (int_shift(op, a, b, &x, why))
			return -1;
		break;
	case OP_POW:
		return int_pow(a, b, r, why);
	case OP_BITAND:
		x = a & b;
		break;
	case OP_BITOR:
		x = a | b;
		break;
	case OP_BITXOR:
		x = a ^ b;
		break;
	default:
		return *why = "operator", -1;
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
	case OP_LT:
		*res = c < 0;
		break;
	case OP_LE:
		*res = c <= 0;
		break;
	case OP_GT:
		*res = c > 0;
		break;
	case OP_GE:
		*res = c >= 0;
		break;
	case OP_EQ:
		*res = c == 0;
		break;
	default:
		*res = c != 0;
		break;
	}
	return 0;
}

static int unary_op(enum op op, const struct code_value *a, struct code_value *r, const char **why)
{
	if (a->kind == CODE_FLOAT) {
		if (op == OP_INVERT)
			return *why = "~ on a float", -1;
		*r = (struct code_value){.kind = CODE_FLOAT, .f = op == OP_SUB ? -a->f : a->f};
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
	strbuf_printf(out,
		      conv == 'x'   ? "%s%llx"
		      : conv == 'X' ? "%s%llX"
				    : "%s%llo",
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

static int exec_print(const struct eval *e, const struct stmt *s, struct strbuf *line,
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

static int exec_assign(const struct eval *e, const struct stmt *s, const char **why)
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
	if (s->op != OP_NONE &&
	    (resolve(e, s->name, &old, &kind, why) || binary_op(s->op, &old, &v, &v, why)))
		return -1;
	vars_set(e->vars, s->name, v);
	return 0;
}

enum code_status code_expr_eval(const struct code_expr *c, code_expr_lookup_fn *lookup, void *ctx,
				struct code_vars *vars, struct code_outcome *o)
{
	struct code_vars work = {0};
	struct eval e = {.lookup = lookup, .ctx = ctx, .vars = vars ? &work : NULL};
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
			rc = exec_print(&e, s, &line, &o->why);
			if (!rc)
				strbuf_append(&o->out, line.s, line.len);
			break;
		case S_ASSIGN:
			rc = exec_assign(&e, s, &o->why);
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
