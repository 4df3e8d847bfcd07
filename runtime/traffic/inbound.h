/* SPDX-License-Identifier: GPL-2.0-only */
/* inbound: the packet a "<" line describes, built, mapped to the live
 * connection and injected. */
#ifndef RUNTIME_TRAFFIC_INBOUND_H
#define RUNTIME_TRAFFIC_INBOUND_H

#include "runtime/context/run_state.h"

/* Builds, maps and injects the packet. The caller waited for its time.
 * Returns 0 or -1 (reported). */
int inbound_inject(struct run *r, const struct event *ev);

#endif
