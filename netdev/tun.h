/* SPDX-License-Identifier: GPL-2.0-only */
/* tun: the TUN device the scripts talk through (tun0, no PI, vnet header, TSO offloads). */
#ifndef NETDEV_TUN_H
#define NETDEV_TUN_H

#include <stddef.h>
#include <stdint.h>

#include "parser/util/strbuf.h"

struct tun {
	int fd; /* /dev/net/tun, non-blocking */
	int ifindex;
	char name[16];
};

/* Creates the device with IFF_TUN|IFF_NO_PI|IFF_VNET_HDR under the given name
 * ("tun0"), sets TUN_F_CSUM|TUN_F_TSO4|TUN_F_TSO6|TUN_F_TSO_ECN offloads. The
 * link is left down. Returns 0 or -errno with a message in err. */
int tun_open(struct tun *t, const char *name, struct strbuf *err)
    __attribute__((warn_unused_result));

/* Injects one IP packet, preceded by a virtio-net header: all zero, or, when
 * gso_size > 0 and the packet is TCP, a GSO TCPV4/TCPV6 header with that
 * gso_size. Returns 0 or -errno. */
int tun_write(struct tun *t, const uint8_t *ip_packet, size_t len, uint16_t gso_size)
    __attribute__((warn_unused_result));

/* Reads and discards whatever the kernel queued for transmission on the
 * device, so its queue never fills (nothing is parsed). */
void tun_drain(struct tun *t);

/* Makes the device outlive its file descriptor (TUNSETPERSIST). Closing a
 * non-persistent TUN device unregisters it on the spot, which costs 20-50 ms
 * in close() or at process exit; a persistent one is removed instead when its
 * network namespace dies, by the kernel, after the process is gone. Use it
 * ONLY for a device in a namespace of the process's own (netns_enter_new()),
 * or the device stays behind. Returns 0 or -errno with a message in err. */
int tun_set_persist(struct tun *t, struct strbuf *err) __attribute__((warn_unused_result));

void tun_close(struct tun *t);

#endif
