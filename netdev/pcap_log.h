/* SPDX-License-Identifier: GPL-2.0-only */
/* pcap_log: collects the packets of a run and writes them to a pcap file (libpcap). */
#ifndef NETDEV_PCAP_LOG_H
#define NETDEV_PCAP_LOG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "parser/util/strbuf.h"

struct pcap_log;

/* Creates the file at once (so a bad path fails before the run). Returns 0 and
 * sets *out, or -1 with a message in err. */
int pcap_log_open(struct pcap_log **out, const char *path, struct strbuf *err)
    __attribute__((warn_unused_result));

/* Keeps a copy of one IP packet with its CLOCK_MONOTONIC kernel timestamp.
 * Has the signature of sniffer_tap_fn (netdev/sniffer.h). */
void pcap_log_add(void *log, const uint8_t *pkt, size_t len, const struct timespec *mono_stamp);

/* Writes the packets in time order with wall-clock timestamps (LINKTYPE_RAW:
 * each record is an IPv4 or IPv6 packet) and frees everything. Returns 0 or -1
 * with a message in err. */
int pcap_log_close(struct pcap_log *log, struct strbuf *err);

#endif
