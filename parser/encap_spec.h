/* SPDX-License-Identifier: GPL-2.0-only */
/* encap_spec: a script packet's outer layers (outer IPv4/IPv6, GRE, MPLS) as written, and the
 * GRE and MPLS values that {gre ...} / {mpls ...} arguments share with them. */
#ifndef PARSER_ENCAP_SPEC_H
#define PARSER_ENCAP_SPEC_H

#include <stdbool.h>

#include "parser/expr.h"
#include "parser/ip_info.h"
#include "parser/num_tok.h"

struct diag;

/* One outer layer written before the packet, outermost first in the packet's
 * list (runtime/traffic/outer_build.c turns it into wire headers). */
enum encap_kind { ENCAP_IPV4, ENCAP_IPV6, ENCAP_GRE, ENCAP_MPLS };
struct encap_spec {
	enum encap_kind kind;
	struct loc loc;		     /* the layer as written, without its ':' */
	struct ip_info ip;	     /* IPV4/IPV6 */
	char *src, *dst;	     /* IPV4/IPV6 address text */
	struct loc src_loc, dst_loc; /* IPV4/IPV6: where the addresses were written */
	struct expr *fields;	     /* GRE: a GRE expr, MPLS: an MPLS_STACK expr; may be NULL */
};

/* A GRE or MPLS layer written at loc; takes fields (may be NULL: "gre:" alone).
 * The caller owns the result (encap_spec_free). What the layer holds is checked
 * over the finished script (parser/check.c: label count). */
struct encap_spec *encap_spec_new(enum encap_kind kind, struct expr *fields, struct loc loc);
/* An outer IPv4 or IPv6 layer written at loc; takes src and dst (address text
 * as written, at src_loc and dst_loc; parser/check.c checks them). */
struct encap_spec *encap_spec_new_ip(enum encap_kind kind, struct ip_info ip, char *src,
				     struct loc src_loc, char *dst, struct loc dst_loc,
				     struct loc loc);
/* Frees what layer owns, not layer itself (for layers held in an array). */
void encap_spec_clear(struct encap_spec *layer);
/* Frees layer and what it owns; layer may be NULL. */
void encap_spec_free(struct encap_spec *layer);

/* GRE and MPLS field values. The tokens are read, not taken; a value out of
 * range is reported through d at its token and truncated. The caller owns the
 * returned expression. */

/* One MPLS stack entry: a STRUCT of label, tc, bottom, ttl (to append to an
 * MPLS_STACK expression). */
struct expr *encap_spec_mpls_entry(struct diag *d, const struct num_tok *label,
				   const struct num_tok *tc, bool bottom, const struct num_tok *ttl,
				   struct loc loc);
/* A GRE expression of flags, sum, off, key, seq; flags is a 16-bit value (bits
 * of the flag words or a number). */
struct expr *encap_spec_gre(struct diag *d, const struct num_tok *flags, const struct num_tok *sum,
			    const struct num_tok *off, const struct num_tok *key,
			    const struct num_tok *seq, struct loc loc);

#endif
