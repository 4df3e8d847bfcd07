/* SPDX-License-Identifier: GPL-2.0-only */
/* pkt_spec: constructors and the destructor of script packets, with the checks on a packet's
 * own fields that upstream makes at parse time. */
#include "parser/pkt_spec.h"

#include <stdlib.h>
#include <string.h>

#include "netdev/packet/packet.h"
#include "parser/diag.h"
#include "parser/util/xalloc.h"

struct pkt_spec *pkt_spec_new(enum pkt_direction dir)
{
	struct pkt_spec *p = xcalloc(1, sizeof(*p));

	p->dir = dir;
	p->l4 = PKT_TCP;
	p->ip = ip_info_none();
	p->ace = -1;
	return p;
}

void pkt_spec_free(struct pkt_spec *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_encap; i++)
		encap_spec_clear(&p->encap[i]);
	free(p->encap);
	free(p->icmp_type);
	free(p->icmp_code);
	free(p);
}

struct seq_spec pkt_spec_seq_make(struct diag *d, const struct num_tok *start,
				  const struct num_tok *end, const struct num_tok *len,
				  struct loc loc)
{
	struct seq_spec s;

	s.start = (uint32_t)num_tok_range(d, start, 0, UINT32_MAX,
					  "TCP start sequence number out of range");
	s.end =
	    (uint32_t)num_tok_range(d, end, 0, UINT32_MAX, "TCP end sequence number out of range");
	s.len = (uint16_t)num_tok_range(d, len, 0, UINT16_MAX, "TCP payload size out of range");
	/* plain integer arithmetic, no wraparound, as upstream */
	if (s.start == start->i && s.end == end->i && s.len == len->i &&
	    end->i != start->i + len->i)
		diag_error(d, loc, "inconsistent TCP sequence numbers and payload size");
	return s;
}

void pkt_spec_set_ip(struct diag *d, struct pkt_spec *p, struct ip_info ip, struct loc loc)
{
	if (ip.ecn == ECN_01 && p->dir == PKT_INBOUND)
		diag_error(d, loc, "[ect01] can only be used with outbound packets");
	p->ip = ip;
	p->ip_loc = loc;
}

void pkt_spec_add_encap(struct pkt_spec *p, struct encap_spec *layer)
{
	p->encap = xgrow(p->encap, p->n_encap, sizeof(*p->encap));
	p->encap[p->n_encap++] = *layer;
	free(layer);
}

void pkt_spec_set_psp(struct diag *d, struct pkt_spec *p, const struct num_tok *spi)
{
	p->has_psp = true;
	p->psp_spi = (uint32_t)num_tok_range(d, spi, 0, UINT32_MAX, "PSP SPI out of range");
}

void pkt_spec_set_ports(struct diag *d, struct pkt_spec *p, const struct num_tok *sport,
			const struct num_tok *dport)
{
	p->has_ports = true;
	p->sport = (uint16_t)num_tok_range(d, sport, 0, UINT16_MAX, "port number out of range");
	p->dport = (uint16_t)num_tok_range(d, dport, 0, UINT16_MAX, "port number out of range");
}

static uint16_t flag_bit(char c)
{
	switch (c) {
	case 'F':
		return TCPF_FIN;
	case 'S':
		return TCPF_SYN;
	case 'R':
		return TCPF_RST;
	case 'P':
		return TCPF_PSH;
	case '.':
		return TCPF_ACK;
	case 'U':
		return TCPF_URG;
	case 'E':
		return TCPF_ECE;
	case 'W':
		return TCPF_CWR;
	case 'A':
		return TCPF_AE;
	default:
		return 0;
	}
}

/* Sets the ACE digit's bits (bit0 = ECE, bit1 = CWR, bit2 = AE) in the flags too,
 * so an inbound packet can be encoded from tcp_flags alone. */
static uint16_t ace_bits(int ace)
{
	return (ace & 1 ? TCPF_ECE : 0) | (ace & 2 ? TCPF_CWR : 0) | (ace & 4 ? TCPF_AE : 0);
}

