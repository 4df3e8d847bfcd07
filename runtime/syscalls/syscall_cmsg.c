/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_cmsg: sendmsg/recvmsg control messages — built from the script, checked after recvmsg. */
#include "runtime/syscalls/syscall_cmsg.h"

#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/errqueue.h>
#include <linux/netlink.h>

#include "runtime/context/clock.h"
#include "runtime/syscalls/eval.h"
#include "runtime/syscalls/symbols.h"
#include "parser/util/xalloc.h"

/* Room for the kernel's SCM_TIMESTAMPING_OPT_STATS attributes (about 250
 * bytes on Linux 6.x); the script lists only those it checks. */
#define OPT_STATS_ROOM 1024

/* The TCP_NLA attributes that hold times (usecs), compared within
 * --tolerance_usecs; the others are counters, compared exactly. */
#define NLA_BUSY 1
#define NLA_SNDBUF_LIMITED 3

/* How one form of cmsg_data is sized, written for sendmsg and checked after
 * recvmsg. size 0: the length is the kernel's (not checked). */
struct cmsg_form {
	size_t (*size)(int level);
	int (*fill)(struct sc_ctx *c, const struct expr *data, int level, void *out);
	int (*check)(struct sc_ctx *c, const struct expr *data, const struct cmsghdr *live, int i);
};

/* ---- cmsg_data = N: a 4-byte int ---- */

static size_t int_size(int level)
{
	return sizeof(int);
}

static int int_fill(struct sc_ctx *c, const struct expr *data, int level, void *out)
{
	int v;

	if (eval_int32(c, data, &v))
		return -1;
	memcpy(out, &v, sizeof(v));
	return 0;
}

static int int_check(struct sc_ctx *c, const struct expr *data, const struct cmsghdr *live, int i)
{
	int want, got;

	if (eval_int32(c, data, &want))
		return -1;
	memcpy(&got, CMSG_DATA(live), sizeof(got));
	if (want == got)
		return 0;
	strbuf_printf(&c->err, "Bad data in cmsg %d: expected=%d actual=%d", i, want, got);
	return -1;
}

/* ---- cmsg_data = {scm_sec=S, scm_nsec=N}: struct scm_timestamping ---- */

static size_t ts_size(int level)
{
	return sizeof(struct scm_timestamping);
}

static int ts_eval(struct sc_ctx *c, const struct expr *data, struct timespec *ts)
{
	int64_t sec, nsec;

	if (eval_int(c, expr_field(data, "scm_sec"), &sec) ||
	    eval_int(c, expr_field(data, "scm_nsec"), &nsec))
		return -1;
	ts->tv_sec = (time_t)sec;
	ts->tv_nsec = (long)nsec;
	return 0;
}

static int ts_fill(struct sc_ctx *c, const struct expr *data, int level, void *out)
{
	struct scm_timestamping sts = {0};

	if (ts_eval(c, data, &sts.ts[0]))
		return -1;
	memcpy(out, &sts, sizeof(sts));
	return 0;
}

/* A kernel software timestamp (CLOCK_REALTIME) as script time (usecs). */
static int64_t live_script_usecs(const struct run *r, const struct timespec *ts)
{
	struct timespec real;

	clock_gettime(CLOCK_REALTIME, &real);
	int64_t real_minus_mono = clock_ts_to_usecs(&real) - clock_now_usecs();
	return clock_ts_to_usecs(ts) - real_minus_mono - r->live_start;
}

/* The script can only set ts[0] (the software timestamp); a zero time is
 * not checked. */
static int ts_check(struct sc_ctx *c, const struct expr *data, const struct cmsghdr *live, int i)
{
	struct scm_timestamping got;
	struct timespec want;

	if (ts_eval(c, data, &want))
		return -1;
	int64_t want_usecs = clock_ts_to_usecs(&want);
	if (!want_usecs)
		return 0;
	memcpy(&got, CMSG_DATA(live), sizeof(got));
	int64_t got_usecs = live_script_usecs(c->run, &got.ts[0]);
	int64_t tol = c->run->cfg->tolerance_usecs;
	if (llabs(got_usecs - want_usecs) <= tol)
		return 0;
	strbuf_printf(&c->err,
		      "Bad timestamp 0 in scm_timestamping %d: expected=%.6f actual=%.6f "
		      "tolerance=%.6f",
		      i, want_usecs / 1e6, got_usecs / 1e6, tol / 1e6);
	return -1;
}

/* ---- cmsg_data = {ee_errno=..., ...}: struct sock_extended_err ---- */

static const struct ee_field {
	const char *key, *what;
	size_t off, width;
} ee_fields[] = {
    {"ee_errno", "errno", offsetof(struct sock_extended_err, ee_errno), 4},
    {"ee_origin", "origin", offsetof(struct sock_extended_err, ee_origin), 1},
    {"ee_type", "type", offsetof(struct sock_extended_err, ee_type), 1},
    {"ee_code", "code", offsetof(struct sock_extended_err, ee_code), 1},
    {"ee_info", "info", offsetof(struct sock_extended_err, ee_info), 4},
    {"ee_data", "data", offsetof(struct sock_extended_err, ee_data), 4},
};
#define N_EE_FIELDS (sizeof(ee_fields) / sizeof(ee_fields[0]))

