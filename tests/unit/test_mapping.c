/* SPDX-License-Identifier: GPL-2.0-only */
/* test_mapping: unit tests for script↔live mapping of tuples, ISNs, SACK and timestamps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "netdev/packet/packet.h"
#include "runtime/context/config.h"
#include "runtime/context/fd_table.h"
#include "runtime/traffic/mapping.h"
#include "parser/util/strbuf.h"

#include "tests/unit/rows.h"

#define LIVE_LOCAL_PORT 8080
#define LIVE_REMOTE_PORT 40000

/* The configuration, the socket table and the socket under test. */
struct fixture {
	struct config cfg;
	struct fd_table fds;
	struct conn *s;
};

static struct fixture *fixture_new(const char *ip_version, bool ecr_scaled)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct strbuf err = STRBUF_INIT;

	assert_non_null(f);
	config_init(&f->cfg);
	assert_int_equal(config_set(&f->cfg, "ip_version", ip_version, &err), 0);
	assert_int_equal(
	    config_set(&f->cfg, "local_ip",
		       strcmp(ip_version, "ipv6") ? "192.168.7.7" : "fd3d:fa7b:d17d::7", &err),
	    0);
	if (ecr_scaled)
		assert_int_equal(config_set(&f->cfg, "tcp_ts_ecr_scaled", NULL, &err), 0);
	assert_int_equal(config_finalize(&f->cfg, &err), 0);
	strbuf_free(&err);

	f->s = fd_table_add(&f->fds, FD_SOCKET, 3, 4)->conn;
	f->s->local_ip = f->cfg.live_local;
	f->s->remote_ip = f->cfg.live_remote;
	f->s->local_port = LIVE_LOCAL_PORT;
	f->s->remote_port = LIVE_REMOTE_PORT;
	f->s->tuple_known = true;
	f->fds.tested = f->s;
	return f;
}

static void fixture_free(struct fixture *f)
{
	fd_table_free(&f->fds);
	config_free(&f->cfg);
	free(f);
}

static void set_isns(struct conn *s, uint32_t risn, uint32_t lisn_s, uint32_t lisn_l)
{
	s->remote_isn = risn;
	s->script_local_isn = lisn_s;
	s->live_local_isn = lisn_l;
	s->live_local_isn_known = true;
}

/* A TCP script line: flags, start:start+len(len), ack, win 1000, no options. */
static void tcp_spec(struct pkt_spec *sp, enum pkt_direction dir, uint16_t flags, uint32_t seq,
		     uint16_t len, uint32_t ack)
{
	memset(sp, 0, sizeof(*sp));
	sp->dir = dir;
	sp->l4 = PKT_TCP;
	sp->ip.ecn = ECN_NONE;
	sp->tcp_flags = flags;
	sp->ace = -1;
	sp->seq_start = seq;
	sp->seq_end = seq + len;
	sp->payload_len = len;
	sp->has_ack = flags & TCPF_ACK;
	sp->ack = ack;
	sp->has_win = true;
	sp->win = 1000;
}

static void add_nop(struct tcp_options *o)
{
	o->opt[o->count++] = (struct tcp_option){.kind = TCPO_NOP, .len = 1};
}

static void add_ts(struct tcp_options *o, uint32_t val, uint32_t ecr)
{
	struct tcp_option *t = &o->opt[o->count++];

	memset(t, 0, sizeof(*t));
	t->kind = TCPO_TIMESTAMP;
	t->len = 10;
	t->ts.val = val;
	t->ts.ecr = ecr;
}

/* Adds a SACK option with n blocks from pairs[] (left, right, left, right …). */
static void add_sack(struct tcp_options *o, int n, const uint32_t *pairs)
{
	struct tcp_option *t = &o->opt[o->count++];

	memset(t, 0, sizeof(*t));
	t->kind = TCPO_SACK;
	t->len = (uint8_t)(2 + 8 * n);
	t->sack.count = (uint8_t)n;
	for (int i = 0; i < n; i++) {
		t->sack.block[i].left = pairs[2 * i];
		t->sack.block[i].right = pairs[2 * i + 1];
	}
}

/* A sniffed packet as the kernel sent it: live tuple, seq, ack, flags. */
static void live_tcp(const struct fixture *f, struct packet *p, uint16_t flags, uint32_t seq,
		     uint32_t ack, uint32_t payload_len)
{
	memset(p, 0, sizeof(*p));
	p->ip_version = (uint8_t)f->cfg.wire_version;
	p->protocol = IPPROTO_TCP;
	p->src = f->s->local_ip;
	p->dst = f->s->remote_ip;
	p->sport = LIVE_LOCAL_PORT;
	p->dport = LIVE_REMOTE_PORT;
	p->tcp_flags = flags;
	p->seq = seq;
	p->ack = ack;
	p->win = 502;
	p->payload_len = payload_len;
	p->payload = payload_len ? calloc(1, payload_len) : NULL;
}

/* Maps an inbound script line; returns mapping_inbound's result. */
static int map_in(struct fixture *f, const struct pkt_spec *sp, struct packet *p,
		  struct strbuf *err)
{
	mapping_script_packet(&f->cfg, sp, p);
	return mapping_inbound(&f->cfg, f->s, sp, p, err);
}

/* ---- sequence and ack numbers ---- */

#define S TCPF_SYN
#define A TCPF_ACK
#define R TCPF_RST
#define F TCPF_FIN
#define P TCPF_PSH