void pkt_spec_set_flags(struct diag *d, struct pkt_spec *p, const char *text, struct loc loc)
{
	int digits = 0;
	bool ecn_letter = false;

	p->tcp_flags = 0;
	for (const char *c = strcmp(text, "-") ? text : ""; *c; c++) {
		if (*c >= '0' && *c <= '7') {
			digits++;
			p->ace = *c - '0';
		} else if (flag_bit(*c)) {
			p->tcp_flags |= flag_bit(*c);
			ecn_letter |= *c == 'E' || *c == 'W' || *c == 'A';
		} else {
			diag_error(d, loc, "Invalid TCP flag: '%c'", *c);
			return;
		}
	}
	if (digits > 1 || (digits && ecn_letter))
		diag_error(d, loc, "Conflicting TCP flag");
	else if (digits)
		p->tcp_flags |= ace_bits(p->ace);
}

void pkt_spec_set_seq(struct pkt_spec *p, struct seq_spec seq)
{
	p->seq_start = seq.start;
	p->seq_end = seq.end;
	p->payload_len = seq.len;
}

void pkt_spec_set_ack(struct diag *d, struct pkt_spec *p, const struct num_tok *ack)
{
	p->has_ack = true;
	p->ack =
	    (uint32_t)num_tok_range(d, ack, 0, UINT32_MAX, "TCP ack sequence number out of range");
}

void pkt_spec_set_win(struct diag *d, struct pkt_spec *p, const struct num_tok *win)
{
	p->has_win = true;
	p->win = (uint16_t)num_tok_range(d, win, 0, UINT16_MAX, "TCP window value out of range");
}

void pkt_spec_set_urg(struct diag *d, struct pkt_spec *p, const struct num_tok *urg)
{
	p->urg = (uint16_t)num_tok_range(d, urg, 0, UINT16_MAX, "urg_ptr value out of range");
}

void pkt_spec_set_options(struct diag *d, struct pkt_spec *p, struct tcp_options *opts,
			  struct loc loc)
{
	if (!opts) {
		if (p->dir != PKT_OUTBOUND)
			diag_error(d, loc,
				   "<...> for TCP options can only be used with outbound packets");
		p->options_any = true;
		return;
	}
	p->opts = *opts;
	free(opts);
}

void pkt_spec_finish_tcp(struct diag *d, struct pkt_spec *p, struct loc loc)
{
	if (p->dir == PKT_INBOUND && !p->has_win)
		diag_error(d, loc, "window must be specified for inbound packets");
}

void pkt_spec_set_udp(struct diag *d, struct pkt_spec *p, const struct num_tok *len)
{
	p->l4 = PKT_UDP;
	p->udp_len =
	    (uint16_t)num_tok_range(d, len, 0, UINT16_MAX, "UDP payload size out of range");
}

void pkt_spec_set_icmp(struct pkt_spec *p, char *type, struct loc type_loc, char *code,
		       struct loc code_loc)
{
	p->l4 = PKT_ICMP;
	p->icmp_type = type;
	p->icmp_code = code;
	p->icmp_type_loc = type_loc;
	p->icmp_code_loc = code_loc;
}

void pkt_spec_set_mtu(struct diag *d, struct pkt_spec *p, const struct num_tok *mtu)
{
	p->has_mtu = true;
	p->mtu_loc = mtu->loc;
	p->mtu = (uint32_t)num_tok_range(d, mtu, 0, UINT32_MAX, "ICMP MTU out of range");
}

void pkt_spec_set_icmp_id(struct diag *d, struct pkt_spec *p, const struct num_tok *id)
{
	p->has_icmp_echo_id = true;
	p->icmp_echo_id =
	    (uint16_t)num_tok_range(d, id, 0, UINT16_MAX, "ICMP echo id out of range");
}

void pkt_spec_set_echoed(struct diag *d, struct pkt_spec *p, enum icmp_echoed kind,
			 struct seq_spec seq, const struct num_tok *len)
{
	p->echoed = kind;
	if (kind == ICMP_ECHOED_TCP) {
		p->echoed_start = seq.start;
		p->echoed_end = seq.end;
		p->echoed_len = seq.len;
		return;
	}
	p->echoed_len =
	    (uint16_t)num_tok_range(d, len, 0, UINT16_MAX,
				    kind == ICMP_ECHOED_UDP ? "UDP payload size out of range"
							    : "ICMP payload size out of range");
}
