/* SPDX-License-Identifier: GPL-2.0-only */
/* test_parser: unit tests for parse_script, the script model, semantic checks and diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include "tests/unit/rows.h"

#include "netdev/packet/packet.h"
#include "parser/check.h"
#include "parser/parse.h"

/* ---- helpers ---- */

static struct diag diag;
static struct defines defs;

static int setup(void **state)
{
	memset(&defs, 0, sizeof(defs));
	diag_init(&diag, "t.pkt", NULL, 0, NULL);
	return 0;
}

static int teardown(void **state)
{
	diag_free(&diag);
	defines_free(&defs);
	return 0;
}

static int parse(const char *text, struct script **s)
{
	diag_free(&diag);
	diag_init(&diag, "t.pkt", NULL, 0, NULL);
	return parse_script("t.pkt", text, strlen(text), &defs, &diag, s);
}

/* Parses text that must be valid; the caller frees the script. */
static struct script *parse_ok(const char *text)
{
	struct script *s = NULL;
	int rc = parse(text, &s);

	if (rc)
		fprintf(stderr, "%s", strbuf_str(&diag.log));
	assert_int_equal(rc, 0);
	assert_int_equal(diag.n_errors, 0);
	assert_non_null(s);
	return s;
}

/* Parses text that must be rejected; returns the diagnostics log. */
static const char *parse_bad(const char *text)
{
	struct script *s = NULL;

	assert_int_equal(parse(text, &s), -1);
	assert_null(s);
	assert_true(diag.n_errors > 0);
	return strbuf_str(&diag.log);
}

/* text must fail with exactly one error whose first line is line. */
static void expect_error(const char *text, const char *line)
{
	const char *log = parse_bad(text);

	if (strncmp(log, line, strlen(line)) || log[strlen(line)] != '\n')
		fail_msg("expected \"%s\", got:\n%s", line, log);
	if (diag.n_errors != 1)
		fail_msg("expected one error, got:\n%s", log);
}

static const struct pkt_spec *packet_of(const struct script *s, size_t i)
{
	assert_true(i < s->n_events);
	assert_int_equal(s->events[i].kind, EVENT_PACKET);
	return s->events[i].packet;
}

static const struct syscall_spec *syscall_of(const struct script *s, size_t i)
{
	assert_true(i < s->n_events);
	assert_int_equal(s->events[i].kind, EVENT_SYSCALL);
	return s->events[i].syscall;
}

/* The only argument of "0 f(<arg>) = 0". */
static struct script *parse_arg(const char *arg, const struct expr **e)
{
	char text[1024];
	struct script *s;

	snprintf(text, sizeof(text), "0 f(%s) = 0\n", arg);
	s = parse_ok(text);
	assert_int_equal(syscall_of(s, 0)->n_args, 1);
	*e = syscall_of(s, 0)->args[0];
	return s;
}

/* ---- events and times ---- */

static void test_event_times(void **state)
{
	struct script *s = parse_ok("0 a() = 0\n+1 a() = 0\n+.25 a() = 0\n2.5 a() = 0\n"
				    "* > . 1:1(0)\n1~2 > . 1:1(0)\n+0.1~+0.3 > . 1:1(0)\n"
				    "4.35 a() = 0\n");
	const struct event_time *t;

	assert_int_equal(s->n_events, 8);
	t = &s->events[0].time;
	assert_int_equal(t->kind, TIME_ABSOLUTE);
	assert_int_equal(t->start_usecs, 0);
	assert_int_equal(s->events[1].time.kind, TIME_RELATIVE);
	assert_int_equal(s->events[1].time.start_usecs, 1000000);
	assert_int_equal(s->events[2].time.start_usecs, 250000);
	assert_int_equal(s->events[3].time.start_usecs, 2500000);
	assert_int_equal(s->events[4].time.kind, TIME_ANY);
	t = &s->events[5].time;
	assert_int_equal(t->kind, TIME_ABSOLUTE_RANGE);
	assert_int_equal(t->start_usecs, 1000000);
	assert_int_equal(t->end_usecs, 2000000);
	t = &s->events[6].time;
	assert_int_equal(t->kind, TIME_RELATIVE_RANGE);
	assert_int_equal(t->start_usecs, 100000);
	assert_int_equal(t->end_usecs, 300000);
	/* float seconds are truncated to microseconds, as upstream does */
	assert_int_equal(s->events[7].time.start_usecs, (int64_t)(atof("4.35") * 1e6));
	/* the event's location is its time token */
	assert_int_equal(s->events[1].loc.line, 2);
	assert_int_equal(s->events[1].loc.col, 1);
	assert_int_equal(s->events[1].loc.end - s->events[1].loc.start, 2);
	script_free(s);
}

static void test_commands_and_code(void **state)
{
	struct script *s = parse_ok("`init \\` cmd`\n"
				    "0 `timed\ncmd`\n"
				    "+0 %{ \t\nassert tcpi_state == 1 # ok\n  }%\n"
				    "`cleanup`\n");

	assert_string_equal(s->init_command, "init \\` cmd");
	assert_int_equal(s->init_loc.line, 1);
	assert_int_equal(s->n_events, 2);
	assert_int_equal(s->events[0].kind, EVENT_COMMAND);
	assert_string_equal(s->events[0].command, "timed\ncmd");
	assert_int_equal(s->events[1].kind, EVENT_CODE);
	assert_string_equal(s->events[1].code, "\nassert tcpi_state == 1 # ok\n");
	assert_string_equal(s->cleanup_command, "cleanup");
	assert_int_equal(s->cleanup_loc.line, 7);
	script_free(s);
}

static void test_untimed_command_errors(void **state)
{
	expect_error("`a`\n`b`\n0 a() = 0\n",
		     "t.pkt:2:1: error: a command without a time is only allowed before the first "
		     "event (init) or after the last one (cleanup)");
	expect_error("0 a() = 0\n`mid`\n+0 a() = 0\n",
		     "t.pkt:2:1: error: a command without a time is only allowed before the first "
		     "event (init) or after the last one (cleanup)");
	expect_error("0 a() = 0\n--late=1\n",
		     "t.pkt:2:1: error: option lines must come before the first command or event");
}

/* ---- option lines and defines ---- */

static void test_option_lines(void **state)
{
	struct script *s = parse_ok("--ip_version=\"ipv4-mapped-ipv6\"\n--dry_run\n"
				    "--local_ip=192.168.0.1\n--remote_ip=fd::1\n--mtu=1520\n"
				    "--tolerance_percent=12.5\n--non_fatal=packet,syscall\n"
				    "--remote_ip=192.0.2.1/24\n--ip_version=ipv6\n"
				    "--code_command=python3\n0 a() = 0\n");
	static const char *const want[][2] = {
	    {"ip_version", "ipv4-mapped-ipv6"},
	    {"dry_run", NULL},
	    {"local_ip", "192.168.0.1"},
	    {"remote_ip", "fd::1"},
	    {"mtu", "1520"},
	    {"tolerance_percent", "12.5"},
	    {"non_fatal", "packet,syscall"},
	    {"remote_ip", "192.0.2.1/24"},
	    {"ip_version", "ipv6"},
	    {"code_command", "python3"},
	};

	assert_int_equal(s->n_options, 10);
	for (size_t i = 0; i < 10; i++) {
		assert_string_equal(s->options[i].name, want[i][0]);
		if (want[i][1])
			assert_string_equal(s->options[i].value, want[i][1]);
		else
			assert_null(s->options[i].value);
		assert_int_equal(s->options[i].loc.line, i + 1);
	}
	script_free(s);
}

