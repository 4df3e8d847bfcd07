/* SPDX-License-Identifier: GPL-2.0-only */
/* test_packet: unit tests for packet encoding, decoding, copying and printing, and ICMP names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "netdev/packet/checksum.h"
#include "netdev/packet/icmp_names.h"
#include "netdev/packet/packet.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define LO6 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1

/*
 * Fixtures. The TCP and UDP packets were captured from Linux 6.x on lo with
 * an AF_PACKET socket. Loopback leaves TCP/UDP checksums partial, so those
 * were completed with an independent implementation; IP header and ICMP
 * checksums are the kernel's own.
 */

/* The byte arrays keep one header field group per line with its annotation. */
/* clang-format off */

/* 33380 > 37711: S 2875117232:2875117232(0) win 65495
 * <mss 65495,sackOK,TS val 347616156 ecr 0,nop,wscale 10> */
static const uint8_t syn_v4[] = {
	0x45, 0x00, 0x00, 0x3c,	/* IPv4, IHL 5, tos 0, total length 60 */
	0x33, 0x8d, 0x40, 0x00,	/* id 0x338d, DF */
	0x40, 0x06, 0x09, 0x2d,	/* ttl 64, TCP, header checksum */
	0x7f, 0x00, 0x00, 0x01,	/* src 127.0.0.1 */
	0x7f, 0x00, 0x00, 0x01,	/* dst 127.0.0.1 */
	0x82, 0x64, 0x93, 0x4f,	/* sport 33380, dport 37711 */
	0xab, 0x5e, 0xce, 0xb0,	/* seq 2875117232 */
	0x00, 0x00, 0x00, 0x00,	/* ack 0 */
	0xa0, 0x02, 0xff, 0xd7,	/* doff 10, SYN, win 65495 */
	0x77, 0xe7, 0x00, 0x00,	/* checksum, urg 0 */
	0x02, 0x04, 0xff, 0xd7,	/* mss 65495 */
	0x04, 0x02,		/* sackOK */
	0x08, 0x0a, 0x14, 0xb8, 0x33, 0x9c, 0x00, 0x00, 0x00, 0x00, /* TS val ecr 0 */
	0x01,			/* nop */
	0x03, 0x03, 0x0a,	/* wscale 10 */
};

/* 37711 > 33380: S. 2344075501:2344075501(0) ack 2875117233 win 65483
 * <mss 65495,sackOK,TS val 1976516143 ecr 347616156,nop,wscale 10> */
static const uint8_t synack_v4[] = {
	0x45, 0x00, 0x00, 0x3c,	/* IPv4, total length 60 */
	0x00, 0x00, 0x40, 0x00,	/* id 0, DF */
	0x40, 0x06, 0x3c, 0xba,	/* ttl 64, TCP, header checksum */
	0x7f, 0x00, 0x00, 0x01,	/* src 127.0.0.1 */
	0x7f, 0x00, 0x00, 0x01,	/* dst 127.0.0.1 */
	0x93, 0x4f, 0x82, 0x64,	/* sport 37711, dport 33380 */
	0x8b, 0xb7, 0xc0, 0xed,	/* seq 2344075501 */
	0xab, 0x5e, 0xce, 0xb1,	/* ack 2875117233 */
	0xa0, 0x12, 0xff, 0xcb,	/* doff 10, SYN|ACK, win 65483 */
	0x77, 0x3e, 0x00, 0x00,	/* checksum, urg 0 */
	0x02, 0x04, 0xff, 0xd7,	/* mss 65495 */
	0x04, 0x02,		/* sackOK */
	0x08, 0x0a, 0x75, 0xcf, 0x3e, 0x2f, 0x14, 0xb8, 0x33, 0x9c, /* TS */
	0x01,			/* nop */
	0x03, 0x03, 0x0a,	/* wscale 10 */
};

/* [::1]:55374 > [::1]:47399 . ack with TS, flow label 0x65cde. */
static const uint8_t ack_v6[] = {
	0x60, 0x06, 0x5c, 0xde,	/* IPv6, tclass 0, flow label 0x65cde */
	0x00, 0x20, 0x06, 0x40,	/* payload length 32, TCP, hop limit 64 */
	LO6,			/* src ::1 */
	LO6,			/* dst ::1 */
	0xd8, 0x4e, 0xb9, 0x27,	/* sport 55374, dport 47399 */
	0x16, 0x18, 0x43, 0x02,	/* seq 370688770 */
	0x68, 0x06, 0x74, 0xaa,	/* ack 1745253546 */
	0x80, 0x10, 0x00, 0x40,	/* doff 8, ACK, win 64 */
	0x68, 0x68, 0x00, 0x00,	/* checksum, urg 0 */
	0x01, 0x01,		/* nop, nop */
	0x08, 0x0a, 0x93, 0x83, 0x1d, 0x8c, 0x61, 0xec, 0x33, 0xd6, /* TS */
};

/* [::1]:47399 > [::1]:55374 P. with the payload "hello". */
static const uint8_t data_v6[] = {
	0x60, 0x0c, 0xc8, 0x5f,	/* IPv6, tclass 0, flow label 0xcc85f */
	0x00, 0x25, 0x06, 0x40,	/* payload length 37, TCP, hop limit 64 */
	LO6,			/* src ::1 */
	LO6,			/* dst ::1 */
	0xb9, 0x27, 0xd8, 0x4e,	/* sport 47399, dport 55374 */
	0x68, 0x06, 0x74, 0xaa,	/* seq 1745253546 */
	0x16, 0x18, 0x43, 0x02,	/* ack 370688770 */
	0x80, 0x18, 0x00, 0x40,	/* doff 8, PSH|ACK, win 64 */
	0x24, 0x89, 0x00, 0x00,	/* checksum, urg 0 */
	0x01, 0x01,		/* nop, nop */
	0x08, 0x0a, 0x61, 0xec, 0x33, 0xd6, 0x93, 0x83, 0x1d, 0x8c, /* TS */
	'h', 'e', 'l', 'l', 'o',
};