/* An inbound line with the ISNs in force, and the live seq/ack to inject. */
struct in_case {
	const char *what;
	uint16_t flags;
	uint32_t seq, ack;
	uint32_t risn, lisn_s, lisn_l;
	uint32_t want_seq, want_ack;
};

/* clang-format off */
static const struct in_case in_cases[] = {
	/* passive open: the remote ISN is the SYN's own sequence */
	{ "< S 0:0(0)", S, 0, 0, 0, 0, 0, 0, 0 },
	{ "< S 1428932:1428932(0)", S, 1428932, 0, 1428932, 0, 0, 1428932, 0 },
	{ "< S 0:0(0) ack 5 (no ACK flag: ack kept)", S, 0, 5, 0, 0, 0xabcdef00, 0, 5 },
	/* then the handshake ACK, once the live local ISN is known */
	{ "< . 1:1(0) ack 1", A, 1, 1, 0, 0, 0xabcdef00, 1, 0xabcdef01 },
	{ "< . 1:1(0) ack 1 (spec example)", A, 1, 1, 1428932, 0, 3000000000u,
	  1428933, 3000000001u },
	{ "< P. 1:1001(1000) ack 1", P | A, 1, 1, 7, 0, 100, 8, 101 },
	{ "< F. 1001:1001(0) ack 2001", F | A, 1001, 2001, 7, 0, 100, 1008, 2101 },
	/* active open: SYN-ACK ack is offset by the ISN difference */
	{ "< S. 0:0(0) ack 1", S | A, 0, 1, 0, 0, 0x12345678, 0, 0x12345679 },
	{ "< S. 0:0(0) ack 101 (script ISN 100)", S | A, 0, 101, 0, 100, 0x12345678, 0,
	  0x12345679 },
	{ "< S. 5000:5000(0) ack 1", S | A, 5000, 1, 5000, 0, 77, 5000, 78 },
	/* no ACK flag: the ack field is sent as written */
	{ "< R 1:1(0)", R, 1, 0, 1000, 0, 50, 1001, 0 },
	{ "< R 1:1(0) ack 9", R, 1, 9, 1000, 0, 50, 1001, 9 },
	/* arithmetic is mod 2^32 */
	{ "< . 32:32(0) ack 1 (remote ISN wraps)", A, 32, 1, 0xfffffff0, 0, 0xffffffff, 0x10, 0 },
	{ "< . 1:1(0) ack 4096 (local ISN wraps)", A, 1, 4096, 0xffffffff, 0, 0xfffff000, 0,
	  0 },
	{ "< S. 0:0(0) ack 4294967295 (ISN difference wraps)", S | A, 0, 0xffffffff, 0,
	  0xfffffffe, 5, 0, 6 },
	{ "< S. 0:0(0) ack 1001 (live ISN below script ISN)", S | A, 0, 1001, 0, 1000, 10, 0,
	  11 },
	{ "< S. 0:0(0) ack 1 (below both ISNs)", S | A, 0, 1, 0, 1000, 10, 0, 0xfffffc23 },
};
/* clang-format on */

static void test_inbound_seq_ack(void **state)
{
	struct fixture *f = fixture_new("ipv4", false);

	for (size_t i = 0; i < ARRAY_SIZE(in_cases); i++) {
		const struct in_case *t = &in_cases[i];
		struct strbuf err = STRBUF_INIT;
		struct pkt_spec sp;
		struct packet p;

		set_isns(f->s, t->risn, t->lisn_s, t->lisn_l);
		tcp_spec(&sp, PKT_INBOUND, t->flags, t->seq, 0, t->ack);
		sp.payload_len = (uint16_t)(t->flags & P ? 1000 : 0);
		int rc = map_in(f, &sp, &p, &err);
		if (rc || p.seq != t->want_seq || p.ack != t->want_ack)
			ROW_FAIL("%s: rc %d '%s' seq %u ack %u, want seq %u ack %u", t->what, rc,
				 strbuf_str(&err), p.seq, p.ack, t->want_seq, t->want_ack);
		if (p.tcp_flags != t->flags || p.win != 1000)
			ROW_FAIL("%s: flags 0x%x win %u changed", t->what, p.tcp_flags, p.win);
		packet_free(&p);
		strbuf_free(&err);
	}
	ROWS_DONE();
	fixture_free(f);
}

/* A sniffed packet with the ISNs in force, and the seq/ack in script terms. */
struct out_case {
	const char *what;
	uint16_t flags;
	uint32_t seq, ack;
	uint32_t risn, lisn_s, lisn_l;
	uint32_t want_seq, want_ack;
};

