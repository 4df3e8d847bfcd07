/* SPDX-License-Identifier: GPL-2.0-only */
/* check: semantic checks over a finished script model: those that need the run's configuration,
 * and those on outer layers that the runtime cannot represent. */
#include "parser/check.h"

#include <sys/socket.h>

#include "netdev/packet/outer.h"
#include "netdev/packet/icmp_names.h"
#include "netdev/packet/ip_addr.h"

/* The word's own location if the parser kept it, else the event's. */
static struct loc at(const struct event *ev, struct loc word)
{
	return word.line ? word : ev->loc;
}

static void check_icmp(const struct event *ev, int ip_version, struct diag *d)
{
	const struct pkt_spec *p = ev->packet;
	int type, code;

	if (icmp_names_type(ip_version, p->icmp_type, &type)) {
		diag_error(d, at(ev, p->icmp_type_loc), "bad ICMP type %s", p->icmp_type);
		return;
	}
	if (icmp_names_code(ip_version, type, p->icmp_code, &code)) {
		diag_error(d, at(ev, p->icmp_code_loc), "bad ICMP code %s", p->icmp_code);
		return;
	}
	if (!p->has_mtu)
		return;
	struct loc mtu = at(ev, p->mtu_loc);
	if (ip_version == 6 && !(type == 2 && code == 0))
		diag_error(d, mtu, "ICMPv6 MTU is only valid for packet_too_big-0");
	else if (ip_version != 6 && !(type == 3 && code == 4))
		diag_error(d, mtu, "ICMPv4 MTU is only valid for unreachable-frag_needed");
	else if (ip_version != 6 && p->mtu > 0xffff)
		diag_error(d, mtu, "ICMPv4 MTU out of range");
}

/* The ECN codepoint keywords only make sense for TCP; ect01 and tos are allowed. */
static void check_udp_ecn(const struct event *ev, struct diag *d)
{
	int ecn = ev->packet->ip.ecn;

	if (ecn == ECN_NOECN || ecn == ECN_ECT0 || ecn == ECN_ECT1 || ecn == ECN_CE)
		diag_error(d, at(ev, ev->packet->ip_loc), "ECN can only be used with TCP packets");
}

/* An MPLS label stack, on a packet or as a {mpls ...} argument, becomes one
 * header of at most OUTER_MAX_MPLS entries; an empty one (at loc) means nothing.
 * Labels past the limit are pointed at. */
static void check_mpls_stack(const struct expr *stack, struct loc loc, struct diag *d)
{
	size_t n = stack ? stack->n_items : 0;

	if (n > OUTER_MAX_MPLS) {
		loc = stack->items[OUTER_MAX_MPLS]->loc;
		loc.end = stack->items[n - 1]->loc.end;
	}
	if (n == 0 || n > OUTER_MAX_MPLS)
		diag_error(d, loc, "an MPLS stack needs 1 to %d labels, not %zu", OUTER_MAX_MPLS,
			   n);
}

static void check_outer_address(const struct encap_spec *l, const char *text, struct loc loc,
				struct diag *d)
{
	int family = l->kind == ENCAP_IPV4 ? AF_INET : AF_INET6;
	struct ip_addr a;

	if (ip_addr_parse(text, &a) || a.family != family)
		diag_error(d, loc, "invalid outer IPv%d address \"%s\"", family == AF_INET ? 4 : 6,
			   text);
}

/* The outer layers as runtime/traffic/outer_build.c builds them: at most
 * OUTER_MAX_LAYERS, each convertible (addresses, label counts). */
static void check_encap(const struct event *ev, struct diag *d)
{
	const struct pkt_spec *p = ev->packet;

	if (p->n_encap > OUTER_MAX_LAYERS) {
		struct loc extra = at(ev, p->encap[OUTER_MAX_LAYERS].loc);

		extra.end = p->encap[p->n_encap - 1].loc.end;
		diag_error(d, extra, "more than %d outer headers", OUTER_MAX_LAYERS);
	}
	for (size_t i = 0; i < p->n_encap; i++) {
		const struct encap_spec *l = &p->encap[i];

		if (l->kind == ENCAP_MPLS)
			check_mpls_stack(l->fields, at(ev, l->loc), d);
		if (l->kind != ENCAP_IPV4 && l->kind != ENCAP_IPV6)
			continue;
		check_outer_address(l, l->src, at(ev, l->src_loc), d);
		check_outer_address(l, l->dst, at(ev, l->dst_loc), d);
	}
}

/* {mpls ...} values anywhere in a system call's arguments. */
static void check_mpls_args(const struct expr *e, struct diag *d)
{
	/* a | b | c ... nests to the left: walk that chain instead of recursing */
	for (; e; e = e->lhs) {
		if (e->kind == EXPR_MPLS_STACK)
			check_mpls_stack(e, e->loc, d);
		check_mpls_args(e->rhs, d);
		for (size_t i = 0; i < e->n_items; i++)
			check_mpls_args(e->items[i], d);
	}
}

int check_script(const struct script *s, int ip_version, struct diag *d)
{
	int before = d->n_errors;

	for (size_t i = 0; i < s->n_events; i++) {
		const struct event *ev = &s->events[i];

		if (ev->kind == EVENT_SYSCALL)
			for (size_t j = 0; j < ev->syscall->n_args; j++)
				check_mpls_args(ev->syscall->args[j], d);
		if (ev->kind != EVENT_PACKET)
			continue;
		check_encap(ev, d);
		if (ev->packet->l4 == PKT_ICMP)
			check_icmp(ev, ip_version, d);
		else if (ev->packet->l4 == PKT_UDP)
			check_udp_ecn(ev, d);
	}
	return d->n_errors - before;
}
