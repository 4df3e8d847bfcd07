/* SPDX-License-Identifier: GPL-2.0-only */
/* diag: the sink that prints "file:line:col: error: msg", the source line and a caret. */
#include "parser/diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util/xalloc.h"

void diag_init(struct diag *d, const char *path, const char *text, size_t len, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->path = path;
	d->text = text;
	d->text_len = len;
	d->out = out;
}

void diag_free(struct diag *d)
{
	strbuf_free(&d->log);
}

/* Keeps the message in the log and writes it out in one piece. */
static void diag_emit(struct diag *d, struct strbuf *msg)
{
	strbuf_append(&d->log, msg->s, msg->len);
	if (d->out) {
		fwrite(msg->s, 1, msg->len, d->out);
		fflush(d->out);
	}
	strbuf_free(msg);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;

	if (s[0] < 0x80)
		return 1;
	if (!len || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

void diag_append_sanitized(struct strbuf *sb, const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;

	for (size_t i = 0; i < n;) {
		size_t len = utf8_len(s + i, n - i);
		bool control = len == 1 && ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f);

		if (!len || control) {
			strbuf_append(sb, "?", 1);
			i++;
			continue;
		}
		strbuf_append(sb, text + i, len);
		i += len;
	}
}

/* Bytes taken by the display unit at text[i] (one UTF-8 character, else one byte). */
static size_t utf8_step(const char *text, size_t i, size_t end)
{
	size_t len = utf8_len((const unsigned char *)text + i, end - i);

	return len ? len : 1;
}

/* One mark per display unit of text[from, to): mark, or for NULL a space (a tab
 * under a tab, so the caret lines up). */
static void append_marks(struct strbuf *sb, const char *text, size_t from, size_t to,
			 const char *mark)
{
	for (size_t i = from; i < to; i += utf8_step(text, i, to))
		strbuf_append(sb, mark ? mark : text[i] == '\t' ? "\t" : " ", 1);
}

#define QUOTE_HALF 160 /* bytes quoted on each side of an error in a long line */
#define MAX_ERRORS 100 /* printed; the rest are only counted */

/* Appends "  <line>\n  <spaces>^~~~\n" for loc. Tabs before the caret are kept so
 * the caret lines up; UTF-8 continuation bytes take no column. */
static void append_caret(const struct diag *d, struct strbuf *sb, struct loc loc)
{
	size_t start = loc.start, ls = start, le = start;

	if (!d->text || start > d->text_len)
		return;
	while (ls > 0 && d->text[ls - 1] != '\n')
		ls--;
	while (le < d->text_len && d->text[le] != '\n')
		le++;
	if (le > ls && d->text[le - 1] == '\r')
		le--;
	/* A long line is quoted as a window around the error, so many errors
	 * on one huge line stay cheap. */
	bool cut_left = start - ls > QUOTE_HALF, cut_right = le - start > QUOTE_HALF;
	if (cut_left)
		ls = start - QUOTE_HALF;
	if (cut_right)
		le = start + QUOTE_HALF;
	while (ls < start && ((unsigned char)d->text[ls] & 0xc0) == 0x80)
		ls++; /* not in the middle of a UTF-8 sequence */
	strbuf_append(sb, cut_left ? "  ..." : "  ", cut_left ? 5 : 2);
	diag_append_sanitized(sb, d->text + ls, le - ls);
	strbuf_append(sb, cut_right ? "...\n  " : "\n  ", cut_right ? 6 : 3);
	if (cut_left)
		strbuf_append(sb, "   ", 3);
	append_marks(sb, d->text, ls, start, NULL);
	strbuf_append(sb, "^", 1);
	if (start < le)
		append_marks(sb, d->text, start + utf8_step(d->text, start, le),
			     loc.end < le ? loc.end : le, "~");
	strbuf_append(sb, "\n", 1);
}

/* Computes line and column from the byte offset when a caller left them unset. */
static struct loc fill_line_col(const struct diag *d, struct loc loc)
{
	if (loc.line || !d->text)
		return loc;
	loc.line = 1;
	loc.col = 1;
	for (size_t i = 0; i < loc.start && i < d->text_len; i++) {
		loc.col++;
		if (d->text[i] == '\n') {
			loc.line++;
			loc.col = 1;
		}
	}
	return loc;
}

void diag_error(struct diag *d, struct loc loc, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (d->n_errors++ >= MAX_ERRORS) {
		if (d->n_errors == MAX_ERRORS + 1) {
			strbuf_printf(&sb, "%s: error: too many errors; not showing the rest\n",
				      d->path ? d->path : "<input>");
			diag_emit(d, &sb);
		}
		return;
	}
	loc = fill_line_col(d, loc);
	strbuf_printf(&sb, "%s:%u:%u: error: ", d->path ? d->path : "<input>", loc.line, loc.col);
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	strbuf_append(&sb, "\n", 1);
	append_caret(d, &sb, loc);
	diag_emit(d, &sb);
}

void diag_error_noloc(struct diag *d, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	strbuf_printf(&sb, "%s: error: ", d->path ? d->path : "<input>");
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	strbuf_append(&sb, "\n", 1);
	diag_emit(d, &sb);
	d->n_errors++;
}

void diag_summary(struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;

	if (!d->n_errors)
		return;
	strbuf_printf(&sb, "%d error%s\n", d->n_errors, d->n_errors == 1 ? "" : "s");
	diag_emit(d, &sb);
}
