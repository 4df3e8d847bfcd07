/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests for code/code_lex.c, code_parse.c and code_expr.c (the native Python
 * subset of %{ }% blocks) and the snapshot names of code/tcp_info.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/codeblock/code_expr.h"
#include "runtime/codeblock/code_lex.h"
#include "runtime/codeblock/code_parse.h"
#include "runtime/codeblock/tcp_info.h"
#include "parser/util/strbuf.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- tokenizer ---- */

struct tok_case {
	const char *text;
	const char *tokens; /* NULL: the text is outside the subset */
	const char *why;    /* the reason then (substring) */
};

/* clang-format off */
static const struct tok_case tok_cases[] = {
	{ "assert a<=0x10 # c\nprint(x)",
	  "KW:assert NAME:a OP:<= INT:16 NEWLINE NAME:print OP:( NAME:x OP:) NEWLINE END", NULL },
	{ "a + \\\n\t b", "NAME:a OP:+ NAME:b NEWLINE END", NULL },
	{ "(a +\n   b)", "OP:( NAME:a OP:+ NAME:b OP:) NEWLINE END", NULL },
	{ "x += 1; y //= 2", "NAME:x AUG:+= INT:1 OP:; NAME:y AUG://= INT:2 NEWLINE END", NULL },
	{ "1.5 .5 1e3 1_000 0o17 0b101 0", "FLOAT:1.5 FLOAT:0.5 FLOAT:1000.0 INT:1000 INT:15 INT:5 INT:0 NEWLINE END", NULL },
	{ "a**b//c<<d>>e!=f==g", "NAME:a OP:** NAME:b OP:// NAME:c OP:<< NAME:d OP:>> NAME:e OP:!= NAME:f OP:== NAME:g NEWLINE END", NULL },
	{ "not a and b or True", "KW:not NAME:a KW:and NAME:b KW:or KW:True NEWLINE END", NULL },
	{ "\n\n# only a comment\n\n", "END", NULL },
	{ "x\n\n   # indented comment\ny", "NAME:x NEWLINE NAME:y NEWLINE END", NULL },
	{ "assert x;\\", "KW:assert NAME:x OP:; NEWLINE END", NULL },
	{ "0x7fffffffffffffff", "INT:9223372036854775807 NEWLINE END", NULL },
	{ "'cwnd=%d' % x, \"it's\\t\\\\ \\n\"",
	  "STR:cwnd=%d OP:% NAME:x OP:, STR:it's\t\\ \n NEWLINE END", NULL },
	{ "'a\\qb'", NULL, "string" },
	{ "'unterminated", NULL, "string" },
	{ "'a\nb'", NULL, "string" },
	{ "'caf\xc3\xa9'", NULL, "string" },
	{ "'''doc'''", NULL, "triple-quoted" },
	{ "a.b", NULL, "punctuation" },
	{ "a[1]", NULL, "punctuation" },
	{ "x\n  y", NULL, "indented" },
	{ "012", NULL, "leading zeros" },
	{ "if x", NULL, "keyword" },
	{ "x is None", NULL, "keyword" },
	{ "0x", NULL, "malformed" },
	{ "1__0", NULL, "malformed" },
	{ "1j", NULL, "malformed" },
	{ "1e", NULL, "malformed" },
	{ "9223372036854775808", NULL, "too large" },
	{ "a \\ b", NULL, "backslash" },
	{ "(a", NULL, "unclosed" },
	{ "a)", NULL, "unbalanced" },
};
/* clang-format on */

static void test_tokens(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(tok_cases); i++) {
		const struct tok_case *c = &tok_cases[i];
		struct strbuf sb = STRBUF_INIT;
		const char *why = NULL;
		int rc = code_lex_dump(c->text, &sb, &why);
		if (c->tokens) {
			if (rc || strcmp(strbuf_str(&sb), c->tokens))
				fail_msg("'%s': got '%s' (%s), want '%s'", c->text, strbuf_str(&sb),
					 why ? why : "ok", c->tokens);
		} else if (!rc || !why || !strstr(why, c->why)) {
			fail_msg("'%s': want a fallback for '%s', got rc %d (%s)", c->text, c->why,
				 rc, why ? why : "no reason");
		}
		strbuf_free(&sb);
	}
}

