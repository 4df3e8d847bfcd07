/* SPDX-License-Identifier: GPL-2.0-only */
/* icmp: builds an inbound ICMP/ICMPv6 error or echo message with its quoted packet (spec §5.7). */
#ifndef TRAFFIC_ICMP_H
#define TRAFFIC_ICMP_H

#include "netdev/packet/packet.h"
#include "parser/script.h"
#include "runtime/context/config.h"
#include "runtime/context/fd_table.h"
#include "parser/util/strbuf.h"

/* Fills type, code, the 4 "rest" bytes and the payload (the quoted inner IP
 * header and first 8 bytes of TCP/UDP, or raw zeros) of p for the socket s.
 * Returns 0, or -1 with a message in err. */
int icmp_build(const struct config *cfg, const struct conn *s, const struct pkt_spec *spec,
	       struct packet *p, struct strbuf *err);

#endif
