/* SPDX-License-Identifier: GPL-2.0-only */
/* mapping: script packets to live packets and back — tuples, ISNs, SACK and timestamps (spec
 * §5.10). */
#include "runtime/traffic/mapping.h"

#include <netinet/in.h>
#include <string.h>

#include "netdev/packet/icmp_names.h"
#include "parser/util/xalloc.h"

/* ACE digit bits: bit0 ECE, bit1 CWR, bit2 AE. */
static uint16_t ace_flags(int ace)
{
	return (uint16_t)((ace & 1 ? TCPF_ECE : 0) | (ace & 2 ? TCPF_CWR : 0) |
			  (ace & 4 ? TCPF_AE : 0));
}

static void script_ip(const struct config *cfg, const struct ip_info *ip, struct packet *p)
{
	p->ip_version = (uint8_t)cfg->wire_version;
	p->src.family = p->dst.family = cfg->wire_version == 4 ? AF_INET : AF_INET6;
	if (ip->has_tos)
		p->tos = ip->tos;
	if (ip->ecn >= ECN_NOECN && ip->ecn <= ECN_CE)
		p->tos = (uint8_t)((p->tos & ~3) | ip->ecn);
	p->ttl = ip->has_ttl ? ip->ttl : PACKET_TTL_UNSET;
	p->flowlabel = ip->has_flowlabel ? ip->flowlabel : 0;
}

static void script_payload(struct packet *p, uint32_t len)
{
	p->payload_len = len;
	p->payload = len ? xcalloc(1, len) : NULL;
}

/* Type and code by name for the run's family; the parser's checks already
 * rejected unknown names, so a failed lookup leaves 0. */
static void script_icmp(int version, const struct pkt_spec *spec, struct packet *p)
{
	int type = 0, code = 0;

	if (!icmp_names_type(version, spec->icmp_type, &type))
		(void)icmp_names_code(version, type, spec->icmp_code, &code);
	p->icmp_type = (uint8_t)type;
	p->icmp_code = (uint8_t)code;
}

void mapping_script_packet(const struct config *cfg, const struct pkt_spec *spec, struct packet *p)
{
	memset(p, 0, sizeof(*p));
	script_ip(cfg, &spec->ip, p);
	if (spec->has_ports) {
		p->sport = spec->sport;
		p->dport = spec->dport;
	}
	switch (spec->l4) {
	case PKT_TCP:
		p->protocol = IPPROTO_TCP;
		p->tcp_flags = spec->tcp_flags | (spec->ace >= 0 ? ace_flags(spec->ace) : 0);
		p->seq = spec->seq_start;
		p->ack = spec->ack;
		p->win = spec->win;
		p->urg = spec->urg;
		p->opts = spec->opts;
		script_payload(p, spec->payload_len);
		break;
	case PKT_UDP:
		p->protocol = IPPROTO_UDP;
		script_payload(p, spec->udp_len);
		break;
	case PKT_ICMP:
		p->protocol = cfg->wire_version == 4 ? IPPROTO_ICMP : IPPROTO_ICMPV6;
		script_icmp(cfg->wire_version, spec, p);
		break;
	}
}

bool mapping_packet_fits(const struct pkt_spec *spec, const struct conn *s)
{
	switch (spec->l4) {
	case PKT_TCP:
		return s->type == SOCK_STREAM;
	case PKT_UDP:
		return s->type == SOCK_DGRAM;
	default:
		return true;
	}
}

struct tcp_option *mapping_find_ts(struct packet *p)
{
	for (int i = 0; i < p->opts.count; i++)
		if (p->opts.opt[i].kind == TCPO_TIMESTAMP)
			return &p->opts.opt[i];
	return NULL;
}

static void shift_sack(struct packet *p, uint32_t delta)
{
	for (int i = 0; i < p->opts.count; i++) {
		struct tcp_option *o = &p->opts.opt[i];
		if (o->kind != TCPO_SACK)
			continue;
		for (int b = 0; b < o->sack.count; b++) {
			o->sack.block[b].left += delta;
			o->sack.block[b].right += delta;
		}
	}
}

static int map_ts_ecr(const struct config *cfg, const struct conn *s, struct packet *p,
		      struct strbuf *err)
{
	struct tcp_option *ts = mapping_find_ts(p);
	uint32_t live;

	if (!ts || !(p->tcp_flags & TCPF_ACK))
		return 0;
	if (conn_ts_lookup(s, ts->ts.ecr, &live)) {
		ts->ts.ecr = live;
	} else if (cfg->tcp_ts_ecr_scaled && s->ts_base_set) {
		ts->ts.ecr = ts->ts.ecr - s->ts_first_script + s->ts_first_live;
	} else {
		strbuf_printf(err,
			      "unable to infer live TS ecr for script TS ecr %u;  no matching or "
			      "preceding outbound TS val",
			      ts->ts.ecr);
		return -1;
	}
	return 0;
}

int mapping_inbound(const struct config *cfg, const struct conn *s, const struct pkt_spec *spec,
		    struct packet *p, struct strbuf *err)
{
	p->src = s->remote_ip;
	p->dst = s->local_ip;
	p->sport = spec->has_ports && spec->sport ? spec->sport : s->remote_port;
	p->dport = spec->has_ports && spec->dport ? spec->dport : s->local_port;
	if (p->protocol != IPPROTO_TCP)
		return 0;
	bool syn = p->tcp_flags & TCPF_SYN;
	uint32_t ack_delta = syn ? s->live_local_isn - s->script_local_isn : s->live_local_isn;
	if (!syn)
		p->seq += s->remote_isn;
	if (p->tcp_flags & TCPF_ACK)
		p->ack += ack_delta;
	shift_sack(p, ack_delta);
	return map_ts_ecr(cfg, s, p, err);
}

static void map_ts_val(struct conn *s, const struct packet *script, struct packet *live)
{
	struct tcp_option *lts = mapping_find_ts(live);
	struct tcp_option *sts = mapping_find_ts((struct packet *)script);

	if (!lts || !sts)
		return;
	uint32_t live_val = lts->ts.val;
	if (!s->ts_base_set) {
		s->ts_base_set = true;
		s->ts_first_script = sts->ts.val;
		s->ts_first_live = live_val;
	}
	lts->ts.val = s->ts_first_script + (live_val - s->ts_first_live);
	conn_ts_remember(s, sts->ts.val, live_val);
}

void mapping_outbound(struct conn *s, const struct packet *script, struct packet *live)
{
	live->src = script->src;
	live->dst = script->dst;
	if (live->protocol != IPPROTO_TCP)
		return;
	bool syn = live->tcp_flags & TCPF_SYN;
	live->seq -= syn ? s->live_local_isn - s->script_local_isn : s->live_local_isn;
	if ((live->tcp_flags & TCPF_ACK) && !syn)
		live->ack -= s->remote_isn;
	if (!syn)
		shift_sack(live, -s->remote_isn);
	map_ts_val(s, script, live);
}
