/* SPDX-License-Identifier: GPL-2.0-only */
/* pkt_spec: a script packet (TCP, UDP or ICMP, either direction) as written, and its
 * constructors. */
#ifndef PARSER_PKT_SPEC_H
#define PARSER_PKT_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netdev/packet/tcp_options.h"
#include "parser/encap_spec.h"
#include "parser/ip_info.h"
#include "parser/loc.h"
#include "parser/num_tok.h"

struct diag;

enum pkt_direction { PKT_INBOUND, PKT_OUTBOUND };
enum pkt_l4 { PKT_TCP, PKT_UDP, PKT_ICMP };

enum icmp_echoed { ICMP_ECHOED_DEFAULT, ICMP_ECHOED_TCP, ICMP_ECHOED_UDP, ICMP_ECHOED_RAW };

/* A packet owns its outer layers and ICMP names; pkt_spec_free() frees them. */
struct pkt_spec {
	enum pkt_direction dir;
	enum pkt_l4 l4;
	struct ip_info ip;
	struct encap_spec *encap; /* outer layers, outermost first */
	size_t n_encap;
	bool has_psp;
	uint32_t psp_spi;
	bool has_ports;
	uint16_t sport, dport;

	/* TCP */
	uint16_t tcp_flags; /* netdev/packet/packet.h enum tcp_flag_bits */
	int ace;	    /* AccECN ACE digit 0..7, or -1 if none (its E/W/A bits
			     * are also set in tcp_flags) */
	uint32_t seq_start, seq_end;
	uint16_t payload_len;
	bool has_ack;
	uint32_t ack;
	bool has_win;
	uint16_t win;
	uint16_t urg;
	bool options_any;	 /* <...>: do not check options (outbound only) */
	struct tcp_options opts; /* empty when no <...> list was written */

	/* UDP */
	uint16_t udp_len;

	/* ICMP: names as written (resolved per family at check/run time) */
	char *icmp_type;
	char *icmp_code; /* NULL = code 0 */
	bool has_mtu;
	uint32_t mtu;
	bool has_icmp_echo_id;
	uint16_t icmp_echo_id;
	enum icmp_echoed echoed;
	/* Where the words checked later (check.c) were written; line 0 = unknown. */
	struct loc ip_loc, icmp_type_loc, icmp_code_loc, mtu_loc;
	uint32_t echoed_start, echoed_end; /* ICMP_ECHOED_TCP */
	uint16_t echoed_len;		   /* TCP payload, UDP len or RAW len */
};

/* start:end(len), as a TCP packet or an ICMP message's echoed TCP header writes it. */
struct seq_spec {
	uint32_t start, end;
	uint16_t len;
};

/* ---- construction (used by the grammar) ----
 * Setters read the tokens passed to them (not taken) and report a value out of
 * range, or a field the packet's direction forbids, through d at its token
 * (loc where given) and go on with the value truncated, so that one run
 * reports every problem. */

/* A TCP packet of direction dir with nothing set; the caller owns it. */
struct pkt_spec *pkt_spec_new(enum pkt_direction dir);
/* Frees p and what it owns; p may be NULL. */
void pkt_spec_free(struct pkt_spec *p);

struct seq_spec pkt_spec_seq_make(struct diag *d, const struct num_tok *start,
				  const struct num_tok *end, const struct num_tok *len,
				  struct loc loc);

/* ip_info after the direction (loc: where it was written). */
void pkt_spec_set_ip(struct diag *d, struct pkt_spec *p, struct ip_info ip, struct loc loc);
/* Moves *layer (then freed) to the end of p's outer layers. */
void pkt_spec_add_encap(struct pkt_spec *p, struct encap_spec *layer);
void pkt_spec_set_psp(struct diag *d, struct pkt_spec *p, const struct num_tok *spi);
void pkt_spec_set_ports(struct diag *d, struct pkt_spec *p, const struct num_tok *sport,
			const struct num_tok *dport);
/* text is the flag word as written ("S.", "S.5", "-"); not taken. */
void pkt_spec_set_flags(struct diag *d, struct pkt_spec *p, const char *text, struct loc loc);
void pkt_spec_set_seq(struct pkt_spec *p, struct seq_spec seq);
void pkt_spec_set_ack(struct diag *d, struct pkt_spec *p, const struct num_tok *ack);
void pkt_spec_set_win(struct diag *d, struct pkt_spec *p, const struct num_tok *win);
void pkt_spec_set_urg(struct diag *d, struct pkt_spec *p, const struct num_tok *urg);
/* Takes opts (a list from parser/tcp_opt_spec.h, freed here); opts NULL means <...>. */
void pkt_spec_set_options(struct diag *d, struct pkt_spec *p, struct tcp_options *opts,
			  struct loc loc);
/* Checks that need the whole TCP packet (inbound window). */
void pkt_spec_finish_tcp(struct diag *d, struct pkt_spec *p, struct loc loc);
/* Makes p a UDP packet of payload length len. */
void pkt_spec_set_udp(struct diag *d, struct pkt_spec *p, const struct num_tok *len);
/* Makes p an ICMP packet; takes type and code (the names as written; code may
 * be NULL), which parser/check.c resolves for the run's IP version. */
void pkt_spec_set_icmp(struct pkt_spec *p, char *type, struct loc type_loc, char *code,
		       struct loc code_loc);
void pkt_spec_set_mtu(struct diag *d, struct pkt_spec *p, const struct num_tok *mtu);
void pkt_spec_set_icmp_id(struct diag *d, struct pkt_spec *p, const struct num_tok *id);
/* What the ICMP message quotes: a TCP header (seq), UDP (len) or raw bytes (len). */
void pkt_spec_set_echoed(struct diag *d, struct pkt_spec *p, enum icmp_echoed kind,
			 struct seq_spec seq, const struct num_tok *len);

#endif
