/* packet_event: running an inbound (inject) or outbound (sniff and verify) packet event. */
#ifndef TRAFFIC_PACKET_EVENT_H
#define TRAFFIC_PACKET_EVENT_H

#include "runtime/context/run_state.h"
#include "runtime/context/timing.h"

/* Builds, maps and injects the packet. The caller waited for its time. */
int inbound_run(struct run *r, const struct event *ev);

/* Sniffs until the expected packet arrives (or the sniff timeout), verifies it
 * and its time. Returns 0 or -1 (reported). */
int outbound_run(struct run *r, const struct event *ev, const struct when *w);

/* Appends the failure dump: "script packet: …" and "actual packet: …" with
 * their fields in aligned columns, a line of ^^^ under the field the error
 * message names, and how early or late the packet came. */
void packet_event_dump(const struct pkt_spec *spec, const struct packet *script, int64_t script_t,
		       const struct packet *live, int64_t live_t, const char *error,
		       struct strbuf *out);

#endif
