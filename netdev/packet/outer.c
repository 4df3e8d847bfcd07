/* SPDX-License-Identifier: GPL-2.0-only */
/* outer: writing and peeling outer IPv4/IPv6, GRE and MPLS headers (spec §5.8). */
#include "netdev/packet/outer.h"

#include <string.h>
#include <sys/socket.h>

#include "netdev/packet/checksum.h"
#include "netdev/packet/wire.h"

#define IPV4_HDR_LEN 20
#define IPV6_HDR_LEN 40
#define MPLS_ENTRY_LEN 4
#define ETH_P_IPV4 0x0800
#define ETH_P_IPV6 0x86dd
#define ETH_P_MPLS 0x8847
#define ETH_P_MPLS_MC 0x8848
#define IPPROTO_MPLS_IN_IP 137

static size_t gre_len(uint16_t flags)
{
	return 4 + (flags & GRE_F_CSUM ? 4 : 0) + (flags & GRE_F_KEY ? 4 : 0) +
	       (flags & GRE_F_SEQ ? 4 : 0);
}

static size_t hdr_len(const struct outer_hdr *h)
{
	switch (h->type) {
	case OUTER_IPV4:
		return h->src.family == AF_INET && h->dst.family == AF_INET ? IPV4_HDR_LEN : 0;
	case OUTER_IPV6:
		return h->src.family == AF_INET6 && h->dst.family == AF_INET6 ? IPV6_HDR_LEN : 0;
	case OUTER_GRE:
		return gre_len(h->gre_flags);
	case OUTER_MPLS:
		return (size_t)h->n_mpls * MPLS_ENTRY_LEN;
	}
	return 0;
}

size_t outer_len(const struct outer_stack *st)
{
	size_t total = 0;

	for (int i = 0; i < st->n; i++) {
		size_t n = hdr_len(&st->hdr[i]);
		if (!n)
			return 0;
		total += n;
	}
	return total;
}

/* What follows a layer, as an IP protocol number and as a GRE ethertype. */
struct next_layer {
	uint8_t ip_proto;
	uint16_t ethertype;
};

static struct next_layer next_of(const struct outer_stack *st, int i, int inner_version)
{
	enum outer_type t = i + 1 < st->n	 ? st->hdr[i + 1].type
			    : inner_version == 4 ? OUTER_IPV4
						 : OUTER_IPV6;
	switch (t) {
	case OUTER_IPV4:
		return (struct next_layer){IPPROTO_IPIP, ETH_P_IPV4};
	case OUTER_IPV6:
		return (struct next_layer){IPPROTO_IPV6, ETH_P_IPV6};
	case OUTER_GRE:
		return (struct next_layer){IPPROTO_GRE, 0};
	case OUTER_MPLS:
		break;
	}
	return (struct next_layer){IPPROTO_MPLS_IN_IP, ETH_P_MPLS};
}

static uint8_t ttl_or_default(uint8_t ttl)
{
	return ttl ? ttl : 255;
}

/* len: this header and everything after it. */
static void write_ip(const struct outer_hdr *h, struct next_layer next, uint8_t *p, size_t len)
{
	if (h->type == OUTER_IPV4) {
		memset(p, 0, IPV4_HDR_LEN);
		p[0] = 0x45;
		p[1] = h->tos;
		put16(p + 2, (uint16_t)len);
		p[8] = ttl_or_default(h->ttl);
		p[9] = next.ip_proto;
		memcpy(p + 12, h->src.bytes, 4);
		memcpy(p + 16, h->dst.bytes, 4);
		uint16_t csum = checksum_ip(p, IPV4_HDR_LEN);
		memcpy(p + 10, &csum, 2);
		return;
	}
	put32(p, 6u << 28 | (uint32_t)h->tos << 20);
	put16(p + 4, (uint16_t)(len - IPV6_HDR_LEN));
	p[6] = next.ip_proto;
	p[7] = ttl_or_default(h->ttl);
	memcpy(p + 8, h->src.bytes, 16);
	memcpy(p + 24, h->dst.bytes, 16);
}

/* The checksum, when present, covers the GRE header and its payload; a
 * script's non-zero value is written as given (to send a wrong one). */
