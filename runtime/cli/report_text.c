/* SPDX-License-Identifier: GPL-2.0-only */
/* report_text: the runner's default report — one line per run, failures' output, a summary. */
#include "runtime/cli/report.h"

#include <stdlib.h>
#include <string.h>

#include "parser/util/strbuf.h"

static const char *const verdict_words[] = {
    [REPORT_PASS] = "ok",   [REPORT_FAIL] = "FAIL",   [REPORT_TIMEOUT] = "TIMEOUT",
    [REPORT_SKIP] = "skip", [REPORT_XFAIL] = "xfail", [REPORT_STALLED] = "stalled",
};

char *report_name(const struct report_result *r)
{
	struct strbuf sb = STRBUF_INIT;

	if (r->variant)
		strbuf_printf(&sb, "%s (%s)", r->path, r->variant);
	else
		strbuf_printf(&sb, "%s", r->path);
	return strbuf_take(&sb);
}

void report_print_lines(FILE *out, const char *prefix, const char *text)
{
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);

		fprintf(out, "%s%.*s\n", prefix, (int)len, text);
		text += len + (nl ? 1 : 0);
	}
}

static void text_begin(FILE *out, size_t n_results)
{
}

static void text_result(FILE *out, size_t number, const struct report_result *r)
{
	char *name = report_name(r);

	if (r->verdict == REPORT_SKIP)
		fprintf(out, "%-7s %s: %s\n", verdict_words[r->verdict], name, r->reason);
	else
		fprintf(out, "%-7s %s %.2f s%s%s\n", verdict_words[r->verdict], name, r->seconds,
			r->reason ? ": " : "", r->reason ? r->reason : "");
	if (r->verdict == REPORT_FAIL || r->verdict == REPORT_TIMEOUT ||
	    r->verdict == REPORT_XFAIL || r->verdict == REPORT_STALLED)
		report_print_lines(out, "        | ", r->output);
	free(name);
}

static void text_end(FILE *out, const struct report_totals *t)
{
	size_t runs = t->passed + t->failed + t->timed_out + t->xfailed + t->stalled;

	fprintf(out, "%zu run%s in %.1f s, up to %u at a time", runs, runs == 1 ? "" : "s",
		t->seconds, t->jobs);
	if (t->timed_out)
		fprintf(out, "; %zu timed out (over %g s)", t->timed_out, t->timeout);
	fprintf(out, "\n%zu passed, %zu failed", t->passed, t->failed + t->timed_out);
	if (t->skipped)
		fprintf(out, ", %zu skipped", t->skipped);
	if (t->xfailed)
		fprintf(out, ", %zu expected failures (slow machine)", t->xfailed);
	if (t->stalled)
		fprintf(out, ", %zu stalled (the machine, not the kernel)", t->stalled);
	fprintf(out, "\n");
}

const struct report_ops report_text = {
    .begin = text_begin,
    .result = text_result,
    .end = text_end,
};
