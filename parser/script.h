/* script: the in-memory model of a parsed .pkt script (options, timed events, packets, syscalls).
 */
#ifndef PARSER_SCRIPT_H
#define PARSER_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netdev/packet/tcp_options.h"

/* A span of source text: byte offsets [start, end) plus the 1-based line and
 * column of start (column counts bytes). */
struct loc {
	uint32_t start, end;
	uint32_t line, col;
};

/* ---- expressions (syscall arguments) ---- */

#define EXPR_KIND_LIST(X)                                                                          \
	X(ELLIPSIS, "ellipsis")                                                                    \
	X(INTEGER, "integer")                                                                      \
	X(WORD, "word")                                                                            \
	X(STRING, "string")                                                                        \
	X(BINARY, "binary_expression")                                                             \
	X(LIST, "list")                                                                            \
	X(KEYVAL, "keyval")                                                                        \
	X(IN6_ADDR, "in6_addr")                                                                    \
	X(SOCKADDR_IN, "sockaddr_in")                                                              \
	X(LINGER, "linger")                                                                        \
	X(IOVEC, "iovec")                                                                          \
	X(MSGHDR, "msghdr")                                                                        \
	X(CMSG, "cmsg")                                                                            \
	X(POLLFD, "pollfd")                                                                        \
	X(EPOLLEV, "epollev")                                                                      \
	X(SCM_TIMESTAMPING, "scm_timestamping")                                                    \
	X(SOCK_EXTENDED_ERR, "sock_extended_err")                                                  \
	X(MPLS_STACK, "mpls_stack")                                                                \
	X(GRE, "gre")                                                                              \
	X(STRUCT, "struct")

enum expr_kind {
#define X(id, name) EXPR_##id,
	EXPR_KIND_LIST(X)
#undef X
};

/* upstream's type names for "Bad type; actual: X expected: Y" */
const char *expr_kind_name(enum expr_kind kind);

/*
 * One expression. Which fields are used depends on kind:
 *  INTEGER            num (inet_addr("a.b.c.d") is folded to an INTEGER in network order)
 *  WORD               text (a symbol name, resolved at run time)
 *  STRING             text/text_len: raw bytes between the quotes, adjacent strings
 *                     concatenated, escapes NOT processed; string_ellipsis for "abc"...
 *  BINARY             lhs | rhs
 *  KEYVAL             text = key, rhs = value (TCP_NLA lists and struct fields)
 *  IN6_ADDR           text = the address text given to inet6_addr("...")
 *  LIST               items: the elements of [a, b, ...]
 *  STRUCT             items: the elements of a plain { a, b, ... }
 *  fielded structs    items: KEYVAL entries named as in the script:
 *    SOCKADDR_IN        sa_family, sin_port, sin_addr
 *    LINGER             onoff, linger
 *    IOVEC              base (ELLIPSIS), len
 *    MSGHDR             msg_name, msg_iovlen (INTEGER), msg_iov (LIST), msg_flags,
 *                       msg_control (LIST, optional)
 *    CMSG               cmsg_level, cmsg_type, cmsg_data
 *    POLLFD             fd, events, revents (optional)
 *    EPOLLEV            events, then one of fd / ptr / u32 / u64
 *    SCM_TIMESTAMPING   scm_sec, scm_nsec
 *    SOCK_EXTENDED_ERR  ee_errno, ee_origin, ee_type, ee_code, ee_info, ee_data
 *    MPLS_STACK         items: STRUCT entries with label, tc, bottom (0/1), ttl
 *    GRE                flags, sum, off, key, seq (each an INTEGER)
 */
struct expr {
	enum expr_kind kind;
	struct loc loc;
	int64_t num;
	char *text;
	size_t text_len;
	bool string_ellipsis;
	struct expr *lhs, *rhs;
	struct expr **items;
	size_t n_items;
};

/* Returns the value of the KEYVAL item named key in a fielded struct, or NULL. */
const struct expr *expr_field(const struct expr *e, const char *key);

/* ---- packets ---- */

enum pkt_direction { PKT_INBOUND, PKT_OUTBOUND };
enum pkt_l4 { PKT_TCP, PKT_UDP, PKT_ICMP };

/* ECN codepoint requests; ECN_01 means "ect0 or ect1" (outbound only). */
enum pkt_ecn { ECN_NONE = -1, ECN_NOECN = 0, ECN_ECT1 = 1, ECN_ECT0 = 2, ECN_CE = 3, ECN_01 = 4 };