/* 127.0.0.1:51854 > 127.0.0.1:9 udp (5) "ping!" */
static const uint8_t udp_v4[] = {
	0x45, 0x00, 0x00, 0x21,	/* IPv4, total length 33 */
	0xe6, 0x8f, 0x40, 0x00,	/* id, DF */
	0x40, 0x11, 0x56, 0x3a,	/* ttl 64, UDP, header checksum */
	0x7f, 0x00, 0x00, 0x01,	/* src 127.0.0.1 */
	0x7f, 0x00, 0x00, 0x01,	/* dst 127.0.0.1 */
	0xca, 0x8e, 0x00, 0x09,	/* sport 51854, dport 9 */
	0x00, 0x0d, 0x37, 0x69,	/* length 13, checksum */
	'p', 'i', 'n', 'g', '!',
};

/* The kernel's port unreachable for udp_v4, quoting the whole datagram. */
static const uint8_t port_unreach_v4[] = {
	0x45, 0xc0, 0x00, 0x3d,	/* IPv4, tos 0xc0, total length 61 */
	0x16, 0x58, 0x00, 0x00,	/* id, no DF */
	0x40, 0x01, 0x65, 0xa6,	/* ttl 64, ICMP, header checksum */
	0x7f, 0x00, 0x00, 0x01,	/* src 127.0.0.1 */
	0x7f, 0x00, 0x00, 0x01,	/* dst 127.0.0.1 */
	0x03, 0x03, 0x34, 0x66,	/* unreachable, port_unreachable, checksum */
	0x00, 0x00, 0x00, 0x00,	/* unused */
	0x45, 0x00, 0x00, 0x21, 0xe6, 0x8f, 0x40, 0x00, /* quoted IPv4 header */
	0x40, 0x11, 0x56, 0x3a, 0x7f, 0x00, 0x00, 0x01,
	0x7f, 0x00, 0x00, 0x01,
	0xca, 0x8e, 0x00, 0x09,	/* quoted UDP ports */
	0x00, 0x0d, 0xfe, 0x20,	/* length, partial checksum as sent on lo */
	'p', 'i', 'n', 'g', '!',
};

/* 192.0.2.1 > 192.168.0.1: icmp unreachable frag_needed mtu 1400, quoting
 * the IP header and 8 TCP bytes of 192.168.0.1:8080 > 192.0.2.2:54321 seq 1. */
static const uint8_t frag_needed_v4[] = {
	0x45, 0x00, 0x00, 0x38,	/* IPv4, total length 56 */
	0x00, 0x00, 0x00, 0x00,	/* id 0, no DF */
	0xfe, 0x01, 0x3a, 0x1a,	/* ttl 254, ICMP, header checksum */
	0xc0, 0x00, 0x02, 0x01,	/* src 192.0.2.1 */
	0xc0, 0xa8, 0x00, 0x01,	/* dst 192.168.0.1 */
	0x03, 0x04, 0x03, 0xc1,	/* unreachable, frag_needed, checksum */
	0x00, 0x00, 0x05, 0x78,	/* unused, next-hop MTU 1400 */
	0x45, 0x00, 0x00, 0x3c, 0x12, 0x34, 0x40, 0x00, /* quoted IPv4 header */
	0x40, 0x06, 0xa5, 0xdc, 0xc0, 0xa8, 0x00, 0x01,
	0xc0, 0x00, 0x02, 0x02,
	0x1f, 0x90, 0xd4, 0x31,	/* quoted ports 8080 > 54321 */
	0x00, 0x00, 0x00, 0x01,	/* quoted seq 1 */
};

#define DOC6(last) 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last

/* 2001:db8::1 > 2001:db8::2: icmpv6 packet_too_big mtu 1280 quoting 8 bytes. */
static const uint8_t too_big_v6[] = {
	0x60, 0x00, 0x00, 0x00,	/* IPv6, tclass 0, flow label 0 */
	0x00, 0x10, 0x3a, 0x40,	/* payload length 16, ICMPv6, hop limit 64 */
	DOC6(1),		/* src 2001:db8::1 */
	DOC6(2),		/* dst 2001:db8::2 */
	0x02, 0x00, 0x36, 0xec,	/* packet too big, code 0, checksum */
	0x00, 0x00, 0x05, 0x00,	/* MTU 1280 */
	0x60, 0x00, 0x00, 0x00, 0x00, 0x14, 0x06, 0x40, /* quoted IPv6 start */
};

struct fixture {
	const char *name;
	const uint8_t *bytes;
	size_t len;
	const char *short_form;	/* packet_print_short with show_win */
};

#define FIXTURE(name, form) { #name, name, sizeof(name), form }