/* ---- evaluation ---- */

static struct tcp_snapshot snap;

static int setup_snapshot(void **state)
{
	tcp_snapshot_init(&snap);
	tcp_snapshot_set(&snap, "tcpi_state", 1);
	tcp_snapshot_set(&snap, "tcpi_snd_cwnd", 10);
	tcp_snapshot_set(&snap, "tcpi_ca_state", 0);
	tcp_snapshot_set(&snap, "tcpi_lost", 0);
	tcp_snapshot_set(&snap, "tcpi_reordering", 3);
	tcp_snapshot_set(&snap, "tcpi_options", 7);
	tcp_snapshot_set(&snap, "tcpi_sndbuf_limited", 5);
	tcp_snapshot_set(&snap, "tcpi_max_pacing_rate", UINT64_MAX);
	return 0;
}

/* Runs text; returns the status and fills out (print output) and msg. */
static enum code_status eval_text(const char *text, struct code_vars *vars, struct strbuf *out,
				  char **msg, size_t *offset)
{
	const char *why = NULL;
	struct code_expr *c = code_parse(text, &why);
	struct code_outcome o = {0};

	if (!c)
		return CODE_FALLBACK;
	enum code_status st = code_expr_eval(c, tcp_snapshot_lookup, &snap, vars, &o);
	if (out)
		strbuf_printf(out, "%s", strbuf_str(&o.out));
	if (msg)
		*msg = o.message ? strdup(o.message) : NULL;
	if (offset)
		*offset = o.offset;
	code_expr_outcome_free(&o);
	code_parse_free(c);
	return st;
}

struct value_case {
	const char *expr;
	const char *printed; /* Python's print() of it; NULL: falls back to Python */
};

