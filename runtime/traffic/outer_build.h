/* SPDX-License-Identifier: GPL-2.0-only */
/* outer_build: a script packet's outer layers as the packet model's encapsulation stack. */
#ifndef RUNTIME_TRAFFIC_OUTER_BUILD_H
#define RUNTIME_TRAFFIC_OUTER_BUILD_H

#include "netdev/packet/packet.h"
#include "parser/script.h"
#include "parser/util/strbuf.h"

/* The script has passed check_script() (parser/check.c), which reports at the
 * script's text what these conversions cannot represent: too many outer layers,
 * a bad outer address, an MPLS stack of 0 or too many labels. Nothing here needs
 * the live run, so the errors below are only guards that keep a model which
 * skipped the checks inside the fixed-size stack. */

/* Fills st from spec's outer layers (none: st->n == 0). Returns 0, or -1 with a
 * message in err for a model check_script() rejects. */
int outer_build_stack(const struct pkt_spec *spec, struct outer_stack *st, struct strbuf *err);

/* A {gre ...} or {mpls ...} syscall argument as one header. Returns 0, or -1
 * with a message in err for a model check_script() rejects or another kind of
 * expression. */
int outer_build_expr(const struct expr *e, struct outer_hdr *h, struct strbuf *err);

#endif
