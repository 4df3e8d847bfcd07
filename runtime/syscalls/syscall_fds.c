/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_fds: naming the fds system calls return in the script's fd table. */
#include "runtime/syscalls/syscall_fds.h"

#include <unistd.h>

int sc_check_new_fd(struct sc_ctx *c, bool check_script_fd)
{
	const struct fd_table *t = &c->run->fds;

	if (c->ret < 0 || c->expected < 0)
		return 0;
	if (check_script_fd && fd_table_by_script_fd(t, (int)c->expected)) {
		strbuf_printf(&c->err, "duplicate fd %lld in script", (long long)c->expected);
		return -1;
	}
	if (fd_table_by_live_fd(t, (int)c->ret)) {
		strbuf_printf(&c->err, "duplicate live fd %ld", c->ret);
		return -1;
	}
	return 0;
}

int sc_add_fd(struct sc_ctx *c, int script_fd, int live_fd, struct fd_entry **out)
{
	struct fd_table *t = &c->run->fds;

	if (script_fd < 0) {
		strbuf_printf(&c->err, "invalid socket fd %d in script", script_fd);
	} else if (fd_table_by_script_fd(t, script_fd)) {
		strbuf_printf(&c->err, "duplicate fd %d in script", script_fd);
	} else if (fd_table_by_live_fd(t, live_fd)) {
		strbuf_printf(&c->err, "duplicate live fd %d", live_fd);
	} else {
		struct fd_entry *e = fd_table_add(t, FD_OTHER, script_fd, live_fd);
		if (out)
			*out = e;
		return 0;
	}
	close(live_fd);
	return -1;
}

int sc_adopt_result_fd(struct sc_ctx *c)
{
	if (c->ret < 0)
		return 0;
	if (c->expected < 0) {
		close((int)c->ret);
		return 0;
	}
	return sc_add_fd(c, (int)c->expected, (int)c->ret, NULL);
}
