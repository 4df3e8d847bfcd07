/* SPDX-License-Identifier: GPL-2.0-only */
/* outbound: the packet a ">" line expects, sniffed, its TSO pieces joined,
 * mapped to script terms and checked field by field and in time. */
#ifndef RUNTIME_TRAFFIC_OUTBOUND_H
#define RUNTIME_TRAFFIC_OUTBOUND_H

#include "runtime/context/run_state.h"
#include "runtime/context/timing.h"

/* Sniffs until the expected packet arrives (or the sniff timeout), verifies it
 * and its time. Returns 0 or -1 (reported). */
int outbound_expect(struct run *r, const struct event *ev, const struct when *w);

#endif
