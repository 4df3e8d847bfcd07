/* SPDX-License-Identifier: GPL-2.0-only */
/* outbound: sniffs the packet the kernel sends, aggregates TSO pieces, maps it to script terms and
 * verifies it (spec §5.9–5.12). */
#include "runtime/traffic/outbound.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/context/clock.h"
#include "runtime/context/recorder.h"
#include "runtime/traffic/outer_build.h"
#include "runtime/traffic/mapping.h"
#include "runtime/traffic/match.h"
#include "runtime/traffic/packet_dump.h"
#include "parser/util/xalloc.h"

enum { SNIFF_TIMEOUT = 0, SNIFF_PACKET = 1, SNIFF_FAILED = -1 };

struct sniffed {
	struct packet p;
	int64_t t;  /* script time of the kernel timestamp */
	int64_t ns; /* the kernel timestamp (CLOCK_MONOTONIC ns), for the recorder */
};

/* Waits for readable sniffer or worker news, with the run lock released. */
static int wait_readable(struct run *r, int64_t deadline)
{
	struct pollfd fds[2] = {{.fd = r->sniffer.fd, .events = POLLIN},
				{.fd = r->wake_fd, .events = POLLIN}};
	int64_t left = deadline < 0 ? -1 : deadline - clock_now_usecs();
	struct timespec ts = clock_usecs_to_ts(left > 0 ? left : 0);

	run_unlock(r);
	int n = ppoll(fds, 2, left < 0 ? NULL : &ts, NULL);
	run_lock(r);
	if (n > 0 && (fds[1].revents & POLLIN) && run_poll_worker(r))
		return SNIFF_FAILED;
	return n > 0 ? SNIFF_PACKET : SNIFF_TIMEOUT;
}

/* Next decodable outbound packet, or timeout at deadline (monotonic usecs, -1 = never). */
static int sniff_next(struct run *r, int64_t deadline, struct sniffed *out)
{
	static uint8_t buf[65536 + 256];

	for (;;) {
		size_t len;
		struct timespec stamp, now = clock_usecs_to_ts(clock_now_usecs());
		int rc = sniffer_next(&r->sniffer, buf, sizeof(buf), &len, &stamp, &now);
		if (rc < 0 && rc != -EINTR && rc != -EAGAIN)
			return SNIFF_FAILED;
		if (rc == 1) {
			tun_drain(&r->tun);
			struct strbuf err = STRBUF_INIT;
			bool ok = !packet_decode(buf, len < sizeof(buf) ? len : sizeof(buf),
						 &out->p, &err);
			strbuf_free(&err);
			if (!ok)
				continue;
			out->t = clock_ts_to_usecs(&stamp) - r->live_start;
			out->ns = (int64_t)stamp.tv_sec * 1000000000 + stamp.tv_nsec;
			return SNIFF_PACKET;
		}
		if (deadline >= 0 && clock_now_usecs() >= deadline)
			return SNIFF_TIMEOUT;
		rc = wait_readable(r, deadline);
		if (rc != SNIFF_PACKET)
			return rc;
	}
}

static bool is_icmp(const struct packet *p)
{
	return p->protocol == IPPROTO_ICMP || p->protocol == IPPROTO_ICMPV6;
}

/* Is p the kind of packet the script expects, from socket s? ICMP has no
 * ports: any ICMP message the kernel sends to the script's remote end counts
 * (IPv6 neighbour discovery and MLD go to other addresses). */
static bool is_from(const struct run *r, const struct conn *s, uint8_t protocol,
		    const struct packet *p)
{
	if (p->protocol != protocol)
		return false;
	if (is_icmp(p))
		return ip_addr_equal(&p->dst, &r->cfg->live_remote);
	return s->tuple_known && p->sport == s->local_port && p->dport == s->remote_port &&
	       ip_addr_equal(&p->src, &s->local_ip) && ip_addr_equal(&p->dst, &s->remote_ip);
}

