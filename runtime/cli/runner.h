/* SPDX-License-Identifier: GPL-2.0-only */
/* runner: runs many scripts — one job per script and variant, longest first, -j at a time,
 * timeouts, reports in the scripts' order. */
#ifndef CLI_RUNNER_H
#define CLI_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "runtime/cli/runner_opts.h"
#include "parser/util/strbuf.h"

/* Seconds after its --timeout that a run has to stop itself (it gives a
 * cleanup command 1 s) before it is killed. */
#define RUNNER_BACKSTOP 3.0

/* Runs the script at path (a file name in the current directory, which is the
 * script's own) with args before the command line's flags, in the calling
 * process: a forked child, already alone in its process group, with stdout and
 * stderr captured. Returns the script's exit status (0 pass, 1 fail, 2 invalid,
 * 3 environment). */
typedef int runner_script_fn(void *ctx, const char *path, const struct runner_arg *args,
			     size_t n_args);

/* How long the script at path (as given to the runner) is expected to run
 * with args, in seconds; 0 if not known. The runner starts the longest runs
 * first: the wall time of a suite is then near the longest script's or the
 * sum over -j, whichever is more, instead of a long script started last
 * adding its whole length. Called in the runner before any run starts. */
typedef double runner_estimate_fn(void *ctx, const char *path, const struct runner_arg *args,
				  size_t n_args);

/* Finds the scripts under paths (a directory: every *.pkt below it, sorted),
 * runs each (per variant) in a forked child with run, up to o->jobs at once,
 * longest first by estimate (if not NULL), and prints the report on stdout
 * (and the JUnit file) in the scripts' order. Returns 0 if every run
 * passed, 1 if any failed or timed out, 2 for a bad path or JUnit file,
 * 128+N when stopped by signal N (every running script killed first).
 * In a forked child, sets *in_child and returns the script's exit status: the
 * caller must return it from main() without doing anything else. */
int runner_main(const struct runner_opts *o, char *const *paths, size_t n_paths,
		runner_script_fn *run, runner_estimate_fn *estimate, void *ctx, bool *in_child);

/* The errno of the first failed write of the report, or 0. */
int runner_stdout_errno(void);

#endif
