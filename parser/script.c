/* script: constructors, accessors and destructors for the parsed script model. */
#include "parser/script.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "netdev/packet/packet.h"
#include "parser/diag.h"
#include "parser/util/xalloc.h"

/* ---- helpers ---- */

/* Grows an array of n elements so that one more fits: capacity doubles each time n
 * reaches a power of two, so no separate capacity field is needed. */
static void *grow(void *array, size_t n, size_t size)
{
	if (n != 0 && (n & (n - 1)) != 0)
		return array;
	return xrealloc(array, (n ? 2 * n : 1) * size);
}

/* Returns the token's value, reporting what (e.g. "mss value out of range") at the
 * token if it is outside [min, max]. */
static int64_t tok_range(struct diag *d, const struct num_tok *t, int64_t min, int64_t max,
			 const char *what)
{
	if (t->i < min || t->i > max)
		diag_error(d, t->loc, "%s", what);
	return t->i;
}

/* ---- expressions ---- */

static const char *const expr_names[] = {
#define X(id, name) [EXPR_##id] = name,
    EXPR_KIND_LIST(X)
#undef X
};

const char *expr_kind_name(enum expr_kind kind)
{
	if ((size_t)kind >= sizeof(expr_names) / sizeof(expr_names[0]))
		return "unknown";
	return expr_names[kind];
}

const struct expr *expr_field(const struct expr *e, const char *key)
{
	if (!e)
		return NULL;
	for (size_t i = 0; i < e->n_items; i++) {
		const struct expr *item = e->items[i];

		if (item->kind == EXPR_KEYVAL && item->text && !strcmp(item->text, key))
			return item->rhs;
	}
	return NULL;
}

struct expr *expr_new(enum expr_kind kind, struct loc loc)
{
	struct expr *e = xcalloc(1, sizeof(*e));

	e->kind = kind;
	e->loc = loc;
	return e;
}

struct expr *expr_new_int(int64_t num, struct loc loc)
{
	struct expr *e = expr_new(EXPR_INTEGER, loc);

	e->num = num;
	return e;
}

struct expr *expr_new_text(enum expr_kind kind, char *text, struct loc loc)
{
	struct expr *e = expr_new(kind, loc);

	e->text = text;
	e->text_len = strlen(text);
	return e;
}

struct expr *expr_new_binary(struct expr *lhs, struct expr *rhs, struct loc loc)
{
	struct expr *e = expr_new(EXPR_BINARY, loc);

	e->text = xstrdup("|");
	e->text_len = 1;
	e->lhs = lhs;
	e->rhs = rhs;
	return e;
}

struct expr *expr_new_keyval(char *key, struct expr *value, struct loc loc)
{
	struct expr *e = expr_new_text(EXPR_KEYVAL, key, loc);

	e->rhs = value;
	return e;
}

struct expr *expr_append(struct expr *list, struct expr *item)
{
	list->items = grow(list->items, list->n_items, sizeof(*list->items));
	list->items[list->n_items++] = item;
	return list;
}

struct expr *expr_concat(struct expr *str, char *more, struct loc loc)
{
	size_t n = strlen(more);

	str->text = xrealloc(str->text, str->text_len + n + 1);
	memcpy(str->text + str->text_len, more, n + 1);
	str->text_len += n;
	str->loc.end = loc.end;
	free(more);
	return str;
}

struct expr *expr_new_fields(enum expr_kind kind, struct loc loc, ...)
{
	struct expr *e = expr_new(kind, loc);
	const char *key;
	va_list ap;

	va_start(ap, loc);
	while ((key = va_arg(ap, const char *)) != NULL) {
		struct expr *value = va_arg(ap, struct expr *);

		if (value)
			expr_append(e, expr_new_keyval(xstrdup(key), value, value->loc));
	}
	va_end(ap);
	return e;
}

struct expr *expr_finish_struct(struct expr *list, struct loc loc)
{
	list->loc = loc;
	if (list->n_items == 2 && list->items[0]->kind == EXPR_ELLIPSIS &&
	    list->items[1]->kind == EXPR_INTEGER) {
		struct expr *base = list->items[0], *len = list->items[1];

		list->n_items = 0;
		list->kind = EXPR_IOVEC;
		expr_append(list, expr_new_keyval(xstrdup("base"), base, base->loc));
		expr_append(list, expr_new_keyval(xstrdup("len"), len, len->loc));
		return list;
	}
	list->kind = EXPR_STRUCT;
	return list;
}

