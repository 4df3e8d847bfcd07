/* SPDX-License-Identifier: GPL-2.0-only */
/* test_eval: unit tests for syscall argument evaluation and result checks (spec §6.1-6.2). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "parser/parse.h"
#include "runtime/context/config.h"
#include "runtime/context/run_state.h"
#include "runtime/syscalls/eval.h"
#include "runtime/syscalls/syscall_fds.h"
#include "runtime/syscalls/syscall.h"

#include "tests/unit/rows.h"

/* A run with one parsed syscall line, and a context to evaluate its arguments. */
struct fx {
	struct config cfg;
	struct run run;
	struct script *script;
	struct sc_ctx c;
};

static struct fx *fx_new(const char *line)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct strbuf err = STRBUF_INIT;
	struct defines defs = {0};
	struct diag d;
	char *text;

	assert_non_null(f);
	config_init(&f->cfg);
	assert_int_equal(config_finalize(&f->cfg, &err), 0);
	assert_true(asprintf(&text, "0 %s\n", line) > 0);
	diag_init(&d, "t.pkt", NULL, 0, stderr);
	if (parse_script("t.pkt", text, strlen(text), &defs, &d, &f->script))
		fail_msg("cannot parse: %s", line);
	diag_free(&d);
	defines_free(&defs);
	free(text);
	assert_int_equal(f->script->events[0].kind, EVENT_SYSCALL);
	f->run.cfg = &f->cfg;
	f->run.script = f->script;
	pthread_mutex_init(&f->run.lock, NULL);
	f->c.run = &f->run;
	f->c.ev = &f->script->events[0];
	f->c.sc = f->script->events[0].syscall;
	strbuf_free(&err);
	return f;
}

static void fx_free(struct fx *f)
{
	for (size_t i = 0; i < f->run.fds.n_fds; i++)
		if (f->run.fds.fds[i]->live_fd >= 0 && !f->run.fds.fds[i]->closed)
			close(f->run.fds.fds[i]->live_fd);
	fd_table_free(&f->run.fds);
	pthread_mutex_destroy(&f->run.lock);
	strbuf_free(&f->c.err);
	script_free(f->script);
	config_free(&f->cfg);
	free(f);
}

static const struct expr *arg0(struct fx *f)
{
	return f->c.sc->args[0];
}

/* ---- integers, symbols, | ---- */

static const struct int_row {
	const char *expr;
	int64_t value;
	const char *err; /* NULL: evaluates to value */
} int_rows[] = {
    {"5", 5, NULL},
    {"0x10", 16, NULL},
    {"-1", -1, NULL},
    {"SOL_SOCKET", 1, NULL},
    {"NULL", 0, NULL},
    {"POLLIN|POLLOUT", 5, NULL},
    {"O_RDWR|O_NONBLOCK|0x100", 0x902, NULL},
    {"EPOLLET", 2147483648LL, NULL},
    {"inet_addr(\"1.2.3.4\")", 0x04030201, NULL},
    {"NOPE", 0, "unknown symbol: 'NOPE'"},
    {"POLLIN|NOPE", 0, "unknown symbol: 'NOPE'"},
    {"\"s\"|1", 0, "left hand side of | not an integer"},
    {"1|[2]", 0, "right hand side of | not an integer"},
    {"\"s\"", 0, "Bad type; actual: string expected: integer"},
    {"...", 0, "Bad type; actual: ellipsis expected: integer"},
    {"[1]", 0, "Bad type; actual: list expected: integer"},
    {"inet6_addr(\"::1\")", 0, "Bad type; actual: in6_addr expected: integer"},
    {"{onoff=1, linger=2}", 0, "Bad type; actual: linger expected: integer"},
    {"{..., 4}", 0, "Bad type; actual: iovec expected: integer"},
    {"{fd=3, events=POLLIN}", 0, "Bad type; actual: pollfd expected: integer"},
    {"{events=0, ptr=0}", 0, "Bad type; actual: epollev expected: integer"},
    {"{scm_sec=1, scm_nsec=2}", 0, "Bad type; actual: scm_timestamping expected: integer"},
    {"{sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr(\"1.2.3.4\")}", 0,
     "Bad type; actual: sockaddr_in expected: integer"},
};

