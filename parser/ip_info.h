/* SPDX-License-Identifier: GPL-2.0-only */
/* ip_info: the IP header fields a script may set on a packet or an outer IP layer (ECN, TOS,
 * TTL, flow label). */
#ifndef PARSER_IP_INFO_H
#define PARSER_IP_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include "parser/num_tok.h"

struct diag;

/* ECN codepoint requests; ECN_01 means "ect0 or ect1" (outbound only). */
enum pkt_ecn { ECN_NONE = -1, ECN_NOECN = 0, ECN_ECT1 = 1, ECN_ECT0 = 2, ECN_CE = 3, ECN_01 = 4 };

struct ip_info {
	int ecn; /* enum pkt_ecn */
	bool has_tos;
	uint8_t tos;
	bool has_flowlabel;
	uint32_t flowlabel;
	bool has_ttl;
	uint8_t ttl;
};

/* Values for the grammar's (...) / [...] after the direction or an outer
 * "ipv4"/"ipv6". They own nothing. A value out of range is reported through d
 * at its token and truncated. */

/* Nothing set: ECN_NONE, no TOS, TTL or flow label. */
struct ip_info ip_info_none(void);
struct ip_info ip_info_ecn(enum pkt_ecn ecn);
struct ip_info ip_info_tos(struct diag *d, const struct num_tok *tos);
struct ip_info ip_info_ttl(struct diag *d, const struct num_tok *ttl);
/* ip with a flow label added. */
struct ip_info ip_info_flowlabel(struct diag *d, struct ip_info ip, const struct num_tok *fl);

#endif