struct expr *expr_new_inet_addr(struct diag *d, char *text, struct loc text_loc, struct loc loc)
{
	struct in_addr a = {0};

	if (inet_pton(AF_INET, text, &a) != 1)
		diag_error(d, text_loc, "invalid IPv4 address in inet_addr(): \"%s\"", text);
	free(text);
	return expr_new_int((int64_t)a.s_addr, loc);
}

static struct expr *num_expr(const struct num_tok *t)
{
	return expr_new_int(t->i, t->loc);
}

struct expr *expr_new_mpls_entry(struct diag *d, const struct num_tok *label,
				 const struct num_tok *tc, bool bottom, const struct num_tok *ttl,
				 struct loc loc)
{
	tok_range(d, label, 0, 0xfffff, "MPLS label out of range");
	tok_range(d, tc, 0, 7, "MPLS traffic class out of range");
	tok_range(d, ttl, 0, 255, "MPLS TTL out of range");
	return expr_new_fields(EXPR_STRUCT, loc, "label", num_expr(label), "tc", num_expr(tc),
			       "bottom", expr_new_int(bottom, loc), "ttl", num_expr(ttl), NULL);
}

struct expr *expr_new_gre(struct diag *d, const struct num_tok *flags, const struct num_tok *sum,
			  const struct num_tok *off, const struct num_tok *key,
			  const struct num_tok *seq, struct loc loc)
{
	tok_range(d, flags, 0, 0xffff, "GRE flags out of range");
	tok_range(d, sum, 0, 0xffff, "GRE checksum out of range");
	tok_range(d, off, 0, 0xffff, "GRE offset out of range");
	tok_range(d, key, 0, UINT32_MAX, "GRE key out of range");
	tok_range(d, seq, 0, UINT32_MAX, "GRE sequence number out of range");
	return expr_new_fields(EXPR_GRE, loc, "flags", num_expr(flags), "sum", num_expr(sum), "off",
			       num_expr(off), "key", num_expr(key), "seq", num_expr(seq), NULL);
}

void expr_free(struct expr *e)
{
	/* a | b | c ... nests to the left: walk that chain instead of recursing */
	while (e) {
		struct expr *next = e->lhs;

		expr_free(e->rhs);
		for (size_t i = 0; i < e->n_items; i++)
			expr_free(e->items[i]);
		free(e->items);
		free(e->text);
		free(e);
		e = next;
	}
}

/* ---- times ---- */

int64_t script_time_usecs(struct diag *d, const struct num_tok *t)
{
	int64_t usecs;

	if (t->is_float) {
		if (t->f >= 9.2e12 || t->f <= -9.2e12) {
			diag_error(d, t->loc, "time out of range");
			return 0;
		}
		/* truncated, as upstream does: 4.35 s may become 4349999 us */
		usecs = (int64_t)(t->f * 1e6);
	} else {
		if (t->i > INT64_MAX / 1000000 || t->i < INT64_MIN / 1000000) {
			diag_error(d, t->loc, "time out of range");
			return 0;
		}
		usecs = t->i * 1000000;
	}
	if (usecs < 0)
		diag_error(d, t->loc, "negative time");
	return usecs;
}

struct event_time script_time_range(struct diag *d, enum time_kind kind, int64_t start, int64_t end,
				    struct loc loc)
{
	struct event_time t = {.kind = kind, .start_usecs = start, .end_usecs = end};

	if (end < start)
		diag_error(d, loc, "time range is backwards");
	return t;
}

/* ---- packets ---- */

struct seq_spec seq_spec_make(struct diag *d, const struct num_tok *start,
			      const struct num_tok *end, const struct num_tok *len, struct loc loc)
{
	struct seq_spec s;

	s.start =
	    (uint32_t)tok_range(d, start, 0, UINT32_MAX, "TCP start sequence number out of range");
	s.end = (uint32_t)tok_range(d, end, 0, UINT32_MAX, "TCP end sequence number out of range");
	s.len = (uint16_t)tok_range(d, len, 0, UINT16_MAX, "TCP payload size out of range");
	/* plain integer arithmetic, no wraparound, as upstream */
	if (s.start == start->i && s.end == end->i && s.len == len->i &&
	    end->i != start->i + len->i)
		diag_error(d, loc, "inconsistent TCP sequence numbers and payload size");
	return s;
}

