/* SPDX-License-Identifier: GPL-2.0-only */
/* test_tcp_options: unit tests for TCP option encoding, decoding and printing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "netdev/packet/tcp_options.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* One option on the wire and as a script writes it. */
struct golden {
	const char *text;
	uint8_t len;
	uint8_t bytes[40];
};

/* One option per line: its script text, wire length and bytes. */
/* clang-format off */
static const struct golden goldens[] = {
	{ "nop", 1, { 0x01 } },
	{ "eol", 1, { 0x00 } },
	{ "mss 1460", 4, { 0x02, 0x04, 0x05, 0xb4 } },
	{ "mss 65535", 4, { 0x02, 0x04, 0xff, 0xff } },
	{ "wscale 7", 3, { 0x03, 0x03, 0x07 } },
	{ "sackOK", 2, { 0x04, 0x02 } },
	{ "sack", 2, { 0x05, 0x02 } },
	{ "sack 1:2", 10, { 0x05, 0x0a, 0, 0, 0, 1, 0, 0, 0, 2 } },
	{ "sack 1:2 3:4", 18, { 0x05, 0x12, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4 } },
	{ "sack 4294967295:1 10:20 30:40 50:60", 34,
	  { 0x05, 0x22, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 0, 0, 0, 10, 0, 0, 0, 20,
	    0, 0, 0, 30, 0, 0, 0, 40, 0, 0, 0, 50, 0, 0, 0, 60 } },
	{ "TS val 100 ecr 0", 10, { 0x08, 0x0a, 0, 0, 0, 100, 0, 0, 0, 0 } },
	{ "TS val 347616156 ecr 4294967295", 10,
	  { 0x08, 0x0a, 0x14, 0xb8, 0x33, 0x9c, 0xff, 0xff, 0xff, 0xff } },
	{ "md5 000102030405060708090a0b0c0d0eff", 18,
	  { 0x13, 0x12, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xff } },
	{ "FO", 2, { 0x22, 0x02 } },
	{ "FO 3021b9d889017eeb", 10,
	  { 0x22, 0x0a, 0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb } },
	{ "FOEXP", 4, { 0xfe, 0x04, 0xf9, 0x89 } },
	{ "FOEXP 3021b9d889017eeb", 12,
	  { 0xfe, 0x0c, 0xf9, 0x89, 0x30, 0x21, 0xb9, 0xd8, 0x89, 0x01, 0x7e, 0xeb } },
	{ "ECN", 2, { 0xac, 0x02 } },
	{ "ECN e0b 16777215", 5, { 0xac, 0x05, 0xff, 0xff, 0xff } },
	{ "ECN e0b 1 ceb 2 e1b 3", 11, { 0xac, 0x0b, 0, 0, 1, 0, 0, 2, 0, 0, 3 } },
	{ "ECN e1b 5 ceb 65536", 8, { 0xae, 0x08, 0, 0, 5, 1, 0, 0 } },
	{ "ECN e1b 1 ceb 2 e0b 3", 11, { 0xae, 0x0b, 0, 0, 1, 0, 0, 2, 0, 0, 3 } },
};
/* clang-format on */

/* Every golden decodes to one option that prints as its text and encodes
 * back to the same bytes. */
static void test_goldens(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(goldens); i++) {
		const struct golden *g = &goldens[i];
		struct tcp_options opts;
		struct strbuf err = STRBUF_INIT, text = STRBUF_INIT;
		uint8_t out[40];

		assert_int_equal(tcp_options_decode(g->bytes, g->len, &opts, &err), 0);
		assert_string_equal(strbuf_str(&err), "");
		assert_int_equal(opts.count, 1);
		assert_int_equal(opts.opt[0].len, g->len);
		tcp_option_print(&opts.opt[0], &text);
		assert_string_equal(strbuf_str(&text), g->text);
		assert_int_equal(tcp_options_len(&opts), g->len);
		assert_int_equal(tcp_options_encode(&opts, out, sizeof(out)), g->len);
		assert_memory_equal(out, g->bytes, g->len);
		assert_true(tcp_option_equal(&opts.opt[0], &opts.opt[0]));
		strbuf_free(&text);
	}
}

static void test_decoded_values(void **state)
{
	/* mss 1460, sackOK, TS val 1 ecr 0, nop, wscale 7: a typical SYN. */
	static const uint8_t syn[] = {
	    0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0,	  0,
	    0,	  1,	0,    0,    0,	  0,	0x01, 0x03, 0x03, 0x07,
	};
	struct tcp_options opts;
	struct strbuf err = STRBUF_INIT;

	assert_int_equal(tcp_options_decode(syn, sizeof(syn), &opts, &err), 0);
	assert_int_equal(opts.count, 5);
	assert_int_equal(opts.opt[0].kind, TCPO_MSS);
	assert_int_equal(opts.opt[0].mss, 1460);
	assert_int_equal(opts.opt[1].kind, TCPO_SACK_PERMITTED);
	assert_int_equal(opts.opt[2].kind, TCPO_TIMESTAMP);
	assert_int_equal(opts.opt[2].ts.val, 1);
	assert_int_equal(opts.opt[2].ts.ecr, 0);
	assert_int_equal(opts.opt[3].kind, TCPO_NOP);
	assert_int_equal(opts.opt[3].len, 1);
	assert_int_equal(opts.opt[4].wscale, 7);
}

