/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp_options: the TCP option model, its wire encoding, decoding and script-style printing. */
#include "netdev/packet/tcp_options.h"

#include <string.h>

#include "netdev/packet/wire.h"

/* Results of a codec's decode callback. */
enum option_decode_status {
	OPTION_OK = 0,
	OPTION_BAD_LENGTH = -1,
	OPTION_BAD_MAGIC = -2,
};

/* How one kind's value (the bytes after kind and length) maps to struct tcp_option. */
struct option_codec {
	/* Writes the value into data, n bytes that are already zeroed. */
	void (*encode)(const struct tcp_option *opt, uint8_t *data, size_t n);
	/* Reads n value bytes into opt; returns an enum option_decode_status. */
	int (*decode)(const uint8_t *data, size_t n, struct tcp_option *opt);
	/* Appends what follows the option's name, e.g. " 1460". */
	void (*print)(const struct tcp_option *opt, struct strbuf *out);
};

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* eol, nop, sackOK: no value. */
static void empty_encode(const struct tcp_option *opt, uint8_t *data, size_t n)
{
}

static int empty_decode(const uint8_t *data, size_t n, struct tcp_option *opt)
{
	return OPTION_OK;
}

static void empty_print(const struct tcp_option *opt, struct strbuf *out)
{
}

static void mss_encode(const struct tcp_option *opt, uint8_t *data, size_t n)
{
	put16(data, opt->mss);
}

static int mss_decode(const uint8_t *data, size_t n, struct tcp_option *opt)
{
	opt->mss = get16(data);
	return OPTION_OK;
}

static void mss_print(const struct tcp_option *opt, struct strbuf *out)
{
	strbuf_printf(out, " %u", opt->mss);
}

static void wscale_encode(const struct tcp_option *opt, uint8_t *data, size_t n)
{
	data[0] = opt->wscale;
}

static int wscale_decode(const uint8_t *data, size_t n, struct tcp_option *opt)
{
	opt->wscale = data[0];
	return OPTION_OK;
}

static void wscale_print(const struct tcp_option *opt, struct strbuf *out)
{
	strbuf_printf(out, " %u", opt->wscale);
}

static void sack_encode(const struct tcp_option *opt, uint8_t *data, size_t n)
{
	size_t count = min_size(min_size(opt->sack.count, TCP_SACK_MAX_BLOCKS), n / 8);

	for (size_t i = 0; i < count; i++) {
		put32(data + 8 * i, opt->sack.block[i].left);
		put32(data + 8 * i + 4, opt->sack.block[i].right);
	}
}

static int sack_decode(const uint8_t *data, size_t n, struct tcp_option *opt)
{
	if (n % 8 || n / 8 > TCP_SACK_MAX_BLOCKS)
		return OPTION_BAD_LENGTH;
	opt->sack.count = (uint8_t)(n / 8);
	for (size_t i = 0; i < opt->sack.count; i++) {
		opt->sack.block[i].left = get32(data + 8 * i);
		opt->sack.block[i].right = get32(data + 8 * i + 4);
	}
	return OPTION_OK;
}

static void sack_print(const struct tcp_option *opt, struct strbuf *out)
{
	size_t count = min_size(opt->sack.count, TCP_SACK_MAX_BLOCKS);

	for (size_t i = 0; i < count; i++)
		strbuf_printf(out, " %u:%u", opt->sack.block[i].left, opt->sack.block[i].right);
}

static void ts_encode(const struct tcp_option *opt, uint8_t *data, size_t n)
{
	put32(data, opt->ts.val);
	put32(data + 4, opt->ts.ecr);
}

static int ts_decode(const uint8_t *data, size_t n, struct tcp_option *opt)
{
	opt->ts.val = get32(data);
	opt->ts.ecr = get32(data + 4);
	return OPTION_OK;
}

static void ts_print(const struct tcp_option *opt, struct strbuf *out)
{
	strbuf_printf(out, " val %u ecr %u", opt->ts.val, opt->ts.ecr);
}

/* md5, FO, AccECN and unknown kinds keep their value as raw bytes. */
static void blob_encode(const struct tcp_option *opt, uint8_t *data, size_t n)
{
	memcpy(data, opt->blob.bytes, min_size(min_size(opt->blob.len, TCP_OPTION_BLOB_MAX), n));
}

static int blob_decode(const uint8_t *data, size_t n, struct tcp_option *opt)
{
	if (n > TCP_OPTION_BLOB_MAX)
		return OPTION_BAD_LENGTH;
	opt->blob.len = (uint8_t)n;
	memcpy(opt->blob.bytes, data, n);
	return OPTION_OK;
}

