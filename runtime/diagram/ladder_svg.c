/* SPDX-License-Identifier: GPL-2.0-only */
/* ladder_svg: a ladder diagram as one self-contained SVG document (no script,
 * no external font or image), readable on screen and in black and white. */
#include "runtime/diagram/ladder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util/xalloc.h"

/* Every label is monospace: a character is 0.6 em wide in the usual
 * monospace fonts (DejaVu Sans Mono, Liberation Mono, Menlo, Consolas), so
 * widths are known without measuring text. Lengths are whole pixels (the
 * page is written without floating-point formatting: it is cheaper). */
#define FONT "DejaVu Sans Mono, Liberation Mono, Menlo, Consolas, monospace"
#define CHAR_W10 73   /* tenths of a pixel a 12 px character takes, with a margin */
#define MAX_LABEL 96  /* longer labels are cut (the full text is the tooltip) */
#define TIME_RIGHT 62 /* the time axis: labels end here */
#define LINE_RIGHT 96 /* script line numbers end here */
#define AXIS_X 106
#define TOP 64 /* the lifelines' header boxes */
#define HEADER_H 36
#define FIRST_ROW (TOP + HEADER_H + 14)

/* Colours stay dark (they print as black or dark grey); what tells rows
 * apart in black and white is the line style and the words. */
#define INK "#000000"
#define IN_INK "#1f3f8f"
#define OUT_INK "#0f5a2a"
#define FAIL_INK "#b00020"
#define CALL_INK "#303030"
#define GRID_INK "#9a9a9a"

struct geom {
	int peer_x;
	int col_x0, col_w; /* x of column i: col_x0 + i * col_w */
	int note_x;	   /* system calls' text */
	int width, height;
};

