/* SPDX-License-Identifier: GPL-2.0-only */
/* outer: the outer headers a packet can travel in — IPv4/IPv6, GRE and MPLS (spec §5.8).
 * Encoding finishes lengths, protocol numbers and checksums from what each layer
 * carries; decoding peels the layers off a sniffed packet down to the inner IP header. */
#ifndef NETDEV_PACKET_OUTER_H
#define NETDEV_PACKET_OUTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netdev/packet/ip_addr.h"
#include "parser/util/strbuf.h"

#define OUTER_MAX_LAYERS 4
#define OUTER_MAX_MPLS 8

enum outer_type { OUTER_IPV4 = 1, OUTER_IPV6, OUTER_GRE, OUTER_MPLS };

/* GRE flag bits (RFC 2784, RFC 2890) in the first 16-bit word. */
enum { GRE_F_CSUM = 0x8000, GRE_F_KEY = 0x2000, GRE_F_SEQ = 0x1000 };

struct mpls_entry {
	uint32_t label; /* 20 bits */
	uint8_t tc;	/* 3 bits */
	bool bottom;	/* S: bottom of the label stack */
	uint8_t ttl;
};

struct outer_hdr {
	enum outer_type type;
	/* IPV4 / IPV6 */
	struct ip_addr src, dst;
	uint8_t tos, ttl; /* ttl 0 on encode means 255 */
	/* GRE: flags word as on the wire (version in the low 3 bits); the
	 * protocol is filled in from the next layer. sum 0 on encode: computed. */
	uint16_t gre_flags, gre_proto, gre_sum, gre_off;
	uint32_t gre_key, gre_seq;
	/* MPLS */
	struct mpls_entry mpls[OUTER_MAX_MPLS];
	uint8_t n_mpls;
};

struct outer_stack {
	struct outer_hdr hdr[OUTER_MAX_LAYERS]; /* outermost first */
	uint8_t n;
};

/* Bytes the layers add in front of the inner packet; 0 if a layer is malformed
 * (an IP layer of the wrong family, an empty MPLS stack). */
size_t outer_len(const struct outer_stack *st);

/* Writes the layers into buf, whose inner IP packet (version 4 or 6, inner_len
 * bytes) is already at buf + outer_len(st). */
void outer_write(const struct outer_stack *st, uint8_t *buf, size_t inner_len, int inner_version);

/* One GRE or MPLS header alone in wire form (the GRE protocol as gre_proto, a
 * zero checksum computed over the header), as a socket option carries it.
 * Returns its length, or 0 if it is of another type or does not fit. */
size_t outer_hdr_bytes(const struct outer_hdr *h, uint8_t *out, size_t cap);

/* Peels the outer layers off a sniffed packet: an IP header whose payload is
 * GRE, MPLS or another IP header is an outer layer. Returns the offset of the
 * inner IP header (0 when there is no encapsulation), or -1 with a message. */
int outer_peel(const uint8_t *buf, size_t len, struct outer_stack *st, struct strbuf *err);

/* "IPv4", "IPv6", "GRE", "MPLS". */
const char *outer_type_name(enum outer_type t);

#endif