/* Appends " <lowercase hex>", or nothing for an empty value ("FO" alone). */
static void blob_print(const struct tcp_option *opt, struct strbuf *out)
{
	size_t len = min_size(opt->blob.len, TCP_OPTION_BLOB_MAX);

	if (len)
		strbuf_append(out, " ", 1);
	for (size_t i = 0; i < len; i++)
		strbuf_printf(out, "%02x", opt->blob.bytes[i]);
}

/* FOEXP: the 16-bit experiment magic, then the cookie kept in blob. */
static void foexp_encode(const struct tcp_option *opt, uint8_t *data, size_t n)
{
	if (n < 2)
		return;
	put16(data, TCP_FASTOPEN_EXP_MAGIC);
	blob_encode(opt, data + 2, n - 2);
}

static int foexp_decode(const uint8_t *data, size_t n, struct tcp_option *opt)
{
	if (n < 2)
		return OPTION_BAD_LENGTH;
	if (get16(data) != TCP_FASTOPEN_EXP_MAGIC)
		return OPTION_BAD_MAGIC;
	return blob_decode(data + 2, n - 2, opt);
}

/* AccECN: up to three 24-bit big-endian byte counters, kept in blob. */
static int ecn_decode(const uint8_t *data, size_t n, struct tcp_option *opt)
{
	if (n % 3 || n / 3 > 3)
		return OPTION_BAD_LENGTH;
	return blob_decode(data, n, opt);
}

static void ecn_print(const struct tcp_option *opt, const char *const labels[3], struct strbuf *out)
{
	size_t count = min_size(opt->blob.len, TCP_OPTION_BLOB_MAX) / 3;

	for (size_t i = 0; i < count && i < 3; i++) {
		const uint8_t *c = opt->blob.bytes + 3 * i;

		strbuf_printf(out, " %s %u", labels[i], (unsigned)(c[0] << 16 | c[1] << 8 | c[2]));
	}
}

static void ecn0_print(const struct tcp_option *opt, struct strbuf *out)
{
	static const char *const labels[3] = {"e0b", "ceb", "e1b"};

	ecn_print(opt, labels, out);
}

static void ecn1_print(const struct tcp_option *opt, struct strbuf *out)
{
	static const char *const labels[3] = {"e1b", "ceb", "e0b"};

	ecn_print(opt, labels, out);
}

static const struct option_codec codec_empty = {empty_encode, empty_decode, empty_print};
static const struct option_codec codec_mss = {mss_encode, mss_decode, mss_print};
static const struct option_codec codec_wscale = {wscale_encode, wscale_decode, wscale_print};
static const struct option_codec codec_sack = {sack_encode, sack_decode, sack_print};
static const struct option_codec codec_ts = {ts_encode, ts_decode, ts_print};
static const struct option_codec codec_blob = {blob_encode, blob_decode, blob_print};
static const struct option_codec codec_foexp = {foexp_encode, foexp_decode, blob_print};
static const struct option_codec codec_ecn0 = {blob_encode, ecn_decode, ecn0_print};
static const struct option_codec codec_ecn1 = {blob_encode, ecn_decode, ecn1_print};

/* Which codec each TCP_OPTION_LIST entry uses. */
#define CODEC_EOL codec_empty
#define CODEC_NOP codec_empty
#define CODEC_MSS codec_mss
#define CODEC_WSCALE codec_wscale
#define CODEC_SACK_PERMITTED codec_empty
#define CODEC_SACK codec_sack
#define CODEC_TIMESTAMP codec_ts
#define CODEC_MD5SIG codec_blob
#define CODEC_FASTOPEN codec_blob
#define CODEC_ACCECN0 codec_ecn0
#define CODEC_ACCECN1 codec_ecn1
#define CODEC_FASTOPEN_EXP codec_foexp

struct option_desc {
	const char *name; /* NULL for kinds we do not know */
	uint8_t len;	  /* fixed wire length, 0 = variable */
	const struct option_codec *codec;
};

static const struct option_desc option_descs[256] = {
#define X(id, kind, name, len) [kind] = {name, len, &CODEC_##id},
    TCP_OPTION_LIST(X)
#undef X
};

static const struct option_codec *option_codec(uint8_t kind)
{
	const struct option_codec *codec = option_descs[kind].codec;

	return codec ? codec : &codec_blob;
}

static bool option_is_single_byte(uint8_t kind)
{
	return kind == TCPO_EOL || kind == TCPO_NOP;
}

static size_t option_wire_len(const struct tcp_option *opt)
{
	return option_is_single_byte(opt->kind) ? 1 : opt->len;
}

const char *tcp_option_name(uint8_t kind)
{
	return option_descs[kind].name;
}

size_t tcp_options_len(const struct tcp_options *opts)
{
	size_t len = 0;

	for (size_t i = 0; i < opts->count; i++)
		len += option_wire_len(&opts->opt[i]);
	return len;
}