struct ip_info {
	int ecn; /* enum pkt_ecn */
	bool has_tos;
	uint8_t tos;
	bool has_flowlabel;
	uint32_t flowlabel;
	bool has_ttl;
	uint8_t ttl;
};

/* An outer encapsulation layer written before the packet (parsed, not run yet). */
enum encap_kind { ENCAP_IPV4, ENCAP_IPV6, ENCAP_GRE, ENCAP_MPLS };
struct encap_layer {
	enum encap_kind kind;
	struct ip_info ip;   /* IPV4/IPV6 */
	char *src, *dst;     /* IPV4/IPV6 address text */
	struct expr *fields; /* GRE: a GRE expr, MPLS: an MPLS_STACK expr; may be NULL */
};

enum icmp_echoed { ICMP_ECHOED_DEFAULT, ICMP_ECHOED_TCP, ICMP_ECHOED_UDP, ICMP_ECHOED_RAW };

struct pkt_spec {
	enum pkt_direction dir;
	enum pkt_l4 l4;
	struct ip_info ip;
	struct encap_layer *encap; /* outer layers, outermost first */
	size_t n_encap;
	bool has_psp;
	uint32_t psp_spi;
	bool has_ports;
	uint16_t sport, dport;

	/* TCP */
	uint16_t tcp_flags; /* packet/packet.h enum tcp_flag_bits */
	int ace;	    /* AccECN ACE digit 0..7, or -1 if none (its E/W/A bits
			     * are also set in tcp_flags) */
	uint32_t seq_start, seq_end;
	uint16_t payload_len;
	bool has_ack;
	uint32_t ack;
	bool has_win;
	uint16_t win;
	uint16_t urg;
	bool options_any;	 /* <...>: do not check options (outbound only) */
	struct tcp_options opts; /* empty when no <...> list was written */

	/* UDP */
	uint16_t udp_len;

	/* ICMP: names as written (resolved per family at check/run time) */
	char *icmp_type;
	char *icmp_code; /* NULL = code 0 */
	bool has_mtu;
	uint32_t mtu;
	bool has_icmp_echo_id;
	uint16_t icmp_echo_id;
	enum icmp_echoed echoed;
	/* Where the words checked later (check.c) were written; line 0 = unknown. */
	struct loc ip_loc, icmp_type_loc, icmp_code_loc, mtu_loc;
	uint32_t echoed_start, echoed_end; /* ICMP_ECHOED_TCP */
	uint16_t echoed_len;		   /* TCP payload, UDP len or RAW len */
};

/* ---- system calls ---- */

struct syscall_spec {
	char *name;
	struct loc name_loc;
	struct expr **args;
	size_t n_args;
	bool blocking;	     /* written as "...END name(...)" */
	int64_t end_usecs;   /* END, as written (relative to the event's anchor if the
			      * event time is relative) */
	struct expr *result; /* the expression after '=' (must be an INTEGER at run time) */
	char *errno_name;    /* NULL if none */
	char *note;	     /* text inside the trailing ( ), NULL if none */
};

/* ---- events ---- */

enum event_kind { EVENT_PACKET, EVENT_SYSCALL, EVENT_COMMAND, EVENT_CODE };

enum time_kind {
	TIME_ABSOLUTE,	     /* t */
	TIME_RELATIVE,	     /* +t */
	TIME_ANY,	     /* * */
	TIME_ABSOLUTE_RANGE, /* t1~t2 */
	TIME_RELATIVE_RANGE, /* +t1~+t2 */
};

struct event_time {
	enum time_kind kind;
	int64_t start_usecs; /* microseconds, truncated */
	int64_t end_usecs;   /* ranges only */
};

struct event {
	enum event_kind kind;
	struct loc loc; /* the event time token (line used in runtime errors) */
	struct event_time time;
	struct pkt_spec *packet;      /* EVENT_PACKET */
	struct syscall_spec *syscall; /* EVENT_SYSCALL */
	char *command;		      /* EVENT_COMMAND: text between the backquotes */
	char *code;		      /* EVENT_CODE: text of %{ }% with spaces/tabs trimmed */
};

/* An option line at the top of a script: --name[=value]. */
struct option_line {
	char *name;  /* without the leading "--" */
	char *value; /* NULL when written without '='; text of the value otherwise
		      * (a STRING value without its quotes; for --define the whole
		      * NAME=VALUE text) */
	struct loc loc;
};