static void check_err(struct fx *f, const char *what, const char *want)
{
	if (strcmp(strbuf_str(&f->c.err), want))
		ROW_FAIL("%s: error '%s', want '%s'", what, strbuf_str(&f->c.err), want);
}

static void test_eval_int(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(int_rows); i++) {
		const struct int_row *row = &int_rows[i];
		char line[256];
		int64_t v = 0;

		snprintf(line, sizeof(line), "f(%s) = 0", row->expr);
		struct fx *f = fx_new(line);
		int rc = eval_int(&f->c, arg0(f), &v);
		if (row->err && !rc)
			ROW_FAIL("%s: evaluated to %lld, want error", row->expr, (long long)v);
		else if (row->err)
			check_err(f, row->expr, row->err);
		else if (rc || v != row->value)
			ROW_FAIL("%s: rc %d value %lld, want %lld (%s)", row->expr, rc,
				 (long long)v, (long long)row->value, strbuf_str(&f->c.err));
		fx_free(f);
	}
	ROWS_DONE();
}

/* ---- 32-bit values, [N], buffers ---- */

enum which { W_INT32, W_U32, W_LIST1, W_BUFFER, W_ELLIPSIS };

static const struct scalar_row {
	enum which which;
	const char *expr;
	int64_t value; /* W_BUFFER: 1 for NULL */
	const char *err;
} scalar_rows[] = {
    {W_INT32, "4294967295", -1, NULL},
    {W_INT32, "-2147483648", -2147483648LL, NULL},
    {W_INT32, "4294967296", 0, "Value out of range for 32-bit integer: 4294967296"},
    {W_INT32, "-2147483649", 0, "Value out of range for 32-bit integer: -2147483649"},
    {W_U32, "EPOLLET|EPOLLIN", 0x80000001LL, NULL},
    {W_U32, "0x100000000", 0, "Value out of range for 32-bit integer: 4294967296"},
    {W_LIST1, "[7]", 7, NULL},
    {W_LIST1, "[SO_REUSEADDR]", 2, NULL},
    {W_LIST1, "[1, 2]", 0, "Expected [<element>] but got multiple elements"},
    {W_LIST1, "7", 0, "Bad type; actual: integer expected: list"},
    {W_LIST1, "[\"x\"]", 0, "Bad type; actual: string expected: integer"},
    {W_BUFFER, "...", 0, NULL},
    {W_BUFFER, "0", 1, NULL},
    {W_BUFFER, "NULL", 1, NULL},
    {W_BUFFER, "5", 0, "Expected ... or NULL for buffer"},
    {W_BUFFER, "\"abc\"", 0, "Expected ... or NULL for buffer"},
    {W_BUFFER, "NOPE", 0, "Expected ... or NULL for buffer"},
    {W_ELLIPSIS, "...", 0, NULL},
    {W_ELLIPSIS, "AF_INET", 0, "Bad type; actual: word expected: ellipsis"},
};

static int eval_scalar(struct fx *f, enum which which, int64_t *v)
{
	bool is_null = false;
	uint32_t u = 0;
	int i = 0, rc;

	switch (which) {
	case W_INT32:
		rc = eval_int32(&f->c, arg0(f), &i);
		*v = i;
		return rc;
	case W_U32:
		rc = eval_u32(&f->c, arg0(f), &u);
		*v = u;
		return rc;
	case W_LIST1:
		rc = eval_int_list1(&f->c, arg0(f), &i);
		*v = i;
		return rc;
	case W_BUFFER:
		rc = eval_buffer(&f->c, arg0(f), &is_null);
		*v = is_null;
		return rc;
	default:
		*v = 0;
		return eval_ellipsis(&f->c, arg0(f));
	}
}

static void test_eval_scalars(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(scalar_rows); i++) {
		const struct scalar_row *row = &scalar_rows[i];
		char line[256];
		int64_t v = 0;

		snprintf(line, sizeof(line), "f(%s) = 0", row->expr);
		struct fx *f = fx_new(line);
		int rc = eval_scalar(f, row->which, &v);
		if (row->err && !rc)
			ROW_FAIL("row %zu %s: no error", i, row->expr);
		else if (row->err)
			check_err(f, row->expr, row->err);
		else if (rc || v != row->value)
			ROW_FAIL("row %zu %s: rc %d value %lld, want %lld (%s)", i, row->expr, rc,
				 (long long)v, (long long)row->value, strbuf_str(&f->c.err));
		fx_free(f);
	}
	ROWS_DONE();
}