static const struct fixture fixtures[] = {
	FIXTURE(syn_v4, "S 2875117232:2875117232(0) win 65495 "
			"<mss 65495,sackOK,TS val 347616156 ecr 0,nop,wscale 10> "),
	FIXTURE(synack_v4, "S. 2344075501:2344075501(0) ack 2875117233 win 65483 "
			   "<mss 65495,sackOK,TS val 1976516143 ecr 347616156,nop,wscale 10> "),
	FIXTURE(ack_v6, ". 370688770:370688770(0) ack 1745253546 win 64 "
			"<nop,nop,TS val 2474843532 ecr 1642869718> "),
	FIXTURE(data_v6, "P. 1745253546:1745253551(5) ack 370688770 win 64 "
			 "<nop,nop,TS val 1642869718 ecr 2474843532> "),
	FIXTURE(udp_v4, "udp (5) "),
	FIXTURE(port_unreach_v4, "icmpv4 "),
	FIXTURE(frag_needed_v4, "icmpv4 "),
	FIXTURE(too_big_v6, "icmpv6 "),
};

/* clang-format on */

static void decode_ok(const uint8_t *bytes, size_t len, struct packet *p)
{
	struct strbuf err = STRBUF_INIT;
	int rc = packet_decode(bytes, len, p, &err);

	if (rc)
		fail_msg("decode failed: %s", strbuf_str(&err));
	strbuf_free(&err);
}

static void assert_addr(const struct ip_addr *a, const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	ip_addr_print(a, &sb);
	assert_string_equal(strbuf_str(&sb), text);
	strbuf_free(&sb);
}

/* Checksums of an encoded packet, recomputed over the bytes, come out 0. */
static void assert_checksums_verify(const uint8_t *buf, size_t len)
{
	struct packet p;
	size_t hlen;

	decode_ok(buf, len, &p);
	hlen = p.ip_header_len;
	if (p.ip_version == 4)
		assert_int_equal(checksum_ip(buf, hlen), 0);
	if (p.protocol == IPPROTO_ICMP)
		assert_int_equal(checksum_ip(buf + hlen, len - hlen), 0);
	else
		assert_int_equal(checksum_l4(&p.src, &p.dst, p.protocol, buf + hlen, len - hlen),
				 0);
	packet_free(&p);
}

static void test_decode_syn(void **state)
{
	struct packet p;

	decode_ok(syn_v4, sizeof(syn_v4), &p);
	assert_int_equal(p.ip_version, 4);
	assert_int_equal(p.ip_header_len, 20);
	assert_int_equal(p.ip_total_len, 60);
	assert_true(p.ip_csum_ok);
	assert_int_equal(p.tos, 0);
	assert_int_equal(p.ip_id, 0x338d);
	assert_int_equal(p.ip_frag, 0x4000);
	assert_int_equal(p.ttl, 64);
	assert_int_equal(p.protocol, IPPROTO_TCP);
	assert_addr(&p.src, "127.0.0.1");
	assert_addr(&p.dst, "127.0.0.1");
	assert_int_equal(p.sport, 33380);
	assert_int_equal(p.dport, 37711);
	assert_int_equal(p.seq, 2875117232u);
	assert_int_equal(p.ack, 0);
	assert_int_equal(p.tcp_flags, TCPF_SYN);
	assert_int_equal(p.tcp_doff, 10);
	assert_int_equal(p.tcp_reserved, 0);
	assert_int_equal(p.win, 65495);
	assert_int_equal(p.urg, 0);
	assert_int_equal(p.opts.count, 5);
	assert_int_equal(p.opts.opt[0].mss, 65495);
	assert_int_equal(p.opts.opt[2].ts.val, 347616156);
	assert_int_equal(p.opts.opt[4].wscale, 10);
	assert_int_equal(p.payload_len, 0);
	assert_null(p.payload);
	packet_free(&p);
}

static void test_decode_synack(void **state)
{
	struct packet p;

	decode_ok(synack_v4, sizeof(synack_v4), &p);
	assert_int_equal(p.ip_id, 0);
	assert_int_equal(p.tcp_flags, TCPF_SYN | TCPF_ACK);
	assert_int_equal(p.seq, 2344075501u);
	assert_int_equal(p.ack, 2875117233u);
	assert_int_equal(p.win, 65483);
	assert_int_equal(p.opts.opt[2].ts.ecr, 347616156);
	packet_free(&p);
}

static void test_decode_ipv6_data(void **state)
{
	struct packet p;

	decode_ok(data_v6, sizeof(data_v6), &p);
	assert_int_equal(p.ip_version, 6);
	assert_int_equal(p.ip_header_len, 40);
	assert_int_equal(p.ip_total_len, 37);
	assert_int_equal(p.tos, 0);
	assert_int_equal(p.flowlabel, 0xcc85f);
	assert_int_equal(p.ttl, 64);
	assert_int_equal(p.protocol, IPPROTO_TCP);
	assert_addr(&p.src, "::1");
	assert_int_equal(p.sport, 47399);
	assert_int_equal(p.dport, 55374);
	assert_int_equal(p.tcp_flags, TCPF_PSH | TCPF_ACK);
	assert_int_equal(p.tcp_doff, 8);
	assert_int_equal(p.payload_len, 5);
	assert_memory_equal(p.payload, "hello", 5);
	packet_free(&p);
}

static void test_decode_udp(void **state)
{
	struct packet p;

	decode_ok(udp_v4, sizeof(udp_v4), &p);
	assert_int_equal(p.protocol, IPPROTO_UDP);
	assert_int_equal(p.sport, 51854);
	assert_int_equal(p.dport, 9);
	assert_int_equal(p.udp_len, 13);
	assert_int_equal(p.payload_len, 5);
	assert_memory_equal(p.payload, "ping!", 5);
	packet_free(&p);
}

