/* SPDX-License-Identifier: GPL-2.0-only */
/* command: runs the script's shell commands with /bin/sh inside the run's namespace (spec §7.1). */
#ifndef RUNTIME_COMMAND_H
#define RUNTIME_COMMAND_H

#include "parser/util/strbuf.h"

/* Runs `/bin/sh -c text` with PACKETDRILL_PID set to our pid and waits for it.
 * The shell is our child (its $PPID is us, as set_sysctls.py's restore files
 * expect); what it starts lives in a pid namespace of the run's own, which the
 * kernel empties when this process dies, even by SIGKILL. Call it from the
 * main thread only (that thread's end is what kills the namespace).
 * Returns 0, or -1 with "non-zero status N" / "killed by signal N" / the
 * spawn error / COMMAND_CANCELLED in err. */
int command_exec(const char *text, struct strbuf *err);

/* What err says when the cancel fd stopped a command. */
#define COMMAND_CANCELLED "stopped at the deadline (--timeout)"

/* While fd >= 0, a command still running when fd becomes readable (a timerfd
 * at the run's deadline) is killed and command_exec() fails. -1: never. Without
 * pidfds (Linux < 5.3, valgrind) that is seen only when a signal interrupts
 * the wait: the deadline's SIGALRM. */
void command_set_cancel_fd(int fd);

/* Kills everything the commands left running and the namespace they run in.
 * A later command_exec() starts a new one. */
void command_stop_all(void);

#endif
