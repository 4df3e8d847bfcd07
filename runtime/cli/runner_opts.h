/* SPDX-License-Identifier: GPL-2.0-only */
/* runner_opts: the runner's command-line flags, and the tables they name: the
 * address-family variants (upstream run_all.py's arguments) and the report formats. */
#ifndef CLI_RUNNER_OPTS_H
#define CLI_RUNNER_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "runtime/cli/report.h"
#include "runtime/context/config.h"
#include "parser/util/strbuf.h"

#define RUNNER_MAX_VARIANTS 3
#define KSFT_SLOW_TOLERANCE_USECS "14000" /* ksft_runner.sh with KSFT_MACHINE_SLOW */

/* The runner's own command-line flags (-j, --variants, --timeout, --format, --junit). */
struct runner_opts {
	unsigned jobs;			   /* scripts at once; 0: one per CPU */
	double timeout;			   /* seconds per script; 0: none. Each run stops itself
					    * then, naming its line; the runner kills what is left
					    * a little later */
	bool timeout_given;		   /* --timeout was on the command line */
	int variants[RUNNER_MAX_VARIANTS]; /* indices in the runner's variant table */
	size_t n_variants; /* 0: each script runs once, with the command line as given */
	bool ksft;	   /* --variants=ksft: the kernel's ksft_runner.sh, exactly */
	int format;	   /* index in the runner's format table */
	char *junit;	   /* JUnit XML file to write, or NULL; owned */
	char *diagram_dir; /* --diagram=DIR: each run's diagram there, and an
			    * index.html listing the runs; NULL, or owned */
	bool given;	   /* a runner flag other than --timeout (which also
			    * applies to one script) was on the command line */
};

/* One command-line setting ("--name=value", value NULL for a flag) that a
 * variant adds before the user's own flags. */
struct runner_arg {
	const char *name;
	const char *value;
};

/* An address family's run: the flags it adds before the user's. */
struct variant {
	const char *name;	  /* as --variants names it: ipv4, ipv6, ... */
	const char *other_suffix; /* scripts named *<this> belong to the other family;
				   * NULL: no such rule (ksft_runner.sh has none) */
	const struct runner_arg *args;
	size_t n_args;
};

void runner_opts_init(struct runner_opts *o);
void runner_opts_free(struct runner_opts *o);

/* True if name ("jobs", "variants", ...) is a runner flag. Every runner flag
 * takes a value. */
bool runner_flag_known(const char *name);

/* The number of runner flags, and flag i (i < runner_flag_count()) as the
 * script flags are described (runtime/context/config.h; every one takes a
 * value), with the value's name for --help in *arg_name ("N", "FILE"). */
size_t runner_flag_count(void);
struct config_flag runner_flag_at(size_t i, const char **arg_name);

/* Sets one runner flag. Returns 0, or -1 with a message in err (bad value). */
int runner_opts_set(struct runner_opts *o, const char *name, const char *value, struct strbuf *err)
    __attribute__((warn_unused_result));

/* Prints the runner's flags for --help. */
void runner_print_help(FILE *out);

/* True if the command line asks for the runner rather than one plain script
 * run: a runner flag other than --timeout, several paths, or a directory. */
bool runner_wanted(const struct runner_opts *o, char *const *paths, size_t n_paths);

/* The variant of an index in runner_opts.variants (static; never NULL). */
const struct variant *runner_variant(int index);

/* The index of the variant named by the len bytes at name, or -1. */
int runner_variant_find(const char *name, size_t len);

/* True if a variant (upstream's run_all.py, the kernel's ksft_runner.sh)
 * defines name with -D: TFO_COOKIE, CMSG_LEVEL_IP, ... */
bool runner_variant_defines(const char *name);

/* The report of an index in runner_opts.format (static; never NULL). */
const struct report_ops *runner_format_ops(int index);

#endif