/* Sniffs until a packet of connection s arrives (see conn_is_connect_syn()). */
static int sniff_for(struct run *r, struct conn *s, uint8_t protocol, int64_t deadline,
		     struct sniffed *out, struct strbuf *err)
{
	for (;;) {
		int rc = sniff_next(r, deadline, out);
		if (rc == SNIFF_TIMEOUT)
			strbuf_printf(err, "Timed out waiting for packet");
		if (rc != SNIFF_PACKET)
			return -1;
		bool ours = is_from(r, s, protocol, &out->p);
		if (!ours &&
		    conn_is_connect_syn(s, &r->cfg->live_remote, r->cfg->connect_port, &out->p)) {
			conn_learn_connect(s, &out->p);
			ours = true;
		}
		if (ours) {
			if (r->rec)
				recorder_wire(r->rec, true, (uint64_t)out->ns);
			return 0;
		}
		/* Anything else (another of the script's sockets, neighbour
		 * discovery ...) is skipped, as upstream does in local mode. */
		packet_free(&out->p);
	}
}

/* Appends a follow-on piece: headers of the last, seq and CWR of the first. */
static void merge_piece(struct packet *p, struct packet *next)
{
	uint32_t total = p->payload_len + next->payload_len, seq = p->seq;
	uint16_t cwr = p->tcp_flags & TCPF_CWR;

	p->payload = xrealloc(p->payload, total);
	memcpy(p->payload + p->payload_len, next->payload, next->payload_len);
	free(next->payload);
	next->payload = p->payload;
	*p = *next;
	next->payload = NULL;
	next->payload_len = 0;
	p->payload_len = total;
	p->seq = seq;
	p->tcp_flags = (uint16_t)((p->tcp_flags & ~TCPF_CWR) | cwr);
	p->ip_total_len =
	    (uint16_t)((p->ip_version == 4 ? p->ip_header_len : 0) + p->tcp_doff * 4 + total);
}

static int piece_field(struct strbuf *err, const char *name, uint32_t want, uint32_t got)
{
	if (want == got)
		return 0;
	strbuf_printf(err, "live packet field %s: expected: %u (0x%x) vs actual: %u (0x%x)", name,
		      want, want, got, got);
	return -1;
}

/* A follow-on piece must continue the previous one: next sequence number,
 * same ack, window and flags (PSH and FIN may come with the last piece only),
 * and every piece but the last as long as the one before. */
static int check_piece(const struct conn *s, const struct packet *prev, uint32_t prev_len,
		       const struct packet *next, uint32_t total, uint32_t want, struct strbuf *err)
{
	uint16_t mask = (uint16_t) ~(TCPF_PSH | TCPF_FIN);
	uint32_t seq0 = s->live_local_isn, ack0 = s->remote_isn; /* show script values */

	if (piece_field(err, "tcp_seq", prev->seq + total - seq0, next->seq - seq0) ||
	    piece_field(err, "tcp_ack_seq", prev->ack - ack0, next->ack - ack0) ||
	    piece_field(err, "tcp_window", prev->win, next->win) ||
	    piece_field(err, "tcp_flags", prev->tcp_flags & mask, next->tcp_flags & mask))
		return -1;
	if (total + next->payload_len < want && next->payload_len != prev_len) {
		strbuf_printf(err,
			      "fragment payload: expected %u bytes vs actual %u bytes; total "
			      "payload: expected %u bytes vs actual %u bytes",
			      prev_len, next->payload_len, want, total + next->payload_len);
		return -1;
	}
	return 0;
}

static bool same_tuple(const struct packet *a, const struct packet *b)
{
	return a->sport == b->sport && a->dport == b->dport && ip_addr_equal(&a->src, &b->src) &&
	       ip_addr_equal(&a->dst, &b->dst);
}

/* Joins TSO/GSO pieces until the script's payload length is reached (spec
 * §5.11); the merged packet carries the time of its last piece. Then the
 * payload length must be the script's (with --strict_segments too). */
