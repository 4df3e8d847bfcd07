/* SPDX-License-Identifier: GPL-2.0-only */
/* pcap_summary: prints one line per TCP packet of a pcap file (direction seen
 * from the peer address given, TCP flags and sequence), then the number of TCP
 * packets and whether timestamps never go backwards: the reader side of the
 * --pcap tests. Other packets (IPv6 neighbour discovery, MLD) come and go with
 * the kernel's own timing and are only counted as "other". */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "netdev/packet/packet.h"

static void print_packet(const struct packet *p, const struct ip_addr *peer)
{
	struct strbuf sb = STRBUF_INIT;

	packet_print_flags(p->tcp_flags, &sb);
	printf("%s %s %u(%u)\n", ip_addr_equal(&p->src, peer) ? "in " : "out", strbuf_str(&sb),
	       p->seq, p->payload_len);
	strbuf_free(&sb);
}

int main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct ip_addr peer;

	if (argc != 3 || ip_addr_parse(argv[2], &peer)) {
		fprintf(stderr, "usage: pcap_summary FILE PEER_ADDRESS\n");
		return 2;
	}
	pcap_t *pc =
	    pcap_open_offline_with_tstamp_precision(argv[1], PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (!pc) {
		fprintf(stderr, "pcap_summary: %s\n", errbuf);
		return 1;
	}
	struct pcap_pkthdr *h;
	const u_char *data;
	long long last = 0;
	int n = 0, other = 0, backwards = 0;
	while (pcap_next_ex(pc, &h, &data) == 1) {
		struct packet p = {0};
		struct strbuf err = STRBUF_INIT;
		long long t = (long long)h->ts.tv_sec * 1000000000 + h->ts.tv_usec;
		backwards += t < last;
		last = t;
		if (!packet_decode(data, h->caplen, &p, &err) && p.protocol == IPPROTO_TCP) {
			print_packet(&p, &peer);
			n++;
		} else {
			other++;
		}
		packet_free(&p);
		strbuf_free(&err);
	}
	printf("%d TCP packets, link type %d, timestamps %s\n", n, pcap_datalink(pc),
	       backwards ? "go BACKWARDS" : "increase");
	pcap_close(pc);
	return 0;
}
