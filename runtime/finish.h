/* SPDX-License-Identifier: GPL-2.0-only */
/* finish: the end-of-script cleanup — close what the script left open, reset live connections
 * (§5.14). */
#ifndef RUNTIME_FINISH_H
#define RUNTIME_FINISH_H

#include "runtime/context/run_state.h"

/* Closes every live fd and injects an RST|ACK for every connected TCP socket so
 * the kernel drops it at once. */
void finish_sockets(struct run *r);

#endif