static int aggregate(struct run *r, struct conn *s, int64_t deadline, uint32_t want,
		     struct sniffed *first, struct strbuf *err)
{
	struct packet *p = &first->p;
	uint32_t piece_len = p->payload_len;

	while (!r->cfg->strict_segments && p->protocol == IPPROTO_TCP && p->payload_len < want) {
		struct sniffed next;
		if (sniff_for(r, s, IPPROTO_TCP, deadline, &next, err))
			return -1;
		if (!same_tuple(p, &next.p)) { /* the socket learned a new tuple: start anew */
			packet_free(p);
			*first = next;
			piece_len = p->payload_len;
			continue;
		}
		int rc = check_piece(s, p, piece_len, &next.p, p->payload_len, want, err);
		if (!rc) {
			piece_len = next.p.payload_len;
			first->t = next.t;
			merge_piece(p, &next.p);
		}
		packet_free(&next.p);
		if (rc)
			return -1;
	}
	if (p->protocol != IPPROTO_TCP || p->payload_len == want)
		return 0;
	strbuf_printf(err, "live packet payload: expected %u bytes vs actual %u bytes", want,
		      p->payload_len);
	return -1;
}

/* The connection an outbound script packet belongs to; its handshake moves on. */
static struct conn *outbound_conn(struct run *r, const struct pkt_spec *spec, struct packet *script,
				  struct strbuf *err)
{
	struct conn *s = r->fds.tested;

	if (spec->has_psp) {
		strbuf_printf(err, "PSP encapsulation needs wire mode, which is not supported");
		return NULL;
	}
	if (outer_build_stack(spec, &script->outer, err))
		return NULL;
	if (s && spec->l4 == PKT_TCP && conn_script_outbound(s, spec->tcp_flags, spec->seq_start))
		return s; /* a connecting socket's SYN: its tuple is learned from it */
	if (!s || !mapping_packet_fits(spec, s) ||
	    (!s->tuple_known && s->state != CONN_ACTIVE_SYN_SENT && spec->l4 != PKT_ICMP)) {
		strbuf_printf(err, "no matching socket for script packet");
		return NULL;
	}
	return s;
}

/* floor(max(E - prev, E_end - prev) s) + 2 s after now; "*" waits forever. */
static int64_t sniff_deadline(const struct run *r, const struct when *w)
{
	if (w->kind == TIME_ANY)
		return -1;
	int64_t prev = r->prev ? r->prev_time : 0;
	int64_t span = w->end - prev > w->start - prev ? w->end - prev : w->start - prev;
	return clock_now_usecs() + (span > 0 ? span / 1000000 : 0) * 1000000 + 2000000;
}

/* The recorder's item of a packet (script-relative numbers), text without
 * the trailing blank. */
static void record(struct run *r, enum rec_kind kind, const struct event *ev, int64_t t,
		   const struct packet *p, bool show_win, bool failed)
{
	struct strbuf text = STRBUF_INIT;

	packet_print_short(p, show_win, &text);
	if (text.len && text.s[text.len - 1] == ' ')
		text.s[--text.len] = '\0';
	recorder_packet(r->rec, kind, ev, t, r->fds.tested, strbuf_take(&text))->failed = failed;
}

/* miss: how late (> 0) or early (< 0) the packet came, for a timing error. */
static void report(struct run *r, const struct event *ev, const struct packet *script,
		   const struct when *w, const struct sniffed *got, const char *msg, int64_t miss)
{
	struct strbuf out = STRBUF_INIT;

	if (r->rec && got)
		record(r, REC_OUTBOUND, ev, got->t, &got->p, true, true);
	if (r->rec)
		record(r, REC_EXPECTED, ev, w->start, script, ev->packet->has_win, true);
	if (got)
		packet_dump(ev->packet, script, w->start, &got->p, got->t, msg, &out);
	if (r->cfg->non_fatal_packet && got)
		run_warn(r, ev, "warning handling packet: %s\n%s", msg, strbuf_str(&out));
	else if (miss)
		run_timing_error(r, ev, miss, false, "error handling packet: %s\n%s", msg,
				 strbuf_str(&out));
	else
		run_error(r, ev, "error handling packet: %s%s%s", msg, got ? "\n" : "",
			  strbuf_str(&out));
	strbuf_free(&out);
}

