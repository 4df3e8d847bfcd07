/* SPDX-License-Identifier: GPL-2.0-only */
/* code_coverage: counts the %{ }% blocks of .pkt scripts that pktdrill evaluates natively,
 * without python3 (built and run by tests/code_coverage.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/codeblock/code_expr.h"
#include "runtime/codeblock/code_parse.h"
#include "runtime/codeblock/tcp_info.h"
#include "parser/parse.h"

/* What one script's blocks have done so far, as code.c sees it. */
struct walk {
	const struct tcp_snapshot *snap;
	char **vars; /* user variables assigned by native blocks */
	size_t n_vars;
	size_t n_new;	   /* of which assigned by the current block (at the end) */
	bool deferred_any; /* a block went to Python: user variables are its */
	const char *why;
};

static bool is_var(const struct walk *w, const char *name)
{
	for (size_t i = 0; i < w->n_vars; i++)
		if (!strcmp(w->vars[i], name))
			return true;
	return false;
}

/* Mirrors code_expr_run's name rules without the values. */
static void check_name(void *ctx, const char *name, bool assigned)
{
	struct walk *w = ctx;
	struct code_value v;
	enum code_name kind = tcp_snapshot_lookup((void *)w->snap, name, &v);

	if (w->why)
		return;
	if (assigned && (kind != CODE_NAME_UNKNOWN || code_expr_predefined(name)))
		w->why = "an assignment to a predefined name";
	else if (kind == CODE_NAME_RESERVED)
		w->why = "a name the snapshot lacks (TCP_CC_INFO under cubic)";
	else if (kind == CODE_NAME_UNKNOWN && w->deferred_any)
		w->why = "a user variable after a block deferred to Python";
	else if (kind == CODE_NAME_UNKNOWN && assigned && !is_var(w, name)) {
		w->vars = realloc(w->vars, (w->n_vars + 1) * sizeof(*w->vars));
		w->vars[w->n_vars++] = strdup(name);
		w->n_new++;
	} else if (kind == CODE_NAME_UNKNOWN && !is_var(w, name))
		w->why = "unknown name";
}

/* Returns whether the block would run natively; *why otherwise. */
static bool block_native(struct walk *w, const char *code, const char **why)
{
	struct code_expr *c = code_parse(code, why);

	if (!c)
		return false;
	w->why = NULL;
	w->n_new = 0;
	code_parse_names(c, check_name, w);
	code_parse_free(c);
	if (!w->why)
		return true;
	/* The block's own assignments do not happen. */
	for (; w->n_new; w->n_new--)
		free(w->vars[--w->n_vars]);
	*why = w->why;
	return false;
}

static int count_script(const char *path, const struct tcp_snapshot *snap, bool verbose,
			size_t *native, size_t *total)
{
	struct defines defs = {0};
	struct diag d;
	struct script *s = NULL;
	struct walk w = {.snap = snap};

	defines_set(&defs, "TFO_COOKIE", "3021b9d889017eeb");
	defines_set(&defs, "CODE", "host_unreachable");
	defines_set(&defs, "CMSG_LEVEL_IP", "SOL_IP");
	defines_set(&defs, "CMSG_TYPE_RECVERR", "IP_RECVERR");
	diag_init(&d, path, NULL, 0, NULL);
	int rc = parse_file(path, &defs, &d, &s);
	for (size_t i = 0; !rc && i < s->n_events; i++) {
		const struct event *ev = &s->events[i];
		const char *why = NULL;
		if (ev->kind != EVENT_CODE)
			continue;
		(*total)++;
		if (block_native(&w, ev->code, &why)) {
			(*native)++;
		} else {
			w.deferred_any = true;
			if (verbose)
				printf("%s:%u: python3: %s\n", path, ev->loc.line, why);
		}
	}
	if (rc)
		fprintf(stderr, "%s: cannot parse\n", path);
	for (size_t i = 0; i < w.n_vars; i++)
		free(w.vars[i]);
	free(w.vars);
	if (s)
		script_free(s);
	diag_free(&d);
	defines_free(&defs);
	return rc;
}

int main(int argc, char **argv)
{
	struct tcp_snapshot snap;
	size_t native = 0, total = 0;
	bool verbose = argc > 1 && !strcmp(argv[1], "-v");
	int bad = 0;

	/* What a snapshot defines under cubic: TCP_INFO and SO_MEMINFO, no TCP_CC_INFO. */
	tcp_snapshot_init(&snap);
	for (size_t i = 0; i < tcp_snapshot_count(); i++) {
		const char *name = tcp_snapshot_name(i);
		if (!strncmp(name, "tcpi_", 5) || !strncmp(name, "SK_MEMINFO_", 11))
			tcp_snapshot_set(&snap, name, 1);
	}
	for (int i = verbose ? 2 : 1; i < argc; i++)
		bad |= count_script(argv[i], &snap, verbose, &native, &total) != 0;
	printf("%zu %zu\n", native, total);
	return bad;
}
