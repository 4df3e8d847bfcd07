/* code: %{ }% code events — the TCP_INFO snapshot at the event's time and the
 * assertions evaluated over it (spec §7.2). */
#ifndef CODE_CODE_H
#define CODE_CODE_H

#include "runtime/context/run_state.h"

/* Runs at the event's time (the caller waited for it). Returns 0, or -1 after
 * reporting the error with run_error(). */
int code_event(struct run *r, const struct event *ev);

/* After the last event and the cleanup command: evaluates what was deferred.
 * Returns 0, or -1 after reporting. */
int code_finish(struct run *r);

/* Frees what code_event() kept. */
void code_free(struct run *r);

#endif
