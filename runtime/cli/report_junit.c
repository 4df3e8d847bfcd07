/* SPDX-License-Identifier: GPL-2.0-only */
/* report_junit: the runner's JUnit XML report (Jenkins, GitLab): one testcase per script run. */
#include "runtime/cli/report.h"

#include <stdbool.h>
#include <stdint.h>

/* Length (1-4) of the well-formed UTF-8 sequence at s, with its code point in
 * *cp; 0 if s does not start one (stray byte, overlong form, surrogate). */
static size_t utf8_char(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* XML 1.0 allows no other control characters, not even escaped. */
static bool xml_char_ok(uint32_t c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	       (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
}

/* Prints text as XML character data or attribute value. A script's output may
 * hold any bytes: what XML cannot carry becomes '?', so the file always parses. */
static void xml_escaped(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	uint32_t c;

	while (s && *s) {
		size_t len = utf8_char(s, &c);

		if (!len || !xml_char_ok(c))
			fputc('?', out);
		else if (c == '&')
			fputs("&amp;", out);
		else if (c == '<')
			fputs("&lt;", out);
		else if (c == '>')
			fputs("&gt;", out);
		else if (c == '"')
			fputs("&quot;", out);
		else
			fwrite(s, 1, len, out);
		s += len ? len : 1;
	}
}

static bool is_error(const struct report_result *r)
{
	return r->verdict == REPORT_FAIL && r->invalid;
}

static void junit_outcome(FILE *out, const struct report_result *r)
{
	if (r->verdict == REPORT_SKIP || r->verdict == REPORT_XFAIL ||
	    r->verdict == REPORT_STALLED) {
		fputs("      <skipped message=\"", out);
		if (r->verdict == REPORT_XFAIL)
			fputs("expected failure on a slow machine: ", out);
		if (r->verdict == REPORT_STALLED)
			fputs("stalled (the machine, not the kernel): ", out);
		xml_escaped(out, r->reason);
		fputs("\"/>\n", out);
		return;
	}
	/* JUnit's error: the test could not run as written (exit 2) */
	const char *element = is_error(r) ? "error" : "failure";
	fprintf(out, "      <%s message=\"", element);
	xml_escaped(out, r->reason);
	fprintf(out, "\" type=\"%s\">",
		is_error(r)		       ? "INVALID"
		: r->verdict == REPORT_TIMEOUT ? "TIMEOUT"
					       : "FAIL");
	xml_escaped(out, r->output);
	fprintf(out, "</%s>\n", element);
}

/* classname "pktdrill.ipv4": Jenkins shows package pktdrill, class ipv4, test path. */
static void junit_case(FILE *out, const struct report_result *r)
{
	fputs("    <testcase classname=\"pktdrill", out);
	if (r->variant) {
		fputc('.', out);
		xml_escaped(out, r->variant);
	}
	fputs("\" name=\"", out);
	xml_escaped(out, r->path);
	fputs("\" file=\"", out);
	xml_escaped(out, r->path);
	fprintf(out, "\" time=\"%.3f\"", r->seconds);
	if (r->verdict == REPORT_PASS) {
		fputs("/>\n", out);
		return;
	}
	fputs(">\n", out);
	junit_outcome(out, r);
	fputs("    </testcase>\n", out);
}

#define SUITE_ATTRS                                                                                \
	"name=\"pktdrill\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" "         \
	"time=\"%.3f\""

int report_junit_write(FILE *out, const struct report_result *res, size_t n,
		       const struct report_totals *t, const char *timestamp)
{
	size_t errors = 0;

	for (size_t i = 0; i < n; i++)
		errors += is_error(&res[i]);
	size_t failures = t->failed + t->timed_out - errors;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", out);
	fprintf(out, SUITE_ATTRS, n, failures, errors, t->skipped + t->xfailed + t->stalled,
		t->seconds);
	fputs(">\n  <testsuite ", out);
	fprintf(out, SUITE_ATTRS, n, failures, errors, t->skipped + t->xfailed + t->stalled,
		t->seconds);
	fputs(" timestamp=\"", out);
	xml_escaped(out, timestamp);
	fputs("\">\n", out);
	for (size_t i = 0; i < n; i++)
		junit_case(out, &res[i]);
	fputs("  </testsuite>\n</testsuites>\n", out);
	fflush(out);
	return ferror(out) ? -1 : 0;
}
