/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp_opt_spec: constructors of a script packet's TCP options and their list, with the range,
 * hex blob, padding and length checks upstream makes at parse time. */
#include "parser/tcp_opt_spec.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "parser/diag.h"
#include "parser/util/xalloc.h"

struct tcp_option tcp_opt_spec_simple(uint8_t kind, uint8_t len)
{
	struct tcp_option o;

	memset(&o, 0, sizeof(o));
	o.kind = kind;
	o.len = len;
	return o;
}

struct tcp_option tcp_opt_spec_mss(struct diag *d, const struct num_tok *mss)
{
	struct tcp_option o = tcp_opt_spec_simple(TCPO_MSS, 4);

	o.mss = (uint16_t)num_tok_range(d, mss, 0, UINT16_MAX, "mss value out of range");
	return o;
}

struct tcp_option tcp_opt_spec_wscale(struct diag *d, const struct num_tok *shift)
{
	struct tcp_option o = tcp_opt_spec_simple(TCPO_WSCALE, 3);

	o.wscale =
	    (uint8_t)num_tok_range(d, shift, 0, 255, "window scale shift count out of range");
	return o;
}

struct tcp_option tcp_opt_spec_sack(void)
{
	return tcp_opt_spec_simple(TCPO_SACK, 2);
}

void tcp_opt_spec_sack_add(struct diag *d, struct tcp_option *opt, const struct num_tok *left,
			   const struct num_tok *right, struct loc loc)
{
	uint32_t l = (uint32_t)num_tok_range(d, left, 0, UINT32_MAX,
					     "TCP SACK left sequence number out of range");
	uint32_t r = (uint32_t)num_tok_range(d, right, 0, UINT32_MAX,
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

struct tcp_option tcp_opt_spec_ts(struct diag *d, const struct num_tok *val,
				  const struct num_tok *ecr)
{
	struct tcp_option o = tcp_opt_spec_simple(TCPO_TIMESTAMP, 10);

	o.ts.val = (uint32_t)num_tok_range(d, val, 0, UINT32_MAX, "TS val out of range");
	o.ts.ecr = (uint32_t)num_tok_range(d, ecr, 0, UINT32_MAX, "TS ecr out of range");
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

struct tcp_option tcp_opt_spec_blob(struct diag *d, uint8_t kind, char *text, struct loc loc)
{
	uint8_t header = kind == TCPO_FASTOPEN_EXP ? 4 : 2;
	struct tcp_option o = tcp_opt_spec_simple(kind, header);

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
	v = (uint32_t)num_tok_range(d, t, 0, 0xffffff, "TCP AccECN field value out of range");
	o->blob.bytes[o->blob.len++] = (uint8_t)(v >> 16);
	o->blob.bytes[o->blob.len++] = (uint8_t)(v >> 8);
	o->blob.bytes[o->blob.len++] = (uint8_t)v;
	o->len += 3;
}

struct tcp_option tcp_opt_spec_accecn(struct diag *d, uint8_t kind, const struct num_tok *a,
				      const struct num_tok *b, const struct num_tok *c)
{
	struct tcp_option o = tcp_opt_spec_simple(kind, 2);

	put24(&o, d, a);
	put24(&o, d, b);
	put24(&o, d, c);
	return o;
}

struct tcp_options *tcp_opt_spec_list_new(void)
{
	return xcalloc(1, sizeof(struct tcp_options));
}

static size_t list_bytes(const struct tcp_options *opts)
{
	size_t n = 0;

	for (size_t i = 0; i < opts->count; i++)
		n += opts->opt[i].len;
	return n;
}

void tcp_opt_spec_list_add(struct diag *d, struct tcp_options *opts, const struct tcp_option *opt,
			   struct loc loc)
{
	/* The array holds 40 options; beyond that the list is too long anyway and
	 * tcp_opt_spec_list_finish reports it, so extra options are dropped. */
	if (opts->count == TCP_OPTIONS_MAX_BYTES) {
		diag_error(d, loc, "TCP option list too long");
		opts->count++;
		return;
	}
	if (opts->count > TCP_OPTIONS_MAX_BYTES)
		return;
	opts->opt[opts->count++] = *opt;
}

void tcp_opt_spec_list_finish(struct diag *d, struct tcp_options *opts, struct loc loc)
{
	size_t n;

	if (opts->count > TCP_OPTIONS_MAX_BYTES) {
		opts->count = TCP_OPTIONS_MAX_BYTES;
		return;
	}
	for (size_t i = 0; i < opts->count; i++)
		if (!opts->opt[i].len)
			return; /* a bad blob was reported; its length is unknown */
	n = list_bytes(opts);
	if (n > TCP_OPTIONS_MAX_BYTES)
		diag_error(d, loc, "TCP option list too long");
	else if (n % 4)
		diag_error(d, loc,
			   "TCP options are not padded correctly to ensure TCP header is a "
			   "multiple of 4 bytes: %zu excess bytes",
			   n % 4);
}