/* clang-format off */
static const struct out_case out_cases[] = {
	/* passive open: SYN-ACK seq relative to the script's ISN, ack absolute */
	{ "> S. 0:0(0) ack 1", S | A, 0xabcdef00, 1, 0, 0, 0xabcdef00, 0, 1 },
	{ "> S. 0:0(0) ack 1428933 (spec example)", S | A, 3000000000u, 1428933, 1428932, 0,
	  3000000000u, 0, 1428933 },
	{ "> S. 1000:1000(0) ack 1 (script ISN 1000)", S | A, 0x77, 1, 0, 1000, 0x77, 1000, 1 },
	/* active open: the SYN carries no ACK; ack field passes through */
	{ "> S 0:0(0)", S, 0x12345678, 0, 0, 0, 0x12345678, 0, 0 },
	{ "> S 0:0(0) (ack field set, no ACK flag)", S, 0x12345678, 0xdead, 0, 0, 0x12345678,
	  0, 0xdead },
	/* established: both relative */
	{ "> . 1:1(0) ack 1", A, 0xabcdef01, 1, 0, 0, 0xabcdef00, 1, 1 },
	{ "> P. 1:1001(1000) ack 1", P | A, 101, 8, 7, 0, 100, 1, 1 },
	{ "> F. 1001:1001(0) ack 2001", F | A, 1101, 2008, 7, 0, 100, 1001, 2001 },
	{ "> . 1:1(0) ack 1428933 (spec example)", A, 3000000001u, 1428933, 1428932, 0,
	  3000000000u, 1, 1 },
	/* no ACK flag: the ack field is left alone */
	{ "> R 1:1(0)", R, 51, 0, 1000, 0, 50, 1, 0 },
	{ "> R 1:1(0) (stale ack field)", R, 51, 77777, 1000, 0, 50, 1, 77777 },
	/* mod 2^32 */
	{ "> P. 1:1001(1000) ack 1 (local ISN wraps)", P | A, 0x00000001, 0x10, 0xfffffff0, 0,
	  0xffffff00, 0x101, 0x20 },
	{ "> S. 0:0(0) (live ISN below script ISN)", S | A, 10, 1, 0, 1000, 10, 1000, 1 },
};
/* clang-format on */

static void test_outbound_seq_ack(void **state)
{
	struct fixture *f = fixture_new("ipv4", false);

	for (size_t i = 0; i < ARRAY_SIZE(out_cases); i++) {
		const struct out_case *t = &out_cases[i];
		struct pkt_spec sp;
		struct packet script, live;

		set_isns(f->s, t->risn, t->lisn_s, t->lisn_l);
		tcp_spec(&sp, PKT_OUTBOUND, t->flags, t->want_seq, 0, t->want_ack);
		mapping_script_packet(&f->cfg, &sp, &script);
		live_tcp(f, &live, t->flags, t->seq, t->ack, 0);
		mapping_outbound(f->s, &script, &live);
		if (live.seq != t->want_seq || live.ack != t->want_ack)
			ROW_FAIL("%s: seq %u ack %u, want seq %u ack %u", t->what, live.seq,
				 live.ack, t->want_seq, t->want_ack);
		if (live.win != 502 || live.tcp_flags != t->flags)
			ROW_FAIL("%s: win %u flags 0x%x changed", t->what, live.win,
				 live.tcp_flags);
		packet_free(&script);
		packet_free(&live);
	}
	ROWS_DONE();
	fixture_free(f);
}

/* A whole passive open followed by data in both directions, stepping the
 * socket as the runtime does. */
static void test_passive_open_flow(void **state)
{
	struct fixture *f = fixture_new("ipv4", false);
	struct strbuf err = STRBUF_INIT;
	struct pkt_spec sp;
	struct packet script, p;

	/* < S 1428932:1428932(0) win 1000: the remote ISN comes from the SYN */
	set_isns(f->s, 1428932, 0, 0);
	f->s->live_local_isn_known = false;
	tcp_spec(&sp, PKT_INBOUND, S, 1428932, 0, 0);
	assert_int_equal(map_in(f, &sp, &p, &err), 0);
	assert_int_equal(p.seq, 1428932);
	assert_int_equal(p.ack, 0);
	packet_free(&p);

	/* > S. 0:0(0) ack 1428933: the kernel picked 0x89abcdef */
	f->s->live_local_isn = 0x89abcdef;
	f->s->live_local_isn_known = true;
	tcp_spec(&sp, PKT_OUTBOUND, S | A, 0, 0, 1428933);
	mapping_script_packet(&f->cfg, &sp, &script);
	live_tcp(f, &p, S | A, 0x89abcdef, 1428933, 0);
	mapping_outbound(f->s, &script, &p);
	assert_int_equal(p.seq, 0);
	assert_int_equal(p.ack, 1428933);
	packet_free(&script);
	packet_free(&p);

	/* < . 1:1(0) ack 1 */
	tcp_spec(&sp, PKT_INBOUND, A, 1, 0, 1);
	assert_int_equal(map_in(f, &sp, &p, &err), 0);
	assert_int_equal(p.seq, 1428933);
	assert_int_equal(p.ack, 0x89abcdf0);
	packet_free(&p);

	/* > P. 1:1001(1000) ack 1 */
	tcp_spec(&sp, PKT_OUTBOUND, P | A, 1, 1000, 1);
	mapping_script_packet(&f->cfg, &sp, &script);
	live_tcp(f, &p, P | A, 0x89abcdf0, 1428933, 1000);
	mapping_outbound(f->s, &script, &p);
	assert_int_equal(p.seq, 1);
	assert_int_equal(p.ack, 1);
	assert_int_equal(p.payload_len, 1000);
	packet_free(&script);
	packet_free(&p);

	/* < . 1:1(0) ack 1001 */
	tcp_spec(&sp, PKT_INBOUND, A, 1, 0, 1001);
	assert_int_equal(map_in(f, &sp, &p, &err), 0);
	assert_int_equal(p.seq, 1428933);
	assert_int_equal(p.ack, 0x89abcdef + 1001);
	packet_free(&p);

	assert_string_equal(strbuf_str(&err), "");
	strbuf_free(&err);
	fixture_free(f);
}

