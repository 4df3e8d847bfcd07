/* command: runs the script's shell commands with /bin/sh inside the run's namespace (spec §7.1). */
#ifndef RUNTIME_COMMAND_H
#define RUNTIME_COMMAND_H

#include "util/strbuf.h"

/* Runs `/bin/sh -c text` with PACKETDRILL_PID set to our pid and waits for it.
 * Returns 0, or -1 with "non-zero status N" / "killed by signal N" / the
 * spawn error in err. */
int command_run(const char *text, struct strbuf *err);

#endif
