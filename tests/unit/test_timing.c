/* SPDX-License-Identifier: GPL-2.0-only */
/* test_timing: unit tests for the timing tolerance and the time check with its messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "runtime/context/clock.h"
#include "runtime/context/config.h"
#include "runtime/context/timing.h"
#include "parser/util/strbuf.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* One tolerance computation: config, expected time, previous event, result. */
struct tol_case {
	int64_t usecs;
	double percent;
	int64_t expected;
	bool has_prev;
	int64_t prev;
	int64_t want;
};

/* clang-format off */
static const struct tol_case tol_cases[] = {
	/* first event: the absolute tolerance only, however far away */
	{ 4000, 12.5, 0, false, 0, 4000 },
	{ 4000, 12.5, 10000000, false, 0, 4000 },
	/* 12.5% of the gap to the previous event, when larger */
	{ 4000, 12.5, 200000, true, 0, 25000 },
	{ 4000, 12.5, 1300000, true, 1100000, 25000 },
	{ 4000, 12.5, 1000000, true, 0, 125000 },
	/* the gap is measured from the previous event, not from the start */
	{ 4000, 12.5, 1010000, true, 1000000, 4000 },
	/* exactly at the crossover: 12.5% of 32000 is 4000 */
	{ 4000, 12.5, 32000, true, 0, 4000 },
	{ 4000, 12.5, 40000, true, 0, 5000 },
	/* non-default settings; the fraction is truncated to whole usecs */
	{ 1000, 10.0, 33333, true, 0, 3333 },
	{ 1000, 0.0, 5000000, true, 0, 1000 },
	{ 1000, 100.0, 5000, true, 2000, 3000 },
	{ 50000, 12.5, 200000, true, 0, 50000 },
	/* an event earlier than the previous one never lowers the base */
	{ 4000, 12.5, 0, true, 1000000, 4000 },
};
/* clang-format on */

static void test_tolerance_table(void **state)
{
	struct config c;

	config_init(&c);
	for (size_t i = 0; i < ARRAY_SIZE(tol_cases); i++) {
		const struct tol_case *t = &tol_cases[i];
		c.tolerance_usecs = t->usecs;
		c.tolerance_percent = t->percent;
		int64_t got = timing_tolerance(&c, t->expected, t->has_prev, t->prev);
		if (got != t->want)
			fail_msg("case %zu: tolerance %lld, want %lld", i, (long long)got,
				 (long long)t->want);
	}
	config_free(&c);
}

/* One time check: what was expected, when it happened, and the exact message
 * (NULL when the check passes). */
struct check_case {
	const char *what;
	enum time_kind kind;
	int64_t start, end, anchor;
	int64_t actual;
	bool has_prev;
	int64_t prev;
	const char *msg;
};