static void test_decode_icmp(void **state)
{
	struct packet p, inner;
	struct strbuf err = STRBUF_INIT;

	decode_ok(frag_needed_v4, sizeof(frag_needed_v4), &p);
	assert_int_equal(p.protocol, IPPROTO_ICMP);
	assert_int_equal(p.ttl, 254);
	assert_int_equal(p.ip_frag, 0);
	assert_int_equal(p.icmp_type, 3);
	assert_int_equal(p.icmp_code, 4);
	assert_int_equal(p.icmp_rest, 1400);
	assert_int_equal(p.payload_len, 28);
	assert_memory_equal(p.payload, frag_needed_v4 + 28, 28);
	/* The quoted header claims 60 bytes but only 28 were quoted. */
	assert_int_equal(packet_decode(p.payload, p.payload_len, &inner, &err), -1);
	assert_string_equal(strbuf_str(&err), "bad IPv4 total length: 60 in a 28-byte packet");
	strbuf_free(&err);
	packet_free(&p);

	decode_ok(port_unreach_v4, sizeof(port_unreach_v4), &p);
	assert_int_equal(p.tos, 0xc0);
	assert_int_equal(p.icmp_type, 3);
	assert_int_equal(p.icmp_code, 3);
	assert_int_equal(p.payload_len, 33);
	packet_free(&p);
}

static void test_decode_icmpv6(void **state)
{
	struct packet p;

	decode_ok(too_big_v6, sizeof(too_big_v6), &p);
	assert_int_equal(p.protocol, IPPROTO_ICMPV6);
	assert_int_equal(p.icmp_type, 2);
	assert_int_equal(p.icmp_code, 0);
	assert_int_equal(p.icmp_rest, 1280);
	assert_int_equal(p.payload_len, 8);
	assert_addr(&p.dst, "2001:db8::2");
	packet_free(&p);
}

/* encode(decode(x)) == x, and every fixture prints its golden short form. */
static void test_round_trip_and_short_form(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(fixtures); i++) {
		const struct fixture *f = &fixtures[i];
		struct strbuf text = STRBUF_INIT;
		struct packet p;
		uint8_t out[256];

		decode_ok(f->bytes, f->len, &p);
		assert_int_equal(packet_encode(&p, out, sizeof(out)), f->len);
		assert_memory_equal(out, f->bytes, f->len);
		assert_int_equal(packet_encode(&p, out, f->len - 1), -1);
		packet_print_short(&p, true, &text);
		assert_string_equal(strbuf_str(&text), f->short_form);
		assert_checksums_verify(out, f->len);
		strbuf_free(&text);
		packet_free(&p);
	}
}

static void set_addr(struct ip_addr *a, const char *text)
{
	assert_int_equal(ip_addr_parse(text, a), 0);
}

static void add_option(struct packet *p, struct tcp_option opt)
{
	p->opts.opt[p->opts.count++] = opt;
}

/* The SYN-ACK built field by field, as the runtime builds inbound packets. */
static void test_encode_synack_from_model(void **state)
{
	struct packet p = {
	    .ip_version = 4,
	    .protocol = IPPROTO_TCP,
	    .ttl = 64,
	    .ip_frag = 0x4000,
	    .sport = 37711,
	    .dport = 33380,
	    .seq = 2344075501u,
	    .ack = 2875117233u,
	    .tcp_flags = TCPF_SYN | TCPF_ACK,
	    .win = 65483,
	};
	uint8_t out[128];

	set_addr(&p.src, "127.0.0.1");
	set_addr(&p.dst, "127.0.0.1");
	add_option(&p, (struct tcp_option){.kind = TCPO_MSS, .len = 4, .mss = 65495});
	add_option(&p, (struct tcp_option){.kind = TCPO_SACK_PERMITTED, .len = 2});
	add_option(&p, (struct tcp_option){
			   .kind = TCPO_TIMESTAMP, .len = 10, .ts = {1976516143, 347616156}});
	add_option(&p, (struct tcp_option){.kind = TCPO_NOP, .len = 1});
	add_option(&p, (struct tcp_option){.kind = TCPO_WSCALE, .len = 3, .wscale = 10});
	assert_int_equal(packet_encode(&p, out, sizeof(out)), sizeof(synack_v4));
	assert_memory_equal(out, synack_v4, sizeof(synack_v4));
}

static void test_encode_frag_needed_from_model(void **state)
{
	struct packet p = {
	    .ip_version = 4,
	    .protocol = IPPROTO_ICMP,
	    .ttl = 254,
	    .icmp_type = 3,
	    .icmp_code = 4,
	    .icmp_rest = 1400,
	    .payload = (uint8_t *)frag_needed_v4 + 28,
	    .payload_len = 28,
	};
	uint8_t out[128];

	set_addr(&p.src, "192.0.2.1");
	set_addr(&p.dst, "192.168.0.1");
	assert_int_equal(packet_encode(&p, out, sizeof(out)), sizeof(frag_needed_v4));
	assert_memory_equal(out, frag_needed_v4, sizeof(frag_needed_v4));
}

/* ICMP in the model becomes ICMPv6, with the pseudo-header checksum, on IPv6. */
static void test_encode_icmp_on_ipv6(void **state)
{
	static const uint8_t quoted[] = {0x60, 0, 0, 0, 0x00, 0x14, 0x06, 0x40};
	struct packet p = {
	    .ip_version = 6,
	    .protocol = IPPROTO_ICMP,
	    .ttl = 64,
	    .icmp_type = 2,
	    .icmp_rest = 1280,
	    .payload = (uint8_t *)quoted,
	    .payload_len = sizeof(quoted),
	};
	struct strbuf text = STRBUF_INIT;
	uint8_t out[128];

	set_addr(&p.src, "2001:db8::1");
	set_addr(&p.dst, "2001:db8::2");
	assert_int_equal(packet_encode(&p, out, sizeof(out)), sizeof(too_big_v6));
	assert_memory_equal(out, too_big_v6, sizeof(too_big_v6));
	packet_print_short(&p, false, &text);
	assert_string_equal(strbuf_str(&text), "icmpv6 ");
	strbuf_free(&text);
}

