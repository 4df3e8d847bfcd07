/* SPDX-License-Identifier: GPL-2.0-only */
/* test_match: unit tests for checking a sniffed packet against the script, in §5.12 order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "netdev/packet/packet.h"
#include "netdev/packet/tcp_options.h"
#include "runtime/context/config.h"
#include "runtime/traffic/mapping.h"
#include "runtime/traffic/match.h"
#include "parser/util/strbuf.h"

#include "tests/unit/rows.h"

/*
 * A case is a script line and a live packet described as changes ("knobs")
 * to a baseline: the script line "> . 1:1(0) ack 1 win 1000" and a live
 * packet equal to it (TTL 64). Knobs apply in stage order: the script line,
 * the built script packet, the live packet before encoding, its wire bytes,
 * and the decoded live packet that match_packet() sees.
 */
enum knob {
	K_END,
	/* script line */
	SP_FLAGS,    /* tcp_flags = v */
	SP_ACE,	     /* ACE digit v */
	SP_ECN,	     /* enum pkt_ecn */
	SP_TOS,	     /* tos 0xv */
	SP_TTL,	     /* ttl v */
	SP_NO_WIN,   /* no "win" */
	SP_ACK,	     /* ack v */
	SP_LEN,	     /* 1:1+v(v) */
	SP_OPTS_ANY, /* <...> */
	SP_UDP,	     /* udp (v) */
	SP_ICMP,     /* icmp */
	/* script packet */
	SC_ICMP_TYPE,
	SC_ICMP_CODE,
	/* live packet before encoding */
	LV_FLAGS,
	LV_TOS,
	LV_TTL,
	LV_RESERVED,
	LV_SEQ,
	LV_ACK,
	LV_WIN,
	LV_URG,
	LV_LEN,	  /* payload of v zero bytes */
	LV_BYTE0, /* first payload byte = v */
	LV_TS,	  /* appends nop,nop,TS val v ecr 0 (12 bytes) */
	LV_MSS,	  /* appends mss v (4 bytes) */
	LV_ICMP_TYPE,
	LV_ICMP_CODE,
	/* wire bytes */
	BY_BAD_IPCSUM,
	/* decoded live packet */
	PD_VERSION,
	PD_PROTOCOL,
	PD_HDRLEN, /* IPv4 header length in bytes */
	PD_UDPLEN,
};

struct knob_val {
	enum knob k;
	uint32_t v;
};

struct field_case {
	const char *what;
	int version; /* 4 or 6 */
	struct knob_val knobs[4];
	const char *msg; /* NULL: the packets match */
};

static void apply_spec(struct pkt_spec *sp, const struct knob_val *kv)
{
	switch (kv->k) {
	case SP_FLAGS:
		sp->tcp_flags = (uint16_t)kv->v;
		sp->has_ack = kv->v & TCPF_ACK;
		break;
	case SP_ACE:
		sp->ace = (int)kv->v;
		break;
	case SP_ECN:
		sp->ip.ecn = (int)kv->v;
		break;
	case SP_TOS:
		sp->ip.has_tos = true;
		sp->ip.tos = (uint8_t)kv->v;
		break;
	case SP_TTL:
		sp->ip.has_ttl = true;
		sp->ip.ttl = (uint8_t)kv->v;
		break;
	case SP_NO_WIN:
		sp->has_win = false;
		sp->win = 0;
		break;
	case SP_ACK:
		sp->ack = kv->v;
		break;
	case SP_LEN:
		sp->payload_len = (uint16_t)kv->v;
		sp->seq_end = sp->seq_start + kv->v;
		break;
	case SP_OPTS_ANY:
		sp->options_any = true;
		break;
	case SP_UDP:
		sp->l4 = PKT_UDP;
		sp->udp_len = (uint16_t)kv->v;
		break;
	case SP_ICMP:
		sp->l4 = PKT_ICMP;
		break;
	default:
		break;
	}
}

static void apply_script(struct packet *p, const struct knob_val *kv)
{
	if (kv->k == SC_ICMP_TYPE)
		p->icmp_type = (uint8_t)kv->v;
	else if (kv->k == SC_ICMP_CODE)
		p->icmp_code = (uint8_t)kv->v;
}

static void add_option(struct tcp_options *o, const struct tcp_option *opt)
{
	o->opt[o->count++] = *opt;
}