/* ---- strings ---- */

static const struct string_row {
	const char *expr;
	const char *value;
	size_t len;
	const char *err;
} string_rows[] = {
    {"\"abc\"", "abc", 3, NULL},
    {"\"\"", "", 0, NULL},
    {"\"a\\tb\\n\\r\\v\\f\"", "a\tb\n\r\v\f", 7, NULL},
    {"\"\\x41\\x00B\"", "A\0B", 3, NULL},
    {"\"\\\\ \\\"\"", "\\ \"", 3, NULL},
    {"\"ab\" \"cd\"", "abcd", 4, NULL},
    {"\"\\q\"", NULL, 0, "unsupported escape code: 'q'"},
    {"\"\\xZ1\"", NULL, 0, "invalid hex escape"},
    {"\"\\x4\"", NULL, 0, "invalid hex escape"},
    {"5", NULL, 0, "Bad type; actual: integer expected: string"},
};

static void test_eval_string(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(string_rows); i++) {
		const struct string_row *row = &string_rows[i];
		char line[256], *s = NULL;
		size_t len = 0;

		snprintf(line, sizeof(line), "f(%s) = 0", row->expr);
		struct fx *f = fx_new(line);
		int rc = eval_string(&f->c, arg0(f), &s, &len);
		if (row->err && !rc)
			ROW_FAIL("%s: no error", row->expr);
		else if (row->err)
			check_err(f, row->expr, row->err);
		else if (rc || len != row->len || memcmp(s, row->value, len) || s[len])
			ROW_FAIL("%s: rc %d len %zu, want %zu", row->expr, rc, len, row->len);
		free(s);
		fx_free(f);
	}
	ROWS_DONE();
}

/* ---- iovec lists ---- */

static const struct iov_row {
	const char *expr;
	size_t n;
	size_t lens[3];
	const char *err;
} iov_rows[] = {
    {"[]", 0, {0}, NULL},
    {"[{..., 3}, {..., 0}, {..., 1000}]", 3, {3, 0, 1000}, NULL},
    {"[{..., 4}, {1, 2}]", 0, {0}, "Bad type; actual: struct expected: iovec"},
    {"[{..., -1}]", 0, {0}, "iovec length -1 is negative"},
    {"[{..., NOPE}]", 0, {0}, "Bad type; actual: struct expected: iovec"},
    {"{..., 3}", 0, {0}, "Bad type; actual: iovec expected: list"},
};

static bool iov_ok(const struct iov_row *row, const struct iovec *iov, size_t n)
{
	if (n != row->n)
		return false;
	for (size_t k = 0; k < n; k++) {
		if (iov[k].iov_len != row->lens[k] || !iov[k].iov_base)
			return false;
		for (size_t b = 0; b < iov[k].iov_len; b++)
			if (((const char *)iov[k].iov_base)[b])
				return false;
	}
	return true;
}

static void test_eval_iovecs(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(iov_rows); i++) {
		const struct iov_row *row = &iov_rows[i];
		struct iovec *iov = NULL;
		char line[256];
		size_t n = 0;

		snprintf(line, sizeof(line), "f(%s) = 0", row->expr);
		struct fx *f = fx_new(line);
		int rc = eval_iovecs(&f->c, arg0(f), &iov, &n);
		if (row->err && !rc)
			ROW_FAIL("%s: no error", row->expr);
		else if (row->err)
			check_err(f, row->expr, row->err);
		else if (rc || !iov_ok(row, iov, n))
			ROW_FAIL("%s: rc %d n %zu (%s)", row->expr, rc, n, strbuf_str(&f->c.err));
		if (!rc)
			eval_iovecs_free(&f->c, iov, n, true, 0);
		fx_free(f);
	}
	ROWS_DONE();
}

