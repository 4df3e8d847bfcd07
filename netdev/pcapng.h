/* SPDX-License-Identifier: GPL-2.0-only */
/* pcapng: writes the few pcapng blocks a capture with per-packet comments
 * needs (libpcap 1.10 writes pcapng without them): a Section Header Block, an
 * Interface Description Block, one Enhanced Packet Block per packet.
 *
 * The format (IETF draft-ietf-opsawg-pcapng; Wireshark's and tshark's
 * native one), as written here, in the host's byte order (the section's
 * byte-order magic tells readers which):
 *
 *   every block:   u32 type, u32 total length, body, u32 total length again
 *   options:       u16 code, u16 length, value padded to 4 bytes; code 0 ends
 *   SHB 0x0A0D0D0A: u32 0x1A2B3C4D, u16 major 1, u16 minor 0, i64 length -1
 *                  (unknown); options: shb_userappl (4) "pktdrill"
 *   IDB 0x00000001: u16 link type 101 (LINKTYPE_RAW: each packet starts at
 *                  its IPv4 or IPv6 header), u16 0, u32 snap length 0 (none);
 *                  options: if_name (2), if_tsresol (9) = 9 (nanoseconds)
 *   EPB 0x00000006: u32 interface 0, u32 timestamp high, u32 low (ns since
 *                  the epoch), u32 captured length, u32 original length, the
 *                  packet padded to 4 bytes; options: opt_comment (1), UTF-8,
 *                  and epb_flags (2), u32 whose bits 0-1 are the direction
 *                  (1 inbound, 2 outbound). */
#ifndef NETDEV_PCAPNG_H
#define NETDEV_PCAPNG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Writes the section and interface headers (if_name: the interface's name).
 * Returns 0, or -1 if writing failed (errno). */
int pcapng_write_header(FILE *f, const char *if_name) __attribute__((warn_unused_result));

/* Writes one packet of len bytes with its wall-clock time (ns since the
 * epoch), its direction and comment (NULL: none). Returns 0, or -1 if
 * writing failed (errno). */
int pcapng_write_packet(FILE *f, int64_t wall_ns, const uint8_t *pkt, uint32_t len, bool outgoing,
			const char *comment) __attribute__((warn_unused_result));

#endif