static void apply_live(struct packet *p, const struct knob_val *kv)
{
	struct tcp_option nop = {.kind = TCPO_NOP, .len = 1};
	struct tcp_option opt = {0};

	switch (kv->k) {
	case LV_FLAGS:
		p->tcp_flags = (uint16_t)kv->v;
		break;
	case LV_TOS:
		p->tos = (uint8_t)kv->v;
		break;
	case LV_TTL:
		p->ttl = (uint8_t)kv->v;
		break;
	case LV_RESERVED:
		p->tcp_reserved = (uint8_t)kv->v;
		break;
	case LV_SEQ:
		p->seq = kv->v;
		break;
	case LV_ACK:
		p->ack = kv->v;
		break;
	case LV_WIN:
		p->win = (uint16_t)kv->v;
		break;
	case LV_URG:
		p->urg = (uint16_t)kv->v;
		break;
	case LV_LEN:
		free(p->payload);
		p->payload_len = kv->v;
		p->payload = kv->v ? calloc(1, kv->v) : NULL;
		break;
	case LV_BYTE0:
		p->payload[0] = (uint8_t)kv->v;
		break;
	case LV_TS:
		add_option(&p->opts, &nop);
		add_option(&p->opts, &nop);
		opt.kind = TCPO_TIMESTAMP;
		opt.len = 10;
		opt.ts.val = kv->v;
		add_option(&p->opts, &opt);
		break;
	case LV_MSS:
		opt.kind = TCPO_MSS;
		opt.len = 4;
		opt.mss = (uint16_t)kv->v;
		add_option(&p->opts, &opt);
		break;
	case LV_ICMP_TYPE:
		p->icmp_type = (uint8_t)kv->v;
		break;
	case LV_ICMP_CODE:
		p->icmp_code = (uint8_t)kv->v;
		break;
	default:
		break;
	}
}

static void apply_decoded(struct packet *p, const struct knob_val *kv)
{
	switch (kv->k) {
	case PD_VERSION:
		/* a real IPv4 packet would come with a good header checksum */
		p->ip_version = (uint8_t)kv->v;
		p->ip_csum_ok = true;
		break;
	case PD_PROTOCOL:
		p->protocol = (uint8_t)kv->v;
		break;
	case PD_HDRLEN:
		p->ip_total_len = (uint16_t)(p->ip_total_len + kv->v - p->ip_header_len);
		p->ip_header_len = (uint8_t)kv->v;
		break;
	case PD_UDPLEN:
		p->udp_len = (uint16_t)kv->v;
		break;
	default:
		break;
	}
}

/* ECN codepoint names as the table uses them. */
#define NOECN ECN_NOECN
#define ECT1 ECN_ECT1
#define ECT0 ECN_ECT0
#define CE ECN_CE
#define ECT01 ECN_01

#define FIN TCPF_FIN
#define SYN TCPF_SYN
#define RST TCPF_RST
#define PSH TCPF_PSH
#define ACK TCPF_ACK
#define URG TCPF_URG
#define ECE TCPF_ECE
#define CWR TCPF_CWR
#define AE TCPF_AE

/* "live packet field NAME: expected: W (0xW) vs actual: G (0xG)" for one-digit numbers. */
#define F(name, want, got)                                                                         \
	"live packet field " name ": expected: " #want " (0x" #want ") vs actual: " #got           \
	" (0x" #got ")"

