/* SPDX-License-Identifier: GPL-2.0-only */
/* report_ktap: the runner's report as a kselftest program prints it (KTAP, kselftest totals). */
#include "runtime/cli/report.h"

#include <stdlib.h>

static void ktap_begin(FILE *out, size_t n_results)
{
	fprintf(out, "TAP version 13\n1..%zu\n", n_results);
}

/* kselftest prints a test's diagnostics before its result line. */
static void ktap_result(FILE *out, size_t number, const struct report_result *r)
{
	char *name = report_name(r);

	if (r->verdict == REPORT_FAIL || r->verdict == REPORT_TIMEOUT ||
	    r->verdict == REPORT_XFAIL || r->verdict == REPORT_STALLED) {
		report_print_lines(out, "# ", r->output);
		fprintf(out, "# %s: %s (%.2f s)\n", name, r->reason, r->seconds);
	}
	fprintf(out, "%s %zu ",
		r->verdict == REPORT_FAIL || r->verdict == REPORT_TIMEOUT ? "not ok" : "ok",
		number);
	report_tap_escape(out, name);
	if (r->verdict == REPORT_SKIP) {
		fprintf(out, " # SKIP ");
		report_tap_escape(out, r->reason);
	}
	if (r->verdict == REPORT_TIMEOUT)
		fprintf(out, " # TIMEOUT %.0f seconds", r->seconds);
	if (r->verdict == REPORT_XFAIL)
		fprintf(out, " # XFAIL");
	if (r->verdict == REPORT_STALLED)
		fprintf(out, " # SKIP stalled: the machine, not the kernel");
	fprintf(out, "\n");
	free(name);
}

static void ktap_end(FILE *out, const struct report_totals *t)
{
	fprintf(out, "# Totals: pass:%zu fail:%zu xfail:%zu xpass:0 skip:%zu error:0\n", t->passed,
		t->failed + t->timed_out, t->xfailed, t->skipped + t->stalled);
}

const struct report_ops report_ktap = {
    .begin = ktap_begin,
    .result = ktap_result,
    .end = ktap_end,
};
