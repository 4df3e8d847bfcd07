/* SPDX-License-Identifier: GPL-2.0-only */
/* state_graph: the TCP state machine of RFC 9293 as Graphviz DOT, with what a run visited
 * highlighted (--state-graph). */
#include "runtime/context/state_graph.h"

#include <netinet/tcp.h>

#include "netdev/tcp_states.h"

#define RFC_NAME(name, number, trace, rfc) [TCP_##name] = rfc,
static const char *const names[STATE_GRAPH_N] = {TCP_STATE_LIST(RFC_NAME)};
#undef RFC_NAME

/* RFC 9293 figure 5, with its event/action labels. */
static const struct {
	int from, to;
	const char *label;
} transitions[] = {
    {TCP_CLOSE, TCP_LISTEN, "passive OPEN"},
    {TCP_CLOSE, TCP_SYN_SENT, "active OPEN / snd SYN"},
    {TCP_LISTEN, TCP_SYN_RECV, "rcv SYN / snd SYN,ACK"},
    {TCP_LISTEN, TCP_SYN_SENT, "SEND / snd SYN"},
    {TCP_LISTEN, TCP_CLOSE, "CLOSE"},
    {TCP_SYN_SENT, TCP_SYN_RECV, "rcv SYN / snd ACK"},
    {TCP_SYN_SENT, TCP_ESTABLISHED, "rcv SYN,ACK / snd ACK"},
    {TCP_SYN_SENT, TCP_CLOSE, "CLOSE"},
    {TCP_SYN_RECV, TCP_ESTABLISHED, "rcv ACK of SYN"},
    {TCP_SYN_RECV, TCP_FIN_WAIT1, "CLOSE / snd FIN"},
    {TCP_SYN_RECV, TCP_LISTEN, "rcv RST"},
    {TCP_ESTABLISHED, TCP_FIN_WAIT1, "CLOSE / snd FIN"},
    {TCP_ESTABLISHED, TCP_CLOSE_WAIT, "rcv FIN / snd ACK"},
    {TCP_FIN_WAIT1, TCP_FIN_WAIT2, "rcv ACK of FIN"},
    {TCP_FIN_WAIT1, TCP_CLOSING, "rcv FIN / snd ACK"},
    {TCP_FIN_WAIT2, TCP_TIME_WAIT, "rcv FIN / snd ACK"},
    {TCP_CLOSING, TCP_TIME_WAIT, "rcv ACK of FIN"},
    {TCP_TIME_WAIT, TCP_CLOSE, "timeout 2MSL"},
    {TCP_CLOSE_WAIT, TCP_LAST_ACK, "CLOSE / snd FIN"},
    {TCP_LAST_ACK, TCP_CLOSE, "rcv ACK of FIN"},
};

#define N_TRANSITIONS (sizeof(transitions) / sizeof(transitions[0]))

static bool valid(int s)
{
	return s > 0 && s < STATE_GRAPH_N && names[s];
}

void state_graph_visit(struct state_visits *v, int from, int to)
{
	if (!valid(from) || !valid(to))
		return;
	v->state[from] = v->state[to] = true;
	v->edge[from][to] = true;
}

static bool in_rfc(int from, int to)
{
	for (size_t i = 0; i < N_TRANSITIONS; i++)
		if (transitions[i].from == from && transitions[i].to == to)
			return true;
	return false;
}

static void dot_nodes(const struct state_visits *v, struct strbuf *out)
{
	for (int s = 1; s < STATE_GRAPH_N; s++)
		strbuf_printf(out, "  \"%s\" [%s];\n", names[s],
			      v->state[s]
				  ? "style=\"filled,bold\", fillcolor=\"#ffd27f\", penwidth=2"
				  : "color=gray40");
}

static void dot_edges(const struct state_visits *v, struct strbuf *out)
{
	const char *hot = "color=\"#d95f02\", fontcolor=\"#d95f02\", penwidth=2.5";

	for (size_t i = 0; i < N_TRANSITIONS; i++) {
		int f = transitions[i].from, t = transitions[i].to;
		strbuf_printf(out, "  \"%s\" -> \"%s\" [label=\"%s\", %s];\n", names[f], names[t],
			      transitions[i].label, v->edge[f][t] ? hot : "color=gray60");
	}
	for (int f = 1; f < STATE_GRAPH_N; f++)
		for (int t = 1; t < STATE_GRAPH_N; t++)
			if (v->edge[f][t] && !in_rfc(f, t))
				strbuf_printf(out, "  \"%s\" -> \"%s\" [style=dashed, %s];\n",
					      names[f], names[t], hot);
}

void state_graph_dot(const struct state_visits *v, const char *title, struct strbuf *out)
{
	strbuf_printf(out,
		      "digraph tcp_states {\n"
		      "  label=\"TCP states visited by %s\";\n"
		      "  labelloc=t;\n"
		      "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
		      "  edge [fontname=\"Helvetica\", fontsize=10];\n",
		      title);
	dot_nodes(v, out);
	dot_edges(v, out);
	strbuf_printf(out, "}\n");
}