/* clang-format off */
static const struct value_case value_cases[] = {
	/* precedence */
	{ "1 + 2 * 3", "7" }, { "(1 + 2) * 3", "9" }, { "2 ** 3 ** 2", "512" },
	{ "-2 ** 2", "-4" }, { "(-2) ** 2", "4" }, { "1 | 2 ^ 3 & 4", "3" },
	{ "1 << 2 + 1", "8" }, { "6 - 2 - 1", "3" }, { "2 * 3 % 4", "2" },
	{ "not 1 == 2", "True" }, { "not 0 and 1", "1" }, { "1 or 0 and 0", "1" },
	{ "-~5", "6" }, { "--5", "5" }, { "+True", "1" },
	/* chained comparisons */
	{ "1 < 2 < 3", "True" }, { "3 > 2 > 2", "False" }, { "1 < 2 == 2", "True" },
	{ "1 < 2 <= 2 != 3 >= 3", "True" }, { "2 < 1 < unknown_name", "False" },
	{ "19000 <= tcpi_sndbuf_limited <= 21000", "False" },
	/* Python's integer arithmetic */
	{ "-7 // 2", "-4" }, { "7 // -2", "-4" }, { "-7 // -2", "3" }, { "7 // 2", "3" },
	{ "-7 % 2", "1" }, { "7 % -2", "-1" }, { "-7 % -2", "-1" }, { "7 % 2", "1" },
	{ "0 ** 0", "1" }, { "(-3) ** 3", "-27" }, { "2 ** 62", "4611686018427387904" },
	{ "-9223372036854775807 - 1", "-9223372036854775808" },
	{ "7 / 2", "3.5" }, { "1 / 3", "0.3333333333333333" }, { "6 / 3", "2.0" },
	{ "-1 / 4", "-0.25" }, { "1.5 * 2", "3.0" }, { "1.5 < 2", "True" },
	{ "2 == 2.0", "True" }, { "1e16", "1e+16" }, { "1e-5", "1e-05" },
	/* bits */
	{ "5 & 3", "1" }, { "5 | 3", "7" }, { "5 ^ 3", "6" }, { "~0", "-1" },
	{ "-1 >> 1", "-1" }, { "-8 >> 1", "-4" }, { "1 >> 100", "0" }, { "-1 >> 100", "-1" },
	{ "1 << 62", "4611686018427387904" }, { "-1 << 63", "-9223372036854775808" },
	{ "True & False", "False" }, { "True | 0", "1" }, { "True + True", "2" },
	/* and / or return an operand */
	{ "0 or 0", "0" }, { "2 and 3", "3" }, { "0 and unknown_name", "0" },
	{ "0 or 5", "5" }, { "not 5", "False" },
	/* literals, snapshot names and constants */
	{ "0x7fffffffffffffff", "9223372036854775807" }, { "0o17 + 0b101", "20" },
	{ "1_000_000", "1000000" }, { "True", "True" }, { "False", "False" },
	{ "TCP_CA_Recovery", "3" }, { "TCP_CLOSE", "7" }, { "TCPI_OPT_SYN_DATA", "32" },
	{ "SK_MEMINFO_RCVBUF", NULL },	/* not defined by this snapshot */
	{ "tcpi_snd_cwnd * 2", "20" }, { "(tcpi_options & TCPI_OPT_WSCALE) != 0", "True" },
	/* not natively: Python has the answer */
	{ "2 ** 64", NULL }, { "0x7fffffffffffffff + 1", NULL }, { "-9223372036854775807 - 2", NULL },
	{ "3037000500 * 3037000500", NULL }, { "1 // 0", NULL }, { "1 % 0", NULL },
	{ "1 / 0", NULL }, { "1 << 63", NULL }, { "1 << -1", NULL }, { "2 ** -1", NULL },
	{ "1.5 // 1", NULL }, { "1.5 % 1", NULL }, { "1.5 ** 2", NULL }, { "1.5 & 1", NULL },
	{ "~1.5", NULL }, { "(1 << 60) / 3", NULL }, { "1e308 * 10", NULL },
	{ "unknown_name", NULL }, { "abs(1)", NULL }, { "x.y", NULL }, { "[1]", NULL },
	{ "'s'", NULL }, { "1 if 1 else 2", NULL }, { "1 in 2", NULL }, { "None", NULL },
	{ "(1, 2)", NULL }, { "()", NULL }, { "bbr_bw", NULL }, { "tcpi_max_pacing_rate", NULL },
	{ "1 <> 2", NULL }, { "a := 1", NULL },
};
/* clang-format on */

static void test_values(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(value_cases); i++) {
		const struct value_case *c = &value_cases[i];
		struct strbuf text = STRBUF_INIT, out = STRBUF_INIT, want = STRBUF_INIT;
		strbuf_printf(&text, "print(%s)", c->expr);
		enum code_status st = eval_text(strbuf_str(&text), NULL, &out, NULL, NULL);
		if (c->printed) {
			strbuf_printf(&want, "%s\n", c->printed);
			if (st != CODE_OK || strcmp(strbuf_str(&out), strbuf_str(&want)))
				fail_msg("%s: got status %d '%s', want '%s'", c->expr, st,
					 strbuf_str(&out), c->printed);
		} else if (st != CODE_FALLBACK) {
			fail_msg("%s: got status %d '%s', want a fallback", c->expr, st,
				 strbuf_str(&out));
		}
		strbuf_free(&text);
		strbuf_free(&out);
		strbuf_free(&want);
	}
}

/* ---- statements ---- */

