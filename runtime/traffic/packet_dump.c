/* SPDX-License-Identifier: GPL-2.0-only */
/* packet_dump: the expected and the actual packet of a failed outbound check, one above the
 * other, with the differing field marked. */
#include "runtime/traffic/packet_dump.h"

#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum slot {
	SLOT_ENCAP,
	SLOT_FLAGS,
	SLOT_SEQ,
	SLOT_ACK,
	SLOT_WIN,
	SLOT_OPTS,
	N_SLOTS,
	SLOT_NONE,
	SLOT_TIME
};

/* Which printed field an error message is about. */
static const struct {
	const char *needle;
	enum slot slot;
} slot_of_error[] = {
    {"header layer", SLOT_ENCAP},    {"field gre_", SLOT_ENCAP},
    {"field mpls_", SLOT_ENCAP},     {"field outer_", SLOT_ENCAP},
    {"field tcp_seq:", SLOT_SEQ},    {"field tcp_ack_seq:", SLOT_ACK},
    {"field tcp_window:", SLOT_WIN}, {"field tcp_data_offset:", SLOT_OPTS},
    {"field tcp_", SLOT_FLAGS}, /* the flag bits */
    {"_length:", SLOT_NONE},	/* IP length: options or payload, see below */
    {"payload_len:", SLOT_NONE},     {"payload", SLOT_SEQ},
    {"timing error", SLOT_TIME},     {"TCP option", SLOT_OPTS},
};

/* An IP length differs because of the options or because of the payload. */
static enum slot length_slot(const struct packet *script, const struct packet *live)
{
	return tcp_options_len(&script->opts) != tcp_options_len(&live->opts) ? SLOT_OPTS
									      : SLOT_SEQ;
}

static enum slot error_slot(const char *error, const struct packet *script,
			    const struct packet *live)
{
	for (size_t i = 0; i < sizeof(slot_of_error) / sizeof(slot_of_error[0]); i++)
		if (strstr(error, slot_of_error[i].needle))
			return slot_of_error[i].slot == SLOT_NONE ? length_slot(script, live)
								  : slot_of_error[i].slot;
	return SLOT_NONE;
}

static void tcp_slots(const struct packet *p, bool show_win, char *slot[N_SLOTS])
{
	struct strbuf sb = STRBUF_INIT;

	packet_print_outer(&p->outer, &sb);
	if (sb.len)
		sb.s[--sb.len] = '\0'; /* the columns bring their own spaces */
	slot[SLOT_ENCAP] = strbuf_take(&sb);
	packet_print_flags(p->tcp_flags, &sb);
	slot[SLOT_FLAGS] = strbuf_take(&sb);
	strbuf_printf(&sb, "%u:%u(%u)", p->seq, p->seq + p->payload_len, p->payload_len);
	slot[SLOT_SEQ] = strbuf_take(&sb);
	if (p->tcp_flags & TCPF_ACK)
		strbuf_printf(&sb, "ack %u", p->ack);
	slot[SLOT_ACK] = strbuf_take(&sb);
	if (show_win)
		strbuf_printf(&sb, "win %u", p->win);
	slot[SLOT_WIN] = strbuf_take(&sb);
	tcp_options_print(&p->opts, &sb);
	slot[SLOT_OPTS] = strbuf_take(&sb);
}

static void print_row(const char *label, int64_t t, char *slot[N_SLOTS], const size_t width[],
		      struct strbuf *out)
{
	strbuf_printf(out, "%s %9.6f", label, (double)t / 1e6);
	for (int i = 0; i < N_SLOTS; i++)
		if (width[i])
			strbuf_printf(out, " %-*s", (int)width[i], slot[i]);
	while (out->len && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
	strbuf_printf(out, "\n");
}

static void print_marks(enum slot mark, const size_t width[], struct strbuf *out)
{
	size_t col = strlen("script packet:  "), len = 8; /* the time column */

	if (mark != SLOT_TIME) {
		col += 9;
		for (int i = 0; i < (int)mark; i++)
			col += width[i] ? width[i] + 1 : 0;
		col++;
		len = width[mark];
	}
	strbuf_printf(out, "%*s", (int)col, "");
	for (size_t i = 0; i < len; i++)
		strbuf_append(out, "^", 1);
	strbuf_printf(out, "\n");
}

static void dump_tcp(const struct pkt_spec *spec, const struct packet *script, int64_t script_t,
		     const struct packet *live, int64_t live_t, const char *error,
		     struct strbuf *out)
{
	char *want[N_SLOTS], *got[N_SLOTS];
	size_t width[N_SLOTS];

	tcp_slots(script, spec->has_win, want);
	tcp_slots(live, true, got);
	for (int i = 0; i < N_SLOTS; i++) {
		size_t a = strlen(want[i]), b = strlen(got[i]);
		width[i] = a > b ? a : b;
	}
	print_row("script packet:", script_t, want, width, out);
	print_row("actual packet:", live_t, got, width, out);
	enum slot mark = error_slot(error, script, live);
	if (mark == SLOT_TIME || (mark < N_SLOTS && width[mark]))
		print_marks(mark, width, out);
	for (int i = 0; i < N_SLOTS; i++) {
		free(want[i]);
		free(got[i]);
	}
}

void packet_dump(const struct pkt_spec *spec, const struct packet *script, int64_t script_t,
		 const struct packet *live, int64_t live_t, const char *error, struct strbuf *out)
{
	if (script->protocol == IPPROTO_TCP && live->protocol == IPPROTO_TCP) {
		dump_tcp(spec, script, script_t, live, live_t, error, out);
	} else {
		strbuf_printf(out, "script packet: %9.6f ", (double)script_t / 1e6);
		packet_print_short(script, spec->has_win, out);
		strbuf_printf(out, "\nactual packet: %9.6f ", (double)live_t / 1e6);
		packet_print_short(live, true, out);
		strbuf_printf(out, "\n");
	}
	int64_t late = live_t - script_t;
	strbuf_printf(out, "the packet came %.3f ms %s than the script's time", llabs(late) / 1e3,
		      late >= 0 ? "later" : "earlier");
}
