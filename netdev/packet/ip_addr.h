/* SPDX-License-Identifier: GPL-2.0-only */
/* ip_addr: an IPv4 or IPv6 address, printed, parsed and compared. */
#ifndef PACKET_IP_ADDR_H
#define PACKET_IP_ADDR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "parser/util/strbuf.h"

/* An address of either family; family is AF_INET or AF_INET6. */
struct ip_addr {
	int family;
	union {
		struct in_addr v4;
		struct in6_addr v6;
		uint8_t bytes[16];
	};
};

/* Appends an address in its usual text form. */
void ip_addr_print(const struct ip_addr *a, struct strbuf *out);

/* Parses "a.b.c.d" or an IPv6 text address. Returns 0 or -1. */
int ip_addr_parse(const char *text, struct ip_addr *a);

bool ip_addr_equal(const struct ip_addr *a, const struct ip_addr *b);

#endif