struct script {
	char *path; /* as given */
	char *text; /* the whole source, NUL-terminated (kept for diagnostics) */
	size_t text_len;
	struct option_line *options;
	size_t n_options;
	char *init_command; /* NULL if none */
	struct loc init_loc;
	char *cleanup_command; /* NULL if none */
	struct loc cleanup_loc;
	struct event *events;
	size_t n_events;
};

void script_free(struct script *s);

/* The script time of its last moment (microseconds): the latest event time,
 * taking the end of ranges and of blocking calls, relative times added up
 * from the event before (as written; not the run's anchoring rules). An
 * estimate of how long the script runs, to start the long ones first. */
int64_t script_span_usecs(const struct script *s);

/* ---- construction (used by the grammar; see script.c) ----
 *
 * Constructors that convert token values report range errors through the diag
 * sink at the token's location and keep going (the value is then truncated), so
 * that one run reports every problem. Unless stated otherwise a constructor
 * takes ownership of the pointers passed to it.
 */
struct diag;

/* A number token: INTEGER, HEX_INTEGER or FLOAT. text points into the script
 * text or into a define's value (not owned, not NUL-terminated). */
struct num_tok {
	int64_t i; /* INTEGER / HEX_INTEGER value (FLOAT: truncated) */
	double f;  /* FLOAT value (atof); INTEGER: (double)i */
	bool is_float;
	const char *text;
	uint32_t len;
	struct loc loc;
};

/* expressions */
struct expr *expr_new(enum expr_kind kind, struct loc loc);
struct expr *expr_new_int(int64_t num, struct loc loc);
struct expr *expr_new_text(enum expr_kind kind, char *text, struct loc loc);
struct expr *expr_new_binary(struct expr *lhs, struct expr *rhs, struct loc loc);
struct expr *expr_new_keyval(char *key, struct expr *value, struct loc loc);
/* Appends item to list's items and returns list. */
struct expr *expr_append(struct expr *list, struct expr *item);
/* Appends the raw text of another adjacent STRING token. */
struct expr *expr_concat(struct expr *str, char *more, struct loc loc);
/* A fielded struct: (const char *key, struct expr *value) pairs ended by a NULL
 * key; pairs with a NULL value (absent optional fields) are skipped. */
struct expr *expr_new_fields(enum expr_kind kind, struct loc loc, ...);
/* Turns the list built for a plain { a, b } into a STRUCT, or into an IOVEC when
 * it is exactly { ..., INTEGER }. */
struct expr *expr_finish_struct(struct expr *list, struct loc loc);
/* inet_addr("a.b.c.d") folded to an INTEGER (network byte order value). */
struct expr *expr_new_inet_addr(struct diag *d, char *text, struct loc text_loc, struct loc loc);
/* One MPLS stack entry: a STRUCT of label, tc, bottom, ttl. */
struct expr *expr_new_mpls_entry(struct diag *d, const struct num_tok *label,
				 const struct num_tok *tc, bool bottom, const struct num_tok *ttl,
				 struct loc loc);
/* GRE fields: flags is a 16-bit value (bits of the flag words or a number). */
struct expr *expr_new_gre(struct diag *d, const struct num_tok *flags, const struct num_tok *sum,
			  const struct num_tok *off, const struct num_tok *key,
			  const struct num_tok *seq, struct loc loc);
void expr_free(struct expr *e);

/* event times */
int64_t script_time_usecs(struct diag *d, const struct num_tok *t);
struct event_time script_time_range(struct diag *d, enum time_kind kind, int64_t start, int64_t end,
				    struct loc loc);

/* packets */
struct seq_spec {
	uint32_t start, end;
	uint16_t len;
};
struct seq_spec seq_spec_make(struct diag *d, const struct num_tok *start,
			      const struct num_tok *end, const struct num_tok *len, struct loc loc);

struct ip_info ip_info_none(void);
struct ip_info ip_info_ecn(enum pkt_ecn ecn);
struct ip_info ip_info_tos(struct diag *d, const struct num_tok *tos);
struct ip_info ip_info_ttl(struct diag *d, const struct num_tok *ttl);
struct ip_info ip_info_flowlabel(struct diag *d, struct ip_info ip, const struct num_tok *fl);

struct encap_layer *encap_new(enum encap_kind kind, struct expr *fields);
struct encap_layer *encap_new_ip(enum encap_kind kind, struct ip_info ip, char *src, char *dst);
void encap_free(struct encap_layer *layer);

