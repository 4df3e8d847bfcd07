/* SPDX-License-Identifier: GPL-2.0-only */
/* ladder_svg: a ladder diagram as one self-contained SVG document (no script,
 * no external font or image), readable on screen and in black and white. */
#include "runtime/diagram/ladder.h"

#include <stdio.h>
#include <string.h>

/* Every label is monospace, 12 px: a character is 0.6 em wide in the usual
 * monospace fonts (DejaVu Sans Mono, Liberation Mono, Menlo, Consolas), so
 * widths are known without measuring text. Lengths are in pixels. */
#define FONT "DejaVu Sans Mono, Liberation Mono, Menlo, Consolas, monospace"
#define CHAR_W 7.3
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
	double peer_x;
	double col_x0, col_w; /* x of column i: col_x0 + i * col_w */
	double note_x;	      /* system calls' text */
	double width, height;
};

/* Characters in s (UTF-8 continuation bytes do not count). */
static size_t text_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static double text_w(const char *s)
{
	size_t n = text_chars(s);

	return (double)(n > MAX_LABEL ? MAX_LABEL : n) * CHAR_W;
}

/* Appends s as XML character data or attribute text, cut to at most max
 * characters ("..." at the end) when max is not 0. */
static void xml_text(struct strbuf *out, const char *s, size_t max)
{
	size_t n = 0, total = text_chars(s);

	for (; *s; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80 && max && total > max && ++n > max - 3) {
			strbuf_append(out, "...", 3);
			return;
		}
		switch (*s) {
		case '&':
			strbuf_append(out, "&amp;", 5);
			break;
		case '<':
			strbuf_append(out, "&lt;", 4);
			break;
		case '>':
			strbuf_append(out, "&gt;", 4);
			break;
		case '"':
			strbuf_append(out, "&quot;", 6);
			break;
		default:
			/* XML 1.0 carries no other control characters */
			if ((unsigned char)*s < 0x20 && *s != '\t')
				strbuf_append(out, "?", 1);
			else
				strbuf_append(out, s, 1);
		}
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
static double gap_h(int64_t usecs)
{
	double ms = (double)usecs / 1000.0, h = 0;

	if (ms < 1)
		return 0;
	for (; ms >= 10 && h < 64; ms /= 10)
		h += 16;
	h += 16 * (ms - 1) / 9;
	return h > 64 ? 64 : (double)(int)h;
}

static double round_up(double x)
{
	return (double)(long)x < x ? (double)(long)x + 1 : x;
}

/* Characters of the error note's lines, given the page's width. */
static size_t error_cols(const struct geom *g)
{
	double w = g->width - g->peer_x + 30 - 24;

	return w / CHAR_W > 40 ? (size_t)(w / CHAR_W) : 40;
}

static size_t error_lines(const struct geom *g, const char *text)
{
	size_t cols = error_cols(g), n = text_chars(text);

	return n ? (n + cols - 1) / cols : 1;
}

static double row_h(const struct geom *g, const struct ladder_row *row)
{
	switch (row->kind) {
	case LADDER_IN:
	case LADDER_OUT:
	case LADDER_EXPECTED:
		return 30;
	case LADDER_CALL:
		return 20;
	case LADDER_NOTE:
		return 30;
	case LADDER_STATE:
		return 26;
	case LADDER_ERROR:
		return 24 + 15 * (double)error_lines(g, row->text);
	}
	return 20;
}

static double col_x(const struct geom *g, size_t i)
{
	return g->col_x0 + (double)i * g->col_w;
}

static void layout(const struct ladder *l, struct geom *g)
{
	double label = 34 * CHAR_W, call = 0, col = 0, note = 0;

	for (size_t i = 0; i < l->n_rows; i++) {
		const struct ladder_row *row = &l->rows[i];
		double w = text_w(row->text) + (double)strlen(packet_prefix(row)) * CHAR_W;
		if (is_packet(row) && w > label)
			label = w;
		if (row->kind == LADDER_CALL && w + 2 * CHAR_W > call)
			call = w + 2 * CHAR_W;
		if (row->kind == LADDER_STATE && w + 24 > col)
			col = w + 24;
		if (row->kind == LADDER_NOTE && w + 24 > note)
			note = w + 24;
	}
	for (size_t i = 0; i < l->n_columns; i++) {
		double w = text_w(l->columns[i]) + 28;
		if (w > col)
			col = w;
	}
	double local = text_w(l->local) + 28;
	g->col_w = col > 150 ? col : 150;
	if (local > g->col_w && l->n_columns == 1)
		g->col_w = local;
	g->peer_x = AXIS_X + 20 + (text_w(l->peer) + 28 > 112 ? text_w(l->peer) + 28 : 112) / 2;
	g->col_x0 = g->peer_x + label + 60 + g->col_w / 2 - 40;
	g->note_x = col_x(g, l->n_columns - 1) + g->col_w / 2 + 12;
	g->width = g->note_x + call + 16;
	if (g->peer_x - 40 + note + 16 > g->width)
		g->width = g->peer_x - 40 + note + 16;
	double title = (double)(text_chars(l->title) + text_chars(l->verdict) + 4) * 8.4 + 24;
	if (title > g->width)
		g->width = title;
	g->width = round_up(g->width);
}

static void defs(struct strbuf *out)
{
	strbuf_printf(out, "<defs>\n");
	static const struct {
		const char *id, *ink;
	} heads[] = {{"pd-in", IN_INK}, {"pd-out", OUT_INK}, {"pd-fail", FAIL_INK}};
	for (size_t i = 0; i < 3; i++)
		strbuf_printf(out,
			      "<marker id=\"%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
			      "markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\">"
			      "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>\n",
			      heads[i].id, heads[i].ink);
	strbuf_printf(out, "</defs>\n");
}

/* The header: title, the lifelines' boxes, the axes' captions. */
static void draw_header(const struct ladder *l, const struct geom *g, struct strbuf *out)
{
	strbuf_printf(out, "<text x=\"12\" y=\"26\" font-size=\"14\" font-weight=\"bold\">");
	xml_text(out, l->title, 0);
	strbuf_printf(out, "</text>\n<text x=\"12\" y=\"46\" font-size=\"12\" fill=\"%s\"%s>",
		      l->failed ? FAIL_INK : INK, l->failed ? " font-weight=\"bold\"" : "");
	xml_text(out, l->verdict, 0);
	strbuf_printf(out, "</text>\n");
	strbuf_printf(
	    out,
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">time (s)</text>\n"
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">line</text>\n",
	    TIME_RIGHT, TOP + HEADER_H + 4, LINE_RIGHT, TOP + HEADER_H + 4);
	const char *who[2] = {"remote peer", "kernel"};
	for (size_t i = 0; i <= l->n_columns; i++) {
		double x = i ? col_x(g, i - 1) : g->peer_x;
		const char *top = i ? (l->n_columns > 1 ? l->columns[i - 1] : who[1]) : who[0];
		const char *bottom = i ? (l->n_columns > 1 ? l->local : l->columns[0]) : l->peer;
		double w = (text_w(top) > text_w(bottom) ? text_w(top) : text_w(bottom)) + 20;
		strbuf_printf(
		    out,
		    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"4\" "
		    "fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"1.4\"/>\n"
		    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">",
		    x - w / 2, TOP, w, HEADER_H, INK, x, TOP + 15);
		xml_text(out, top, 0);
		strbuf_printf(out, "</text>\n<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x,
			      TOP + 29);
		xml_text(out, bottom, 0);
		strbuf_printf(out, "</text>\n");
	}
	if (l->n_columns > 1) {
		double x = (col_x(g, 0) + col_x(g, l->n_columns - 1)) / 2;
		strbuf_printf(out,
			      "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
			      "font-weight=\"bold\">kernel</text>\n",
			      x, TOP - 8);
	}
}

static void draw_lifelines(const struct ladder *l, const struct geom *g, double bottom,
			   struct strbuf *out)
{
	strbuf_printf(out,
		      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
		      "stroke-width=\"1\"/>\n",
		      AXIS_X, TOP + HEADER_H + 8, AXIS_X, bottom, GRID_INK);
	for (size_t i = 0; i <= l->n_columns; i++)
		strbuf_printf(out,
			      "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			      "stroke-width=\"1.4\"/>\n",
			      i ? col_x(g, i - 1) : g->peer_x, TOP + HEADER_H,
			      i ? col_x(g, i - 1) : g->peer_x, bottom, INK);
}

/* The row's time on the axis (the first row at a script time) and its line. */
static void draw_margin(const struct ladder_row *row, double y, struct strbuf *out)
{
	if (row->new_time)
		strbuf_printf(out,
			      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3f</text>\n"
			      "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>\n",
			      TIME_RIGHT, y + 4, (double)row->t / 1e6, AXIS_X - 4, y, AXIS_X + 4, y,
			      GRID_INK);
	if (row->line && row->kind != LADDER_ERROR)
		strbuf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\"%s>%s%u</text>\n",
			      LINE_RIGHT, y + 4,
			      row->failed ? " fill=\"" FAIL_INK "\" font-weight=\"bold\"" : "",
			      row->failed ? "\xc3\x97" : "", row->line);
}

