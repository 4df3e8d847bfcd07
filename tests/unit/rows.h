/* SPDX-License-Identifier: GPL-2.0-only */
/* rows: helpers for table-driven cmocka tests that report every failing row,
 * then fail once at the end. Include after <cmocka.h>. */
#ifndef TESTS_UNIT_ROWS_H
#define TESTS_UNIT_ROWS_H

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int bad_rows;
#define ROW_FAIL(...)                                                                              \
	do {                                                                                       \
		print_error(__VA_ARGS__);                                                          \
		print_error("\n");                                                                 \
		bad_rows++;                                                                        \
	} while (0)
#define ROWS_DONE()                                                                                \
	do {                                                                                       \
		int n_ = bad_rows;                                                                 \
		bad_rows = 0;                                                                      \
		if (n_)                                                                            \
			fail_msg("%d table row(s) failed", n_);                                    \
	} while (0)

#endif
