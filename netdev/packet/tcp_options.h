/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp_options: the TCP option model, its wire encoding, decoding and script-style printing. */
#ifndef PACKET_TCP_OPTIONS_H
#define PACKET_TCP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/util/strbuf.h"

/* Option kinds, name as written in scripts, fixed wire length (0 = variable). */
#define TCP_OPTION_LIST(X)                                                                         \
	X(EOL, 0, "eol", 1)                                                                        \
	X(NOP, 1, "nop", 1)                                                                        \
	X(MSS, 2, "mss", 4)                                                                        \
	X(WSCALE, 3, "wscale", 3)                                                                  \
	X(SACK_PERMITTED, 4, "sackOK", 2)                                                          \
	X(SACK, 5, "sack", 0)                                                                      \
	X(TIMESTAMP, 8, "TS", 10)                                                                  \
	X(MD5SIG, 19, "md5", 0)                                                                    \
	X(FASTOPEN, 34, "FO", 0)                                                                   \
	X(ACCECN0, 172, "ECN", 0)                                                                  \
	X(ACCECN1, 174, "ECN", 0)                                                                  \
	X(FASTOPEN_EXP, 254, "FOEXP", 0)

enum tcp_option_kind {
#define X(id, kind, name, len) TCPO_##id = kind,
	TCP_OPTION_LIST(X)
#undef X
};

#define TCP_OPTIONS_MAX_BYTES 40
#define TCP_SACK_MAX_BLOCKS 4
#define TCP_FASTOPEN_EXP_MAGIC 0xF989
#define TCP_OPTION_BLOB_MAX 38

struct tcp_sack_block {
	uint32_t left;
	uint32_t right;
};

/* One option. `len` is the total length on the wire including the kind and
 * length bytes (1 for EOL and NOP). Which union member is valid depends on kind:
 * MSS→mss, WSCALE→wscale, TIMESTAMP→ts, SACK→sack, everything else (md5,
 * FO, FOEXP cookie without the magic, AccECN counters, unknown kinds)→blob. */
struct tcp_option {
	uint8_t kind;
	uint8_t len;
	union {
		uint16_t mss;
		uint8_t wscale;
		struct {
			uint32_t val;
			uint32_t ecr;
		} ts;
		struct {
			uint8_t count;
			struct tcp_sack_block block[TCP_SACK_MAX_BLOCKS];
		} sack;
		struct {
			uint8_t len;
			uint8_t bytes[TCP_OPTION_BLOB_MAX];
		} blob;
	};
};

/* An ordered option list. At most 40 options fit in 40 bytes. */
struct tcp_options {
	uint8_t count;
	struct tcp_option opt[TCP_OPTIONS_MAX_BYTES];
};

/* Returns the option's script name ("mss", "sackOK", …) or NULL if unknown. */
const char *tcp_option_name(uint8_t kind);

/* Total encoded length in bytes of all options. */
size_t tcp_options_len(const struct tcp_options *opts);

/* Writes the options in wire order to out (cap bytes). Returns the number of
 * bytes written, or -1 if they do not fit. No padding is added. */
int tcp_options_encode(const struct tcp_options *opts, uint8_t *out, size_t cap);

/* Parses len bytes of options. Returns 0, or -1 with a message in err
 * (e.g. "unexpected TCP option kind: 99", "TCP option length overflow"). */
int tcp_options_decode(const uint8_t *in, size_t len, struct tcp_options *opts, struct strbuf *err);

/* Appends one option as a script writes it: "mss 1460", "sack 1:2 3:4",
 * "TS val 1 ecr 0", "FO 0102", "nop". */
void tcp_option_print(const struct tcp_option *opt, struct strbuf *out);

/* Appends "<opt,opt,...>" (no spaces after the commas), or nothing if empty. */
void tcp_options_print(const struct tcp_options *opts, struct strbuf *out);

/* True if the two options have the same kind, length and value bytes. */
bool tcp_option_equal(const struct tcp_option *a, const struct tcp_option *b);

#endif