/* Length of the well-formed UTF-8 sequence at s; 0 if s does not start one. */
static size_t utf8_len(const unsigned char *s)
{
	size_t len = s[0] < 0x80		    ? 1
		     : s[0] >= 0xc2 && s[0] <= 0xdf ? 2
		     : s[0] >= 0xe0 && s[0] <= 0xef ? 3
		     : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4
						    : 0;

	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* Characters in s (UTF-8 continuation bytes do not count). */
static size_t text_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Pixels that n characters of 12 px take. */
static int chars_w(size_t n)
{
	return (int)((n * CHAR_W10 + 9) / 10);
}

static int text_w(const char *s)
{
	size_t n = text_chars(s);

	return chars_w(n > MAX_LABEL ? MAX_LABEL : n);
}

/* Appends one character of s (at most len bytes) as XML text. */
static void xml_char(struct strbuf *out, const char *s, size_t len)
{
	static const char *const entity[128] = {
	    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;"};
	unsigned char c = (unsigned char)*s;

	if (c < 128 && entity[c])
		strbuf_append(out, entity[c], strlen(entity[c]));
	else if (!len || (c < 0x20 && c != '\t'))
		strbuf_append(out, "?", 1); /* XML 1.0 cannot carry it */
	else
		strbuf_append(out, s, len);
}

/* Appends s as XML character data or attribute text, cut to at most max
 * characters ("..." at the end) when max is not 0. Bytes that are not UTF-8
 * (a script may hold any) become '?', so the page always parses. */
static void xml_text(struct strbuf *out, const char *s, size_t max)
{
	size_t total = text_chars(s), n = 0;

	while (*s) {
		if (max && total > max && ++n > max - 3) {
			strbuf_append(out, "...", 3);
			return;
		}
		size_t len = utf8_len((const unsigned char *)s);
		xml_char(out, s, len);
		s += len ? len : 1;
	}
}

static const char *packet_prefix(const struct ladder_row *row)
{
	if (row->kind == LADDER_EXPECTED)
		return "expected: ";
	return row->failed ? "actual: " : "";
}

static bool is_packet(const struct ladder_row *row)
{
	return row->kind == LADDER_IN || row->kind == LADDER_OUT || row->kind == LADDER_EXPECTED;
}

/* Vertical room for a time gap: none under 1 ms, then 16 px more for each
 * tenfold (10 ms: 16 px, 100 ms: 32 px, 1 s: 48 px; linear within a decade),
 * so that long waits show without taking the page. */
static int gap_h(int64_t usecs)
{
	int64_t decade = 1000;
	int h = 0;

	if (usecs < 1000)
		return 0;
	for (; usecs >= 10 * decade && h < 64; decade *= 10)
		h += 16;
	h += (int)(16 * (usecs - decade) / (9 * decade));
	return h > 64 ? 64 : h;
}

/* Characters of the error note's lines, given the page's width. */
static size_t error_cols(const struct geom *g)
{
	int w = g->width - g->peer_x + 4;
	size_t cols = (size_t)(w > 0 ? w * 10 / CHAR_W10 : 0);

	return cols > 40 ? cols : 40;
}

static size_t error_lines(const struct geom *g, const char *text)
{
	size_t cols = error_cols(g), n = text_chars(text);

	return n ? (n + cols - 1) / cols : 1;
}

static int row_h(const struct geom *g, const struct ladder_row *row)
{
	switch (row->kind) {
	case LADDER_IN:
	case LADDER_OUT:
	case LADDER_EXPECTED:
	case LADDER_NOTE:
		return 30;
	case LADDER_CALL:
		return 20;
	case LADDER_STATE:
		return 26;
	case LADDER_ERROR:
		return 24 + 15 * (int)error_lines(g, row->text);
	}
	return 20;
}

static int col_x(const struct geom *g, size_t i)
{
	return g->col_x0 + (int)i * g->col_w;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* The widest label of each kind sets the columns: packets' labels fit
 * between the peer and the first kernel column, states and the columns'
 * names in a column, calls' text right of the last. */
static void layout(const struct ladder *l, struct geom *g)
{
	int label = chars_w(34), call = 0, col = 0, note = 0;

	for (size_t i = 0; i < l->n_rows; i++) {
		const struct ladder_row *row = &l->rows[i];
		int w = text_w(row->text) + chars_w(strlen(packet_prefix(row)));
		if (is_packet(row))
			label = max_int(label, w);
		if (row->kind == LADDER_CALL)
			call = max_int(call, w + chars_w(2));
		if (row->kind == LADDER_STATE)
			col = max_int(col, w + 24);
		if (row->kind == LADDER_NOTE)
			note = max_int(note, w + 24);
	}
	for (size_t i = 0; i < l->n_columns; i++)
		col = max_int(col, text_w(l->columns[i]) + 28);
	col = max_int(col, text_w(l->local) + 28);
	g->col_w = max_int(col, 150);
	g->peer_x = AXIS_X + 20 + max_int(text_w(l->peer) + 28, 112) / 2;
	g->col_x0 = g->peer_x + label + 20 + g->col_w / 2;
	g->note_x = col_x(g, l->n_columns - 1) + g->col_w / 2 + 12;
	g->width = g->note_x + call + 16;
	g->width = max_int(g->width, g->peer_x - 40 + note + 16);
	g->width = max_int(g->width, (int)text_chars(l->title) * 84 / 10 + 24);
	g->width = max_int(g->width, text_w(l->verdict) + 24);
}

static void defs(struct strbuf *out)
{
	static const struct {
		const char *id, *ink;
	} heads[] = {{"pd-in", IN_INK}, {"pd-out", OUT_INK}, {"pd-fail", FAIL_INK}};

	strbuf_printf(out, "<defs>\n");
	for (size_t i = 0; i < 3; i++)
		strbuf_printf(out,
			      "<marker id=\"%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
			      "markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\">"
			      "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>\n",
			      heads[i].id, heads[i].ink);
	strbuf_printf(out, "</defs>\n");
}

/* One lifeline's box: its name over its address. */
static void header_box(int x, const char *top, const char *bottom, struct strbuf *out)
{
	int w = max_int(text_w(top), text_w(bottom)) + 20;

	strbuf_printf(
	    out,
	    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"#ffffff\" "
	    "stroke=\"%s\" stroke-width=\"1.4\"/>\n"
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">",
	    x - w / 2, TOP, w, HEADER_H, INK, x, TOP + 15);
	xml_text(out, top, 0);
	strbuf_printf(out, "</text>\n<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", x, TOP + 29);
	xml_text(out, bottom, 0);
	strbuf_printf(out, "</text>\n");
}

/* The header: title, the lifelines' boxes, the axes' captions. */
static void draw_header(const struct ladder *l, const struct geom *g, struct strbuf *out)
{
	strbuf_printf(out, "<text x=\"12\" y=\"26\" font-size=\"14\" font-weight=\"bold\">");
	xml_text(out, l->title, 0);
	strbuf_printf(out, "</text>\n<text x=\"12\" y=\"46\" fill=\"%s\"%s>",
		      l->failed ? FAIL_INK : INK, l->failed ? " font-weight=\"bold\"" : "");
	xml_text(out, l->verdict, 0);
	strbuf_printf(
	    out,
	    "</text>\n"
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">time (s)</text>\n"
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">line</text>\n",
	    TIME_RIGHT, TOP + HEADER_H + 4, LINE_RIGHT, TOP + HEADER_H + 4);
	header_box(g->peer_x, "remote peer", l->peer, out);
	for (size_t i = 0; i < l->n_columns; i++) {
		char *name = NULL;
		if (l->n_columns == 1 && asprintf(&name, "kernel, %s", l->columns[i]) < 0)
			name = NULL;
		header_box(col_x(g, i), name ? name : l->columns[i], l->local, out);
		free(name);
	}
	if (l->n_columns > 1)
		strbuf_printf(out,
			      "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			      "font-weight=\"bold\">kernel</text>\n",
			      (col_x(g, 0) + col_x(g, l->n_columns - 1)) / 2, TOP - 8);
}

static void draw_lifelines(const struct ladder *l, const struct geom *g, int bottom,
			   struct strbuf *out)
{
	strbuf_printf(out,
		      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
		      "stroke-width=\"1\"/>\n",
		      AXIS_X, TOP + HEADER_H + 8, AXIS_X, bottom, GRID_INK);
	for (size_t i = 0; i <= l->n_columns; i++) {
		int x = i ? col_x(g, i - 1) : g->peer_x;
		strbuf_printf(out,
			      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			      "stroke-width=\"1.4\"/>\n",
			      x, TOP + HEADER_H, x, bottom, INK);
	}
}

/* The row's time on the axis (the first row at a script time) and its line. */
static void draw_margin(const struct ladder_row *row, int y, struct strbuf *out)
{
	int64_t ms = (row->t < 0 ? 0 : row->t) / 1000;

	if (row->new_time)
		strbuf_printf(out,
			      "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld.%03lld</text>\n"
			      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n",
			      TIME_RIGHT, y + 4, (long long)(ms / 1000), (long long)(ms % 1000),
			      AXIS_X - 4, y, AXIS_X + 4, y, GRID_INK);
	if (row->line && row->kind != LADDER_ERROR)
		strbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>%s%u</text>\n",
			      LINE_RIGHT, y + 4,
			      row->failed ? " fill=\"" FAIL_INK "\" font-weight=\"bold\"" : "",
			      row->failed ? "\xc3\x97" : "", row->line);
}

static void draw_packet(const struct geom *g, const struct ladder_row *row, int y,
			struct strbuf *out)
{
	bool in = row->kind == LADDER_IN;
	int k = col_x(g, row->column), label_x = (g->peer_x + g->col_x0) / 2;
	const char *ink = row->failed ? FAIL_INK : in ? IN_INK : OUT_INK;
	const char *head = row->failed ? "pd-fail" : in ? "pd-in" : "pd-out";

	strbuf_printf(out, "<g class=\"packet %s%s\">\n<title>line %u: ", in ? "in" : "out",
		      row->kind == LADDER_EXPECTED ? " expected" : "", row->line);
	xml_text(out, packet_prefix(row), 0);
	xml_text(out, row->text, 0);
	strbuf_printf(out,
		      "</title>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
		      "stroke-width=\"1.6\"%s marker-end=\"url(#%s)\"/>\n",
		      in ? g->peer_x : k, y, in ? k - 1 : g->peer_x + 1, y, ink,
		      row->kind == LADDER_EXPECTED ? " stroke-dasharray=\"7 4\"" : "", head);
	strbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\"%s>", label_x,
		      y - 6, ink, row->failed ? " font-weight=\"bold\"" : "");
	xml_text(out, packet_prefix(row), 0);
	xml_text(out, row->text, MAX_LABEL - strlen(packet_prefix(row)));
	strbuf_printf(out, "</text>\n</g>\n");
}

static void draw_call(const struct geom *g, const struct ladder_row *row, int y, struct strbuf *out)
{
	int k = col_x(g, row->column);
	const char *ink = row->failed ? FAIL_INK : CALL_INK;

	strbuf_printf(out,
		      "<g class=\"call\">\n<circle cx=\"%d\" cy=\"%d\" r=\"3.2\" fill=\"%s\"/>\n"
		      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
		      "stroke-width=\"0.8\" stroke-dasharray=\"1 3\"/>\n"
		      "<text x=\"%d\" y=\"%d\" fill=\"%s\"%s>",
		      k, y, ink, k + 5, y, g->note_x - 4, y, GRID_INK, g->note_x, y + 4, ink,
		      row->failed ? " font-weight=\"bold\"" : "");
	xml_text(out, row->text, MAX_LABEL);
	strbuf_printf(out, "</text>\n</g>\n");
}

static void draw_state(const struct geom *g, const struct ladder_row *row, int y,
		       struct strbuf *out)
{
	int w = text_w(row->text) + 18, x = col_x(g, row->column);

	strbuf_printf(out,
		      "<g class=\"state\">\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" "
		      "rx=\"10\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"1.6\"/>\n"
		      "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11.5\" "
		      "font-weight=\"bold\">",
		      x - w / 2, y - 10, w, INK, x, y + 4);
	xml_text(out, row->text, 0);
	strbuf_printf(out, "</text>\n</g>\n");
}

/* A shell command or code block: a note across the lifelines. */
static void draw_note(const struct ladder *l, const struct geom *g, const struct ladder_row *row,
		      int y, struct strbuf *out)
{
	int x = g->peer_x - 40;
	int w = max_int(text_w(row->text) + 24, col_x(g, l->n_columns - 1) + 40 - x);
	const char *ink = row->failed ? FAIL_INK : INK;

	strbuf_printf(out,
		      "<g class=\"note\">\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" "
		      "fill=\"#f4f4f4\" stroke=\"%s\" stroke-width=\"%s\"/>\n"
		      "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-style=\"italic\">",
		      x, y - 11, w, ink, row->failed ? "2" : "1", x + 12, y + 4, ink);
	xml_text(out, row->text, MAX_LABEL);
	strbuf_printf(out, "</text>\n</g>\n");
}

/* Why the run failed: a framed note across the page, wrapped. */
static void draw_error(const struct geom *g, const struct ladder_row *row, int y,
		       struct strbuf *out)
{
	size_t cols = error_cols(g), n = error_lines(g, row->text);
	int x = g->peer_x - 40;
	const char *s = row->text;

	strbuf_printf(out,
		      "<g class=\"error\">\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		      "fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2.4\"/>\n",
		      x, y - 6, g->width - x - 12, 10 + 15 * (int)n, FAIL_INK);
	for (size_t i = 0; i < n; i++) {
		char chunk[1024];
		size_t len = 0;
		for (size_t chars = 0; s[len] && chars < cols && len < sizeof(chunk) - 8; chars++)
			do
				len++;
			while (((unsigned char)s[len] & 0xc0) == 0x80);
		memcpy(chunk, s, len);
		chunk[len] = '\0';
		s += len;
		strbuf_printf(out, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-weight=\"bold\">%s",
			      x + 10, y + 9 + 15 * (int)i, FAIL_INK, i ? "" : "\xc3\x97 ");
		xml_text(out, chunk, 0);
		strbuf_printf(out, "</text>\n");
	}
	strbuf_printf(out, "</g>\n");
}

static void draw_row(const struct ladder *l, const struct geom *g, const struct ladder_row *row,
		     int y, struct strbuf *out)
{
	draw_margin(row, y, out);
	switch (row->kind) {
	case LADDER_IN:
	case LADDER_OUT:
	case LADDER_EXPECTED:
		draw_packet(g, row, y, out);
		break;
	case LADDER_CALL:
		draw_call(g, row, y, out);
		break;
	case LADDER_NOTE:
		draw_note(l, g, row, y, out);
		break;
	case LADDER_STATE:
		draw_state(g, row, y, out);
		break;
	case LADDER_ERROR:
		draw_error(g, row, y, out);
		break;
	}
}

/* Where each row's line goes (its arrow, its dot); returns the page's bottom. */
static int place_rows(const struct ladder *l, const struct geom *g, int *ys)
{
	int y = FIRST_ROW;

	for (size_t i = 0; i < l->n_rows; i++) {
		const struct ladder_row *row = &l->rows[i];
		if (i && row->new_time)
			y += gap_h(row->nominal - l->rows[i - 1].nominal);
		int h = row_h(g, row);
		ys[i] = row->kind == LADDER_ERROR ? y + 14 : is_packet(row) ? y + h - 8 : y + h / 2;
		y += h;
	}
	return y + 12;
}

/* What the picture shows, under it (11 px: 6.7 px a character). */
static const char legend[] = "Arrows: packets as script text (script-relative numbers). "
			     "Rounded boxes: the kernel's TCP state (sock_diag) from there on. "
			     "Dots: system calls and their results.";
#define LEGEND_W ((int)(sizeof(legend) - 1) * 67 / 10 + 24)

void ladder_svg(const struct ladder *l, struct strbuf *out)
{
	struct geom g;
	int *ys = xcalloc(l->n_rows ? l->n_rows : 1, sizeof(*ys));

	layout(l, &g);
	g.width = max_int(g.width, LEGEND_W);
	int bottom = place_rows(l, &g, ys);
	g.height = bottom + 30;
	strbuf_printf(out,
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		      "viewBox=\"0 0 %d %d\" font-family=\"" FONT "\" font-size=\"12\" "
		      "role=\"img\">\n<title>",
		      g.width, g.height, g.width, g.height);
	xml_text(out, l->title, 0);
	strbuf_printf(out, " (");
	xml_text(out, l->verdict, 0);
	strbuf_printf(out, ")</title>\n<desc>A ladder diagram of a pktdrill run: the packets "
			   "between the remote peer and the kernel in time, with the kernel's TCP "
			   "states and the script's system calls.</desc>\n");
	defs(out);
	strbuf_printf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
	draw_header(l, &g, out);
	draw_lifelines(l, &g, bottom, out);
	for (size_t i = 0; i < l->n_rows; i++)
		draw_row(l, &g, &l->rows[i], ys[i], out);
	strbuf_printf(out, "<text x=\"12\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>\n",
		      bottom + 20, CALL_INK, legend);
	strbuf_printf(out, "</svg>\n");
	free(ys);
}
