/* script: the in-memory model of a parsed .pkt script (options, timed events, packets, syscalls). */
#ifndef PARSER_SCRIPT_H
#define PARSER_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "packet/tcp_options.h"

/* A span of source text: byte offsets [start, end) plus the 1-based line and
 * column of start (column counts bytes). */
struct loc {
	uint32_t start, end;
	uint32_t line, col;
};

/* ---- expressions (syscall arguments) ---- */

#define EXPR_KIND_LIST(X)                                  \
	X(ELLIPSIS, "ellipsis")                            \
	X(INTEGER, "integer")                              \
	X(WORD, "word")                                    \
	X(STRING, "string")                                \
	X(BINARY, "binary_expression")                     \
	X(LIST, "list")                                    \
	X(KEYVAL, "keyval")                                \
	X(IN6_ADDR, "in6_addr")                            \
	X(SOCKADDR_IN, "sockaddr_in")                      \
	X(LINGER, "linger")                                \
	X(IOVEC, "iovec")                                  \
	X(MSGHDR, "msghdr")                                \
	X(CMSG, "cmsg")                                    \
	X(POLLFD, "pollfd")                                \
	X(EPOLLEV, "epollev")                              \
	X(SCM_TIMESTAMPING, "scm_timestamping")            \
	X(SOCK_EXTENDED_ERR, "sock_extended_err")          \
	X(MPLS_STACK, "mpls_stack")                        \
	X(GRE, "gre")                                      \
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
	int ecn;		/* enum pkt_ecn */
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
	struct ip_info ip;	/* IPV4/IPV6 */
	char *src, *dst;	/* IPV4/IPV6 address text */
	struct expr *fields;	/* GRE: a GRE expr, MPLS: an MPLS_STACK expr; may be NULL */
};

enum icmp_echoed { ICMP_ECHOED_DEFAULT, ICMP_ECHOED_TCP, ICMP_ECHOED_UDP, ICMP_ECHOED_RAW };

struct pkt_spec {
	enum pkt_direction dir;
	enum pkt_l4 l4;
	struct ip_info ip;
	struct encap_layer *encap;	/* outer layers, outermost first */
	size_t n_encap;
	bool has_psp;
	uint32_t psp_spi;
	bool has_ports;
	uint16_t sport, dport;

	/* TCP */
	uint16_t tcp_flags;	/* packet/packet.h enum tcp_flag_bits */
	int ace;		/* AccECN ACE digit 0..7, or -1 if none */
	uint32_t seq_start, seq_end;
	uint16_t payload_len;
	bool has_ack;
	uint32_t ack;
	bool has_win;
	uint16_t win;
	uint16_t urg;
	bool options_any;	/* <...>: do not check options (outbound only) */
	struct tcp_options opts;/* empty when no <...> list was written */

	/* UDP */
	uint16_t udp_len;

	/* ICMP: names as written (resolved per family at check/run time) */
	char *icmp_type;
	char *icmp_code;	/* NULL = code 0 */
	bool has_mtu;
	uint32_t mtu;
	bool has_icmp_id;
	uint16_t icmp_id;
	enum icmp_echoed echoed;
	uint32_t echoed_start, echoed_end;	/* ICMP_ECHOED_TCP */
	uint16_t echoed_len;			/* TCP payload, UDP len or RAW len */
};

/* ---- system calls ---- */

struct syscall_spec {
	char *name;
	struct loc name_loc;
	struct expr **args;
	size_t n_args;
	bool blocking;		/* written as "...END name(...)" */
	int64_t end_usecs;	/* END, as written (relative to the event's anchor if the
				 * event time is relative) */
	struct expr *result;	/* the expression after '=' (must be an INTEGER at run time) */
	char *errno_name;	/* NULL if none */
	char *note;		/* text inside the trailing ( ), NULL if none */
};

/* ---- events ---- */

enum event_kind { EVENT_PACKET, EVENT_SYSCALL, EVENT_COMMAND, EVENT_CODE };

enum time_kind {
	TIME_ABSOLUTE,		/* t */
	TIME_RELATIVE,		/* +t */
	TIME_ANY,		/* * */
	TIME_ABSOLUTE_RANGE,	/* t1~t2 */
	TIME_RELATIVE_RANGE,	/* +t1~+t2 */
};

struct event_time {
	enum time_kind kind;
	int64_t start_usecs;	/* microseconds, truncated */
	int64_t end_usecs;	/* ranges only */
};

struct event {
	enum event_kind kind;
	struct loc loc;		/* the event time token (line used in runtime errors) */
	struct event_time time;
	struct pkt_spec *packet;	/* EVENT_PACKET */
	struct syscall_spec *syscall;	/* EVENT_SYSCALL */
	char *command;			/* EVENT_COMMAND: text between the backquotes */
	char *code;			/* EVENT_CODE: text of %{ }% with spaces/tabs trimmed */
};

/* An option line at the top of a script: --name[=value]. */
struct option_line {
	char *name;		/* without the leading "--" */
	char *value;		/* NULL when written without '='; text of the value otherwise
				 * (a STRING value without its quotes; for --define the whole
				 * NAME=VALUE text) */
	struct loc loc;
};

struct script {
	char *path;		/* as given */
	char *text;		/* the whole source, NUL-terminated (kept for diagnostics) */
	size_t text_len;
	struct option_line *options;
	size_t n_options;
	char *init_command;	/* NULL if none */
	struct loc init_loc;
	char *cleanup_command;	/* NULL if none */
	struct loc cleanup_loc;
	struct event *events;
	size_t n_events;
};

void script_free(struct script *s);

#endif