static void test_list_print(void **state)
{
	static const uint8_t syn[] = {
	    0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0,	  0,
	    0,	  1,	0,    0,    0,	  0,	0x01, 0x03, 0x03, 0x07,
	};
	struct tcp_options opts = {0};
	struct strbuf err = STRBUF_INIT, text = STRBUF_INIT;

	tcp_options_print(&opts, &text);
	assert_string_equal(strbuf_str(&text), "");
	assert_int_equal(tcp_options_decode(syn, sizeof(syn), &opts, &err), 0);
	tcp_options_print(&opts, &text);
	assert_string_equal(strbuf_str(&text), "<mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>");
	strbuf_free(&text);
}

/* Options built the way the parser builds them encode byte for byte. */
static void test_encode_from_model(void **state)
{
	static const uint8_t expected[] = {
	    0x02, 0x04, 0x05, 0xb4, 0x01, 0x01, 0x05, 0x0a, 0,	  0,	0,    1,
	    0,	  0,	0,    2,    0xfe, 0x06, 0xf9, 0x89, 0xab, 0xcd, 0x22, 0x02,
	};
	struct tcp_options opts = {.count = 6};
	uint8_t out[40];

	opts.opt[0] = (struct tcp_option){.kind = TCPO_MSS, .len = 4, .mss = 1460};
	opts.opt[1] = (struct tcp_option){.kind = TCPO_NOP, .len = 1};
	opts.opt[2] = (struct tcp_option){.kind = TCPO_NOP, .len = 1};
	opts.opt[3] = (struct tcp_option){
	    .kind = TCPO_SACK, .len = 10, .sack = {.count = 1, .block = {{1, 2}}}};
	opts.opt[4] = (struct tcp_option){
	    .kind = TCPO_FASTOPEN_EXP, .len = 6, .blob = {.len = 2, .bytes = {0xab, 0xcd}}};
	opts.opt[5] = (struct tcp_option){.kind = TCPO_FASTOPEN, .len = 2};
	assert_int_equal(tcp_options_len(&opts), sizeof(expected));
	assert_int_equal(tcp_options_encode(&opts, out, sizeof(out)), sizeof(expected));
	assert_memory_equal(out, expected, sizeof(expected));
	assert_int_equal(tcp_options_encode(&opts, out, sizeof(expected) - 1), -1);
}

static void test_encode_rejects_bad_length(void **state)
{
	struct tcp_options opts = {.count = 1};
	uint8_t out[40];

	opts.opt[0] = (struct tcp_option){.kind = TCPO_MSS, .len = 3, .mss = 1460};
	assert_int_equal(tcp_options_encode(&opts, out, sizeof(out)), -1);
	opts.opt[0] = (struct tcp_option){.kind = TCPO_FASTOPEN, .len = 1};
	assert_int_equal(tcp_options_encode(&opts, out, sizeof(out)), -1);
	/* NOP is always one byte, whatever len says. */
	opts.opt[0] = (struct tcp_option){.kind = TCPO_NOP, .len = 0};
	assert_int_equal(tcp_options_encode(&opts, out, sizeof(out)), 1);
}

static void test_unknown_kind_model(void **state)
{
	struct tcp_option opt = {.kind = 99, .len = 4, .blob = {.len = 2, .bytes = {1, 2}}};
	struct tcp_options opts = {.count = 1, .opt = {opt}};
	struct strbuf text = STRBUF_INIT;
	uint8_t out[4];

	tcp_option_print(&opt, &text);
	assert_string_equal(strbuf_str(&text), "kind_99");
	assert_int_equal(tcp_options_encode(&opts, out, sizeof(out)), 4);
	assert_memory_equal(out, ((uint8_t[]){99, 4, 1, 2}), 4);
	assert_null(tcp_option_name(99));
	assert_string_equal(tcp_option_name(TCPO_SACK_PERMITTED), "sackOK");
	assert_string_equal(tcp_option_name(TCPO_ACCECN1), "ECN");
	strbuf_free(&text);
}

static void test_equal(void **state)
{
	struct tcp_option a = {.kind = TCPO_MSS, .len = 4, .mss = 1460};
	struct tcp_option b = a;
	struct tcp_option fo1 = {.kind = TCPO_FASTOPEN, .len = 4, .blob = {2, {1, 2}}};
	struct tcp_option fo2 = {.kind = TCPO_FASTOPEN, .len = 6, .blob = {4, {1, 2, 3, 4}}};

	assert_true(tcp_option_equal(&a, &b));
	b.mss = 1000;
	assert_false(tcp_option_equal(&a, &b));
	assert_false(tcp_option_equal(&fo1, &fo2));
	assert_false(tcp_option_equal(&a, &fo1));
	fo2 = fo1;
	fo2.blob.bytes[5] = 9; /* beyond the cookie: not part of the value */
	assert_true(tcp_option_equal(&fo1, &fo2));
}

