/* SPDX-License-Identifier: GPL-2.0-only */
/* partial_file: removing an output file whose writing failed, so that no
 * truncated capture or report looks whole; but only a regular file: run as
 * root with --pcap=/dev/full or --junit=/dev/stdout, an unlink would take a
 * device node or a symlink out of /dev. */
#ifndef PARSER_UTIL_PARTIAL_FILE_H
#define PARSER_UTIL_PARTIAL_FILE_H

/* Unlinks path if it names a regular file (not following a symlink);
 * keeps errno. */
void partial_file_remove(const char *path);

#endif