/* An inbound-style IPv6 packet: tclass, flow label, default TTL, zero payload. */
static void test_encode_ipv6_header_fields(void **state)
{
	struct packet p = {
	    .ip_version = 6,
	    .protocol = IPPROTO_TCP,
	    .ttl = PACKET_TTL_UNSET,
	    .tos = 0x02,
	    .flowlabel = 0x12345,
	    .sport = 8080,
	    .dport = 1234,
	    .seq = 1,
	    .ack = 2,
	    .tcp_flags = TCPF_PSH | TCPF_ACK,
	    .win = 257,
	    .payload_len = 3,
	};
	static const uint8_t expected_head[] = {
	    0x60, 0x21, 0x23, 0x45, 0x00, 0x17, 0x06, 0xff,
	};
	struct packet back;
	uint8_t out[128];

	set_addr(&p.src, "fd3d:fa7b:d17d::1");
	set_addr(&p.dst, "fd3d:fa7b:d17d::2");
	assert_int_equal(packet_encode(&p, out, sizeof(out)), 40 + 20 + 3);
	assert_memory_equal(out, expected_head, sizeof(expected_head));
	assert_memory_equal(out + 60, ((uint8_t[]){0, 0, 0}), 3);
	assert_checksums_verify(out, 63);
	decode_ok(out, 63, &back);
	assert_int_equal(back.tos, 0x02);
	assert_int_equal(back.flowlabel, 0x12345);
	assert_int_equal(back.ttl, 255);
	assert_int_equal(back.tcp_doff, 5);
	assert_true(ip_addr_equal(&back.dst, &p.dst));
	packet_free(&back);
}

/* AE is bit 0 of byte 12 and the three reserved bits sit above it. */
static void test_ae_flag_and_reserved_bits(void **state)
{
	struct packet p = {
	    .ip_version = 4,
	    .protocol = IPPROTO_TCP,
	    .ttl = 64,
	    .tcp_flags = TCPF_AE | TCPF_CWR | TCPF_ECE | TCPF_ACK,
	    .tcp_reserved = 5,
	};
	struct strbuf text = STRBUF_INIT;
	struct packet back;
	uint8_t out[64];

	set_addr(&p.src, "10.0.0.1");
	set_addr(&p.dst, "10.0.0.2");
	assert_int_equal(packet_encode(&p, out, sizeof(out)), 40);
	assert_int_equal(out[32], 0x5b); /* doff 5, reserved 101, AE */
	assert_int_equal(out[33], 0xd0); /* CWR ECE ACK */
	decode_ok(out, 40, &back);
	assert_int_equal(back.tcp_flags, p.tcp_flags);
	assert_int_equal(back.tcp_reserved, 5);
	packet_print_short(&back, false, &text);
	assert_string_equal(strbuf_str(&text), ".EWA 0:0(0) ack 0 ");
	strbuf_free(&text);
	packet_free(&back);
}

/* Options that are not a multiple of 4 bytes are padded with zeros. */
static void test_encode_pads_options(void **state)
{
	struct packet p = {.ip_version = 4, .protocol = IPPROTO_TCP, .tcp_flags = TCPF_SYN};
	uint8_t out[64];

	set_addr(&p.src, "10.0.0.1");
	set_addr(&p.dst, "10.0.0.2");
	add_option(&p, (struct tcp_option){.kind = TCPO_WSCALE, .len = 3, .wscale = 7});
	assert_int_equal(packet_encode(&p, out, sizeof(out)), 44);
	assert_int_equal(out[32] >> 4, 6);
	assert_memory_equal(out + 40, ((uint8_t[]){3, 3, 7, 0}), 4);
	assert_checksums_verify(out, 44);
}

/* A UDP checksum that computes to 0 is sent as 0xffff. */
static void test_udp_zero_checksum(void **state)
{
	uint8_t payload[2] = {0, 0};
	struct packet p = {
	    .ip_version = 4,
	    .protocol = IPPROTO_UDP,
	    .ttl = 64,
	    .sport = 1,
	    .dport = 2,
	    .payload = payload,
	    .payload_len = 2,
	};
	uint8_t out[64];

	set_addr(&p.src, "10.0.0.1");
	set_addr(&p.dst, "10.0.0.2");
	assert_int_equal(packet_encode(&p, out, sizeof(out)), 30);
	assert_int_equal(out[24], 0);
	assert_int_equal(out[25], 10); /* UDP length */
	/* A payload word equal to the checksum makes the sum 0xffff. */
	memcpy(payload, out + 26, 2);
	assert_int_equal(packet_encode(&p, out, sizeof(out)), 30);
	assert_int_equal(out[26], 0xff);
	assert_int_equal(out[27], 0xff);
}

