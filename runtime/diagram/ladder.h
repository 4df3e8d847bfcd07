/* SPDX-License-Identifier: GPL-2.0-only */
/* ladder: a run's record as the rows of a ladder (sequence) diagram — what
 * each row shows and in which column, independent of how it is drawn
 * (ladder_svg.c, ladder_mermaid.c). */
#ifndef RUNTIME_DIAGRAM_LADDER_H
#define RUNTIME_DIAGRAM_LADDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/util/strbuf.h"

struct run;

enum ladder_kind {
	LADDER_IN,	 /* a packet from the peer to the kernel */
	LADDER_OUT,	 /* a packet from the kernel to the peer */
	LADDER_EXPECTED, /* the packet a failed line expected (not sent as such) */
	LADDER_CALL,	 /* a system call and its result, on the kernel's side */
	LADDER_NOTE,	 /* a shell command or a %{ }% block */
	LADDER_STATE,	 /* the kernel's TCP state of the column's connection, from here on */
	LADDER_ERROR,	 /* why the run failed */
};

struct ladder_row {
	enum ladder_kind kind;
	unsigned line;	 /* its script line, 0 if none */
	int64_t t;	 /* script time it happened at (usecs) */
	int64_t nominal; /* the script's own time for its line (usecs): rows are spaced by
			  * it, so that the picture does not depend on the run's jitter */
	size_t column;	 /* its connection's column */
	bool failed;	 /* the line that failed */
	bool new_time;	 /* the first row at its nominal time: the time axis labels it */
	char *text;	 /* the label: a packet as script text, a call's line, a
			  * command, a state name, the error message */
};

struct ladder {
	char *title;	/* the script's file name */
	char *verdict;	/* "ipv4, passed", "ipv6, FAILED at line 21" */
	char *peer;	/* the remote peer's address */
	char *local;	/* the kernel's address */
	char **columns; /* one per connection: "fd 3 (listener)"; at least one */
	size_t n_columns;
	struct ladder_row *rows;
	size_t n_rows;
	bool failed;
};

/* Builds the ladder of run r from its recorder (r->rec must be set). The
 * connections must still be in r's fd table (their column names). The
 * ladder owns its strings; ladder_free() frees them. */
void ladder_build(const struct run *r, struct ladder *l);
void ladder_free(struct ladder *l);

/* Writes the ladder as one self-contained SVG document (ladder_svg.c). */
void ladder_svg(const struct ladder *l, struct strbuf *out);

/* Writes the ladder as a Mermaid sequenceDiagram (ladder_mermaid.c); with
 * markdown, inside a ```mermaid block of a Markdown page. */
void ladder_mermaid(const struct ladder *l, bool markdown, struct strbuf *out);

#endif