struct ip_info ip_info_none(void)
{
	struct ip_info ip = {.ecn = ECN_NONE};

	return ip;
}

struct ip_info ip_info_ecn(enum pkt_ecn ecn)
{
	struct ip_info ip = {.ecn = ecn};

	return ip;
}

struct ip_info ip_info_tos(struct diag *d, const struct num_tok *tos)
{
	struct ip_info ip = {.ecn = ECN_NONE, .has_tos = true};

	ip.tos = (uint8_t)tok_range(d, tos, 0, 0xff, "TOS value out of range");
	return ip;
}

struct ip_info ip_info_ttl(struct diag *d, const struct num_tok *ttl)
{
	struct ip_info ip = {.ecn = ECN_NONE, .has_ttl = true};

	ip.ttl = (uint8_t)tok_range(d, ttl, 0, 255, "TTL value out of range");
	return ip;
}

struct ip_info ip_info_flowlabel(struct diag *d, struct ip_info ip, const struct num_tok *fl)
{
	ip.has_flowlabel = true;
	ip.flowlabel = (uint32_t)tok_range(d, fl, 0, 0xfffff, "flowlabel value out of range");
	return ip;
}

struct encap_layer *encap_new(enum encap_kind kind, struct expr *fields)
{
	struct encap_layer *l = xcalloc(1, sizeof(*l));

	l->kind = kind;
	l->ip = ip_info_none();
	l->fields = fields;
	return l;
}

struct encap_layer *encap_new_ip(enum encap_kind kind, struct ip_info ip, char *src, char *dst)
{
	struct encap_layer *l = encap_new(kind, NULL);

	l->ip = ip;
	l->src = src;
	l->dst = dst;
	return l;
}

static void encap_clear(struct encap_layer *l)
{
	free(l->src);
	free(l->dst);
	expr_free(l->fields);
}

void encap_free(struct encap_layer *layer)
{
	if (!layer)
		return;
	encap_clear(layer);
	free(layer);
}

struct pkt_spec *pkt_spec_new(enum pkt_direction dir)
{
	struct pkt_spec *p = xcalloc(1, sizeof(*p));

	p->dir = dir;
	p->l4 = PKT_TCP;
	p->ip = ip_info_none();
	p->ace = -1;
	return p;
}

void pkt_spec_free(struct pkt_spec *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_encap; i++)
		encap_clear(&p->encap[i]);
	free(p->encap);
	free(p->icmp_type);
	free(p->icmp_code);
	free(p);
}

void pkt_spec_set_ip(struct diag *d, struct pkt_spec *p, struct ip_info ip, struct loc loc)
{
	if (ip.ecn == ECN_01 && p->dir == PKT_INBOUND)
		diag_error(d, loc, "[ect01] can only be used with outbound packets");
	p->ip = ip;
	p->ip_loc = loc;
}

void pkt_spec_add_encap(struct pkt_spec *p, struct encap_layer *layer)
{
	p->encap = grow(p->encap, p->n_encap, sizeof(*p->encap));
	p->encap[p->n_encap++] = *layer;
	free(layer);
}

void pkt_spec_set_psp(struct diag *d, struct pkt_spec *p, const struct num_tok *spi)
{
	p->has_psp = true;
	p->psp_spi = (uint32_t)tok_range(d, spi, 0, UINT32_MAX, "PSP SPI out of range");
}

void pkt_spec_set_ports(struct diag *d, struct pkt_spec *p, const struct num_tok *sport,
			const struct num_tok *dport)
{
	p->has_ports = true;
	p->sport = (uint16_t)tok_range(d, sport, 0, UINT16_MAX, "port number out of range");
	p->dport = (uint16_t)tok_range(d, dport, 0, UINT16_MAX, "port number out of range");
}

