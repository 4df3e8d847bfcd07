/* SPDX-License-Identifier: GPL-2.0-only */
/* ip_info: constructors of the IP header fields a script sets (ECN, TOS, TTL, flow label). */
#include "parser/ip_info.h"

struct ip_info ip_info_none(void)
{
	struct ip_info ip = {.ecn = ECN_NONE};

	return ip;
}

struct ip_info ip_info_ecn(enum pkt_ecn ecn)
{
	struct ip_info ip = {.ecn = ecn};

	return ip;
}

struct ip_info ip_info_tos(struct diag *d, const struct num_tok *tos)
{
	struct ip_info ip = {.ecn = ECN_NONE, .has_tos = true};

	ip.tos = (uint8_t)num_tok_range(d, tos, 0, 0xff, "TOS value out of range");
	return ip;
}

struct ip_info ip_info_ttl(struct diag *d, const struct num_tok *ttl)
{
	struct ip_info ip = {.ecn = ECN_NONE, .has_ttl = true};

	ip.ttl = (uint8_t)num_tok_range(d, ttl, 0, 255, "TTL value out of range");
	return ip;
}

struct ip_info ip_info_flowlabel(struct diag *d, struct ip_info ip, const struct num_tok *fl)
{
	ip.has_flowlabel = true;
	ip.flowlabel = (uint32_t)num_tok_range(d, fl, 0, 0xfffff, "flowlabel value out of range");
	return ip;
}
