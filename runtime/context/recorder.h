/* SPDX-License-Identifier: GPL-2.0-only */
/* recorder: what happened during a run, in order — the script's packets as
 * script text, its system calls, shell commands and %{ }% blocks, the
 * kernel's TCP state changes and the run's error — kept for what is drawn
 * from it after the run (runtime/diagram/: --diagram, the comments of a
 * .pcapng capture). Only made when one of those is asked for (run->rec).
 *
 * Recording is cheap: an item is a few words appended to an array; the only
 * text made during the run is a packet's script form (its bytes are gone
 * after the event) and the error message. Script lines are kept as pointers
 * to their events, turned into text when drawn. */
#ifndef RUNTIME_CONTEXT_RECORDER_H
#define RUNTIME_CONTEXT_RECORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/script.h"

struct conn;
struct run;

enum rec_kind {
	REC_INBOUND,  /* a packet a script line injected (text: its script form) */
	REC_OUTBOUND, /* a packet the kernel sent that a script line took (text: as
		       * script text, script-relative numbers) */
	REC_EXPECTED, /* a failed outbound line: the packet it expected (text) */
	REC_SYSCALL,  /* a system call line */
	REC_COMMAND,  /* a shell command line */
	REC_CODE,     /* a %{ }% block */
	REC_STATE,    /* the kernel's TCP state of a connection changed (state) */
};

struct rec_item {
	enum rec_kind kind;
	const struct event *ev; /* its script line (never NULL) */
	int64_t t;		/* script time (usecs) it happened at (REC_EXPECTED: was due) */
	int column;		/* its connection: an index in the recorder's columns, -1 none */
	int state, from;	/* REC_STATE: the new state and the one before */
	int state_after;	/* the kernel's state of the connection under test after
				 * the line, -1 if not known */
	bool failed;		/* this line failed (a packet: it did not match) */
	char *text;		/* see enum rec_kind; NULL for lines */
};

/* How a captured packet is recognised as an item's: an outbound packet by its
 * kernel timestamp, an injected one by a hash of its bytes (recorder_hash()). */
struct rec_wire {
	bool outbound;
	uint64_t key;
	size_t item; /* SIZE_MAX until the item is recorded */
	bool used;   /* matched to a captured packet already */
};

struct recorder {
	struct rec_item *items;
	size_t n, cap;
	const struct conn **columns; /* connections in the order they first appeared;
				      * valid while the run's fd table is */
	size_t n_columns;
	struct rec_wire *wires;
	size_t n_wires, cap_wires;
	size_t pending[2]; /* [outbound]: wires from here on may have no item yet */
	size_t used_upto;  /* every wire before this is used (capture_notes.c's cursor:
			    * packets are matched mostly in order) */
	size_t settled;	   /* items before this have their state_after */
	/* The run's error: its script event (NULL: none, or outside the events)
	 * and line (0: none; an assertion's own line inside its %{ }% block),
	 * when, the first line of the message. */
	bool failed;
	const struct event *error_ev;
	unsigned error_line;
	int64_t error_t;
	char *error;
};

/* A new, empty recorder (never fails); recorder_free() frees it. */
struct recorder *recorder_new(void);
void recorder_free(struct recorder *rec);

/* The column of connection c (a new one the first time); -1 for NULL. */
int recorder_column(struct recorder *rec, const struct conn *c);

/* Appends a packet item (REC_INBOUND, REC_OUTBOUND, REC_EXPECTED) of
 * connection c; takes text (malloc'd). The wires noted since the last packet
 * of its direction become its own. Returns the item. */
struct rec_item *recorder_packet(struct recorder *rec, enum rec_kind kind, const struct event *ev,
				 int64_t t, const struct conn *c, char *text);

/* Notes a packet on the wire that belongs to the next packet item of its
 * direction: an outbound piece's kernel timestamp (CLOCK_MONOTONIC ns), an
 * injected packet's recorder_hash(). */
void recorder_wire(struct recorder *rec, bool outbound, uint64_t key);

/* A hash of a packet's bytes (FNV-1a over its length and first 128 bytes:
 * the headers, which differ between any two packets the script injects
 * unless they are the same packet). */
uint64_t recorder_hash(const uint8_t *pkt, size_t len);

/* After an event ran (failed: it failed): its item, unless it is a packet
 * (those are recorded by their handlers). A system call goes in the column of
 * the socket its first argument names, others in that of the connection
 * under test. */
void recorder_event(struct run *r, const struct event *ev, bool failed);

/* The kernel's state of connection c went from -> to after line ev. */
void recorder_state(struct recorder *rec, const struct event *ev, int64_t t, const struct conn *c,
		    int from, int to);

/* After each event: the state of the connection under test, for the items
 * recorded since the last call. */
void recorder_settle(struct recorder *rec, int state);

/* The run's error, at line ev (NULL: none; may be a copy of one of script
 * s's events, with its own line), its message (the first line is kept). Only
 * the first is kept. */
void recorder_error(struct recorder *rec, const struct script *s, const struct event *ev, int64_t t,
		    const char *msg);

/* The script's text of line ev: what follows the time, up to the end of the
 * line, without a // comment and trailing blanks ("accept(3, ..., ...) = 4");
 * a call written over several lines is its first line, " ..." and its
 * expected result. Returns a new string the caller frees. */
char *recorder_line_text(const struct script *s, const struct event *ev);

#endif
