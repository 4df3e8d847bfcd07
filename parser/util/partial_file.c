// SPDX-License-Identifier: GPL-2.0-only
#include "parser/util/partial_file.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

void partial_file_remove(const char *path)
{
	struct stat st;
	int saved = errno;

	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		unlink(path);
	errno = saved;
}
