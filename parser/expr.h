/* SPDX-License-Identifier: GPL-2.0-only */
/* expr: the expressions of system call arguments and results, and their constructors. */
#ifndef PARSER_EXPR_H
#define PARSER_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/loc.h"

struct diag;

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
 * (MPLS_STACK and GRE values are built by parser/encap_spec.c.)
 * An expression owns everything it points to; expr_free() frees the tree.
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

/* upstream's type names for "Bad type; actual: X expected: Y"; "unknown" for a
 * value outside the enum. The string is static. */
const char *expr_kind_name(enum expr_kind kind);

/* Returns the value of the KEYVAL item named key in a fielded struct (e may be
 * NULL), or NULL. The result points into e. */
const struct expr *expr_field(const struct expr *e, const char *key);

/* ---- construction (used by the grammar) ----
 * Each constructor returns a new expression the caller owns, and takes
 * ownership of the strings and expressions passed to it. Out of memory is
 * fatal (parser/util/xalloc.h), so none returns NULL. */

/* An expression of kind with no value yet (ELLIPSIS, or an empty LIST / MPLS_STACK). */
struct expr *expr_new(enum expr_kind kind, struct loc loc);
struct expr *expr_new_int(int64_t num, struct loc loc);
/* A WORD, STRING or IN6_ADDR holding text (NUL-terminated). */
struct expr *expr_new_text(enum expr_kind kind, char *text, struct loc loc);
/* lhs | rhs */
struct expr *expr_new_binary(struct expr *lhs, struct expr *rhs, struct loc loc);
/* key=value; value may be NULL. */
struct expr *expr_new_keyval(char *key, struct expr *value, struct loc loc);
/* Appends item to list's items and returns list. */
struct expr *expr_append(struct expr *list, struct expr *item);
/* Appends the raw text of another adjacent STRING token (more is freed) and
 * returns str, its span extended to loc's end. */
struct expr *expr_concat(struct expr *str, char *more, struct loc loc);
/* A fielded struct: (const char *key, struct expr *value) pairs ended by a NULL
 * key; pairs with a NULL value (absent optional fields) are skipped. Keys are
 * copied; values are taken. */
struct expr *expr_new_fields(enum expr_kind kind, struct loc loc, ...);
/* Turns the list built for a plain { a, b } into a STRUCT, or into an IOVEC when
 * it is exactly { ..., INTEGER }; returns list. */
struct expr *expr_finish_struct(struct expr *list, struct loc loc);
/* inet_addr("a.b.c.d") folded to an INTEGER (network byte order value); text is
 * freed. A bad address is reported through d at text_loc (the value is then 0). */
struct expr *expr_new_inet_addr(struct diag *d, char *text, struct loc text_loc, struct loc loc);

/* Frees e and everything it owns; e may be NULL. */
void expr_free(struct expr *e);

#endif
