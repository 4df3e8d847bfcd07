/* SPDX-License-Identifier: GPL-2.0-only */
/* procfs: reading the small /proc files a run asks about its own processes
 * and the kernel's threads (stat, comm). */
#include "runtime/context/procfs.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

ssize_t procfs_read(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || size < 2) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	ssize_t n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return n;
}

const char *procfs_stat_fields(const char *stat)
{
	const char *p = strrchr(stat, ')'); /* the command name's end: the last ')' */

	return p && p[1] == ' ' && p[2] && p[2] != ' ' ? p + 2 : NULL;
}