static void test_define_lines(void **state)
{
	struct script *s;

	defines_set(&defs, "CMD", "WORD_FROM_CLI");
	s = parse_ok("--define=CMD=from_script\n--define=SYM=SO_REUSEADDR\n"
		     "--define=STR=\"a b\"\n--define=NUM=0x10\n--define=BQ=`ls`\n"
		     "0 f(CMD, SYM, STR, NUM) = 0\n");
	const struct syscall_spec *sc = syscall_of(s, 0);

	assert_int_equal(s->n_options, 5);
	assert_string_equal(s->options[0].name, "define");
	assert_string_equal(s->options[0].value, "CMD=from_script");
	assert_string_equal(s->options[2].value, "STR=\"a b\"");
	/* the command line wins */
	assert_string_equal(defines_get(&defs, "CMD"), "WORD_FROM_CLI");
	assert_string_equal(sc->args[0]->text, "WORD_FROM_CLI");
	assert_int_equal(sc->args[1]->kind, EXPR_WORD);
	assert_string_equal(sc->args[1]->text, "SO_REUSEADDR");
	assert_int_equal(sc->args[2]->kind, EXPR_STRING);
	assert_string_equal(sc->args[2]->text, "a b");
	assert_int_equal(sc->args[3]->kind, EXPR_INTEGER);
	assert_int_equal(sc->args[3]->num, 16);
	/* a backquoted value is a command token: not an expression */
	script_free(s);
	expect_error("--define=BQ2=`ls`\n0 f(BQ2) = 0\n",
		     "t.pkt:2:5: error: syntax error at 'BQ2': unexpected backquoted command");
	expect_error("--define=NOEQ\n0 a() = 0\n", "t.pkt:1:1: error: --define expects NAME=VALUE");
}

static void test_defines_everywhere(void **state)
{
	struct script *s;

	defines_set(&defs, "TFO_COOKIE", "3021b9d889017eeb");
	defines_set(&defs, "CODE", "host_unreachable");
	defines_set(&defs, "DIGITS", "12345678");
	defines_set(&defs, "ERR", "EAGAIN");
	s = parse_ok("0 < S 0:0(0) win 1 <FO TFO_COOKIE,nop,nop>\n"
		     "+0 < S 0:0(0) win 1 <FO DIGITS,nop,nop>\n"
		     "+0 < icmp unreachable CODE\n+0 f() = -1 ERR (x)\n");
	assert_int_equal(packet_of(s, 0)->opts.opt[0].blob.len, 8);
	assert_int_equal(packet_of(s, 0)->opts.opt[0].blob.bytes[0], 0x30);
	/* an all-digit define used as a hex blob gives its value (upstream used its name) */
	assert_int_equal(packet_of(s, 1)->opts.opt[0].blob.len, 4);
	assert_int_equal(packet_of(s, 1)->opts.opt[0].blob.bytes[3], 0x78);
	assert_string_equal(packet_of(s, 2)->icmp_code, "host_unreachable");
	assert_string_equal(syscall_of(s, 3)->errno_name, "EAGAIN");
	script_free(s);
}

/* ---- packets ---- */

static void test_tcp_basic(void **state)
{
	struct script *s = parse_ok("0 < S 0:0(0) win 65535 <mss 1460>\n"
				    "+0 > S. 0:0(0) ack 1 <mss 1460,nop,wscale 7>\n"
				    "+0 > P. 1:1001(1000) ack 1 urg 5\n"
				    "+0 < - 1:1(0) win 0\n");
	const struct pkt_spec *p = packet_of(s, 0);

	assert_int_equal(p->dir, PKT_INBOUND);
	assert_int_equal(p->l4, PKT_TCP);
	assert_int_equal(p->tcp_flags, TCPF_SYN);
	assert_int_equal(p->ace, -1);
	assert_true(p->has_win);
	assert_int_equal(p->win, 65535);
	assert_false(p->has_ack);
	assert_int_equal(p->ip.ecn, ECN_NONE);
	assert_int_equal(p->opts.count, 1);
	assert_int_equal(p->opts.opt[0].kind, TCPO_MSS);
	assert_int_equal(p->opts.opt[0].len, 4);
	assert_int_equal(p->opts.opt[0].mss, 1460);
	p = packet_of(s, 1);
	assert_int_equal(p->dir, PKT_OUTBOUND);
	assert_int_equal(p->tcp_flags, TCPF_SYN | TCPF_ACK);
	assert_true(p->has_ack);
	assert_int_equal(p->ack, 1);
	assert_false(p->has_win);
	assert_int_equal(p->opts.count, 3);
	assert_int_equal(p->opts.opt[2].wscale, 7);
	p = packet_of(s, 2);
	assert_int_equal(p->seq_start, 1);
	assert_int_equal(p->seq_end, 1001);
	assert_int_equal(p->payload_len, 1000);
	assert_int_equal(p->urg, 5);
	assert_int_equal(p->opts.count, 0);
	assert_false(p->options_any);
	assert_int_equal(packet_of(s, 3)->tcp_flags, 0);
	script_free(s);
}

static void test_tcp_flags(void **state)
{
	struct script *s = parse_ok("0 > FSRPUEWA. 0:0(0)\n+0 > S.5 0:0(0)\n+0 > .3 0:0(0)\n"
				    "+0 > S7 0:0(0)\n+0 > SEW 0:0(0)\n+0 > . 1:1(0)\n"
				    "+0 > S.0 0:0(0)\n");

	assert_int_equal(packet_of(s, 0)->tcp_flags, 0x1ff);
	assert_int_equal(packet_of(s, 1)->ace, 5);
	assert_int_equal(packet_of(s, 1)->tcp_flags, TCPF_SYN | TCPF_ACK | TCPF_ECE | TCPF_AE);
	assert_int_equal(packet_of(s, 2)->ace, 3);
	assert_int_equal(packet_of(s, 2)->tcp_flags, TCPF_ACK | TCPF_ECE | TCPF_CWR);
	assert_int_equal(packet_of(s, 3)->ace, 7);
	assert_int_equal(packet_of(s, 4)->ace, -1);
	assert_int_equal(packet_of(s, 4)->tcp_flags, TCPF_SYN | TCPF_ECE | TCPF_CWR);
	assert_int_equal(packet_of(s, 5)->tcp_flags, TCPF_ACK);
	assert_int_equal(packet_of(s, 6)->ace, 0);
	assert_int_equal(packet_of(s, 6)->tcp_flags, TCPF_SYN | TCPF_ACK);
	script_free(s);
	expect_error("0 > SX. 0:0(0)\n", "t.pkt:1:5: error: Invalid TCP flag: 'X'");
	expect_error("0 > S8 0:0(0)\n", "t.pkt:1:5: error: Invalid TCP flag: '8'");
	expect_error("0 > SE5 0:0(0)\n", "t.pkt:1:5: error: Conflicting TCP flag");
	expect_error("0 > S.12 0:0(0)\n", "t.pkt:1:5: error: Conflicting TCP flag");
}