static void draw_packet(const struct geom *g, const struct ladder_row *row, double y,
			struct strbuf *out)
{
	bool in = row->kind == LADDER_IN;
	double k = col_x(g, row->column), label_x = (g->peer_x + g->col_x0) / 2;
	const char *ink = row->failed ? FAIL_INK : in ? IN_INK : OUT_INK;
	const char *head = row->failed ? "pd-fail" : in ? "pd-in" : "pd-out";

	strbuf_printf(out, "<g class=\"packet %s%s\">\n<title>line %u: ", in ? "in" : "out",
		      row->kind == LADDER_EXPECTED ? " expected" : "", row->line);
	xml_text(out, packet_prefix(row), 0);
	xml_text(out, row->text, 0);
	strbuf_printf(out,
		      "</title>\n<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		      "stroke=\"%s\" stroke-width=\"1.6\"%s marker-end=\"url(#%s)\"/>\n",
		      in ? g->peer_x : k, y, in ? k - 1 : g->peer_x + 1, y, ink,
		      row->kind == LADDER_EXPECTED ? " stroke-dasharray=\"7 4\"" : "", head);
	strbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\"%s>",
		      label_x, y - 6, ink, row->failed ? " font-weight=\"bold\"" : "");
	xml_text(out, packet_prefix(row), 0);
	xml_text(out, row->text, MAX_LABEL - strlen(packet_prefix(row)));
	strbuf_printf(out, "</text>\n</g>\n");
}

