/* SPDX-License-Identifier: GPL-2.0-only */
/* packet_dump: the two packets of a failed check, one above the other. */
#ifndef RUNTIME_TRAFFIC_PACKET_DUMP_H
#define RUNTIME_TRAFFIC_PACKET_DUMP_H

#include <stdint.h>

#include "netdev/packet/packet.h"
#include "parser/script.h"
#include "parser/util/strbuf.h"

/* Appends the failure dump: "script packet: ..." and "actual packet: ..." with
 * their fields in aligned columns, a line of ^^^ under the field the error
 * message names, and how early or late the packet came. */
void packet_dump(const struct pkt_spec *spec, const struct packet *script, int64_t script_t,
		 const struct packet *live, int64_t live_t, const char *error, struct strbuf *out);

#endif
