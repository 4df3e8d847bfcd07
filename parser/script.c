/* SPDX-License-Identifier: GPL-2.0-only */
/* script: the constructors and destructor of a script's events and of the script itself. */
#include "parser/script.h"

#include <stdlib.h>

#include "parser/diag.h"
#include "parser/util/xalloc.h"

/* ---- times ---- */

int64_t script_time_usecs(struct diag *d, const struct num_tok *t)
{
	int64_t usecs;

	if (t->is_float) {
		if (t->f >= 9.2e12 || t->f <= -9.2e12) {
			diag_error(d, t->loc, "time out of range");
			return 0;
		}
		/* truncated, as upstream does: 4.35 s may become 4349999 us */
		usecs = (int64_t)(t->f * 1e6);
	} else {
		if (t->i > INT64_MAX / 1000000 || t->i < INT64_MIN / 1000000) {
			diag_error(d, t->loc, "time out of range");
			return 0;
		}
		usecs = t->i * 1000000;
	}
	if (usecs < 0)
		diag_error(d, t->loc, "negative time");
	return usecs;
}

struct event_time script_time_range(struct diag *d, enum time_kind kind, int64_t start, int64_t end,
				    struct loc loc)
{
	struct event_time t = {.kind = kind, .start_usecs = start, .end_usecs = end};

	if (end < start)
		diag_error(d, loc, "time range is backwards");
	return t;
}

/* ---- events ---- */

struct event *script_event_new(enum event_kind kind, void *body)
{
	struct event *ev = xcalloc(1, sizeof(*ev));

	ev->kind = kind;
	switch (kind) {
	case EVENT_PACKET:
		ev->packet = body;
		break;
	case EVENT_SYSCALL:
		ev->syscall = body;
		break;
	case EVENT_COMMAND:
		ev->command = body;
		break;
	case EVENT_CODE:
		ev->code = body;
		break;
	}
	return ev;
}

static void event_clear(struct event *ev)
{
	pkt_spec_free(ev->packet);
	syscall_spec_free(ev->syscall);
	free(ev->command);
	free(ev->code);
}

void script_event_free(struct event *ev)
{
	if (!ev)
		return;
	event_clear(ev);
	free(ev);
}

/* ---- the script ---- */

void script_add_option(struct script *s, struct diag *d, char *name, char *value, struct loc loc)
{
	if (s->n_events || s->init_command)
		diag_error(d, loc, "option lines must come before the first command or event");
	s->options = xgrow(s->options, s->n_options, sizeof(*s->options));
	s->options[s->n_options].name = name;
	s->options[s->n_options].value = value;
	s->options[s->n_options].loc = loc;
	s->n_options++;
}

void script_add_untimed(struct script *s, struct diag *d, char *command, struct loc loc)
{
	if (!s->n_events && !s->init_command) {
		s->init_command = command;
		s->init_loc = loc;
		return;
	}
	if (!s->n_events || s->cleanup_command) {
		diag_error(d, loc,
			   "a command without a time is only allowed before the first event (init) "
			   "or after the last one (cleanup)");
		free(command);
		return;
	}
	s->cleanup_command = command;
	s->cleanup_loc = loc;
}

/* Which times an event may have: ranges and * only for outbound packets. */
static void check_time_kind(struct diag *d, const struct event *ev, struct event_time t,
			    struct loc loc)
{
	bool outbound = ev->kind == EVENT_PACKET && ev->packet->dir == PKT_OUTBOUND;

	if (outbound)
		return;
	if (t.kind == TIME_ANY)
		diag_error(d, loc, "event time <star> can only be used with outbound packets");
	else if (t.kind == TIME_ABSOLUTE_RANGE || t.kind == TIME_RELATIVE_RANGE)
		diag_error(d, loc, "event time range can only be used with outbound packets");
}

void script_add_event(struct script *s, struct diag *d, struct event *ev, struct event_time time,
		      struct loc loc)
{
	if (s->cleanup_command) {
		diag_error(d, s->cleanup_loc,
			   "a command without a time is only allowed before the first event (init) "
			   "or after the last one (cleanup)");
		free(s->cleanup_command);
		s->cleanup_command = NULL;
	}
	check_time_kind(d, ev, time, loc);
	ev->time = time;
	ev->loc = loc;
	s->events = xgrow(s->events, s->n_events, sizeof(*s->events));
	s->events[s->n_events++] = *ev;
	free(ev);
}

int64_t script_span_usecs(const struct script *s)
{
	int64_t t = 0, span = 0;

	for (size_t i = 0; i < s->n_events; i++) {
		const struct event *ev = &s->events[i];
		const struct event_time *et = &ev->time;
		bool range = et->kind == TIME_ABSOLUTE_RANGE || et->kind == TIME_RELATIVE_RANGE;
		bool absolute = et->kind == TIME_ABSOLUTE || et->kind == TIME_ABSOLUTE_RANGE;
		int64_t v = range ? et->end_usecs : et->start_usecs;
		int64_t anchor = t;

		if (absolute)
			t = v;
		else if (et->kind != TIME_ANY)
			t += v;
		if (ev->kind == EVENT_SYSCALL && ev->syscall->blocking) {
			int64_t end = ev->syscall->end_usecs + (absolute ? 0 : anchor);
			span = end > span ? end : span;
		}
		span = t > span ? t : span;
	}
	return span;
}

void script_free(struct script *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_options; i++) {
		free(s->options[i].name);
		free(s->options[i].value);
	}
	free(s->options);
	for (size_t i = 0; i < s->n_events; i++)
		event_clear(&s->events[i]);
	free(s->events);
	free(s->init_command);
	free(s->cleanup_command);
	free(s->path);
	free(s->text);
	free(s);
}
