/* SPDX-License-Identifier: GPL-2.0-only */
/* report_html: the runner's index.html for --diagram=DIR — every run with its
 * verdict, linking its ladder diagram — and the name of each run's file there. */
#include "runtime/cli/report.h"

#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parser/util/strbuf.h"
#include "parser/util/xalloc.h"

char *report_run_file(const char *dir, const char *path, const char *variant, const char *ext)
{
	char *copy = xstrdup(path), *base = xstrdup(path), real[PATH_MAX], *file = NULL;
	const char *name = basename(base);
	const char *folder = realpath(dirname(copy), real) ? strrchr(real, '/') : NULL;
	size_t stem = str_ends_with(name, ".pkt") ? strlen(name) - 4 : strlen(name);

	if (asprintf(&file, "%s/%s_%.*s%s%s%s", dir, folder ? folder + 1 : "", (int)stem, name,
		     variant ? "_" : "", variant ? variant : "", ext) < 0)
		file = NULL;
	free(copy);
	free(base);
	return file;
}

/* Prints text as HTML character data or attribute value. */
static void html_escaped(FILE *out, const char *text)
{
	for (const char *s = text ? text : ""; *s; s++) {
		if (*s == '&')
			fputs("&amp;", out);
		else if (*s == '<')
			fputs("&lt;", out);
		else if (*s == '>')
			fputs("&gt;", out);
		else if (*s == '"')
			fputs("&quot;", out);
		else
			fputc(*s, out);
	}
}

static const char *const verdict_names[] = {
    [REPORT_PASS] = "pass", [REPORT_FAIL] = "FAIL",   [REPORT_TIMEOUT] = "TIMEOUT",
    [REPORT_SKIP] = "skip", [REPORT_XFAIL] = "xfail", [REPORT_STALLED] = "stalled",
};

static const char style[] =
    "body{font-family:sans-serif;margin:2em;color:#000}"
    "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;"
    "text-align:left;vertical-align:top}th{background:#eee}"
    ".FAIL,.TIMEOUT{color:#b00020;font-weight:bold}.pass{color:#0f5a2a}.stalled{color:#7a4a00}"
    "pre{margin:0;font-size:85%;white-space:pre-wrap}code{font-size:95%}";

static void html_row(FILE *out, const char *dir, size_t number, const struct report_result *r)
{
	char *file = report_run_file(dir, r->path, r->variant, ".svg");
	const char *link = file ? strrchr(file, '/') + 1 : NULL;

	fprintf(out, "<tr><td>%zu</td><td><code>", number);
	html_escaped(out, r->path);
	fputs("</code></td><td>", out);
	html_escaped(out, r->variant ? r->variant : "");
	fprintf(out, "</td><td class=\"%s\">%s</td><td>%.2f s</td><td>", verdict_names[r->verdict],
		verdict_names[r->verdict], r->seconds);
	if (file && !access(file, R_OK)) {
		fputs("<a href=\"", out);
		html_escaped(out, link);
		fputs("\">diagram</a>", out);
	}
	fputs("</td><td>", out);
	if (r->reason) {
		/* and the first line of a failure's output: its error */
		size_t first = r->output ? strcspn(r->output, "\n") : 0;
		char *error =
		    r->verdict != REPORT_SKIP && first ? xstrndup(r->output, first) : NULL;
		fputs("<pre>", out);
		html_escaped(out, r->reason);
		if (error) {
			fputs("\n", out);
			html_escaped(out, error);
		}
		fputs("</pre>", out);
		free(error);
	}
	fputs("</td></tr>\n", out);
	free(file);
}

int report_html_write(FILE *out, const char *dir, const struct report_result *res, size_t n,
		      const struct report_totals *t, const char *timestamp)
{
	fprintf(out,
		"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		"<title>pktdrill runs</title>\n<style>%s</style></head><body>\n"
		"<h1>pktdrill runs</h1>\n<p>",
		style);
	html_escaped(out, timestamp);
	fprintf(out,
		": %zu runs in %.1f s, %zu passed, %zu failed, %zu timed out, %zu skipped, "
		"%zu stalled%s. "
		"Each diagram shows a run's packets between the remote peer and the kernel, its "
		"system calls and the kernel's TCP states.</p>\n",
		n, t->seconds, t->passed, t->failed, t->timed_out, t->skipped, t->stalled,
		t->xfailed ? ", some failures expected" : "");
	fputs("<table>\n<tr><th>#</th><th>script</th><th>family</th><th>verdict</th>"
	      "<th>time</th><th>diagram</th><th>why</th></tr>\n",
	      out);
	for (size_t i = 0; i < n; i++)
		html_row(out, dir, i + 1, &res[i]);
	fputs("</table>\n</body></html>\n", out);
	fflush(out);
	return ferror(out) ? -1 : 0;
}