/* clang-format off */
static const struct field_case field_cases[] = {
	{ "identical", 4, { { K_END, 0 } }, NULL },
	{ "identical IPv6", 6, { { K_END, 0 } }, NULL },

	/* 1. IPv4 header checksum, before anything else */
	{ "bad IP checksum", 4, { { BY_BAD_IPCSUM, 0 }, { LV_FLAGS, FIN | ACK } },
	  "bad outbound IP checksum" },

	/* 3. IPv4 header fields, in order */
	{ "ipv4_version", 4, { { PD_VERSION, 6 } },
	  "live packet field ipv4_version: expected: 4 (0x4) vs actual: 6 (0x6)" },
	{ "ipv4_protocol", 4, { { PD_PROTOCOL, 17 } },
	  "live packet field ipv4_protocol: expected: 6 (0x6) vs actual: 17 (0x11)" },
	{ "ipv4_header_length", 4, { { PD_HDRLEN, 24 } },
	  "live packet field ipv4_header_length: expected: 5 (0x5) vs actual: 6 (0x6)" },
	{ "ipv4_total_length: extra payload", 4, { { LV_LEN, 10 } },
	  "live packet field ipv4_total_length: expected: 40 (0x28) vs actual: 50 (0x32)" },
	{ "ipv4_total_length: short payload", 4, { { SP_LEN, 100 }, { LV_LEN, 99 } },
	  "live packet field ipv4_total_length: expected: 140 (0x8c) vs actual: 139 (0x8b)" },
	{ "ipv4_total_length: an option the script lacks", 4, { { LV_TS, 1 } },
	  "live packet field ipv4_total_length: expected: 40 (0x28) vs actual: 52 (0x34)" },
	{ "ipv4_total_length before ip_ecn", 4,
	  { { SP_ECN, ECT0 }, { LV_TOS, 0 }, { LV_LEN, 1 } },
	  "live packet field ipv4_total_length: expected: 40 (0x28) vs actual: 41 (0x29)" },
	{ "<...> allows the live options", 4,
	  { { SP_OPTS_ANY, 0 }, { LV_TS, 7 }, { LV_MSS, 1460 } }, NULL },
	{ "<...> still counts payload", 4,
	  { { SP_OPTS_ANY, 0 }, { SP_LEN, 100 }, { LV_TS, 7 }, { LV_LEN, 99 } },
	  "live packet field ipv4_total_length: expected: 152 (0x98) vs actual: 151 (0x97)" },

	/* ECN codepoints: only the low two TOS bits */
	{ "ect0", 4, { { SP_ECN, ECT0 }, { LV_TOS, 2 } }, NULL },
	{ "ect1", 4, { { SP_ECN, ECT1 }, { LV_TOS, 1 } }, NULL },
	{ "ce with DSCP bits", 4, { { SP_ECN, CE }, { LV_TOS, 0xb } }, NULL },
	{ "noecn", 4, { { SP_ECN, NOECN }, { LV_TOS, 0xfc } }, NULL },
	{ "ect0 wanted, not-ECT sent", 4, { { SP_ECN, ECT0 }, { LV_TOS, 0 } },
	  "live packet field ip_ecn: expected: 2 (0x2) vs actual: 0 (0x0)" },
	{ "noecn wanted, CE sent", 4, { { SP_ECN, NOECN }, { LV_TOS, 3 } },
	  "live packet field ip_ecn: expected: 0 (0x0) vs actual: 3 (0x3)" },
	{ "ect1 wanted, ect0 sent", 4, { { SP_ECN, ECT1 }, { LV_TOS, 2 } },
	  "live packet field ip_ecn: expected: 1 (0x1) vs actual: 2 (0x2)" },
	{ "ect01 takes ect1", 4, { { SP_ECN, ECT01 }, { LV_TOS, 1 } }, NULL },
	{ "ect01 takes ect0", 4, { { SP_ECN, ECT01 }, { LV_TOS, 2 } }, NULL },
	{ "ect01 refuses not-ECT", 4, { { SP_ECN, ECT01 }, { LV_TOS, 0 } },
	  "live packet field ip_ecn: expected: 0x1 or 0x2 vs actual: 0x0" },
	{ "ect01 refuses CE", 4, { { SP_ECN, ECT01 }, { LV_TOS, 0x23 } },
	  "live packet field ip_ecn: expected: 0x1 or 0x2 vs actual: 0x3" },
	{ "no ECN written: TOS unchecked", 4, { { LV_TOS, 0xff } }, NULL },
	{ "tos", 4, { { SP_TOS, 0x1c }, { LV_TOS, 0x1c } }, NULL },
	{ "tos differs in ECN bits", 4, { { SP_TOS, 0x1c }, { LV_TOS, 0x1d } },
	  "live packet field tos: expected: 28 (0x1c) vs actual: 29 (0x1d)" },
	{ "tos differs in DSCP bits", 4, { { SP_TOS, 0x1c }, { LV_TOS, 0x0c } },
	  "live packet field tos: expected: 28 (0x1c) vs actual: 12 (0xc)" },

	/* TTL only when written, and 255 means "not written" */
	{ "ttl", 4, { { SP_TTL, 64 }, { LV_TTL, 64 } }, NULL },
	{ "ttl differs", 4, { { SP_TTL, 64 }, { LV_TTL, 63 } },
	  "live packet field ttl: expected: 64 (0x40) vs actual: 63 (0x3f)" },
	{ "ttl 255 is not checked", 4, { { SP_TTL, 255 }, { LV_TTL, 63 } }, NULL },
	{ "no ttl: not checked", 4, { { LV_TTL, 1 } }, NULL },
	{ "ip_ecn before ttl", 4,
	  { { SP_ECN, ECT0 }, { LV_TOS, 1 }, { SP_TTL, 64 }, { LV_TTL, 1 } },
	  "live packet field ip_ecn: expected: 2 (0x2) vs actual: 1 (0x1)" },

	/* IPv6 header fields */
	{ "ipv6_version", 6, { { PD_VERSION, 4 } },
	  "live packet field ipv6_version: expected: 6 (0x6) vs actual: 4 (0x4)" },
	{ "ipv6_payload_len", 6, { { LV_LEN, 10 } },
	  "live packet field ipv6_payload_len: expected: 20 (0x14) vs actual: 30 (0x1e)" },
	{ "ipv6_payload_len: an option the script lacks", 6, { { LV_MSS, 1440 } },
	  "live packet field ipv6_payload_len: expected: 20 (0x14) vs actual: 24 (0x18)" },
	{ "ipv6 <...>", 6, { { SP_OPTS_ANY, 0 }, { LV_MSS, 1440 } }, NULL },
	{ "ipv6_next_header", 6, { { PD_PROTOCOL, 17 } },
	  "live packet field ipv6_next_header: expected: 6 (0x6) vs actual: 17 (0x11)" },
	{ "ipv6 traffic class ECN", 6, { { SP_ECN, CE }, { LV_TOS, 2 } },
	  "live packet field ip_ecn: expected: 3 (0x3) vs actual: 2 (0x2)" },
	{ "ipv6 traffic class", 6, { { SP_TOS, 0xb8 }, { LV_TOS, 0 } },
	  "live packet field tos: expected: 184 (0xb8) vs actual: 0 (0x0)" },
	{ "ipv6 hop limit", 6, { { SP_TTL, 1 }, { LV_TTL, 64 } },
	  "live packet field ttl: expected: 1 (0x1) vs actual: 64 (0x40)" },

	/* TCP header fields, in order */
	{ "tcp_data_offset", 4, { { SP_LEN, 4 }, { LV_LEN, 0 }, { LV_MSS, 1460 } },
	  "live packet field tcp_data_offset: expected: 5 (0x5) vs actual: 6 (0x6)" },
	{ "tcp_fin", 4, { { LV_FLAGS, FIN | ACK } }, F("tcp_fin", 0, 1) },
	{ "tcp_syn", 4, { { LV_FLAGS, SYN | ACK } }, F("tcp_syn", 0, 1) },
	{ "tcp_rst", 4, { { LV_FLAGS, RST | ACK } }, F("tcp_rst", 0, 1) },
	{ "tcp_psh", 4, { { SP_FLAGS, PSH | ACK } }, NULL },
	{ "tcp_psh missing", 4, { { SP_FLAGS, PSH | ACK }, { LV_FLAGS, ACK } },
	  F("tcp_psh", 1, 0) },
	{ "tcp_ack", 4, { { LV_FLAGS, 0 } }, F("tcp_ack", 1, 0) },
	{ "tcp_urg", 4, { { LV_FLAGS, URG | ACK } }, F("tcp_urg", 0, 1) },
	{ "tcp_ece", 4, { { LV_FLAGS, ECE | ACK } }, F("tcp_ece", 0, 1) },
	{ "tcp_cwr", 4, { { LV_FLAGS, CWR | ACK } }, F("tcp_cwr", 0, 1) },
	{ "tcp_ae", 4, { { LV_FLAGS, AE | ACK } }, F("tcp_ae", 0, 1) },
	{ "tcp_ece wanted", 4, { { SP_FLAGS, ECE | ACK }, { LV_FLAGS, ACK } },
	  F("tcp_ece", 1, 0) },
	{ "tcp_fin before tcp_syn", 4, { { LV_FLAGS, FIN | SYN | ACK } }, F("tcp_fin", 0, 1) },
	{ "tcp_ack before tcp_ece", 4, { { LV_FLAGS, ECE } }, F("tcp_ack", 1, 0) },
	/* an ACE digit compares the 3-bit field instead of E/W/A */
	{ "ace 5", 4, { { SP_ACE, 5 }, { LV_FLAGS, ACK | ECE | AE } }, NULL },
	{ "ace 0", 4, { { SP_ACE, 0 } }, NULL },
	{ "ace 7", 4, { { SP_ACE, 7 }, { LV_FLAGS, ACK | ECE | CWR | AE } }, NULL },
	{ "tcp_ace", 4, { { SP_ACE, 5 }, { LV_FLAGS, ACK | CWR } }, F("tcp_ace", 5, 2) },
	{ "tcp_ace, not tcp_ece", 4, { { SP_ACE, 0 }, { LV_FLAGS, ACK | ECE } },
	  F("tcp_ace", 0, 1) },
	{ "tcp_ace 4 vs 3", 4, { { SP_ACE, 4 }, { LV_FLAGS, ACK | ECE | CWR } },
	  F("tcp_ace", 4, 3) },
	{ "tcp_reserved_bits", 4, { { LV_RESERVED, 4 } }, F("tcp_reserved_bits", 0, 4) },
	{ "tcp_reserved_bits after flags", 4, { { LV_RESERVED, 1 }, { LV_FLAGS, ACK | CWR } },
	  F("tcp_cwr", 0, 1) },
	{ "tcp_seq", 4, { { LV_SEQ, 2 } }, F("tcp_seq", 1, 2) },
	{ "tcp_seq after tcp_reserved_bits", 4, { { LV_SEQ, 2 }, { LV_RESERVED, 2 } },
	  F("tcp_reserved_bits", 0, 2) },
	{ "tcp_ack_seq", 4, { { LV_ACK, 5 } }, F("tcp_ack_seq", 1, 5) },
	{ "tcp_seq before tcp_ack_seq", 4, { { LV_ACK, 5 }, { LV_SEQ, 9 } }, F("tcp_seq", 1, 9) },
	{ "tcp_ack_seq without ACK", 4,
	  { { SP_FLAGS, RST }, { SP_ACK, 0 }, { LV_FLAGS, RST }, { LV_ACK, 77 } },
	  "live packet field tcp_ack_seq: expected: 0 (0x0) vs actual: 77 (0x4d)" },
	{ "tcp_window", 4, { { LV_WIN, 999 } },
	  "live packet field tcp_window: expected: 1000 (0x3e8) vs actual: 999 (0x3e7)" },
	{ "no win: window unchecked", 4, { { SP_NO_WIN, 0 }, { LV_WIN, 5 } }, NULL },
	{ "tcp_ack_seq before tcp_window", 4, { { LV_WIN, 5 }, { LV_ACK, 2 } },
	  F("tcp_ack_seq", 1, 2) },
	{ "tcp_urg_ptr", 4, { { LV_URG, 1 } }, F("tcp_urg_ptr", 0, 1) },
	{ "tcp_window before tcp_urg_ptr", 4, { { LV_URG, 1 }, { LV_WIN, 1001 } },
	  "live packet field tcp_window: expected: 1000 (0x3e8) vs actual: 1001 (0x3e9)" },

	/* 6. payload bytes, last */
	{ "payload", 4, { { SP_LEN, 100 } }, NULL },
	{ "payload bytes", 4, { { SP_LEN, 100 }, { LV_BYTE0, 0xff } },
	  "incorrect outbound data payload" },
	{ "payload bytes IPv6", 6, { { SP_LEN, 1 }, { LV_BYTE0, 1 } },
	  "incorrect outbound data payload" },
	{ "tcp_urg_ptr before payload", 4, { { SP_LEN, 10 }, { LV_BYTE0, 1 }, { LV_URG, 1 } },
	  F("tcp_urg_ptr", 0, 1) },

	/* UDP and ICMP */
	{ "udp", 4, { { SP_UDP, 10 } }, NULL },
	{ "udp_len", 4, { { SP_UDP, 10 }, { PD_UDPLEN, 17 } },
	  "live packet field udp_len: expected: 18 (0x12) vs actual: 17 (0x11)" },
	{ "udp payload", 4, { { SP_UDP, 10 }, { LV_BYTE0, 9 } },
	  "incorrect outbound data payload" },
	{ "udp ipv4_protocol", 4, { { SP_UDP, 10 }, { PD_PROTOCOL, 6 } },
	  "live packet field ipv4_protocol: expected: 17 (0x11) vs actual: 6 (0x6)" },
	{ "icmp", 4, { { SP_ICMP, 0 }, { SC_ICMP_TYPE, 3 }, { SC_ICMP_CODE, 4 } }, NULL },
	{ "icmp_code", 4,
	  { { SP_ICMP, 0 }, { SC_ICMP_TYPE, 3 }, { SC_ICMP_CODE, 4 }, { LV_ICMP_CODE, 1 } },
	  F("icmp_code", 4, 1) },
	{ "icmp_type", 4, { { SP_ICMP, 0 }, { SC_ICMP_TYPE, 3 }, { LV_ICMP_TYPE, 11 } },
	  "live packet field icmp_type: expected: 3 (0x3) vs actual: 11 (0xb)" },
	{ "icmp quote length is the kernel's", 4,
	  { { SP_ICMP, 0 }, { SC_ICMP_TYPE, 3 }, { SC_ICMP_CODE, 3 }, { LV_LEN, 300 } }, NULL },
	{ "icmp quote length IPv6", 6,
	  { { SP_ICMP, 0 }, { SC_ICMP_TYPE, 1 }, { SC_ICMP_CODE, 4 }, { LV_LEN, 48 } }, NULL },
	{ "icmp ipv4_protocol", 4, { { SP_ICMP, 0 }, { PD_PROTOCOL, 17 } },
	  "live packet field ipv4_protocol: expected: 1 (0x1) vs actual: 17 (0x11)" },
	{ "icmpv6", 6, { { SP_ICMP, 0 }, { SC_ICMP_TYPE, 1 }, { SC_ICMP_CODE, 4 } }, NULL },
	{ "icmpv6 type before code", 6,
	  { { SP_ICMP, 0 }, { SC_ICMP_TYPE, 1 }, { LV_ICMP_TYPE, 2 }, { LV_ICMP_CODE, 1 } },
	  F("icmp_type", 1, 2) },
};
/* clang-format on */

