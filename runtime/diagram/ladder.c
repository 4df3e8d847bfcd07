/* SPDX-License-Identifier: GPL-2.0-only */
/* ladder: a run's record as the rows of a ladder diagram, independent of how it is drawn. */
#include "runtime/diagram/ladder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "parser/util/xalloc.h"
#include "runtime/context/recorder.h"
#include "runtime/context/run_state.h"
#include "runtime/context/tcp_state.h"

static const char *const mode_names[] = {
    [IP_MODE_UNSET] = "ipv4",
    [IP_MODE_IPV4] = "ipv4",
    [IP_MODE_IPV4_MAPPED_IPV6] = "ipv4-mapped-ipv6",
    [IP_MODE_IPV6] = "ipv6",
};

/* The script's own time of each event (usecs): absolute times as written,
 * relative ones added to the event before's. Caller frees. */
static int64_t *nominal_times(const struct script *s)
{
	int64_t *t = xcalloc(s->n_events ? s->n_events : 1, sizeof(*t)), prev = 0;

	for (size_t i = 0; i < s->n_events; i++) {
		const struct event_time *et = &s->events[i].time;
		if (et->kind == TIME_ABSOLUTE || et->kind == TIME_ABSOLUTE_RANGE)
			prev = et->start_usecs;
		else if (et->kind != TIME_ANY)
			prev += et->start_usecs;
		t[i] = prev;
	}
	return t;
}

/* "fd 3 (listener)", "fd 4", "fd 5 (UDP)", "child (not accepted)". */
static char *column_name(const struct conn *c)
{
	struct strbuf sb = STRBUF_INIT;

	if (c->fd)
		strbuf_printf(&sb, "fd %d", c->fd->script_fd);
	else
		strbuf_printf(&sb, "child (not accepted)");
	if (c->state == CONN_PASSIVE_LISTENING)
		strbuf_printf(&sb, " (listener)");
	else if (c->type == SOCK_DGRAM)
		strbuf_printf(&sb, " (UDP)");
	return strbuf_take(&sb);
}

static void header(const struct run *r, struct ladder *l)
{
	const struct recorder *rec = r->rec;
	const char *name = strrchr(r->script->path, '/');
	struct strbuf sb = STRBUF_INIT;

	l->title = xstrdup(name ? name + 1 : r->script->path);
	l->failed = r->failed || rec->failed;
	strbuf_printf(&sb, "%s, ", mode_names[r->cfg->ip_mode]);
	if (!l->failed)
		strbuf_printf(&sb, "passed");
	else if (rec->error_line)
		strbuf_printf(&sb, "FAILED at line %u", rec->error_line);
	else
		strbuf_printf(&sb, "FAILED");
	l->verdict = strbuf_take(&sb);
	ip_addr_print(&r->cfg->live_remote, &sb);
	l->peer = strbuf_take(&sb);
	ip_addr_print(&r->cfg->live_local, &sb);
	l->local = strbuf_take(&sb);
	l->n_columns = rec->n_columns ? rec->n_columns : 1;
	l->columns = xcalloc(l->n_columns, sizeof(*l->columns));
	for (size_t i = 0; i < rec->n_columns; i++)
		l->columns[i] = column_name(rec->columns[i]);
	if (!rec->n_columns)
		l->columns[0] = xstrdup("no socket");
}

static struct ladder_row *add_row(struct ladder *l, enum ladder_kind kind, unsigned line, int64_t t,
				  int64_t nominal, int column, char *text)
{
	l->rows = xrealloc(l->rows, (l->n_rows + 1) * sizeof(*l->rows));
	struct ladder_row *row = &l->rows[l->n_rows++];
	*row = (struct ladder_row){.kind = kind,
				   .line = line,
				   .t = t,
				   .nominal = nominal,
				   .column = column > 0 ? (size_t)column : 0,
				   .text = text};
	return row;
}

