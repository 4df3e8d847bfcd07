/* SPDX-License-Identifier: GPL-2.0-only */
/* nlsock: a libnl socket that keeps the kernel's errno and extended-ACK text. */
#include "netdev/nlsock.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

/* Copies NLMSGERR_ATTR_MSG out of an error message, if the kernel added one.
 * Without NETLINK_CAP_ACK honoured, the TLVs follow a copy of the request. */
static void nlsock_save_ext_ack(struct nlsock *ns, const struct nlmsghdr *h,
				const struct nlmsgerr *e)
{
	size_t off = sizeof(*e), payload;
	const struct nlattr *msg;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS) || h->nlmsg_len < NLMSG_HDRLEN)
		return;
	payload = h->nlmsg_len - NLMSG_HDRLEN;
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	off = NLMSG_ALIGN(off);
	if (off >= payload)
		return;
	msg = nla_find((const struct nlattr *)((const char *)e + off), (int)(payload - off),
		       NLMSGERR_ATTR_MSG);
	if (msg)
		nla_strlcpy(ns->ext_ack, msg, sizeof(ns->ext_ack));
}

static int nlsock_on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlsock *ns = arg;
	const struct nlmsghdr *h = (const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);

	ns->error = -e->error;
	ns->ext_ack[0] = '\0';
	nlsock_save_ext_ack(ns, h, e);
	/* NL_STOP makes libnl return its own code for e->error; we keep ours. */
	return NL_STOP;
}

/* libnl folds errnos into its own codes; undo that for the common ones. */
static int nlsock_nlerr_to_errno(int nlerr)
{
	static const int map[] = {
	    [NLE_INTR] = EINTR,		  [NLE_BAD_SOCK] = EBADF,
	    [NLE_AGAIN] = EAGAIN,	  [NLE_NOMEM] = ENOMEM,
	    [NLE_EXIST] = EEXIST,	  [NLE_INVAL] = EINVAL,
	    [NLE_RANGE] = ERANGE,	  [NLE_MSGSIZE] = EMSGSIZE,
	    [NLE_OPNOTSUPP] = EOPNOTSUPP, [NLE_AF_NOSUPPORT] = EAFNOSUPPORT,
	    [NLE_OBJ_NOTFOUND] = ENOENT,  [NLE_NOADDR] = EADDRNOTAVAIL,
	    [NLE_BUSY] = EBUSY,		  [NLE_PROTO_MISMATCH] = EPROTONOSUPPORT,
	    [NLE_NOACCESS] = EACCES,	  [NLE_PERM] = EPERM,
	    [NLE_NODEV] = ENODEV,
	};
	int n = -nlerr;

	if (n > 0 && (size_t)n < sizeof(map) / sizeof(map[0]) && map[n])
		return map[n];
	return EIO;
}

int nlsock_open(struct nlsock *ns, int protocol)
{
	int one = 1;
	int rc;

	memset(ns, 0, sizeof(*ns));
	ns->sk = nl_socket_alloc();
	if (!ns->sk)
		return -ENOMEM;
	errno = 0;
	rc = nl_connect(ns->sk, protocol);
	if (rc < 0) {
		rc = errno ? -errno : -nlsock_nlerr_to_errno(rc);
		nl_socket_free(ns->sk);
		ns->sk = NULL;
		return rc;
	}
	/* Best effort: without them errors just lose their explanation. */
	setsockopt(nl_socket_get_fd(ns->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(ns->sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_modify_err_cb(ns->sk, NL_CB_CUSTOM, nlsock_on_error, ns);
	return 0;
}

void nlsock_close(struct nlsock *ns)
{
	if (ns->sk)
		nl_socket_free(ns->sk);
	ns->sk = NULL;
}

int nlsock_result(struct nlsock *ns, int nl_ret)
{
	if (nl_ret >= 0)
		return 0;
	ns->nlerr = nl_ret;
	if (ns->error)
		return -ns->error;
	return -nlsock_nlerr_to_errno(nl_ret);
}

void nlsock_explain(const struct nlsock *ns, int rc, struct strbuf *err)
{
	if (!ns->error && ns->nlerr) {
		strbuf_printf(err, "%s", nl_geterror(ns->nlerr));
		return;
	}
	strbuf_printf(err, "%s", strerror(-rc));
	if (ns->ext_ack[0])
		strbuf_printf(err, " (%s)", ns->ext_ack);
}
