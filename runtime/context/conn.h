/* SPDX-License-Identifier: GPL-2.0-only */
/* conn: one connection the script talks to — the peer-facing side of a TCP or
 * UDP socket: its handshake state machine, its live 4-tuple and how it was
 * learned, its ISNs, timestamp and flow-label maps, and what the end-of-script
 * RST needs (spec §5.9-5.14). The only unit that changes the handshake state,
 * the tuple and the ISNs. */
#ifndef RUNTIME_CONTEXT_CONN_H
#define RUNTIME_CONTEXT_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netdev/packet/packet.h"

enum conn_state {
	CONN_NEW,
	CONN_PASSIVE_LISTENING,
	CONN_PASSIVE_PACKET_RECEIVED, /* a SYN came in: a child of the listener */
	CONN_PASSIVE_SYNACK_SENT,
	CONN_PASSIVE_SYNACK_ACKED,
	CONN_ACTIVE_CONNECTING, /* connect() or a send that connects was called */
	CONN_ACTIVE_SYN_SENT,	/* the script's "> S" */
	CONN_ACTIVE_SYN_ACKED,
};

struct ts_pair {
	uint32_t script, live;
};

struct fd_entry;

struct conn {
	int domain, type, protocol; /* the socket's, as socket() made it */
	enum conn_state state;
	struct fd_entry *fd; /* the script's fd for it; NULL for a child not yet accepted */

	/* Live tuple in outbound orientation: local = the kernel's side. */
	struct ip_addr local_ip, remote_ip;
	uint16_t local_port, remote_port;
	bool tuple_known; /* the local side is known (passive, or learned from a SYN) */

	uint32_t script_local_isn, live_local_isn;
	bool live_local_isn_known;
	uint32_t remote_isn;

	bool ts_base_set;
	uint32_t ts_first_script, ts_first_live;
	struct ts_pair *ts_map;
	size_t n_ts_map;

	/* Script flow label -> live flow label (spec §5.12 step 4). */
	uint32_t flow_script[4], flow_live[4];
	size_t n_flows;

	/* What the end-of-script RST needs (spec §5.14). */
	bool injected_ack;
	uint32_t in_next_seq, in_ack;
	uint16_t in_win;
	bool sniffed_ack;
	bool sniffed_any;
	uint32_t out_seq, out_ack;
};

/* ---- the system calls' side ---- */

/* listen() succeeded. */
void conn_listen(struct conn *c);
/* connect() to the script's remote end: the SYN leaves during the call,
 * possibly while it blocks, so this comes before it. */
void conn_connect(struct conn *c, const struct ip_addr *remote, uint16_t port);
/* connect(AF_UNSPEC) succeeded: the kernel dropped the connection. Its tuple
 * stays known until the next SYN teaches another (the RST of the drop may
 * still be sniffed). */
void conn_disconnect(struct conn *c);
/* An addressed send to the script's remote end: a new socket starts
 * connecting if it is UDP, or TCP with MSG_FASTOPEN. */
void conn_send_to_remote(struct conn *c, bool fastopen, const struct ip_addr *remote,
			 uint16_t port);
/* A datagram socket's tuple after bind, connect or a send: its local port
 * (from getsockname), and the script's remote end unless it had one. */
void conn_dgram_bound(struct conn *c, const struct ip_addr *local, uint16_t local_port,
		      const struct ip_addr *remote, uint16_t remote_port);

/* ---- the packets' side ---- */

/* An inbound SYN opened this passive child of a listener: the peer's port
 * (reserved for the run) and ISN. */
void conn_passive_open(struct conn *c, const struct ip_addr *local, uint16_t local_port,
		       const struct ip_addr *remote, uint16_t remote_port, uint32_t remote_isn);
/* An inbound script packet (flags, seq) moves the handshake on: a SYN-ACK
 * acknowledging our SYN, the ACK of our SYN-ACK. */
void conn_script_inbound(struct conn *c, uint16_t tcp_flags, uint32_t seq);
/* The injected live packet: the end-of-script RST takes its numbers. */
void conn_injected(struct conn *c, const struct packet *live);

/* An outbound script packet (flags, seq): the script's "> S" of a connecting
 * socket or "> S." of a child sets the script's ISN. True if it is the SYN
 * of a connecting socket (it is then in SYN-SENT). */
bool conn_script_outbound(struct conn *c, uint16_t tcp_flags, uint32_t seq);
/* Is live a SYN this socket sends in SYN-SENT? Any SYN to the script's remote
 * end (remote, port) counts, even with a tuple learned before: a socket
 * reconnected after connect(AF_UNSPEC) leaves from a new port, and a SYN
 * retransmitted by an earlier socket may come first (the next one replaces
 * it, as upstream does). */
bool conn_is_connect_syn(const struct conn *c, const struct ip_addr *remote, uint16_t port,
			 const struct packet *live);
/* Learns the tuple and live ISN from such a SYN. */
void conn_learn_connect(struct conn *c, const struct packet *live);
/* A sniffed live packet of this connection: a child's SYN-ACK teaches its
 * live ISN; every packet, what the end-of-script RST needs. */
void conn_sniffed(struct conn *c, const struct packet *live);

/* ---- maps ---- */

/* Remembers script TS val -> live TS val for inbound ecr mapping. */
void conn_ts_remember(struct conn *c, uint32_t script_val, uint32_t live_val);
/* Finds the live val sent for a script val. */
bool conn_ts_lookup(const struct conn *c, uint32_t script_val, uint32_t *live_val);

/* The live fd of the script's fd for this connection, or -1. */
int conn_live_fd(const struct conn *c);

void conn_free(struct conn *c);

#endif