static void write_gre(const struct outer_hdr *h, struct next_layer next, uint8_t *p, size_t len)
{
	uint8_t *opt = p + 4;

	put16(p, h->gre_flags);
	put16(p + 2, next.ethertype);
	if (h->gre_flags & GRE_F_CSUM) {
		put16(opt, 0);
		put16(opt + 2, h->gre_off);
		opt += 4;
	}
	if (h->gre_flags & GRE_F_KEY) {
		put32(opt, h->gre_key);
		opt += 4;
	}
	if (h->gre_flags & GRE_F_SEQ)
		put32(opt, h->gre_seq);
	if (!(h->gre_flags & GRE_F_CSUM))
		return;
	if (h->gre_sum) {
		put16(p + 4, h->gre_sum);
	} else {
		uint16_t csum = checksum_ip(p, len);
		memcpy(p + 4, &csum, 2);
	}
}

static void write_mpls(const struct outer_hdr *h, uint8_t *p)
{
	for (int i = 0; i < h->n_mpls; i++) {
		const struct mpls_entry *e = &h->mpls[i];
		put32(p + i * MPLS_ENTRY_LEN, (e->label & 0xfffff) << 12 |
						  (uint32_t)(e->tc & 7) << 9 |
						  (uint32_t)e->bottom << 8 | e->ttl);
	}
}

void outer_write(const struct outer_stack *st, uint8_t *buf, size_t inner_len, int inner_version)
{
	size_t start[OUTER_MAX_LAYERS + 1], off = 0;

	for (int i = 0; i < st->n; i++) {
		start[i] = off;
		off += hdr_len(&st->hdr[i]);
	}
	start[st->n] = off;
	/* innermost first: a GRE checksum covers the layers inside it */
	for (int i = st->n - 1; i >= 0; i--) {
		const struct outer_hdr *h = &st->hdr[i];
		uint8_t *p = buf + start[i];
		size_t len = start[st->n] - start[i] + inner_len;
		struct next_layer next = next_of(st, i, inner_version);

		if (h->type == OUTER_GRE)
			write_gre(h, next, p, len);
		else if (h->type == OUTER_MPLS)
			write_mpls(h, p);
		else
			write_ip(h, next, p, len);
	}
}

size_t outer_hdr_bytes(const struct outer_hdr *h, uint8_t *out, size_t cap)
{
	size_t n = hdr_len(h);

	if (!n || n > cap)
		return 0;
	if (h->type == OUTER_GRE)
		write_gre(h, (struct next_layer){0, h->gre_proto}, out, n);
	else if (h->type == OUTER_MPLS)
		write_mpls(h, out);
	else
		return 0;
	return n;
}

/* ---- peeling ---- */

enum peeled { PEEL_INNER, PEEL_IPV4, PEEL_IPV6, PEEL_GRE, PEEL_MPLS, PEEL_UNKNOWN };

static enum peeled by_ip_proto(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_IPIP:
		return PEEL_IPV4;
	case IPPROTO_IPV6:
		return PEEL_IPV6;
	case IPPROTO_GRE:
		return PEEL_GRE;
	case IPPROTO_MPLS_IN_IP:
		return PEEL_MPLS;
	default:
		return PEEL_INNER;
	}
}

static enum peeled by_ethertype(uint16_t type)
{
	switch (type) {
	case ETH_P_IPV4:
		return PEEL_IPV4;
	case ETH_P_IPV6:
		return PEEL_IPV6;
	case ETH_P_MPLS:
	case ETH_P_MPLS_MC:
		return PEEL_MPLS;
	default:
		return PEEL_UNKNOWN;
	}
}

static void ip_from(struct ip_addr *a, int family, const uint8_t *bytes)
{
	memset(a, 0, sizeof(*a));
	a->family = family;
	memcpy(a->bytes, bytes, family == AF_INET ? 4 : 16);
}

/* An IP header: an outer layer if what it carries is another layer. Returns
 * its length and what follows; *outer false if it is the inner header. */
