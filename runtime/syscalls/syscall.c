/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall: running one system-call event — argument evaluation, the call, the result check. */
#include "runtime/syscalls/syscall.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "runtime/context/clock.h"
#include "runtime/context/worker.h"
#include "runtime/syscalls/symbols.h"

void sc_enter(struct sc_ctx *c)
{
	if (c->on_worker) {
		worker_note_in_call(c->run, true);
		run_unlock(c->run);
	}
}

long sc_leave(struct sc_ctx *c, long ret, int err_no)
{
	if (c->on_worker) {
		run_lock(c->run);
		worker_note_in_call(c->run, false);
	}
	c->ret = ret;
	c->err_no = err_no;
	errno = err_no;
	return ret;
}

socklen_t sc_sockaddr(const struct run *r, int domain, bool remote, struct sockaddr_storage *ss)
{
	const struct config *cfg = r->cfg;
	const struct ip_addr *a = remote ? &cfg->live_remote : &cfg->live_local;
	uint16_t port = htons(remote ? cfg->connect_port : cfg->bind_port);

	memset(ss, 0, sizeof(*ss));
	if (domain == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;
		sin->sin_family = AF_INET;
		sin->sin_port = port;
		sin->sin_addr = a->v4;
		return sizeof(*sin);
	}
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = port;
	if (a->family == AF_INET6) {
		sin6->sin6_addr = a->v6;
	} else {
		/* ipv4-mapped-ipv6 mode: ::ffff:a.b.c.d */
		sin6->sin6_addr.s6_addr[10] = 0xff;
		sin6->sin6_addr.s6_addr[11] = 0xff;
		memcpy(&sin6->sin6_addr.s6_addr[12], &a->v4, 4);
	}
	return sizeof(*sin6);
}

static const char *errno_text(int e)
{
	return e ? strerror(e) : "Success";
}

/* "-1 EINVAL (Invalid argument)", "3": a result as a script writes it. */
static void append_result(struct strbuf *sb, long ret, int err_no)
{
	const char *name = err_no ? symbols_errno_name(err_no) : NULL;

	strbuf_printf(sb, "%ld", ret);
	if (err_no)
		strbuf_printf(sb, " %s (%s)", name ? name : "E?", errno_text(err_no));
}

/* Under upstream's one-line message: the expected and the actual result with
 * errno names, one above the other. */
static void explain_result(struct sc_ctx *c, int want_errno)
{
	strbuf_printf(&c->err, "\nexpected: ");
	append_result(&c->err, (long)c->expected, want_errno);
	strbuf_printf(&c->err, "\nactual:   ");
	append_result(&c->err, c->ret, c->ret < 0 || want_errno ? c->err_no : 0);
}

static int check_result(struct sc_ctx *c, const struct syscall_desc *d)
{
	int want_errno = 0;

	if (c->sc->errno_name)
		symbols_errno_value(c->sc->errno_name, &want_errno);
	if (d->returns_fd && c->expected >= 0) {
		if (c->ret < 0) {
			strbuf_printf(&c->err,
				      "Expected non-negative result but got %ld with errno %d (%s)",
				      c->ret, c->err_no, errno_text(c->err_no));
			explain_result(c, want_errno);
			return -1;
		}
	} else if (c->ret != c->expected) {
		strbuf_printf(&c->err, "Expected result %lld but got %ld with errno %d (%s)",
			      (long long)c->expected, c->ret, c->err_no, errno_text(c->err_no));
		explain_result(c, want_errno);
		return -1;
	}
	if (!c->sc->errno_name)
		return 0;
	int want;
	if (!symbols_errno_value(c->sc->errno_name, &want)) {
		strbuf_printf(&c->err, "unknown errno symbol: '%s'", c->sc->errno_name);
		return -1;
	}
	if (want != c->err_no) {
		strbuf_printf(&c->err, "Expected errno %d (%s) but got %d (%s)", want,
			      errno_text(want), c->err_no, errno_text(c->err_no));
		explain_result(c, want);
		return -1;
	}
	return 0;
}

static int check_arity(struct sc_ctx *c, const struct syscall_desc *d)
{
	int n = (int)c->sc->n_args;

	if (n >= d->min_args && n <= d->max_args)
		return 0;
	if (d->min_args != d->max_args)
		strbuf_printf(&c->err, "%s expected %d-%d args but got %d", d->name, d->min_args,
			      d->max_args, n);
	else
		strbuf_printf(&c->err, "Expected %d args but got %d", d->min_args, n);
	return -1;
}

static int call_handler(struct sc_ctx *c)
{
	const struct syscall_desc *d = syscall_find(c->sc->name);

	if (!d) {
		strbuf_printf(&c->err, "Unknown system call: '%s'", c->sc->name);
		return -1;
	}
	if (!d->handler) {
		strbuf_printf(&c->err, "system call '%s' is not supported yet", d->name);
		return -1;
	}
	if (d->symbolic_result) {
		if (eval_int(c, c->sc->result, &c->expected))
			return -1;
	} else if (c->sc->result->kind != EXPR_INTEGER) {
		return eval_type_error(c, c->sc->result, "integer");
	} else {
		c->expected = c->sc->result->num;
	}
	if (check_arity(c, d) || d->handler(c))
		return -1;
	return check_result(c, d);
}

/* After a blocking call returns: did it return when the script said? */
static int check_return_time(struct sc_ctx *c)
{
	struct run *r = c->run;

	return timing_check(r->cfg, "system call return", &r->blk_end, run_now(r), true,
			    r->blk_start, &c->err);
}

int syscall_exec(struct run *r, const struct event *ev, bool on_worker)
{
	struct sc_ctx c = {.run = r, .ev = ev, .sc = ev->syscall, .on_worker = on_worker};
	int rc = call_handler(&c);

	if (rc)
		run_error(r, ev, "runtime error in %s call: %s", ev->syscall->name,
			  strbuf_str(&c.err));
	else if (on_worker && !r->blocked_at_end && check_return_time(&c)) {
		run_timing_error(r, ev,
				 timing_miss(r->cfg, &r->blk_end, run_now(r), true, r->blk_start),
				 true, "%s", strbuf_str(&c.err));
		rc = -1;
	}
	strbuf_free(&c.err);
	return rc;
}
