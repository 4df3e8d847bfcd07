/* SPDX-License-Identifier: GPL-2.0-only */
/* match: compares a sniffed (already mapped) packet with the script's, in upstream's order (spec
 * §5.12). */
#include "runtime/traffic/match.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

static int field(struct strbuf *err, const char *name, uint32_t want, uint32_t got)
{
	if (want == got)
		return 0;
	strbuf_printf(err, "live packet field %s: expected: %u (0x%x) vs actual: %u (0x%x)", name,
		      want, want, got, got);
	return -1;
}

/* Option bytes the script did not spell out because it wrote <...>. */
static uint32_t option_allowance(const struct pkt_spec *spec, const struct packet *live)
{
	if (!spec->options_any || live->protocol != IPPROTO_TCP)
		return 0;
	return (uint32_t)live->tcp_doff * 4 - 20;
}

static uint32_t l4_len(const struct packet *p)
{
	switch (p->protocol) {
	case IPPROTO_TCP:
		return 20 + (uint32_t)tcp_options_len(&p->opts) + p->payload_len;
	case IPPROTO_UDP:
		return 8 + p->payload_len;
	default:
		return 8 + p->payload_len;
	}
}

static int match_ecn(const struct pkt_spec *spec, const struct packet *live, struct strbuf *err)
{
	int ecn = live->tos & 3;

	if (spec->ip.has_tos)
		return field(err, "tos", spec->ip.tos, live->tos);
	if (spec->ip.ecn == ECN_01 && ecn != 1 && ecn != 2) {
		strbuf_printf(err, "live packet field ip_ecn: expected: 0x1 or 0x2 vs actual: 0x%x",
			      ecn);
		return -1;
	}
	if (spec->ip.ecn >= ECN_NOECN && spec->ip.ecn <= ECN_CE)
		return field(err, "ip_ecn", (uint32_t)spec->ip.ecn, (uint32_t)ecn);
	return 0;
}

static int match_ip(const struct pkt_spec *spec, const struct packet *script,
		    const struct packet *live, struct strbuf *err)
{
	uint32_t len = l4_len(script) + option_allowance(spec, live);
	/* How much of the offending packet an ICMP error quotes is the kernel's
	 * choice: only type and code are compared (spec §5.7). */
	bool check_len = spec->l4 != PKT_ICMP;

	if (script->ip_version == 4) {
		if (field(err, "ipv4_version", 4, live->ip_version) ||
		    field(err, "ipv4_protocol", script->protocol, live->protocol) ||
		    field(err, "ipv4_header_length", 5, live->ip_header_len / 4) ||
		    (check_len && field(err, "ipv4_total_length", 20 + len, live->ip_total_len)))
			return -1;
	} else {
		if (field(err, "ipv6_version", 6, live->ip_version) ||
		    (check_len && field(err, "ipv6_payload_len", len, live->ip_total_len)) ||
		    field(err, "ipv6_next_header", script->protocol, live->protocol))
			return -1;
	}
	if (match_ecn(spec, live, err))
		return -1;
	if (spec->ip.has_ttl && spec->ip.ttl != PACKET_TTL_UNSET)
		return field(err, "ttl", spec->ip.ttl, live->ttl);
	return 0;
}

static int match_flag(struct strbuf *err, const char *name, const struct packet *s,
		      const struct packet *l, uint16_t bit)
{
	return field(err, name, !!(s->tcp_flags & bit), !!(l->tcp_flags & bit));
}

static uint32_t ace_of(uint16_t flags)
{
	return (flags & TCPF_ECE ? 1 : 0) | (flags & TCPF_CWR ? 2 : 0) | (flags & TCPF_AE ? 4 : 0);
}

static int match_tcp(const struct pkt_spec *spec, const struct packet *s, const struct packet *l,
		     struct strbuf *err)
{
	uint32_t doff = 5 + (uint32_t)(tcp_options_len(&s->opts) + 3) / 4;

