/* SPDX-License-Identifier: GPL-2.0-only */
/* checksum: the Internet checksum (RFC 1071) and the TCP/UDP/ICMPv6 pseudo-header sum. */
#include "netdev/packet/checksum.h"

#include <arpa/inet.h>

/* Adds len bytes as big-endian 16-bit words to sum; an odd last byte is
 * padded with a zero byte, as RFC 1071 says. */
static uint32_t checksum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;

	for (; len >= 2; p += 2, len -= 2)
		sum += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		sum += (uint32_t)(p[0] << 8);
	return sum;
}

/* Folds the carries back in, complements, and returns network order. */
static uint16_t checksum_finish(uint64_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

/* Sums len bytes in chunks so that a 32-bit accumulator never overflows. */
static uint64_t checksum_add_long(uint64_t sum, const uint8_t *p, size_t len)
{
	const size_t chunk = 65536;

	while (len > chunk) {
		sum += checksum_add(0, p, chunk);
		p += chunk;
		len -= chunk;
	}
	return sum + checksum_add(0, p, len);
}

uint16_t checksum_ip(const void *data, size_t len)
{
	return checksum_finish(checksum_add_long(0, data, len));
}

uint16_t checksum_l4(const struct ip_addr *src, const struct ip_addr *dst, uint8_t protocol,
		     const void *segment, size_t len)
{
	size_t alen = src->family == AF_INET6 ? 16 : 4;
	uint64_t sum = 0;

	/* The IPv4 and IPv6 pseudo-headers differ only in address size and in
	 * the width of the length field, which does not change the word sum. */
	sum = checksum_add((uint32_t)sum, src->bytes, alen);
	sum = checksum_add((uint32_t)sum, dst->bytes, alen);
	sum += protocol;
	sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff);
	return checksum_finish(checksum_add_long(sum, segment, len));
}
