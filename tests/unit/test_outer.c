/* SPDX-License-Identifier: GPL-2.0-only */
/* test_outer: unit tests for outer IPv4/IPv6, GRE and MPLS layers — the script's layers as a
 * stack, encoding with lengths and checksums finished, peeling sniffed packets, matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "netdev/packet/checksum.h"
#include "netdev/packet/packet.h"
#include "parser/parse.h"
#include "runtime/context/config.h"
#include "runtime/traffic/outer_build.h"
#include "runtime/traffic/mapping.h"
#include "runtime/traffic/match.h"

static uint8_t buf[2048];

static struct ip_addr addr(const char *text)
{
	struct ip_addr a;

	assert_int_equal(ip_addr_parse(text, &a), 0);
	return a;
}

/* A plain TCP SYN from 192.0.2.1 to 192.168.0.2 (or the IPv6 pair). */
static void inner_syn(struct packet *p, int version)
{
	memset(p, 0, sizeof(*p));
	p->ip_version = (uint8_t)version;
	p->protocol = IPPROTO_TCP;
	p->ttl = 64;
	p->src = addr(version == 4 ? "192.0.2.1" : "2001:db8::1");
	p->dst = addr(version == 4 ? "192.168.0.2" : "fd3d::2");
	p->sport = 1234;
	p->dport = 8080;
	p->seq = 7;
	p->tcp_flags = TCPF_SYN;
	p->win = 1000;
}

static struct outer_hdr outer_ip(const char *src, const char *dst)
{
	struct outer_hdr h = {.src = addr(src), .dst = addr(dst)};

