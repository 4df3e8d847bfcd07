/* measure: runs a command and prints "exit wall_us cpu_us maxrss_kib" of it and
 * its children. A small C parent, so the child's peak RSS before exec is this
 * program's few pages, not a copy of a Python interpreter. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: measure COMMAND [ARG]...\n");
		return 2;
	}
	long long t0 = now_us();
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	int status;
	struct rusage ru;
	wait4(pid, &status, 0, &ru);
	long long wall = now_us() - t0;
	long long cpu = ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec +
			ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec;
	printf("%d %lld %lld %ld\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
	       wall, cpu, ru.ru_maxrss);
	return 0;
}
