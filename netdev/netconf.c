/* SPDX-License-Identifier: GPL-2.0-only */
/* netconf: link, address and route configuration over rtnetlink (libnl-route). */
#include "netdev/netconf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <unistd.h>

#include <linux/if_addr.h>
#include <netlink/addr.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>

#include "netdev/nlsock.h"

/* A fresh socket per call: it must live in whatever namespace the caller is in
 * now (callers unshare() after start-up), and opening one costs ~10 us. */

static void describe_link(int ifindex, struct strbuf *out)
{
	char name[IF_NAMESIZE];

	if (if_indextoname((unsigned int)ifindex, name))
		strbuf_printf(out, "%s", name);
	else
		strbuf_printf(out, "ifindex %d", ifindex);
}

static void describe_prefix(const struct ip_addr *a, int prefixlen, struct strbuf *out)
{
	char text[INET6_ADDRSTRLEN];

	if (!inet_ntop(a->family, a->bytes, text, sizeof(text)))
		snprintf(text, sizeof(text), "(family %d)", a->family);
	strbuf_printf(out, "%s", text);
	if (prefixlen >= 0)
		strbuf_printf(out, "/%d", prefixlen);
}

/* Builds a libnl address; the caller puts it. Returns 0 or a libnl error. */
static int nl_addr_from(const struct ip_addr *a, int prefixlen, struct nl_addr **out)
{
	size_t n = a->family == AF_INET ? 4 : 16;

	*out = NULL;
	if (a->family != AF_INET && a->family != AF_INET6)
		return -NLE_AF_NOSUPPORT;
	*out = nl_addr_build(a->family, a->bytes, n);
	if (!*out)
		return -NLE_NOMEM;
	if (prefixlen >= 0)
		nl_addr_set_prefixlen(*out, (int)prefixlen);
	return 0;
}

static int link_up(struct nl_sock *sk, int ifindex, int mtu)
{
	struct rtnl_link *orig = rtnl_link_alloc();
	struct rtnl_link *change = rtnl_link_alloc();
	int rc = -NLE_NOMEM;

	if (orig && change) {
		rtnl_link_set_ifindex(orig, ifindex);
		rtnl_link_set_flags(change, IFF_UP);
		if (mtu > 0)
			rtnl_link_set_mtu(change, (unsigned int)mtu);
		rc = rtnl_link_change(sk, orig, change, 0);
	}
	rtnl_link_put(change);
	rtnl_link_put(orig);
	return rc;
}

int netconf_link_up(int ifindex, int mtu, struct strbuf *err)
{
	struct nlsock ns;
	int rc = nlsock_open(&ns, NETLINK_ROUTE);

	if (rc == 0)
		rc = nlsock_result(&ns, link_up(ns.sk, ifindex, mtu));
	if (rc < 0) {
		strbuf_printf(err, "cannot bring up link ");
		describe_link(ifindex, err);
		if (mtu > 0)
			strbuf_printf(err, " with mtu %d", mtu);
		strbuf_printf(err, ": ");
		nlsock_explain(&ns, rc, err);
	}
	nlsock_close(&ns);
	return rc;
}

static int addr_add(struct nl_sock *sk, int ifindex, const struct ip_addr *a, int prefixlen)
{
	struct rtnl_addr *ra = rtnl_addr_alloc();
	struct nl_addr *local = NULL;
	int rc = ra ? nl_addr_from(a, prefixlen, &local) : -NLE_NOMEM;

	if (rc == 0) {
		rtnl_addr_set_ifindex(ra, ifindex);
		rc = rtnl_addr_set_local(ra, local);
	}
	if (rc == 0) {
		rtnl_addr_set_prefixlen(ra, prefixlen);
		/* Skip duplicate address detection: scripts use the address at once. */
		if (a->family == AF_INET6)
			rtnl_addr_set_flags(ra, IFA_F_NODAD);
		rc = rtnl_addr_add(sk, ra, 0);
	}
	nl_addr_put(local);
	rtnl_addr_put(ra);
	return rc;
}

static int on_route(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	const struct rtmsg *r = nlmsg_data(h);

	if (h->nlmsg_type == RTM_NEWROUTE && nlmsg_datalen(h) >= (int)sizeof(*r))
		*(bool *)arg = r->rtm_type == RTN_LOCAL;
	return NL_OK;
}

/* Asks the kernel how it would route to a (RTM_GETROUTE) and sets *local if
 * a is one of its own addresses. Returns a libnl code. */
static int route_is_local(struct nl_sock *sk, const struct ip_addr *a, bool *local)
{
	struct rtmsg rtm = {.rtm_family = (unsigned char)a->family};
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_GETROUTE, 0);
	int len = a->family == AF_INET ? 4 : 16;
	int rc;

	if (!msg)
		return -NLE_NOMEM;
	rtm.rtm_dst_len = (unsigned char)(len * 8);
	*local = false;
	rc = nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO);
	if (rc == 0)
		rc = nla_put(msg, RTA_DST, len, a->bytes);
	if (rc == 0)
		rc = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (rc < 0)
		return rc;
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_route, local);
	return nl_recvmsgs_default(sk);
}

