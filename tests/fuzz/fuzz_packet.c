/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_packet: a libFuzzer target for the packet and TCP option decoders and printers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "netdev/packet/packet.h"
#include "netdev/packet/tcp_options.h"

/* The printers must accept whatever the decoders accept. */
static void print_options(const struct tcp_options *opts)
{
	struct strbuf out = STRBUF_INIT;

	tcp_options_print(opts, &out);
	for (size_t i = 0; i < opts->count; i++) {
		/* an option decoded from the wire must compare equal to itself */
		if (!tcp_option_equal(&opts->opt[i], &opts->opt[i]))
			abort();
	}
	strbuf_free(&out);
}

/* What the decoder accepted must encode, and the encoding must decode again. */
static void round_trip(const struct packet *p)
{
	static uint8_t buf[70000];
	struct strbuf err = STRBUF_INIT;
	struct packet again;
	int len = packet_encode(p, buf, sizeof(buf));

	if (len >= 0) {
		if (packet_decode(buf, (size_t)len, &again, &err) < 0)
			abort();
		packet_free(&again);
	}
	strbuf_free(&err);
}

static void fuzz_packet(const uint8_t *data, size_t size)
{
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct packet p;

	if (packet_decode(data, size, &p, &err) == 0) {
		packet_print_short(&p, true, &out);
		packet_print_short(&p, false, &out);
		print_options(&p.opts);
		round_trip(&p);
		packet_free(&p);
	}
	strbuf_free(&out);
	strbuf_free(&err);
}

/* The bytes as a bare option list (at most 40 bytes fit a TCP header, but the
 * decoder takes any length). */
static void fuzz_options(const uint8_t *data, size_t size)
{
	struct strbuf err = STRBUF_INIT;
	struct tcp_options opts;

	if (tcp_options_decode(data, size, &opts, &err) == 0)
		print_options(&opts);
	strbuf_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_packet(data, size);
	fuzz_options(data, size);
	return 0;
}
