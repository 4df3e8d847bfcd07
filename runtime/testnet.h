/* SPDX-License-Identifier: GPL-2.0-only */
/* testnet: the test network of a run — tun0, its addresses and route, the sniffer. */
#ifndef RUNTIME_TESTNET_H
#define RUNTIME_TESTNET_H

#include "runtime/context/run_state.h"

/* Creates and configures tun0 and opens the sniffer. Returns 0 or -1 with a message in err. */
int testnet_setup(struct run *r, struct strbuf *err);
void testnet_teardown(struct run *r);

#endif