static void test_eval_iov_count(void **state)
{
	struct fx *f = fx_new("f() = 0");

	assert_int_equal(eval_iov_count(&f->c, "iov_count", 2, 2), 0);
	assert_int_equal(eval_iov_count(&f->c, "iov_count", 3, 2), -1);
	assert_string_equal(strbuf_str(&f->c.err),
			    "iov_count 3 does not match 2-element iovec array");
	strbuf_reset(&f->c.err);
	assert_int_equal(eval_iov_count(&f->c, "msg_iovlen", -1, 0), -1);
	assert_string_equal(strbuf_str(&f->c.err),
			    "msg_iovlen -1 does not match 0-element iovec array");
	fx_free(f);
}

/* --send_omit_free keeps send buffers, and a MSG_ZEROCOPY send's are always
 * kept: freeing them is then up to nobody (a free() of these would crash). */
static void test_send_omit_free(void **state)
{
	struct fx *f = fx_new("f() = 0");
	struct strbuf err = STRBUF_INIT;
	static char not_heap[4], not_heap_either[4];

	sc_send_buffer_done(&f->c, malloc(10), 0);		   /* freed: no leak */
	sc_send_buffer_done(&f->c, not_heap_either, MSG_ZEROCOPY); /* kept */
	assert_int_equal(config_set(&f->cfg, "send_omit_free", NULL, &err), 0);
	sc_send_buffer_done(&f->c, not_heap, 0); /* kept, never freed */
	sc_send_buffer_done(&f->c, NULL, 0);
	strbuf_free(&err);
	fx_free(f);
}

/* ---- fds ---- */

static void test_fds(void **state)
{
	struct fx *f = fx_new("f(3, 9) = 0");
	struct fd_entry *s = NULL;

	assert_int_equal(eval_fd(&f->c, f->c.sc->args[1], &s), -1);
	assert_string_equal(strbuf_str(&f->c.err), "unable to find fd with script fd 9");
	strbuf_reset(&f->c.err);

	int live = dup(0);
	assert_true(live >= 0);
	assert_int_equal(sc_add_fd(&f->c, 3, live, &s), 0);
	assert_int_equal(s->kind, FD_OTHER);
	assert_ptr_equal(fd_table_by_live_fd(&f->run.fds, live), s);
	struct fd_entry *got = NULL;
	assert_int_equal(eval_fd(&f->c, arg0(f), &got), 0);
	assert_ptr_equal(got, s);

	assert_int_equal(sc_add_fd(&f->c, 3, dup(0), NULL), -1);
	assert_string_equal(strbuf_str(&f->c.err), "duplicate fd 3 in script");
	strbuf_reset(&f->c.err);
	assert_int_equal(sc_add_fd(&f->c, -1, dup(0), NULL), -1);
	assert_string_equal(strbuf_str(&f->c.err), "invalid socket fd -1 in script");
	strbuf_reset(&f->c.err);
	/* A live fd the table already names is refused (and closed). */
	char want[64];
	snprintf(want, sizeof(want), "duplicate live fd %d", live);
	assert_int_equal(sc_add_fd(&f->c, 4, live, NULL), -1);
	assert_string_equal(strbuf_str(&f->c.err), want);
	s->live_fd = -1;
	fx_free(f);
}

static void test_result_ok(void **state)
{
	struct fx *f = fx_new("f() = -1 EAGAIN (x)");

	f->c.expected = -1;
	f->c.ret = -1;
	f->c.err_no = EAGAIN;
	assert_true(sc_result_ok(&f->c));
	f->c.err_no = EINTR;
	assert_false(sc_result_ok(&f->c));
	f->c.err_no = EAGAIN;
	f->c.ret = 0;
	assert_false(sc_result_ok(&f->c));
	fx_free(f);

	f = fx_new("f() = 3");
	f->c.expected = 3;
	f->c.ret = 3;
	f->c.err_no = ENOENT; /* no errno named: not checked */
	assert_true(sc_result_ok(&f->c));
	fx_free(f);
}

/* ---- whole calls: the dispatcher's messages (spec §6.1) ---- */

