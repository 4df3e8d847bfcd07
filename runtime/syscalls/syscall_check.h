/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_check: the system-call events of a script checked against the system-call
 * and symbol tables before the run — names, argument counts, symbols, errno names, results. */
#ifndef SYSCALLS_SYSCALL_CHECK_H
#define SYSCALLS_SYSCALL_CHECK_H

#include <stdbool.h>

#include "parser/diag.h"
#include "parser/script.h"

/* Whether a word that is no symbol is a name a test harness usually defines
 * with -D (upstream's run_all.py, the kernel's ksft_runner.sh): left to run
 * time, where upstream reports it too, so that --dry_run without the
 * harness's defines accepts the script as upstream does. */
typedef bool syscall_check_define_fn(const char *name);

/*
 * Checks what every run of the script would stop on, in the table order of
 * runtime/syscalls/syscall_table.c and symbols.c:
 *  - a system call the table does not know;
 *  - an argument count outside the call's range;
 *  - a word in the arguments that is no symbol (nor a harness's define name),
 *    also the names of TCP_NLA_X=value items; a sockaddr's words are not
 *    checked (no call evaluates one, as upstream);
 *  - an errno name that is none;
 *  - an expected result that is not an integer, or for tcp_state() not a
 *    TCP state name.
 * Each problem is reported through d at its text, with "did you mean" and
 * the nearest known names. harness may be NULL. Returns the number of errors.
 */
int syscall_check_script(const struct script *s, syscall_check_define_fn *harness, struct diag *d);

#endif