static size_t peel_ip(const uint8_t *p, size_t len, struct outer_hdr *h, enum peeled *next,
		      bool *outer)
{
	bool v4 = len >= 1 && p[0] >> 4 == 4;
	size_t hl = v4 ? (size_t)(p[0] & 15) * 4 : IPV6_HDR_LEN;

	if (len < hl || hl < IPV4_HDR_LEN)
		return 0;
	*next = by_ip_proto(v4 ? p[9] : p[6]);
	*outer = *next != PEEL_INNER;
	h->type = v4 ? OUTER_IPV4 : OUTER_IPV6;
	h->tos = v4 ? p[1] : (uint8_t)(get16(p) >> 4);
	h->ttl = v4 ? p[8] : p[7];
	ip_from(&h->src, v4 ? AF_INET : AF_INET6, p + (v4 ? 12 : 8));
	ip_from(&h->dst, v4 ? AF_INET : AF_INET6, p + (v4 ? 16 : 24));
	return hl;
}

static size_t peel_gre(const uint8_t *p, size_t len, struct outer_hdr *h, enum peeled *next)
{
	if (len < 4 || len < gre_len(get16(p)))
		return 0;
	h->type = OUTER_GRE;
	h->gre_flags = get16(p);
	h->gre_proto = get16(p + 2);
	const uint8_t *opt = p + 4;
	if (h->gre_flags & GRE_F_CSUM) {
		h->gre_sum = get16(opt);
		h->gre_off = get16(opt + 2);
		opt += 4;
	}
	if (h->gre_flags & GRE_F_KEY) {
		h->gre_key = get32(opt);
		opt += 4;
	}
	if (h->gre_flags & GRE_F_SEQ)
		h->gre_seq = get32(opt);
	*next = by_ethertype(h->gre_proto);
	return gre_len(h->gre_flags);
}

static size_t peel_mpls(const uint8_t *p, size_t len, struct outer_hdr *h, enum peeled *next)
{
	h->type = OUTER_MPLS;
	for (size_t off = 0; off + MPLS_ENTRY_LEN <= len && h->n_mpls < OUTER_MAX_MPLS;
	     off += MPLS_ENTRY_LEN) {
		uint32_t w = get32(p + off);
		struct mpls_entry *e = &h->mpls[h->n_mpls++];
		e->label = w >> 12;
		e->tc = (uint8_t)(w >> 9 & 7);
		e->bottom = w >> 8 & 1;
		e->ttl = (uint8_t)w;
		if (e->bottom) {
			*next = PEEL_INNER;
			return off + MPLS_ENTRY_LEN;
		}
	}
	return 0;
}

int outer_peel(const uint8_t *buf, size_t len, struct outer_stack *st, struct strbuf *err)
{
	size_t off = 0;
	enum peeled what = PEEL_IPV4; /* the outermost header is IP */

	memset(st, 0, sizeof(*st));
	for (;;) {
		struct outer_hdr h = {0};
		bool outer = true;
		size_t n;
		static const char *const names[] = {[PEEL_IPV4] = "IPv4",
						    [PEEL_IPV6] = "IPv6",
						    [PEEL_GRE] = "GRE",
						    [PEEL_MPLS] = "MPLS"};
		const char *name = names[what];

		if (what == PEEL_IPV4 || what == PEEL_IPV6)
			n = peel_ip(buf + off, len - off, &h, &what, &outer);
		else if (what == PEEL_GRE)
			n = peel_gre(buf + off, len - off, &h, &what);
		else if (what == PEEL_MPLS)
			n = peel_mpls(buf + off, len - off, &h, &what);
		else
			n = 0;
		if (!outer || (!n && st->n == 0))
			return (int)off; /* the inner packet's decoder has the say */
		if (!n || what == PEEL_UNKNOWN) {
			strbuf_printf(err, "undecodable %s layer at byte %zu", name, off);
			return -1;
		}
		if (st->n == OUTER_MAX_LAYERS) {
			strbuf_printf(err, "more than %d outer headers", OUTER_MAX_LAYERS);
			return -1;
		}
		st->hdr[st->n++] = h;
		off += n;
		/* after an MPLS stack's bottom comes an IP header of either version */
		if (what == PEEL_INNER && off >= len) {
			strbuf_printf(err, "nothing after the MPLS stack");
			return -1;
		}
		if (what == PEEL_INNER)
			what = buf[off] >> 4 == 6 ? PEEL_IPV6 : PEEL_IPV4;
	}
}

const char *outer_type_name(enum outer_type t)
{
	switch (t) {
	case OUTER_IPV4:
		return "IPv4";
	case OUTER_IPV6:
		return "IPv6";
	case OUTER_GRE:
		return "GRE";
	case OUTER_MPLS:
		return "MPLS";
	}
	return "unknown";
}