/* Mapping a packet in and its echo back out gives the script's numbers again. */
static void test_round_trip(void **state)
{
	static const uint32_t isns[][3] = {
	    {0, 0, 0},
	    {1, 2, 3},
	    {0xffffffff, 0xfffffffe, 0x7fffffff},
	    {0x80000000, 0, 0xffffffff},
	};
	struct fixture *f = fixture_new("ipv4", false);

	for (size_t i = 0; i < ARRAY_SIZE(isns); i++) {
		struct strbuf err = STRBUF_INIT;
		struct pkt_spec sp;
		struct packet in, script, out;

		set_isns(f->s, isns[i][0], isns[i][1], isns[i][2]);
		/* the kernel acks what we injected, from its side of the numbers */
		tcp_spec(&sp, PKT_INBOUND, P | A, 501, 100, 301);
		assert_int_equal(map_in(f, &sp, &in, &err), 0);
		tcp_spec(&sp, PKT_OUTBOUND, A, 301, 0, 601);
		mapping_script_packet(&f->cfg, &sp, &script);
		live_tcp(f, &out, A, in.ack, in.seq + 100, 0);
		mapping_outbound(f->s, &script, &out);
		if (out.seq != 301 || out.ack != 601)
			ROW_FAIL("isns %u/%u/%u: seq %u ack %u, want 301 601", isns[i][0],
				 isns[i][1], isns[i][2], out.seq, out.ack);
		packet_free(&in);
		packet_free(&script);
		packet_free(&out);
		strbuf_free(&err);
	}
	ROWS_DONE();
	fixture_free(f);
}

/* ---- SACK blocks ---- */

/* SACK blocks of one packet in both numberings, with the ISNs in force. */
struct sack_case {
	const char *what;
	enum pkt_direction dir;
	uint16_t flags;
	uint32_t risn, lisn_s, lisn_l;
	int n;
	uint32_t in[8], want[8];
};

/* clang-format off */
static const struct sack_case sack_cases[] = {
	/* inbound: SACK blocks acknowledge the kernel's data, so they move
	 * like the ack: by the live local ISN */
	{ "< . ack 1 <sack 1001:2001>", PKT_INBOUND, A, 5, 0, 1000000, 1,
	  { 1001, 2001 }, { 1001001, 1002001 } },
	{ "< . ack 1 <sack 3 blocks>", PKT_INBOUND, A, 5, 0, 1000000, 3,
	  { 1001, 2001, 3001, 4001, 5001, 6001 },
	  { 1001001, 1002001, 1003001, 1004001, 1005001, 1006001 } },
	{ "< . ack 1 <sack 4 blocks>", PKT_INBOUND, A, 0, 0, 10, 4,
	  { 1, 2, 3, 4, 5, 6, 7, 8 }, { 11, 12, 13, 14, 15, 16, 17, 18 } },
	/* ... even without the ACK flag */
	{ "< R <sack 1001:2001>", PKT_INBOUND, R, 5, 0, 1000000, 1,
	  { 1001, 2001 }, { 1001001, 1002001 } },
	/* ... and on a SYN by the ISN difference */
	{ "< S. ack 1 <sack 11:21>", PKT_INBOUND, S | A, 0, 1, 101, 1,
	  { 11, 21 }, { 111, 121 } },
	{ "< . <sack> wraps", PKT_INBOUND, A, 0, 0, 0xfffffc00, 1,
	  { 1001, 2001 }, { 0xffffffe9, 0x3d1 } },
	/* outbound: the kernel's SACK blocks acknowledge our data: minus the
	 * remote ISN */
	{ "> . ack 1 <sack 1001:2001>", PKT_OUTBOUND, A, 5000, 0, 77, 1,
	  { 6001, 7001 }, { 1001, 2001 } },
	{ "> . ack 1 <sack 2 blocks> wraps", PKT_OUTBOUND, A, 0xfffffff0, 0, 77, 2,
	  { 0x10, 0x20, 0xfffffff8, 0xfffffffc }, { 0x20, 0x30, 8, 12 } },
	/* outbound SYN: absolute, left alone */
	{ "> S. <sack 7:9>", PKT_OUTBOUND, S | A, 5000, 0, 77, 1,
	  { 7, 9 }, { 7, 9 } },
};
/* clang-format on */

static void test_sack_blocks(void **state)
{
	struct fixture *f = fixture_new("ipv4", false);

	for (size_t i = 0; i < ARRAY_SIZE(sack_cases); i++) {
		const struct sack_case *t = &sack_cases[i];
		struct strbuf err = STRBUF_INIT;
		struct pkt_spec sp;
		struct packet script, live, *p = &live;

		set_isns(f->s, t->risn, t->lisn_s, t->lisn_l);
		tcp_spec(&sp, t->dir, t->flags, 1, 0, 1);
		add_nop(&sp.opts);
		add_nop(&sp.opts);
		if (t->dir == PKT_INBOUND) {
			add_sack(&sp.opts, t->n, t->in);
			assert_int_equal(map_in(f, &sp, &live, &err), 0);
			memset(&script, 0, sizeof(script));
		} else {
			add_sack(&sp.opts, t->n, t->want);
			mapping_script_packet(&f->cfg, &sp, &script);
			live_tcp(f, &live, t->flags, 1, 1, 0);
			add_nop(&live.opts);
			add_nop(&live.opts);
			add_sack(&live.opts, t->n, t->in);
			mapping_outbound(f->s, &script, &live);
		}
		const struct tcp_option *o = &p->opts.opt[2];
		if (p->opts.count != 3 || o->kind != TCPO_SACK || o->sack.count != t->n)
			ROW_FAIL("%s: option list changed", t->what);
		for (int b = 0; b < t->n; b++)
			if (o->sack.block[b].left != t->want[2 * b] ||
			    o->sack.block[b].right != t->want[2 * b + 1])
				ROW_FAIL("%s: block %d is %u:%u, want %u:%u", t->what, b,
					 o->sack.block[b].left, o->sack.block[b].right,
					 t->want[2 * b], t->want[2 * b + 1]);
		packet_free(&script);
		packet_free(&live);
		strbuf_free(&err);
	}
	ROWS_DONE();
	fixture_free(f);
}

