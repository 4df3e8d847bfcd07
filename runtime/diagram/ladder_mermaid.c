/* SPDX-License-Identifier: GPL-2.0-only */
/* ladder_mermaid: a ladder diagram as a Mermaid sequenceDiagram (GitHub and
 * GitLab draw it in Markdown). */
#include "runtime/diagram/ladder.h"

#include <string.h>

/* Appends s as message or note text: Mermaid reads ';' and '#' itself and
 * '<' '>' as HTML, so they become its entity codes ("#lt;"). */
static void mermaid_text(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			strbuf_printf(out, "#lt;");
			break;
		case '>':
			strbuf_printf(out, "#gt;");
			break;
		case '#':
			strbuf_printf(out, "#35;");
			break;
		case ';':
			strbuf_printf(out, "#59;");
			break;
		case '&':
			strbuf_printf(out, "#amp;");
			break;
		case '\n':
		case '\r':
			strbuf_append(out, " ", 1);
			break;
		default:
			strbuf_append(out, s, 1);
		}
	}
}

/* Participants: P, the peer; K1..Kn, the kernel's connections; each name
 * over its address. */
static void participants(const struct ladder *l, struct strbuf *out)
{
	strbuf_printf(out, "    participant P as remote peer<br/>");
	mermaid_text(out, l->peer);
	strbuf_printf(out, "\n");
	for (size_t i = 0; i < l->n_columns; i++) {
		strbuf_printf(out, "    participant K%zu as kernel ", i + 1);
		mermaid_text(out, l->columns[i]);
		strbuf_printf(out, "<br/>");
		mermaid_text(out, l->local);
		strbuf_printf(out, "\n");
	}
}

/* "0.100 s": the row's time, without floating-point formatting (cheaper). */
static void when(struct strbuf *out, const struct ladder_row *row)
{
	int64_t ms = (row->t < 0 ? 0 : row->t) / 1000;

	strbuf_printf(out, "%lld.%03lld s", (long long)(ms / 1000), (long long)(ms % 1000));
}

static void row_line(const struct ladder *l, const struct ladder_row *row, struct strbuf *out)
{
	size_t k = row->column + 1;

	switch (row->kind) {
	case LADDER_IN:
		strbuf_printf(out, "    P->>K%zu: ", k);
		when(out, row);
		strbuf_printf(out, "%s ", row->failed ? " actual:" : "");
		break;
	case LADDER_OUT:
		strbuf_printf(out, "    K%zu->>P: ", k);
		when(out, row);
		strbuf_printf(out, "%s ", row->failed ? " actual:" : "");
		break;
	case LADDER_EXPECTED:
		strbuf_printf(out, "    K%zu--xP: ", k);
		when(out, row);
		strbuf_printf(out, " expected (line %u): ", row->line);
		break;
	case LADDER_CALL:
		strbuf_printf(out, "    Note right of K%zu: ", k);
		when(out, row);
		strbuf_printf(out, " %s", row->failed ? "FAILED " : "");
		break;
	case LADDER_NOTE:
		strbuf_printf(out, "    Note over P,K%zu: ", l->n_columns);
		when(out, row);
		strbuf_printf(out, " ");
		break;
	case LADDER_STATE:
		strbuf_printf(out, "    Note over K%zu: ", k);
		break;
	case LADDER_ERROR:
		strbuf_printf(out, "    Note over P,K%zu: FAILED ", l->n_columns);
		break;
	}
	mermaid_text(out, row->text);
	strbuf_printf(out, "\n");
}

void ladder_mermaid(const struct ladder *l, bool markdown, struct strbuf *out)
{
	if (markdown) {
		strbuf_printf(out, "# ");
		mermaid_text(out, l->title);
		strbuf_printf(out,
			      " (%s)\n\nA pktdrill run as a ladder diagram: packets as script "
			      "text (script-relative numbers), the kernel's TCP states "
			      "(sock_diag) and the system calls, with their times.\n\n"
			      "```mermaid\n",
			      l->verdict);
	}
	strbuf_printf(out, "%%%% ");
	mermaid_text(out, l->title);
	strbuf_printf(out, " (%s), written by pktdrill --diagram\n", l->verdict);
	strbuf_printf(out, "sequenceDiagram\n");
	participants(l, out);
	for (size_t i = 0; i < l->n_rows; i++)
		row_line(l, &l->rows[i], out);
	if (markdown)
		strbuf_printf(out, "```\n");
}
