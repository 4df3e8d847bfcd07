/* SPDX-License-Identifier: GPL-2.0-only */
/* main: the pktdrill entry point; everything happens in cli/cli.c. The report
 * on stdout is checked when closed: one that could not be written (a full
 * disk) fails the run with status 3, naming the error. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "runtime/cli/cli.h"
#include "runtime/cli/runner.h"

int main(int argc, char **argv)
{
	int status = cli_main(argc, argv);

	errno = 0;
	if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
		int e = errno ? errno : runner_stdout_errno();
		fprintf(stderr, "pktdrill: error: cannot write standard output: %s\n",
			strerror(e ? e : EIO));
		if (status == EXIT_PASS)
			status = EXIT_ENVIRONMENT;
	}
	return status;
}