/* ---- tuples and ports ---- */

static void test_inbound_tuple_and_ports(void **state)
{
	static const struct {
		const char *family;
		bool has_ports;
		uint16_t sport, dport;
		uint16_t want_sport, want_dport;
	} cases[] = {
	    {"ipv4", false, 0, 0, LIVE_REMOTE_PORT, LIVE_LOCAL_PORT},
	    {"ipv4", true, 0, 0, LIVE_REMOTE_PORT, LIVE_LOCAL_PORT},
	    {"ipv4", true, 9999, 0, 9999, LIVE_LOCAL_PORT},
	    {"ipv4", true, 0, 80, LIVE_REMOTE_PORT, 80},
	    {"ipv4", true, 1234, 5678, 1234, 5678},
	    {"ipv6", true, 1234, 5678, 1234, 5678},
	    {"ipv6", false, 0, 0, LIVE_REMOTE_PORT, LIVE_LOCAL_PORT},
	    {"ipv4-mapped-ipv6", false, 0, 0, LIVE_REMOTE_PORT, LIVE_LOCAL_PORT},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct fixture *f = fixture_new(cases[i].family, false);
		struct strbuf err = STRBUF_INIT;
		struct pkt_spec sp;
		struct packet p;

		set_isns(f->s, 100, 0, 200);
		tcp_spec(&sp, PKT_INBOUND, A, 1, 0, 1);
		sp.has_ports = cases[i].has_ports;
		sp.sport = cases[i].sport;
		sp.dport = cases[i].dport;
		assert_int_equal(map_in(f, &sp, &p, &err), 0);
		if (p.sport != cases[i].want_sport || p.dport != cases[i].want_dport)
			ROW_FAIL("case %zu: ports %u>%u, want %u>%u", i, p.sport, p.dport,
				 cases[i].want_sport, cases[i].want_dport);
		if (!ip_addr_equal(&p.src, &f->cfg.live_remote) ||
		    !ip_addr_equal(&p.dst, &f->cfg.live_local))
			ROW_FAIL("case %zu: addresses are not remote > local", i);
		if (p.ip_version != f->cfg.wire_version)
			ROW_FAIL("case %zu: IP version %u", i, p.ip_version);
		packet_free(&p);
		strbuf_free(&err);
		fixture_free(f);
	}
	ROWS_DONE();
}

/* Outbound: the live addresses give way to the script's, so they are never
 * compared; the numbers of a UDP packet are left alone. */
static void test_outbound_tuple(void **state)
{
	struct fixture *f = fixture_new("ipv4", false);
	struct pkt_spec sp;
	struct packet script, live;

	set_isns(f->s, 100, 0, 200);
	tcp_spec(&sp, PKT_OUTBOUND, A, 1, 0, 1);
	mapping_script_packet(&f->cfg, &sp, &script);
	live_tcp(f, &live, A, 201, 101, 0);
	mapping_outbound(f->s, &script, &live);
	assert_true(ip_addr_equal(&live.src, &script.src));
	assert_true(ip_addr_equal(&live.dst, &script.dst));
	packet_free(&script);
	packet_free(&live);

	memset(&sp, 0, sizeof(sp));
	sp.dir = PKT_OUTBOUND;
	sp.l4 = PKT_UDP;
	sp.ip.ecn = ECN_NONE;
	sp.udp_len = 10;
	mapping_script_packet(&f->cfg, &sp, &script);
	live_tcp(f, &live, 0, 0, 0, 10);
	live.protocol = IPPROTO_UDP;
	live.seq = 12345;
	mapping_outbound(f->s, &script, &live);
	assert_int_equal(live.seq, 12345);
	assert_true(ip_addr_equal(&live.src, &script.src));
	packet_free(&script);
	packet_free(&live);
	fixture_free(f);
}

/* ---- timestamps ---- */

/* Sniffs one outbound packet whose script line says TS val sval and whose live
 * TS val is lval; returns the val the comparison will see. */
static uint32_t out_ts(struct fixture *f, uint32_t sval, uint32_t lval, uint32_t lecr)
{
	struct pkt_spec sp;
	struct packet script, live;

	tcp_spec(&sp, PKT_OUTBOUND, A, 1, 0, 1);
	add_nop(&sp.opts);
	add_nop(&sp.opts);
	add_ts(&sp.opts, sval, 0);
	mapping_script_packet(&f->cfg, &sp, &script);
	live_tcp(f, &live, A, f->s->live_local_isn + 1, f->s->remote_isn + 1, 0);
	add_nop(&live.opts);
	add_nop(&live.opts);
	add_ts(&live.opts, lval, lecr);
	mapping_outbound(f->s, &script, &live);
	struct tcp_option *ts = mapping_find_ts(&live);
	assert_non_null(ts);
	/* the outbound ecr is never remapped */
	assert_int_equal(ts->ts.ecr, lecr);
	uint32_t val = ts->ts.val;
	packet_free(&script);
	packet_free(&live);
	return val;
}