static const struct call_row {
	const char *line;
	const char *msg; /* after "t.pkt:1: runtime error in X call: "; NULL: passes */
} call_rows[] = {
    {"nosuch(1) = 0", "Unknown system call: 'nosuch'"},
    {"psp_tx_assoc() = 0", "system call 'psp_tx_assoc' is not supported yet"},
    {"close(1, 2) = 0", "Expected 1 args but got 2"},
    {"sendto(1) = 0", "Expected 6 args but got 1"},
    {"fcntl(1) = 0", "fcntl expected 2-3 args but got 1"},
    {"ioctl(1, 2, 3, 4) = 0", "ioctl expected 2-3 args but got 4"},
    {"close(3) = O_RDWR", "Bad type; actual: word expected: integer"},
    {"close(9) = 0", "unable to find fd with script fd 9"},
    {"read(NOPE, ..., 1) = 0", "unknown symbol: 'NOPE'"},
    {"write(0x100000000, ..., 1) = 0", "Value out of range for 32-bit integer: 4294967296"},
    {"socket(12345, SOCK_STREAM, 0) = 3",
     "Expected non-negative result but got -1 with errno 97 (Address family not supported "
     "by protocol)"},
    {"socket(12345, SOCK_STREAM, 0) = -1 EPERM (x)",
     "Expected errno 1 (Operation not permitted) but got 97 (Address family not supported "
     "by protocol)"},
    {"socket(12345, SOCK_STREAM, 0) = -1 EAFNOSUPPORT (x)", NULL},
    {"pipe([5, 6]) = 1", "Expected result 1 but got 0 with errno 0 (Success)"},
    {"pipe([5, 6]) = 0", NULL},
    {"pipe(5) = 0", "Bad type; actual: integer expected: list"},
    {"open(\"/nonexistent/x\", O_RDONLY) = 5",
     "Expected non-negative result but got -1 with errno 2 (No such file or directory)"},
    {"open(\"/dev/null\", O_RDONLY) = 5", NULL},
    {"epoll_create(1) = 7", NULL},
    {"poll([], 0, 0) = 0", NULL},
    {"poll([5], 1, 0) = 0", "Bad type; actual: integer expected: pollfd"},
    {"readv(1, [{..., 1}], 1) = 0", "unable to find fd with script fd 1"},
    {"cap_set(CAP_EFFECTIVE, 64, CAP_SET) = 0", "cap_set capability 64 out of range"},
    {"cap_set(CAP_EFFECTIVE, CAP_CHOWN, 2) = 0", "cap_set operation 2 is not CAP_SET or CAP_CLEAR"},
};

/* Runs the call with stderr sent to a file; returns what was printed. */
static char *run_captured(struct fx *f)
{
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);
	static char buf[1024];

	assert_non_null(tmp);
	fflush(stderr);
	dup2(fileno(tmp), STDERR_FILENO);
	syscall_exec(&f->run, f->c.ev, false);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	size_t n = fread(buf, 1, sizeof(buf) - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	return buf;
}

static void check_call(const struct call_row *row)
{
	struct fx *f = fx_new(row->line);
	char *out = run_captured(f);
	char *name = f->c.sc->name, want[512];

	if (row->msg)
		snprintf(want, sizeof(want), "t.pkt:1: runtime error in %s call: %s\n", name,
			 row->msg);
	else
		want[0] = '\0';
	/* The second line quotes the script line; compare the first. */
	char *nl = strchr(out, '\n');
	if (nl)
		nl[1] = '\0';
	if (strcmp(out, want))
		ROW_FAIL("%s:\n  got  %s  want %s", row->line, out, want);
	if (row->msg && !f->run.failed)
		ROW_FAIL("%s: run not marked failed", row->line);
	fx_free(f);
}

static void test_calls(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(call_rows); i++)
		check_call(&call_rows[i]);
	ROWS_DONE();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_eval_int),
	    cmocka_unit_test(test_eval_scalars),
	    cmocka_unit_test(test_eval_string),
	    cmocka_unit_test(test_eval_iovecs),
	    cmocka_unit_test(test_eval_iov_count),
	    cmocka_unit_test(test_send_omit_free),
	    cmocka_unit_test(test_fds),
	    cmocka_unit_test(test_result_ok),
	    cmocka_unit_test(test_calls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
