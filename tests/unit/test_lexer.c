/* SPDX-License-Identifier: GPL-2.0-only */
/* test_lexer: unit tests for the flex scanner (tokens, values, locations, defines, errors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parser/grammar.h"
#include "parser/lexer.h"

/* One scanned token with its value copied out. */
struct tok {
	int kind;
	struct loc loc;
	char *str;	    /* string-valued tokens */
	struct num_tok num; /* number tokens */
};

struct lex {
	struct parse_ctx ctx;
	struct diag diag;
	struct defines defs;
	char *text;
	struct tok toks[64];
	int n;
};

static bool has_str(int kind)
{
	return kind == WORD || kind == STRING || kind == BACK_QUOTED || kind == CODE ||
	       kind == OPTION || kind == IPV4_ADDR || kind == IPV6_ADDR;
}

/* Scans text to the end (at most 64 tokens), keeping every token. */
static void lex_run(struct lex *lx, const char *text)
{
	YY_BUFFER_STATE buf;
	YYSTYPE val;
	YYLTYPE loc;

	lx->text = strdup(text);
	diag_init(&lx->diag, "t.pkt", lx->text, strlen(text), NULL);
	memset(&lx->ctx, 0, sizeof(lx->ctx));
	lx->ctx.diag = &lx->diag;
	lx->ctx.defs = &lx->defs;
	lx->ctx.text = lx->text;
	lx->ctx.len = strlen(text);
	lx->ctx.line = 1;
	lx->ctx.col = 1;
	assert_int_equal(yylex_init_extra(&lx->ctx, &lx->ctx.scanner), 0);
	buf = yy_scan_bytes(lx->text, (int)strlen(text), lx->ctx.scanner);
	for (lx->n = 0; lx->n < 64; lx->n++) {
		struct tok *t = &lx->toks[lx->n];

		memset(&val, 0, sizeof(val));
		t->kind = lexer_scan(&val, &loc, lx->ctx.scanner);
		t->loc = loc;
		if (has_str(t->kind))
			t->str = val.str;
		if (t->kind == INTEGER || t->kind == HEX_INTEGER || t->kind == FLOAT)
			t->num = val.num;
		if (t->kind == YYEOF)
			break;
	}
	yy_delete_buffer(buf, lx->ctx.scanner);
	yylex_destroy(lx->ctx.scanner);
}

static void lex_free(struct lex *lx)
{
	for (int i = 0; i <= lx->n && i < 64; i++)
		free(lx->toks[i].str);
	diag_free(&lx->diag);
	defines_free(&lx->defs);
	free(lx->text);
	memset(lx, 0, sizeof(*lx));
}

