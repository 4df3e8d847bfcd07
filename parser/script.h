/* SPDX-License-Identifier: GPL-2.0-only */
/* script: the in-memory model of a parsed .pkt script (options, timed events) and its
 * constructors. The model's parts have their own headers, included here, so that code
 * reading a whole script needs only this one: expressions (parser/expr.h), packets
 * (parser/pkt_spec.h, with parser/ip_info.h, parser/encap_spec.h and the TCP option list of
 * parser/tcp_opt_spec.h) and system calls (parser/syscall_spec.h).
 */
#ifndef PARSER_SCRIPT_H
#define PARSER_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/expr.h"
#include "parser/loc.h"
#include "parser/num_tok.h"
#include "parser/pkt_spec.h"
#include "parser/syscall_spec.h"

struct diag;

/* ---- events ---- */

enum event_kind { EVENT_PACKET, EVENT_SYSCALL, EVENT_COMMAND, EVENT_CODE };

enum time_kind {
	TIME_ABSOLUTE,	     /* t */
	TIME_RELATIVE,	     /* +t */
	TIME_ANY,	     /* * */
	TIME_ABSOLUTE_RANGE, /* t1~t2 */
	TIME_RELATIVE_RANGE, /* +t1~+t2 */
};

struct event_time {
	enum time_kind kind;
	int64_t start_usecs; /* microseconds, truncated */
	int64_t end_usecs;   /* ranges only */
};

/* An event owns its body (the one field its kind uses). */
struct event {
	enum event_kind kind;
	struct loc loc; /* the event time token (line used in runtime errors) */
	struct event_time time;
	struct pkt_spec *packet;      /* EVENT_PACKET */
	struct syscall_spec *syscall; /* EVENT_SYSCALL */
	char *command;		      /* EVENT_COMMAND: text between the backquotes */
	char *code;		      /* EVENT_CODE: text of %{ }% with spaces/tabs trimmed */
};

/* An option line at the top of a script: --name[=value]. */
struct option_line {
	char *name;  /* without the leading "--" */
	char *value; /* NULL when written without '='; text of the value otherwise
		      * (a STRING value without its quotes; for --define the whole
		      * NAME=VALUE text) */
	struct loc loc;
};

/* A script owns everything it points to; script_free() frees it all. */
struct script {
	char *path; /* as given */
	char *text; /* the whole source, NUL-terminated (kept for diagnostics) */
	size_t text_len;
	struct option_line *options;
	size_t n_options;
	char *init_command; /* NULL if none */
	struct loc init_loc;
	char *cleanup_command; /* NULL if none */
	struct loc cleanup_loc;
	struct event *events;
	size_t n_events;
};

/* Frees s and everything it owns; s may be NULL. */
void script_free(struct script *s);

/* The script time of its last moment (microseconds): the latest event time,
 * taking the end of ranges and of blocking calls, relative times added up
 * from the event before (as written; not the run's anchoring rules). An
 * estimate of how long the script runs, to start the long ones first. */
int64_t script_span_usecs(const struct script *s);

/* ---- construction (used by the grammar) ----
 *
 * Constructors that convert token values report range errors through the diag
 * sink at the token's location and keep going (the value is then truncated), so
 * that one run reports every problem. Unless stated otherwise a constructor
 * takes ownership of the pointers passed to it.
 */

/* An event time token in microseconds (reports out of range and negative times). */
int64_t script_time_usecs(struct diag *d, const struct num_tok *t);
/* A time range start~end (reports a backwards range at loc). */
struct event_time script_time_range(struct diag *d, enum time_kind kind, int64_t start, int64_t end,
				    struct loc loc);

/* An event of kind whose body is a struct pkt_spec, a struct syscall_spec or
 * the command / code text; the event takes the body, the caller owns the event
 * until script_add_event() takes it. */
struct event *script_event_new(enum event_kind kind, void *body);
/* Frees ev and its body; ev may be NULL. */
void script_event_free(struct event *ev);

/* Appends an option line (checks that it comes before the events). */
void script_add_option(struct script *s, struct diag *d, char *name, char *value, struct loc loc);
/* An untimed backquoted command: the init command before the first event, the
 * cleanup command after the last one. */
void script_add_untimed(struct script *s, struct diag *d, char *command, struct loc loc);
/* Moves ev (freed) into the script with its time; loc is the time token. */
void script_add_event(struct script *s, struct diag *d, struct event *ev, struct event_time time,
		      struct loc loc);

#endif
