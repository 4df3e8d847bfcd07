/* SPDX-License-Identifier: GPL-2.0-only */
/* timing: the tolerance rule and the time check of spec §4.6, with upstream's messages. */
#ifndef RUNTIME_TIMING_H
#define RUNTIME_TIMING_H

#include <stdbool.h>
#include <stdint.h>

#include "parser/script.h"
#include "runtime/context/config.h"
#include "parser/util/strbuf.h"

/* When an event is expected: resolved script times (usecs). */
struct when {
	enum time_kind kind;
	int64_t start, end; /* end == start for point times */
	int64_t anchor;	    /* what relative times were added to */
};

/* The tolerance for an event expected at `expected` whose previous event was at
 * prev (has_prev false for the first event). */
int64_t timing_tolerance(const struct config *c, int64_t expected, bool has_prev, int64_t prev);

/* How far `actual` falls outside w and its tolerance: > 0 late, < 0 early,
 * 0 within (usecs). */
int64_t timing_miss(const struct config *c, const struct when *w, int64_t actual, bool has_prev,
		    int64_t prev);

/* Checks that `actual` fits w. Returns 0, or -1 with "timing error: expected
 * <what> ..." in err. */
int timing_check(const struct config *c, const char *what, const struct when *w, int64_t actual,
		 bool has_prev, int64_t prev, struct strbuf *err);

#endif
