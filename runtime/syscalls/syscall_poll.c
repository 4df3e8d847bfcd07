/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_poll: poll, epoll_create, epoll_ctl and epoll_wait, with the returned events checked. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "runtime/syscalls/eval.h"
#include "runtime/syscalls/symbols.h"
#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_fds.h"
#include "runtime/syscalls/syscall_handlers.h"
#include "parser/util/xalloc.h"

/* More would be a script error, not a test of the kernel. */
#define MAX_EPOLL_EVENTS 4096

/* ---- poll ---- */

static int pollfd_eval(struct sc_ctx *c, const struct expr *e, struct pollfd *p, int *revents)
{
	const struct expr *want = expr_field(e, "revents");
	struct fd_entry *s;
	int events;

	if (e->kind != EXPR_POLLFD)
		return eval_type_error(c, e, "pollfd");
	*revents = 0;
	if (eval_fd(c, expr_field(e, "fd"), &s) ||
	    eval_int32(c, expr_field(e, "events"), &events) ||
	    (want && eval_int32(c, want, revents)))
		return -1;
	p->fd = s->live_fd;
	p->events = (short)events;
	p->revents = 0;
	return 0;
}

static int pollfds_eval(struct sc_ctx *c, struct pollfd *pfds, int *revents)
{
	const struct expr *list = c->sc->args[0];

	for (size_t i = 0; i < list->n_items; i++)
		if (pollfd_eval(c, list->items[i], &pfds[i], &revents[i]))
			return -1;
	return 0;
}

static int revents_check(struct sc_ctx *c, const struct pollfd *pfds, const int *revents, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((short)revents[i] == pfds[i].revents)
			continue;
		struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
		symbols_poll_flags((uint16_t)revents[i], &want);
		symbols_poll_flags((uint16_t)pfds[i].revents, &got);
		strbuf_printf(&c->err, "Expected revents of %s but got %s for pollfd %zu",
			      strbuf_str(&want), strbuf_str(&got), i);
		strbuf_free(&want);
		strbuf_free(&got);
		return -1;
	}
	return 0;
}

/* poll([{fd=F, events=E, revents=R}, ...], nfds, timeout_ms): each revents
 * must come back as the script says (0 if it says nothing). */
int sc_poll(struct sc_ctx *c)
{
	const struct expr *list = c->sc->args[0];
	int nfds, timeout, rc = -1;

	if (list->kind != EXPR_LIST)
		return eval_type_error(c, list, "list");
	struct pollfd *pfds = xcalloc(list->n_items + 1, sizeof(*pfds));
	int *revents = xcalloc(list->n_items + 1, sizeof(*revents));
	if (pollfds_eval(c, pfds, revents) || eval_int32(c, c->sc->args[1], &nfds) ||
	    eval_int32(c, c->sc->args[2], &timeout))
		goto out;
	if (nfds < 0 || (size_t)nfds != list->n_items) {
		strbuf_printf(&c->err, "nfds %d does not match %zu-element pollfd array", nfds,
			      list->n_items);
		goto out;
	}
	SC_CALL(c, poll(pfds, (nfds_t)nfds, timeout));
	rc = sc_result_ok(c) ? revents_check(c, pfds, revents, list->n_items) : 0;
out:
	free(pfds);
	free(revents);
	return rc;
}

/* ---- epoll ---- */

int sc_epoll_create(struct sc_ctx *c)
{
	int size;

	if (eval_int32(c, c->sc->args[0], &size))
		return -1;
	SC_CALL(c, epoll_create(size));
	return sc_adopt_result_fd(c);
}

enum ep_key { EP_FD, EP_PTR, EP_U32, EP_U64 };
static const char *const ep_keys[] = {
    [EP_FD] = "fd", [EP_PTR] = "ptr", [EP_U32] = "u32", [EP_U64] = "u64"};

/* An epoll_event of the script: {events=E, fd=F|ptr=P|u32=U|u64=U}. */
struct ep_want {
	struct epoll_event ev; /* live: data.fd is F's live fd */
	enum ep_key key;
	int script_fd; /* EP_FD */
};

static int ep_data(struct sc_ctx *c, const struct expr *v, struct ep_want *w, int ctl_fd)
{
	int64_t n;
	uint32_t u32;
	struct fd_entry *s;

	if (w->key == EP_U32) {
		if (eval_u32(c, v, &u32))
			return -1;
		w->ev.data.u32 = u32;
		return 0;
	}
	if (w->key != EP_FD) {
		if (eval_int(c, v, &n))
			return -1;
		w->ev.data.u64 = (uint64_t)n;
		return 0;
	}
	if (eval_int32(c, v, &w->script_fd))
		return -1;
	if (ctl_fd >= 0 && w->script_fd != ctl_fd) {
		strbuf_printf(&c->err, "wrong fd specified in epoll_event");
		return -1;
	}
	if (eval_fd(c, v, &s))
		return -1;
	w->ev.data.fd = s->live_fd;
	return 0;
}

