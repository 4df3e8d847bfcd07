/* SPDX-License-Identifier: GPL-2.0-only */
/* sockdiag: looks up TCP sockets in the kernel's socket table (NETLINK_SOCK_DIAG). */
#include "netdev/sockdiag.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <string.h>

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netlink/msg.h>

#include "netdev/nlsock.h"
#include "netdev/tcp_states.h"

/* What one dump looks for, and what it found. */
struct sockdiag_query {
	bool listener;		      /* match a listener on lport; else the 4-tuple */
	struct ip_addr local, remote; /* normalized: v4-mapped become AF_INET */
	uint16_t lport, rport;	      /* host order */
	int state;		      /* best match so far, TCP_CLOSE if none */
};

static const uint8_t v4_mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

/* Builds a normalized address from family + 16 raw bytes (v4 in the first 4). */
static void sockdiag_addr(struct ip_addr *a, int family, const void *bytes)
{
	memset(a, 0, sizeof(*a));
	a->family = family;
	memcpy(a->bytes, bytes, family == AF_INET ? 4 : 16);
	if (family == AF_INET6 && !memcmp(a->bytes, v4_mapped_prefix, 12)) {
		a->family = AF_INET;
		memmove(a->bytes, a->bytes + 12, 4);
		memset(a->bytes + 4, 0, 12);
	}
}

static bool sockdiag_addr_equal(const struct ip_addr *a, const struct ip_addr *b)
{
	return a->family == b->family && !memcmp(a->bytes, b->bytes, 16);
}

static int sockdiag_state_of(const struct inet_diag_msg *m)
{
	return m->idiag_state == TCP_STATE_NEW_SYN_RECV ? TCP_SYN_RECV : m->idiag_state;
}

static bool sockdiag_matches(const struct sockdiag_query *q, const struct inet_diag_msg *m)
{
	struct ip_addr local, remote;

	if (ntohs(m->id.idiag_sport) != q->lport)
		return false;
	if (q->listener)
		return m->idiag_state == TCP_LISTEN;
	if (ntohs(m->id.idiag_dport) != q->rport)
		return false;
	sockdiag_addr(&local, m->idiag_family, m->id.idiag_src);
	sockdiag_addr(&remote, m->idiag_family, m->id.idiag_dst);
	return sockdiag_addr_equal(&local, &q->local) && sockdiag_addr_equal(&remote, &q->remote);
}

static int sockdiag_on_msg(struct nl_msg *msg, void *arg)
{
	struct sockdiag_query *q = arg;
	struct nlmsghdr *h = nlmsg_hdr(msg);
	const struct inet_diag_msg *m = nlmsg_data(h);

	if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY || nlmsg_datalen(h) < (int)sizeof(*m))
		return NL_SKIP;
	if (m->idiag_family != AF_INET && m->idiag_family != AF_INET6)
		return NL_SKIP;
	if (sockdiag_matches(q, m) && (q->state == TCP_CLOSE || q->state == TCP_TIME_WAIT))
		q->state = sockdiag_state_of(m);
	return NL_OK;
}

/* Sends one request (flags: NLM_F_DUMP or 0) and feeds each answer to
 * sockdiag_on_msg. Returns a libnl code. */
static int sockdiag_request(struct nlsock *ns, int flags, struct inet_diag_req_v2 *req,
			    struct sockdiag_query *q)
{
	struct nl_msg *msg = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY, flags);
	int rc;

	if (!msg)
		return -NLE_NOMEM;
	req->sdiag_protocol = IPPROTO_TCP;
	req->id.idiag_cookie[0] = req->id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	rc = nlmsg_append(msg, req, sizeof(*req), NLMSG_ALIGNTO);
	if (rc == 0)
		rc = nl_send_auto(ns->sk, msg);
	nlmsg_free(msg);
	if (rc < 0)
		return rc;
	nl_socket_modify_cb(ns->sk, NL_CB_VALID, NL_CB_CUSTOM, sockdiag_on_msg, q);
	return nl_recvmsgs_default(ns->sk);
}

/* Dumps the family's TCP sockets through sockdiag_on_msg. Returns a libnl code. */
static int sockdiag_dump(struct nlsock *ns, int family, struct sockdiag_query *q)
{
	struct inet_diag_req_v2 req = {
	    .sdiag_family = (uint8_t)family,
	    /* Every state, including request and time-wait sockets. */
	    .idiag_states = q->listener ? 1u << TCP_LISTEN : ~0u,
	};

	return sockdiag_request(ns, NLM_F_DUMP, &req, q);
}