static void test_statements(void **state)
{
	struct code_vars vars = {0};
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(
	    eval_text("x = 5; y = x * 2\n\n# comment\nprint(x, y)  # trailing\nprint()\n"
		      "print(1,);",
		      &vars, &out, NULL, NULL),
	    CODE_OK);
	assert_string_equal(strbuf_str(&out), "5 10\n\n1\n");
	assert_int_equal(vars.n, 2);
	strbuf_reset(&out);

	/* Variables live from block to block, as in upstream's single Python process. */
	assert_int_equal(eval_text("x += 10; y -= 1; y **= 2; assert x == 15 and y == 81", &vars,
				   NULL, NULL, NULL),
			 CODE_OK);
	struct strbuf py = STRBUF_INIT;
	code_expr_vars_python(&vars, &py);
	assert_string_equal(strbuf_str(&py), "x = 15\ny = 81\n");
	strbuf_free(&py);

	/* A block that falls back changes nothing. */
	assert_int_equal(eval_text("x = 1; print(x); 1 // 0", &vars, &out, NULL, NULL),
			 CODE_FALLBACK);
	assert_int_equal(vars.values[0].i, 15);

	/* Without trusted user variables, none can be read or written. */
	assert_int_equal(eval_text("z = 1", NULL, NULL, NULL, NULL), CODE_FALLBACK);
	assert_int_equal(eval_text("print(x)", NULL, NULL, NULL, NULL), CODE_FALLBACK);
	assert_int_equal(eval_text("print(x)", &vars, NULL, NULL, NULL), CODE_OK);

	/* Not natively: predefined names, chained assignment, odd print calls, syntax. */
	static const char *const python_only[] = {
	    "TCP_CLOSE = 1",
	    "tcpi_state = 1",
	    "print = 1",
	    "_line = 1",
	    "_file = 1",
	    "x = y = 1",
	    "print(x, sep=1)",
	    "print(1) + 1",
	    "assert 1;;",
	    "; assert 1",
	    "x.y = 1",
	    "(x) = 1",
	    "x = 1\n  y = 2",
	    "if x:\n  pass",
	    "assert (1, 2)",
	    "def f(): pass",
	    "import os",
	    "for i in x: pass",
	    "x = 1 +",
	    "print(1",
	    "assert",
	    "assert 0, 1 // 0",
	    "del x",
	    "x, y = 1, 2",
	    /* strings other than a plainly formatted assert message */
	    "print('s')",
	    "x = 's'",
	    "assert 's'",
	    "assert 1, '%d' % x + 1",
	    "assert 0, 'a' 'b'",
	    "assert 0, f'x'",
	    "assert 0, 'a' + 'b'",
	    "assert 0, '%5d' % 1",
	    "assert 0, '%d %d' % 1",
	    "assert 0, '%d' % (1, 2)",
	    "assert 0, 'x' % 1",
	    "assert 0, '%x' % 1.5",
	    "assert 0, '%d' % unknown_name",
	    "assert 0, '%d' % (1 // 0)",
	    "assert 0, '%",
	};
	for (size_t i = 0; i < ARRAY_SIZE(python_only); i++)
		if (eval_text(python_only[i], &vars, NULL, NULL, NULL) != CODE_FALLBACK)
			fail_msg("'%s' should fall back to Python", python_only[i]);
	code_expr_vars_free(&vars);
	strbuf_free(&out);
}

struct assert_case {
	const char *text;
	const char *message; /* NULL: the assertions hold */
	size_t offset;	     /* of the failing assert */
	const char *printed;
};

