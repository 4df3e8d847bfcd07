/* SPDX-License-Identifier: GPL-2.0-only */
/* procfs: reading the small /proc files a run asks about its own processes
 * and the kernel's threads (stat, comm). */
#ifndef RUNTIME_PROCFS_H
#define RUNTIME_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

/* Reads the start of the file at path into buf (at most size - 1 bytes, then
 * a NUL): /proc files are read in one go. Returns the length, or -1 if the
 * file cannot be read or is empty. */
ssize_t procfs_read(const char *path, char *buf, size_t size);

/* In a /proc/.../stat line, the fields after the command name, which may hold
 * anything (')' and spaces too): points at the state letter, followed by the
 * parent's pid. NULL if the line is not such a line. */
const char *procfs_stat_fields(const char *stat);

#endif