/* Injects a line with TS ecr; returns mapping_inbound's result and the live ecr. */
static int in_ecr(struct fixture *f, uint16_t flags, uint32_t ecr, uint32_t *live_ecr,
		  struct strbuf *err)
{
	struct pkt_spec sp;
	struct packet p;

	tcp_spec(&sp, PKT_INBOUND, flags, flags & S ? 0 : 1, 0, 1);
	add_nop(&sp.opts);
	add_nop(&sp.opts);
	add_ts(&sp.opts, 4242, ecr);
	int rc = map_in(f, &sp, &p, err);
	struct tcp_option *ts = mapping_find_ts(&p);
	assert_non_null(ts);
	/* the inbound val is sent as written */
	assert_int_equal(ts->ts.val, 4242);
	*live_ecr = ts->ts.ecr;
	packet_free(&p);
	return rc;
}

/* The first outbound TS fixes the baseline; later vals are rewritten from it
 * and every script→live pair is remembered for inbound ecr. */
static void test_ts_val_baseline(void **state)
{
	struct fixture *f = fixture_new("ipv4", false);

	set_isns(f->s, 0, 0, 1000);
	assert_false(f->s->ts_base_set);
	assert_int_equal(out_ts(f, 100, 555555, 4242), 100);
	assert_true(f->s->ts_base_set);
	assert_int_equal(f->s->ts_first_script, 100);
	assert_int_equal(f->s->ts_first_live, 555555);
	/* later: first_script + (live - first_live), whatever the script says */
	assert_int_equal(out_ts(f, 200, 555655, 4242), 200);
	assert_int_equal(out_ts(f, 150, 555700, 4242), 245);
	assert_int_equal(out_ts(f, 100, 555555, 4242), 100);
	/* the baseline stays */
	assert_int_equal(f->s->ts_first_script, 100);
	assert_int_equal(f->s->ts_first_live, 555555);

	uint32_t live;
	assert_true(conn_ts_lookup(f->s, 200, &live));
	assert_int_equal(live, 555655);
	assert_true(conn_ts_lookup(f->s, 150, &live));
	assert_int_equal(live, 555700);
	assert_false(conn_ts_lookup(f->s, 245, &live));
	fixture_free(f);
}

/* Timestamp arithmetic wraps mod 2^32. */
static void test_ts_val_wraps(void **state)
{
	struct fixture *f = fixture_new("ipv4", true);
	struct strbuf err = STRBUF_INIT;
	uint32_t ecr;

	set_isns(f->s, 0, 0, 1000);
	assert_int_equal(out_ts(f, 100, 0xfffffff0, 0), 100);
	assert_int_equal(out_ts(f, 132, 0x10, 0), 132);
	assert_int_equal(out_ts(f, 0xfffffffe, 0xffffffee, 0), 98);
	/* scaled: 140 - 100 + 0xfffffff0 */
	assert_int_equal(in_ecr(f, A, 140, &ecr, &err), 0);
	assert_int_equal(ecr, 0x18);
	/* remembered pairs win over extrapolation */
	assert_int_equal(in_ecr(f, A, 132, &ecr, &err), 0);
	assert_int_equal(ecr, 0x10);
	assert_string_equal(strbuf_str(&err), "");
	strbuf_free(&err);
	fixture_free(f);
}

/* The baseline needs a TS in both the script and the live packet. */
static void test_ts_baseline_needs_both(void **state)
{
	struct fixture *f = fixture_new("ipv4", false);
	struct pkt_spec sp;
	struct packet script, live;

	set_isns(f->s, 0, 0, 1000);
	/* script with <...>: no TS written, so nothing is learned */
	tcp_spec(&sp, PKT_OUTBOUND, S | A, 0, 0, 1);
	sp.options_any = true;
	mapping_script_packet(&f->cfg, &sp, &script);
	live_tcp(f, &live, S | A, 1000, 1, 0);
	add_ts(&live.opts, 777, 0);
	mapping_outbound(f->s, &script, &live);
	assert_false(f->s->ts_base_set);
	assert_int_equal(f->s->n_ts_map, 0);
	assert_int_equal(mapping_find_ts(&live)->ts.val, 777);
	packet_free(&script);
	packet_free(&live);

	/* script TS, live none: nothing learned either */
	tcp_spec(&sp, PKT_OUTBOUND, A, 1, 0, 1);
	add_ts(&sp.opts, 5, 0);
	mapping_script_packet(&f->cfg, &sp, &script);
	live_tcp(f, &live, A, 1001, 1, 0);
	mapping_outbound(f->s, &script, &live);
	assert_false(f->s->ts_base_set);
	assert_int_equal(f->s->n_ts_map, 0);
	packet_free(&script);
	packet_free(&live);

	/* the first packet with both fixes it */
	assert_int_equal(out_ts(f, 10, 900, 0), 10);
	assert_int_equal(f->s->ts_first_live, 900);
	fixture_free(f);
}

/* One inbound ecr: the outbound vals seen so far, the line's flags and ecr,
 * whether --tcp_ts_ecr_scaled is on, and the outcome. */
