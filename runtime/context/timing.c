/* SPDX-License-Identifier: GPL-2.0-only */
/* timing: the tolerance rule and the time check of spec §4.6, with upstream's messages. */
#include "runtime/context/timing.h"

static double secs(int64_t usecs)
{
	return (double)usecs / 1e6;
}

int64_t timing_tolerance(const struct config *c, int64_t expected, bool has_prev, int64_t prev)
{
	int64_t t = c->tolerance_usecs;

	if (has_prev) {
		int64_t rel = (int64_t)((double)(expected - prev) * c->tolerance_percent / 100.0);
		if (rel > t)
			t = rel;
	}
	return t;
}

int64_t timing_miss(const struct config *c, const struct when *w, int64_t actual, bool has_prev,
		    int64_t prev)
{
	int64_t tol = timing_tolerance(c, w->start, has_prev, prev);

	if (w->kind == TIME_ANY)
		return 0;
	if (actual > w->end + tol)
		return actual - (w->end + tol);
	if (actual < w->start - tol)
		return actual - (w->start - tol);
	return 0;
}

int timing_check(const struct config *c, const char *what, const struct when *w, int64_t actual,
		 bool has_prev, int64_t prev, struct strbuf *err)
{
	if (w->kind == TIME_ANY)
		return 0;
	int64_t tol = timing_tolerance(c, w->start, has_prev, prev);
	if (actual >= w->start - tol && actual <= w->end + tol)
		return 0;
	switch (w->kind) {
	case TIME_ABSOLUTE_RANGE:
		strbuf_printf(err,
			      "timing error: expected %s in time range %.6f~%.6f sec but "
			      "happened at %.6f sec",
			      what, secs(w->start), secs(w->end), secs(actual));
		break;
	case TIME_RELATIVE_RANGE:
		strbuf_printf(err,
			      "timing error: expected %s in relative time range +%.6f~+%.6f sec "
			      "but happened at %+.6f sec",
			      what, secs(w->start - w->anchor), secs(w->end - w->anchor),
			      secs(actual - w->anchor));
		break;
	default:
		strbuf_printf(err,
			      "timing error: expected %s at %.6f sec but happened at %.6f sec; "
			      "tolerance %.6f sec",
			      what, secs(w->start), secs(actual), secs(tol));
		break;
	}
	return -1;
}
