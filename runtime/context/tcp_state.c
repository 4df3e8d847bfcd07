/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp_state: the kernel's view of the script's connections (sock_diag), for the tcp_state()
 * check and --trace-states. */
#include "runtime/context/tcp_state.h"

#include <netinet/tcp.h>
#include <stdio.h>

#include "netdev/sockdiag.h"
#include "netdev/tcp_states.h"
#include "runtime/context/recorder.h"

#define SHORT_NAME(name, number, trace, rfc) [TCP_##name] = trace,
static const char *const short_names[] = {TCP_STATE_LIST(SHORT_NAME)};
#undef SHORT_NAME

const char *tcp_state_short_name(int state)
{
	if (state <= 0 || state >= (int)(sizeof(short_names) / sizeof(short_names[0])))
		return "UNKNOWN";
	return short_names[state];
}

int tcp_state_last(const struct run *r)
{
	return r->traced ? r->traced_state : TCP_CLOSE;
}

int tcp_state_of(const struct run *r, const struct conn *s, int *state, struct strbuf *err)
{
	int family = r->cfg->wire_version == 4 ? AF_INET : AF_INET6;

	*state = TCP_CLOSE;
	if (s->type != SOCK_STREAM)
		return 0;
	if (s->tuple_known)
		return sockdiag_tcp_state(family, &s->local_ip, s->local_port, &s->remote_ip,
					  s->remote_port, state, err)
			   ? -1
			   : 0;
	if (s->state == CONN_PASSIVE_LISTENING && s->fd && !s->fd->closed)
		return sockdiag_tcp_listener(AF_UNSPEC, r->cfg->bind_port, state, err) ? -1 : 0;
	if (s->state == CONN_ACTIVE_CONNECTING || s->state == CONN_ACTIVE_SYN_SENT)
		*state = TCP_SYN_SENT; /* the SYN's source port is not known yet */
	return 0;
}

void tcp_state_trace(struct run *r, const struct event *ev)
{
	const struct conn *s = r->fds.tested;
	struct strbuf err = STRBUF_INIT;
	int state;

	if (!s || tcp_state_of(r, s, &state, &err)) {
		strbuf_free(&err);
		return;
	}
	int before = r->traced_state ? r->traced_state : TCP_CLOSE;
	/* a passive connection is born from the listener it came to */
	if (s != r->traced && r->traced && r->traced_state == TCP_LISTEN &&
	    s->state >= CONN_PASSIVE_PACKET_RECEIVED && s->state <= CONN_PASSIVE_SYNACK_ACKED)
		before = TCP_LISTEN;
	else if (s != r->traced)
		before = TCP_CLOSE;
	if (state != before) {
		state_graph_visit(&r->visits, before, state);
		if (r->cfg->trace_states)
			printf("%s:%u: %s -> %s\n", r->script->path, ev->loc.line,
			       tcp_state_short_name(before), tcp_state_short_name(state));
		if (r->rec)
			recorder_state(r->rec, ev, run_now(r), s, before, state);
	}
	if (r->rec)
		recorder_settle(r->rec, state);
	r->traced = s;
	r->traced_state = state;
	strbuf_free(&err);
}
