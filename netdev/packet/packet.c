/* SPDX-License-Identifier: GPL-2.0-only */
/* packet: encoding and decoding IPv4/IPv6 packets that carry TCP, UDP, ICMP or ICMPv6. */
#include "netdev/packet/packet.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "netdev/packet/checksum.h"
#include "netdev/packet/wire.h"
#include "parser/util/xalloc.h"

#define IPV4_HDR_LEN 20
#define IPV6_HDR_LEN 40
#define TCP_HDR_LEN 20
#define UDP_HDR_LEN 8
#define ICMP_HDR_LEN 8
#define IP_LEN_MAX 65535
#define IPV4_FRAG_MASK 0x3fff /* MF flag and fragment offset */
#define TCP_AE_BIT 0x01	      /* in byte 12, next to the data offset */

/* Offsets of the checksum field inside each L4 header. */
#define TCP_CSUM_OFF 16
#define UDP_CSUM_OFF 6
#define ICMP_CSUM_OFF 2

static bool protocol_is_icmp(uint8_t protocol)
{
	return protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6;
}

/* The protocol number on the wire: ICMP follows the IP version. */
static uint8_t wire_protocol(const struct packet *p)
{
	if (protocol_is_icmp(p->protocol))
		return p->ip_version == 6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	return p->protocol;
}

/* TCP header length: options rounded up to 32-bit words with zero padding. */
static size_t tcp_header_len(const struct packet *p)
{
	return TCP_HDR_LEN + ((tcp_options_len(&p->opts) + 3) & ~(size_t)3);
}

/* L4 header length for p's protocol, or 0 if unsupported or unencodable. */
static size_t l4_header_len(const struct packet *p)
{
	if (p->protocol == IPPROTO_TCP)
		return tcp_options_len(&p->opts) <= TCP_OPTIONS_MAX_BYTES ? tcp_header_len(p) : 0;
	if (p->protocol == IPPROTO_UDP)
		return UDP_HDR_LEN;
	if (protocol_is_icmp(p->protocol))
		return ICMP_HDR_LEN;
	return 0;
}

static void encode_ipv4(const struct packet *p, uint8_t *ip, size_t l4_len)
{
	uint16_t csum;

	ip[0] = 0x45;
	ip[1] = p->tos;
	put16(ip + 2, (uint16_t)(IPV4_HDR_LEN + l4_len));
	put16(ip + 4, p->ip_id);
	put16(ip + 6, p->ip_frag);
	ip[8] = p->ttl;
	ip[9] = wire_protocol(p);
	put16(ip + 10, 0);
	memcpy(ip + 12, p->src.bytes, 4);
	memcpy(ip + 16, p->dst.bytes, 4);
	csum = checksum_ip(ip, IPV4_HDR_LEN);
	memcpy(ip + 10, &csum, 2);
}

static void encode_ipv6(const struct packet *p, uint8_t *ip, size_t l4_len)
{
	put32(ip, 6u << 28 | (uint32_t)p->tos << 20 | (p->flowlabel & 0xfffff));
	put16(ip + 4, (uint16_t)l4_len);
	ip[6] = wire_protocol(p);
	ip[7] = p->ttl;
	memcpy(ip + 8, p->src.bytes, 16);
	memcpy(ip + 24, p->dst.bytes, 16);
}

/* Returns 0, or -1 if an option's length does not suit its kind. */
static int encode_tcp(const struct packet *p, uint8_t *tcp)
{
	size_t hlen = tcp_header_len(p);

	put16(tcp, p->sport);
	put16(tcp + 2, p->dport);
	put32(tcp + 4, p->seq);
	put32(tcp + 8, p->ack);
	tcp[12] = (uint8_t)(hlen / 4 << 4 | (p->tcp_reserved & 7) << 1);
	if (p->tcp_flags & TCPF_AE)
		tcp[12] |= TCP_AE_BIT;
	tcp[13] = (uint8_t)p->tcp_flags;
	put16(tcp + 14, p->win);
	put16(tcp + 16, 0);
	put16(tcp + 18, p->urg);
	memset(tcp + TCP_HDR_LEN, 0, hlen - TCP_HDR_LEN);
	return tcp_options_encode(&p->opts, tcp + TCP_HDR_LEN, hlen - TCP_HDR_LEN) < 0 ? -1 : 0;
}

