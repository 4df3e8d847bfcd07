/* SPDX-License-Identifier: GPL-2.0-only */
/* mapping: script packets to live packets and back — tuples, ISNs, SACK and timestamps (spec
 * §5.10). */
#ifndef TRAFFIC_MAPPING_H
#define TRAFFIC_MAPPING_H

#include "netdev/packet/packet.h"
#include "parser/script.h"
#include "runtime/context/config.h"
#include "runtime/context/fd_table.h"
#include "parser/util/strbuf.h"

/* Builds the packet the script line describes, with script values and no
 * addresses (ports 0 unless written). Caller frees with packet_free(). */
void mapping_script_packet(const struct config *cfg, const struct pkt_spec *spec, struct packet *p);

/* Can the socket send or receive this packet? A stream socket takes TCP, a
 * datagram socket UDP, and either takes ICMP (spec §5.9). */
bool mapping_packet_fits(const struct pkt_spec *spec, const struct conn *s);

/* Inbound: rewrites a script packet into the live one to inject (tuple,
 * seq/ack, SACK, TS ecr). Returns 0, or -1 with a message in err. */
int mapping_inbound(const struct config *cfg, const struct conn *s, const struct pkt_spec *spec,
		    struct packet *p, struct strbuf *err);

/* Outbound: rewrites a sniffed live packet into script terms (seq/ack, SACK, TS
 * val) and records the TS val pair. `script` is the expected script packet. */
void mapping_outbound(struct conn *s, const struct packet *script, struct packet *live);

/* Finds the TS option in a packet, or NULL. */
struct tcp_option *mapping_find_ts(struct packet *p);

#endif