static uint16_t flag_bit(char c)
{
	switch (c) {
	case 'F':
		return TCPF_FIN;
	case 'S':
		return TCPF_SYN;
	case 'R':
		return TCPF_RST;
	case 'P':
		return TCPF_PSH;
	case '.':
		return TCPF_ACK;
	case 'U':
		return TCPF_URG;
	case 'E':
		return TCPF_ECE;
	case 'W':
		return TCPF_CWR;
	case 'A':
		return TCPF_AE;
	default:
		return 0;
	}
}

/* Sets the ACE digit's bits (bit0 = ECE, bit1 = CWR, bit2 = AE) in the flags too,
 * so an inbound packet can be encoded from tcp_flags alone. */
static uint16_t ace_bits(int ace)
{
	return (ace & 1 ? TCPF_ECE : 0) | (ace & 2 ? TCPF_CWR : 0) | (ace & 4 ? TCPF_AE : 0);
}

void pkt_spec_set_flags(struct diag *d, struct pkt_spec *p, const char *text, struct loc loc)
{
	int digits = 0;
	bool ecn_letter = false;

	p->tcp_flags = 0;
	for (const char *c = strcmp(text, "-") ? text : ""; *c; c++) {
		if (*c >= '0' && *c <= '7') {
			digits++;
			p->ace = *c - '0';
		} else if (flag_bit(*c)) {
			p->tcp_flags |= flag_bit(*c);
			ecn_letter |= *c == 'E' || *c == 'W' || *c == 'A';
		} else {
			diag_error(d, loc, "Invalid TCP flag: '%c'", *c);
			return;
		}
	}
	if (digits > 1 || (digits && ecn_letter))
		diag_error(d, loc, "Conflicting TCP flag");
	else if (digits)
		p->tcp_flags |= ace_bits(p->ace);
}

void pkt_spec_set_seq(struct pkt_spec *p, struct seq_spec seq)
{
	p->seq_start = seq.start;
	p->seq_end = seq.end;
	p->payload_len = seq.len;
}

void pkt_spec_set_ack(struct diag *d, struct pkt_spec *p, const struct num_tok *ack)
{
	p->has_ack = true;
	p->ack = (uint32_t)tok_range(d, ack, 0, UINT32_MAX, "TCP ack sequence number out of range");
}

void pkt_spec_set_win(struct diag *d, struct pkt_spec *p, const struct num_tok *win)
{
	p->has_win = true;
	p->win = (uint16_t)tok_range(d, win, 0, UINT16_MAX, "TCP window value out of range");
}

void pkt_spec_set_urg(struct diag *d, struct pkt_spec *p, const struct num_tok *urg)
{
	p->urg = (uint16_t)tok_range(d, urg, 0, UINT16_MAX, "urg_ptr value out of range");
}

void pkt_spec_set_options(struct diag *d, struct pkt_spec *p, struct tcp_options *opts,
			  struct loc loc)
{
	if (!opts) {
		if (p->dir != PKT_OUTBOUND)
			diag_error(d, loc,
				   "<...> for TCP options can only be used with outbound packets");
		p->options_any = true;
		return;
	}
	p->opts = *opts;
	free(opts);
}

void pkt_spec_finish_tcp(struct diag *d, struct pkt_spec *p, struct loc loc)
{
	if (p->dir == PKT_INBOUND && !p->has_win)
		diag_error(d, loc, "window must be specified for inbound packets");
}

void pkt_spec_set_udp(struct diag *d, struct pkt_spec *p, const struct num_tok *len)
{
	p->l4 = PKT_UDP;
	p->udp_len = (uint16_t)tok_range(d, len, 0, UINT16_MAX, "UDP payload size out of range");
}

void pkt_spec_set_icmp(struct pkt_spec *p, char *type, struct loc type_loc, char *code,
		       struct loc code_loc)
{
	p->l4 = PKT_ICMP;
	p->icmp_type = type;
	p->icmp_code = code;
	p->icmp_type_loc = type_loc;
	p->icmp_code_loc = code_loc;
}

void pkt_spec_set_mtu(struct diag *d, struct pkt_spec *p, const struct num_tok *mtu)
{
	p->has_mtu = true;
	p->mtu_loc = mtu->loc;
	p->mtu = (uint32_t)tok_range(d, mtu, 0, UINT32_MAX, "ICMP MTU out of range");
}