/* True if opt->len suits its kind: a fixed kind's own length, else room
 * for at least the kind and length bytes. */
static bool option_len_valid(const struct tcp_option *opt)
{
	uint8_t fixed = option_descs[opt->kind].len;

	if (option_is_single_byte(opt->kind))
		return true;
	return fixed ? opt->len == fixed : opt->len >= 2;
}

/* Writes one option; returns its length, or -1 if it does not fit in cap
 * or its length does not suit its kind. */
static int option_encode(const struct tcp_option *opt, uint8_t *out, size_t cap)
{
	size_t len = option_wire_len(opt);

	if (len > cap || !option_len_valid(opt))
		return -1;
	out[0] = opt->kind;
	if (len == 1)
		return 1;
	out[1] = opt->len;
	memset(out + 2, 0, len - 2);
	option_codec(opt->kind)->encode(opt, out + 2, len - 2);
	return (int)len;
}

int tcp_options_encode(const struct tcp_options *opts, uint8_t *out, size_t cap)
{
	size_t off = 0;

	for (size_t i = 0; i < opts->count; i++) {
		int n = option_encode(&opts->opt[i], out + off, cap - off);

		if (n < 0)
			return -1;
		off += (size_t)n;
	}
	return (int)off;
}

/* Checks the kind and length bytes of the option at in[0..left); returns
 * its wire length, or -1 with a message in err. */
static int option_check_header(const uint8_t *in, size_t left, struct strbuf *err)
{
	uint8_t kind = in[0];
	const struct option_desc *desc = &option_descs[kind];

	if (!desc->name) {
		strbuf_printf(err, "unexpected TCP option kind: %u", kind);
		return -1;
	}
	if (option_is_single_byte(kind))
		return 1;
	if (left < 2) {
		strbuf_printf(err, "TCP option truncated: kind %u has no length byte", kind);
		return -1;
	}
	if (in[1] < 2 || (desc->len && in[1] != desc->len)) {
		strbuf_printf(err, "bad TCP option length: kind %u length %u", kind, in[1]);
		return -1;
	}
	if (in[1] > left) {
		strbuf_printf(err,
			      "TCP option length overflow: kind %u length %u but %zu bytes left",
			      kind, in[1], left);
		return -1;
	}
	return in[1];
}

/* Decodes the option whose header option_check_header() accepted. */
static int option_decode(const uint8_t *in, size_t len, struct tcp_option *opt, struct strbuf *err)
{
	memset(opt, 0, sizeof(*opt));
	opt->kind = in[0];
	opt->len = (uint8_t)len;
	if (len == 1)
		return 0;

	int status = option_codec(opt->kind)->decode(in + 2, len - 2, opt);

	if (status == OPTION_BAD_MAGIC)
		strbuf_printf(err, "unexpected experimental TCP option magic: 0x%04x",
			      get16(in + 2));
	else if (status != OPTION_OK)
		strbuf_printf(err, "bad TCP option length: kind %u length %u", in[0], in[1]);
	return status == OPTION_OK ? 0 : -1;
}

int tcp_options_decode(const uint8_t *in, size_t len, struct tcp_options *opts, struct strbuf *err)
{
	size_t off = 0;

	opts->count = 0;
	while (off < len) {
		if (opts->count >= TCP_OPTIONS_MAX_BYTES) {
			strbuf_printf(err, "too many TCP options");
			return -1;
		}

		int n = option_check_header(in + off, len - off, err);

		if (n < 0 || option_decode(in + off, (size_t)n, &opts->opt[opts->count], err) < 0)
			return -1;
		opts->count++;
		off += (size_t)n;
	}
	return 0;
}

void tcp_option_print(const struct tcp_option *opt, struct strbuf *out)
{
	const char *name = tcp_option_name(opt->kind);

	if (!name) {
		strbuf_printf(out, "kind_%u", opt->kind);
		return;
	}
	strbuf_printf(out, "%s", name);
	option_codec(opt->kind)->print(opt, out);
}

void tcp_options_print(const struct tcp_options *opts, struct strbuf *out)
{
	if (!opts->count)
		return;
	strbuf_append(out, "<", 1);
	for (size_t i = 0; i < opts->count; i++) {
		if (i)
			strbuf_append(out, ",", 1);
		tcp_option_print(&opts->opt[i], out);
	}
	strbuf_append(out, ">", 1);
}

bool tcp_option_equal(const struct tcp_option *a, const struct tcp_option *b)
{
	uint8_t abuf[256], bbuf[256];

	if (a->kind != b->kind || option_wire_len(a) != option_wire_len(b))
		return false;

	int alen = option_encode(a, abuf, sizeof(abuf));
	int blen = option_encode(b, bbuf, sizeof(bbuf));

	return alen >= 0 && alen == blen && memcmp(abuf, bbuf, (size_t)alen) == 0;
}
