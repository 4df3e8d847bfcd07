/* SPDX-License-Identifier: GPL-2.0-only */
/* encap_spec: constructors and destructors of a script packet's outer layers and of GRE and
 * MPLS values. */
#include "parser/encap_spec.h"

#include <stdlib.h>

#include "parser/util/xalloc.h"

struct encap_spec *encap_spec_new(enum encap_kind kind, struct expr *fields, struct loc loc)
{
	struct encap_spec *l = xcalloc(1, sizeof(*l));

	l->kind = kind;
	l->loc = loc;
	l->ip = ip_info_none();
	l->fields = fields;
	return l;
}

struct encap_spec *encap_spec_new_ip(enum encap_kind kind, struct ip_info ip, char *src,
				     struct loc src_loc, char *dst, struct loc dst_loc,
				     struct loc loc)
{
	struct encap_spec *l = encap_spec_new(kind, NULL, loc);

	l->ip = ip;
	l->src = src;
	l->src_loc = src_loc;
	l->dst = dst;
	l->dst_loc = dst_loc;
	return l;
}

void encap_spec_clear(struct encap_spec *layer)
{
	free(layer->src);
	free(layer->dst);
	expr_free(layer->fields);
}

void encap_spec_free(struct encap_spec *layer)
{
	if (!layer)
		return;
	encap_spec_clear(layer);
	free(layer);
}

static struct expr *num_expr(const struct num_tok *t)
{
	return expr_new_int(t->i, t->loc);
}

struct expr *encap_spec_mpls_entry(struct diag *d, const struct num_tok *label,
				   const struct num_tok *tc, bool bottom, const struct num_tok *ttl,
				   struct loc loc)
{
	num_tok_range(d, label, 0, 0xfffff, "MPLS label out of range");
	num_tok_range(d, tc, 0, 7, "MPLS traffic class out of range");
	num_tok_range(d, ttl, 0, 255, "MPLS TTL out of range");
	return expr_new_fields(EXPR_STRUCT, loc, "label", num_expr(label), "tc", num_expr(tc),
			       "bottom", expr_new_int(bottom, loc), "ttl", num_expr(ttl), NULL);
}

struct expr *encap_spec_gre(struct diag *d, const struct num_tok *flags, const struct num_tok *sum,
			    const struct num_tok *off, const struct num_tok *key,
			    const struct num_tok *seq, struct loc loc)
{
	num_tok_range(d, flags, 0, 0xffff, "GRE flags out of range");
	num_tok_range(d, sum, 0, 0xffff, "GRE checksum out of range");
	num_tok_range(d, off, 0, 0xffff, "GRE offset out of range");
	num_tok_range(d, key, 0, UINT32_MAX, "GRE key out of range");
	num_tok_range(d, seq, 0, UINT32_MAX, "GRE sequence number out of range");
	return expr_new_fields(EXPR_GRE, loc, "flags", num_expr(flags), "sum", num_expr(sum), "off",
			       num_expr(off), "key", num_expr(key), "seq", num_expr(seq), NULL);
}