/* ctl_fd: epoll_ctl's fd argument, which "fd=" must repeat; -1 for epoll_wait. */
static int ep_eval(struct sc_ctx *c, const struct expr *e, struct ep_want *w, int ctl_fd)
{
	uint32_t events;

	memset(w, 0, sizeof(*w));
	if (e->kind != EXPR_EPOLLEV)
		return eval_type_error(c, e, "epollev");
	if (eval_u32(c, expr_field(e, "events"), &events))
		return -1;
	w->ev.events = events;
	for (size_t k = 0; k < sizeof(ep_keys) / sizeof(ep_keys[0]); k++) {
		const struct expr *v = expr_field(e, ep_keys[k]);
		if (v) {
			w->key = (enum ep_key)k;
			return ep_data(c, v, w, ctl_fd);
		}
	}
	strbuf_printf(&c->err, "epoll_event has no fd, ptr, u32 or u64");
	return -1;
}

/* epoll_ctl(epfd, op, fd, {events=E, fd=F|ptr|u32|u64}); the event may be
 * NULL (0) for EPOLL_CTL_DEL. */
int sc_epoll_ctl(struct sc_ctx *c)
{
	const struct expr *arg = c->sc->args[3];
	struct fd_entry *ep, *s;
	struct ep_want w;
	int op, fd;
	bool is_null = (arg->kind == EXPR_INTEGER && arg->num == 0) ||
		       (arg->kind == EXPR_WORD && !strcmp(arg->text, "NULL"));

	if (eval_fd(c, c->sc->args[0], &ep) || eval_int32(c, c->sc->args[1], &op) ||
	    eval_int32(c, c->sc->args[2], &fd) || eval_fd(c, c->sc->args[2], &s))
		return -1;
	if (!is_null && ep_eval(c, arg, &w, fd))
		return -1;
	SC_CALL(c, epoll_ctl(ep->live_fd, op, s->live_fd, is_null ? NULL : &w.ev));
	return 0;
}

/* "actual" of a data.fd mismatch: the script's name for the live fd. */
static void ep_fd_mismatch(struct sc_ctx *c, const struct ep_want *w, int live_fd)
{
	const struct fd_entry *got = fd_table_by_live_fd(&c->run->fds, live_fd);

	strbuf_printf(&c->err, "epoll_event->data.fd does not match script: expected: %d actual: ",
		      w->script_fd);
	if (got)
		strbuf_printf(&c->err, "%d", got->script_fd);
	else
		strbuf_printf(&c->err, "live fd %d", live_fd);
}

/* Only the first returned event is compared, as upstream does. */
static int ep_check(struct sc_ctx *c, const struct ep_want *w, const struct epoll_event *got)
{
	const char *key = ep_keys[w->key];

	if (got->events != w->ev.events) {
		strbuf_printf(&c->err,
			      "epoll_event->events does not match script: "
			      "expected: 0x%x actual: 0x%x",
			      w->ev.events, got->events);
		return -1;
	}
	if (w->key == EP_FD && got->data.fd != w->ev.data.fd) {
		ep_fd_mismatch(c, w, got->data.fd);
		return -1;
	}
	if (w->key == EP_U32 && got->data.u32 != w->ev.data.u32) {
		strbuf_printf(&c->err,
			      "epoll_event->data.%s does not match script: expected: %u "
			      "actual: %u",
			      key, w->ev.data.u32, got->data.u32);
		return -1;
	}
	if ((w->key == EP_PTR || w->key == EP_U64) && got->data.u64 != w->ev.data.u64) {
		strbuf_printf(&c->err,
			      "epoll_event->data.%s does not match script: expected: "
			      "0x%llx actual: 0x%llx",
			      key, (unsigned long long)w->ev.data.u64,
			      (unsigned long long)got->data.u64);
		return -1;
	}
	return 0;
}

/* epoll_wait(epfd, {events=E, fd=F|ptr|u32|u64}, maxevents, timeout_ms) */
int sc_epoll_wait(struct sc_ctx *c)
{
	struct fd_entry *ep;
	struct ep_want w;
	int max, timeout;

	if (eval_fd(c, c->sc->args[0], &ep) || ep_eval(c, c->sc->args[1], &w, -1) ||
	    eval_int32(c, c->sc->args[2], &max) || eval_int32(c, c->sc->args[3], &timeout))
		return -1;
	if (max > MAX_EPOLL_EVENTS) {
		strbuf_printf(&c->err, "maxevents %d is more than %d", max, MAX_EPOLL_EVENTS);
		return -1;
	}
	struct epoll_event *evs = xcalloc(max > 0 ? (size_t)max : 1, sizeof(*evs));
	SC_CALL(c, epoll_wait(ep->live_fd, evs, max, timeout));
	int rc = sc_result_ok(c) && c->ret > 0 ? ep_check(c, &w, &evs[0]) : 0;
	free(evs);
	return rc;
}
