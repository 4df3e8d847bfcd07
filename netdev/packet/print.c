/* SPDX-License-Identifier: GPL-2.0-only */
/* print: a packet's script-style short form, as shown in failure dumps and traces. */
#include "netdev/packet/packet.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Flag letters in tcpdump 4.1.1 order; "." is ACK. */
static const struct {
	uint16_t bit;
	char letter;
} flag_letters[] = {
    {TCPF_FIN, 'F'}, {TCPF_SYN, 'S'}, {TCPF_RST, 'R'}, {TCPF_PSH, 'P'}, {TCPF_ACK, '.'},
    {TCPF_URG, 'U'}, {TCPF_ECE, 'E'}, {TCPF_CWR, 'W'}, {TCPF_AE, 'A'},
};

void packet_print_flags(uint16_t flags, struct strbuf *out)
{
	char text[ARRAY_SIZE(flag_letters)];
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(flag_letters); i++) {
		if (flags & flag_letters[i].bit)
			text[n++] = flag_letters[i].letter;
	}
	if (!n)
		text[n++] = '-'; /* how a script writes "no flags" */
	strbuf_append(out, text, n);
}

static void print_tcp(const struct packet *p, bool show_win, struct strbuf *out)
{
	packet_print_flags(p->tcp_flags, out);
	strbuf_printf(out, " %u:%u(%u) ", p->seq, p->seq + p->payload_len, p->payload_len);
	if (p->tcp_flags & TCPF_ACK)
		strbuf_printf(out, "ack %u ", p->ack);
	if (show_win)
		strbuf_printf(out, "win %u ", p->win);
	if (p->opts.count) {
		tcp_options_print(&p->opts, out);
		strbuf_append(out, " ", 1);
	}
}

void packet_print_outer(const struct outer_stack *st, struct strbuf *out)
{
	for (int i = 0; i < st->n; i++) {
		const struct outer_hdr *h = &st->hdr[i];
		if (h->type == OUTER_GRE) {
			strbuf_printf(out, "gre: ");
			continue;
		}
		if (h->type == OUTER_MPLS) {
			strbuf_printf(out, "mpls");
			for (int e = 0; e < h->n_mpls; e++)
				strbuf_printf(out, " (label %u, tc %u,%s ttl %u)", h->mpls[e].label,
					      h->mpls[e].tc, h->mpls[e].bottom ? " [S]," : "",
					      h->mpls[e].ttl);
			strbuf_printf(out, ": ");
			continue;
		}
		strbuf_printf(out, "%s ", h->type == OUTER_IPV4 ? "ipv4" : "ipv6");
		ip_addr_print(&h->src, out);
		strbuf_printf(out, " > ");
		ip_addr_print(&h->dst, out);
		strbuf_printf(out, ": ");
	}
}

void packet_print_short(const struct packet *p, bool show_win, struct strbuf *out)
{
	packet_print_outer(&p->outer, out);
	switch (p->protocol) {
	case IPPROTO_TCP:
		print_tcp(p, show_win, out);
		break;
	case IPPROTO_UDP:
		strbuf_printf(out, "udp (%u) ", p->payload_len);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		/* ICMP follows the IP version on the wire, whichever number the model holds. */
		if (p->protocol == IPPROTO_ICMPV6 || p->ip_version == 6)
			strbuf_printf(out, "icmpv6 ");
		else
			strbuf_printf(out, "icmpv4 ");
		break;
	default:
		strbuf_printf(out, "protocol_%u ", p->protocol);
		break;
	}
}