static void test_encode_failures(void **state)
{
	struct packet p = {.ip_version = 4, .protocol = IPPROTO_TCP};
	uint8_t out[128];

	set_addr(&p.src, "10.0.0.1");
	set_addr(&p.dst, "10.0.0.2");
	assert_int_equal(packet_encode(&p, out, 39), -1);
	assert_int_equal(packet_encode(&p, out, 40), 40);
	p.ip_version = 5;
	assert_int_equal(packet_encode(&p, out, sizeof(out)), -1);
	p.ip_version = 4;
	p.protocol = 47;
	assert_int_equal(packet_encode(&p, out, sizeof(out)), -1);
	p.protocol = IPPROTO_TCP;
	for (int i = 0; i < 11; i++)
		add_option(&p, (struct tcp_option){.kind = TCPO_MSS, .len = 4, .mss = 1});
	assert_int_equal(packet_encode(&p, out, sizeof(out)), -1); /* 44 option bytes */
	p.opts.count = 1;
	p.opts.opt[0].len = 3; /* not an mss length */
	assert_int_equal(packet_encode(&p, out, sizeof(out)), -1);
	p.opts.count = 0;
	p.payload_len = 65535 - 40 + 1;
	assert_int_equal(packet_encode(&p, NULL, 0), -1);
}

static void test_print_flags(void **state)
{
	static const struct {
		uint16_t flags;
		const char *text;
	} cases[] = {
	    {TCPF_SYN, "S"},
	    {TCPF_SYN | TCPF_ACK, "S."},
	    {TCPF_FIN | TCPF_ACK, "F."},
	    {TCPF_PSH | TCPF_ACK, "P."},
	    {TCPF_ACK, "."},
	    {0, "-"},
	    {TCPF_RST, "R"},
	    {TCPF_SYN | TCPF_ECE | TCPF_CWR, "SEW"},
	    {TCPF_ACK | TCPF_URG, ".U"},
	    {0x1ff, "FSRP.UEWA"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf text = STRBUF_INIT;

		packet_print_flags(cases[i].flags, &text);
		assert_string_equal(strbuf_str(&text), cases[i].text);
		strbuf_free(&text);
	}
}

static void test_print_short(void **state)
{
	struct packet p = {
	    .protocol = IPPROTO_TCP,
	    .tcp_flags = TCPF_SYN | TCPF_ACK,
	    .ack = 1,
	    .win = 64240,
	};
	struct strbuf text = STRBUF_INIT;

	add_option(&p, (struct tcp_option){.kind = TCPO_MSS, .len = 4, .mss = 1460});
	add_option(&p, (struct tcp_option){.kind = TCPO_NOP, .len = 1});
	add_option(&p, (struct tcp_option){.kind = TCPO_WSCALE, .len = 3, .wscale = 7});
	packet_print_short(&p, true, &text);
	assert_string_equal(strbuf_str(&text),
			    "S. 0:0(0) ack 1 win 64240 <mss 1460,nop,wscale 7> ");
	strbuf_reset(&text);
	packet_print_short(&p, false, &text);
	assert_string_equal(strbuf_str(&text), "S. 0:0(0) ack 1 <mss 1460,nop,wscale 7> ");

	struct packet urg = {
	    .protocol = IPPROTO_TCP,
	    .tcp_flags = TCPF_URG | TCPF_ACK | TCPF_PSH,
	    .seq = 1,
	    .ack = 1,
	    .urg = 5,
	    .payload_len = 10,
	};

	strbuf_reset(&text);
	packet_print_short(&urg, false, &text);
	assert_string_equal(strbuf_str(&text), "P.U 1:11(10) ack 1 ");

	struct packet none = {.protocol = IPPROTO_TCP, .seq = 4294967295u, .payload_len = 2};

	strbuf_reset(&text);
	packet_print_short(&none, false, &text);
	assert_string_equal(strbuf_str(&text), "- 4294967295:1(2) ");
	strbuf_free(&text);
}

/* A malformed packet and the exact error it must produce. */
struct bad_packet {
	const char *name;
	size_t len;
	uint8_t bytes[80];
	const char *error;
};

#define V4(total, proto) 0x45, 0, 0, total, 0, 0, 0x40, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2
#define V6(plen, next) 0x60, 0, 0, 0, 0, plen, next, 64, LO6, LO6

/* One malformed packet per line, with the exact error it must produce. */
/* clang-format off */
static const struct bad_packet bad_packets[] = {
	{ "empty", 0, { 0 }, "truncated IP header: 0 bytes" },
	{ "short v4", 10, { 0x45 }, "truncated IPv4 header: 10 bytes" },
	{ "v4 options cut", 20, { 0x46, 0, 0, 20 }, "truncated IPv4 header: 20 bytes" },
	{ "ihl 4", 20, { 0x44, 0, 0, 20 }, "bad IPv4 header length: 16 bytes" },
	{ "total too big", 20, { V4(40, 6) }, "bad IPv4 total length: 40 in a 20-byte packet" },
	{ "total too small", 40, { V4(19, 6) }, "bad IPv4 total length: 19 in a 40-byte packet" },
	{ "fragment", 40, { 0x45, 0, 0, 40, 0, 0, 0x20, 0, 64, 6 },
	  "IPv4 fragments are not supported (frag field 0x2000)" },
	{ "version 5", 40, { 0x55 }, "unsupported IP version 5" },
	{ "short v6", 39, { 0x60 }, "truncated IPv6 header: 39 bytes" },
	{ "v6 payload", 40, { V6(1, 6) }, "bad IPv6 payload length: 1 in a 40-byte packet" },
	{ "v6 ext cut", 44, { V6(4, 0), 6, 0, 0, 0 }, "truncated IPv6 extension header 0" },
	{ "gre protocol 0", 24, { V4(24, 47) }, "undecodable GRE layer at byte 20" },
	{ "gre cut", 22, { V4(22, 47) }, "undecodable GRE layer at byte 20" },
	{ "mpls no bottom", 24, { V4(24, 137) }, "undecodable MPLS layer at byte 20" },
	{ "ipip cut", 30, { V4(30, 4), [20] = 0x45 }, "undecodable IPv4 layer at byte 20" },
	{ "v6 fragment", 48, { V6(8, 44) }, "unsupported protocol 44" },
	{ "short tcp", 39, { V4(39, 6) }, "truncated TCP header: 19 bytes" },
	{ "doff 4", 40, { V4(40, 6), [32] = 0x40 },
	  "bad TCP data offset: 4 words in a 20-byte segment" },
	{ "doff past end", 40, { V4(40, 6), [32] = 0x60 },
	  "bad TCP data offset: 6 words in a 20-byte segment" },
	{ "option kind", 44, { V4(44, 6), [32] = 0x60, [40] = 99, 2, 1, 1 },
	  "unexpected TCP option kind: 99" },
	{ "option length", 44, { V4(44, 6), [32] = 0x60, [40] = 2, 5, 1, 1 },
	  "bad TCP option length: kind 2 length 5" },
	{ "option overflow", 44, { V4(44, 6), [32] = 0x60, [40] = 1, 8, 10, 1 },
	  "TCP option length overflow: kind 8 length 10 but 3 bytes left" },
	{ "short udp", 27, { V4(27, 17) }, "truncated UDP header: 7 bytes" },
	{ "udp length", 28, { V4(28, 17), [24] = 0, 9 }, "bad UDP length: 9 in a 8-byte datagram" },
	{ "udp length 7", 28, { V4(28, 17), [24] = 0, 7 }, "bad UDP length: 7 in a 8-byte datagram" },
	{ "short icmp", 27, { V4(27, 1) }, "truncated ICMP header: 7 bytes" },
	{ "short icmpv6", 47, { V6(7, 58) }, "truncated ICMP header: 7 bytes" },
};
/* clang-format on */

static void test_decode_errors(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_packets); i++) {
		const struct bad_packet *b = &bad_packets[i];
		struct strbuf err = STRBUF_INIT;
		struct packet p;

		if (packet_decode(b->bytes, b->len, &p, &err) != -1)
			fail_msg("%s: decoded", b->name);
		if (strcmp(strbuf_str(&err), b->error))
			fail_msg("%s: got \"%s\"", b->name, strbuf_str(&err));
		assert_null(p.payload);
		strbuf_free(&err);
	}
}

