/* SPDX-License-Identifier: GPL-2.0-only */
/* icmp_names: the ICMP and ICMPv6 type and code name tables and their lookups. */
#include "netdev/packet/icmp_names.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct icmp_name {
	const char *name;
	int value;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct icmp_name icmp4_types[] = {
    {"echo_reply", 0},		{"unreachable", 3},
    {"source_quench", 4},	{"redirect", 5},
    {"echo_request", 8},	{"time_exceeded", 11},
    {"parameter_problem", 12},	{"timestamp_request", 13},
    {"timestamp_reply", 14},	{"information_request", 15},
    {"information_reply", 16},	{"address_mask_request", 17},
    {"address_mask_reply", 18},
};

static const struct icmp_name icmp4_unreachable_codes[] = {
    {"net_unreachable", 0},
    {"host_unreachable", 1},
    {"protocol_unreachable", 2},
    {"port_unreachable", 3},
    {"frag_needed", 4},
    {"source_route_failed", 5},
    {"net_unknown", 6},
    {"host_unknown", 7},
    {"source_host_isolated", 8},
    {"net_prohibited", 9},
    {"host_prohibited", 10},
    {"net_unreachable_for_tos", 11},
    {"host_unreachable_for_tos", 12},
    {"packet_filtered", 13},
    {"precedence_violation", 14},
    {"precedence_cutoff", 15},
};

static const struct icmp_name icmp6_types[] = {
    {"unreachable", 1},	      {"packet_too_big", 2}, {"time_exceeded", 3},
    {"parameter_problem", 4}, {"echo_request", 128}, {"echo_reply", 129},
};

static const struct icmp_name icmp6_unreachable_codes[] = {
    {"net_unreachable", 0},	{"no_route", 0},
    {"admin_prohibited", 1},	{"not_neighbour", 2},
    {"address_unreachable", 3}, {"port_unreachable", 4},
};

static const struct icmp_name icmp6_time_exceeded_codes[] = {
    {"exceeded_hop_limit", 0},
    {"exceeded_frag_time", 1},
};

static const struct icmp_name icmp6_parameter_codes[] = {
    {"header_field", 0},
    {"unknown_next_header", 1},
    {"unknown_option", 2},
};

/* Which code names exist for which (family, type). */
static const struct icmp_code_table {
	int ip_version;
	int type;
	const struct icmp_name *codes;
	size_t n;
} icmp_code_tables[] = {
    {4, 3, icmp4_unreachable_codes, N(icmp4_unreachable_codes)},
    {6, 1, icmp6_unreachable_codes, N(icmp6_unreachable_codes)},
    {6, 3, icmp6_time_exceeded_codes, N(icmp6_time_exceeded_codes)},
    {6, 4, icmp6_parameter_codes, N(icmp6_parameter_codes)},
};

static int table_lookup(const struct icmp_name *t, size_t n, const char *name, int *value)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(t[i].name, name)) {
			*value = t[i].value;
			return 0;
		}
	}
	return -1;
}

/* "type_N" / "code_N" with N a decimal number 0..255. */
static int numbered_name(const char *prefix, const char *name, int *value)
{
	size_t n = strlen(prefix);
	char *end = NULL;
	long v;

	if (strncmp(name, prefix, n) || name[n] < '0' || name[n] > '9')
		return -1;
	v = strtol(name + n, &end, 10);
	if (*end || v > 255)
		return -1;
	*value = (int)v;
	return 0;
}

int icmp_names_type(int ip_version, const char *name, int *type)
{
	if (!name)
		return -1;
	if (!numbered_name("type_", name, type))
		return 0;
	if (ip_version == 6)
		return table_lookup(icmp6_types, N(icmp6_types), name, type);
	return table_lookup(icmp4_types, N(icmp4_types), name, type);
}

int icmp_names_code(int ip_version, int type, const char *name, int *code)
{
	if (!name) {
		*code = 0;
		return 0;
	}
	if (!numbered_name("code_", name, code))
		return 0;
	for (size_t i = 0; i < N(icmp_code_tables); i++) {
		const struct icmp_code_table *t = &icmp_code_tables[i];

		if (t->ip_version == (ip_version == 6 ? 6 : 4) && t->type == type)
			return table_lookup(t->codes, t->n, name, code);
	}
	return -1;
}
