/* SPDX-License-Identifier: GPL-2.0-only */
/* pcapng: writes a pcapng capture's blocks: section and interface headers, packets with comments.
 */
#include "netdev/pcapng.h"

#include <string.h>

#include "parser/util/strbuf.h"

enum {
	BLOCK_SHB = 0x0A0D0D0A,
	BLOCK_IDB = 0x00000001,
	BLOCK_EPB = 0x00000006,
	BYTE_ORDER_MAGIC = 0x1A2B3C4D,
	LINKTYPE_RAW = 101,
	OPT_END = 0,
	OPT_COMMENT = 1,
	SHB_USERAPPL = 4,
	IF_NAME = 2,
	IF_TSRESOL = 9,
	EPB_FLAGS = 2,
	EPB_INBOUND = 1,
	EPB_OUTBOUND = 2,
};

static void put(struct strbuf *b, const void *p, size_t n)
{
	strbuf_append(b, p, n);
}

static void put32(struct strbuf *b, uint32_t v)
{
	put(b, &v, 4);
}

static void put16(struct strbuf *b, uint16_t v)
{
	put(b, &v, 2);
}

static void pad4(struct strbuf *b)
{
	static const uint8_t zero[4];

	put(b, zero, (4 - b->len % 4) % 4);
}

static void option(struct strbuf *b, uint16_t code, const void *value, size_t len)
{
	put16(b, code);
	put16(b, (uint16_t)len);
	put(b, value, len);
	pad4(b);
}

/* Frames the body in b (which starts with 8 placeholder bytes) as a block
 * of type and writes it. */
static int write_block(FILE *f, struct strbuf *b, uint32_t type)
{
	uint32_t total = (uint32_t)b->len + 4;

	put32(b, total);
	memcpy(b->s, &type, 4);
	memcpy(b->s + 4, &total, 4);
	int rc = fwrite(b->s, 1, b->len, f) == b->len ? 0 : -1;
	strbuf_free(b);
	return rc;
}

int pcapng_write_header(FILE *f, const char *if_name)
{
	struct strbuf b = STRBUF_INIT;
	uint8_t nanoseconds = 9;

	put32(&b, 0);
	put32(&b, 0);
	put32(&b, BYTE_ORDER_MAGIC);
	put16(&b, 1);
	put16(&b, 0);
	put32(&b, 0xffffffff); /* section length -1: not given */
	put32(&b, 0xffffffff);
	option(&b, SHB_USERAPPL, "pktdrill", 8);
	option(&b, OPT_END, "", 0);
	if (write_block(f, &b, BLOCK_SHB))
		return -1;
	put32(&b, 0);
	put32(&b, 0);
	put16(&b, LINKTYPE_RAW);
	put16(&b, 0);
	put32(&b, 0);
	option(&b, IF_NAME, if_name, strlen(if_name));
	option(&b, IF_TSRESOL, &nanoseconds, 1);
	option(&b, OPT_END, "", 0);
	return write_block(f, &b, BLOCK_IDB);
}

int pcapng_write_packet(FILE *f, int64_t wall_ns, const uint8_t *pkt, uint32_t len, bool outgoing,
			const char *comment)
{
	struct strbuf b = STRBUF_INIT;
	uint64_t ts = (uint64_t)wall_ns;
	uint32_t flags = outgoing ? EPB_OUTBOUND : EPB_INBOUND;

	put32(&b, 0);
	put32(&b, 0);
	put32(&b, 0); /* the interface */
	put32(&b, (uint32_t)(ts >> 32));
	put32(&b, (uint32_t)ts);
	put32(&b, len);
	put32(&b, len);
	put(&b, pkt, len);
	pad4(&b);
	/* an option's length is 16 bits: a longer comment is cut */
	if (comment)
		option(&b, OPT_COMMENT, comment, strlen(comment) < 65532 ? strlen(comment) : 65532);
	option(&b, EPB_FLAGS, &flags, 4);
	option(&b, OPT_END, "", 0);
	return write_block(f, &b, BLOCK_EPB);
}
