/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_cap: cap_set(flag, cap, op) — one capability of the interpreter, via capget/capset. */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>

#include "runtime/syscalls/syscall.h"
#include "runtime/syscalls/syscall_handlers.h"

/* The script's flag values (CAP_EFFECTIVE, CAP_PERMITTED, CAP_INHERITABLE
 * and CAP_SET/CAP_CLEAR are libcap's numbers, spec Appendix A). */
enum { CAP_FLAG_EFFECTIVE, CAP_FLAG_PERMITTED, CAP_FLAG_INHERITABLE };
enum { CAP_OP_CLEAR, CAP_OP_SET };

static __u32 *cap_word(struct __user_cap_data_struct *d, int flag)
{
	switch (flag) {
	case CAP_FLAG_EFFECTIVE:
		return &d->effective;
	case CAP_FLAG_PERMITTED:
		return &d->permitted;
	default:
		return &d->inheritable;
	}
}

/* Changes one bit of the calling thread's capability sets. Returns 0, or -1
 * with errno set by capget/capset. */
static int cap_change(int flag, int cap, int op)
{
	struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	__u32 *word = cap_word(&data[cap / 32], flag);
	__u32 bit = 1u << (cap % 32);
	*word = op == CAP_OP_SET ? *word | bit : *word & ~bit;
	return (int)syscall(SYS_capset, &hdr, data);
}

/* Capabilities belong to a thread: a change made here is not seen by the
 * blocking-call thread, nor the other way round (as with upstream's libcap). */
int sc_cap_set(struct sc_ctx *c)
{
	int flag, cap, op;

	if (eval_int32(c, c->sc->args[0], &flag) || eval_int32(c, c->sc->args[1], &cap) ||
	    eval_int32(c, c->sc->args[2], &op))
		return -1;
	if (flag < CAP_FLAG_EFFECTIVE || flag > CAP_FLAG_INHERITABLE) {
		strbuf_printf(&c->err,
			      "cap_set flag %d is not CAP_EFFECTIVE, CAP_PERMITTED or "
			      "CAP_INHERITABLE",
			      flag);
		return -1;
	}
	if (cap < 0 || cap >= 32 * _LINUX_CAPABILITY_U32S_3) {
		strbuf_printf(&c->err, "cap_set capability %d out of range", cap);
		return -1;
	}
	if (op != CAP_OP_CLEAR && op != CAP_OP_SET) {
		strbuf_printf(&c->err, "cap_set operation %d is not CAP_SET or CAP_CLEAR", op);
		return -1;
	}
	SC_CALL(c, cap_change(flag, cap, op));
	return 0;
}
