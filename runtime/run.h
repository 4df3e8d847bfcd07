/* SPDX-License-Identifier: GPL-2.0-only */
/* run: executes one parsed script against the kernel, event by event, on the
 * script's clock (the state its parts share: runtime/context/run_state.h). */
#ifndef RUNTIME_RUN_H
#define RUNTIME_RUN_H

#include "parser/script.h"
#include "runtime/context/config.h"

/* Runs the script in the current network namespace (the caller made it).
 * Returns the exit status: 0 pass, 1 script failed, 3 environment error. */
int run_script(const struct config *cfg, const struct script *script);

#endif
