/* SPDX-License-Identifier: GPL-2.0-only */
/* checksum: the Internet checksum (RFC 1071) and the TCP/UDP/ICMPv6 pseudo-header sum. */
#ifndef PACKET_CHECKSUM_H
#define PACKET_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#include "netdev/packet/packet.h"

/* One's-complement sum of len bytes, folded and complemented (network order result
 * ready to store with memcpy). */
uint16_t checksum_ip(const void *data, size_t len);

/* Checksum of an L4 segment (header+payload, len bytes, checksum field zeroed)
 * with the pseudo-header of src/dst/protocol. */
uint16_t checksum_l4(const struct ip_addr *src, const struct ip_addr *dst, uint8_t protocol,
		     const void *segment, size_t len);

#endif