struct fixture {
	struct config cfg;
};

static void config_for(struct config *c, int version, int64_t tick)
{
	struct strbuf err = STRBUF_INIT;

	config_init(c);
	assert_int_equal(config_set(c, "ip_version", version == 4 ? "ipv4" : "ipv6", &err), 0);
	assert_int_equal(config_finalize(c, &err), 0);
	c->tcp_ts_tick_usecs = tick;
	strbuf_free(&err);
}

/* The baseline script line "> . 1:1(0) ack 1 win 1000". */
static void base_spec(struct pkt_spec *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->dir = PKT_OUTBOUND;
	sp->l4 = PKT_TCP;
	sp->ip.ecn = ECN_NONE;
	sp->tcp_flags = TCPF_ACK;
	sp->ace = -1;
	sp->seq_start = sp->seq_end = 1;
	sp->has_ack = true;
	sp->ack = 1;
	sp->has_win = true;
	sp->win = 1000;
}

/* Encodes the live model, lets the bytes be damaged, and decodes it again. */
static void wire_round_trip(const struct packet *model, const struct knob_val *knobs,
			    struct packet *live)
{
	static uint8_t buf[70000];
	struct strbuf err = STRBUF_INIT;
	int len = packet_encode(model, buf, sizeof(buf));

	assert_true(len > 0);
	for (const struct knob_val *kv = knobs; kv->k != K_END; kv++)
		if (kv->k == BY_BAD_IPCSUM)
			buf[10] ^= 0x5a;
	memset(live, 0, sizeof(*live));
	if (packet_decode(buf, (size_t)len, live, &err))
		fail_msg("decode: %s", strbuf_str(&err));
	strbuf_free(&err);
}