/* clang-format off */
static const struct assert_case assert_cases[] = {
	{ "assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd", NULL, 0, "" },
	{ "assert tcpi_snd_cwnd == 12, tcpi_snd_cwnd",
	  "assertion failed: tcpi_snd_cwnd == 12 (tcpi_snd_cwnd=10)", 0, "" },
	{ "print(1)\nassert tcpi_ca_state == TCP_CA_Recovery, tcpi_ca_state\nprint(2)",
	  "assertion failed: tcpi_ca_state == TCP_CA_Recovery (tcpi_ca_state=0)", 9, "1\n" },
	{ "assert tcpi_lost == 7, tcpi_reordering  # RACK",
	  "assertion failed: tcpi_lost == 7 (tcpi_lost=0, tcpi_reordering=3)", 0, "" },
	{ "assert 0 == 0; assert 19000 <= tcpi_sndbuf_limited <= \\\n\t 21000, tcpi_sndbuf_limited",
	  "assertion failed: 19000 <= tcpi_sndbuf_limited <= 21000 (tcpi_sndbuf_limited=5)", 15, "" },
	{ "assert (tcpi_options & TCPI_OPT_SYN_DATA) == 0, tcpi_options", NULL, 0, "" },
	{ "assert (tcpi_options &\n  TCPI_OPT_SACK) == 0",
	  "assertion failed: (tcpi_options & TCPI_OPT_SACK) == 0 (tcpi_options=7)", 0, "" },
	{ "assert 1 == 2", "assertion failed: 1 == 2", 0, "" },
	{ "assert(tcpi_state == TCP_CLOSE)",
	  "assertion failed: (tcpi_state == TCP_CLOSE) (tcpi_state=1)", 0, "" },
	{ "assert tcpi_state == TCP_ESTABLISHED or unknown_name", NULL, 0, "" },
	{ "assert not tcpi_state", "assertion failed: not tcpi_state (tcpi_state=1)", 0, "" },
	{ "assert 7 / 2 == 3", "assertion failed: 7 / 2 == 3", 0, "" },
	/* string messages: formatted only when the assertion fails */
	{ "assert tcpi_snd_cwnd == 12, 'cwnd=%d' % tcpi_snd_cwnd",
	  "assertion failed: tcpi_snd_cwnd == 12 (tcpi_snd_cwnd=10): cwnd=10", 0, "" },
	{ "assert 0, 'a %s %x %X %o %i %u %r %% b' % (True, 255, -255, 8, 3.7, -2, 0.5,)",
	  "assertion failed: 0: a True ff -FF 10 3 -2 0.5 % b", 0, "" },
	{ "assert 0, 'plain %d'", "assertion failed: 0: plain %d", 0, "" },
	{ "assert 0, \"it's\"", "assertion failed: 0: it's", 0, "" },
	{ "assert tcpi_state, 'never formatted %d %d' % unknown_name", NULL, 0, "" },
};
/* clang-format on */

static void test_asserts(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(assert_cases); i++) {
		const struct assert_case *c = &assert_cases[i];
		struct strbuf out = STRBUF_INIT;
		char *msg = NULL;
		size_t offset = 99;
		enum code_status st = eval_text(c->text, NULL, &out, &msg, &offset);
		if (!c->message && st != CODE_OK)
			fail_msg("'%s': status %d (%s)", c->text, st, msg ? msg : "");
		if (c->message && (st != CODE_ASSERT_FAILED || !msg || strcmp(msg, c->message)))
			fail_msg("'%s': status %d, message '%s', want '%s'", c->text, st,
				 msg ? msg : "", c->message);
		if (c->message)
			assert_int_equal(offset, c->offset);
		assert_string_equal(strbuf_str(&out), c->printed);
		free(msg);
		strbuf_free(&out);
	}
}

static void add_name(void *ctx, const char *name, bool assigned)
{
	strbuf_printf(ctx, "%s:%c ", name, assigned ? 'w' : 'r');
}

static void test_names(void **state)
{
	struct code_expr *c =
	    code_parse("x += tcpi_snd_cwnd; y = x\nassert y > TCP_CLOSE, '%d' % z", NULL);
	struct strbuf sb = STRBUF_INIT;

	assert_non_null(c);
	code_parse_names(c, add_name, &sb);
	assert_string_equal(strbuf_str(&sb),
			    "x:r tcpi_snd_cwnd:r x:w x:r y:w y:r TCP_CLOSE:r z:r ");
	strbuf_free(&sb);
	code_parse_free(c);
}

