/* SPDX-License-Identifier: GPL-2.0-only */
/* report_tap: the runner's report in TAP version 13 (prove, CI TAP readers). */
#include "runtime/cli/report.h"

#include <stdlib.h>

void report_tap_escape(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '#' || *s == '\\')
			fputc('\\', out);
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
	}
}

static void tap_begin(FILE *out, size_t n_results)
{
	fprintf(out, "TAP version 13\n1..%zu\n", n_results);
}

static void tap_result(FILE *out, size_t number, const struct report_result *r)
{
	char *name = report_name(r);

	fprintf(out, "%s %zu - ",
		r->verdict == REPORT_PASS || r->verdict == REPORT_SKIP ||
			r->verdict == REPORT_STALLED
		    ? "ok"
		    : "not ok",
		number);
	report_tap_escape(out, name);
	if (r->verdict == REPORT_SKIP) {
		fprintf(out, " # SKIP ");
		report_tap_escape(out, r->reason);
	}
	if (r->verdict == REPORT_XFAIL)
		fprintf(out, " # TODO expected to fail on a slow machine");
	if (r->verdict == REPORT_STALLED)
		fprintf(out, " # SKIP stalled: the machine, not the kernel");
	fprintf(out, "\n");
	if (r->verdict == REPORT_FAIL || r->verdict == REPORT_TIMEOUT ||
	    r->verdict == REPORT_XFAIL || r->verdict == REPORT_STALLED) {
		fprintf(out, "# %s: %s (%.2f s)\n", name, r->reason, r->seconds);
		report_print_lines(out, "# ", r->output);
	}
	free(name);
}

static void tap_end(FILE *out, const struct report_totals *t)
{
	fprintf(out, "# %zu passed, %zu failed", t->passed, t->failed + t->timed_out);
	if (t->skipped)
		fprintf(out, ", %zu skipped", t->skipped);
	if (t->xfailed)
		fprintf(out, ", %zu expected failures", t->xfailed);
	if (t->stalled)
		fprintf(out, ", %zu stalled", t->stalled);
	if (t->timed_out)
		fprintf(out, " (%zu timed out)", t->timed_out);
	fprintf(out, " in %.1f s\n", t->seconds);
}

const struct report_ops report_tap = {
    .begin = tap_begin,
    .result = tap_result,
    .end = tap_end,
};