/* Runs one case; returns match_packet's result with its message in err. */
static int run_case(const struct config *c, const struct knob_val *knobs, struct pkt_spec *sp,
		    struct strbuf *err)
{
	struct packet script, model, live;
	const struct knob_val *kv;

	for (kv = knobs; kv->k != K_END; kv++)
		apply_spec(sp, kv);
	mapping_script_packet(c, sp, &script);
	for (kv = knobs; kv->k != K_END; kv++)
		apply_script(&script, kv);
	packet_copy(&model, &script);
	model.ttl = 64;
	if (sp->ip.has_ttl && sp->ip.ttl != PACKET_TTL_UNSET)
		model.ttl = sp->ip.ttl;
	for (kv = knobs; kv->k != K_END; kv++)
		apply_live(&model, kv);
	wire_round_trip(&model, knobs, &live);
	for (kv = knobs; kv->k != K_END; kv++)
		apply_decoded(&live, kv);
	int rc = match_packet(c, sp, &script, &live, c->tolerance_usecs, err);
	packet_free(&script);
	packet_free(&model);
	packet_free(&live);
	return rc;
}

static void test_fields(void **state)
{
	struct config c4, c6;

	config_for(&c4, 4, 0);
	config_for(&c6, 6, 0);
	for (size_t i = 0; i < ARRAY_SIZE(field_cases); i++) {
		const struct field_case *t = &field_cases[i];
		struct knob_val knobs[5] = {{K_END, 0}};
		struct strbuf err = STRBUF_INIT;
		struct pkt_spec sp;

		memcpy(knobs, t->knobs, sizeof(t->knobs));
		base_spec(&sp);
		int rc = run_case(t->version == 4 ? &c4 : &c6, knobs, &sp, &err);
		if (rc != (t->msg ? -1 : 0) || strcmp(strbuf_str(&err), t->msg ? t->msg : ""))
			ROW_FAIL("%s:\n  got  %d '%s'\n  want '%s'", t->what, rc, strbuf_str(&err),
				 t->msg ? t->msg : "(match)");
		strbuf_free(&err);
	}
	config_free(&c4);
	config_free(&c6);
	ROWS_DONE();
}

