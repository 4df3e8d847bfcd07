/* command: runs the script's shell commands with /bin/sh inside the run's namespace (spec §7.1). */
#include "runtime/command.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int command_run(const char *text, struct strbuf *err)
{
	char pid[32];
	char *argv[] = { "sh", "-c", (char *)text, NULL };
	pid_t child;

	/* set_sysctls.py and the restore files key on the interpreter's pid. */
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	setenv("PACKETDRILL_PID", pid, 1);
	int rc = posix_spawn(&child, "/bin/sh", NULL, NULL, argv, environ);
	if (rc) {
		strbuf_printf(err, "cannot run /bin/sh: %s", strerror(rc));
		return -1;
	}
	int status;
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR) {
			strbuf_printf(err, "waitpid: %s", strerror(errno));
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		strbuf_printf(err, "killed by signal %d", WTERMSIG(status));
	else
		strbuf_printf(err, "non-zero status %d", WEXITSTATUS(status));
	return -1;
}