/* A script flow label stands for whatever live label the kernel picked: the
 * same script label must always map to the same live one, and a different
 * script label to a different live one. */
static int check_flowlabel(struct conn *s, const struct pkt_spec *spec, const struct packet *live,
			   struct strbuf *err)
{
	if (!spec->ip.has_flowlabel || !spec->ip.flowlabel || live->ip_version != 6)
		return 0;
	if (!live->flowlabel) {
		strbuf_printf(err, "flowlabel unmarked in the live packet");
		return -1;
	}
	for (size_t i = 0; i < s->n_flows; i++) {
		bool same_script = s->flow_script[i] == spec->ip.flowlabel;
		bool same_live = s->flow_live[i] == live->flowlabel;
		if (same_script && !same_live) {
			strbuf_printf(err,
				      "inconsistent flowlabels for this packet: expected: 0x%x vs "
				      "actual: 0x%x",
				      s->flow_live[i], live->flowlabel);
			return -1;
		}
		if (!same_script && same_live) {
			strbuf_printf(err, "expected a different flowlabel but got the same");
			return -1;
		}
		if (same_script)
			return 0;
	}
	if (s->n_flows < 4) {
		s->flow_script[s->n_flows] = spec->ip.flowlabel;
		s->flow_live[s->n_flows++] = live->flowlabel;
	}
	return 0;
}

static int verify(struct run *r, const struct event *ev, const struct when *w,
		  struct packet *script, struct sniffed *got, struct strbuf *err)
{
	struct conn *s = r->fds.tested;

	r->actual = got->t;
	mapping_outbound(s, script, &got->p);
	/* spec §4.7: the TS tolerance grows with the time since the script start */
	int64_t ts_tolerance = timing_tolerance(r->cfg, w->start, true, 0);

	int64_t miss = 0;
	if (match_packet(r->cfg, ev->packet, script, &got->p, ts_tolerance, err) ||
	    check_flowlabel(s, ev->packet, &got->p, err) ||
	    (timing_check(r->cfg, "outbound packet", w, got->t, r->prev != NULL, r->prev_time,
			  err) &&
	     (miss = timing_miss(r->cfg, w, got->t, r->prev != NULL, r->prev_time), true))) {
		report(r, ev, script, w, got, strbuf_str(err), miss);
		return r->cfg->non_fatal_packet ? 0 : -1;
	}
	if (r->cfg->verbose) {
		strbuf_reset(err);
		packet_print_short(&got->p, true, err);
		printf("outbound sniffed packet: %9.6f %s\n", (double)got->t / 1e6,
		       strbuf_str(err));
	}
	if (r->rec)
		record(r, REC_OUTBOUND, ev, got->t, &got->p, true, false);
	return 0;
}

int outbound_expect(struct run *r, const struct event *ev, const struct when *w)
{
	struct strbuf err = STRBUF_INIT;
	struct packet script;
	struct sniffed got = {0};
	int rc = -1;

	mapping_script_packet(r->cfg, ev->packet, &script);
	int64_t deadline = sniff_deadline(r, w);
	struct conn *s = outbound_conn(r, ev->packet, &script, &err);
	if (!s || sniff_for(r, s, script.protocol, deadline, &got, &err) ||
	    aggregate(r, s, deadline, script.payload_len, &got, &err)) {
		if (!r->failed)
			report(r, ev, &script, w, NULL, strbuf_str(&err), 0);
	} else {
		conn_sniffed(s, &got.p);
		rc = verify(r, ev, w, &script, &got, &err);
	}
	packet_free(&script);
	packet_free(&got.p);
	strbuf_free(&err);
	return rc;
}
