/* SPDX-License-Identifier: GPL-2.0-only */
/* test_checksum: unit tests for the Internet checksum and the L4 pseudo-header sum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "netdev/packet/checksum.h"

/* Reads a checksum as the two bytes it would occupy on the wire. */
static uint16_t wire16(uint16_t csum)
{
	uint8_t b[2];

	memcpy(b, &csum, 2);
	return (uint16_t)(b[0] << 8 | b[1]);
}

/* The worked example of RFC 1071 section 3: the sum is 0xddf2. */
static void test_rfc1071_example(void **state)
{
	static const uint8_t data[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};

	assert_int_equal(wire16(checksum_ip(data, sizeof(data))), 0x220d);
}

static void test_odd_length_pads_with_zero(void **state)
{
	static const uint8_t data[] = {0x01, 0x02, 0x03};

	/* 0x0102 + 0x0300 = 0x0402 */
	assert_int_equal(wire16(checksum_ip(data, sizeof(data))), 0xfbfd);
}

static void test_empty(void **state)
{
	assert_int_equal(wire16(checksum_ip("", 0)), 0xffff);
}

/* A straightforward reference: 64-bit sum of big-endian words, folded at the end. */
static uint16_t reference_checksum(const uint8_t *p, size_t len)
{
	uint64_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint64_t)(p[i] << 8 | p[i + 1]);
	if (len % 2)
		sum += (uint64_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void test_large_buffers_match_reference(void **state)
{
	static uint8_t data[300001];
	uint32_t seed = 12345;

	for (size_t i = 0; i < sizeof(data); i++) {
		seed = seed * 1103515245 + 12345;
		data[i] = (uint8_t)(seed >> 16);
	}
	assert_int_equal(wire16(checksum_ip(data, sizeof(data))),
			 reference_checksum(data, sizeof(data)));
	assert_int_equal(wire16(checksum_ip(data, 65536)), reference_checksum(data, 65536));
	memset(data, 0xff, sizeof(data));
	/* 0xffff is one's-complement zero: only the final 0xff00 counts. */
	assert_int_equal(wire16(checksum_ip(data, sizeof(data))), 0x00ff);
}

/* The byte arrays keep one header field group per line with its annotation. */
/* clang-format off */

/* The IPv4 header of a SYN captured from Linux on lo. */
static const uint8_t syn_ip_header[] = {
	0x45, 0x00, 0x00, 0x3c,	/* version 4, IHL 5, tos 0, total length 60 */
	0x33, 0x8d, 0x40, 0x00,	/* id 0x338d, DF */
	0x40, 0x06, 0x09, 0x2d,	/* ttl 64, TCP, checksum 0x092d */
	0x7f, 0x00, 0x00, 0x01,	/* src 127.0.0.1 */
	0x7f, 0x00, 0x00, 0x01,	/* dst 127.0.0.1 */
};

/* That SYN's TCP segment; checksum 0x77e7 computed independently. */
static const uint8_t syn_tcp[] = {
	0x82, 0x64, 0x93, 0x4f,	/* sport 33380, dport 37711 */
	0xab, 0x5e, 0xce, 0xb0,	/* seq */
	0x00, 0x00, 0x00, 0x00,	/* ack */
	0xa0, 0x02, 0xff, 0xd7,	/* doff 10, SYN, win 65495 */
	0x77, 0xe7, 0x00, 0x00,	/* checksum, urg */
	0x02, 0x04, 0xff, 0xd7, 0x04, 0x02, 0x08, 0x0a, 0x14, 0xb8, /* options */
	0x33, 0x9c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x0a,
};

/* An IPv6 data segment ("hello") captured on lo; checksum 0x2489. */
static const uint8_t v6_data_tcp[] = {
	0xb9, 0x27, 0xd8, 0x4e,	/* sport 47399, dport 55374 */
	0x68, 0x06, 0x74, 0xaa,	/* seq */
	0x16, 0x18, 0x43, 0x02,	/* ack */
	0x80, 0x18, 0x00, 0x40,	/* doff 8, PSH|ACK, win 64 */
	0x24, 0x89, 0x00, 0x00,	/* checksum, urg */
	0x01, 0x01, 0x08, 0x0a, 0x61, 0xec, 0x33, 0xd6, 0x93, 0x83, 0x1d, 0x8c, /* options */
	'h', 'e', 'l', 'l', 'o',
};

/* clang-format on */

static void test_ipv4_header_verifies_to_zero(void **state)
{
	uint8_t hdr[sizeof(syn_ip_header)];

	assert_int_equal(checksum_ip(syn_ip_header, sizeof(syn_ip_header)), 0);
	memcpy(hdr, syn_ip_header, sizeof(hdr));
	hdr[10] = hdr[11] = 0;
	assert_int_equal(wire16(checksum_ip(hdr, sizeof(hdr))), 0x092d);
}

static void set_addr(struct ip_addr *a, int family, const uint8_t *bytes)
{
	memset(a, 0, sizeof(*a));
	a->family = family;
	memcpy(a->bytes, bytes, family == AF_INET6 ? 16 : 4);
}

static void test_l4_ipv4(void **state)
{
	static const uint8_t lo[4] = {127, 0, 0, 1};
	struct ip_addr src, dst;
	uint8_t seg[sizeof(syn_tcp)];

	set_addr(&src, AF_INET, lo);
	set_addr(&dst, AF_INET, lo);
	assert_int_equal(checksum_l4(&src, &dst, IPPROTO_TCP, syn_tcp, sizeof(syn_tcp)), 0);
	memcpy(seg, syn_tcp, sizeof(seg));
	seg[16] = seg[17] = 0;
	assert_int_equal(wire16(checksum_l4(&src, &dst, IPPROTO_TCP, seg, sizeof(seg))), 0x77e7);
}

static void test_l4_ipv6_odd_length(void **state)
{
	struct ip_addr lo6;
	uint8_t seg[sizeof(v6_data_tcp)];

	memset(&lo6, 0, sizeof(lo6));
	lo6.family = AF_INET6;
	lo6.bytes[15] = 1;
	assert_int_equal(checksum_l4(&lo6, &lo6, IPPROTO_TCP, v6_data_tcp, sizeof(seg)), 0);
	memcpy(seg, v6_data_tcp, sizeof(seg));
	seg[16] = seg[17] = 0;
	assert_int_equal(wire16(checksum_l4(&lo6, &lo6, IPPROTO_TCP, seg, sizeof(seg))), 0x2489);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rfc1071_example),
	    cmocka_unit_test(test_odd_length_pads_with_zero),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_large_buffers_match_reference),
	    cmocka_unit_test(test_ipv4_header_verifies_to_zero),
	    cmocka_unit_test(test_l4_ipv4),
	    cmocka_unit_test(test_l4_ipv6_odd_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