/* Checks the token kinds, ending with YYEOF. */
static void expect_kinds(struct lex *lx, const int *kinds, int n)
{
	assert_int_equal(lx->n, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(lx->toks[i].kind, kinds[i]);
	assert_int_equal(lx->toks[n].kind, YYEOF);
}

#define KINDS(lx, ...)                                                                             \
	do {                                                                                       \
		static const int k_[] = {__VA_ARGS__};                                             \
		expect_kinds(lx, k_, (int)(sizeof(k_) / sizeof(k_[0])));                           \
	} while (0)

static void test_numbers(void **state)
{
	struct lex lx = {0};

	lex_run(&lx, "0 -1 42 0x1F .5 0.200 -1.5 9999999999");
	KINDS(&lx, INTEGER, INTEGER, INTEGER, HEX_INTEGER, FLOAT, FLOAT, FLOAT, INTEGER);
	assert_int_equal(lx.toks[0].num.i, 0);
	assert_int_equal(lx.toks[1].num.i, -1);
	assert_int_equal(lx.toks[2].num.i, 42);
	assert_int_equal(lx.toks[3].num.i, 31);
	assert_true(lx.toks[4].num.is_float);
	assert_true(lx.toks[4].num.f == 0.5);
	assert_true(lx.toks[5].num.f == 0.2);
	assert_true(lx.toks[6].num.f == -1.5);
	assert_int_equal(lx.toks[7].num.i, 9999999999LL);
	assert_int_equal(lx.toks[5].num.len, 5);
	assert_memory_equal(lx.toks[5].num.text, "0.200", 5);
	lex_free(&lx);
}

static void test_words_and_quirks(void **state)
{
	struct lex lx = {0};

	/* digits-first words, S.5 split, ellipsis between times, dots */
	lex_run(&lx, "3021b9d889017eeb 2a S.5 +0...0.200 F. x_Y9");
	KINDS(&lx, WORD, WORD, WORD, FLOAT, '+', INTEGER, ELLIPSIS, FLOAT, WORD, '.', WORD);
	assert_string_equal(lx.toks[0].str, "3021b9d889017eeb");
	assert_string_equal(lx.toks[2].str, "S");
	assert_true(lx.toks[3].num.f == 0.5);
	assert_true(lx.toks[7].num.f == 0.2);
	lex_free(&lx);

	lex_run(&lx, "1:1001(1000) <mss 1460,nop> [ect0] a|b ~ * = { } -");
	KINDS(&lx, INTEGER, ':', INTEGER, '(', INTEGER, ')', '<', K_MSS, INTEGER, ',', K_NOP, '>',
	      '[', K_ECT0, ']', WORD, '|', WORD, '~', '*', '=', '{', '}', '-');
	lex_free(&lx);
}

static void test_addresses(void **state)
{
	struct lex lx = {0};

	lex_run(&lx, "192.168.0.1 fd::1 ::ffff:192.0.2.1 2001:db8:0:0:0:0:0:1 fd3d:fa7b:d17d::1 "
		     "::1 1:2:3::4.5.6.7");
	KINDS(&lx, IPV4_ADDR, IPV6_ADDR, IPV6_ADDR, IPV6_ADDR, IPV6_ADDR, IPV6_ADDR, IPV6_ADDR);
	assert_string_equal(lx.toks[0].str, "192.168.0.1");
	assert_string_equal(lx.toks[1].str, "fd::1");
	assert_string_equal(lx.toks[2].str, "::ffff:192.0.2.1");
	assert_string_equal(lx.toks[6].str, "1:2:3::4.5.6.7");
	lex_free(&lx);
}

static void test_strings_and_commands(void **state)
{
	struct lex lx = {0};

	lex_run(&lx, "\"a\\\"b\" \"\" `echo \\`x\\``\n`multi\nline` \"x\" \"y\"");
	KINDS(&lx, STRING, STRING, BACK_QUOTED, BACK_QUOTED, STRING, STRING);
	assert_string_equal(lx.toks[0].str, "a\\\"b");
	assert_string_equal(lx.toks[1].str, "");
	assert_string_equal(lx.toks[2].str, "echo \\`x\\`");
	assert_string_equal(lx.toks[3].str, "multi\nline");
	assert_int_equal(lx.toks[3].loc.line, 2);
	assert_int_equal(lx.toks[4].loc.line, 3);
	assert_int_equal(lx.toks[4].loc.col, 7);
	lex_free(&lx);
}

static void test_code_blocks(void **state)
{
	struct lex lx = {0};

	lex_run(&lx, "%{ \t\nassert x == {1: 2}['a'] # c\n\t }% %{}% %{x}}%");
	KINDS(&lx, CODE, CODE, CODE);
	assert_string_equal(lx.toks[0].str, "\nassert x == {1: 2}['a'] # c\n");
	assert_string_equal(lx.toks[1].str, "");
	assert_string_equal(lx.toks[2].str, "x}");
	lex_free(&lx);
}

static void test_comments(void **state)
{
	struct lex lx = {0};

	lex_run(&lx, "a // c1\nb /* c2 *** \n */ c /**/ d // at eof");
	KINDS(&lx, WORD, WORD, WORD, WORD);
	assert_int_equal(lx.toks[2].loc.line, 3);
	assert_int_equal(lx.toks[2].loc.col, 5);
	assert_int_equal(lx.diag.n_errors, 0);
	lex_free(&lx);
}

static void test_option_tokens(void **state)
{
	struct lex lx = {0};

	lex_run(&lx, "--ip_version=ipv4 --define=X=\"s\" --dry_run");
	KINDS(&lx, OPTION, '=', K_IPV4, OPTION, '=', WORD, '=', STRING, OPTION);
	assert_string_equal(lx.toks[0].str, "ip_version");
	assert_string_equal(lx.toks[8].str, "dry_run");
	lex_free(&lx);
}

static const struct {
	const char *word;
	int kind;
} reserved[] = {
    {"sa_family", K_SA_FAMILY},
    {"sin_port", K_SIN_PORT},
    {"sin_addr", K_SIN_ADDR},
    {"msg_name", K_MSG_NAME},
    {"msg_iov", K_MSG_IOV},
    {"msg_flags", K_MSG_FLAGS},
    {"msg_control", K_MSG_CONTROL},
    {"cmsg_data", K_CMSG_DATA},
    {"cmsg_level", K_CMSG_LEVEL},
    {"cmsg_type", K_CMSG_TYPE},
    {"ee_errno", K_EE_ERRNO},
    {"ee_origin", K_EE_ORIGIN},
    {"ee_type", K_EE_TYPE},
    {"ee_code", K_EE_CODE},
    {"ee_info", K_EE_INFO},
    {"ee_data", K_EE_DATA},
    {"scm_sec", K_SCM_SEC},
    {"scm_nsec", K_SCM_NSEC},
    {"fd", K_FD},
    {"u32", K_U32},
    {"u64", K_U64},
    {"ptr", K_PTR},
    {"events", K_EVENTS},
    {"revents", K_REVENTS},
    {"onoff", K_ONOFF},
    {"linger", K_LINGER},
    {"htons", K_HTONS},
    {"inet_addr", K_INET_ADDR},
    {"inet6_addr", K_INET6_ADDR},
    {"ipv4", K_IPV4},
    {"ipv6", K_IPV6},
    {"icmp", K_ICMP},
    {"udp", K_UDP},
    {"GREv0", K_GRE},
    {"gre", K_GRE},
    {"raw", K_RAW},
    {"sum", K_SUM},
    {"off", K_OFF},
    {"key", K_KEY},
    {"seq", K_SEQ},
    {"none", K_NONE},
    {"checksum", K_CHECKSUM},
    {"sequence#", K_SEQUENCE},
    {"present", K_PRESENT},
    {"encap", K_ENCAP},
    {"psp", K_PSP},
    {"spi", K_SPI},
    {"mpls", K_MPLS},
    {"label", K_LABEL},
    {"tc", K_TC},
    {"ttl", K_TTL},
    {"ack", K_ACK},
    {"eol", K_EOL},
    {"ecr", K_ECR},
    {"mss", K_MSS},
    {"mtu", K_MTU},
    {"nop", K_NOP},
    {"sack", K_SACK},
    {"sackOK", K_SACKOK},
    {"md5", K_MD5},
    {"TS", K_TS},
    {"FO", K_FO},
    {"FOEXP", K_FOEXP},
    {"ECN", K_ECN},
    {"e0b", K_E0B},
    {"e1b", K_E1B},
    {"ceb", K_CEB},
    {"tos", K_TOS},
    {"flowlabel", K_FLOWLABEL},
    {"flags", K_FLAGS},
    {"Flags", K_FLAGS},
    {"val", K_VAL},
    {"win", K_WIN},
    {"urg", K_URG},
    {"wscale", K_WSCALE},
    {"ect01", K_ECT01},
    {"ect0", K_ECT0},
    {"ect1", K_ECT1},
    {"noecn", K_NOECN},
    {"ce", K_CE},
    {"id", K_ID},
};

static void test_reserved_words(void **state)
{
	size_t n = sizeof(reserved) / sizeof(reserved[0]);

	/* the 81 words of the spec (GREv0/gre and flags/Flags are one token each) */
	assert_int_equal(n, 81);
	for (size_t i = 0; i < n; i++) {
		struct lex lx = {0};
		char text[64];

		/* the exact word is reserved; a longer word is not */
		snprintf(text, sizeof(text), "%s %.*sx", reserved[i].word,
			 (int)strcspn(reserved[i].word, "#"), reserved[i].word);
		lex_run(&lx, text);
		assert_int_equal(lx.n, 2);
		assert_int_equal(lx.toks[0].kind, reserved[i].kind);
		assert_int_equal(lx.toks[1].kind, WORD);
		lex_free(&lx);
	}
}

static void test_defines(void **state)
{
	struct lex lx = {0};

	defines_set(&lx.defs, "S", "\"hello\"");
	defines_set(&lx.defs, "B", "`ls`");
	defines_set(&lx.defs, "I", "0x10");
	defines_set(&lx.defs, "O", "010");
	defines_set(&lx.defs, "W", "host_unreachable");
	defines_set(&lx.defs, "ack", "1"); /* reserved words are never substituted */
	lex_run(&lx, "S B I O W ack 12abc\n--define=W=1 W\nW");
	KINDS(&lx, STRING, BACK_QUOTED, INTEGER, INTEGER, WORD, K_ACK, WORD, OPTION, '=', WORD, '=',
	      INTEGER, WORD, WORD);
	assert_string_equal(lx.toks[0].str, "hello");
	assert_string_equal(lx.toks[1].str, "ls");
	assert_int_equal(lx.toks[2].num.i, 16);
	assert_memory_equal(lx.toks[2].num.text, "0x10", 4);
	assert_int_equal(lx.toks[3].num.i, 8);
	assert_string_equal(lx.toks[4].str, "host_unreachable");
	/* on an option line the name is kept */
	assert_string_equal(lx.toks[9].str, "W");
	assert_string_equal(lx.toks[12].str, "W");
	assert_string_equal(lx.toks[13].str, "host_unreachable");
	lex_free(&lx);
}

static void test_locations(void **state)
{
	struct lex lx = {0};

	lex_run(&lx, "0 a\n\t+1  bcd\n");
	KINDS(&lx, INTEGER, WORD, '+', INTEGER, WORD);
	assert_int_equal(lx.toks[1].loc.start, 2);
	assert_int_equal(lx.toks[1].loc.end, 3);
	assert_int_equal(lx.toks[2].loc.line, 2);
	assert_int_equal(lx.toks[2].loc.col, 2);
	assert_int_equal(lx.toks[4].loc.col, 6);
	assert_int_equal(lx.toks[4].loc.start, 9);
	assert_int_equal(lx.toks[4].loc.end, 12);
	/* end of file is placed after the last non-blank byte */
	assert_int_equal(lx.toks[5].loc.start, 12);
	assert_int_equal(lx.toks[5].loc.line, 2);
	assert_int_equal(lx.toks[5].loc.col, 9);
	lex_free(&lx);
}

static void expect_lex_error(const char *text, const char *msg)
{
	struct lex lx = {0};
	bool seen = false;

	lex_run(&lx, text);
	for (int i = 0; i < lx.n; i++)
		seen |= lx.toks[i].kind == YYerror;
	assert_true(seen);
	assert_non_null(strstr(strbuf_str(&lx.diag.log), msg));
	lex_free(&lx);
}

static void test_errors(void **state)
{
	expect_lex_error("a\n  \"abc\nd", "t.pkt:2:3: error: unterminated string\n");
	expect_lex_error("`abc\\`", "t.pkt:1:1: error: unterminated backquoted command\n");
	expect_lex_error("x\n%{ abc }", "t.pkt:2:1: error: unterminated %{ code block");
	expect_lex_error("/* abc", "t.pkt:1:1: error: unterminated /* comment\n");
	expect_lex_error("a # b", "t.pkt:1:3: error: unexpected character '#'");
	expect_lex_error("a @", "t.pkt:1:3: error: unexpected character '@'\n");
	expect_lex_error("a \x01", "t.pkt:1:3: error: unexpected control character 0x01\n");
	expect_lex_error("\xc3\xa9", "t.pkt:1:1: error: unexpected character '\xc3\xa9'");
	expect_lex_error("ab\xff", "t.pkt:1:3: error: invalid UTF-8 byte 0xff\n");
	expect_lex_error("\xc3(", "t.pkt:1:1: error: invalid UTF-8 byte 0xc3\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_numbers),	  cmocka_unit_test(test_words_and_quirks),
	    cmocka_unit_test(test_addresses),	  cmocka_unit_test(test_strings_and_commands),
	    cmocka_unit_test(test_code_blocks),	  cmocka_unit_test(test_comments),
	    cmocka_unit_test(test_option_tokens), cmocka_unit_test(test_reserved_words),
	    cmocka_unit_test(test_defines),	  cmocka_unit_test(test_locations),
	    cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
