/* SPDX-License-Identifier: GPL-2.0-only */
/* test_diagram: what the recorder keeps (line texts, which captured packet is
 * whose), the ladder's SVG and Mermaid text (escaping, cut labels, the failed
 * line) and the pcapng blocks byte by byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netdev/pcapng.h"
#include "parser/diag.h"
#include "parser/parse.h"
#include "runtime/context/recorder.h"
#include "runtime/diagram/ladder.h"

static struct script *parse_ok(const char *text)
{
	struct defines defs;
	struct diag d;
	struct script *s = NULL;

	memset(&defs, 0, sizeof(defs));
	diag_init(&d, "t.pkt", NULL, 0, NULL);
	assert_int_equal(parse_script("t.pkt", text, strlen(text), &defs, &d, &s), 0);
	diag_free(&d);
	defines_free(&defs);
	return s;
}

/* The text after the time, without the comment; a call over several lines
 * is its first line and its result. */
static void test_line_text(void **state)
{
	struct script *s = parse_ok("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3 // why\n"
				    "+0  < S 0:0(0) win 65535 <mss 1460>\n"
				    "+0 write(3, ..., 10) = -1 EAGAIN (Resource temporarily)\n"
				    "+0 sendmsg(3, {msg_name(...)=...,\n"
				    "               msg_iov(1)=[{..., 10}], msg_flags=0}, 0) = 10\n"
				    "+0 `echo \"a // b\"`\n");
	const char *want[] = {"socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
			      "< S 0:0(0) win 65535 <mss 1460>",
			      "write(3, ..., 10) = -1 EAGAIN (Resource temporarily)",
			      "sendmsg(3, {msg_name(...)=..., ... = 10", "`echo \"a // b\"`"};

	assert_int_equal(s->n_events, 5);
	for (size_t i = 0; i < 5; i++) {
		char *text = recorder_line_text(s, &s->events[i]);
		assert_string_equal(text, want[i]);
		free(text);
	}
	script_free(s);
}

/* Captured packets go to the item recorded after them, by direction. */
static void test_wires(void **state)
{
	struct script *s = parse_ok("0 < S 0:0(0) win 1000\n+0 > S. 0:0(0) ack 1\n");
	struct recorder *rec = recorder_new();
	uint8_t pkt[] = {0x45, 0, 0, 20};

	recorder_wire(rec, false, recorder_hash(pkt, sizeof(pkt)));
	recorder_packet(rec, REC_INBOUND, &s->events[0], 0, NULL, strdup("S 0:0(0) win 1000"));
	recorder_wire(rec, true, 111);
	recorder_wire(rec, true, 222); /* two TSO pieces of one packet */
	recorder_packet(rec, REC_OUTBOUND, &s->events[1], 5, NULL, strdup("S. 0:0(0) ack 1"));
	recorder_settle(rec, 3);
	assert_int_equal(rec->n_wires, 3);
	assert_int_equal(rec->wires[0].item, 0);
	assert_int_equal(rec->wires[1].item, 1);
	assert_int_equal(rec->wires[2].item, 1);
	assert_int_equal(rec->items[0].state_after, 3);
	assert_int_equal(rec->items[1].state_after, 3);
	assert_true(recorder_hash(pkt, sizeof(pkt)) != recorder_hash(pkt, 3));
	struct event copy = s->events[1]; /* as a code block's assertion reports */
	copy.loc.line = 7;
	recorder_error(rec, s, &copy, 5, "first line\nsecond");
	recorder_error(rec, s, NULL, 6, "a later error");
	assert_string_equal(rec->error, "first line");
	assert_ptr_equal(rec->error_ev, &s->events[1]);
	assert_int_equal(rec->error_line, 7);
	recorder_free(rec);
	script_free(s);
}

static char *cols[] = {"fd 3 (listener)", "fd 4"};

static struct ladder one_ladder(struct ladder_row *rows, size_t n)
{
	struct ladder l = {.title = "t.pkt",
			   .verdict = "ipv4, FAILED at line 3",
			   .peer = "192.0.2.1",
			   .local = "192.168.0.2",
			   .columns = cols,
			   .n_columns = 2,
			   .rows = rows,
			   .n_rows = n,
			   .failed = true};
	return l;
}

