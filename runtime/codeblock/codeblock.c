/* SPDX-License-Identifier: GPL-2.0-only */
/* codeblock: %{ }% code events — the snapshot at the event's time, native evaluation of the blocks
 * within code_expr's subset, and one Python run at the end for the others (spec §7.2). */
#include "runtime/codeblock/codeblock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/codeblock/code_expr.h"
#include "runtime/codeblock/code_parse.h"
#include "runtime/codeblock/tcp_info.h"
#include "runtime/context/command.h"
#include "parser/util/xalloc.h"

/* A block left to Python, with what it needs to run at the end. */
struct deferred {
	const struct event *ev;
	struct tcp_snapshot snap;
	char *vars; /* Python recreating the user variables the native blocks set, or NULL */
};

struct code_state {
	struct code_vars vars; /* user variables of the blocks run natively */
	bool deferred_any;     /* from now on user variables belong to Python */
	struct deferred *deferred;
	size_t n_deferred;
};

/*
 * The start of the Python file. The excepthook reports "<script>:<line>: error
 * in Python code" for the block that raised, then the traceback with the
 * frames of this (deleted) temporary file renumbered to script lines. The one
 * %s is the table of (first line here, last line here, first script line) per
 * block, on a single line so that the preamble's length is fixed.
 */
static const char preamble[] =
    "import sys\n"
    "import traceback\n"
    "\n"
    "_pktdrill_blocks = (%s)\n"
    "\n"
    "def _pktdrill_excepthook(etype, value, tb):\n"
    "    sys.stderr.write('%%s:%%d: error in Python code\\n' %% (_file, _line))\n"
    "    sys.stderr.write('Traceback (most recent call last):\\n')\n"
    "    for f in traceback.extract_tb(tb):\n"
    "        name, line = f.filename, f.lineno\n"
    "        for first, last, start in _pktdrill_blocks:\n"
    "            if name == __file__ and first <= line <= last:\n"
    "                name, line = _file, start + line - first\n"
    "        sys.stderr.write('  File \"%%s\", line %%d, in %%s\\n' %% (name, line, f.name))\n"
    "        if f.line:\n"
    "            sys.stderr.write('    %%s\\n' %% f.line)\n"
    "    sys.stderr.write(''.join(traceback.format_exception_only(etype, value)))\n"
    "\n"
    "sys.excepthook = _pktdrill_excepthook\n"
    "\n";

static struct code_state *code_state(struct run *r)
{
	if (!r->code)
		r->code = xcalloc(1, sizeof(*r->code));
	return r->code;
}

static size_t count_newlines(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

/* Where ev's code text starts in the script: byte offset and line. Returns
 * false if the text there is not the code (then only ev's line is known). */
static bool code_origin(const struct run *r, const struct event *ev, uint32_t *off, uint32_t *line)
{
	const char *text = r->script->text;

	if (!text || ev->loc.start >= r->script->text_len)
		return false;
	const char *open = strstr(text + ev->loc.start, "%{");
	if (!open)
		return false;
	const char *p = open + 2;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, ev->code, strlen(ev->code)))
		return false;
	*off = (uint32_t)(p - text);
	*line =
	    ev->loc.line + (uint32_t)count_newlines(text + ev->loc.start, p - text - ev->loc.start);
	return true;
}

static int take_snapshot(struct run *r, const struct event *ev, struct tcp_snapshot *snap)
{
	const struct conn *s = r->fds.tested;

	if (!s) {
		run_error(r, ev, "runtime error in code: no socket to use for code");
		return -1;
	}
	if (conn_live_fd(s) < 0 || tcp_snapshot_take(conn_live_fd(s), snap)) {
		run_error(r, ev, "runtime error in code: can't find getsockopt to get TCP info");
		return -1;
	}
	return 0;
}

/* Reports a failed assertion at its own line (blocks can span lines). */
static void report_assert(struct run *r, const struct event *ev, size_t offset, const char *msg)
{
	struct event at = *ev;
	uint32_t off, line;

	if (code_origin(r, ev, &off, &line)) {
		at.loc.line = line + (uint32_t)count_newlines(ev->code, offset);
		at.loc.start = off + (uint32_t)offset;
	}
	run_error(r, &at, "%s", msg);
}

/* Returns 1 if the block ran natively, 0 if it needs Python (*why says why),
 * -1 if an assertion failed (reported). */
static int eval_natively(struct run *r, const struct event *ev, struct tcp_snapshot *snap,
			 const char **why)
{
	struct code_state *cs = code_state(r);
	struct code_expr *c = code_parse(ev->code, why);
	struct code_outcome o = {0};

	if (!c)
		return 0;
	enum code_status st =
	    code_expr_eval(c, tcp_snapshot_lookup, snap, cs->deferred_any ? NULL : &cs->vars, &o);
	if (st != CODE_FALLBACK && o.out.len) {
		fwrite(o.out.s, 1, o.out.len, stdout);
		fflush(stdout);
	}
	if (st == CODE_ASSERT_FAILED)
		report_assert(r, ev, o.offset, o.message);
	*why = o.why;
	code_expr_outcome_free(&o);
	code_parse_free(c);
	return st == CODE_OK ? 1 : st == CODE_ASSERT_FAILED ? -1 : 0;
}

static void defer(struct code_state *cs, const struct event *ev, const struct tcp_snapshot *snap)
{
	struct deferred *d;

	cs->deferred = xrealloc(cs->deferred, (cs->n_deferred + 1) * sizeof(*cs->deferred));
	d = &cs->deferred[cs->n_deferred++];
	*d = (struct deferred){.ev = ev, .snap = *snap};
	/* The first block Python runs inherits the variables the native blocks set. */
	if (!cs->deferred_any && cs->vars.n) {
		struct strbuf sb = STRBUF_INIT;
		code_expr_vars_python(&cs->vars, &sb);
		d->vars = strbuf_take(&sb);
	}
	cs->deferred_any = true;
}

