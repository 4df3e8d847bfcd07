/* SPDX-License-Identifier: GPL-2.0-only */
/* testnet: the test network of a run — tun0, its addresses and route, the sniffer, --pcap. */
#include "runtime/testnet.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netdev/netconf.h"
#include "netdev/pcap_log.h"
#include "runtime/diagram/capture_notes.h"

/* The route's destination must have its host bits clear. */
static struct ip_addr network_of(const struct ip_addr *a, int prefix)
{
	struct ip_addr n = *a;
	int bytes = a->family == AF_INET ? 4 : 16;

	for (int i = 0; i < bytes; i++) {
		int keep = prefix - i * 8;
		n.bytes[i] &= keep >= 8 ? 0xff : keep <= 0 ? 0 : (uint8_t)(0xff << (8 - keep));
	}
	return n;
}

int testnet_setup(struct run *r, struct strbuf *err)
{
	const struct config *c = r->cfg;

	struct ip_addr net = network_of(&c->live_remote, c->remote_prefix);

	r->tun.fd = r->sniffer.fd = -1;
	if (tun_open(&r->tun, "tun0", err))
		return -1;
	/* In our own namespace, let the namespace's end remove tun0: unregistering
	 * it in close() costs 20-50 ms. */
	if (c->netns == NETNS_NEW && tun_set_persist(&r->tun, err))
		return -1;
	if (netconf_link_up(r->tun.ifindex, c->mtu, err) ||
	    netconf_addr_add(r->tun.ifindex, &c->live_local, c->local_prefix, err) ||
	    netconf_route_replace(r->tun.ifindex, &net, c->remote_prefix, &c->live_gateway, err))
		return -1;
	if (sniffer_open(&r->sniffer, r->tun.ifindex, err))
		return -1;
	if (c->pcap) {
		if (pcap_log_open(&r->pcap, c->pcap, err))
			return -1;
		r->sniffer.tap = pcap_log_add;
		r->sniffer.tap_ctx = r->pcap;
	}
	r->testnet_ready = true;
	return 0;
}

void testnet_teardown(struct run *r)
{
	if (r->pcap) {
		struct strbuf err = STRBUF_INIT;
		sniffer_drain(&r->sniffer);
		if (pcap_log_close(r->pcap, r->rec ? capture_note : NULL, r, &err)) {
			fprintf(stderr, "%s: error: %s\n", r->script->path, strbuf_str(&err));
			r->output_failed = true;
		}
		strbuf_free(&err);
		r->pcap = NULL;
	}
	if (r->tun.fd >= 0)
		tun_close(&r->tun);
	if (r->cfg->netns == NETNS_NEW)
		sniffer_close_detached(&r->sniffer);
	else
		sniffer_close(&r->sniffer);
	r->testnet_ready = false;
}