/* ---- TCP options ---- */

/* Script and live option lists as wire bytes, the TS tick, and the outcome. */
struct option_case {
	const char *what;
	uint8_t slen;
	uint8_t script[40];
	uint8_t llen;
	uint8_t live[40];
	int64_t tick;
	const char *msg;
};

#define MSS(hi, lo) 0x02, 0x04, hi, lo
#define NOP 0x01
#define SACKOK 0x04, 0x02
#define WSCALE(n) 0x03, 0x03, n
#define TS(v3, v2, v1, v0, e) 0x08, 0x0a, v3, v2, v1, v0, 0, 0, 0, e
#define SACK1(l, r) 0x05, 0x0a, 0, 0, 0, l, 0, 0, 0, r

/* clang-format off */
static const struct option_case option_cases[] = {
	{ "same options", 20,
	  { MSS(0x05, 0xb4), SACKOK, TS(0, 0, 0, 100, 0), NOP, WSCALE(7) }, 20,
	  { MSS(0x05, 0xb4), SACKOK, TS(0, 0, 0, 100, 0), NOP, WSCALE(7) }, 0, NULL },
	{ "mss value", 4, { MSS(0x03, 0xe8) }, 4, { MSS(0x05, 0xb4) }, 0,
	  "bad value in outbound TCP option (kind=2): expected: mss 1000 actual: mss 1460" },
	{ "wscale value", 4, { NOP, WSCALE(7) }, 4, { NOP, WSCALE(8) }, 0,
	  "bad value in outbound TCP option (kind=3): expected: wscale 7 actual: wscale 8" },
	{ "sack value", 12, { NOP, NOP, SACK1(1, 2) }, 12, { NOP, NOP, SACK1(1, 3) }, 0,
	  "bad value in outbound TCP option (kind=5): expected: sack 1:2 actual: sack 1:3" },
	{ "FO cookie", 12, { NOP, NOP, 0x22, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8 }, 12,
	  { NOP, NOP, 0x22, 0x0a, 1, 2, 3, 4, 5, 6, 7, 9 }, 0,
	  "bad value in outbound TCP option (kind=34): expected: FO 0102030405060708 "
	  "actual: FO 0102030405060709" },
	{ "FO cookie length", 12, { 0x22, 0x06, 1, 2, 3, 4, 0x22, 0x04, 1, 2, NOP, NOP }, 12,
	  { 0x22, 0x04, 1, 2, 0x22, 0x06, 1, 2, 3, 4, NOP, NOP }, 0,
	  "bad length in outbound TCP option (kind=34): expected: FO 01020304 actual: FO 0102" },
	{ "kinds in another order", 8, { MSS(0x05, 0xb4), SACKOK, NOP, NOP }, 8,
	  { MSS(0x05, 0xb4), NOP, NOP, SACKOK }, 0, "bad outbound TCP options" },
	{ "four nops instead of mss", 4, { MSS(0x05, 0xb4) }, 4, { NOP, NOP, NOP, NOP }, 0,
	  "bad outbound TCP options" },
	{ "eol vs nop", 4, { NOP, WSCALE(7) }, 4, { 0x00, WSCALE(7) }, 0,
	  "bad outbound TCP options" },
	{ "more options in the same bytes", 8, { MSS(0x05, 0xb4), NOP, NOP, NOP, NOP }, 8,
	  { MSS(0x05, 0xb4), SACKOK, NOP, NOP }, 0, "bad outbound TCP options" },
	{ "fewer options in the same bytes", 8, { MSS(0x05, 0xb4), SACKOK, NOP, NOP }, 8,
	  { MSS(0x05, 0xb4), NOP, NOP, NOP, NOP }, 0, "bad outbound TCP options" },

	/* TS: ecr never compared, val only with --tcp_ts_tick_usecs */
	{ "TS val and ecr differ, no tick", 12, { NOP, NOP, TS(0, 0, 0, 100, 5) }, 12,
	  { NOP, NOP, TS(0x7f, 0, 0, 0, 9) }, 0, NULL },
	{ "TS val within 4000 us at 1 ms ticks", 12, { NOP, NOP, TS(0, 0, 0, 100, 0) }, 12,
	  { NOP, NOP, TS(0, 0, 0, 104, 0) }, 1000, NULL },
	{ "TS val 4 ticks early", 12, { NOP, NOP, TS(0, 0, 0, 100, 0) }, 12,
	  { NOP, NOP, TS(0, 0, 0, 96, 0) }, 1000, NULL },
	{ "TS val 5 ticks late", 12, { NOP, NOP, TS(0, 0, 0, 100, 0) }, 12,
	  { NOP, NOP, TS(0, 0, 0, 105, 0) }, 1000,
	  "bad outbound TCP timestamp value, tolerance 4000" },
	{ "TS val 5 ticks early", 12, { NOP, NOP, TS(0, 0, 0, 100, 0) }, 12,
	  { NOP, NOP, TS(0, 0, 0, 95, 0) }, 1000,
	  "bad outbound TCP timestamp value, tolerance 4000" },
	{ "TS val across the wrap", 12, { NOP, NOP, TS(0xff, 0xff, 0xff, 0xfe, 0) }, 12,
	  { NOP, NOP, TS(0, 0, 0, 2, 0) }, 1000, NULL },
	{ "TS ecr ignored with a tick", 12, { NOP, NOP, TS(0, 0, 0, 100, 1) }, 12,
	  { NOP, NOP, TS(0, 0, 0, 100, 200) }, 1, NULL },
	{ "TS val at the edge, 1 us ticks", 12, { NOP, NOP, TS(0, 0, 0x0f, 0xa0, 0) }, 12,
	  { NOP, NOP, TS(0, 0, 0, 0, 0) }, 1, NULL },
	{ "TS val past the edge, 1 us ticks", 12, { NOP, NOP, TS(0, 0, 0x0f, 0xa1, 0) }, 12,
	  { NOP, NOP, TS(0, 0, 0, 0, 0) }, 1,
	  "bad outbound TCP timestamp value, tolerance 4000" },
	{ "TS checked before the next option", 16,
	  { NOP, NOP, TS(0, 0, 0, 100, 0), MSS(0x03, 0xe8) }, 16,
	  { NOP, NOP, TS(0, 0, 0, 200, 0), MSS(0x05, 0xb4) }, 1000,
	  "bad outbound TCP timestamp value, tolerance 4000" },
};
/* clang-format on */