/* "%{ first line }%", with an ellipsis if there are more. */
static char *code_text(const char *code)
{
	struct strbuf sb = STRBUF_INIT;

	code += strspn(code, " \t\r\n");
	size_t len = strcspn(code, "\r\n");
	bool more = code[len + strspn(code + len, " \t\r\n")] != '\0';
	strbuf_printf(&sb, "%%{ %.*s%s }%%", (int)len, code, more ? " ..." : "");
	return strbuf_take(&sb);
}

static char *item_text(const struct run *r, const struct rec_item *it)
{
	switch (it->kind) {
	case REC_INBOUND:
	case REC_OUTBOUND:
	case REC_EXPECTED:
		return xstrdup(it->text ? it->text : "");
	case REC_SYSCALL:
		return recorder_line_text(r->script, it->ev);
	case REC_COMMAND: {
		struct strbuf sb = STRBUF_INIT;
		strbuf_printf(&sb, "`%s`", it->ev->command);
		return strbuf_take(&sb);
	}
	case REC_CODE:
		return code_text(it->ev->code);
	case REC_STATE:
		return xstrdup(tcp_state_short_name(it->state));
	}
	return xstrdup("");
}

static const enum ladder_kind kind_of[] = {
    [REC_INBOUND] = LADDER_IN,	 [REC_OUTBOUND] = LADDER_OUT, [REC_EXPECTED] = LADDER_EXPECTED,
    [REC_SYSCALL] = LADDER_CALL, [REC_COMMAND] = LADDER_NOTE, [REC_CODE] = LADDER_NOTE,
    [REC_STATE] = LADDER_STATE,
};

/* The error goes after the last row of its line (or at the end). */
static void add_error(const struct run *r, struct ladder *l, const int64_t *nominal)
{
	const struct recorder *rec = r->rec;
	const struct event *ev = rec->error_ev;
	struct strbuf sb = STRBUF_INIT;
	size_t at = l->n_rows;

	if (!rec->failed)
		return;
	if (rec->error_line)
		strbuf_printf(&sb, "line %u: ", rec->error_line);
	strbuf_printf(&sb, "%s", rec->error);
	for (size_t i = 0; ev && i < l->n_rows; i++)
		if (l->rows[i].line == ev->loc.line && l->rows[i].kind != LADDER_STATE)
			at = i + 1;
	int64_t nom = ev ? nominal[ev - r->script->events] : at ? l->rows[at - 1].nominal : 0;
	add_row(l, LADDER_ERROR, rec->error_line, rec->error_t, nom, 0, strbuf_take(&sb));
	struct ladder_row err = l->rows[l->n_rows - 1];
	memmove(&l->rows[at + 1], &l->rows[at], (l->n_rows - 1 - at) * sizeof(err));
	l->rows[at] = err;
	l->rows[at].failed = true;
}

void ladder_build(const struct run *r, struct ladder *l)
{
	const struct recorder *rec = r->rec;
	int64_t *nominal = nominal_times(r->script);

	memset(l, 0, sizeof(*l));
	header(r, l);
	for (size_t i = 0; i < rec->n; i++) {
		const struct rec_item *it = &rec->items[i];
		struct ladder_row *row = add_row(
		    l, kind_of[it->kind], it->kind == REC_STATE ? 0 : it->ev->loc.line, it->t,
		    nominal[it->ev - r->script->events], it->column, item_text(r, it));
		row->failed = it->failed || (rec->error_ev == it->ev && it->kind != REC_STATE);
	}
	add_error(r, l, nominal);
	for (size_t i = 0; i < l->n_rows; i++)
		l->rows[i].new_time = !i || l->rows[i].nominal != l->rows[i - 1].nominal;
	free(nominal);
}

void ladder_free(struct ladder *l)
{
	free(l->title);
	free(l->verdict);
	free(l->peer);
	free(l->local);
	for (size_t i = 0; i < l->n_columns; i++)
		free(l->columns[i]);
	free(l->columns);
	for (size_t i = 0; i < l->n_rows; i++)
		free(l->rows[i].text);
	free(l->rows);
	memset(l, 0, sizeof(*l));
}
