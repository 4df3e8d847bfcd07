/* SPDX-License-Identifier: GPL-2.0-only */
/* match: compares a sniffed (already mapped) packet with the script's, in upstream's order (spec
 * §5.12). */
#ifndef TRAFFIC_MATCH_H
#define TRAFFIC_MATCH_H

#include "netdev/packet/packet.h"
#include "parser/script.h"
#include "runtime/context/config.h"
#include "parser/util/strbuf.h"

/* Checks headers, options and payload; an outbound TS val (only with
 * --tcp_ts_tick_usecs) may be off by ts_tolerance usecs. Returns 0, or -1 with the first
 * difference in err ("live packet field tcp_ack_seq: expected: 1 (0x1) vs
 * actual: 0 (0x0)", "bad outbound TCP options", …). */
int match_packet(const struct config *cfg, const struct pkt_spec *spec, const struct packet *script,
		 const struct packet *live, int64_t ts_tolerance, struct strbuf *err);

#endif