static void encode_udp(const struct packet *p, uint8_t *udp)
{
	put16(udp, p->sport);
	put16(udp + 2, p->dport);
	put16(udp + 4, (uint16_t)(UDP_HDR_LEN + p->payload_len));
	put16(udp + 6, 0);
}

static void encode_icmp(const struct packet *p, uint8_t *icmp)
{
	icmp[0] = p->icmp_type;
	icmp[1] = p->icmp_code;
	put16(icmp + 2, 0);
	put32(icmp + 4, p->icmp_rest);
}

static size_t l4_checksum_offset(uint8_t wire_proto)
{
	if (wire_proto == IPPROTO_TCP)
		return TCP_CSUM_OFF;
	if (wire_proto == IPPROTO_UDP)
		return UDP_CSUM_OFF;
	return ICMP_CSUM_OFF;
}

/* Fills in the L4 checksum of the finished segment (checksum field zero). */
static void encode_l4_checksum(const struct packet *p, uint8_t *seg, size_t len)
{
	uint8_t proto = wire_protocol(p);
	uint16_t csum;

	if (proto == IPPROTO_ICMP)
		csum = checksum_ip(seg, len); /* ICMPv4 has no pseudo-header */
	else
		csum = checksum_l4(&p->src, &p->dst, proto, seg, len);
	if (proto == IPPROTO_UDP && csum == 0)
		csum = 0xffff; /* 0 means "no checksum" in UDP */
	memcpy(seg + l4_checksum_offset(proto), &csum, 2);
}

/* Writes the L4 header and payload; returns 0 or -1. */
static int encode_l4(const struct packet *p, uint8_t *seg, size_t hlen)
{
	if (p->protocol == IPPROTO_TCP) {
		if (encode_tcp(p, seg) < 0)
			return -1;
	} else if (p->protocol == IPPROTO_UDP) {
		encode_udp(p, seg);
	} else {
		encode_icmp(p, seg);
	}
	/* A NULL payload with a length stands for that many zero bytes. */
	if (p->payload)
		memcpy(seg + hlen, p->payload, p->payload_len);
	else
		memset(seg + hlen, 0, p->payload_len);
	return 0;
}

static int encode_plain(const struct packet *p, uint8_t *buf, size_t cap)
{
	size_t ip_hlen = p->ip_version == 4 ? IPV4_HDR_LEN : IPV6_HDR_LEN;
	size_t l4_hlen = l4_header_len(p);
	size_t l4_len = l4_hlen + p->payload_len;
	/* IPv4 counts its header in the 16-bit total length; IPv6 does not. */
	size_t len_field = p->ip_version == 4 ? ip_hlen + l4_len : l4_len;

	if ((p->ip_version != 4 && p->ip_version != 6) || !l4_hlen)
		return -1;
	if (len_field > IP_LEN_MAX || ip_hlen + l4_len > cap)
		return -1;
	if (p->ip_version == 4)
		encode_ipv4(p, buf, l4_len);
	else
		encode_ipv6(p, buf, l4_len);
	if (encode_l4(p, buf + ip_hlen, l4_hlen) < 0)
		return -1;
	encode_l4_checksum(p, buf + ip_hlen, l4_len);
	return (int)(ip_hlen + l4_len);
}

int packet_encode(const struct packet *p, uint8_t *buf, size_t cap)
{
	size_t outer = outer_len(&p->outer);

	if (!buf)
		return -1;
	if (p->outer.n && (!outer || outer >= cap))
		return -1;
	int len = encode_plain(p, buf + outer, cap - outer);
	if (len < 0 || outer + (size_t)len > IP_LEN_MAX)
		return -1;
	outer_write(&p->outer, buf, (size_t)len, p->ip_version);
	return (int)outer + len;
}

/* Copies the n bytes after the L4 header as the packet's payload. */
static void decode_payload(struct packet *p, const uint8_t *data, size_t n)
{
	p->payload_len = (uint32_t)n;
	p->payload = n ? xmalloc(n) : NULL;
	if (n)
		memcpy(p->payload, data, n);
}

