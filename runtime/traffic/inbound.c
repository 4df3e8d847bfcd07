/* SPDX-License-Identifier: GPL-2.0-only */
/* inbound: builds the packet a script line describes, maps it to the live connection and injects
 * it. */
#include "runtime/traffic/inbound.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime/context/recorder.h"
#include "runtime/traffic/outer_build.h"
#include "runtime/traffic/icmp.h"
#include "runtime/traffic/mapping.h"
#include "parser/util/xalloc.h"

/* A port the kernel will not hand out itself: held by a bound socket we keep
 * open for the whole run (spec §5.9). Bound, not listening, so it does not show
 * up in ss next to the script's own sockets. */
static int reserve_port(struct run *r, uint16_t *port)
{
	int family = r->cfg->wire_version == 4 ? AF_INET : AF_INET6;
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_storage ss = {.ss_family = (sa_family_t)family};
	socklen_t len = sizeof(ss);

	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&ss,
		 family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6)) ||
	    getsockname(fd, (struct sockaddr *)&ss, &len)) {
		int e = errno;
		close(fd);
		return -e;
	}
	r->ephemeral_fds = xrealloc(r->ephemeral_fds, (r->n_ephemeral + 1) * sizeof(int));
	r->ephemeral_fds[r->n_ephemeral++] = fd;
	*port = ntohs(family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
					: ((struct sockaddr_in6 *)&ss)->sin6_port);
	return 0;
}

/* A SYN (or any TCP packet) arriving while nothing or a listener is under
 * test opens a new passive connection. */
static struct conn *new_child(struct run *r, const struct pkt_spec *spec, struct strbuf *err)
{
	struct conn *listener = r->fds.tested;
	uint16_t port = 0;
	int rc = reserve_port(r, &port);

	if (rc) {
		strbuf_printf(err, "cannot reserve a port for the remote end: %s", strerror(-rc));
		return NULL;
	}
	struct conn *s = fd_table_add_conn(&r->fds);
	s->domain = listener ? listener->domain : r->cfg->socket_family;
	s->type = SOCK_STREAM;
	s->protocol = IPPROTO_TCP;
	conn_passive_open(s, &r->cfg->live_local, r->cfg->bind_port, &r->cfg->live_remote, port,
			  spec->seq_start);
	r->fds.tested = s;
	return s;
}

/* Picks the connection the packet belongs to; its handshake moves on. */
static struct conn *inbound_conn(struct run *r, const struct pkt_spec *spec, struct strbuf *err)
{
	struct conn *s = r->fds.tested;

	if (spec->l4 == PKT_TCP && (!s || s->state == CONN_PASSIVE_LISTENING))
		return new_child(r, spec, err);
	if (!s || !s->tuple_known || !mapping_packet_fits(spec, s)) {
		strbuf_printf(err, "no matching socket for script packet");
		return NULL;
	}
	conn_script_inbound(s, spec->tcp_flags, spec->seq_start);
	return s;
}

static int inject(struct run *r, const struct packet *p, struct strbuf *err)
{
	static uint8_t buf[65536 + 256];
	int len = packet_encode(p, buf, sizeof(buf));

	if (len < 0) {
		strbuf_printf(err, "packet too large to encode");
		return -1;
	}
	uint16_t gso = p->protocol == IPPROTO_TCP ? (uint16_t)r->cfg->mss : 0;
	int rc = tun_write(&r->tun, buf, (size_t)len, gso);
	if (rc) {
		strbuf_printf(err, "cannot inject packet into %s: %s", r->tun.name, strerror(-rc));
		return -1;
	}
	if (r->rec)
		recorder_wire(r->rec, false, recorder_hash(buf, (size_t)len));
	return 0;
}

/* The recorder's item: the packet in the script's numbers (the injected one
 * carries the live ISNs), made again from the line after it left. */
static void record_injected(struct run *r, const struct event *ev, const struct conn *s)
{
	struct strbuf text = STRBUF_INIT;
	struct packet p;

	mapping_script_packet(r->cfg, ev->packet, &p);
	packet_print_short(&p, true, &text);
	if (text.len && text.s[text.len - 1] == ' ')
		text.s[--text.len] = '\0';
	recorder_packet(r->rec, REC_INBOUND, ev, r->actual, s, strbuf_take(&text));
	packet_free(&p);
}

/* PSP needs a NIC that does it: upstream runs it only in wire mode. */
static bool supported(const struct pkt_spec *spec, struct strbuf *err)
{
	if (spec->has_psp)
		strbuf_printf(err, "PSP encapsulation needs wire mode, which is not supported");
	return !spec->has_psp;
}

int inbound_inject(struct run *r, const struct event *ev)
{
	const struct pkt_spec *spec = ev->packet;
	struct strbuf err = STRBUF_INIT;
	struct packet p;
	int rc = -1;

	mapping_script_packet(r->cfg, spec, &p);
	struct conn *s = supported(spec, &err) ? inbound_conn(r, spec, &err) : NULL;
	if (s && !mapping_inbound(r->cfg, s, spec, &p, &err) &&
	    !outer_build_stack(spec, &p.outer, &err) &&
	    (spec->l4 != PKT_ICMP || !icmp_build(r->cfg, s, spec, &p, &err)) &&
	    !inject(r, &p, &err)) {
		conn_injected(s, &p);
		rc = 0;
		if (r->rec)
			record_injected(r, ev, s);
	}
	if (rc)
		run_error(r, ev, "error handling packet: %s", strbuf_str(&err));
	else if (r->cfg->verbose) {
		strbuf_reset(&err);
		packet_print_short(&p, true, &err);
		printf("inbound injected packet: %9.6f %s\n", (double)run_now(r) / 1e6,
		       strbuf_str(&err));
	}
	packet_free(&p);
	strbuf_free(&err);
	return rc;
}
