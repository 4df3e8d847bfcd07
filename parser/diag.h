/* SPDX-License-Identifier: GPL-2.0-only */
/* diag: the diagnostics sink that prints "file:line:col: error: msg", the source line and a caret.
 */
#ifndef PARSER_DIAG_H
#define PARSER_DIAG_H

#include <stdio.h>

#include "parser/loc.h"
#include "parser/util/strbuf.h"

struct diag {
	const char *path; /* file name printed in messages */
	const char *text; /* source text (for quoting the line); may be NULL */
	size_t text_len;
	FILE *out;	   /* where messages go (stderr); NULL = only collect */
	struct strbuf log; /* everything printed, kept for tests */
	int n_errors;
};

/* Prepares a sink; text may be NULL until the file is read. */
void diag_init(struct diag *d, const char *path, const char *text, size_t len, FILE *out);
void diag_free(struct diag *d);

/* Reports an error at loc:
 *   path:line:col: error: <message>
 *     <the source line>
 *     <spaces>^^^ (under the span, at least one caret, clipped to the line)
 * and counts it. */
void diag_error(struct diag *d, struct loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Same without a position: "path: error: <message>". */
void diag_error_noloc(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends n bytes of text for display: control bytes (except tab) and bytes that
 * are not valid UTF-8 become '?'. */
void diag_append_sanitized(struct strbuf *sb, const char *text, size_t n);

/* Prints "1 error" / "N errors" if any error was reported. */
void diag_summary(struct diag *d);

#endif