struct pkt_spec *pkt_spec_new(enum pkt_direction dir);
void pkt_spec_free(struct pkt_spec *p);
void pkt_spec_set_ip(struct diag *d, struct pkt_spec *p, struct ip_info ip, struct loc loc);
void pkt_spec_add_encap(struct pkt_spec *p, struct encap_layer *layer);
void pkt_spec_set_psp(struct diag *d, struct pkt_spec *p, const struct num_tok *spi);
void pkt_spec_set_ports(struct diag *d, struct pkt_spec *p, const struct num_tok *sport,
			const struct num_tok *dport);
/* text is the flag word as written ("S.", "S.5", "-"); not taken. */
void pkt_spec_set_flags(struct diag *d, struct pkt_spec *p, const char *text, struct loc loc);
void pkt_spec_set_seq(struct pkt_spec *p, struct seq_spec seq);
void pkt_spec_set_ack(struct diag *d, struct pkt_spec *p, const struct num_tok *ack);
void pkt_spec_set_win(struct diag *d, struct pkt_spec *p, const struct num_tok *win);
void pkt_spec_set_urg(struct diag *d, struct pkt_spec *p, const struct num_tok *urg);
/* opts NULL means <...>. */
void pkt_spec_set_options(struct diag *d, struct pkt_spec *p, struct tcp_options *opts,
			  struct loc loc);
/* Checks that need the whole TCP packet (inbound window). */
void pkt_spec_finish_tcp(struct diag *d, struct pkt_spec *p, struct loc loc);
void pkt_spec_set_udp(struct diag *d, struct pkt_spec *p, const struct num_tok *len);
void pkt_spec_set_icmp(struct pkt_spec *p, char *type, struct loc type_loc, char *code,
		       struct loc code_loc);
void pkt_spec_set_mtu(struct diag *d, struct pkt_spec *p, const struct num_tok *mtu);
void pkt_spec_set_icmp_id(struct diag *d, struct pkt_spec *p, const struct num_tok *id);
void pkt_spec_set_echoed(struct diag *d, struct pkt_spec *p, enum icmp_echoed kind,
			 struct seq_spec seq, const struct num_tok *len);

/* TCP options (lengths as on the wire) */
struct tcp_option script_opt_simple(uint8_t kind, uint8_t len);
struct tcp_option script_opt_mss(struct diag *d, const struct num_tok *mss);
struct tcp_option script_opt_wscale(struct diag *d, const struct num_tok *shift);
struct tcp_option script_opt_sack(void);
void script_opt_sack_add(struct diag *d, struct tcp_option *opt, const struct num_tok *left,
			 const struct num_tok *right, struct loc loc);
struct tcp_option script_opt_ts(struct diag *d, const struct num_tok *val,
				const struct num_tok *ecr);
/* md5 / FO / FOEXP with a hex blob (text NULL for an empty FO/FOEXP; text is taken). */
struct tcp_option script_opt_blob(struct diag *d, uint8_t kind, char *text, struct loc loc);
/* AccECN: counters in the order written; b and c may be NULL. */
struct tcp_option script_opt_accecn(struct diag *d, uint8_t kind, const struct num_tok *a,
				    const struct num_tok *b, const struct num_tok *c);
struct tcp_options *script_optlist_new(void);
void script_optlist_add(struct diag *d, struct tcp_options *opts, const struct tcp_option *opt,
			struct loc loc);
/* Padding and total length checks for the finished <...> list. */
void script_optlist_finish(struct diag *d, struct tcp_options *opts, struct loc loc);

/* system calls */
struct syscall_spec *syscall_spec_new(char *name, struct loc name_loc, struct expr *args);
void syscall_spec_free(struct syscall_spec *sc);

/* events: an event under construction owns its packet/syscall/text */
struct event *event_new(enum event_kind kind, void *body);
void event_free(struct event *ev);

/* Appends an option line (checks that it comes before the events). */
void script_add_option(struct script *s, struct diag *d, char *name, char *value, struct loc loc);
/* An untimed backquoted command: the init command before the first event, the
 * cleanup command after the last one. */
void script_add_untimed(struct script *s, struct diag *d, char *command, struct loc loc);
/* Moves ev (freed) into the script with its time; loc is the time token. */
void script_add_event(struct script *s, struct diag *d, struct event *ev, struct event_time time,
		      struct loc loc);

#endif