static void test_tcp_options(void **state)
{
	struct script *s = parse_ok(
	    "0 > S 0:0(0) <mss 1,sackOK,TS val 5 ecr 6,nop,wscale 14,eol,nop,nop,nop>\n"
	    "+0 > . 1:1(0) <nop,nop,sack 1:2 3:4 4294967294:4294967295>\n"
	    "+0 > S 0:0(0) <md5 000102030405060708090a0b0c0d0e0f,nop,nop>\n"
	    "+0 > S 0:0(0) <FO,nop,nop,FO 0123456789abcdef,FOEXP,FOEXP aBcD>\n"
	    "+0 > S 0:0(0) <ECN e0b 1 ceb 2 e1b 16777215,nop>\n"
	    "+0 > S 0:0(0) <ECN e1b 1,nop,ECN e1b 1 ceb 2 e0b 3,nop,nop,nop,ECN e0b 5 ceb 6>\n"
	    "+0 > S 0:0(0) <...>\n");
	const struct tcp_options *o = &packet_of(s, 0)->opts;

	assert_int_equal(o->count, 9);
	assert_int_equal(o->opt[1].kind, TCPO_SACK_PERMITTED);
	assert_int_equal(o->opt[1].len, 2);
	assert_int_equal(o->opt[2].kind, TCPO_TIMESTAMP);
	assert_int_equal(o->opt[2].len, 10);
	assert_int_equal(o->opt[2].ts.val, 5);
	assert_int_equal(o->opt[2].ts.ecr, 6);
	assert_int_equal(o->opt[4].len, 3);
	assert_int_equal(o->opt[5].kind, TCPO_EOL);
	assert_int_equal(o->opt[5].len, 1);
	o = &packet_of(s, 1)->opts;
	assert_int_equal(o->opt[2].kind, TCPO_SACK);
	assert_int_equal(o->opt[2].len, 26);
	assert_int_equal(o->opt[2].sack.count, 3);
	assert_int_equal(o->opt[2].sack.block[2].left, 4294967294u);
	assert_int_equal(o->opt[2].sack.block[2].right, 4294967295u);
	o = &packet_of(s, 2)->opts;
	assert_int_equal(o->opt[0].kind, TCPO_MD5SIG);
	assert_int_equal(o->opt[0].len, 18);
	assert_int_equal(o->opt[0].blob.len, 16);
	assert_int_equal(o->opt[0].blob.bytes[15], 0x0f);
	o = &packet_of(s, 3)->opts;
	assert_int_equal(o->opt[0].kind, TCPO_FASTOPEN);
	assert_int_equal(o->opt[0].len, 2);
	assert_int_equal(o->opt[3].len, 10);
	assert_int_equal(o->opt[3].blob.bytes[7], 0xef);
	assert_int_equal(o->opt[4].kind, TCPO_FASTOPEN_EXP);
	assert_int_equal(o->opt[4].len, 4);
	assert_int_equal(o->opt[5].len, 6);
	assert_int_equal(o->opt[5].blob.len, 2);
	assert_int_equal(o->opt[5].blob.bytes[0], 0xab);
	o = &packet_of(s, 4)->opts;
	assert_int_equal(o->opt[0].kind, TCPO_ACCECN0);
	assert_int_equal(o->opt[0].len, 11);
	assert_int_equal(o->opt[0].blob.len, 9);
	assert_int_equal(o->opt[0].blob.bytes[2], 1);
	assert_int_equal(o->opt[0].blob.bytes[5], 2);
	assert_int_equal(o->opt[0].blob.bytes[6], 0xff);
	o = &packet_of(s, 5)->opts;
	assert_int_equal(o->opt[0].kind, TCPO_ACCECN1);
	assert_int_equal(o->opt[0].len, 5);
	assert_int_equal(o->opt[2].kind, TCPO_ACCECN1);
	assert_int_equal(o->opt[2].blob.bytes[8], 3);
	assert_int_equal(o->opt[6].kind, TCPO_ACCECN0);
	assert_int_equal(o->opt[6].len, 8);
	assert_true(packet_of(s, 6)->options_any);
	assert_int_equal(packet_of(s, 6)->opts.count, 0);
	script_free(s);
}

static void test_ip_info(void **state)
{
	struct script *s = parse_ok("0 > [ect0] . 1:1(0)\n+0 < (noecn) . 1:1(0) win 1\n"
				    "+0 < [ect1] . 1:1(0) win 1\n+0 < [ce] . 1:1(0) win 1\n"
				    "+0 > [ect01] . 1:1(0)\n+0 < (tos 0x3) . 1:1(0) win 1\n"
				    "+0 < [flowlabel 0xfffff] . 1:1(0) win 1\n"
				    "+0 < [ttl 64] . 1:1(0) win 1\n"
				    "+0 < [ect0, flowlabel 0x12] . 1:1(0) win 1\n"
				    "+0 < [tos 0xfc, flowlabel 0x1] udp (10)\n");
	const struct ip_info *ip;

	assert_int_equal(packet_of(s, 0)->ip.ecn, ECN_ECT0);
	assert_int_equal(packet_of(s, 1)->ip.ecn, ECN_NOECN);
	assert_int_equal(packet_of(s, 2)->ip.ecn, ECN_ECT1);
	assert_int_equal(packet_of(s, 3)->ip.ecn, ECN_CE);
	assert_int_equal(packet_of(s, 4)->ip.ecn, ECN_01);
	ip = &packet_of(s, 5)->ip;
	assert_true(ip->has_tos);
	assert_int_equal(ip->tos, 3);
	assert_int_equal(ip->ecn, ECN_NONE);
	assert_true(packet_of(s, 6)->ip.has_flowlabel);
	assert_int_equal(packet_of(s, 6)->ip.flowlabel, 0xfffff);
	assert_true(packet_of(s, 7)->ip.has_ttl);
	assert_int_equal(packet_of(s, 7)->ip.ttl, 64);
	ip = &packet_of(s, 8)->ip;
	assert_int_equal(ip->ecn, ECN_ECT0);
	assert_int_equal(ip->flowlabel, 0x12);
	ip = &packet_of(s, 9)->ip;
	assert_int_equal(ip->tos, 0xfc);
	assert_int_equal(ip->flowlabel, 1);
	script_free(s);
	expect_error("0 > [ttl 64, ect0] . 1:1(0)\n",
		     "t.pkt:1:12: error: syntax error at ',': unexpected ',', expecting ']'");
}

static void test_udp_icmp(void **state)
{
	struct script *s = parse_ok("0 < udp (1000)\n+0 > udp 5000>6000 (0)\n"
				    "+0 < icmp unreachable frag_needed mtu 1400 [1:1001(1000)]\n"
				    "+0 < icmp echo_request id 7\n"
				    "+0 < icmp time_exceeded [udp (12)]\n"
				    "+0 < icmp type_9 code_3 [raw (60)]\n"
				    "+0 < 1234>80 S 0:0(0) win 1\n");
	const struct pkt_spec *p = packet_of(s, 0);

	assert_int_equal(p->l4, PKT_UDP);
	assert_int_equal(p->udp_len, 1000);
	p = packet_of(s, 1);
	assert_true(p->has_ports);
	assert_int_equal(p->sport, 5000);
	assert_int_equal(p->dport, 6000);
	p = packet_of(s, 2);
	assert_int_equal(p->l4, PKT_ICMP);
	assert_string_equal(p->icmp_type, "unreachable");
	assert_string_equal(p->icmp_code, "frag_needed");
	assert_true(p->has_mtu);
	assert_int_equal(p->mtu, 1400);
	assert_int_equal(p->echoed, ICMP_ECHOED_TCP);
	assert_int_equal(p->echoed_start, 1);
	assert_int_equal(p->echoed_end, 1001);
	assert_int_equal(p->echoed_len, 1000);
	p = packet_of(s, 3);
	assert_null(p->icmp_code);
	assert_true(p->has_icmp_echo_id);
	assert_int_equal(p->icmp_echo_id, 7);
	assert_int_equal(p->echoed, ICMP_ECHOED_DEFAULT);
	assert_int_equal(packet_of(s, 4)->echoed, ICMP_ECHOED_UDP);
	assert_int_equal(packet_of(s, 4)->echoed_len, 12);
	assert_int_equal(packet_of(s, 5)->echoed, ICMP_ECHOED_RAW);
	assert_int_equal(packet_of(s, 5)->echoed_len, 60);
	assert_int_equal(packet_of(s, 6)->sport, 1234);
	assert_int_equal(packet_of(s, 6)->dport, 80);
	script_free(s);
}

