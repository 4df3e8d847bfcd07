/* SPDX-License-Identifier: GPL-2.0-only */
/* capture_notes: the comment on each packet of a .pcapng capture, from the run's recorder. */
#include "runtime/diagram/capture_notes.h"

#include <stdlib.h>

#include "runtime/context/recorder.h"
#include "runtime/context/run_state.h"
#include "runtime/context/tcp_state.h"

/* The item that injected (by its bytes' hash) or took (by its kernel
 * timestamp) this packet, or NULL. Each wire matches one packet. */
static const struct rec_item *item_of(struct recorder *rec, const uint8_t *pkt, size_t len,
				      int64_t mono_ns, bool outgoing)
{
	uint64_t key = outgoing ? (uint64_t)mono_ns : recorder_hash(pkt, len);

	while (rec->used_upto < rec->n_wires && rec->wires[rec->used_upto].used)
		rec->used_upto++;
	for (size_t i = rec->used_upto; i < rec->n_wires; i++) {
		struct rec_wire *w = &rec->wires[i];
		if (w->outbound == outgoing && w->key == key && !w->used && w->item < rec->n) {
			w->used = true;
			return &rec->items[w->item];
		}
	}
	return NULL;
}

/* The last item at or before script time t (NULL if none). */
static const struct rec_item *item_before(const struct recorder *rec, int64_t t)
{
	const struct rec_item *last = NULL;

	for (size_t i = 0; i < rec->n && rec->items[i].t <= t; i++)
		last = &rec->items[i];
	return last;
}

static void state_note(struct strbuf *sb, const char *what, int state)
{
	if (state > 0)
		strbuf_printf(sb, "; TCP state %s: %s", what, tcp_state_short_name(state));
}

char *capture_note(void *ctx, const uint8_t *pkt, size_t len, int64_t mono_ns, bool outgoing)
{
	struct run *r = ctx;
	struct strbuf sb = STRBUF_INIT;
	const struct rec_item *it = item_of(r->rec, pkt, len, mono_ns, outgoing);

	if (it) {
		char *line = recorder_line_text(r->script, it->ev);
		strbuf_printf(&sb, "%s:%u: %s `%s`%s", r->script->path, it->ev->loc.line,
			      outgoing ? "sent by the kernel, expected by" : "injected by", line,
			      it->failed ? " (it did not match)" : "");
		state_note(&sb, "after it", it->state_after);
		free(line);
		return strbuf_take(&sb);
	}
	int64_t t = mono_ns / 1000 - r->live_start;
	const struct rec_item *before = item_before(r->rec, t);
	strbuf_printf(&sb, "%s, not by a script line",
		      outgoing ? "sent by the kernel" : "injected by pktdrill itself");
	if (before)
		strbuf_printf(&sb, " (after %s:%u)", r->script->path, before->ev->loc.line);
	else
		strbuf_printf(&sb, " (before %s's first line)", r->script->path);
	if (!outgoing)
		strbuf_printf(&sb, ": the reset that ends a connection left open");
	state_note(&sb, "then", before ? before->state_after : -1);
	return strbuf_take(&sb);
}