/* A bad IPv4 header checksum is reported, not rejected. */
static void test_bad_ip_checksum(void **state)
{
	uint8_t bytes[sizeof(syn_v4)];
	struct packet p;

	memcpy(bytes, syn_v4, sizeof(bytes));
	bytes[11] ^= 1;
	decode_ok(bytes, sizeof(bytes), &p);
	assert_false(p.ip_csum_ok);
	packet_free(&p);
}

/* Bytes after the IPv4 total length (link-layer padding) are ignored. */
static void test_trailing_bytes_ignored(void **state)
{
	uint8_t bytes[sizeof(udp_v4) + 6] = {0};
	struct packet p;

	memcpy(bytes, udp_v4, sizeof(udp_v4));
	decode_ok(bytes, sizeof(bytes), &p);
	assert_int_equal(p.payload_len, 5);
	packet_free(&p);
}

static void test_ipv6_extension_headers_skipped(void **state)
{
	uint8_t bytes[sizeof(ack_v6) + 8];
	struct packet p;

	/* Insert an empty hop-by-hop header (PadN) before the TCP header. */
	memcpy(bytes, ack_v6, 40);
	bytes[5] += 8;
	bytes[6] = 0;
	memcpy(bytes + 40, ((uint8_t[]){IPPROTO_TCP, 0, 1, 4, 0, 0, 0, 0}), 8);
	memcpy(bytes + 48, ack_v6 + 40, sizeof(ack_v6) - 40);
	decode_ok(bytes, sizeof(bytes), &p);
	assert_int_equal(p.protocol, IPPROTO_TCP);
	assert_int_equal(p.ip_header_len, 48);
	assert_int_equal(p.ip_total_len, 40);
	assert_int_equal(p.tcp_flags, TCPF_ACK);
	assert_int_equal(p.opts.count, 3);
	packet_free(&p);
}

/* Every prefix and many mutations of every fixture decode or fail cleanly;
 * run under ASan/valgrind this proves no out-of-bounds read. */
static void test_mutations_never_crash(void **state)
{
	uint32_t seed = 7;

	for (size_t i = 0; i < ARRAY_SIZE(fixtures); i++) {
		const struct fixture *f = &fixtures[i];

		for (size_t len = 0; len < f->len; len++) {
			struct strbuf err = STRBUF_INIT;
			struct packet p;
			uint8_t *copy = malloc(len ? len : 1);

			memcpy(copy, f->bytes, len);
			assert_int_equal(packet_decode(copy, len, &p, &err), -1);
			assert_true(err.len > 0);
			free(copy);
			strbuf_free(&err);
		}
		for (int round = 0; round < 2000; round++) {
			struct strbuf err = STRBUF_INIT;
			struct packet p;
			uint8_t *copy = malloc(f->len);

			memcpy(copy, f->bytes, f->len);
			for (int k = 0; k < 3; k++) {
				seed = seed * 1103515245 + 12345;
				copy[(seed >> 8) % f->len] = (uint8_t)(seed >> 20);
			}
			if (packet_decode(copy, f->len, &p, &err) == 0)
				packet_free(&p);
			else
				assert_true(err.len > 0);
			free(copy);
			strbuf_free(&err);
		}
	}
}