/* clang-format off */
static const struct check_case check_cases[] = {
	/* point time, first event: +-4000 us inclusive, early and late */
	{ "inbound packet", TIME_ABSOLUTE, 100000, 100000, 0, 100000, false, 0, NULL },
	{ "inbound packet", TIME_ABSOLUTE, 100000, 100000, 0, 104000, false, 0, NULL },
	{ "inbound packet", TIME_ABSOLUTE, 100000, 100000, 0, 96000, false, 0, NULL },
	{ "inbound packet", TIME_ABSOLUTE, 100000, 100000, 0, 104001, false, 0,
	  "timing error: expected inbound packet at 0.100000 sec but happened at "
	  "0.104001 sec; tolerance 0.004000 sec" },
	{ "outbound packet", TIME_ABSOLUTE, 100000, 100000, 0, 95999, false, 0,
	  "timing error: expected outbound packet at 0.100000 sec but happened at "
	  "0.095999 sec; tolerance 0.004000 sec" },
	/* point time 200 ms after the previous event: 25 ms */
	{ "system call start", TIME_ABSOLUTE, 300000, 300000, 0, 325000, true, 100000, NULL },
	{ "system call start", TIME_ABSOLUTE, 300000, 300000, 0, 275000, true, 100000, NULL },
	{ "system call start", TIME_ABSOLUTE, 300000, 300000, 0, 325001, true, 100000,
	  "timing error: expected system call start at 0.300000 sec but happened at "
	  "0.325001 sec; tolerance 0.025000 sec" },
	{ "system call return", TIME_ABSOLUTE, 300000, 300000, 0, 274999, true, 100000,
	  "timing error: expected system call return at 0.300000 sec but happened at "
	  "0.274999 sec; tolerance 0.025000 sec" },
	/* a relative point time reports like an absolute one */
	{ "command", TIME_RELATIVE, 1500000, 1500000, 1000000, 1600000, true, 1000000,
	  "timing error: expected command at 1.500000 sec but happened at 1.600000 sec; "
	  "tolerance 0.062500 sec" },
	{ "command", TIME_RELATIVE, 1500000, 1500000, 1000000, 1562500, true, 1000000, NULL },
	/* absolute range: the tolerance widens both ends */
	{ "outbound packet", TIME_ABSOLUTE_RANGE, 1000000, 2000000, 0, 1500000, false, 0, NULL },
	{ "outbound packet", TIME_ABSOLUTE_RANGE, 1000000, 2000000, 0, 996000, false, 0, NULL },
	{ "outbound packet", TIME_ABSOLUTE_RANGE, 1000000, 2000000, 0, 2004000, false, 0, NULL },
	{ "outbound packet", TIME_ABSOLUTE_RANGE, 1000000, 2000000, 0, 2004001, false, 0,
	  "timing error: expected outbound packet in time range 1.000000~2.000000 sec but "
	  "happened at 2.004001 sec" },
	{ "outbound packet", TIME_ABSOLUTE_RANGE, 1000000, 2000000, 0, 995999, false, 0,
	  "timing error: expected outbound packet in time range 1.000000~2.000000 sec but "
	  "happened at 0.995999 sec" },
	/* relative range: reported relative to the anchor, sign always shown */
	{ "system call start", TIME_RELATIVE_RANGE, 600000, 700000, 500000, 650000, false, 0,
	  NULL },
	{ "system call start", TIME_RELATIVE_RANGE, 600000, 700000, 500000, 400000, false, 0,
	  "timing error: expected system call start in relative time range "
	  "+0.100000~+0.200000 sec but happened at -0.100000 sec" },
	{ "inbound packet", TIME_RELATIVE_RANGE, 600000, 700000, 500000, 800000, false, 0,
	  "timing error: expected inbound packet in relative time range "
	  "+0.100000~+0.200000 sec but happened at +0.300000 sec" },
	/* "*" is never an error, however early or late */
	{ "outbound packet", TIME_ANY, 500000, 500000, 500000, 0, true, 400000, NULL },
	{ "outbound packet", TIME_ANY, 500000, 500000, 500000, 3600000000LL, true, 400000,
	  NULL },
	{ "outbound packet", TIME_ANY, 500000, 500000, 500000, -1000000, false, 0, NULL },
};
/* clang-format on */

static void test_check_table(void **state)
{
	struct config c;

	config_init(&c);
	for (size_t i = 0; i < ARRAY_SIZE(check_cases); i++) {
		const struct check_case *t = &check_cases[i];
		struct when w = {t->kind, t->start, t->end, t->anchor};
		struct strbuf err = STRBUF_INIT;
		int rc = timing_check(&c, t->what, &w, t->actual, t->has_prev, t->prev, &err);

		if (rc != (t->msg ? -1 : 0))
			fail_msg("case %zu: rc %d, message '%s'", i, rc, strbuf_str(&err));
		if (t->msg && strcmp(strbuf_str(&err), t->msg))
			fail_msg("case %zu:\n  got  '%s'\n  want '%s'", i, strbuf_str(&err),
				 t->msg);
		if (!t->msg)
			assert_string_equal(strbuf_str(&err), "");
		strbuf_free(&err);
	}
	config_free(&c);
}

/* The check follows the configured tolerance, not a built-in one. */
static void test_check_uses_config(void **state)
{
	struct config c;
	struct when w = {TIME_ABSOLUTE, 1000000, 1000000, 0};
	struct strbuf err = STRBUF_INIT;

	config_init(&c);
	c.tolerance_usecs = 100;
	c.tolerance_percent = 0;
	assert_int_equal(timing_check(&c, "command", &w, 1000100, true, 0, &err), 0);
	assert_int_equal(timing_check(&c, "command", &w, 1000101, true, 0, &err), -1);
	assert_string_equal(strbuf_str(&err),
			    "timing error: expected command at 1.000000 sec but happened at "
			    "1.000101 sec; tolerance 0.000100 sec");
	strbuf_free(&err);
	config_free(&c);
}

/* The script clock starts in the middle of a kernel tick: timers that fire on
 * tick edges then land farthest from both ends of a script's tolerance. */
static void test_start_is_mid_tick(void **state)
{
	struct timespec res;

	(void)state;
	if (clock_getres(CLOCK_MONOTONIC_COARSE, &res) || res.tv_sec || res.tv_nsec < 1000)
		skip();
	int64_t period = res.tv_nsec / 1000;
	clock_tick_measure();
	for (int i = 0; i < 5; i++) {
		int64_t before = clock_now_usecs();
		int64_t start = clock_mid_tick();
		assert_true(start >= before);
		assert_true(start - before <= period);
		assert_int_equal(start % period, period / 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tolerance_table),
	    cmocka_unit_test(test_check_table),
	    cmocka_unit_test(test_check_uses_config),
	    cmocka_unit_test(test_start_is_mid_tick),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
