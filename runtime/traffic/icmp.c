/* SPDX-License-Identifier: GPL-2.0-only */
/* icmp: builds an inbound ICMP/ICMPv6 error or echo message with its quoted packet (spec §5.7). */
#include "runtime/traffic/icmp.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util/xalloc.h"

/* The packet the kernel is told about: the socket's outbound tuple, TCP with
 * the echoed sequence (mapped like an ack) or UDP of the echoed length. */
static void inner_packet(const struct config *cfg, const struct conn *s,
			 const struct pkt_spec *spec, struct packet *in)
{
	memset(in, 0, sizeof(*in));
	in->ip_version = (uint8_t)cfg->wire_version;
	in->ttl = PACKET_TTL_UNSET;
	in->src = s->local_ip;
	in->dst = s->remote_ip;
	in->sport = s->local_port;
	in->dport = s->remote_port;
	in->protocol = spec->echoed == ICMP_ECHOED_UDP ? IPPROTO_UDP : IPPROTO_TCP;
	in->payload_len = spec->echoed_len;
	if (in->protocol == IPPROTO_TCP)
		in->seq = spec->echoed_start + s->live_local_isn;
}

static int quote(const struct config *cfg, const struct conn *s, const struct pkt_spec *spec,
		 struct packet *p, struct strbuf *err)
{
	static uint8_t buf[65536 + 128];
	struct packet in;

	if (spec->echoed == ICMP_ECHOED_RAW) {
		/* [raw (N)]: the whole ICMP message is N bytes of zeros */
		p->payload_len = spec->echoed_len > 8 ? spec->echoed_len - 8u : 0;
		p->payload = p->payload_len ? xcalloc(1, p->payload_len) : NULL;
		return 0;
	}
	inner_packet(cfg, s, spec, &in);
	int len = packet_encode(&in, buf, sizeof(buf));
	if (len < 0) {
		strbuf_printf(err, "ICMP quoted packet too large");
		return -1;
	}
	/* RFC 792: the IP header plus the first 8 bytes of the transport header */
	p->payload_len = (cfg->wire_version == 4 ? 20 : 40) + 8;
	p->payload = xmalloc(p->payload_len);
	memcpy(p->payload, buf, p->payload_len);
	return 0;
}

int icmp_build(const struct config *cfg, const struct conn *s, const struct pkt_spec *spec,
	       struct packet *p, struct strbuf *err)
{
	if (spec->has_mtu)
		p->icmp_rest = cfg->wire_version == 4 ? spec->mtu & 0xffff : spec->mtu;
	if (spec->has_icmp_echo_id)
		p->icmp_rest = (uint32_t)spec->icmp_echo_id << 16;
	return quote(cfg, s, spec, p, err);
}