struct ecr_case {
	const char *what;
	int n_out;
	uint32_t out[3][2]; /* script val, live val */
	bool scaled;
	uint16_t flags;
	uint32_t ecr;
	uint32_t want_ecr;
	const char *msg;
};

/* clang-format off */
static const struct ecr_case ecr_cases[] = {
	{ "ecr of a sent val", 2, { { 100, 5000 }, { 200, 5100 } }, false, A, 100, 5000, NULL },
	{ "ecr of the latest val", 2, { { 100, 5000 }, { 200, 5100 } }, false, A, 200, 5100,
	  NULL },
	{ "a repeated script val maps to its latest live val", 2,
	  { { 100, 5000 }, { 100, 5003 } }, false, A, 100, 5003, NULL },
	{ "ecr of a val never sent", 2, { { 100, 5000 }, { 200, 5100 } }, false, A, 150, 0,
	  "unable to infer live TS ecr for script TS ecr 150;  no matching or preceding "
	  "outbound TS val" },
	{ "ecr before any outbound TS", 0, { { 0 } }, false, A, 0, 0,
	  "unable to infer live TS ecr for script TS ecr 0;  no matching or preceding "
	  "outbound TS val" },
	{ "scaled, but no outbound TS yet", 0, { { 0 } }, true, A, 7, 0,
	  "unable to infer live TS ecr for script TS ecr 7;  no matching or preceding "
	  "outbound TS val" },
	{ "scaled: extrapolated from the first pair", 2, { { 100, 5000 }, { 200, 5100 } }, true,
	  A, 150, 5050, NULL },
	{ "scaled: beyond the latest", 1, { { 100, 5000 } }, true, A, 1100, 6000, NULL },
	{ "scaled: before the first", 1, { { 100, 5000 } }, true, A, 40, 4940, NULL },
	{ "scaled: exact pairs are still used", 2, { { 100, 5000 }, { 200, 5177 } }, true, A,
	  200, 5177, NULL },
	/* no ACK flag: ecr is sent as written and never fails */
	{ "SYN without ACK", 0, { { 0 } }, false, S, 0, 0, NULL },
	{ "SYN without ACK, odd ecr", 0, { { 0 } }, false, S, 99, 99, NULL },
	{ "RST without ACK", 1, { { 100, 5000 } }, false, R, 100, 100, NULL },
	{ "SYN-ACK", 1, { { 100, 5000 } }, false, S | A, 100, 5000, NULL },
};
/* clang-format on */

static void test_inbound_ecr(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(ecr_cases); i++) {
		const struct ecr_case *t = &ecr_cases[i];
		struct fixture *f = fixture_new("ipv4", t->scaled);
		struct strbuf err = STRBUF_INIT;
		uint32_t ecr = 0;

		set_isns(f->s, 0, 0, 1000);
		for (int k = 0; k < t->n_out; k++)
			out_ts(f, t->out[k][0], t->out[k][1], 0);
		int rc = in_ecr(f, t->flags, t->ecr, &ecr, &err);
		if (t->msg) {
			if (rc != -1 || strcmp(strbuf_str(&err), t->msg))
				ROW_FAIL("%s:\n  got  %d '%s'\n  want -1 '%s'", t->what, rc,
					 strbuf_str(&err), t->msg);
		} else if (rc || ecr != t->want_ecr) {
			ROW_FAIL("%s: rc %d '%s' ecr %u, want %u", t->what, rc, strbuf_str(&err),
				 ecr, t->want_ecr);
		}
		strbuf_free(&err);
		fixture_free(f);
	}
	ROWS_DONE();
}

/* ---- the script packet itself ---- */