/* Malformed input and the exact error it must produce. */
struct bad_input {
	uint8_t len;
	uint8_t bytes[44];
	const char *error;
};

/* clang-format off */
static const struct bad_input bad_inputs[] = {
	{ 4, { 99, 4, 0, 0 }, "unexpected TCP option kind: 99" },
	{ 2, { 0x01, 200 }, "unexpected TCP option kind: 200" },
	{ 1, { 0x02 }, "TCP option truncated: kind 2 has no length byte" },
	{ 4, { 0x02, 0x05, 0x05, 0xb4 }, "bad TCP option length: kind 2 length 5" },
	{ 4, { 0x02, 0x03, 0x05, 0xb4 }, "bad TCP option length: kind 2 length 3" },
	{ 4, { 0x22, 0x01, 0x01, 0x01 }, "bad TCP option length: kind 34 length 1" },
	{ 4, { 0x22, 0x00, 0x01, 0x01 }, "bad TCP option length: kind 34 length 0" },
	{ 4, { 0x22, 0x08, 0x01, 0x01 },
	  "TCP option length overflow: kind 34 length 8 but 4 bytes left" },
	{ 3, { 0x02, 0x04, 0x05 }, "TCP option length overflow: kind 2 length 4 but 3 bytes left" },
	{ 11, { 0x05, 0x0b }, "bad TCP option length: kind 5 length 11" },
	{ 42, { 0x05, 0x2a }, "bad TCP option length: kind 5 length 42" },
	{ 8, { 0x08, 0x08 }, "bad TCP option length: kind 8 length 8" },
	{ 3, { 0xfe, 0x03, 0xf9 }, "bad TCP option length: kind 254 length 3" },
	{ 4, { 0xfe, 0x04, 0x12, 0x34 }, "unexpected experimental TCP option magic: 0x1234" },
	{ 6, { 0xac, 0x06 }, "bad TCP option length: kind 172 length 6" },
	{ 14, { 0xae, 0x0e }, "bad TCP option length: kind 174 length 14" },
	{ 44, { 0x13, 0x2c }, "bad TCP option length: kind 19 length 44" },
	{ 41, { 0 }, "too many TCP options" },
};
/* clang-format on */

static void test_decode_errors(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_inputs); i++) {
		const struct bad_input *b = &bad_inputs[i];
		struct tcp_options opts;
		struct strbuf err = STRBUF_INIT;

		assert_int_equal(tcp_options_decode(b->bytes, b->len, &opts, &err), -1);
		assert_string_equal(strbuf_str(&err), b->error);
		strbuf_free(&err);
	}
}

/* EOL does not end the list: every byte is decoded, so encoding gives it back. */
static void test_eol_padding_round_trips(void **state)
{
	static const uint8_t in[] = {0x02, 0x04, 0x05, 0xb4, 0x01, 0x00, 0x00, 0x00};
	struct tcp_options opts;
	struct strbuf err = STRBUF_INIT, text = STRBUF_INIT;
	uint8_t out[8];

	assert_int_equal(tcp_options_decode(in, sizeof(in), &opts, &err), 0);
	assert_int_equal(opts.count, 5);
	tcp_options_print(&opts, &text);
	assert_string_equal(strbuf_str(&text), "<mss 1460,nop,eol,eol,eol>");
	assert_int_equal(tcp_options_encode(&opts, out, sizeof(out)), sizeof(in));
	assert_memory_equal(out, in, sizeof(in));
	strbuf_free(&text);
}

/* Every one- and two-byte-prefixed input decodes or fails cleanly. */
static void test_decode_never_overruns(void **state)
{
	uint8_t buf[40];
	uint32_t seed = 1;

	for (int round = 0; round < 20000; round++) {
		struct tcp_options opts;
		struct strbuf err = STRBUF_INIT;
		size_t len = (size_t)(round % 41);

		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245 + 12345;
			buf[i] = (uint8_t)(seed >> 16);
		}
		/* Bias towards known kinds so deeper paths are reached. */
		if (len)
			buf[0] = goldens[round % ARRAY_SIZE(goldens)].bytes[0];
		if (tcp_options_decode(buf, len, &opts, &err) == 0)
			assert_int_equal(tcp_options_len(&opts), len);
		else
			assert_true(err.len > 0);
		strbuf_free(&err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_goldens),
	    cmocka_unit_test(test_decoded_values),
	    cmocka_unit_test(test_list_print),
	    cmocka_unit_test(test_encode_from_model),
	    cmocka_unit_test(test_encode_rejects_bad_length),
	    cmocka_unit_test(test_unknown_kind_model),
	    cmocka_unit_test(test_equal),
	    cmocka_unit_test(test_decode_errors),
	    cmocka_unit_test(test_eol_padding_round_trips),
	    cmocka_unit_test(test_decode_never_overruns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
