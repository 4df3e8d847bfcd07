/* SPDX-License-Identifier: GPL-2.0-only */
/* icmp_names: ICMP and ICMPv6 type and code names as scripts write them, and their numbers. */
#ifndef PACKET_ICMP_NAMES_H
#define PACKET_ICMP_NAMES_H

/* The type named name in the wire family ip_version (6 for ICMPv6, anything
 * else ICMPv4): a table name ("unreachable", "packet_too_big", ...) or
 * "type_N" for any N in 0..255. Returns 0 and sets *type, or -1 if the name is
 * unknown or NULL. */
int icmp_names_type(int ip_version, const char *name, int *type);

/* The code named name for type in the wire family ip_version: a name from that
 * type's table ("frag_needed", "no_route", ...) or "code_N" for any N in
 * 0..255; a NULL name is code 0. Returns 0 and sets *code, or -1 if the name is
 * unknown (every name but code_N is, for a type without a table). */
int icmp_names_code(int ip_version, int type, const char *name, int *code);

#endif
