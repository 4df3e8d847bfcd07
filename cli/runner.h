/* runner: runs many scripts — discovery, family variants, -j scheduling, timeouts, reports. */
#ifndef RUNTIME_RUNNER_H
#define RUNTIME_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/strbuf.h"

#define RUNNER_MAX_VARIANTS 3
/* Seconds after its --timeout that a run has to stop itself (it gives a
 * cleanup command 1 s) before it is killed. */
#define RUNNER_BACKSTOP 3.0

/* The runner's own command-line flags (-j, --variants, --timeout, --format, --junit). */
struct runner_opts {
	unsigned jobs;		/* scripts at once; 0: one per CPU */
	double timeout;		/* seconds per script; 0: none. Each run stops itself
				 * then, naming its line; the runner kills what is left
				 * a little later */
	bool timeout_given;	/* --timeout was on the command line */
	int variants[RUNNER_MAX_VARIANTS];	/* indices in the runner's variant table */
	size_t n_variants;	/* 0: each script runs once, with the command line as given */
	int format;		/* index in the runner's format table */
	char *junit;		/* JUnit XML file to write, or NULL; owned */
	bool given;		/* a runner flag other than --timeout (which also
				 * applies to one script) was on the command line */
};

/* One command-line setting ("--name=value", value NULL for a flag) that a
 * variant adds before the user's own flags. */
struct runner_arg {
	const char *name;
	const char *value;
};

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

void runner_opts_init(struct runner_opts *o);
void runner_opts_free(struct runner_opts *o);

/* True if name ("jobs", "variants", ...) is a runner flag. Every runner flag
 * takes a value. */
bool runner_flag_known(const char *name);

/* Sets one runner flag. Returns 0, or -1 with a message in err (bad value). */
int runner_opts_set(struct runner_opts *o, const char *name, const char *value,
		    struct strbuf *err) __attribute__((warn_unused_result));

/* Prints the runner's flags for --help. */
void runner_print_help(FILE *out);

/* True if the command line asks for the runner rather than one plain script
 * run: a runner flag other than --timeout, several paths, or a directory. */
bool runner_wanted(const struct runner_opts *o, char *const *paths, size_t n_paths);

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

#endif