static void draw_call(const struct geom *g, const struct ladder_row *row, double y,
		      struct strbuf *out)
{
	double k = col_x(g, row->column);
	const char *ink = row->failed ? FAIL_INK : CALL_INK;

	strbuf_printf(
	    out,
	    "<g class=\"call\">\n<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\" fill=\"%s\"/>\n"
	    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
	    "stroke-width=\"0.8\" stroke-dasharray=\"1 3\"/>\n"
	    "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"%s>",
	    k, y, ink, k + 5, y, g->note_x - 4, y, GRID_INK, g->note_x, y + 4, ink,
	    row->failed ? " font-weight=\"bold\"" : "");
	xml_text(out, row->text, MAX_LABEL);
	strbuf_printf(out, "</text>\n</g>\n");
}

static void draw_state(const struct geom *g, const struct ladder_row *row, double y,
		       struct strbuf *out)
{
	double w = text_w(row->text) + 18, x = col_x(g, row->column);

	strbuf_printf(out,
		      "<g class=\"state\">\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		      "height=\"20\" rx=\"10\" fill=\"#ffffff\" stroke=\"%s\" "
		      "stroke-width=\"1.6\"/>\n"
		      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11.5\" "
		      "font-weight=\"bold\">",
		      x - w / 2, y - 10, w, INK, x, y + 4);
	xml_text(out, row->text, 0);
	strbuf_printf(out, "</text>\n</g>\n");
}