	if (spec->options_any)
		doff = l->tcp_doff;
	if (field(err, "tcp_data_offset", doff, l->tcp_doff) ||
	    match_flag(err, "tcp_fin", s, l, TCPF_FIN) ||
	    match_flag(err, "tcp_syn", s, l, TCPF_SYN) ||
	    match_flag(err, "tcp_rst", s, l, TCPF_RST) ||
	    match_flag(err, "tcp_psh", s, l, TCPF_PSH) ||
	    match_flag(err, "tcp_ack", s, l, TCPF_ACK) ||
	    match_flag(err, "tcp_urg", s, l, TCPF_URG))
		return -1;
	if (spec->ace >= 0) {
		if (field(err, "tcp_ace", ace_of(s->tcp_flags), ace_of(l->tcp_flags)))
			return -1;
	} else if (match_flag(err, "tcp_ece", s, l, TCPF_ECE) ||
		   match_flag(err, "tcp_cwr", s, l, TCPF_CWR) ||
		   match_flag(err, "tcp_ae", s, l, TCPF_AE)) {
		return -1;
	}
	if (field(err, "tcp_reserved_bits", 0, l->tcp_reserved) ||
	    field(err, "tcp_seq", s->seq, l->seq) || field(err, "tcp_ack_seq", s->ack, l->ack))
		return -1;
	if (spec->has_win && field(err, "tcp_window", s->win, l->win))
		return -1;
	return field(err, "tcp_urg_ptr", s->urg, l->urg);
}

static int option_error(struct strbuf *err, const char *what, const struct tcp_option *want,
			const struct tcp_option *got)
{
	strbuf_printf(err, "%s in outbound TCP option (kind=%d): expected: ", what, want->kind);
	tcp_option_print(want, err);
	strbuf_printf(err, " actual: ");
	tcp_option_print(got, err);
	return -1;
}

static int match_ts_val(const struct config *cfg, int64_t tolerance, const struct tcp_option *w,
			const struct tcp_option *g, struct strbuf *err)
{
	if (!cfg->tcp_ts_tick_usecs)
		return 0;
	int64_t diff = llabs((int64_t)(int32_t)(g->ts.val - w->ts.val));
	if (diff * cfg->tcp_ts_tick_usecs <= tolerance)
		return 0;
	strbuf_printf(err, "bad outbound TCP timestamp value, tolerance %lld",
		      (long long)tolerance);
	return -1;
}

static int match_options(const struct config *cfg, const struct packet *s, const struct packet *l,
			 int64_t ts_tolerance, struct strbuf *err)
{
	if (s->opts.count != l->opts.count) {
		strbuf_printf(err, "bad outbound TCP options");
		return -1;
	}
	for (int i = 0; i < s->opts.count; i++) {
		const struct tcp_option *w = &s->opts.opt[i], *g = &l->opts.opt[i];
		if (w->kind != g->kind) {
			strbuf_printf(err, "bad outbound TCP options");
			return -1;
		}
		if (w->kind == TCPO_NOP || w->kind == TCPO_EOL)
			continue;
		if (w->kind == TCPO_TIMESTAMP) {
			if (match_ts_val(cfg, ts_tolerance, w, g, err))
				return -1;
			continue;
		}
		if (w->len != g->len)
			return option_error(err, "bad length", w, g);
		if (!tcp_option_equal(w, g))
			return option_error(err, "bad value", w, g);
	}
	return 0;
}

/* ---- outer layers (spec §5.8) ---- */

static int match_addr(struct strbuf *err, int layer, const char *name, const struct ip_addr *want,
		      const struct ip_addr *got)
{
	if (ip_addr_equal(want, got))
		return 0;
	strbuf_printf(err, "live packet header layer %d: %s address: expected: ", layer, name);
	ip_addr_print(want, err);
	strbuf_printf(err, " vs actual: ");
	ip_addr_print(got, err);
	return -1;
}

/* Outer IP: addresses as written; TOS and TTL when the script gives them. */
static int match_outer_ip(struct strbuf *err, int i, const struct outer_hdr *w,
			  const struct outer_hdr *g)
{
	return match_addr(err, i, "source", &w->src, &g->src) ||
		       match_addr(err, i, "destination", &w->dst, &g->dst) ||
		       (w->tos && field(err, "outer_tos", w->tos, g->tos)) ||
		       (w->ttl && field(err, "outer_ttl", w->ttl, g->ttl))
		   ? -1
		   : 0;
}

