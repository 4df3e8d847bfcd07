/* SPDX-License-Identifier: GPL-2.0-only */
/* packet: the in-memory model of one IP packet (TCP, UDP or ICMP), encoded and decoded. */
#ifndef PACKET_PACKET_H
#define PACKET_PACKET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netdev/packet/outer.h"
#include "netdev/packet/ip_addr.h"
#include "netdev/packet/tcp_options.h"
#include "parser/util/strbuf.h"

/* TCP flag bits as stored in struct packet.tcp_flags: the low 8 bits are the
 * wire's flag byte, bit 8 is AE (the former NS bit). */
enum tcp_flag_bits {
	TCPF_FIN = 0x01,
	TCPF_SYN = 0x02,
	TCPF_RST = 0x04,
	TCPF_PSH = 0x08,
	TCPF_ACK = 0x10,
	TCPF_URG = 0x20,
	TCPF_ECE = 0x40,
	TCPF_CWR = 0x80,
	TCPF_AE = 0x100,
};

#define PACKET_TTL_UNSET 255

struct packet {
	/* IP layer */
	uint8_t ip_version; /* 4 or 6 */
	uint8_t protocol;   /* IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP, IPPROTO_ICMPV6 */
	struct ip_addr src, dst;
	uint8_t tos;	    /* IPv4 TOS or IPv6 traffic class (ECN in low 2 bits) */
	uint8_t ttl;	    /* TTL / hop limit; encode uses 255 for PACKET_TTL_UNSET */
	uint32_t flowlabel; /* IPv6 only, 20 bits */
	uint16_t ip_id;	    /* IPv4 only */
	uint16_t ip_frag;   /* IPv4 flags+fragment offset field, host order */
	/* Filled by decode (and by encode for the caller's information). */
	uint8_t ip_header_len; /* bytes; IPv4 IHL*4, 40 for IPv6 */
	uint16_t ip_total_len; /* IPv4 total length; IPv6 payload length */
	bool ip_csum_ok;       /* IPv4 header checksum valid (decode only) */

	/* TCP / UDP ports */
	uint16_t sport, dport;

	/* TCP */
	uint32_t seq, ack;
	uint16_t tcp_flags;   /* enum tcp_flag_bits */
	uint8_t tcp_reserved; /* the 3 reserved bits (decode only) */
	uint8_t tcp_doff;     /* data offset in 32-bit words (decode; encode fills it) */
	uint16_t win, urg;
	struct tcp_options opts;

	/* UDP: length field (decode). */
	uint16_t udp_len;

	/* ICMP / ICMPv6 */
	uint8_t icmp_type, icmp_code;
	uint32_t icmp_rest; /* the 4 bytes after the checksum, host order (mtu, id …) */

	/* Outer headers (GRE, MPLS, outer IP) around this packet; none if n == 0. */
	struct outer_stack outer;

	/* Payload after the L4 header (for ICMP: after the 8-byte header).
	 * Owned by the packet; free with packet_free(). NULL when payload_len is 0. */
	uint8_t *payload;
	uint32_t payload_len;
};

/* Encodes p into buf (cap bytes), computing lengths, IP header checksum and the
 * L4 checksum over the pseudo-header. Returns the length, or -1 if it does not fit. */
int packet_encode(const struct packet *p, uint8_t *buf, size_t cap);

/* Decodes an IP packet starting at the IP header. Returns 0; or -1 with a
 * message in err for truncated or unsupported packets. On success the payload
 * is copied (free with packet_free()). */
int packet_decode(const uint8_t *buf, size_t len, struct packet *p, struct strbuf *err);

/* Frees the payload and zeroes it. The struct itself is the caller's. */
void packet_free(struct packet *p);

/* Deep copy (payload duplicated). */
void packet_copy(struct packet *dst, const struct packet *src);

/* Appends the script short form used in failure dumps and -v traces, each
 * field followed by one space, e.g. "S. 0:0(0) ack 1 win 64240 <mss 1460> ".
 * Fields: flags, start:end(len), "ack N" if ACK is set, "win N" if show_win,
 * then the options (upstream's dump has no urgent pointer). UDP: "udp (N) ". ICMP: "icmpv4
 * "/"icmpv6 ". */
void packet_print_short(const struct packet *p, bool show_win, struct strbuf *out);

/* Appends the outer layers as a script writes them, each followed by a space:
 * "ipv4 A > B: gre: mpls (label 1, tc 0, [S], ttl 64): "; nothing if none. */
void packet_print_outer(const struct outer_stack *st, struct strbuf *out);

/* Appends the TCP flags as a script writes them: "S.", "F.", "P.", "." , "-". */
void packet_print_flags(uint16_t flags, struct strbuf *out);

#endif
