/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp_opt_spec: a script packet's <...> TCP option list, built in the packet codec's option
 * model (netdev/packet/tcp_options.h) with lengths as on the wire. */
#ifndef PARSER_TCP_OPT_SPEC_H
#define PARSER_TCP_OPT_SPEC_H

#include <stdint.h>

#include "netdev/packet/tcp_options.h"
#include "parser/loc.h"
#include "parser/num_tok.h"

struct diag;

/* One option, returned by value (it owns nothing). Tokens are read, not taken;
 * a value out of range is reported through d at its token and truncated. */

/* An option with no data (NOP, EOL, sackOK) of wire length len. */
struct tcp_option tcp_opt_spec_simple(uint8_t kind, uint8_t len);
struct tcp_option tcp_opt_spec_mss(struct diag *d, const struct num_tok *mss);
struct tcp_option tcp_opt_spec_wscale(struct diag *d, const struct num_tok *shift);
/* A SACK option with no blocks yet; tcp_opt_spec_sack_add() appends one block
 * (left:right, whose span is loc), reporting more than TCP_SACK_MAX_BLOCKS once. */
struct tcp_option tcp_opt_spec_sack(void);
void tcp_opt_spec_sack_add(struct diag *d, struct tcp_option *opt, const struct num_tok *left,
			   const struct num_tok *right, struct loc loc);
struct tcp_option tcp_opt_spec_ts(struct diag *d, const struct num_tok *val,
				  const struct num_tok *ecr);
/* md5 / FO / FOEXP with a hex blob (text NULL for an empty FO/FOEXP; text is
 * taken and freed). A bad blob is reported at loc and gives an option of
 * length 0, which tcp_opt_spec_list_finish() then leaves unchecked. */
struct tcp_option tcp_opt_spec_blob(struct diag *d, uint8_t kind, char *text, struct loc loc);
/* AccECN: counters in the order written; b and c may be NULL. */
struct tcp_option tcp_opt_spec_accecn(struct diag *d, uint8_t kind, const struct num_tok *a,
				      const struct num_tok *b, const struct num_tok *c);

/* An empty list the caller owns (free(), or hand it to pkt_spec_set_options()). */
struct tcp_options *tcp_opt_spec_list_new(void);
/* Appends a copy of opt (at loc); past TCP_OPTIONS_MAX_BYTES options the list is
 * reported too long once and further options are dropped. */
void tcp_opt_spec_list_add(struct diag *d, struct tcp_options *opts, const struct tcp_option *opt,
			   struct loc loc);
/* Padding and total length checks for the finished <...> list (at loc). */
void tcp_opt_spec_list_finish(struct diag *d, struct tcp_options *opts, struct loc loc);

#endif
