/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests for netdev/tcp_states.h: the kernel's numbering, every state's names, and the
 * tables the tool generates from the list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <netinet/tcp.h>
#include <linux/bpf.h>

#include "netdev/tcp_states.h"
#include "parser/util/strbuf.h"
#include "runtime/codeblock/tcp_info.h"
#include "runtime/context/state_graph.h"
#include "runtime/context/tcp_state.h"
#include "runtime/syscalls/symbols.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct row {
	const char *name; /* as scripts write it */
	int number;
	const char *trace, *rfc;
};

#define ROW(name, number, trace, rfc) {"TCP_" #name, number, trace, rfc},
static const struct row rows[] = {TCP_STATE_LIST(ROW)};
#undef ROW

/* The kernel's numbering, written out here rather than generated from the
 * list: libc's <netinet/tcp.h> and the UAPI's <linux/bpf.h>, whose BPF_TCP_*
 * the kernel's build checks against its own enum (net/ipv4/tcp.c). */
/* clang-format off */
static const struct {
	const char *name;
	int libc, uapi;
} kernel[] = {
	{ "TCP_ESTABLISHED", TCP_ESTABLISHED, BPF_TCP_ESTABLISHED },
	{ "TCP_SYN_SENT", TCP_SYN_SENT, BPF_TCP_SYN_SENT },
	{ "TCP_SYN_RECV", TCP_SYN_RECV, BPF_TCP_SYN_RECV },
	{ "TCP_FIN_WAIT1", TCP_FIN_WAIT1, BPF_TCP_FIN_WAIT1 },
	{ "TCP_FIN_WAIT2", TCP_FIN_WAIT2, BPF_TCP_FIN_WAIT2 },
	{ "TCP_TIME_WAIT", TCP_TIME_WAIT, BPF_TCP_TIME_WAIT },
	{ "TCP_CLOSE", TCP_CLOSE, BPF_TCP_CLOSE },
	{ "TCP_CLOSE_WAIT", TCP_CLOSE_WAIT, BPF_TCP_CLOSE_WAIT },
	{ "TCP_LAST_ACK", TCP_LAST_ACK, BPF_TCP_LAST_ACK },
	{ "TCP_LISTEN", TCP_LISTEN, BPF_TCP_LISTEN },
	{ "TCP_CLOSING", TCP_CLOSING, BPF_TCP_CLOSING },
};
/* clang-format on */

static void test_numbers_are_the_kernels(void **state)
{
	assert_int_equal(ARRAY_LEN(rows), ARRAY_LEN(kernel));
	assert_int_equal(TCP_STATE_COUNT, ARRAY_LEN(rows));
	assert_int_equal(TCP_STATE_COUNT, BPF_TCP_CLOSING);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		assert_string_equal(rows[i].name, kernel[i].name);
		assert_int_equal(rows[i].number, kernel[i].libc);
		assert_int_equal(rows[i].number, kernel[i].uapi);
		assert_int_equal(rows[i].number, i + 1); /* in the kernel's order, no gaps */
	}
	assert_int_equal(TCP_STATE_NEW_SYN_RECV, BPF_TCP_NEW_SYN_RECV);
	assert_string_equal(TCP_STATE_NEW_SYN_RECV_NAME, "TCP_NEW_SYN_RECV");
}

/* Non-empty and only of the characters the spelling allows. */
static void check_spelling(const char *state, const char *name, const char *allowed)
{
	if (!name || !*name)
		fail_msg("%s: a name is missing", state);
	if (name[strspn(name, allowed)])
		fail_msg("%s: \"%s\" has a character outside \"%s\"", state, name, allowed);
}

static void test_every_state_has_all_names(void **state)
{
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		const struct row *r = &rows[i];

		assert_int_equal(strncmp(r->name, "TCP_", 4), 0);
		check_spelling(r->name, r->name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		check_spelling(r->name, r->trace, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		check_spelling(r->name, r->rfc, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
		for (size_t j = 0; j < i; j++) {
			if (!strcmp(r->name, rows[j].name) || !strcmp(r->trace, rows[j].trace) ||
			    !strcmp(r->rfc, rows[j].rfc))
				fail_msg("%s and %s share a name", rows[j].name, r->name);
		}
	}
}

/* What each user prints for a state is the list's name for it. */
static void test_users_print_the_lists_names(void **state)
{
	struct tcp_snapshot snap;
	struct state_visits none = {0};
	struct strbuf dot = STRBUF_INIT, node = STRBUF_INIT;
	struct code_value v;

	tcp_snapshot_init(&snap);
	state_graph_dot(&none, "test", &dot);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		const struct row *r = &rows[i];
		int64_t sym = -1;
		int back = -1;

		/* tcp_state(fd) = TCP_X: argument symbol, messages, and back */
		assert_true(symbols_lookup(r->name, &sym));
		assert_int_equal(sym, r->number);
		assert_string_equal(symbols_tcp_state_name(r->number), r->name);
		assert_true(symbols_tcp_state_value(r->name, &back));
		assert_int_equal(back, r->number);
		/* --trace-states, -v, --step */
		assert_string_equal(tcp_state_short_name(r->number), r->trace);
		/* %{ }% code: the first constants, in the kernel's order */
		assert_string_equal(tcp_snapshot_name(i), r->name);
		assert_int_equal(tcp_snapshot_lookup(&snap, r->name, &v), CODE_NAME_CONST);
		assert_int_equal(v.i, r->number);
		/* --state-graph: one node per state */
		strbuf_reset(&node);
		strbuf_printf(&node, "\n  \"%s\" [", r->rfc);
		if (!strstr(strbuf_str(&dot), strbuf_str(&node)))
			fail_msg("%s: no node \"%s\" in the DOT graph", r->name, r->rfc);
	}
	/* The request sockets' state is shown as TCP_SYN_RECV, so it is named
	 * for tcp_state()'s messages only. */
	assert_string_equal(symbols_tcp_state_name(TCP_STATE_NEW_SYN_RECV), "TCP_NEW_SYN_RECV");
	assert_string_equal(tcp_state_short_name(TCP_STATE_NEW_SYN_RECV), "UNKNOWN");
	assert_null(symbols_tcp_state_name(TCP_STATE_NEW_SYN_RECV + 1));
	assert_int_equal(STATE_GRAPH_N, TCP_STATE_COUNT + 1);
	strbuf_free(&dot);
	strbuf_free(&node);
}

int main(void)
{
	/* clang-format off */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_are_the_kernels),
		cmocka_unit_test(test_every_state_has_all_names),
		cmocka_unit_test(test_users_print_the_lists_names),
	};
	/* clang-format on */

	return cmocka_run_group_tests(tests, NULL, NULL);
}
