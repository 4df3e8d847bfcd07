/* SPDX-License-Identifier: GPL-2.0-only */
/* check: semantic checks over a finished script model: those that need the run's configuration,
 * and those on outer layers that the runtime cannot represent. */
#ifndef PARSER_CHECK_H
#define PARSER_CHECK_H

#include "parser/diag.h"
#include "parser/script.h"

/* Checks what needs the wire IP version (4 or 6): ICMP names and mtu rules, ECN on
 * UDP; and what the run could only fail on later whatever happens live: outer
 * layers (at most OUTER_MAX_LAYERS of netdev/packet/outer.h, valid outer
 * addresses, MPLS stacks of 1 to OUTER_MAX_MPLS labels, also in {mpls ...}
 * arguments). Reports every problem through d at the text it is about. Returns
 * the number of errors. */
int check_script(const struct script *s, int ip_version, struct diag *d);

#endif
