/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_check: the system-call events of a script checked against the system-call
 * and symbol tables before the run — names, argument counts, symbols, errno names, results. */
#include "runtime/syscalls/syscall_check.h"

#include <string.h>

#include "parser/util/suggest.h"
#include "runtime/syscalls/symbols.h"
#include "runtime/syscalls/syscall.h"

struct check {
	struct diag *d;
	syscall_check_define_fn *harness;
};

/* Which names a word is compared with for "did you mean". */
enum name_kind { NAMES_SYMBOLS, NAMES_ERRNOS, NAMES_STATES };

/* Reports "<what> 'word'" at loc, with the nearest names of that kind. */
static void unknown(struct diag *d, struct loc loc, const char *what, const char *word,
		    enum name_kind kind)
{
	struct strbuf msg = STRBUF_INIT;
	struct suggest s;
	int64_t v;
	int e;

	suggest_init(&s, word);
	if (kind == NAMES_STATES) {
		/* numbered from 1 (TCP_ESTABLISHED) */
		for (int i = 1; symbols_tcp_state_name(i); i++)
			suggest_add(&s, symbols_tcp_state_name(i));
	} else {
		for (size_t i = 0; i < symbols_count(); i++) {
			const char *name = symbols_at(i, &v);

			if (kind == NAMES_SYMBOLS || symbols_errno_value(name, &e))
				suggest_add(&s, name);
		}
	}
	strbuf_printf(&msg, "%s '%s'", what, word);
	/* a word a define replaced: say which, as the caret shows the name */
	if (d->text && loc.end <= d->text_len && loc.end > loc.start &&
	    (strlen(word) != loc.end - loc.start ||
	     strncmp(d->text + loc.start, word, strlen(word))))
		strbuf_printf(&msg, " (the value of %.*s)", (int)(loc.end - loc.start),
			      d->text + loc.start);
	suggest_append(&s, NULL, &msg);
	diag_error(d, loc, "%s", strbuf_str(&msg));
	strbuf_free(&msg);
}

static void check_symbol(const struct check *c, const char *name, struct loc loc)
{
	int64_t v;

	if (symbols_lookup(name, &v) || (c->harness && c->harness(name)))
		return;
	unknown(c->d, loc, "unknown symbol", name, NAMES_SYMBOLS);
}

/* The NAME of NAME=value. */
static struct loc key_loc(const struct expr *kv)
{
	struct loc loc = kv->loc;
	size_t n = strlen(kv->text);

	if (loc.start + n < loc.end)
		loc.end = loc.start + (uint32_t)n;
	return loc;
}

static bool is_fielded(enum expr_kind kind)
{
	switch (kind) {
	case EXPR_LINGER:
	case EXPR_IOVEC:
	case EXPR_MSGHDR:
	case EXPR_CMSG:
	case EXPR_POLLFD:
	case EXPR_EPOLLEV:
	case EXPR_SCM_TIMESTAMPING:
	case EXPR_SOCK_EXTENDED_ERR:
		return true;
	default:
		return false;
	}
}

/* Every word the run would look up as a symbol. A fielded struct's items are
 * "field=value" (the field is no symbol); elsewhere "NAME=value" names a
 * symbol (TCP_NLA_X). */
static void check_expr(const struct check *c, const struct expr *e)
{
	/* a | b | c ... nests to the left: walk that chain instead of recursing */
	for (; e; e = e->lhs) {
		if (e->kind == EXPR_WORD)
			check_symbol(c, e->text, e->loc);
		else if (e->kind == EXPR_KEYVAL)
			check_symbol(c, e->text, key_loc(e));
		if (e->kind == EXPR_SOCKADDR_IN || e->kind == EXPR_MPLS_STACK ||
		    e->kind == EXPR_GRE)
			return;
		check_expr(c, e->rhs);
		for (size_t i = 0; i < e->n_items; i++) {
			const struct expr *item = e->items[i];

			if (is_fielded(e->kind) && item->kind == EXPR_KEYVAL)
				check_expr(c, item->rhs);
			else
				check_expr(c, item);
		}
	}
}

static void check_arity(struct diag *d, const struct syscall_spec *sc,
			const struct syscall_desc *desc)
{
	int n = (int)sc->n_args;

	if (n >= desc->min_args && n <= desc->max_args)
		return;
	if (desc->min_args == desc->max_args)
		diag_error(d, sc->name_loc, "%s() takes %d argument%s, not %d", sc->name,
			   desc->min_args, desc->min_args == 1 ? "" : "s", n);
	else
		diag_error(d, sc->name_loc, "%s() takes %d to %d arguments, not %d", sc->name,
			   desc->min_args, desc->max_args, n);
}

static void check_result(const struct check *c, const struct syscall_spec *sc,
			 const struct syscall_desc *desc)
{
	const struct expr *r = sc->result;
	int64_t v;
	int state;

	if (r->kind == EXPR_INTEGER)
		return;
	if (desc->symbolic_result && r->kind == EXPR_WORD) {
		if (!symbols_tcp_state_value(r->text, &state) || !symbols_lookup(r->text, &v))
			unknown(c->d, r->loc, "unknown TCP state", r->text, NAMES_STATES);
		return;
	}
	const char *want = desc->symbolic_result ? "an integer or a TCP state name"
						 : "an integer (it is not evaluated)";
	if (r->kind == EXPR_WORD)
		diag_error(c->d, r->loc, "the expected result must be %s, not the word '%s'", want,
			   r->text);
	else
		diag_error(c->d, r->loc, "the expected result must be %s, not a value of type %s",
			   want, expr_kind_name(r->kind));
}

static void check_call(const struct check *c, const struct syscall_spec *sc)
{
	const struct syscall_desc *desc = syscall_find(sc->name);
	int e;

	if (!desc) {
		struct suggest s;
		struct strbuf msg = STRBUF_INIT;

		suggest_init(&s, sc->name);
		for (size_t i = 0; i < syscall_count(); i++)
			suggest_add(&s, syscall_at(i)->name);
		strbuf_printf(&msg, "unknown system call '%s'", sc->name);
		suggest_append(&s, NULL, &msg);
		diag_error(c->d, sc->name_loc, "%s", strbuf_str(&msg));
		strbuf_free(&msg);
		return;
	}
	check_arity(c->d, sc, desc);
	for (size_t i = 0; i < sc->n_args; i++)
		check_expr(c, sc->args[i]);
	if (sc->errno_name && !symbols_errno_value(sc->errno_name, &e))
		unknown(c->d, sc->errno_loc, "unknown errno name", sc->errno_name, NAMES_ERRNOS);
	check_result(c, sc, desc);
}

int syscall_check_script(const struct script *s, syscall_check_define_fn *harness, struct diag *d)
{
	const struct check c = {.d = d, .harness = harness};
	int before = d->n_errors;

	for (size_t i = 0; i < s->n_events; i++)
		if (s->events[i].kind == EVENT_SYSCALL)
			check_call(&c, s->events[i].syscall);
	return d->n_errors - before;
}