/* Asks for the one socket with the query's 4-tuple (a request without
 * NLM_F_DUMP): the kernel looks it up in its hash tables, where a dump walks
 * every bucket of the established table (262144 buckets here: 3 ms per
 * query, after each event with --trace-states or --diagram). The lookup
 * falls back to a listener on the local port, which sockdiag_matches()
 * rejects (its peer port is 0). Returns a libnl code; ENOENT if none. */
static int sockdiag_lookup(struct nlsock *ns, struct sockdiag_query *q)
{
	struct inet_diag_req_v2 req = {
	    .sdiag_family = (uint8_t)q->local.family,
	    .idiag_states = ~0u,
	    .id.idiag_sport = htons(q->lport),
	    .id.idiag_dport = htons(q->rport),
	};

	memcpy(req.id.idiag_src, q->local.bytes, q->local.family == AF_INET ? 4 : 16);
	memcpy(req.id.idiag_dst, q->remote.bytes, q->remote.family == AF_INET ? 4 : 16);
	return sockdiag_request(ns, 0, &req, q);
}

/* Runs the query over the IPv4 table (if v4) and the IPv6 one (if v6). */
static int sockdiag_exchange(struct sockdiag_query *q, bool v4, bool v6, struct strbuf *err)
{
	struct nlsock ns;
	int rc = nlsock_open(&ns, NETLINK_SOCK_DIAG);

	q->state = TCP_CLOSE;
	if (rc == 0) {
		nl_socket_disable_auto_ack(ns.sk);
		if (v4)
			rc = nlsock_result(&ns, sockdiag_dump(&ns, AF_INET, q));
		if (rc == 0 && v6 && q->state == TCP_CLOSE)
			rc = nlsock_result(&ns, sockdiag_dump(&ns, AF_INET6, q));
	}
	if (rc < 0) {
		strbuf_printf(err, "cannot query the kernel's TCP sockets: ");
		nlsock_explain(&ns, rc, err);
	}
	nlsock_close(&ns);
	return rc;
}

/* The 4-tuple by lookup; only if the kernel cannot look up (an error other
 * than "no such socket"), by dumps of the IPv4 and IPv6 tables. */
static int sockdiag_exchange_tuple(struct sockdiag_query *q, struct strbuf *err)
{
	struct nlsock ns;
	int rc = nlsock_open(&ns, NETLINK_SOCK_DIAG);

	q->state = TCP_CLOSE;
	if (rc == 0) {
		nl_socket_disable_auto_ack(ns.sk);
		rc = nlsock_result(&ns, sockdiag_lookup(&ns, q));
		if (rc == -ENOENT)
			rc = 0;
	}
	if (rc < 0 && ns.sk) {
		nlsock_close(&ns);
		return sockdiag_exchange(q, q->local.family == AF_INET, true, err);
	}
	if (rc < 0) {
		strbuf_printf(err, "cannot query the kernel's TCP sockets: ");
		nlsock_explain(&ns, rc, err);
	}
	nlsock_close(&ns);
	return rc;
}

int sockdiag_tcp_state(int family, const struct ip_addr *local, uint16_t lport,
		       const struct ip_addr *remote, uint16_t rport, int *state, struct strbuf *err)
{
	struct sockdiag_query q = {.listener = false, .lport = lport, .rport = rport};
	int rc;

	*state = TCP_CLOSE;
	if ((family != AF_INET && family != AF_INET6) || local->family != family ||
	    remote->family != family) {
		strbuf_printf(err, "TCP socket lookup: address family mismatch");
		return -EINVAL;
	}
	sockdiag_addr(&q.local, family, local->bytes);
	sockdiag_addr(&q.remote, family, remote->bytes);
	/* IPv4 traffic may belong to an AF_INET6 (dual-stack) socket: the
	 * kernel's IPv4 lookup finds those too (they share its hash table). */
	rc = sockdiag_exchange_tuple(&q, err);
	*state = q.state;
	return rc;
}

int sockdiag_tcp_listener(int family, uint16_t lport, int *state, struct strbuf *err)
{
	struct sockdiag_query q = {.listener = true, .lport = lport};
	int rc = sockdiag_exchange(&q, family != AF_INET6, true, err);

	*state = q.state;
	return rc;
}