/* ---- Python's str() of floats ---- */

static void test_float_format(void **state)
{
	static const struct {
		double f;
		const char *s;
	} cases[] = {
	    {0.1, "0.1"},
	    {1.0, "1.0"},
	    {-0.0, "-0.0"},
	    {0.0, "0.0"},
	    {1.5, "1.5"},
	    {100.0, "100.0"},
	    {123456789012345680.0, "1.2345678901234568e+17"},
	    {1e22, "1e+22"},
	    {5e-324, "5e-324"},
	    {0.00001234, "1.234e-05"},
	    {0.0001234, "0.0001234"},
	    {1234567890123456.0, "1234567890123456.0"},
	    {1e16, "1e+16"},
	    {2.5e-7, "2.5e-07"},
	    {-3.25, "-3.25"},
	    {1.0 / 3, "0.3333333333333333"},
	    {2.0 / 3, "0.6666666666666666"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct code_value v = {.kind = CODE_FLOAT, .f = cases[i].f};
		code_expr_format(&v, &sb);
		assert_string_equal(strbuf_str(&sb), cases[i].s);
		strbuf_free(&sb);
	}
}

/* ---- the snapshot's names (spec Appendix B) ---- */

static void test_snapshot_names(void **state)
{
	static const char *const info[] = {
	    "tcpi_state",
	    "tcpi_ca_state",
	    "tcpi_retransmits",
	    "tcpi_probes",
	    "tcpi_backoff",
	    "tcpi_options",
	    "tcpi_snd_wscale",
	    "tcpi_rcv_wscale",
	    "tcpi_delivery_rate_app_limited",
	    "tcpi_rto",
	    "tcpi_ato",
	    "tcpi_snd_mss",
	    "tcpi_rcv_mss",
	    "tcpi_unacked",
	    "tcpi_sacked",
	    "tcpi_lost",
	    "tcpi_retrans",
	    "tcpi_fackets",
	    "tcpi_last_data_sent",
	    "tcpi_last_ack_sent",
	    "tcpi_last_data_recv",
	    "tcpi_last_ack_recv",
	    "tcpi_pmtu",
	    "tcpi_rcv_ssthresh",
	    "tcpi_rtt",
	    "tcpi_rttvar",
	    "tcpi_snd_ssthresh",
	    "tcpi_snd_cwnd",
	    "tcpi_advmss",
	    "tcpi_reordering",
	    "tcpi_total_retrans",
	    "tcpi_pacing_rate",
	    "tcpi_max_pacing_rate",
	    "tcpi_rcv_rtt",
	    "tcpi_rcv_space",
	    "tcpi_bytes_acked",
	    "tcpi_bytes_received",
	    "tcpi_segs_out",
	    "tcpi_segs_in",
	    "tcpi_notsent_bytes",
	    "tcpi_min_rtt",
	    "tcpi_data_segs_in",
	    "tcpi_data_segs_out",
	    "tcpi_delivery_rate",
	    "tcpi_busy_time",
	    "tcpi_rwnd_limited",
	    "tcpi_sndbuf_limited",
	    "tcpi_delivered",
	    "tcpi_delivered_ce",
	    "tcpi_bytes_sent",
	    "tcpi_bytes_retrans",
	    "tcpi_dsack_dups",
	    "tcpi_reord_seen",
	    "tcpi_rcv_ooopack",
	    "tcpi_snd_wnd",
	    "tcpi_rcv_wnd",
	    "tcpi_rehash",
	    "tcpi_total_rto",
	    "tcpi_total_rto_recoveries",
	    "tcpi_total_rto_time",
	    "tcpi_ecn_mode",
	    "tcpi_accecn_opt_seen",
	    "tcpi_accecn_fail_mode",
	    "tcpi_options2",
	    "tcpi_received_ce",
	    "tcpi_delivered_e1_bytes",
	    "tcpi_delivered_e0_bytes",
	    "tcpi_delivered_ce_bytes",
	    "tcpi_received_e1_bytes",
	    "tcpi_received_e0_bytes",
	    "tcpi_received_ce_bytes",
	};
	assert_int_equal(ARRAY_SIZE(info), 71);
	assert_string_equal(tcp_snapshot_name(0), "TCP_ESTABLISHED");
	assert_string_equal(tcp_snapshot_name(23), "TCPI_OPT_TFO_CHILD");
	for (size_t i = 0; i < ARRAY_SIZE(info); i++)
		assert_string_equal(tcp_snapshot_name(24 + i), info[i]);
	assert_string_equal(tcp_snapshot_name(24 + 71), "bbr_bw_lo");
	assert_string_equal(tcp_snapshot_name(tcp_snapshot_count() - 1), "SK_MEMINFO_DROPS");
	assert_int_equal(tcp_snapshot_find("tcp_minrtt"), tcp_snapshot_count() - 10);
	assert_int_equal(tcp_snapshot_find("nope"), -1);
	assert_null(tcp_snapshot_name(tcp_snapshot_count()));

	struct tcp_snapshot s;
	struct strbuf sb = STRBUF_INIT;
	struct code_value v;
	tcp_snapshot_init(&s);
	tcp_snapshot_python(&s, &sb);
	assert_true(!strncmp(strbuf_str(&sb), "TCP_ESTABLISHED = 1\nTCP_SYN_SENT = 2\n", 37));
	assert_non_null(strstr(strbuf_str(&sb), "\nTCPI_OPT_TFO_CHILD = 128\n"));
	assert_null(strstr(strbuf_str(&sb), "tcpi_"));
	assert_int_equal(tcp_snapshot_lookup(&s, "TCP_CA_Loss", &v), CODE_NAME_CONST);
	assert_int_equal(v.i, 4);
	assert_int_equal(tcp_snapshot_lookup(&s, "tcpi_state", &v), CODE_NAME_RESERVED);
	assert_int_equal(tcp_snapshot_lookup(&s, "cwnd", &v), CODE_NAME_UNKNOWN);
	assert_int_equal(tcp_snapshot_set(&s, "tcpi_state", 7), 0);
	assert_int_equal(tcp_snapshot_lookup(&s, "tcpi_state", &v), CODE_NAME_VAR);
	assert_int_equal(tcp_snapshot_set(&s, "nope", 7), -1);
	strbuf_free(&sb);
}

/* A fresh TCP socket: TCP_CLOSE, and SO_MEMINFO defined. */
static void test_snapshot_take(void **state)
{
	int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	struct tcp_snapshot s;
	struct code_value v;

	assert_true(fd >= 0);
	assert_int_equal(tcp_snapshot_take(fd, &s), 0);
	assert_int_equal(tcp_snapshot_lookup(&s, "tcpi_state", &v), CODE_NAME_VAR);
	assert_int_equal(v.i, 7);
	assert_int_equal(tcp_snapshot_lookup(&s, "SK_MEMINFO_SNDBUF", &v), CODE_NAME_VAR);
	assert_true(v.i > 0);
	close(fd);
	assert_int_equal(tcp_snapshot_take(fd, &s), -1);
}

int main(void)
{
	/* clang-format off */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens),
		cmocka_unit_test_setup(test_values, setup_snapshot),
		cmocka_unit_test_setup(test_statements, setup_snapshot),
		cmocka_unit_test_setup(test_asserts, setup_snapshot),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_float_format),
		cmocka_unit_test(test_snapshot_names),
		cmocka_unit_test(test_snapshot_take),
	};
	/* clang-format on */

	return cmocka_run_group_tests(tests, NULL, NULL);
}