static void test_encapsulation(void **state)
{
	struct script *s = parse_ok(
	    "0 < ipv4 (tos 0x4) 1.2.3.4 > 5.6.7.8: gre: S 0:0(0) win 1\n"
	    "+0 > ipv6 fd::1 > fd::2: gre flags [checksum present, key present], sum 1 off 2 "
	    "key=3 seq 4: mpls (label 1, tc 2, ttl 3) (label 5, tc 0, [S], ttl 64): . 1:1(0)\n"
	    "+0 > gre, flags 0x2000 sum 0 off 0 key 9 seq 0: encap psp spi 0x11 . 1:1(0)\n");
	const struct pkt_spec *p = packet_of(s, 0);
	const struct expr *e;

	assert_int_equal(p->n_encap, 2);
	assert_int_equal(p->encap[0].kind, ENCAP_IPV4);
	assert_string_equal(p->encap[0].src, "1.2.3.4");
	assert_string_equal(p->encap[0].dst, "5.6.7.8");
	assert_int_equal(p->encap[0].ip.tos, 4);
	assert_int_equal(p->encap[1].kind, ENCAP_GRE);
	assert_null(p->encap[1].fields);
	p = packet_of(s, 1);
	assert_int_equal(p->n_encap, 3);
	assert_int_equal(p->encap[0].kind, ENCAP_IPV6);
	e = p->encap[1].fields;
	assert_int_equal(e->kind, EXPR_GRE);
	assert_int_equal(expr_field(e, "flags")->num, 0xa000);
	assert_int_equal(expr_field(e, "key")->num, 3);
	assert_int_equal(expr_field(e, "seq")->num, 4);
	e = p->encap[2].fields;
	assert_int_equal(e->kind, EXPR_MPLS_STACK);
	assert_int_equal(e->n_items, 2);
	assert_int_equal(expr_field(e->items[0], "bottom")->num, 0);
	assert_int_equal(expr_field(e->items[1], "bottom")->num, 1);
	assert_int_equal(expr_field(e->items[1], "ttl")->num, 64);
	p = packet_of(s, 2);
	assert_int_equal(expr_field(p->encap[0].fields, "flags")->num, 0x2000);
	assert_true(p->has_psp);
	assert_int_equal(p->psp_spi, 0x11);
	script_free(s);
	expect_error("0 > mpls (label 1, tc 2, [T], ttl 3): . 1:1(0)\n",
		     "t.pkt:1:27: error: expected [S] for MPLS label stack bottom");
	expect_error("0 > mpls (label 1048576, tc 7, ttl 255): . 1:1(0)\n",
		     "t.pkt:1:17: error: MPLS label out of range");
	expect_error("0 > mpls (label 0, tc 8, ttl 255): . 1:1(0)\n",
		     "t.pkt:1:23: error: MPLS traffic class out of range");
	expect_error("0 > mpls (label 0, tc 0, ttl 256): . 1:1(0)\n",
		     "t.pkt:1:30: error: MPLS TTL out of range");
}

/* ---- system calls and expressions ---- */

static void test_syscalls(void **state)
{
	struct script *s =
	    parse_ok("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
		     "+0...0.1 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n"
		     "+0 fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)\n"
		     "+0 getpid() = -1 (Invalid Argument)\n"
		     "+0 close(3) = O_RDWR\n");
	const struct syscall_spec *sc = syscall_of(s, 0);

	assert_string_equal(sc->name, "socket");
	assert_int_equal(sc->name_loc.col, 3);
	assert_int_equal(sc->n_args, 3);
	assert_int_equal(sc->args[0]->kind, EXPR_ELLIPSIS);
	assert_int_equal(sc->result->num, 3);
	assert_false(sc->blocking);
	assert_null(sc->errno_name);
	assert_null(sc->note);
	sc = syscall_of(s, 1);
	assert_true(sc->blocking);
	assert_int_equal(sc->end_usecs, 100000);
	assert_int_equal(sc->result->num, -1);
	assert_string_equal(sc->errno_name, "EINPROGRESS");
	assert_string_equal(sc->note, "Operation now in progress");
	sc = syscall_of(s, 2);
	assert_int_equal(sc->result->num, 2);
	assert_null(sc->errno_name);
	assert_string_equal(sc->note, "flags O_RDWR");
	sc = syscall_of(s, 3);
	assert_int_equal(sc->n_args, 0);
	assert_string_equal(sc->note, "Invalid Argument");
	/* the result is not evaluated at parse time */
	assert_int_equal(syscall_of(s, 4)->result->kind, EXPR_WORD);
	script_free(s);
	/* an errno name needs a note; reserved words are not note words */
	expect_error("0 f() = -1 EAGAIN\n",
		     "t.pkt:1:18: error: syntax error at end of file: unexpected end of file, "
		     "expecting '(' (an errno name must be followed by a note, e.g. "
		     "\"(Bad file descriptor)\")");
	expect_error("0 f() = -1 EBADF (Bad fd)\n",
		     "t.pkt:1:23: error: syntax error at 'fd': unexpected 'fd', "
		     "expecting word or 'flags' or ')'");
	/* unknown syscall names and symbols are only detected when run */
	s = parse_ok("0 no_such_call(NO_SUCH_SYMBOL) = 0\n");
	script_free(s);
}

static void test_expr_scalars(void **state)
{
	struct script *s =
	    parse_ok("0 f(..., 5, 0x10, -3, W, \"ab\" \"cd\", \"x\"..., \"\\\"q\") = 0\n");
	{
		struct expr **a = syscall_of(s, 0)->args;

		assert_int_equal(a[0]->kind, EXPR_ELLIPSIS);
		assert_int_equal(a[1]->num, 5);
		assert_int_equal(a[2]->num, 16);
		assert_int_equal(a[3]->num, -3);
		assert_int_equal(a[4]->kind, EXPR_WORD);
		assert_string_equal(a[4]->text, "W");
		assert_int_equal(a[5]->kind, EXPR_STRING);
		assert_string_equal(a[5]->text, "abcd");
		assert_int_equal(a[5]->text_len, 4);
		assert_false(a[5]->string_ellipsis);
		assert_true(a[6]->string_ellipsis);
		assert_string_equal(a[6]->text, "x");
		/* escapes are kept raw */
		assert_string_equal(a[7]->text, "\\\"q");
		assert_int_equal(a[1]->loc.col, 10);
	}
	script_free(s);
}

