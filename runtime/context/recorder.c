/* SPDX-License-Identifier: GPL-2.0-only */
/* recorder: what happened during a run, in order, for the diagrams and the capture's comments. */
#include "runtime/context/recorder.h"

#include <stdlib.h>
#include <string.h>

#include "parser/util/strbuf.h"
#include "parser/util/xalloc.h"
#include "runtime/context/run_state.h"

struct recorder *recorder_new(void)
{
	return xcalloc(1, sizeof(struct recorder));
}

void recorder_free(struct recorder *rec)
{
	if (!rec)
		return;
	for (size_t i = 0; i < rec->n; i++)
		free(rec->items[i].text);
	free(rec->items);
	free(rec->columns);
	free(rec->wires);
	free(rec->error);
	free(rec);
}

int recorder_column(struct recorder *rec, const struct conn *c)
{
	if (!c)
		return -1;
	for (size_t i = 0; i < rec->n_columns; i++)
		if (rec->columns[i] == c)
			return (int)i;
	rec->columns = xrealloc(rec->columns, (rec->n_columns + 1) * sizeof(*rec->columns));
	rec->columns[rec->n_columns] = c;
	return (int)rec->n_columns++;
}

static struct rec_item *add_item(struct recorder *rec, enum rec_kind kind, const struct event *ev,
				 int64_t t, const struct conn *c)
{
	if (rec->n == rec->cap) {
		rec->cap = rec->cap ? 2 * rec->cap : 64;
		rec->items = xrealloc(rec->items, rec->cap * sizeof(*rec->items));
	}
	struct rec_item *it = &rec->items[rec->n++];
	*it = (struct rec_item){.kind = kind,
				.ev = ev,
				.t = t,
				.column = recorder_column(rec, c),
				.state = -1,
				.from = -1,
				.state_after = -1};
	return it;
}

struct rec_item *recorder_packet(struct recorder *rec, enum rec_kind kind, const struct event *ev,
				 int64_t t, const struct conn *c, char *text)
{
	bool outbound = kind != REC_INBOUND;

	for (size_t i = rec->pending[outbound]; i < rec->n_wires; i++)
		if (rec->wires[i].outbound == outbound && rec->wires[i].item == SIZE_MAX)
			rec->wires[i].item = rec->n;
	rec->pending[outbound] = rec->n_wires;
	struct rec_item *it = add_item(rec, kind, ev, t, c);
	it->text = text;
	return it;
}

void recorder_wire(struct recorder *rec, bool outbound, uint64_t key)
{
	if (rec->n_wires == rec->cap_wires) {
		rec->cap_wires = rec->cap_wires ? 2 * rec->cap_wires : 64;
		rec->wires = xrealloc(rec->wires, rec->cap_wires * sizeof(*rec->wires));
	}
	rec->wires[rec->n_wires++] =
	    (struct rec_wire){.outbound = outbound, .key = key, .item = SIZE_MAX};
}

uint64_t recorder_hash(const uint8_t *pkt, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull ^ len;

	for (size_t i = 0; i < len && i < 128; i++)
		h = (h ^ pkt[i]) * 0x100000001b3ull;
	return h;
}

/* The connection of the socket a system call's first argument names (the
 * newest fd of that number, closed or not: close(4) belongs to fd 4), else
 * the one under test (socket() made it). */
static const struct conn *call_conn(const struct run *r, const struct event *ev)
{
	const struct syscall_spec *sc = ev->syscall;

	if (strcmp(sc->name, "socket") && sc->n_args && sc->args[0]->kind == EXPR_INTEGER)
		for (size_t i = r->fds.n_fds; i-- > 0;)
			if (r->fds.fds[i]->script_fd == sc->args[0]->num && r->fds.fds[i]->conn)
				return r->fds.fds[i]->conn;
	return r->fds.tested;
}

void recorder_event(struct run *r, const struct event *ev, bool failed)
{
	static const enum rec_kind kinds[] = {
	    [EVENT_SYSCALL] = REC_SYSCALL, [EVENT_COMMAND] = REC_COMMAND, [EVENT_CODE] = REC_CODE};

	if (ev->kind == EVENT_PACKET)
		return;
	const struct conn *c = ev->kind == EVENT_SYSCALL ? call_conn(r, ev) : r->fds.tested;
	struct rec_item *it =
	    add_item(r->rec, kinds[ev->kind], ev, r->actual ? r->actual : run_now(r), c);
	it->failed = failed;
}

void recorder_state(struct recorder *rec, const struct event *ev, int64_t t, const struct conn *c,
		    int from, int to)
{
	struct rec_item *it = add_item(rec, REC_STATE, ev, t, c);

	it->from = from;
	it->state = to;
}

void recorder_settle(struct recorder *rec, int state)
{
	for (; rec->settled < rec->n; rec->settled++)
		rec->items[rec->settled].state_after = state;
}

/* The script's own event ev is, or is a copy of (a code block's assertion
 * reports at its line through a copy): the one with the same body. */
static const struct event *script_event(const struct script *s, const struct event *ev)
{
	if (!ev || (ev >= s->events && ev < s->events + s->n_events))
		return ev;
	for (size_t i = 0; i < s->n_events; i++) {
		const struct event *e = &s->events[i];
		if (e->kind == ev->kind && e->packet == ev->packet && e->syscall == ev->syscall &&
		    e->command == ev->command && e->code == ev->code)
			return e;
	}
	return NULL;
}

void recorder_error(struct recorder *rec, const struct script *s, const struct event *ev, int64_t t,
		    const char *msg)
{
	if (rec->failed)
		return;
	rec->failed = true;
	rec->error_ev = script_event(s, ev);
	rec->error_line = ev ? ev->loc.line : 0;
	rec->error_t = t;
	rec->error = xstrndup(msg, strcspn(msg, "\n"));
}

char *recorder_line_text(const struct script *s, const struct event *ev)
{
	const char *text = s->text;
	size_t start = ev->kind == EVENT_SYSCALL ? ev->syscall->name_loc.start : ev->loc.end;

	if (!text || start > s->text_len)
		return xstrdup("");
	size_t end = start + strcspn(text + start, "\n");
	/* a // comment ends it, unless inside a string */
	bool quoted = false;
	for (size_t i = start; i + 1 < end; i++) {
		if (text[i] == '"' && (i == start || text[i - 1] != '\\'))
			quoted = !quoted;
		if (!quoted && text[i] == '/' && text[i + 1] == '/') {
			end = i;
			break;
		}
	}
	while (start < end && (text[start] == ' ' || text[start] == '\t'))
		start++;
	while (end > start &&
	       (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r'))
		end--;
	/* a call written over several lines: its first, and "..." */
	int open = 0;
	for (size_t i = start; i < end; i++)
		open += (text[i] == '(' || text[i] == '{' || text[i] == '[') -
			(text[i] == ')' || text[i] == '}' || text[i] == ']');
	char *line = xstrndup(text + start, end - start);
	if (open <= 0)
		return line;
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s ...", line);
	free(line);
	const struct expr *res = ev->kind == EVENT_SYSCALL ? ev->syscall->result : NULL;
	if (res && res->kind == EXPR_INTEGER)
		strbuf_printf(&sb, " = %lld", (long long)res->num);
	else if (res && res->kind == EXPR_WORD)
		strbuf_printf(&sb, " = %s", res->text);
	if (res && ev->syscall->errno_name)
		strbuf_printf(&sb, " %s", ev->syscall->errno_name);
	return strbuf_take(&sb);
}
