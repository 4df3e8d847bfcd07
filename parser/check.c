/* check: semantic checks over a finished script model that depend on the run's configuration. */
#include "parser/check.h"

#include "netdev/packet/icmp_names.h"

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

int check_script(const struct script *s, int ip_version, struct diag *d)
{
	int before = d->n_errors;

	for (size_t i = 0; i < s->n_events; i++) {
		const struct event *ev = &s->events[i];

		if (ev->kind != EVENT_PACKET)
			continue;
		if (ev->packet->l4 == PKT_ICMP)
			check_icmp(ev, ip_version, d);
		else if (ev->packet->l4 == PKT_UDP)
			check_udp_ecn(ev, d);
	}
	return d->n_errors - before;
}
