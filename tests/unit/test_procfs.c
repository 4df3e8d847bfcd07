/* SPDX-License-Identifier: GPL-2.0-only */
/* test_procfs: unit tests for reading /proc files: a stat line's fields after
 * a command name that may hold anything, and whole small files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "runtime/context/procfs.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A stat line and the fields expected after its command name (NULL: none). */
struct stat_case {
	const char *line;
	const char *fields;
};

/* clang-format off */
static const struct stat_case stat_cases[] = {
	{ "42 (pktdrill) S 1 42 42 0", "S 1 42 42 0" },
	/* a command name may hold ')' and spaces: the last ')' ends it */
	{ "42 (a) b) R 7 0", "R 7 0" },
	{ "42 (x (y)) D 9", "D 9" },
	{ "42 ( ) S 3", "S 3" },
	/* not a stat line */
	{ "42 pktdrill S 1", NULL },
	{ "42 (pktdrill)", NULL },
	{ "42 (pktdrill) ", NULL },
	{ "42 (pktdrill)S 1", NULL },
	{ "", NULL },
};
/* clang-format on */

static void test_stat_fields(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(stat_cases); i++) {
		const char *got = procfs_stat_fields(stat_cases[i].line);

		if (!stat_cases[i].fields) {
			if (got)
				fail_msg("'%s': expected no fields, got '%s'", stat_cases[i].line,
					 got);
			continue;
		}
		if (!got)
			fail_msg("'%s': expected '%s', got none", stat_cases[i].line,
				 stat_cases[i].fields);
		assert_string_equal(got, stat_cases[i].fields);
	}
}

/* Our own stat: its state is R (we are running) and its parent our parent. */
static void test_own_stat(void **state)
{
	char buf[512], want[32];

	(void)state;
	assert_true(procfs_read("/proc/self/stat", buf, sizeof(buf)) > 0);
	const char *f = procfs_stat_fields(buf);
	assert_non_null(f);
	assert_int_equal(f[0], 'R');
	snprintf(want, sizeof(want), "R %d ", (int)getppid());
	assert_memory_equal(f, want, strlen(want));
}

/* A file longer than the buffer is cut and NUL-terminated; a missing or
 * empty one, or a buffer with no room, is -1. */
static void test_read_limits(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(procfs_read("/proc/self/stat", buf, sizeof(buf)), 7);
	assert_int_equal(strlen(buf), 7);
	assert_int_equal(procfs_read("/proc/self/no-such-file", buf, sizeof(buf)), -1);
	assert_int_equal(procfs_read("/dev/null", buf, sizeof(buf)), -1);
	assert_int_equal(procfs_read("/proc/self/stat", buf, 1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stat_fields),
	    cmocka_unit_test(test_own_stat),
	    cmocka_unit_test(test_read_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
