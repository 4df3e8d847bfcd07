/* SPDX-License-Identifier: GPL-2.0-only */
/* tun: the TUN device the scripts talk through (tun0, no PI, vnet header, TSO offloads). */
#include "netdev/tun.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/if_tun.h>
#include <linux/virtio_net.h>

/* Fails with -errno and "cannot <what> tun device NAME: reason". */
static int tun_fail(struct tun *t, const char *what, const char *name, struct strbuf *err)
{
	int e = errno;

	strbuf_printf(err, "cannot %s tun device \"%s\": %s", what, name, strerror(e));
	tun_close(t);
	return -e;
}

int tun_open(struct tun *t, const char *name, struct strbuf *err)
{
	struct ifreq ifr;
	unsigned int offloads = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;

	memset(t, 0, sizeof(*t));
	t->fd = -1;
	if (!name || !name[0] || strlen(name) >= sizeof(ifr.ifr_name)) {
		strbuf_printf(err, "invalid tun device name \"%s\"", name ? name : "(null)");
		return -EINVAL;
	}
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, name);
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI | IFF_VNET_HDR;
	t->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (t->fd < 0)
		return tun_fail(t, "open /dev/net/tun for", name, err);
	if (ioctl(t->fd, TUNSETIFF, &ifr) < 0)
		return tun_fail(t, "create", name, err);
	if (ioctl(t->fd, TUNSETOFFLOAD, offloads) < 0)
		return tun_fail(t, "set offloads on", name, err);
	strcpy(t->name, ifr.ifr_name);
	t->ifindex = (int)if_nametoindex(t->name);
	if (t->ifindex == 0)
		return tun_fail(t, "find the index of", name, err);
	return 0;
}

/* Fills a GSO header if the packet is TCP (the packet layer has computed the
 * full TCP checksum, so no NEEDS_CSUM: the kernel just has to trust it). */
static void tun_gso_header(struct virtio_net_hdr *vh, const uint8_t *ip, size_t len,
			   uint16_t gso_size)
{
	size_t ip_len;
	uint8_t proto;

	if (len < 1)
		return;
	if (ip[0] >> 4 == 4 && len >= 20) {
		ip_len = (size_t)(ip[0] & 0x0f) * 4;
		proto = ip[9];
		vh->gso_type = VIRTIO_NET_HDR_GSO_TCPV4;
	} else if (ip[0] >> 4 == 6 && len >= 40) {
		ip_len = 40;
		proto = ip[6];
		vh->gso_type = VIRTIO_NET_HDR_GSO_TCPV6;
	} else {
		return;
	}
	if (proto != IPPROTO_TCP || len < ip_len + 20) {
		vh->gso_type = VIRTIO_NET_HDR_GSO_NONE;
		return;
	}
	if (ip[ip_len + 13] & 0x80) /* CWR: the kernel must keep it on the first segment only */
		vh->gso_type |= VIRTIO_NET_HDR_GSO_ECN;
	vh->gso_size = gso_size;
	/* hdr_len stays 0, as packetdrill leaves it: tun copies hdr_len bytes
	 * into the skb's linear part, which changes its truesize and so the
	 * receive buffer's accounting and the window the kernel advertises. */
}

int tun_write(struct tun *t, const uint8_t *ip_packet, size_t len, uint16_t gso_size)
{
	struct virtio_net_hdr vh;
	struct iovec iov[2];
	ssize_t n;

	memset(&vh, 0, sizeof(vh));
	if (gso_size > 0)
		tun_gso_header(&vh, ip_packet, len, gso_size);
	iov[0].iov_base = &vh;
	iov[0].iov_len = sizeof(vh);
	iov[1].iov_base = (void *)ip_packet;
	iov[1].iov_len = len;
	do
		n = writev(t->fd, iov, 2);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == sizeof(vh) + len ? 0 : -EIO;
}

void tun_drain(struct tun *t)
{
	/* Large enough for a 64 KiB GSO packet: a short buffer makes the read
	 * fail (the packet is dropped all the same, but let's be tidy). */
	uint8_t buf[65536 + sizeof(struct virtio_net_hdr)];
	ssize_t n;

	for (;;) {
		n = read(t->fd, buf, sizeof(buf));
		if (n > 0 || (n < 0 && (errno == EINTR || errno == EFAULT)))
			continue;
		break;
	}
}

int tun_set_persist(struct tun *t, struct strbuf *err)
{
	if (ioctl(t->fd, TUNSETPERSIST, 1UL) < 0) {
		int e = errno;

		strbuf_printf(err, "cannot make tun device \"%s\" persistent: %s", t->name,
			      strerror(e));
		return -e;
	}
	return 0;
}

void tun_close(struct tun *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
}
