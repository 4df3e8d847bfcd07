/* SPDX-License-Identifier: GPL-2.0-only */
/* conn: one connection the script talks to, and its handshake state machine. */
#include "runtime/context/conn.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "parser/util/xalloc.h"
#include "runtime/context/fd_table.h"

void conn_listen(struct conn *c)
{
	c->state = CONN_PASSIVE_LISTENING;
}

void conn_connect(struct conn *c, const struct ip_addr *remote, uint16_t port)
{
	c->state = CONN_ACTIVE_CONNECTING;
	c->remote_ip = *remote;
	c->remote_port = port;
}

void conn_disconnect(struct conn *c)
{
	c->state = CONN_NEW;
}

void conn_send_to_remote(struct conn *c, bool fastopen, const struct ip_addr *remote, uint16_t port)
{
	if (c->state != CONN_NEW || (c->type != SOCK_DGRAM && !fastopen))
		return;
	conn_connect(c, remote, port);
}

void conn_dgram_bound(struct conn *c, const struct ip_addr *local, uint16_t local_port,
		      const struct ip_addr *remote, uint16_t remote_port)
{
	c->local_ip = *local;
	c->local_port = local_port;
	if (!c->remote_port) {
		c->remote_ip = *remote;
		c->remote_port = remote_port;
	}
	c->tuple_known = c->local_port != 0;
}

void conn_passive_open(struct conn *c, const struct ip_addr *local, uint16_t local_port,
		       const struct ip_addr *remote, uint16_t remote_port, uint32_t remote_isn)
{
	c->state = CONN_PASSIVE_PACKET_RECEIVED;
	c->local_ip = *local;
	c->local_port = local_port;
	c->remote_ip = *remote;
	c->remote_port = remote_port;
	c->tuple_known = true;
	c->remote_isn = remote_isn;
}

void conn_script_inbound(struct conn *c, uint16_t tcp_flags, uint32_t seq)
{
	bool syn = tcp_flags & TCPF_SYN, ack = tcp_flags & TCPF_ACK;

	if (c->state == CONN_ACTIVE_SYN_SENT && syn && ack) {
		c->remote_isn = seq;
		c->state = CONN_ACTIVE_SYN_ACKED;
	} else if (c->state == CONN_PASSIVE_SYNACK_SENT && ack) {
		c->state = CONN_PASSIVE_SYNACK_ACKED;
	}
}

void conn_injected(struct conn *c, const struct packet *p)
{
	if (p->protocol != IPPROTO_TCP || !(p->tcp_flags & TCPF_ACK))
		return;
	c->injected_ack = true;
	c->in_next_seq =
	    p->seq + p->payload_len + !!(p->tcp_flags & TCPF_SYN) + !!(p->tcp_flags & TCPF_FIN);
	c->in_ack = p->ack;
	c->in_win = p->win;
}

bool conn_script_outbound(struct conn *c, uint16_t tcp_flags, uint32_t seq)
{
	bool syn = tcp_flags & TCPF_SYN, ack = tcp_flags & TCPF_ACK;

	if (syn && !ack && c->state == CONN_ACTIVE_CONNECTING) {
		c->state = CONN_ACTIVE_SYN_SENT;
		c->script_local_isn = seq;
		return true;
	}
	if (syn && ack && c->state == CONN_PASSIVE_PACKET_RECEIVED)
		c->script_local_isn = seq;
	return false;
}

bool conn_is_connect_syn(const struct conn *c, const struct ip_addr *remote, uint16_t port,
			 const struct packet *p)
{
	return c->state == CONN_ACTIVE_SYN_SENT && p->protocol == IPPROTO_TCP &&
	       (p->tcp_flags & (TCPF_SYN | TCPF_ACK)) == TCPF_SYN && p->dport == port &&
	       ip_addr_equal(&p->dst, remote);
}

void conn_learn_connect(struct conn *c, const struct packet *p)
{
	c->local_ip = p->src;
	c->local_port = p->sport;
	c->live_local_isn = p->seq;
	c->live_local_isn_known = true;
	c->tuple_known = true;
}

void conn_sniffed(struct conn *c, const struct packet *live)
{
	if (live->protocol != IPPROTO_TCP)
		return;
	if ((live->tcp_flags & TCPF_SYN) && (live->tcp_flags & TCPF_ACK) &&
	    c->state == CONN_PASSIVE_PACKET_RECEIVED) {
		c->live_local_isn = live->seq;
		c->live_local_isn_known = true;
		c->state = CONN_PASSIVE_SYNACK_SENT;
	}
	c->sniffed_any = true;
	c->sniffed_ack = live->tcp_flags & TCPF_ACK;
	c->out_seq = live->seq + live->payload_len + !!(live->tcp_flags & TCPF_SYN) +
		     !!(live->tcp_flags & TCPF_FIN);
	c->out_ack = live->ack;
}

void conn_ts_remember(struct conn *c, uint32_t script_val, uint32_t live_val)
{
	for (size_t i = 0; i < c->n_ts_map; i++) {
		if (c->ts_map[i].script == script_val) {
			c->ts_map[i].live = live_val;
			return;
		}
	}
	c->ts_map = xrealloc(c->ts_map, (c->n_ts_map + 1) * sizeof(*c->ts_map));
	c->ts_map[c->n_ts_map++] = (struct ts_pair){script_val, live_val};
}

bool conn_ts_lookup(const struct conn *c, uint32_t script_val, uint32_t *live_val)
{
	for (size_t i = c->n_ts_map; i-- > 0;) {
		if (c->ts_map[i].script == script_val) {
			*live_val = c->ts_map[i].live;
			return true;
		}
	}
	return false;
}

int conn_live_fd(const struct conn *c)
{
	return c->fd && !c->fd->closed ? c->fd->live_fd : -1;
}

void conn_free(struct conn *c)
{
	if (!c)
		return;
	free(c->ts_map);
	free(c);
}