/* Followed by the offender's address: a sockaddr_in for SOL_IP, else a
 * sockaddr_in6, as the kernel sends it. */
static size_t ee_size(int level)
{
	return sizeof(struct sock_extended_err) +
	       (level == SOL_IP ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6));
}

static uint32_t ee_get(const void *ee, const struct ee_field *f)
{
	const uint8_t *p = (const uint8_t *)ee + f->off;
	uint32_t v;

	if (f->width == 1)
		return *p;
	memcpy(&v, p, sizeof(v));
	return v;
}

static int ee_fill(struct sc_ctx *c, const struct expr *data, int level, void *out)
{
	for (size_t k = 0; k < N_EE_FIELDS; k++) {
		uint32_t v;
		uint8_t *p = (uint8_t *)out + ee_fields[k].off;
		if (eval_u32(c, expr_field(data, ee_fields[k].key), &v))
			return -1;
		if (ee_fields[k].width == 1)
			*p = (uint8_t)v;
		else
			memcpy(p, &v, sizeof(v));
	}
	return 0;
}

static int ee_check(struct sc_ctx *c, const struct expr *data, const struct cmsghdr *live, int i)
{
	for (size_t k = 0; k < N_EE_FIELDS; k++) {
		uint32_t want, got = ee_get(CMSG_DATA(live), &ee_fields[k]);
		if (eval_u32(c, expr_field(data, ee_fields[k].key), &want))
			return -1;
		if (ee_fields[k].width == 1)
			want &= 0xff;
		if (want != got) {
			strbuf_printf(&c->err, "Bad %s in extended err %d: expected=%u actual=%u",
				      ee_fields[k].what, i, want, got);
			return -1;
		}
	}
	return 0;
}

/* ---- cmsg_data = [TCP_NLA_X=v, ...]: SCM_TIMESTAMPING_OPT_STATS ---- */

static size_t nla_size(int level)
{
	return 0;
}

static int nla_fill(struct sc_ctx *c, const struct expr *data, int level, void *out)
{
	strbuf_printf(&c->err, "TCP_NLA attribute lists can only be received, not sent");
	return -1;
}

/* The live attribute of the given type in the cmsg's data, or NULL. */
static const struct nlattr *nla_find(const struct cmsghdr *live, int type)
{
	const uint8_t *p = CMSG_DATA(live), *end = (const uint8_t *)live + live->cmsg_len;

	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)p;
		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			return NULL;
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		p += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}

static uint64_t nla_value(const struct nlattr *a)
{
	const uint8_t *p = (const uint8_t *)a + NLA_HDRLEN;
	size_t len = a->nla_len - NLA_HDRLEN;
	uint64_t v64 = 0;
	uint32_t v32 = 0;
	uint16_t v16 = 0;

	if (len >= 8) {
		memcpy(&v64, p, 8);
		return v64;
	}
	if (len >= 4) {
		memcpy(&v32, p, 4);
		return v32;
	}
	if (len >= 2) {
		memcpy(&v16, p, 2);
		return v16;
	}
	return len ? *p : 0;
}

/* One "TCP_NLA_X=v" of the script: v "..." is not checked. */
static int nla_check_one(struct sc_ctx *c, const struct expr *kv, const struct cmsghdr *live, int i)
{
	int64_t type, want;

	if (kv->kind != EXPR_KEYVAL)
		return eval_type_error(c, kv, "keyval");
	if (!symbols_lookup(kv->text, &type)) {
		strbuf_printf(&c->err, "unknown symbol: '%s'", kv->text);
		return -1;
	}
	if (kv->rhs->kind == EXPR_ELLIPSIS)
		return 0;
	if (eval_int(c, kv->rhs, &want))
		return -1;
	const struct nlattr *a = nla_find(live, (int)type);
	if (!a) {
		strbuf_printf(&c->err, "%s not found in cmsg %d", kv->text, i);
		return -1;
	}
	int64_t got = (int64_t)nla_value(a);
	bool is_time = type >= NLA_BUSY && type <= NLA_SNDBUF_LIMITED;
	if (got == want || (is_time && llabs(got - want) <= c->run->cfg->tolerance_usecs))
		return 0;
	strbuf_printf(&c->err, "Bad %s in cmsg %d: expected=%lld actual=%lld", kv->text, i,
		      (long long)want, (long long)got);
	return -1;
}

static int nla_check(struct sc_ctx *c, const struct expr *data, const struct cmsghdr *live, int i)
{
	for (size_t k = 0; k < data->n_items; k++)
		if (nla_check_one(c, data->items[k], live, i))
			return -1;
	return 0;
}

/* ---- the script's cmsg structs ---- */