void pkt_spec_set_icmp_id(struct diag *d, struct pkt_spec *p, const struct num_tok *id)
{
	p->has_icmp_echo_id = true;
	p->icmp_echo_id = (uint16_t)tok_range(d, id, 0, UINT16_MAX, "ICMP echo id out of range");
}

void pkt_spec_set_echoed(struct diag *d, struct pkt_spec *p, enum icmp_echoed kind,
			 struct seq_spec seq, const struct num_tok *len)
{
	p->echoed = kind;
	if (kind == ICMP_ECHOED_TCP) {
		p->echoed_start = seq.start;
		p->echoed_end = seq.end;
		p->echoed_len = seq.len;
		return;
	}
	p->echoed_len =
	    (uint16_t)tok_range(d, len, 0, UINT16_MAX,
				kind == ICMP_ECHOED_UDP ? "UDP payload size out of range"
							: "ICMP payload size out of range");
}

/* ---- TCP options ---- */

struct tcp_option script_opt_simple(uint8_t kind, uint8_t len)
{
	struct tcp_option o;

	memset(&o, 0, sizeof(o));
	o.kind = kind;
	o.len = len;
	return o;
}

struct tcp_option script_opt_mss(struct diag *d, const struct num_tok *mss)
{
	struct tcp_option o = script_opt_simple(TCPO_MSS, 4);

	o.mss = (uint16_t)tok_range(d, mss, 0, UINT16_MAX, "mss value out of range");
	return o;
}

struct tcp_option script_opt_wscale(struct diag *d, const struct num_tok *shift)
{
	struct tcp_option o = script_opt_simple(TCPO_WSCALE, 3);

	o.wscale = (uint8_t)tok_range(d, shift, 0, 255, "window scale shift count out of range");
	return o;
}

struct tcp_option script_opt_sack(void)
{
	return script_opt_simple(TCPO_SACK, 2);
}

void script_opt_sack_add(struct diag *d, struct tcp_option *opt, const struct num_tok *left,
			 const struct num_tok *right, struct loc loc)
{
	uint32_t l = (uint32_t)tok_range(d, left, 0, UINT32_MAX,
					 "TCP SACK left sequence number out of range");
	uint32_t r = (uint32_t)tok_range(d, right, 0, UINT32_MAX,
					 "TCP SACK right sequence number out of range");

	if (opt->sack.count == TCP_SACK_MAX_BLOCKS) {
		diag_error(d, loc, "too many TCP SACK blocks (at most %d)", TCP_SACK_MAX_BLOCKS);
		opt->sack.count++; /* report only once */
		return;
	}
	if (opt->sack.count > TCP_SACK_MAX_BLOCKS)
		return;
	opt->sack.block[opt->sack.count].left = l;
	opt->sack.block[opt->sack.count].right = r;
	opt->sack.count++;
	opt->len += 8;
}