/* A shell command or code block: a note across the lifelines. */
static void draw_note(const struct ladder *l, const struct geom *g, const struct ladder_row *row,
		      double y, struct strbuf *out)
{
	double x = g->peer_x - 40, w = text_w(row->text) + 24;
	double span = col_x(g, l->n_columns - 1) + 40 - x;

	if (w < span)
		w = span;
	strbuf_printf(
	    out,
	    "<g class=\"note\">\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"22\" "
	    "fill=\"#f4f4f4\" stroke=\"%s\" stroke-width=\"1\"%s/>\n"
	    "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-style=\"italic\">",
	    x, y - 11, w, row->failed ? FAIL_INK : INK, row->failed ? " stroke-width=\"2\"" : "",
	    x + 12, y + 4, row->failed ? FAIL_INK : INK);
	xml_text(out, row->text, MAX_LABEL);
	strbuf_printf(out, "</text>\n</g>\n");
}

/* Why the run failed: a framed note across the page, wrapped. */
static void draw_error(const struct geom *g, const struct ladder_row *row, double y,
		       struct strbuf *out)
{
	size_t cols = error_cols(g), n = error_lines(g, row->text);
	double x = g->peer_x - 40, h = 10 + 15 * (double)n;
	const char *s = row->text;

	strbuf_printf(out,
		      "<g class=\"error\">\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		      "height=\"%.1f\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2.4\"/>\n",
		      x, y - 6, g->width - x - 12, h, FAIL_INK);
	for (size_t i = 0; i < n; i++) {
		char chunk[512];
		size_t len = 0, chars = 0;
		while (s[len] && chars < cols && len < sizeof(chunk) - 4) {
			len++;
			while (((unsigned char)s[len] & 0xc0) == 0x80)
				len++;
			chars++;
		}
		memcpy(chunk, s, len);
		chunk[len] = '\0';
		s += len;
		strbuf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-weight=\"bold\">",
			      x + 10, y + 9 + 15 * (double)i, FAIL_INK);
		if (!i)
			strbuf_printf(out, "\xc3\x97 ");
		xml_text(out, chunk, 0);
		strbuf_printf(out, "</text>\n");
	}
	strbuf_printf(out, "</g>\n");
}

static void draw_row(const struct ladder *l, const struct geom *g, const struct ladder_row *row,
		     double y, struct strbuf *out)
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

/* Where each row's line goes (its arrow, its dot), and the page's bottom. */
static double place_rows(const struct ladder *l, const struct geom *g, double *ys)
{
	double y = FIRST_ROW;

	for (size_t i = 0; i < l->n_rows; i++) {
		const struct ladder_row *row = &l->rows[i];
		if (i && row->new_time)
			y += gap_h(row->nominal - l->rows[i - 1].nominal);
		double h = row_h(g, row);
		ys[i] = row->kind == LADDER_ERROR ? y + 14 : is_packet(row) ? y + h - 8 : y + h / 2;
		y += h;
	}
	return y + 12;
}

/* What the picture shows, under it (11 px: 6.6 px a character). */
static const char legend[] = "Arrows: packets as script text (script-relative numbers). "
			     "Rounded boxes: the kernel's TCP state (sock_diag) from there on. "
			     "Dots: system calls and their results.";
#define LEGEND_W ((double)(sizeof(legend) - 1) * 6.7 + 24)

static void draw_legend(double y, struct strbuf *out)
{
	strbuf_printf(out, "<text x=\"12\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">%s</text>\n", y,
		      CALL_INK, legend);
}

void ladder_svg(const struct ladder *l, struct strbuf *out)
{
	struct geom g;
	double ys[l->n_rows ? l->n_rows : 1];

	layout(l, &g);
	double bottom = place_rows(l, &g, ys);
	if (LEGEND_W > g.width)
		g.width = round_up(LEGEND_W);
	g.height = round_up(bottom + 30);
	strbuf_printf(out,
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		      "viewBox=\"0 0 %.0f %.0f\" font-family=\"" FONT "\" font-size=\"12\" "
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
	draw_legend(bottom + 20, out);
	strbuf_printf(out, "</svg>\n");
}
