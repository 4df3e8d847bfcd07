/* SPDX-License-Identifier: GPL-2.0-only */
/* test_syscall_table: unit tests for syscalls/syscall_table.c — a sorted table whose names
 * syscall_find() matches exactly, and sane arities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "runtime/syscalls/syscall.h"

/* Every name the table holds, in strcmp() order, transcribed from upstream's
 * list (run_syscall.c) plus pktdrill's tcp_state. syscall_find() is a binary
 * search, and a binary search finds every entry of a table only if the table
 * is sorted: so finding each of these names checks the order of the table, as
 * long as this list is complete; test_table_walk() walks the table itself,
 * which also sees an entry missing here and a duplicate name. */
/* clang-format off */
static const char *const names[] = {
	"accept", "bind", "cap_set", "close", "connect",
	"epoll_create", "epoll_ctl", "epoll_wait", "fcntl", "getsockopt",
	"ioctl", "listen", "open", "pipe", "poll",
	"psp_rx_assoc", "psp_tx_assoc", "read", "readv", "recv",
	"recvfrom", "recvmsg", "send", "sendfile", "sendmsg",
	"sendto", "setsockopt", "shutdown", "socket", "splice",
	"tcp_state", "write", "writev",
};
/* clang-format on */

#define N_NAMES (sizeof(names) / sizeof(names[0]))

/* The list above is itself sorted and unique, so that the next test checks the
 * table against a sorted reference. */
static void test_reference_sorted_and_unique(void **state)
{
	for (size_t i = 1; i < N_NAMES; i++)
		if (strcmp(names[i - 1], names[i]) >= 0)
			fail_msg("reference list out of order or duplicate: %s before %s",
				 names[i - 1], names[i]);
}

/* Each name is found, as an entry of that name: a table out of order hides
 * some of them from the binary search. */
static void test_table_sorted(void **state)
{
	for (size_t i = 0; i < N_NAMES; i++) {
		const struct syscall_desc *d = syscall_find(names[i]);

		if (!d)
			fail_msg("'%s' not found: the table is out of order or lacks it", names[i]);
		assert_string_equal(d->name, names[i]);
	}
}

/* The table itself, entry by entry: in strcmp order without duplicates, and
 * the same names as the reference list. */
static void test_table_walk(void **state)
{
	assert_int_equal(syscall_count(), N_NAMES);
	for (size_t i = 0; i < syscall_count(); i++) {
		const char *name = syscall_at(i)->name;

		if (i > 0 && strcmp(syscall_at(i - 1)->name, name) >= 0)
			fail_msg("table out of order or duplicate: %s before %s",
				 syscall_at(i - 1)->name, name);
		assert_string_equal(name, names[i]);
	}
}

/* Names are matched exactly: no prefix, no case folding, nothing around them. */
static void test_exact_match_only(void **state)
{
	static const char *const unknown[] = {
	    "",	     "a",     "accep", "acceptx", "Accept",  "READ", "read ",
	    " read", "sendt", "zzz",   "0",	  "writev2", "tcp",  "_",
	};

	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		if (syscall_find(unknown[i]))
			fail_msg("'%s' should be unknown", unknown[i]);
}

/* Arity ranges make sense, and only the PSP calls (wire mode) have no handler. */
static void test_arities_and_handlers(void **state)
{
	for (size_t i = 0; i < N_NAMES; i++) {
		const struct syscall_desc *d = syscall_find(names[i]);
		bool psp = strncmp(names[i], "psp_", 4) == 0;

		assert_non_null(d);
		if (d->min_args < 0 || d->min_args > d->max_args)
			fail_msg("%s: arity %d-%d", d->name, d->min_args, d->max_args);
		if ((d->handler == NULL) != psp)
			fail_msg("%s: handler %s", d->name, d->handler ? "present" : "missing");
	}
	assert_int_equal(syscall_find("socket")->min_args, 3);
	assert_true(syscall_find("socket")->returns_fd);
	assert_false(syscall_find("read")->returns_fd);
	assert_true(syscall_find("tcp_state")->symbolic_result);
	assert_false(syscall_find("write")->symbolic_result);
}

/* The argument count the reference shows (docs/pktdrill-script.5 is generated
 * from args): top-level commas, and "[, x]" for an optional one. */
static void count_args(const char *s, int *min, int *max)
{
	int depth = 0;
	bool quoted = false;

	*min = *max = *s != '\0';
	for (const char *p = s; *p; p++) {
		if (quoted || *p == '"') {
			quoted = *p == '"' ? !quoted : quoted;
			continue;
		}
		if (depth == 0 && p[0] == '[' && p[1] == ',') {
			(*max)++;
			depth++;
			p++;
		} else if (strchr("([{", *p)) {
			depth++;
		} else if (strchr(")]}", *p)) {
			depth--;
		} else if (*p == ',' && depth == 0) {
			(*min)++;
			(*max)++;
		}
	}
}

/* Each call documents its arguments and what it does, with as many arguments
 * as it takes. */
static void test_documented(void **state)
{
	for (size_t i = 0; i < syscall_count(); i++) {
		const struct syscall_desc *d = syscall_at(i);
		int min, max;

		if (!d->args || !*d->args || !d->doc || !*d->doc) {
			fail_msg("%s: no args or doc for the reference", d->name);
			continue;
		}
		if (!d->handler)
			continue; /* not supported: "..." */
		count_args(d->args, &min, &max);
		if (min != d->min_args || max != d->max_args)
			fail_msg("%s: the reference shows %d-%d arguments (%s), the table %d-%d",
				 d->name, min, max, d->args, d->min_args, d->max_args);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reference_sorted_and_unique),
	    cmocka_unit_test(test_table_sorted),
	    cmocka_unit_test(test_table_walk),
	    cmocka_unit_test(test_exact_match_only),
	    cmocka_unit_test(test_arities_and_handlers),
	    cmocka_unit_test(test_documented),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