static const struct cmsg_form int_form = {int_size, int_fill, int_check};
static const struct cmsg_form ts_form = {ts_size, ts_fill, ts_check};
static const struct cmsg_form ee_form = {ee_size, ee_fill, ee_check};
static const struct cmsg_form nla_form = {nla_size, nla_fill, nla_check};

/* Forms by the expression kind of cmsg_data. */
static const struct cmsg_form *const forms[] = {
    [EXPR_INTEGER] = &int_form,		 [EXPR_WORD] = &int_form,
    [EXPR_BINARY] = &int_form,		 [EXPR_SCM_TIMESTAMPING] = &ts_form,
    [EXPR_SOCK_EXTENDED_ERR] = &ee_form, [EXPR_LIST] = &nla_form,
};

/* One script cmsg, evaluated. */
struct want {
	int level, type;
	const struct expr *data;
	const struct cmsg_form *form;
	size_t size; /* data bytes (for recvmsg: the room to give the kernel) */
};

static int want_eval(struct sc_ctx *c, const struct expr *e, struct want *w)
{
	if (e->kind != EXPR_CMSG)
		return eval_type_error(c, e, "cmsg");
	if (eval_int32(c, expr_field(e, "cmsg_level"), &w->level) ||
	    eval_int32(c, expr_field(e, "cmsg_type"), &w->type))
		return -1;
	w->data = expr_field(e, "cmsg_data");
	w->form =
	    (size_t)w->data->kind < sizeof(forms) / sizeof(forms[0]) ? forms[w->data->kind] : NULL;
	if (!w->form) {
		strbuf_printf(&c->err, "unsupported cmsg_data type %s",
			      expr_kind_name(w->data->kind));
		return -1;
	}
	w->size = w->form->size(w->level);
	if (!w->size)
		w->size = OPT_STATS_ROOM;
	return 0;
}

static int space_needed(struct sc_ctx *c, const struct expr *list, size_t *len)
{
	struct want w;

	if (list->kind != EXPR_LIST)
		return eval_type_error(c, list, "list");
	*len = 0;
	for (size_t i = 0; i < list->n_items; i++) {
		if (want_eval(c, list->items[i], &w))
			return -1;
		*len += CMSG_SPACE(w.size);
	}
	return 0;
}

static int fill_all(struct sc_ctx *c, const struct expr *list, uint8_t *buf)
{
	struct want w;

	for (size_t i = 0; i < list->n_items; i++) {
		struct cmsghdr *h = (struct cmsghdr *)buf;
		if (want_eval(c, list->items[i], &w) ||
		    w.form->fill(c, w.data, w.level, CMSG_DATA(h)))
			return -1;
		h->cmsg_level = w.level;
		h->cmsg_type = w.type;
		h->cmsg_len = CMSG_LEN(w.size);
		buf += CMSG_SPACE(w.size);
	}
	return 0;
}

int cmsg_build(struct sc_ctx *c, const struct expr *list, bool send, void **buf, size_t *len)
{
	*buf = NULL;
	if (space_needed(c, list, len))
		return -1;
	if (!*len)
		return 0;
	*buf = xcalloc(1, *len);
	if (send && fill_all(c, list, *buf)) {
		free(*buf);
		*buf = NULL;
		return -1;
	}
	return 0;
}

static int check_one(struct sc_ctx *c, const struct expr *e, const struct cmsghdr *live, int i)
{
	struct want w;

	if (want_eval(c, e, &w))
		return -1;
	if (live->cmsg_level != w.level) {
		strbuf_printf(&c->err, "Bad level in cmsg %d: expected=%d actual=%d", i, w.level,
			      live->cmsg_level);
		return -1;
	}
	if (live->cmsg_type != w.type) {
		strbuf_printf(&c->err, "Bad type in cmsg %d: expected=%d actual=%d", i, w.type,
			      live->cmsg_type);
		return -1;
	}
	if (w.form->size(w.level) && live->cmsg_len != CMSG_LEN(w.size)) {
		strbuf_printf(&c->err, "Bad len in cmsg %d: expected=%zu actual=%zu", i,
			      (size_t)CMSG_LEN(w.size), (size_t)live->cmsg_len);
		return -1;
	}
	return w.form->check(c, w.data, live, i);
}

int cmsg_check(struct sc_ctx *c, const struct expr *list, const struct msghdr *m)
{
	struct msghdr *mm = (struct msghdr *)m; /* CMSG_NXTHDR takes no const */
	struct cmsghdr *live = CMSG_FIRSTHDR(mm);
	size_t i;

	for (i = 0; i < list->n_items; i++) {
		if (!live) {
			strbuf_printf(&c->err, "received only %zu cmsgs", i);
			return -1;
		}
		if (check_one(c, list->items[i], live, (int)i))
			return -1;
		live = CMSG_NXTHDR(mm, live);
	}
	if (live) {
		strbuf_printf(&c->err, "received more than %zu cmsgs", i);
		return -1;
	}
	return 0;
}