	h.type = h.src.family == AF_INET ? OUTER_IPV4 : OUTER_IPV6;
	return h;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* ipv4: gre with checksum, key and sequence number: tcp. Every field comes
 * back; the outer length and protocol and the GRE protocol are filled in;
 * the GRE checksum verifies over GRE header and payload. */
static void test_gre_round_trip(void **state)
{
	struct packet p, d;
	struct strbuf err = STRBUF_INIT;

	inner_syn(&p, 4);
	p.outer.hdr[0] = outer_ip("10.0.0.1", "10.0.0.2");
	p.outer.hdr[0].tos = 0x10;
	p.outer.hdr[1] = (struct outer_hdr){.type = OUTER_GRE,
					    .gre_flags = GRE_F_CSUM | GRE_F_KEY | GRE_F_SEQ,
					    .gre_key = 0xdeadbeef,
					    .gre_seq = 42};
	p.outer.n = 2;
	int len = packet_encode(&p, buf, sizeof(buf));
	assert_int_equal(len, 20 + 16 + 20 + 20);
	assert_int_equal(get16(buf + 2), len); /* outer total length */
	assert_int_equal(buf[9], IPPROTO_GRE);
	assert_int_equal(buf[8], 255); /* TTL 0 in the model: 255 */
	assert_int_equal(checksum_ip(buf, 20), 0);
	assert_int_equal(get16(buf + 22), 0x0800); /* GRE carries IPv4 */
	assert_int_equal(checksum_ip(buf + 20, (size_t)len - 20), 0);

	assert_int_equal(packet_decode(buf, (size_t)len, &d, &err), 0);
	assert_int_equal(d.outer.n, 2);
	assert_int_equal(d.outer.hdr[0].type, OUTER_IPV4);
	assert_true(ip_addr_equal(&d.outer.hdr[0].src, &p.outer.hdr[0].src));
	assert_true(ip_addr_equal(&d.outer.hdr[0].dst, &p.outer.hdr[0].dst));
	assert_int_equal(d.outer.hdr[0].tos, 0x10);
	assert_int_equal(d.outer.hdr[1].type, OUTER_GRE);
	assert_int_equal(d.outer.hdr[1].gre_flags, GRE_F_CSUM | GRE_F_KEY | GRE_F_SEQ);
	assert_int_equal(d.outer.hdr[1].gre_key, 0xdeadbeef);
	assert_int_equal(d.outer.hdr[1].gre_seq, 42);
	assert_int_equal(d.protocol, IPPROTO_TCP);
	assert_int_equal(d.sport, 1234);
	assert_int_equal(d.seq, 7);
	assert_true(ip_addr_equal(&d.src, &p.src));
	packet_free(&d);
	strbuf_free(&err);
}

/* ipv6: gre: mpls (two labels): an inner IPv4 packet. */
static void test_mpls_in_gre_in_ipv6(void **state)
{
	struct packet p, d;
	struct strbuf err = STRBUF_INIT;

	inner_syn(&p, 4);
	p.outer.hdr[0] = outer_ip("2001:db8::1", "fd3d::2");
	p.outer.hdr[0].ttl = 9;
	p.outer.hdr[1] = (struct outer_hdr){.type = OUTER_GRE};
	p.outer.hdr[2] = (struct outer_hdr){.type = OUTER_MPLS, .n_mpls = 2};
	p.outer.hdr[2].mpls[0] = (struct mpls_entry){.label = 0xfffff, .tc = 7, .ttl = 1};
	p.outer.hdr[2].mpls[1] =
	    (struct mpls_entry){.label = 100, .tc = 1, .bottom = true, .ttl = 64};
	p.outer.n = 3;
	int len = packet_encode(&p, buf, sizeof(buf));
	assert_int_equal(len, 40 + 4 + 8 + 40);
	assert_int_equal(get16(buf + 4), len - 40); /* IPv6 payload length */
	assert_int_equal(buf[6], IPPROTO_GRE);
	assert_int_equal(buf[7], 9);
	assert_int_equal(get16(buf + 42), 0x8847); /* GRE carries MPLS */
	static const uint8_t labels[] = {0xff, 0xff, 0xfe, 0x01, 0x00, 0x06, 0x43, 0x40};
	assert_memory_equal(buf + 44, labels, sizeof(labels));

	assert_int_equal(packet_decode(buf, (size_t)len, &d, &err), 0);
	assert_int_equal(d.outer.n, 3);
	assert_int_equal(d.outer.hdr[2].n_mpls, 2);
	assert_int_equal(d.outer.hdr[2].mpls[0].label, 0xfffff);
	assert_int_equal(d.outer.hdr[2].mpls[0].tc, 7);
	assert_false(d.outer.hdr[2].mpls[0].bottom);
	assert_int_equal(d.outer.hdr[2].mpls[1].label, 100);
	assert_true(d.outer.hdr[2].mpls[1].bottom);
	assert_int_equal(d.outer.hdr[2].mpls[1].ttl, 64);
	assert_int_equal(d.ip_version, 4);
	assert_int_equal(d.dport, 8080);
	packet_free(&d);
	strbuf_free(&err);
}

/* IP in IP needs no GRE: the outer protocol says what follows. */
static void test_ip_in_ip(void **state)
{
	struct packet p, d;
	struct strbuf err = STRBUF_INIT;

	inner_syn(&p, 6);
	p.outer.hdr[0] = outer_ip("10.0.0.1", "10.0.0.2");
	p.outer.n = 1;
	int len = packet_encode(&p, buf, sizeof(buf));
	assert_int_equal(buf[9], IPPROTO_IPV6);
	assert_int_equal(packet_decode(buf, (size_t)len, &d, &err), 0);
	assert_int_equal(d.outer.n, 1);
	assert_int_equal(d.ip_version, 6);
	packet_free(&d);
	strbuf_free(&err);
}

/* What cannot be encoded: an outer layer of the wrong family, an empty MPLS stack. */
static void test_encode_refuses(void **state)
{
	struct packet p;

	inner_syn(&p, 4);
	p.outer.hdr[0] = outer_ip("10.0.0.1", "10.0.0.2");
	p.outer.hdr[0].type = OUTER_IPV6;
	p.outer.n = 1;
	assert_int_equal(packet_encode(&p, buf, sizeof(buf)), -1);
	p.outer.hdr[0] = (struct outer_hdr){.type = OUTER_MPLS};
	assert_int_equal(packet_encode(&p, buf, sizeof(buf)), -1);
	p.outer.hdr[0] = outer_ip("10.0.0.1", "10.0.0.2");
	assert_int_equal(packet_encode(&p, buf, 30), -1); /* does not fit */
}

/* Sniffed packets that cannot be peeled get a message, not a guess. */
static void test_peel_errors(void **state)
{
	struct packet p, d;
	struct strbuf err = STRBUF_INIT;

	inner_syn(&p, 4);
	p.outer.hdr[0] = outer_ip("10.0.0.1", "10.0.0.2");
	p.outer.hdr[1] = (struct outer_hdr){.type = OUTER_GRE};
	p.outer.n = 2;
	int len = packet_encode(&p, buf, sizeof(buf));

	buf[22] = 0x12; /* GRE protocol 0x1200: nothing we know */
	assert_int_equal(packet_decode(buf, (size_t)len, &d, &err), -1);
	assert_string_equal(strbuf_str(&err), "undecodable GRE layer at byte 20");
	strbuf_reset(&err);

	/* an MPLS stack that never reaches its bottom */
	p.outer.hdr[1] = (struct outer_hdr){.type = OUTER_MPLS, .n_mpls = 1};
	p.outer.hdr[1].mpls[0].label = 5;
	p.outer.hdr[0].type = OUTER_IPV4;
	len = packet_encode(&p, buf, sizeof(buf));
	assert_int_equal(buf[9], 137); /* MPLS in IP */
	assert_int_equal(packet_decode(buf, 24, &d, &err), -1);
	assert_string_equal(strbuf_str(&err), "undecodable MPLS layer at byte 20");
	strbuf_free(&err);
}

/* The script's layers become the stack, outermost first. */
static void test_script_stack(void **state)
{
	static const char text[] =
	    "0 < ipv4 [tos 0x4] 10.0.0.1 > 10.0.0.2: gre flags [checksum present, key present] "
	    "sum 0 off 3 key 0x11 seq 0: mpls (label 100, tc 1, ttl 5) "
	    "(label 200, tc 2, [S], ttl 6): S 0:0(0) win 1000\n";
	struct defines defs = {0};
	struct diag d;
	struct script *s = NULL;
	struct outer_stack st;
	struct strbuf err = STRBUF_INIT;

	diag_init(&d, "t.pkt", NULL, 0, NULL);
	assert_int_equal(parse_script("t.pkt", text, strlen(text), &defs, &d, &s), 0);
	assert_int_equal(outer_build_stack(s->events[0].packet, &st, &err), 0);
	assert_int_equal(st.n, 3);
	assert_int_equal(st.hdr[0].type, OUTER_IPV4);
	assert_int_equal(st.hdr[0].tos, 4);
	struct ip_addr want = addr("10.0.0.2");
	assert_true(ip_addr_equal(&st.hdr[0].dst, &want));
	assert_int_equal(st.hdr[1].type, OUTER_GRE);
	assert_int_equal(st.hdr[1].gre_flags, GRE_F_CSUM | GRE_F_KEY);
	assert_int_equal(st.hdr[1].gre_off, 3);
	assert_int_equal(st.hdr[1].gre_key, 0x11);
	assert_int_equal(st.hdr[2].n_mpls, 2);
	assert_int_equal(st.hdr[2].mpls[1].label, 200);
	assert_int_equal(st.hdr[2].mpls[1].tc, 2);
	assert_true(st.hdr[2].mpls[1].bottom);
	assert_int_equal(st.hdr[2].mpls[1].ttl, 6);
	script_free(s);
	diag_free(&d);
	defines_free(&defs);
	strbuf_free(&err);
}

/* Matching a sniffed encapsulated packet: the script's outer layers against
 * the live ones, before the inner IP header. */
static void test_match(void **state)
{
	static const struct {
		const char *what;
		int knob;
		const char *msg;
	} rows[] = {
	    {"same", 0, NULL},
	    {"one layer fewer", 1,
	     "live packet header layers: expected: 4 headers vs actual: 3 headers"},
	    {"GRE for MPLS", 2,
	     "live packet header layer 2: expected: GRE header vs actual: MPLS header"},
	    {"outer source", 3,
	     "live packet header layer 1: source address: expected: 10.0.0.1 vs actual: 10.0.0.9"},
	    {"GRE key", 4, "live packet field gre_key: expected: 5 (0x5) vs actual: 6 (0x6)"},
	    {"outer TTL", 5,
	     "live packet field outer_ttl: expected: 64 (0x40) vs actual: 63 (0x3f)"},
	    {"GRE flags", 6,
	     "live packet field gre_flags: expected: 8192 (0x2000) vs actual: 12288 (0x3000)"},
	};
	struct config cfg;
	struct strbuf err = STRBUF_INIT;

	config_init(&cfg);
	assert_int_equal(config_finalize(&cfg, &err), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct pkt_spec spec = {.l4 = PKT_TCP, .ace = -1, .ip.ecn = ECN_NONE};
		struct packet script, live, d;
		inner_syn(&script, 4);
		script.outer.hdr[0] = outer_ip("10.0.0.1", "10.0.0.2");
		script.outer.hdr[0].ttl = 64;
		script.outer.hdr[1] =
		    (struct outer_hdr){.type = OUTER_GRE, .gre_flags = GRE_F_KEY, .gre_key = 5};
		script.outer.n = 2;
		live = script;
		switch (rows[i].knob) {
		case 1:
			live.outer.n = 1;
			break;
		case 2:
			live.outer.hdr[1] = (struct outer_hdr){
			    .type = OUTER_MPLS, .n_mpls = 1, .mpls[0].bottom = true};
			break;
		case 3:
			live.outer.hdr[0].src = addr("10.0.0.9");
			break;
		case 4:
			live.outer.hdr[1].gre_key = 6;
			break;
		case 5:
			live.outer.hdr[0].ttl = 63;
			break;
		case 6:
			live.outer.hdr[1].gre_flags |= GRE_F_SEQ;
			break;
		}
		int len = packet_encode(&live, buf, sizeof(buf));
		assert_true(len > 0);
		assert_int_equal(packet_decode(buf, (size_t)len, &d, &err), 0);
		strbuf_reset(&err);
		int rc = match_packet(&cfg, &spec, &script, &d, 0, &err);
		if (rows[i].msg) {
			assert_int_equal(rc, -1);
			assert_string_equal(strbuf_str(&err), rows[i].msg);
		} else {
			if (rc)
				fail_msg("%s: %s", rows[i].what, strbuf_str(&err));
		}
		packet_free(&d);
		strbuf_reset(&err);
	}
	config_free(&cfg);
	strbuf_free(&err);
}

/* A {gre ...} or {mpls ...} socket option value: one header in wire form. */
static void test_header_bytes(void **state)
{
	uint8_t out[64];
	struct outer_hdr gre = {.type = OUTER_GRE,
				.gre_flags = GRE_F_KEY | GRE_F_SEQ,
				.gre_proto = 0x0800,
				.gre_key = 0x01020304,
				.gre_seq = 5};
	static const uint8_t gre_bytes[] = {0x30, 0x00, 0x08, 0x00, 1, 2, 3, 4, 0, 0, 0, 5};

	assert_int_equal(outer_hdr_bytes(&gre, out, sizeof(out)), sizeof(gre_bytes));
	assert_memory_equal(out, gre_bytes, sizeof(gre_bytes));
	assert_int_equal(outer_hdr_bytes(&gre, out, 8), 0); /* does not fit */

	struct outer_hdr mpls = {.type = OUTER_MPLS, .n_mpls = 1};
	mpls.mpls[0] = (struct mpls_entry){.label = 1, .bottom = true, .ttl = 2};
	static const uint8_t mpls_bytes[] = {0x00, 0x00, 0x11, 0x02};
	assert_int_equal(outer_hdr_bytes(&mpls, out, sizeof(out)), 4);
	assert_memory_equal(out, mpls_bytes, 4);

	struct outer_hdr ip = {.type = OUTER_IPV4};
	assert_int_equal(outer_hdr_bytes(&ip, out, sizeof(out)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gre_round_trip), cmocka_unit_test(test_mpls_in_gre_in_ipv6),
	    cmocka_unit_test(test_ip_in_ip),	   cmocka_unit_test(test_encode_refuses),
	    cmocka_unit_test(test_peel_errors),	   cmocka_unit_test(test_script_stack),
	    cmocka_unit_test(test_match),	   cmocka_unit_test(test_header_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
