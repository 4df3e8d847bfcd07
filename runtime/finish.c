/* SPDX-License-Identifier: GPL-2.0-only */
/* finish: the end-of-script cleanup — close what the script left open, reset live connections
 * (§5.14). */
#include "runtime/finish.h"

#include <netinet/in.h>
#include <unistd.h>

static void reset_connection(struct run *r, const struct conn *s)
{
	struct packet p = {0};
	uint8_t buf[128];

	p.ip_version = (uint8_t)r->cfg->wire_version;
	p.protocol = IPPROTO_TCP;
	p.ttl = PACKET_TTL_UNSET;
	p.src = s->remote_ip;
	p.dst = s->local_ip;
	p.sport = s->remote_port;
	p.dport = s->local_port;
	p.tcp_flags = TCPF_RST | TCPF_ACK;
	if (s->injected_ack) {
		p.seq = s->in_next_seq;
		p.ack = s->in_ack;
		p.win = s->in_win;
	} else if (s->sniffed_ack) {
		p.seq = s->out_ack;
		p.ack = s->out_seq;
	} else {
		p.ack = s->out_seq + 1;
	}
	int len = packet_encode(&p, buf, sizeof(buf));
	if (len > 0)
		(void)!tun_write(&r->tun, buf, (size_t)len, 0);
}

void finish_sockets(struct run *r)
{
	for (size_t i = 0; i < r->fds.n_fds; i++) {
		struct fd_entry *e = r->fds.fds[i];
		if (e->live_fd >= 0 && !e->closed) {
			close(e->live_fd);
			e->live_fd = -1;
		}
	}
	for (size_t i = 0; i < r->fds.n_conns; i++) {
		const struct conn *c = r->fds.conns[i];
		if (r->testnet_ready && c->type == SOCK_STREAM && c->tuple_known && c->local_port &&
		    c->remote_port)
			reset_connection(r, c);
	}
	for (size_t i = 0; i < r->n_ephemeral; i++)
		close(r->ephemeral_fds[i]);
	r->n_ephemeral = 0;
}
