/* SPDX-License-Identifier: GPL-2.0-only */
/* test_suggest: unit tests for parser/util/suggest.c — the edit distance and which
 * names a misspelt word is offered. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "parser/util/suggest.h"
#include "tests/unit/rows.h"

static void test_distance(void **state)
{
	static const struct {
		const char *a, *b;
		unsigned want;
	} rows[] = {
	    {"accept", "accept", 0},
	    {"acept", "accept", 1},   /* a letter missing */
	    {"acceptt", "accept", 1}, /* one too many */
	    {"SO_REUSEDADDR", "SO_REUSEADDR", 1},
	    {"ip_verison", "ip_version", 1},	 /* two neighbours swapped */
	    {"so_reuseaddr", "SO_REUSEADDR", 0}, /* case does not count */
	    {"bind", "read", 3},
	    {"", "abc", 3},
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		unsigned got = suggest_distance(rows[i].a, rows[i].b, 10);

		if (got != rows[i].want)
			ROW_FAIL("%s / %s: %u, want %u", rows[i].a, rows[i].b, got, rows[i].want);
	}
	ROWS_DONE();
	/* Past the limit the answer is only "more than the limit". */
	assert_int_equal(suggest_distance("abcdefgh", "zyxwvuts", 2), 3);
}

static char *offer(const char *word, const char *const *names, size_t n)
{
	static char out[256];
	struct strbuf sb = STRBUF_INIT;
	struct suggest s;

	suggest_init(&s, word);
	for (size_t i = 0; i < n; i++)
		suggest_add(&s, names[i]);
	suggest_append(&s, NULL, &sb);
	snprintf(out, sizeof(out), "%s", strbuf_str(&sb));
	strbuf_free(&sb);
	return out;
}

static void test_offers(void **state)
{
	static const char *const calls[] = {"accept", "bind", "close", "read", "recv", "send"};
	static const char *const opts[] = {"SO_REUSEADDR", "SO_REUSEPORT", "SO_RCVBUF"};

	assert_string_equal(offer("acept", calls, 6), " (did you mean 'accept'?)");
	assert_string_equal(offer("SO_REUSEDADDR", opts, 3), " (did you mean 'SO_REUSEADDR'?)");
	/* equally near: every one, in table order */
	assert_string_equal(offer("rend", calls, 6), " (did you mean 'read' or 'send'?)");
	/* nothing near: nothing said */
	assert_string_equal(offer("frobnicate", calls, 6), "");
	/* a short word allows one edit only */
	assert_string_equal(offer("bd", calls, 6), "");
	/* the nearest wins over a farther one seen first */
	static const char *const far_first[] = {"SO_REUSEPORT", "SO_REUSEADDR"};
	assert_string_equal(offer("SO_REUSEADR", far_first, 2), " (did you mean 'SO_REUSEADDR'?)");
}

static void test_prefix_and_limit(void **state)
{
	static const char *const names[] = {"aaa1", "aaa2", "aaa3", "aaa4"};
	struct strbuf sb = STRBUF_INIT;
	struct suggest s;

	suggest_init(&s, "aaa");
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		suggest_add(&s, names[i]);
	suggest_add(&s, "aaa1"); /* a name twice counts once */
	assert_int_equal(suggest_append(&s, "--", &sb), SUGGEST_MAX);
	assert_string_equal(strbuf_str(&sb), " (did you mean '--aaa1', '--aaa2' or '--aaa3'?)");
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_distance),
	    cmocka_unit_test(test_offers),
	    cmocka_unit_test(test_prefix_and_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
