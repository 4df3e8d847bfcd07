/* code: %{ }% code events — the TCP_INFO snapshot at the event's time and the
 * assertions evaluated over it (spec §7.2). */
#include "runtime/code.h"

int code_event(struct run *r, const struct event *ev)
{
	run_error(r, ev, "%%{ }%% code blocks are not supported yet");
	return -1;
}

int code_finish(struct run *r)
{
	return 0;
}

void code_free(struct run *r)
{
}
