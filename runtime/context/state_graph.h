/* SPDX-License-Identifier: GPL-2.0-only */
/* state_graph: the TCP state machine of RFC 9293 as Graphviz DOT, with what a run visited
 * highlighted (--state-graph). */
#ifndef RUNTIME_STATE_GRAPH_H
#define RUNTIME_STATE_GRAPH_H

#include <stdbool.h>

#include "netdev/tcp_states.h"
#include "parser/util/strbuf.h"

#define STATE_GRAPH_N (TCP_STATE_COUNT + 1) /* kernel state numbers 1..11 */

struct state_visits {
	bool state[STATE_GRAPH_N];
	bool edge[STATE_GRAPH_N][STATE_GRAPH_N]; /* [from][to] */
};

/* Records a change from one kernel TCP state to another. */
void state_graph_visit(struct state_visits *v, int from, int to);

/* Appends the DOT text: the 11 states and RFC 9293's transitions, visited
 * states and transitions in bold colour, transitions the run took that the
 * RFC diagram does not draw (a reset, say) as extra dashed edges. */
void state_graph_dot(const struct state_visits *v, const char *title, struct strbuf *out);

#endif
