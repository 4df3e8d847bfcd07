/* SPDX-License-Identifier: GPL-2.0-only */
/* completion: the bash completion of pktdrill's command line, generated from its flag list. */
#ifndef CLI_COMPLETION_H
#define CLI_COMPLETION_H

#include <stdio.h>

/* Writes a bash completion script for pktdrill (what `pktdrill
 * --bash-completion` prints, installed as
 * share/bash-completion/completions/pktdrill): every flag of cli_flags.h,
 * those taking a value with a trailing '=', the values of those that have a
 * fixed set (families, formats, ...), file names for the files a run writes,
 * scripts (*.pkt) and directories for paths. Returns 0, or -1 if writing
 * failed. */
int completion_write_bash(FILE *out);

#endif