static void decode_opts(const uint8_t *b, uint8_t len, struct tcp_options *o)
{
	struct strbuf err = STRBUF_INIT;

	memset(o, 0, sizeof(*o));
	if (tcp_options_decode(b, len, o, &err))
		fail_msg("option bytes: %s", strbuf_str(&err));
	strbuf_free(&err);
}

static int run_options(const struct option_case *t, bool payload_differs, struct strbuf *err)
{
	struct knob_val knobs[2] = {{payload_differs ? LV_BYTE0 : K_END, 1}, {K_END, 0}};
	struct packet script, model, live;
	struct pkt_spec sp;
	struct config c;

	config_for(&c, 4, t->tick);
	base_spec(&sp);
	sp.payload_len = 10;
	sp.seq_end = 11;
	decode_opts(t->script, t->slen, &sp.opts);
	mapping_script_packet(&c, &sp, &script);
	packet_copy(&model, &script);
	model.ttl = 64;
	decode_opts(t->live, t->llen, &model.opts);
	apply_live(&model, &knobs[0]);
	wire_round_trip(&model, knobs, &live);
	int rc = match_packet(&c, &sp, &script, &live, c.tolerance_usecs, err);
	packet_free(&script);
	packet_free(&model);
	packet_free(&live);
	config_free(&c);
	return rc;
}

