/* SPDX-License-Identifier: GPL-2.0-only */
/* diagram: --diagram=FILE, the run as a ladder diagram in the format FILE's name says. */
#include "runtime/diagram/diagram.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "parser/util/strbuf.h"
#include "runtime/diagram/ladder.h"

/* Replaces the file's contents with len bytes. Not with O_TRUNC: ext4 takes
 * a file cut to nothing and written again for a replaced one and starts
 * writing it back at close (its auto_da_alloc), 0.3 ms of a run that draws
 * its diagram over the last one's; the file is cut to its new length after
 * the write instead. Returns 0, or -1 with errno set. */
static int write_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;
			close(fd);
			errno = e;
			return -1;
		}
		done += (size_t)n;
	}
	if (ftruncate(fd, (off_t)len)) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

int diagram_write(const struct run *r, const char *path)
{
	struct ladder l;
	struct strbuf text = STRBUF_INIT;

	ladder_build(r, &l);
	if (str_ends_with(path, ".svg"))
		ladder_svg(&l, &text);
	else
		ladder_mermaid(&l, str_ends_with(path, ".md"), &text);
	ladder_free(&l);
	int rc = write_file(path, strbuf_str(&text), text.len);
	strbuf_free(&text);
	return rc;
}