struct tcp_option script_opt_ts(struct diag *d, const struct num_tok *val,
				const struct num_tok *ecr)
{
	struct tcp_option o = script_opt_simple(TCPO_TIMESTAMP, 10);

	o.ts.val = (uint32_t)tok_range(d, val, 0, UINT32_MAX, "TS val out of range");
	o.ts.ecr = (uint32_t)tok_range(d, ecr, 0, UINT32_MAX, "TS ecr out of range");
	return o;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes a hex blob into o's blob, reporting errors named after what.
 * Returns false after an error. Non-hex digits are reported before an odd
 * count: "zz1" is not hex, whatever its length. */
static bool parse_blob(struct diag *d, struct tcp_option *o, const char *text, struct loc loc,
		       const char *what, size_t max)
{
	size_t n = strlen(text);

	for (size_t i = 0; i < n; i++) {
		if (hex_digit(text[i]) < 0) {
			diag_error(d, loc, "%s '%s' is not a valid hex string", what, text);
			return false;
		}
	}
	if (n % 2) {
		diag_error(d, loc, "%s has an odd number of digits", what);
		return false;
	}
	if (n / 2 > max) {
		diag_error(d, loc, "%s longer than %zu bytes", what, max);
		return false;
	}
	for (size_t i = 0; i < n / 2; i++)
		o->blob.bytes[i] =
		    (uint8_t)(hex_digit(text[2 * i]) << 4 | hex_digit(text[2 * i + 1]));
	o->blob.len = (uint8_t)(n / 2);
	return true;
}

struct tcp_option script_opt_blob(struct diag *d, uint8_t kind, char *text, struct loc loc)
{
	uint8_t header = kind == TCPO_FASTOPEN_EXP ? 4 : 2;
	struct tcp_option o = script_opt_simple(kind, header);

	bool ok = true;

	if (text && kind == TCPO_MD5SIG)
		ok = parse_blob(d, &o, text, loc, "TCP MD5 digest", 16);
	else if (text)
		ok = parse_blob(d, &o, text, loc, "TCP fast open cookie",
				TCP_OPTIONS_MAX_BYTES - header);
	/* length 0 marks a bad blob: its list's padding is then unknown */
	o.len = ok ? (uint8_t)(header + o.blob.len) : 0;
	free(text);
	return o;
}

static void put24(struct tcp_option *o, struct diag *d, const struct num_tok *t)
{
	uint32_t v;

	if (!t)
		return;
	v = (uint32_t)tok_range(d, t, 0, 0xffffff, "TCP AccECN field value out of range");
	o->blob.bytes[o->blob.len++] = (uint8_t)(v >> 16);
	o->blob.bytes[o->blob.len++] = (uint8_t)(v >> 8);
	o->blob.bytes[o->blob.len++] = (uint8_t)v;
	o->len += 3;
}

struct tcp_option script_opt_accecn(struct diag *d, uint8_t kind, const struct num_tok *a,
				    const struct num_tok *b, const struct num_tok *c)
{
	struct tcp_option o = script_opt_simple(kind, 2);

	put24(&o, d, a);
	put24(&o, d, b);
	put24(&o, d, c);
	return o;
}

struct tcp_options *script_optlist_new(void)
{
	return xcalloc(1, sizeof(struct tcp_options));
}

static size_t optlist_bytes(const struct tcp_options *opts)
{
	size_t n = 0;

	for (size_t i = 0; i < opts->count; i++)
		n += opts->opt[i].len;
	return n;
}

void script_optlist_add(struct diag *d, struct tcp_options *opts, const struct tcp_option *opt,
			struct loc loc)
{
	/* The array holds 40 options; beyond that the list is too long anyway and
	 * script_optlist_finish reports it, so extra options are dropped. */
	if (opts->count == TCP_OPTIONS_MAX_BYTES) {
		diag_error(d, loc, "TCP option list too long");
		opts->count++;
		return;
	}
	if (opts->count > TCP_OPTIONS_MAX_BYTES)
		return;
	opts->opt[opts->count++] = *opt;
}

void script_optlist_finish(struct diag *d, struct tcp_options *opts, struct loc loc)
{
	size_t n;

	if (opts->count > TCP_OPTIONS_MAX_BYTES) {
		opts->count = TCP_OPTIONS_MAX_BYTES;
		return;
	}
	for (size_t i = 0; i < opts->count; i++)
		if (!opts->opt[i].len)
			return; /* a bad blob was reported; its length is unknown */
	n = optlist_bytes(opts);
	if (n > TCP_OPTIONS_MAX_BYTES)
		diag_error(d, loc, "TCP option list too long");
	else if (n % 4)
		diag_error(d, loc,
			   "TCP options are not padded correctly to ensure TCP header is a "
			   "multiple of 4 bytes: %zu excess bytes",
			   n % 4);
}

/* ---- system calls and events ---- */

struct syscall_spec *syscall_spec_new(char *name, struct loc name_loc, struct expr *args)
{
	struct syscall_spec *sc = xcalloc(1, sizeof(*sc));

	sc->name = name;
	sc->name_loc = name_loc;
	if (args) {
		sc->args = args->items;
		sc->n_args = args->n_items;
		args->items = NULL;
		args->n_items = 0;
		expr_free(args);
	}
	return sc;
}

void syscall_spec_free(struct syscall_spec *sc)
{
	if (!sc)
		return;
	for (size_t i = 0; i < sc->n_args; i++)
		expr_free(sc->args[i]);
	free(sc->args);
	expr_free(sc->result);
	free(sc->name);
	free(sc->errno_name);
	free(sc->note);
	free(sc);
}

struct event *event_new(enum event_kind kind, void *body)
{
	struct event *ev = xcalloc(1, sizeof(*ev));

	ev->kind = kind;
	switch (kind) {
	case EVENT_PACKET:
		ev->packet = body;
		break;
	case EVENT_SYSCALL:
		ev->syscall = body;
		break;
	case EVENT_COMMAND:
		ev->command = body;
		break;
	case EVENT_CODE:
		ev->code = body;
		break;
	}
	return ev;
}

static void event_clear(struct event *ev)
{
	pkt_spec_free(ev->packet);
	syscall_spec_free(ev->syscall);
	free(ev->command);
	free(ev->code);
}

void event_free(struct event *ev)
{
	if (!ev)
		return;
	event_clear(ev);
	free(ev);
}

/* ---- the script ---- */

void script_add_option(struct script *s, struct diag *d, char *name, char *value, struct loc loc)
{
	if (s->n_events || s->init_command)
		diag_error(d, loc, "option lines must come before the first command or event");
	s->options = grow(s->options, s->n_options, sizeof(*s->options));
	s->options[s->n_options].name = name;
	s->options[s->n_options].value = value;
	s->options[s->n_options].loc = loc;
	s->n_options++;
}

void script_add_untimed(struct script *s, struct diag *d, char *command, struct loc loc)
{
	if (!s->n_events && !s->init_command) {
		s->init_command = command;
		s->init_loc = loc;
		return;
	}
	if (!s->n_events || s->cleanup_command) {
		diag_error(d, loc,
			   "a command without a time is only allowed before the first event (init) "
			   "or after the last one (cleanup)");
		free(command);
		return;
	}
	s->cleanup_command = command;
	s->cleanup_loc = loc;
}

/* Which times an event may have: ranges and * only for outbound packets. */
static void check_time_kind(struct diag *d, const struct event *ev, struct event_time t,
			    struct loc loc)
{
	bool outbound = ev->kind == EVENT_PACKET && ev->packet->dir == PKT_OUTBOUND;

	if (outbound)
		return;
	if (t.kind == TIME_ANY)
		diag_error(d, loc, "event time <star> can only be used with outbound packets");
	else if (t.kind == TIME_ABSOLUTE_RANGE || t.kind == TIME_RELATIVE_RANGE)
		diag_error(d, loc, "event time range can only be used with outbound packets");
}

void script_add_event(struct script *s, struct diag *d, struct event *ev, struct event_time time,
		      struct loc loc)
{
	if (s->cleanup_command) {
		diag_error(d, s->cleanup_loc,
			   "a command without a time is only allowed before the first event (init) "
			   "or after the last one (cleanup)");
		free(s->cleanup_command);
		s->cleanup_command = NULL;
	}
	check_time_kind(d, ev, time, loc);
	ev->time = time;
	ev->loc = loc;
	s->events = grow(s->events, s->n_events, sizeof(*s->events));
	s->events[s->n_events++] = *ev;
	free(ev);
}

int64_t script_span_usecs(const struct script *s)
{
	int64_t t = 0, span = 0;

	for (size_t i = 0; i < s->n_events; i++) {
		const struct event *ev = &s->events[i];
		const struct event_time *et = &ev->time;
		bool range = et->kind == TIME_ABSOLUTE_RANGE || et->kind == TIME_RELATIVE_RANGE;
		bool absolute = et->kind == TIME_ABSOLUTE || et->kind == TIME_ABSOLUTE_RANGE;
		int64_t v = range ? et->end_usecs : et->start_usecs;
		int64_t anchor = t;

		if (absolute)
			t = v;
		else if (et->kind != TIME_ANY)
			t += v;
		if (ev->kind == EVENT_SYSCALL && ev->syscall->blocking) {
			int64_t end = ev->syscall->end_usecs + (absolute ? 0 : anchor);
			span = end > span ? end : span;
		}
		span = t > span ? t : span;
	}
	return span;
}

void script_free(struct script *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_options; i++) {
		free(s->options[i].name);
		free(s->options[i].value);
	}
	free(s->options);
	for (size_t i = 0; i < s->n_events; i++)
		event_clear(&s->events[i]);
	free(s->events);
	free(s->init_command);
	free(s->cleanup_command);
	free(s->path);
	free(s->text);
	free(s);
}
