/* SPDX-License-Identifier: GPL-2.0-only */
/* outer_build: a script packet's outer layers (`ipv4 A > B: gre: mpls (...):`) as the
 * packet model's encapsulation stack (spec §5.8). Outer addresses are used as
 * written: unlike the inner packet's, they are not mapped to the live tuple. */
#include "runtime/traffic/outer_build.h"

#include <string.h>

static uint32_t field(const struct expr *e, const char *key)
{
	const struct expr *v = expr_field(e, key);

	return v && v->kind == EXPR_INTEGER ? (uint32_t)v->num : 0;
}

static int ip_layer(const struct encap_spec *l, struct outer_hdr *h, struct strbuf *err)
{
	h->type = l->kind == ENCAP_IPV4 ? OUTER_IPV4 : OUTER_IPV6;
	if (ip_addr_parse(l->src, &h->src) || ip_addr_parse(l->dst, &h->dst)) {
		strbuf_printf(err, "bad outer address %s > %s", l->src, l->dst);
		return -1;
	}
	if (l->ip.has_tos)
		h->tos = l->ip.tos;
	if (l->ip.ecn >= ECN_NOECN && l->ip.ecn <= ECN_CE)
		h->tos = (uint8_t)((h->tos & ~3) | l->ip.ecn);
	h->ttl = l->ip.has_ttl ? l->ip.ttl : 0;
	return 0;
}

/* "gre:" alone has no fields: all zero. */
static void gre_layer(const struct expr *fields, struct outer_hdr *h)
{
	h->type = OUTER_GRE;
	h->gre_flags = (uint16_t)field(fields, "flags");
	h->gre_sum = (uint16_t)field(fields, "sum");
	h->gre_off = (uint16_t)field(fields, "off");
	h->gre_key = field(fields, "key");
	h->gre_seq = field(fields, "seq");
}

static int mpls_layer(const struct expr *fields, struct outer_hdr *h, struct strbuf *err)
{
	size_t n = fields ? fields->n_items : 0;

	h->type = OUTER_MPLS;
	if (n == 0 || n > OUTER_MAX_MPLS) {
		strbuf_printf(err, "an MPLS stack needs 1 to %d labels, not %zu", OUTER_MAX_MPLS,
			      n);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct expr *e = fields->items[i];
		h->mpls[i] = (struct mpls_entry){.label = field(e, "label"),
						 .tc = (uint8_t)field(e, "tc"),
						 .bottom = field(e, "bottom") != 0,
						 .ttl = (uint8_t)field(e, "ttl")};
	}
	h->n_mpls = (uint8_t)n;
	return 0;
}

int outer_build_stack(const struct pkt_spec *spec, struct outer_stack *st, struct strbuf *err)
{
	memset(st, 0, sizeof(*st));
	if (spec->n_encap > OUTER_MAX_LAYERS) {
		strbuf_printf(err, "more than %d outer headers", OUTER_MAX_LAYERS);
		return -1;
	}
	for (size_t i = 0; i < spec->n_encap; i++) {
		const struct encap_spec *l = &spec->encap[i];
		struct outer_hdr *h = &st->hdr[i];
		int rc = 0;

		if (l->kind == ENCAP_GRE)
			gre_layer(l->fields, h);
		else if (l->kind == ENCAP_MPLS)
			rc = mpls_layer(l->fields, h, err);
		else
			rc = ip_layer(l, h, err);
		if (rc)
			return -1;
	}
	st->n = (uint8_t)spec->n_encap;
	return 0;
}

int outer_build_expr(const struct expr *e, struct outer_hdr *h, struct strbuf *err)
{
	memset(h, 0, sizeof(*h));
	if (e->kind == EXPR_GRE) {
		gre_layer(e, h);
		return 0;
	}
	if (e->kind == EXPR_MPLS_STACK)
		return mpls_layer(e, h, err);
	strbuf_printf(err, "not a GRE or MPLS value");
	return -1;
}
