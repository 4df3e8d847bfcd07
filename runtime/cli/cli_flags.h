/* SPDX-License-Identifier: GPL-2.0-only */
/* cli_flags: the command line's flags — one list made of cli's own, the runner's and the
 * script flag table, read with getopt_long, with "did you mean" for an unknown one. */
#ifndef CLI_CLI_FLAGS_H
#define CLI_CLI_FLAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "runtime/context/config.h"

enum cli_flag_owner {
	CLI_OWN,    /* --help, --version, the build's hidden dumps */
	CLI_RUNNER, /* runtime/cli/runner_opts.c */
	CLI_CONFIG, /* runtime/context/config.c: also script option lines */
};

/* One flag of the command line. */
struct cli_flag {
	struct config_flag f;
	enum cli_flag_owner owner;
	char short_name;      /* its one-letter form (v, D, j, h), 0 if none */
	const char *arg_name; /* the value's name in --help ("N", "FILE") */
	bool hidden;	      /* a tool for the build: not in --help, taken only
			       * alone and by its exact name */
};

/* The flags in --help's order: cli's own, the runner's, the script flags. */
size_t cli_flag_count(void);
/* Flag i (i < cli_flag_count()); static, never NULL. */
const struct cli_flag *cli_flag_at(size_t i);

/* Called for each flag on the command line, in order, with its full name
 * (f) and value (NULL for a flag without one). Returns 0, or -1 after saying
 * why on stderr, which stops the parse. */
typedef int cli_flag_fn(void *ctx, const struct cli_flag *f, const char *value);

/*
 * Reads argv as packetdrill's getopt_long does: a long flag may be given by
 * a unique prefix, as --name=value or --name value; short flags may be
 * bundled (-vD NAME=VALUE); flags and paths may come in any order; "--"
 * ends the flags. argv is permuted so that the paths come last, from
 * argv[*first_path] on. Errors go to stderr as "pktdrill: error: ...": an
 * unknown flag with the nearest known ones, an ambiguous prefix with its
 * candidates, a missing or forbidden value, a script given as the value of a
 * flag (a value ending in .pkt for a file the run writes; with no path left,
 * a value that is a script or a directory). Returns 0, or -1 after an error.
 */
int cli_flags_parse(int argc, char **argv, cli_flag_fn *fn, void *ctx, int *first_path);

/* Prints the flag sections of --help: one line per flag, then its help; the
 * flags that are not supported say so. */
void cli_flags_help(FILE *out);

#endif