/* IPv6 installs the local route of a new address from a work queue, even
 * with IFA_F_NODAD, so for a moment after RTM_NEWADDR is acknowledged packets
 * to it are dropped (Ip6InAddrErrors). Wait until the route is there. */
static int addr_wait_usable(struct nlsock *ns, const struct ip_addr *a)
{
	bool local = false;
	int rc = 0;

	/* Replies, not ACKs: the loop below reads exactly one message each. */
	nl_socket_disable_auto_ack(ns->sk);
	for (int i = 0; i < 20000; i++) {
		rc = nlsock_result(ns, route_is_local(ns->sk, a, &local));
		if (rc < 0 || local)
			return rc;
		usleep(50);
	}
	ns->error = ETIMEDOUT;
	snprintf(ns->ext_ack, sizeof(ns->ext_ack), "no local route after 1 s");
	return -ETIMEDOUT;
}

int netconf_addr_add(int ifindex, const struct ip_addr *addr, int prefixlen, struct strbuf *err)
{
	struct nlsock ns;
	int rc = nlsock_open(&ns, NETLINK_ROUTE);

	if (rc == 0)
		rc = nlsock_result(&ns, addr_add(ns.sk, ifindex, addr, prefixlen));
	if (rc == -EEXIST)
		rc = 0;
	if (rc == 0 && addr->family == AF_INET6)
		rc = addr_wait_usable(&ns, addr);
	if (rc < 0) {
		strbuf_printf(err, "cannot add address ");
		describe_prefix(addr, prefixlen, err);
		strbuf_printf(err, " to ");
		describe_link(ifindex, err);
		strbuf_printf(err, ": ");
		nlsock_explain(&ns, rc, err);
	}
	nlsock_close(&ns);
	return rc;
}

/* Adds the one nexthop (device, optional gateway) to route. */
static int route_set_nexthop(struct rtnl_route *route, int ifindex, const struct ip_addr *gateway)
{
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	struct nl_addr *gw = NULL;
	int rc = 0;

	if (!nh)
		return -NLE_NOMEM;
	rtnl_route_nh_set_ifindex(nh, ifindex);
	if (gateway)
		rc = nl_addr_from(gateway, -1, &gw);
	if (gw)
		rtnl_route_nh_set_gateway(nh, gw);
	nl_addr_put(gw);
	/* The route owns the nexthop from here on, even if rc says to give up. */
	rtnl_route_add_nexthop(route, nh);
	return rc;
}

static int route_replace(struct nl_sock *sk, int ifindex, const struct ip_addr *dst, int prefixlen,
			 const struct ip_addr *gateway)
{
	struct rtnl_route *route = rtnl_route_alloc();
	struct nl_addr *to = NULL;
	int rc = route ? nl_addr_from(dst, prefixlen, &to) : -NLE_NOMEM;

	if (rc == 0 && gateway && gateway->family != dst->family)
		rc = -NLE_AF_MISMATCH;
	if (rc == 0) {
		rtnl_route_set_table(route, RT_TABLE_MAIN);
		rtnl_route_set_type(route, RTN_UNICAST);
		rtnl_route_set_protocol(route, RTPROT_STATIC);
		rc = rtnl_route_set_dst(route, to);
	}
	if (rc == 0)
		rc = route_set_nexthop(route, ifindex, gateway);
	if (rc == 0)
		rc = rtnl_route_add(sk, route, NLM_F_REPLACE);
	nl_addr_put(to);
	rtnl_route_put(route);
	return rc;
}

int netconf_route_replace(int ifindex, const struct ip_addr *dst, int prefixlen,
			  const struct ip_addr *gateway, struct strbuf *err)
{
	struct nlsock ns;
	int rc = nlsock_open(&ns, NETLINK_ROUTE);

	if (rc == 0)
		rc = nlsock_result(&ns, route_replace(ns.sk, ifindex, dst, prefixlen, gateway));
	if (rc < 0) {
		strbuf_printf(err, "cannot add route ");
		describe_prefix(dst, prefixlen, err);
		if (gateway) {
			strbuf_printf(err, " via ");
			describe_prefix(gateway, -1, err);
		}
		strbuf_printf(err, " dev ");
		describe_link(ifindex, err);
		strbuf_printf(err, ": ");
		nlsock_explain(&ns, rc, err);
	}
	nlsock_close(&ns);
	return rc;
}

int netconf_ifindex(const char *name)
{
	unsigned int ifindex = if_nametoindex(name);

	return ifindex ? (int)ifindex : -errno;
}