static void test_options(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(option_cases); i++) {
		const struct option_case *t = &option_cases[i];
		struct strbuf err = STRBUF_INIT;

		/* with equal payloads: the option verdict itself */
		int rc = run_options(t, false, &err);
		if (rc != (t->msg ? -1 : 0) || strcmp(strbuf_str(&err), t->msg ? t->msg : ""))
			ROW_FAIL("%s:\n  got  %d '%s'\n  want '%s'", t->what, rc, strbuf_str(&err),
				 t->msg ? t->msg : "(match)");
		strbuf_reset(&err);
		/* with a different payload too: options are reported first */
		rc = run_options(t, true, &err);
		const char *want = t->msg ? t->msg : "incorrect outbound data payload";
		if (rc != -1 || strcmp(strbuf_str(&err), want))
			ROW_FAIL("%s (payload differs):\n  got  %d '%s'\n  want '%s'", t->what, rc,
				 strbuf_str(&err), want);
		strbuf_free(&err);
	}
	ROWS_DONE();
}

/* With <...> the options are not compared at all, even when they differ. */
static void test_options_any(void **state)
{
	static const uint8_t live_opts[] = {MSS(0x05, 0xb4), SACKOK, TS(0, 0, 0, 9, 9), NOP,
					    WSCALE(7)};
	struct strbuf err = STRBUF_INIT;
	struct packet script, model, live;
	struct knob_val none[1] = {{K_END, 0}};
	struct pkt_spec sp;
	struct config c;

	config_for(&c, 4, 1000);
	base_spec(&sp);
	sp.tcp_flags = TCPF_SYN | TCPF_ACK;
	sp.options_any = true;
	mapping_script_packet(&c, &sp, &script);
	packet_copy(&model, &script);
	model.ttl = 64;
	decode_opts(live_opts, sizeof(live_opts), &model.opts);
	wire_round_trip(&model, none, &live);
	assert_int_equal(match_packet(&c, &sp, &script, &live, c.tolerance_usecs, &err), 0);
	assert_string_equal(strbuf_str(&err), "");
	packet_free(&script);
	packet_free(&model);
	packet_free(&live);
	config_free(&c);
	strbuf_free(&err);
}

/* The tolerance for TS val follows --tolerance_usecs. */
static void test_ts_tolerance_follows_config(void **state)
{
	static const struct option_case t = {
	    "TS", 12,  {NOP, NOP, TS(0, 0, 0, 100, 0)}, 12, {NOP, NOP, TS(0, 0, 0, 120, 0)},
	    1000, NULL};
	struct strbuf err = STRBUF_INIT;
	struct packet script, model, live;
	struct knob_val none[1] = {{K_END, 0}};
	struct pkt_spec sp;
	struct config c;

	config_for(&c, 4, 1000);
	base_spec(&sp);
	decode_opts(t.script, t.slen, &sp.opts);
	mapping_script_packet(&c, &sp, &script);
	packet_copy(&model, &script);
	model.ttl = 64;
	decode_opts(t.live, t.llen, &model.opts);
	wire_round_trip(&model, none, &live);
	c.tolerance_usecs = 20000;
	assert_int_equal(match_packet(&c, &sp, &script, &live, c.tolerance_usecs, &err), 0);
	c.tolerance_usecs = 19999;
	assert_int_equal(match_packet(&c, &sp, &script, &live, c.tolerance_usecs, &err), -1);
	assert_string_equal(strbuf_str(&err), "bad outbound TCP timestamp value, tolerance 19999");
	packet_free(&script);
	packet_free(&model);
	packet_free(&live);
	config_free(&c);
	strbuf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fields),
	    cmocka_unit_test(test_options),
	    cmocka_unit_test(test_options_any),
	    cmocka_unit_test(test_ts_tolerance_follows_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