static void test_script_packet(void **state)
{
	struct fixture *f4 = fixture_new("ipv4", false);
	struct fixture *f6 = fixture_new("ipv6", false);
	struct fixture *fm = fixture_new("ipv4-mapped-ipv6", false);
	struct pkt_spec sp;
	struct packet p;

	/* TCP with ECN codepoint, TTL, explicit ports and payload */
	tcp_spec(&sp, PKT_OUTBOUND, P | A, 1, 100, 1);
	sp.ip.ecn = ECN_ECT0;
	sp.ip.has_ttl = true;
	sp.ip.ttl = 64;
	sp.has_ports = true;
	sp.sport = 1;
	sp.dport = 2;
	sp.urg = 3;
	add_ts(&sp.opts, 1, 2);
	mapping_script_packet(&f4->cfg, &sp, &p);
	assert_int_equal(p.ip_version, 4);
	assert_int_equal(p.src.family, AF_INET);
	assert_int_equal(p.protocol, IPPROTO_TCP);
	assert_int_equal(p.tos, 2);
	assert_int_equal(p.ttl, 64);
	assert_int_equal(p.sport, 1);
	assert_int_equal(p.dport, 2);
	assert_int_equal(p.seq, 1);
	assert_int_equal(p.ack, 1);
	assert_int_equal(p.win, 1000);
	assert_int_equal(p.urg, 3);
	assert_int_equal(p.tcp_flags, P | A);
	assert_int_equal(p.opts.count, 1);
	assert_int_equal(mapping_find_ts(&p)->ts.ecr, 2);
	assert_int_equal(p.payload_len, 100);
	static const uint8_t zeros[100];
	assert_memory_equal(p.payload, zeros, 100);
	packet_free(&p);

	/* whole TOS byte; no TTL means "unset"; ports 0 unless written */
	tcp_spec(&sp, PKT_INBOUND, S, 0, 0, 0);
	sp.ip.has_tos = true;
	sp.ip.tos = 0x1c;
	mapping_script_packet(&f6->cfg, &sp, &p);
	assert_int_equal(p.ip_version, 6);
	assert_int_equal(p.src.family, AF_INET6);
	assert_int_equal(p.tos, 0x1c);
	assert_int_equal(p.ttl, PACKET_TTL_UNSET);
	assert_int_equal(p.sport, 0);
	assert_int_equal(p.dport, 0);
	assert_null(p.payload);
	assert_null(mapping_find_ts(&p));
	packet_free(&p);

	/* ACE digit 5 = ECE + AE; flow label */
	tcp_spec(&sp, PKT_OUTBOUND, A, 1, 0, 1);
	sp.ace = 5;
	sp.ip.has_flowlabel = true;
	sp.ip.flowlabel = 0x12345;
	mapping_script_packet(&f6->cfg, &sp, &p);
	assert_int_equal(p.tcp_flags, A | TCPF_ECE | TCPF_AE);
	assert_int_equal(p.flowlabel, 0x12345);
	packet_free(&p);
	sp.ace = 2;
	mapping_script_packet(&f6->cfg, &sp, &p);
	assert_int_equal(p.tcp_flags, A | TCPF_CWR);
	packet_free(&p);

	/* UDP: payload of the written length; IPv4-mapped runs IPv4 on the wire */
	memset(&sp, 0, sizeof(sp));
	sp.l4 = PKT_UDP;
	sp.ip.ecn = ECN_NONE;
	sp.udp_len = 7;
	mapping_script_packet(&fm->cfg, &sp, &p);
	assert_int_equal(p.ip_version, 4);
	assert_int_equal(p.protocol, IPPROTO_UDP);
	assert_int_equal(p.payload_len, 7);
	packet_free(&p);

	/* ICMP protocol, type and code follow the wire version */
	sp.l4 = PKT_ICMP;
	sp.icmp_type = "unreachable";
	sp.icmp_code = "port_unreachable";
	mapping_script_packet(&f4->cfg, &sp, &p);
	assert_int_equal(p.protocol, IPPROTO_ICMP);
	assert_int_equal(p.icmp_type, 3);
	assert_int_equal(p.icmp_code, 3);
	packet_free(&p);
	mapping_script_packet(&f6->cfg, &sp, &p);
	assert_int_equal(p.protocol, IPPROTO_ICMPV6);
	assert_int_equal(p.icmp_type, 1);
	assert_int_equal(p.icmp_code, 4);
	packet_free(&p);
	sp.icmp_type = "type_200";
	sp.icmp_code = NULL;
	mapping_script_packet(&f4->cfg, &sp, &p);
	assert_int_equal(p.icmp_type, 200);
	assert_int_equal(p.icmp_code, 0);
	packet_free(&p);

	fixture_free(f4);
	fixture_free(f6);
	fixture_free(fm);
}

/* UDP inbound lines get the live tuple and nothing else. */
static void test_inbound_udp(void **state)
{
	struct fixture *f = fixture_new("ipv4", false);
	struct strbuf err = STRBUF_INIT;
	struct pkt_spec sp;
	struct packet p;

	set_isns(f->s, 100, 0, 200);
	memset(&sp, 0, sizeof(sp));
	sp.dir = PKT_INBOUND;
	sp.l4 = PKT_UDP;
	sp.ip.ecn = ECN_NONE;
	sp.udp_len = 20;
	assert_int_equal(map_in(f, &sp, &p, &err), 0);
	assert_int_equal(p.seq, 0);
	assert_int_equal(p.ack, 0);
	assert_int_equal(p.sport, LIVE_REMOTE_PORT);
	assert_int_equal(p.dport, LIVE_LOCAL_PORT);
	assert_true(ip_addr_equal(&p.src, &f->cfg.live_remote));
	packet_free(&p);
	strbuf_free(&err);
	fixture_free(f);
}

/* A stream socket takes TCP, a datagram socket UDP; both take ICMP; an fd
 * that is not a socket takes nothing. */
static void test_packet_fits(void **state)
{
	static const struct {
		int type;
		enum pkt_l4 l4;
		bool fits;
	} rows[] = {
	    {SOCK_STREAM, PKT_TCP, true},  {SOCK_STREAM, PKT_UDP, false},
	    {SOCK_STREAM, PKT_ICMP, true}, {SOCK_DGRAM, PKT_TCP, false},
	    {SOCK_DGRAM, PKT_UDP, true},   {SOCK_DGRAM, PKT_ICMP, true},
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct conn s = {.type = rows[i].type};
		struct pkt_spec sp = {.l4 = rows[i].l4};
		assert_int_equal(mapping_packet_fits(&sp, &s), rows[i].fits);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inbound_seq_ack),
	    cmocka_unit_test(test_outbound_seq_ack),
	    cmocka_unit_test(test_passive_open_flow),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_sack_blocks),
	    cmocka_unit_test(test_inbound_tuple_and_ports),
	    cmocka_unit_test(test_outbound_tuple),
	    cmocka_unit_test(test_ts_val_baseline),
	    cmocka_unit_test(test_ts_val_wraps),
	    cmocka_unit_test(test_ts_baseline_needs_both),
	    cmocka_unit_test(test_inbound_ecr),
	    cmocka_unit_test(test_script_packet),
	    cmocka_unit_test(test_inbound_udp),
	    cmocka_unit_test(test_packet_fits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