static void test_svg(void **state)
{
	char long_text[200];
	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	struct ladder_row rows[] = {
	    {.kind = LADDER_IN,
	     .line = 1,
	     .column = 1,
	     .new_time = true,
	     .text = "S 0:0(0) win 65535 <mss 1460>"},
	    {.kind = LADDER_CALL, .line = 2, .column = 0, .text = "write(3, \"a&b\", 3) = 3"},
	    {.kind = LADDER_OUT, .line = 3, .column = 1, .failed = true, .text = long_text},
	    {.kind = LADDER_EXPECTED, .line = 3, .column = 1, .failed = true, .text = ". 1:1(0)"},
	    {.kind = LADDER_STATE, .column = 1, .text = "TIME_WAIT"},
	    {.kind = LADDER_ERROR, .line = 3, .failed = true, .text = "line 3: it <failed>"},
	};
	struct ladder l = one_ladder(rows, 6);
	struct strbuf out = STRBUF_INIT;

	ladder_svg(&l, &out);
	const char *svg = strbuf_str(&out);
	assert_non_null(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(svg, "&lt;mss 1460&gt;"));
	assert_null(strstr(svg, "<mss"));
	assert_non_null(strstr(svg, "&quot;a&amp;b&quot;"));
	assert_non_null(strstr(svg, ">expected: . 1:1(0)<"));
	assert_non_null(strstr(svg, "stroke-dasharray=\"7 4\""));
	assert_non_null(strstr(svg, "it &lt;failed&gt;"));
	assert_non_null(strstr(svg, ">TIME_WAIT<"));
	/* the long label is cut on the page, whole in its tooltip */
	assert_non_null(strstr(svg, "xxx...</text>"));
	assert_non_null(strstr(svg, long_text));
	assert_null(strstr(svg, "<script"));
	strbuf_free(&out);
}

static void test_mermaid(void **state)
{
	struct ladder_row rows[] = {
	    {.kind = LADDER_IN, .line = 1, .column = 1, .t = 100000, .text = "S 0:0(0) <mss 1460>"},
	    {.kind = LADDER_NOTE, .line = 2, .t = 100000, .text = "%{ a = 1; b = 2 # c }%"},
	    {.kind = LADDER_EXPECTED, .line = 3, .column = 1, .t = 200000, .text = ". 1:1(0)"},
	    {.kind = LADDER_ERROR, .line = 3, .text = "line 3: no"},
	};
	struct ladder l = one_ladder(rows, 4);
	struct strbuf out = STRBUF_INIT;

	ladder_mermaid(&l, true, &out);
	const char *m = strbuf_str(&out);
	assert_non_null(strstr(m, "# t.pkt (ipv4, FAILED at line 3)\n"));
	assert_non_null(strstr(m, "```mermaid\n%% t.pkt"));
	assert_non_null(strstr(m, "\nsequenceDiagram\n    participant P as remote peer<br/>"
				  "192.0.2.1\n    participant K1 as kernel fd 3 (listener)<br/>"));
	assert_non_null(strstr(m, "    P->>K2: 0.100 s S 0:0(0) #lt;mss 1460#gt;\n"));
	assert_non_null(strstr(m, "    Note over P,K2: 0.100 s %{ a = 1#59; b = 2 #35; c }%\n"));
	assert_non_null(strstr(m, "    K2--xP: 0.200 s expected (line 3): . 1:1(0)\n"));
	assert_non_null(strstr(m, "    Note over P,K2: FAILED line 3: no\n```\n"));
	strbuf_free(&out);
}

static uint32_t u32_at(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* Section header, interface, one packet with a comment: each block's two
 * lengths agree and are multiples of 4. */
static void test_pcapng(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const uint8_t pkt[5] = {0x45, 1, 2, 3, 4};

	assert_int_equal(pcapng_write_header(f, "tun0"), 0);
	assert_int_equal(pcapng_write_packet(f, 0x123456789abcdefLL, pkt, 5, true, "t.pkt:9: hi"),
			 0);
	fclose(f);
	const unsigned char *b = (const unsigned char *)buf;
	uint32_t types[] = {0x0A0D0D0A, 1, 6};
	size_t at = 0;
	for (int i = 0; i < 3; i++) {
		assert_true(at + 12 <= len);
		uint32_t total = u32_at(b + at + 4);
		assert_int_equal(u32_at(b + at), types[i]);
		assert_int_equal(total % 4, 0);
		assert_int_equal(u32_at(b + at + total - 4), total);
		if (i == 0)
			assert_int_equal(u32_at(b + at + 8), 0x1A2B3C4D);
		if (i == 2) {
			const unsigned char *e = b + at + 8;
			assert_int_equal(u32_at(e + 4), 0x01234567);
			assert_int_equal(u32_at(e + 8), 0x89abcdef);
			assert_int_equal(u32_at(e + 12), 5);
			assert_memory_equal(e + 20, pkt, 5);
			/* after the packet, padded: opt_comment (1), 11 bytes */
			assert_int_equal(e[28] | e[29] << 8, 1);
			assert_int_equal(e[30] | e[31] << 8, 11);
			assert_memory_equal(e + 32, "t.pkt:9: hi", 11);
		}
		at += total;
	}
	assert_int_equal(at, len);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line_text), cmocka_unit_test(test_wires),
	    cmocka_unit_test(test_svg),	      cmocka_unit_test(test_mermaid),
	    cmocka_unit_test(test_pcapng),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
