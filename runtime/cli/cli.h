/* SPDX-License-Identifier: GPL-2.0-only */
/* cli: the command line — flags, scripts, and running each script in its own namespace. */
#ifndef CLI_CLI_H
#define CLI_CLI_H

/* Exit statuses, chosen only by main(). */
enum exit_status {
	EXIT_PASS = 0,
	EXIT_SCRIPT_FAILED = 1,
	EXIT_INVALID = 2,
	EXIT_ENVIRONMENT = 3,
	EXIT_STALLED = 4, /* kselftest's SKIP: the machine stalled every try */
};

/* Parses argv and runs every script. Returns the exit status. */
int cli_main(int argc, char **argv);

#endif