static int decode_tcp(const uint8_t *tcp, size_t len, struct packet *p, struct strbuf *err)
{
	if (len < TCP_HDR_LEN) {
		strbuf_printf(err, "truncated TCP header: %zu bytes", len);
		return -1;
	}
	p->sport = get16(tcp);
	p->dport = get16(tcp + 2);
	p->seq = get32(tcp + 4);
	p->ack = get32(tcp + 8);
	p->tcp_doff = tcp[12] >> 4;
	p->tcp_reserved = (tcp[12] >> 1) & 7;
	p->tcp_flags = tcp[13] | (tcp[12] & TCP_AE_BIT ? TCPF_AE : 0);
	p->win = get16(tcp + 14);
	p->urg = get16(tcp + 18);

	size_t hlen = (size_t)p->tcp_doff * 4;

	if (hlen < TCP_HDR_LEN || hlen > len) {
		strbuf_printf(err, "bad TCP data offset: %u words in a %zu-byte segment",
			      p->tcp_doff, len);
		return -1;
	}
	if (tcp_options_decode(tcp + TCP_HDR_LEN, hlen - TCP_HDR_LEN, &p->opts, err) < 0)
		return -1;
	decode_payload(p, tcp + hlen, len - hlen);
	return 0;
}

static int decode_udp(const uint8_t *udp, size_t len, struct packet *p, struct strbuf *err)
{
	if (len < UDP_HDR_LEN) {
		strbuf_printf(err, "truncated UDP header: %zu bytes", len);
		return -1;
	}
	p->sport = get16(udp);
	p->dport = get16(udp + 2);
	p->udp_len = get16(udp + 4);
	if (p->udp_len < UDP_HDR_LEN || p->udp_len > len) {
		strbuf_printf(err, "bad UDP length: %u in a %zu-byte datagram", p->udp_len, len);
		return -1;
	}
	decode_payload(p, udp + UDP_HDR_LEN, p->udp_len - UDP_HDR_LEN);
	return 0;
}

static int decode_icmp(const uint8_t *icmp, size_t len, struct packet *p, struct strbuf *err)
{
	if (len < ICMP_HDR_LEN) {
		strbuf_printf(err, "truncated ICMP header: %zu bytes", len);
		return -1;
	}
	p->icmp_type = icmp[0];
	p->icmp_code = icmp[1];
	p->icmp_rest = get32(icmp + 4);
	decode_payload(p, icmp + ICMP_HDR_LEN, len - ICMP_HDR_LEN);
	return 0;
}

static int decode_l4(const uint8_t *seg, size_t len, struct packet *p, struct strbuf *err)
{
	switch (p->protocol) {
	case IPPROTO_TCP:
		return decode_tcp(seg, len, p, err);
	case IPPROTO_UDP:
		return decode_udp(seg, len, p, err);
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return decode_icmp(seg, len, p, err);
	default:
		strbuf_printf(err, "unsupported protocol %u", p->protocol);
		return -1;
	}
}

/* Decodes the IPv4 header; returns its length and sets *l4_len, or -1. */
static int decode_ipv4(const uint8_t *ip, size_t len, struct packet *p, size_t *l4_len,
		       struct strbuf *err)
{
	size_t hlen = (size_t)(ip[0] & 0x0f) * 4;

	if (len < IPV4_HDR_LEN || len < hlen) {
		strbuf_printf(err, "truncated IPv4 header: %zu bytes", len);
		return -1;
	}
	if (hlen < IPV4_HDR_LEN) {
		strbuf_printf(err, "bad IPv4 header length: %zu bytes", hlen);
		return -1;
	}
	p->ip_version = 4;
	p->ip_header_len = (uint8_t)hlen;
	p->tos = ip[1];
	p->ip_total_len = get16(ip + 2);
	p->ip_id = get16(ip + 4);
	p->ip_frag = get16(ip + 6);
	p->ttl = ip[8];
	p->protocol = ip[9];
	p->ip_csum_ok = checksum_ip(ip, hlen) == 0;
	p->src.family = p->dst.family = AF_INET;
	memcpy(p->src.bytes, ip + 12, 4);
	memcpy(p->dst.bytes, ip + 16, 4);
	if (p->ip_total_len < hlen || p->ip_total_len > len) {
		strbuf_printf(err, "bad IPv4 total length: %u in a %zu-byte packet",
			      p->ip_total_len, len);
		return -1;
	}
	if (p->ip_frag & IPV4_FRAG_MASK) {
		strbuf_printf(err, "IPv4 fragments are not supported (frag field 0x%04x)",
			      p->ip_frag);
		return -1;
	}
	*l4_len = p->ip_total_len - hlen;
	return (int)hlen;
}