static void test_copy_is_deep(void **state)
{
	struct packet a, b;

	decode_ok(data_v6, sizeof(data_v6), &a);
	packet_copy(&b, &a);
	assert_ptr_not_equal(a.payload, b.payload);
	assert_memory_equal(b.payload, "hello", 5);
	assert_int_equal(b.opts.count, a.opts.count);
	packet_free(&a);
	assert_memory_equal(b.payload, "hello", 5);
	packet_free(&b);
	assert_null(b.payload);
	assert_int_equal(b.payload_len, 0);

	struct packet empty = {.protocol = IPPROTO_TCP};

	packet_copy(&b, &empty);
	assert_null(b.payload);
	packet_free(&b);
}

static void test_ip_addr(void **state)
{
	struct ip_addr a, b;
	struct strbuf text = STRBUF_INIT;

	assert_int_equal(ip_addr_parse("192.168.0.1", &a), 0);
	assert_int_equal(a.family, AF_INET);
	assert_memory_equal(a.bytes, ((uint8_t[]){192, 168, 0, 1}), 4);
	assert_int_equal(ip_addr_parse("2001:DB8::0:1", &b), 0);
	assert_int_equal(b.family, AF_INET6);
	assert_false(ip_addr_equal(&a, &b));
	ip_addr_print(&b, &text);
	assert_string_equal(strbuf_str(&text), "2001:db8::1");
	assert_int_equal(ip_addr_parse("2001:db8::1", &a), 0);
	assert_true(ip_addr_equal(&a, &b));
	assert_int_equal(ip_addr_parse("192.168.0.256", &a), -1);
	assert_int_equal(ip_addr_parse("", &a), -1);
	assert_int_equal(ip_addr_parse("::ffff:1.2.3.4", &a), 0);
	assert_int_equal(a.family, AF_INET6);
	strbuf_free(&text);
}

/* One ICMP name lookup: a type name (type < 0) or a code name of that type,
 * and what it must give (-1: not found). */
struct icmp_name_case {
	int ip_version;
	int type;
	const char *name;
	int want;
};

/* clang-format off */
static const struct icmp_name_case icmp_name_cases[] = {
	/* types, per family */
	{ 4, -1, "unreachable", 3 },
	{ 6, -1, "unreachable", 1 },
	{ 6, -1, "packet_too_big", 2 },
	{ 4, -1, "packet_too_big", -1 },
	{ 4, -1, "address_mask_reply", 18 },
	{ 6, -1, "echo_reply", 129 },
	/* type_N, within a byte */
	{ 6, -1, "type_200", 200 },
	{ 6, -1, "type_256", -1 },
	{ 6, -1, "type_", -1 },
	/* codes, from the table of their type */
	{ 4, 3, "frag_needed", 4 },
	{ 4, 3, "precedence_cutoff", 15 },
	{ 6, 1, "frag_needed", -1 },
	{ 6, 1, "no_route", 0 },
	{ 6, 1, "port_unreachable", 4 },
	{ 6, 3, "exceeded_frag_time", 1 },
	{ 6, 4, "unknown_option", 2 },
	{ 4, 11, "host_unreachable", -1 },
	/* code_N, and no code at all */
	{ 4, 11, "code_7", 7 },
	{ 4, 11, NULL, 0 },
};
/* clang-format on */

/* The ICMP name tables: names per family, type_N / code_N, and a code's table per type. */
static void test_icmp_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(icmp_name_cases); i++) {
		const struct icmp_name_case *c = &icmp_name_cases[i];
		int v = -1;
		int rc = c->type < 0 ? icmp_names_type(c->ip_version, c->name, &v)
				     : icmp_names_code(c->ip_version, c->type, c->name, &v);

		if (rc != (c->want < 0 ? -1 : 0) || (c->want >= 0 && v != c->want))
			fail_msg("case %zu (ipv%d type %d '%s'): rc %d value %d, want %d", i,
				 c->ip_version, c->type, c->name ? c->name : "(none)", rc, v,
				 c->want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decode_syn),
	    cmocka_unit_test(test_decode_synack),
	    cmocka_unit_test(test_decode_ipv6_data),
	    cmocka_unit_test(test_decode_udp),
	    cmocka_unit_test(test_decode_icmp),
	    cmocka_unit_test(test_decode_icmpv6),
	    cmocka_unit_test(test_round_trip_and_short_form),
	    cmocka_unit_test(test_encode_synack_from_model),
	    cmocka_unit_test(test_encode_frag_needed_from_model),
	    cmocka_unit_test(test_encode_icmp_on_ipv6),
	    cmocka_unit_test(test_encode_ipv6_header_fields),
	    cmocka_unit_test(test_ae_flag_and_reserved_bits),
	    cmocka_unit_test(test_encode_pads_options),
	    cmocka_unit_test(test_udp_zero_checksum),
	    cmocka_unit_test(test_encode_failures),
	    cmocka_unit_test(test_print_flags),
	    cmocka_unit_test(test_print_short),
	    cmocka_unit_test(test_decode_errors),
	    cmocka_unit_test(test_bad_ip_checksum),
	    cmocka_unit_test(test_trailing_bytes_ignored),
	    cmocka_unit_test(test_ipv6_extension_headers_skipped),
	    cmocka_unit_test(test_mutations_never_crash),
	    cmocka_unit_test(test_copy_is_deep),
	    cmocka_unit_test(test_ip_addr),
	    cmocka_unit_test(test_icmp_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
