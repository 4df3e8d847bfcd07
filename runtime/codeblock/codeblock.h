/* SPDX-License-Identifier: GPL-2.0-only */
/* codeblock: %{ }% code events — the TCP_INFO snapshot at the event's time and the
 * assertions evaluated over it (spec §7.2). */
#ifndef RUNTIME_CODEBLOCK_CODEBLOCK_H
#define RUNTIME_CODEBLOCK_CODEBLOCK_H

#include "runtime/context/run_state.h"

/* Runs at the event's time (the caller waited for it). Returns 0, or -1 after
 * reporting the error with run_error(). */
int codeblock_event(struct run *r, const struct event *ev);

/* After the last event and the cleanup command: evaluates what was deferred.
 * Returns 0, or -1 after reporting. */
int codeblock_finish(struct run *r);

/* Frees what codeblock_event() kept. */
void codeblock_free(struct run *r);

#endif
