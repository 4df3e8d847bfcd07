/* SPDX-License-Identifier: GPL-2.0-only */
/* reference: the parts of the language reference (docs/pktdrill-script.5) generated from
 * the tables — the system calls and the symbols. */
#ifndef CLI_REFERENCE_H
#define CLI_REFERENCE_H

#include <stdio.h>

/* Writes, as man(7) source, one entry per system call of the table
 * (runtime/syscalls/syscall_table.c): how a script writes it, its result,
 * what it does. What `pktdrill --list-syscalls` prints, and what the
 * reference holds between its "BEGIN GENERATED syscalls" and "END" lines.
 * Returns 0, or -1 if writing failed. */
int reference_write_syscalls(FILE *out);

/* The same for the symbol table (runtime/syscalls/symbols.c), by family
 * (`pktdrill --list-symbols`, between "BEGIN GENERATED symbols" and "END"). */
int reference_write_symbols(FILE *out);

#endif
