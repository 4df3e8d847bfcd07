/* SPDX-License-Identifier: GPL-2.0-only */
/* sniffer: reads the packets the kernel transmits on one interface, with kernel timestamps. */
#ifndef NETDEV_SNIFFER_H
#define NETDEV_SNIFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "parser/util/strbuf.h"

/* Sees every packet the sniffer reads on its interface, in either direction,
 * before the outgoing-only filter (for a capture file). mono_stamp is the
 * kernel timestamp on CLOCK_MONOTONIC; len is at most the read buffer;
 * outgoing: the kernel sent it (else it was injected). */
typedef void sniffer_tap_fn(void *ctx, const uint8_t *pkt, size_t len,
			    const struct timespec *mono_stamp, bool outgoing);

struct sniffer {
	int fd; /* AF_PACKET socket bound to the interface, non-blocking */
	int ifindex;
	sniffer_tap_fn *tap; /* optional */
	void *tap_ctx;
};

/* Opens an AF_PACKET/SOCK_DGRAM socket on ifindex (ETH_P_ALL), receive buffer
 * 2 MiB, with kernel receive timestamps (SO_TIMESTAMPNS). Returns 0 or -errno
 * with a message in err. */
int sniffer_open(struct sniffer *s, int ifindex, struct strbuf *err)
    __attribute__((warn_unused_result));

/* Waits until deadline (CLOCK_MONOTONIC, absolute; NULL = forever) for the next
 * packet the kernel sent out (PACKET_OUTGOING; inbound copies are skipped).
 * Copies up to cap bytes of the IP packet into buf and sets *len to its full
 * length, *stamp to the kernel timestamp converted to CLOCK_MONOTONIC.
 * Returns 1 on a packet, 0 on timeout, -errno on error (-EINTR if interrupted). */
int sniffer_next(struct sniffer *s, uint8_t *buf, size_t cap, size_t *len, struct timespec *stamp,
		 const struct timespec *deadline);

/* Reads (and shows to the tap) everything already queued, without waiting. */
void sniffer_drain(struct sniffer *s);

void sniffer_close(struct sniffer *s);

/* Like sniffer_close(), but the kernel's side of closing an AF_PACKET socket
 * (packet_release() waits for an RCU grace period: 5-15 ms, most of a trivial
 * run's wall time) is left to a short-lived child, which holds nothing else
 * and ends by itself a grace period later. Only for a socket in a namespace
 * of our own, where nothing else can see it go: the run's end is not held up
 * by it. Falls back to sniffer_close() if fork() fails. */
void sniffer_close_detached(struct sniffer *s);

/* Keeps the kernel's (global, not per-namespace) receive-timestamp switch on
 * for the life of this process by holding one socket with SO_TIMESTAMPNS.
 * Flipping the switch patches kernel code and costs ~1 ms each way, in
 * sniffer_open() and again when the sniffer is closed, unless some socket on
 * the host already keeps it on. A runner that forks one child per script calls
 * this once before forking. Idempotent. Returns 0 or -errno with a message in
 * err. */
int sniffer_hold_timestamping(struct strbuf *err) __attribute__((warn_unused_result));

#endif