/* GRE: flags, then the optional fields the flags announce; a checksum only
 * when the script wrote one (0 means "whatever is right"). */
static int match_gre(struct strbuf *err, const struct outer_hdr *w, const struct outer_hdr *g)
{
	if (field(err, "gre_flags", w->gre_flags, g->gre_flags))
		return -1;
	if ((w->gre_flags & GRE_F_CSUM) &&
	    ((w->gre_sum && field(err, "gre_sum", w->gre_sum, g->gre_sum)) ||
	     field(err, "gre_off", w->gre_off, g->gre_off)))
		return -1;
	if ((w->gre_flags & GRE_F_KEY) && field(err, "gre_key", w->gre_key, g->gre_key))
		return -1;
	if ((w->gre_flags & GRE_F_SEQ) && field(err, "gre_seq", w->gre_seq, g->gre_seq))
		return -1;
	return 0;
}

static int match_mpls(struct strbuf *err, const struct outer_hdr *w, const struct outer_hdr *g)
{
	if (field(err, "mpls_stack_depth", w->n_mpls, g->n_mpls))
		return -1;
	for (int i = 0; i < w->n_mpls; i++) {
		const struct mpls_entry *we = &w->mpls[i], *ge = &g->mpls[i];
		if (field(err, "mpls_label", we->label, ge->label) ||
		    field(err, "mpls_tc", we->tc, ge->tc) ||
		    field(err, "mpls_bottom_of_stack", we->bottom, ge->bottom) ||
		    field(err, "mpls_ttl", we->ttl, ge->ttl))
			return -1;
	}
	return 0;
}

/* Same number and kinds of headers, then each outer layer's fields. Counts
 * include the inner IP and transport headers, as upstream counts them. */
static int match_encap(const struct packet *s, const struct packet *l, struct strbuf *err)
{
	if (s->outer.n != l->outer.n) {
		strbuf_printf(
		    err, "live packet header layers: expected: %d headers vs actual: %d headers",
		    s->outer.n + 2, l->outer.n + 2);
		return -1;
	}
	for (int i = 0; i < s->outer.n; i++) {
		const struct outer_hdr *w = &s->outer.hdr[i], *g = &l->outer.hdr[i];
		int rc;
		if (w->type != g->type) {
			strbuf_printf(
			    err,
			    "live packet header layer %d: expected: %s header vs actual: %s "
			    "header",
			    i + 1, outer_type_name(w->type), outer_type_name(g->type));
			return -1;
		}
		if (w->type == OUTER_GRE)
			rc = match_gre(err, w, g);
		else if (w->type == OUTER_MPLS)
			rc = match_mpls(err, w, g);
		else
			rc = match_outer_ip(err, i + 1, w, g);
		if (rc)
			return -1;
	}
	return 0;
}

int match_packet(const struct config *cfg, const struct pkt_spec *spec, const struct packet *script,
		 const struct packet *live, int64_t ts_tolerance, struct strbuf *err)
{
	if (live->ip_version == 4 && !live->ip_csum_ok) {
		strbuf_printf(err, "bad outbound IP checksum");
		return -1;
	}
	if (match_encap(script, live, err) || match_ip(spec, script, live, err))
		return -1;
	if (script->protocol == IPPROTO_TCP && match_tcp(spec, script, live, err))
		return -1;
	if (script->protocol == IPPROTO_UDP &&
	    field(err, "udp_len", 8 + script->payload_len, live->udp_len))
		return -1;
	if (script->protocol != IPPROTO_TCP && script->protocol != IPPROTO_UDP)
		return field(err, "icmp_type", script->icmp_type, live->icmp_type) ||
			       field(err, "icmp_code", script->icmp_code, live->icmp_code)
			   ? -1
			   : 0;
	if (script->protocol == IPPROTO_TCP && !spec->options_any &&
	    match_options(cfg, script, live, ts_tolerance, err))
		return -1;
	if (script->payload_len != live->payload_len ||
	    (script->payload_len && memcmp(script->payload, live->payload, script->payload_len))) {
		strbuf_printf(err, "incorrect outbound data payload");
		return -1;
	}
	return 0;
}