static bool ipv6_is_extension(uint8_t next)
{
	return next == IPPROTO_HOPOPTS || next == IPPROTO_ROUTING || next == IPPROTO_DSTOPTS;
}

/* Skips hop-by-hop, routing and destination-options headers starting at
 * ip + off; returns the offset of the L4 header, or -1. */
static int skip_ipv6_extensions(const uint8_t *ip, size_t end, size_t off, struct packet *p,
				struct strbuf *err)
{
	while (ipv6_is_extension(p->protocol)) {
		if (end - off < 8 || end - off < (size_t)(ip[off + 1] + 1) * 8) {
			strbuf_printf(err, "truncated IPv6 extension header %u", p->protocol);
			return -1;
		}
		p->protocol = ip[off];
		off += (size_t)(ip[off + 1] + 1) * 8;
	}
	if (off > UINT8_MAX) {
		strbuf_printf(err, "IPv6 extension headers too long: %zu bytes", off);
		return -1;
	}
	return (int)off;
}

/* Decodes the IPv6 header; returns the L4 offset and sets *l4_len, or -1. */
static int decode_ipv6(const uint8_t *ip, size_t len, struct packet *p, size_t *l4_len,
		       struct strbuf *err)
{
	if (len < IPV6_HDR_LEN) {
		strbuf_printf(err, "truncated IPv6 header: %zu bytes", len);
		return -1;
	}

	uint32_t word0 = get32(ip);

	p->ip_version = 6;
	p->tos = (uint8_t)(word0 >> 20);
	p->flowlabel = word0 & 0xfffff;
	p->ip_total_len = get16(ip + 4);
	p->protocol = ip[6];
	p->ttl = ip[7];
	p->src.family = p->dst.family = AF_INET6;
	memcpy(p->src.bytes, ip + 8, 16);
	memcpy(p->dst.bytes, ip + 24, 16);
	if (p->ip_total_len > len - IPV6_HDR_LEN) {
		strbuf_printf(err, "bad IPv6 payload length: %u in a %zu-byte packet",
			      p->ip_total_len, len);
		return -1;
	}

	size_t end = IPV6_HDR_LEN + p->ip_total_len;
	int off = skip_ipv6_extensions(ip, end, IPV6_HDR_LEN, p, err);

	if (off < 0)
		return -1;
	p->ip_header_len = (uint8_t)off;
	*l4_len = end - (size_t)off;
	return off;
}

/* Decodes the IP header(s); returns the L4 offset and sets *l4_len, or -1. */
static int decode_ip(const uint8_t *buf, size_t len, struct packet *p, size_t *l4_len,
		     struct strbuf *err)
{
	if (len < 1) {
		strbuf_printf(err, "truncated IP header: 0 bytes");
		return -1;
	}
	if (buf[0] >> 4 == 4)
		return decode_ipv4(buf, len, p, l4_len, err);
	if (buf[0] >> 4 == 6)
		return decode_ipv6(buf, len, p, l4_len, err);
	strbuf_printf(err, "unsupported IP version %u", buf[0] >> 4);
	return -1;
}

int packet_decode(const uint8_t *buf, size_t len, struct packet *p, struct strbuf *err)
{
	size_t l4_len = 0;
	int off;

	memset(p, 0, sizeof(*p));
	int outer = outer_peel(buf, len, &p->outer, err);
	if (outer < 0)
		return -1;
	buf += outer;
	len -= (size_t)outer;
	off = decode_ip(buf, len, p, &l4_len, err);
	if (off < 0 || decode_l4(buf + off, l4_len, p, err) < 0) {
		packet_free(p);
		return -1;
	}
	return 0;
}

void packet_free(struct packet *p)
{
	free(p->payload);
	p->payload = NULL;
	p->payload_len = 0;
}

void packet_copy(struct packet *dst, const struct packet *src)
{
	*dst = *src;
	dst->payload = NULL;
	if (src->payload && src->payload_len) {
		dst->payload = xmalloc(src->payload_len);
		memcpy(dst->payload, src->payload, src->payload_len);
	}
}