/* Whether the first word of the code command names a program we could run:
 * a path, or a name found in PATH (as the shell will look it up). */
static bool command_found(const char *command)
{
	size_t len = strcspn(command, " \t");
	char *prog = xstrndup(command, len);
	const char *path = getenv("PATH");
	bool found = false;

	if (!len || strpbrk(command, "'\"$`\\=;|&<>()"))
		found = true; /* shell syntax: the shell's business */
	else if (strchr(prog, '/'))
		found = !access(prog, X_OK);
	else
		for (const char *dir = path ? path : "/usr/bin:/bin"; !found && dir;) {
			size_t n = strcspn(dir, ":");
			char *file = NULL;

			if (asprintf(&file, "%.*s/%s", (int)n, n ? dir : ".", prog) > 0)
				found = !access(file, X_OK);
			free(file);
			dir = dir[n] ? dir + n + 1 : NULL;
		}
	free(prog);
	return found;
}

int codeblock_event(struct run *r, const struct event *ev)
{
	struct tcp_snapshot snap;
	const char *why = NULL;

	if (take_snapshot(r, ev, &snap))
		return -1;
	int rc = eval_natively(r, ev, &snap, &why);
	if (rc)
		return rc < 0 ? -1 : 0;
	if (r->cfg->debug)
		fprintf(stderr, "%s:%u: debug: %%{ }%% block left to %s (%s)\n", r->script->path,
			ev->loc.line, r->cfg->code_command, why ? why : "?");
	/* Said now, at the block, rather than by the shell after the last event. */
	if (!command_found(r->cfg->code_command)) {
		run_error(r, ev,
			  "runtime error in code: this %%{ }%% block needs '%s' (--code_command), "
			  "which is not found: the native evaluator does not cover it (%s)",
			  r->cfg->code_command, why ? why : "outside the subset");
		return -1;
	}
	defer(code_state(r), ev, &snap);
	return 0;
}

/* A Python string literal for s. */
static void python_string(const char *s, struct strbuf *out)
{
	strbuf_append(out, "'", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == '\'')
			strbuf_printf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			strbuf_printf(out, "\\x%02x", c);
		else
			strbuf_append(out, s, 1);
	}
	strbuf_append(out, "'", 1);
}

/* The whole Python file: preamble, then per block its snapshot, the user
 * variables (first block only), _file, _line and the code verbatim. */
static char *python_file(struct run *r)
{
	const struct code_state *cs = r->code;
	struct strbuf body = STRBUF_INIT, table = STRBUF_INIT, file = STRBUF_INIT;
	size_t base = count_newlines(preamble, sizeof(preamble) - 1) + 1;

	for (size_t i = 0; i < cs->n_deferred; i++) {
		const struct deferred *d = &cs->deferred[i];
		uint32_t off, line = d->ev->loc.line;
		tcp_snapshot_python(&d->snap, &body);
		if (d->vars)
			strbuf_printf(&body, "%s", d->vars);
		strbuf_printf(&body, "_file = ");
		python_string(r->script->path, &body);
		strbuf_printf(&body, "\n_line = %u\n", d->ev->loc.line);
		size_t first = base + count_newlines(body.s, body.len);
		code_origin(r, d->ev, &off, &line);
		strbuf_printf(&table, "(%zu, %zu, %u), ", first,
			      first + count_newlines(d->ev->code, strlen(d->ev->code)), line);
		strbuf_printf(&body, "%s\n\n\n", d->ev->code);
	}
	strbuf_printf(&file, preamble, strbuf_str(&table));
	strbuf_printf(&file, "%s", strbuf_str(&body));
	strbuf_free(&body);
	strbuf_free(&table);
	return strbuf_take(&file);
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Runs `<code_command> <path>`; reports a failure. */
static int exec_code_command(struct run *r, const char *path)
{
	struct strbuf cmd = STRBUF_INIT, err = STRBUF_INIT;

	fflush(stdout);
	fflush(stderr);
	strbuf_printf(&cmd, "%s %s", r->cfg->code_command, path);
	int rc = command_exec(strbuf_str(&cmd), &err);
	if (rc && !strncmp(strbuf_str(&err), "non-zero status", 15))
		run_error(r, NULL, "error executing code: '%s' returned %s", r->cfg->code_command,
			  strbuf_str(&err));
	else if (rc)
		run_error(r, NULL, "error executing code: '%s': %s", r->cfg->code_command,
			  strbuf_str(&err));
	strbuf_free(&cmd);
	strbuf_free(&err);
	return rc ? -1 : 0;
}

int codeblock_finish(struct run *r)
{
	char path[] = "/tmp/code_XXXXXX";

	if (!r->code || !r->code->n_deferred)
		return 0;
	char *text = python_file(r);
	int fd = mkstemp(path);
	if (fd < 0) {
		run_error(r, NULL, "error executing code: cannot create %s: %s", path,
			  strerror(errno));
		free(text);
		return -1;
	}
	int rc = write_all(fd, text, strlen(text));
	if (close(fd) || rc) {
		run_error(r, NULL, "error executing code: cannot write %s: %s", path,
			  strerror(errno));
		rc = -1;
	} else {
		rc = exec_code_command(r, path);
	}
	unlink(path);
	free(text);
	return rc;
}

void codeblock_free(struct run *r)
{
	struct code_state *cs = r->code;

	if (!cs)
		return;
	for (size_t i = 0; i < cs->n_deferred; i++)
		free(cs->deferred[i].vars);
	free(cs->deferred);
	code_expr_vars_free(&cs->vars);
	free(cs);
	r->code = NULL;
}