static void test_expr_operators_and_lists(void **state)
{
	const struct expr *e;
	struct script *s = parse_arg("A|B|C", &e);

	/* left-associative: (A|B)|C */
	assert_int_equal(e->kind, EXPR_BINARY);
	assert_int_equal(e->lhs->kind, EXPR_BINARY);
	assert_string_equal(e->lhs->lhs->text, "A");
	assert_string_equal(e->rhs->text, "C");
	script_free(s);

	s = parse_arg("[]", &e);
	assert_int_equal(e->kind, EXPR_LIST);
	assert_int_equal(e->n_items, 0);
	script_free(s);

	s = parse_arg("[TCP_NLA_BUSY=1|2, TCP_NLA_X=..., [3]]", &e);
	assert_int_equal(e->kind, EXPR_LIST);
	assert_int_equal(e->n_items, 3);
	assert_int_equal(e->items[0]->kind, EXPR_KEYVAL);
	assert_string_equal(e->items[0]->text, "TCP_NLA_BUSY");
	assert_int_equal(e->items[0]->rhs->kind, EXPR_BINARY);
	assert_int_equal(e->items[1]->rhs->kind, EXPR_ELLIPSIS);
	assert_int_equal(e->items[2]->kind, EXPR_LIST);
	script_free(s);

	s = parse_arg("inet_addr(\"192.0.2.1\")", &e);
	assert_int_equal(e->kind, EXPR_INTEGER);
	assert_int_equal(e->num, 0x010200c0);
	script_free(s);

	s = parse_arg("inet6_addr(\"fd::1\")", &e);
	assert_int_equal(e->kind, EXPR_IN6_ADDR);
	assert_string_equal(e->text, "fd::1");
	script_free(s);

	s = parse_arg("{1, W, \"s\"}", &e);
	assert_int_equal(e->kind, EXPR_STRUCT);
	assert_int_equal(e->n_items, 3);
	script_free(s);

	expect_error("0 f(inet_addr(\"1.2.3\")) = 0\n",
		     "t.pkt:1:15: error: invalid IPv4 address in inet_addr(): \"1.2.3\"");
}

static void test_expr_structs(void **state)
{
	const struct expr *e;
	struct script *s;

	s = parse_arg("{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"1.2.3.4\")}",
		      &e);
	assert_int_equal(e->kind, EXPR_SOCKADDR_IN);
	assert_string_equal(expr_field(e, "sa_family")->text, "AF_INET");
	assert_int_equal(expr_field(e, "sin_port")->num, 8080);
	assert_int_equal(expr_field(e, "sin_addr")->num, 0x04030201);
	script_free(s);

	s = parse_arg("{..., 100}", &e);
	assert_int_equal(e->kind, EXPR_IOVEC);
	assert_int_equal(expr_field(e, "base")->kind, EXPR_ELLIPSIS);
	assert_int_equal(expr_field(e, "len")->num, 100);
	script_free(s);

	s = parse_arg("{fd=3, events=POLLIN|POLLOUT, revents=POLLOUT}", &e);
	assert_int_equal(e->kind, EXPR_POLLFD);
	assert_int_equal(expr_field(e, "fd")->num, 3);
	assert_int_equal(expr_field(e, "events")->kind, EXPR_BINARY);
	assert_non_null(expr_field(e, "revents"));
	script_free(s);

	s = parse_arg("{fd=3, events=0}", &e);
	assert_null(expr_field(e, "revents"));
	script_free(s);

	static const char *const keys[] = {"fd", "ptr", "u32", "u64"};

	for (size_t i = 0; i < 4; i++) {
		char arg[64];

		snprintf(arg, sizeof(arg), "{events=EPOLLIN, %s=7}", keys[i]);
		s = parse_arg(arg, &e);
		assert_int_equal(e->kind, EXPR_EPOLLEV);
		assert_int_equal(expr_field(e, keys[i])->num, 7);
		script_free(s);
	}

	s = parse_arg("{onoff=1, linger=0}", &e);
	assert_int_equal(e->kind, EXPR_LINGER);
	assert_int_equal(expr_field(e, "onoff")->num, 1);
	script_free(s);

	s = parse_arg("{scm_sec=1, scm_nsec=500}", &e);
	assert_int_equal(e->kind, EXPR_SCM_TIMESTAMPING);
	assert_int_equal(expr_field(e, "scm_nsec")->num, 500);
	script_free(s);

	s = parse_arg("{flags [none], sum 1, off 2, key 3, seq 4}", &e);
	assert_int_equal(e->kind, EXPR_GRE);
	assert_int_equal(expr_field(e, "off")->num, 2);
	script_free(s);

	s = parse_arg("{(label 1, tc 0, [S], ttl 9)}", &e);
	assert_int_equal(e->kind, EXPR_MPLS_STACK);
	assert_int_equal(e->n_items, 1);
	script_free(s);
}

static void test_expr_msghdr(void **state)
{
	const struct expr *e, *c;
	struct script *s = parse_arg(
	    "{msg_name(...)=..., msg_iov(2)=[{..., 10}, {...,20}], msg_flags=MSG_ERRQUEUE,\n"
	    "  msg_control=[{cmsg_level=SOL_IP, cmsg_type=IP_RECVERR,\n"
	    "    cmsg_data={ee_errno=0, ee_origin=SO_EE_ORIGIN_ZEROCOPY, ee_type=0,\n"
	    "      ee_code=SO_EE_CODE_ZEROCOPY_COPIED, ee_info=0, ee_data=2}},\n"
	    "    {cmsg_level=SOL_SOCKET, cmsg_type=SCM_TIMESTAMPING,\n"
	    "     cmsg_data={scm_sec=0,scm_nsec=0}},\n"
	    "    {cmsg_level=SOL_SOCKET, cmsg_type=SCM_TIMESTAMPING_OPT_STATS,\n"
	    "     cmsg_data=[TCP_NLA_BUSY=..., TCP_NLA_RWND_LIMITED=0]}]}",
	    &e);

	assert_int_equal(e->kind, EXPR_MSGHDR);
	assert_int_equal(expr_field(e, "msg_name")->kind, EXPR_ELLIPSIS);
	assert_int_equal(expr_field(e, "msg_iovlen")->num, 2);
	assert_int_equal(expr_field(e, "msg_iov")->kind, EXPR_LIST);
	assert_int_equal(expr_field(e, "msg_iov")->n_items, 2);
	assert_int_equal(expr_field(e, "msg_iov")->items[1]->kind, EXPR_IOVEC);
	assert_string_equal(expr_field(e, "msg_flags")->text, "MSG_ERRQUEUE");
	c = expr_field(e, "msg_control");
	assert_int_equal(c->n_items, 3);
	assert_int_equal(c->items[0]->kind, EXPR_CMSG);
	assert_int_equal(expr_field(c->items[0], "cmsg_data")->kind, EXPR_SOCK_EXTENDED_ERR);
	assert_int_equal(expr_field(expr_field(c->items[0], "cmsg_data"), "ee_data")->num, 2);
	assert_int_equal(expr_field(c->items[1], "cmsg_data")->kind, EXPR_SCM_TIMESTAMPING);
	assert_int_equal(expr_field(c->items[2], "cmsg_data")->kind, EXPR_LIST);
	script_free(s);

	s = parse_arg("{msg_name(...)=..., msg_iov(1)=[{...,0}], msg_flags=0}", &e);
	assert_null(expr_field(e, "msg_control"));
	script_free(s);
}

static void test_expr_kind_names(void **state)
{
	assert_string_equal(expr_kind_name(EXPR_ELLIPSIS), "ellipsis");
	assert_string_equal(expr_kind_name(EXPR_BINARY), "binary_expression");
	assert_string_equal(expr_kind_name(EXPR_EPOLLEV), "epollev");
	assert_string_equal(expr_kind_name(EXPR_SOCK_EXTENDED_ERR), "sock_extended_err");
	assert_string_equal(expr_kind_name((enum expr_kind)99), "unknown");
	assert_null(expr_field(NULL, "x"));
}

/* ---- semantic errors ---- */

