/* SPDX-License-Identifier: GPL-2.0-only */
/* pcap_log: collects the packets of a run and writes them to a capture file:
 * classic pcap (libpcap), or pcapng with a comment on each packet. */
#ifndef NETDEV_PCAP_LOG_H
#define NETDEV_PCAP_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "parser/util/strbuf.h"

struct pcap_log;

/* Creates the file at once (so a bad path fails before the run): a name
 * ending in .pcapng is written as pcapng (netdev/pcapng.h), any other as
 * classic pcap. Returns 0 and sets *out, or -1 with a message in err. */
int pcap_log_open(struct pcap_log **out, const char *path, struct strbuf *err)
    __attribute__((warn_unused_result));

/* Keeps a copy of one IP packet with its CLOCK_MONOTONIC kernel timestamp and
 * its direction. Has the signature of sniffer_tap_fn (netdev/sniffer.h). */
void pcap_log_add(void *log, const uint8_t *pkt, size_t len, const struct timespec *mono_stamp,
		  bool outgoing);

/* A packet's comment in a pcapng file, given its bytes, kernel timestamp
 * (CLOCK_MONOTONIC ns) and direction: a malloc'd UTF-8 string (the writer
 * frees it), or NULL for none. Called once per packet, in time order. */
typedef char *pcap_log_note_fn(void *ctx, const uint8_t *pkt, size_t len, int64_t mono_ns,
			       bool outgoing);

/* Writes the packets in time order with wall-clock timestamps (LINKTYPE_RAW:
 * each record is an IPv4 or IPv6 packet) and frees everything; a pcapng file
 * gets each packet's comment from note (NULL: none). Returns 0 or -1 with a
 * message in err (and the file removed). */
int pcap_log_close(struct pcap_log *log, pcap_log_note_fn *note, void *ctx, struct strbuf *err);

#endif
