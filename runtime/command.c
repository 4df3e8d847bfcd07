/* command: runs the script's shell commands with /bin/sh inside the run's namespace (spec §7.1). */
#include "runtime/command.h"

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
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
	child = fork();
	if (child < 0) {
		strbuf_printf(err, "cannot run /bin/sh: %s", strerror(errno));
		return -1;
	}
	if (child == 0) {
		/* Die with us (even by SIGKILL); SIGPIPE back to its default. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGPIPE, SIG_DFL);
		execve("/bin/sh", argv, environ);
		_exit(127);
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