static void test_semantic_errors(void **state)
{
	static const char *const cases[][2] = {
	    {"-1 f() = 0\n", "t.pkt:1:1: error: negative time"},
	    {"0 f() = 0\n+-0.5 f() = 0\n", "t.pkt:2:2: error: negative time"},
	    {"0 f() = 0\n+0...-1 f() = 0\n", "t.pkt:2:6: error: negative time"},
	    {"2~1 > . 1:1(0)\n", "t.pkt:1:1: error: time range is backwards"},
	    {"+.3~+.2 > . 1:1(0)\n", "t.pkt:1:1: error: time range is backwards"},
	    {"* f() = 0\n",
	     "t.pkt:1:1: error: event time <star> can only be used with outbound packets"},
	    {"* < . 1:1(0) win 1\n",
	     "t.pkt:1:1: error: event time <star> can only be used with outbound packets"},
	    {"1~2 f() = 0\n",
	     "t.pkt:1:1: error: event time range can only be used with outbound packets"},
	    {"+1~+2 `x`\n",
	     "t.pkt:1:1: error: event time range can only be used with outbound packets"},
	    {"0 > . 1:2(0)\n",
	     "t.pkt:1:7: error: inconsistent TCP sequence numbers and payload size"},
	    {"0 > . 0:4294967296(0)\n", "t.pkt:1:9: error: TCP end sequence number out of range"},
	    {"0 > . 0:65536(65536)\n", "t.pkt:1:15: error: TCP payload size out of range"},
	    {"0 > . 0:0(0) ack -1\n", "t.pkt:1:18: error: TCP ack sequence number out of range"},
	    {"0 < . 0:0(0) win 65536\n", "t.pkt:1:18: error: TCP window value out of range"},
	    {"0 > . 0:0(0) urg 65536\n", "t.pkt:1:18: error: urg_ptr value out of range"},
	    {"0 < . 0:0(0)\n", "t.pkt:1:3: error: window must be specified for inbound packets"},
	    {"0 < . 0:0(0) win 1 <...>\n",
	     "t.pkt:1:20: error: <...> for TCP options can only be used with outbound packets"},
	    {"0 < [ect01] . 0:0(0) win 1\n",
	     "t.pkt:1:5: error: [ect01] can only be used with outbound packets"},
	    {"0 > S 0:0(0) <mss 65536>\n", "t.pkt:1:19: error: mss value out of range"},
	    {"0 > S 0:0(0) <wscale 256,nop>\n",
	     "t.pkt:1:22: error: window scale shift count out of range"},
	    {"0 > S 0:0(0) <sack 4294967296:1,nop,nop>\n",
	     "t.pkt:1:20: error: TCP SACK left sequence number out of range"},
	    {"0 > S 0:0(0) <sack 1:-1,nop,nop>\n",
	     "t.pkt:1:22: error: TCP SACK right sequence number out of range"},
	    {"0 > S 0:0(0) <nop,nop,sack 1:2 3:4 5:6 7:8 9:10>\n",
	     "t.pkt:1:44: error: too many TCP SACK blocks (at most 4)"},
	    {"0 > S 0:0(0) <TS val 4294967296 ecr 0,nop,nop>\n",
	     "t.pkt:1:22: error: TS val out of range"},
	    {"0 > S 0:0(0) <TS val 0 ecr -1,nop,nop>\n", "t.pkt:1:28: error: TS ecr out of range"},
	    {"0 > S 0:0(0) <md5 abc,nop,nop>\n",
	     "t.pkt:1:19: error: TCP MD5 digest has an odd number of digits"},
	    {"0 > S 0:0(0) <md5 zz,nop,nop>\n",
	     "t.pkt:1:19: error: TCP MD5 digest 'zz' is not a valid hex string"},
	    {"0 > S 0:0(0) <md5 000102030405060708090a0b0c0d0e0f10,nop,nop>\n",
	     "t.pkt:1:19: error: TCP MD5 digest longer than 16 bytes"},
	    {"0 > S 0:0(0) <FO 123,nop,nop>\n",
	     "t.pkt:1:18: error: TCP fast open cookie has an odd number of digits"},
	    {"0 > S 0:0(0) <FOEXP CK>\n",
	     "t.pkt:1:21: error: TCP fast open cookie 'CK' is not a valid hex string"},
	    {"0 > S 0:0(0) <ECN e0b 16777216,nop,nop,nop>\n",
	     "t.pkt:1:23: error: TCP AccECN field value out of range"},
	    {"0 > S 0:0(0) <nop>\n", "t.pkt:1:14: error: TCP options are not padded correctly to "
				     "ensure TCP header is a multiple of 4 bytes: 1 excess bytes"},
	    {"0 > S 0:0(0) <TS val 1 ecr 2,TS val 1 ecr 2,TS val 1 ecr 2,TS val 1 ecr 2,TS val 1 "
	     "ecr 2>\n",
	     "t.pkt:1:14: error: TCP option list too long"},
	    {"0 < (tos 0x100) . 0:0(0) win 1\n", "t.pkt:1:10: error: TOS value out of range"},
	    {"0 < [flowlabel 0x100000] . 0:0(0) win 1\n",
	     "t.pkt:1:16: error: flowlabel value out of range"},
	    {"0 < [ttl 256] . 0:0(0) win 1\n", "t.pkt:1:10: error: TTL value out of range"},
	    {"0 < udp (65536)\n", "t.pkt:1:10: error: UDP payload size out of range"},
	    {"0 < 65536>1 udp (1)\n", "t.pkt:1:13: error: syntax error at 'udp': unexpected 'udp', "
				      "expecting word or float or '.' or '-'"},
	    {"0 < 65536>1 . 0:0(0) win 1\n", "t.pkt:1:5: error: port number out of range"},
	    {"0 < icmp echo_request id 65536\n", "t.pkt:1:26: error: ICMP echo id out of range"},
	    {"0 < icmp unreachable [udp (65536)]\n",
	     "t.pkt:1:28: error: UDP payload size out of range"},
	    {"0 < icmp unreachable [1:2(0)]\n",
	     "t.pkt:1:23: error: inconsistent TCP sequence numbers and payload size"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_error(cases[i][0], cases[i][1]);
	/* a start out of range makes the end out of range too */
	assert_non_null(strstr(parse_bad("0 > . 4294967296:4294967296(0)\n"),
			       "t.pkt:1:7: error: TCP start sequence number out of range\n"));
	assert_int_equal(diag.n_errors, 2);
}

static void test_option_list_overflow(void **state)
{
	char text[512] = "0 > S 0:0(0) <nop";

	for (int i = 0; i < 44; i++)
		strcat(text, ",nop");
	strcat(text, ">\n");
	expect_error(text, "t.pkt:1:175: error: TCP option list too long");
}

/* ---- syntax errors, diagnostics and recovery ---- */

static void test_diag_format(void **state)
{
	const char *log = parse_bad("0 f() = 0\n+0\tfoo bar\n");

	assert_string_equal(log, "t.pkt:2:8: error: syntax error at 'bar': unexpected word, "
				 "expecting '('\n"
				 "  +0\tfoo bar\n"
				 "    \t    ^~~\n");
}

static void test_multi_error(void **state)
{
	const char *log = parse_bad("--tolerance_usecs=1000\n"
				    "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
				    "+0 bind(3, ..., ...) = 0 junk junk\n"
				    "+0 listen(3, 1) = 0\n"
				    "+0 < S 0:0(0) <mss 1460>\n"
				    "+0 > S. 0:0(0) ack 1 <mss 1460,nop>\n"
				    "+0 < . 1:1(0) ack 1 win 257 # not a comment\n"
				    "+0 accept(3, ..., ...) = 4\n"
				    "+0 write(4, ..., 10 = 10\n"
				    "+0 > P. 1:11(10) ack 1\n"
				    "+0 < [ect01] . 1:1(0) ack 11 win 257\n"
				    "+0 close(4) = 0\n");

	assert_int_equal(diag.n_errors, 6);
	assert_non_null(strstr(log, "t.pkt:3:31: error: syntax error at 'junk': "
				    "unexpected word, expecting '('"));
	assert_non_null(strstr(log, "t.pkt:5:4: error: window must be specified"));
	assert_non_null(strstr(log, "t.pkt:6:22: error: TCP options are not padded"));
	assert_non_null(strstr(log, "t.pkt:7:29: error: unexpected character '#'"));
	assert_non_null(strstr(log, "t.pkt:9:21: error: syntax error at '=': "
				    "unexpected '=', expecting '|' or ',' or ')'"));
	assert_non_null(strstr(log, "t.pkt:11:6: error: [ect01] can only be used"));
}

static void test_syntax_errors(void **state)
{
	expect_error("0 f() = 0\n+0 < S 0:0(0) win 1 <mss>\n",
		     "t.pkt:2:25: error: syntax error at '>': unexpected '>', expecting integer");
	expect_error(
	    "0 f(x \"a very long string that goes on and on and on\") = 0\n",
	    "t.pkt:1:7: error: syntax error at '\"a very long string that goes on and ...': "
	    "unexpected string, expecting '=' or '|' or ',' or ')'");
	expect_error("0 f(\"abc\"\n\"def\" x) = 0\n",
		     "t.pkt:2:7: error: syntax error at 'x': unexpected word");
	expect_error("0 f(`ab\ncd`) = 0\n",
		     "t.pkt:1:5: error: syntax error at '`ab': unexpected backquoted command");
	expect_error("0 f() = 0\n1 2\n",
		     "t.pkt:2:3: error: syntax error at '2': unexpected integer");
	/* an error at the end of the file points after the last token */
	assert_string_equal(parse_bad("0 f() = 0\nfoo\n\n  \n"),
			    "t.pkt:2:4: error: syntax error at end of file: unexpected end of "
			    "file, expecting '(' (an errno name must be followed by a note, e.g. "
			    "\"(Bad file descriptor)\")\n  foo\n     ^\n");
	/* a bracket left open at the end of its line is reported at the bracket */
	expect_error("0 f(1, 2\n+0 g() = 0\n",
		     "t.pkt:1:4: error: '(' is not closed: expected ')' before the next line");
	expect_error("0 < S 0:0(0) win 1 <mss 1\n+0 f() = 0\n",
		     "t.pkt:1:20: error: '<' is not closed: expected '>' before the next line");
	expect_error(
	    "0 f([{fd=3, events=1}\n",
	    "t.pkt:1:5: error: '[' is not closed: expected ']' before the end of the file");
	/* a packet's direction is no bracket */
	expect_error("0 < 1\n+0 f() = 0\n",
		     "t.pkt:2:1: error: syntax error at '+': unexpected '+', expecting '>'");
	/* a string closed only by the quote of a later line's string */
	expect_error("0 f(\"abc) = 0\n+0 g(\"x\") = 0\n",
		     "t.pkt:1:5: error: unterminated string (no closing '\"' on its line)");
	/* hints for mistakes that show up on the next line */
	expect_error("0 f() = 0\n+0 g() = -1 EAGAIN\n+0 h() = 0\n",
		     "t.pkt:3:1: error: syntax error at '+': unexpected '+', expecting '(' (an "
		     "errno name must be followed by a note, e.g. \"(Bad file descriptor)\")");
	/* nesting deeper than the parser stack is an error, not a crash */
	{
		char *deep = malloc(25000);

		memset(deep, '[', 24990);
		memcpy(deep, "0 f(", 4);
		deep[24990] = '\0';
		assert_non_null(
		    strstr(parse_bad(deep), "error: nesting too deep (parser stack exhausted)"));
		free(deep);
	}
}

static void test_lexical_errors(void **state)
{
	expect_error("0 f() = 0\n# comment\n",
		     "t.pkt:2:1: error: unexpected character '#' (comments are // or /* */)");
	expect_error("0 f() = 0 // ok\n+0 f(\"abc) = 0\n+0 f() = 0\n",
		     "t.pkt:2:6: error: unterminated string");
	expect_error("0 f() = 0\n+0 `abc\n\n", "t.pkt:2:4: error: unterminated backquoted command");
	expect_error("0 f() = 0\n+0 %{ abc\n }\n",
		     "t.pkt:2:4: error: unterminated %{ code block (no closing }%)");
	expect_error("0 f() = 0\n/* abc\n", "t.pkt:2:1: error: unterminated /* comment");
	expect_error(
	    "0 f() = 0\n+0 f(\xe2\x82\xac) = 0\n",
	    "t.pkt:2:6: error: unexpected character '\xe2\x82\xac' (non-ASCII text belongs "
	    "in strings, commands, code or comments)");
	expect_error("0 f() = 0\n+0 f(\x80) = 0\n", "t.pkt:2:6: error: invalid UTF-8 byte 0x80");
	/* non-ASCII text is fine in comments, strings, commands and code */
	script_free(
	    parse_ok("// caf\xc3\xa9\n0 f(\"\xc3\xa9\") = 0 /* \xff */\n+0 `echo \xc3\xa9`\n"
		     "+0 %{ x = '\xc3\xa9' }%\n"));
}

static void test_nul_and_empty(void **state)
{
	struct script *s = NULL;
	static const char nul[] = "0 f() = 0\n+0 f(\0) = 0\n";

	assert_int_equal(parse_script("t.pkt", nul, sizeof(nul) - 1, &defs, &diag, &s), -1);
	assert_non_null(strstr(strbuf_str(&diag.log), "t.pkt:2:6: error: NUL byte in script"));
	expect_error("", "t.pkt:1:1: error: script has no events");
	expect_error("// nothing\n/* here */\n", "t.pkt:1:1: error: script has no events");
	expect_error("--dry_run\n`init`\n", "t.pkt:1:1: error: script has no events");
	/* a // comment may end the file without a newline */
	script_free(parse_ok("0 f() = 0 // end"));
	script_free(parse_ok("0 f() = 0\r\n+0 f() = 0\r\n"));
}

static void test_parse_file(void **state)
{
	char path[] = "/tmp/test_parser_XXXXXX";
	int fd = mkstemp(path);
	struct script *s = NULL;
	static const char text[] = "0 f() = 0\n";

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	diag_free(&diag);
	diag_init(&diag, path, NULL, 0, NULL);
	assert_int_equal(parse_file(path, &defs, &diag, &s), 0);
	assert_string_equal(s->path, path);
	assert_string_equal(s->text, text);
	/* the sink quotes lines from the script's text after a successful parse */
	assert_ptr_equal(diag.text, s->text);
	script_free(s);
	unlink(path);

	diag_free(&diag);
	diag_init(&diag, "/tmp", NULL, 0, NULL);
	assert_int_equal(parse_file("/tmp", &defs, &diag, &s), -1);
	assert_string_equal(strbuf_str(&diag.log),
			    "/tmp: error: cannot read script: Is a directory\n");
	diag_free(&diag);
	diag_init(&diag, NULL, NULL, 0, NULL);
	assert_int_equal(parse_file("/nonexistent/x.pkt", NULL, &diag, &s), -1);
	assert_string_equal(
	    strbuf_str(&diag.log),
	    "/nonexistent/x.pkt: error: cannot read script: No such file or directory\n");
}

static void test_no_defines_table(void **state)
{
	struct script *s = NULL;
	static const char text[] = "--define=X=5\n0 f(X) = 0\n";

	assert_int_equal(parse_script("t.pkt", text, sizeof(text) - 1, NULL, &diag, &s), 0);
	assert_int_equal(s->events[0].syscall->args[0]->num, 5);
	script_free(s);
}

/* ---- configuration-dependent checks ---- */

static void expect_config_error(const char *text, int ip_version, const char *line)
{
	struct script *s = parse_ok(text);
	int n = check_script(s, ip_version, &diag);

	if (!line) {
		assert_int_equal(n, 0);
	} else {
		assert_int_equal(n, 1);
		if (strncmp(strbuf_str(&diag.log), line, strlen(line)))
			fail_msg("expected \"%s\", got:\n%s", line, strbuf_str(&diag.log));
	}
	script_free(s);
}

static void test_check_script(void **state)
{
	expect_config_error("0 < icmp unreachable frag_needed mtu 1400\n", 4, NULL);
	expect_config_error("0 < icmp unreachable frag_needed mtu 1400\n", 6,
			    "t.pkt:1:22: error: bad ICMP code frag_needed");
	expect_config_error("0 < icmp packet_too_big mtu 1400\n", 6, NULL);
	expect_config_error("0 < icmp packet_too_big mtu 1400\n", 4,
			    "t.pkt:1:10: error: bad ICMP type packet_too_big");
	expect_config_error("0 < icmp unreachable CODE\n", 4,
			    "t.pkt:1:22: error: bad ICMP code CODE");
	expect_config_error(
	    "0 < icmp unreachable port_unreachable mtu 1400\n", 4,
	    "t.pkt:1:43: error: ICMPv4 MTU is only valid for unreachable-frag_needed");
	expect_config_error("0 < icmp unreachable frag_needed mtu 65536\n", 4,
			    "t.pkt:1:38: error: ICMPv4 MTU out of range");
	expect_config_error("0 < icmp packet_too_big code_1 mtu 1400\n", 6,
			    "t.pkt:1:36: error: ICMPv6 MTU is only valid for packet_too_big-0");
	expect_config_error("0 < icmp type_2 code_0 mtu 100000\n", 6, NULL);
	expect_config_error("0 < [ect0] udp (10)\n", 4,
			    "t.pkt:1:5: error: ECN can only be used with TCP packets");
	expect_config_error("0 < [ce] udp (10)\n", 6,
			    "t.pkt:1:5: error: ECN can only be used with TCP packets");
	expect_config_error("0 > [ect01] udp (10)\n+0 < [tos 0x1] udp (1)\n"
			    "+0 < [ect0] . 1:1(0) win 1\n",
			    4, NULL);
}

/* Outer layers the run could not build are found before it starts. */
static void test_check_encap(void **state)
{
	expect_config_error("0 < ipv6 ::1 > ::2: gre: mpls (label 1, tc 0, [S], ttl 1): "
			    "ipv4 1.2.3.4 > 1.2.3.5: . 1:1(0) win 1\n",
			    4, NULL);
	expect_config_error("0 < gre: gre: gre: gre: gre: . 1:1(0) win 1\n", 6,
			    "t.pkt:1:25: error: more than 4 outer headers");
	expect_config_error("0 < mpls : . 1:1(0) win 1\n", 4,
			    "t.pkt:1:5: error: an MPLS stack needs 1 to 8 labels, not 0");
	expect_config_error("0 < ipv4 1.2.3.4 > 1.2.3.256: . 1:1(0) win 1\n", 4,
			    "t.pkt:1:20: error: invalid outer IPv4 address \"1.2.3.256\"");
	expect_config_error("0 setsockopt(3, 0, 0, [{}], 4) = 0\n", 4,
			    "t.pkt:1:24: error: an MPLS stack needs 1 to 8 labels, not 0");
	expect_config_error("0 setsockopt(3, 0, 0, {(label 1, tc 0, [S], ttl 1)}, 4) = 0\n", 4,
			    NULL);
}

/* ---- robustness: random token soup must never crash, hang or leak ---- */

/* script_span_usecs: the runner's length estimate, row by row. */
static void test_span(void **state)
{
	static const struct {
		const char *text;
		int64_t span;
	} rows[] = {
	    {"0 close(3) = 0\n", 0},
	    {"0 close(3) = 0\n+.5 close(3) = 0\n+1.25 close(3) = 0\n", 1750000},
	    /* an absolute time resets the sum; a later, earlier one keeps the max */
	    {"0 close(3) = 0\n+1 close(3) = 0\n3 close(3) = 0\n+.1 close(3) = 0\n", 3100000},
	    {"0 close(3) = 0\n2 close(3) = 0\n1 close(3) = 0\n", 2000000},
	    /* ranges count to their end; '*' adds nothing */
	    {"0 close(3) = 0\n+1~+3 > . 1:1(0) ack 1\n* > . 1:1(0) ack 1\n", 3000000},
	    {"0 close(3) = 0\n0.5~2.5 > . 1:1(0) ack 1\n", 2500000},
	    /* a blocking call counts to its end, relative to the event before */
	    {"0 close(3) = 0\n+1 read(3, ..., 1) = 1\n+2...6 read(3, ..., 1) = 0\n", 7000000},
	    {"0...4 read(3, ..., 1) = 0\n", 4000000},
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct script *s = NULL;

		if (parse(rows[i].text, &s)) {
			ROW_FAIL("row %zu does not parse: %s", i, strbuf_str(&diag.log));
			continue;
		}
		if (script_span_usecs(s) != rows[i].span)
			ROW_FAIL("row %zu: span %lld, expected %lld", i,
				 (long long)script_span_usecs(s), (long long)rows[i].span);
		script_free(s);
	}
	ROWS_DONE();
}

static void test_garbage(void **state)
{
	static const char *const atoms[] = {
	    "0",	"+",	   "+0",   "*",	    "~",       "<",    ">",	  "S.",
	    ".",	"1:1(0)",  "win",  "ack",   "1",       "(",    ")",	  "[",
	    "]",	"{",	   "}",	   ",",	    "=",       "|",    "...",	  "\"s\"",
	    "`c`",	"%{ x }%", "f",	   "mss",   "nop",     "\n",   "\n",	  "\n",
	    "--opt",	"ect0",	   "udp",  "icmp",  "gre",     "mpls", ":",	  "-",
	    "#",	"0x10",	   "1.5",  "fd::1", "1.2.3.4", "\xff", "/* c */", "// c\n",
	    "msg_name", "flags",   "sack", "FO",    "ECN",     "e0b",  "label",	  "[S]",
	    "\"",	"`",	   "%{",
	};
	size_t n_atoms = sizeof(atoms) / sizeof(atoms[0]);
	unsigned seed = 12345;

	for (int round = 0; round < 3000; round++) {
		char text[600] = "";
		struct script *s = NULL;
		int len = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 40;

		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			strcat(text, atoms[(seed >> 16) % n_atoms]);
			strcat(text, (seed >> 8) & 1 ? " " : "");
		}
		diag_free(&diag);
		diag_init(&diag, "t.pkt", NULL, 0, NULL);
		if (parse_script("t.pkt", text, strlen(text), &defs, &diag, &s) == 0) {
			check_script(s, 4, &diag);
			script_free(s);
		} else {
			assert_true(diag.n_errors > 0);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_event_times, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_commands_and_code, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_untimed_command_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_option_lines, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_define_lines, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_defines_everywhere, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tcp_basic, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tcp_flags, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tcp_options, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ip_info, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_udp_icmp, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_encapsulation, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_syscalls, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_expr_scalars, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_expr_operators_and_lists, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_expr_structs, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_expr_msghdr, setup, teardown),
	    cmocka_unit_test(test_expr_kind_names),
	    cmocka_unit_test_setup_teardown(test_semantic_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_option_list_overflow, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_diag_format, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_multi_error, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_syntax_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lexical_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nul_and_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_parse_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_defines_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_check_script, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_check_encap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_garbage, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_span, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
