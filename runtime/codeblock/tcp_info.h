/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp_info: the snapshot of a socket that %{ }% code sees — TCP_INFO (the kernel's full
 * struct tcp_info as of Linux 6.18), TCP_CC_INFO and SO_MEMINFO, named as in spec Appendix B. */
#ifndef CODE_TCP_INFO_H
#define CODE_TCP_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/codeblock/code_expr.h"
#include "parser/util/strbuf.h"

/*
 * struct tcp_info as Linux 6.18 returns it (linux/tcp.h field order). glibc's
 * <netinet/tcp.h> and older linux-libc-dev stop earlier; a kernel older than
 * 6.18 returns a prefix of this and getsockopt() says how long it is, so the
 * rest stays zero. Bit-fields are allocated from the low bits up, as the
 * kernel's own (same compiler ABI).
 */
struct kernel_tcp_info {
	uint8_t tcpi_state;
	uint8_t tcpi_ca_state;
	uint8_t tcpi_retransmits;
	uint8_t tcpi_probes;
	uint8_t tcpi_backoff;
	uint8_t tcpi_options;
	uint8_t tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4;
	uint8_t tcpi_delivery_rate_app_limited : 1, tcpi_fastopen_client_fail : 2;

	uint32_t tcpi_rto;
	uint32_t tcpi_ato;
	uint32_t tcpi_snd_mss;
	uint32_t tcpi_rcv_mss;

	uint32_t tcpi_unacked;
	uint32_t tcpi_sacked; /* listeners: the accept backlog */
	uint32_t tcpi_lost;
	uint32_t tcpi_retrans;
	uint32_t tcpi_fackets; /* always 0 since Linux 4.18 */

	uint32_t tcpi_last_data_sent; /* ms ago */
	uint32_t tcpi_last_ack_sent;  /* never filled in */
	uint32_t tcpi_last_data_recv;
	uint32_t tcpi_last_ack_recv;

	uint32_t tcpi_pmtu;
	uint32_t tcpi_rcv_ssthresh;
	uint32_t tcpi_rtt; /* usecs */
	uint32_t tcpi_rttvar;
	uint32_t tcpi_snd_ssthresh;
	uint32_t tcpi_snd_cwnd;
	uint32_t tcpi_advmss;
	uint32_t tcpi_reordering;

	uint32_t tcpi_rcv_rtt;
	uint32_t tcpi_rcv_space;

	uint32_t tcpi_total_retrans;

	uint64_t tcpi_pacing_rate; /* bytes per second */
	uint64_t tcpi_max_pacing_rate;
	uint64_t tcpi_bytes_acked;
	uint64_t tcpi_bytes_received;
	uint32_t tcpi_segs_out;
	uint32_t tcpi_segs_in;

	uint32_t tcpi_notsent_bytes;
	uint32_t tcpi_min_rtt;
	uint32_t tcpi_data_segs_in;
	uint32_t tcpi_data_segs_out;

	uint64_t tcpi_delivery_rate;

	uint64_t tcpi_busy_time;      /* usecs busy sending data */
	uint64_t tcpi_rwnd_limited;   /* usecs limited by the receive window */
	uint64_t tcpi_sndbuf_limited; /* usecs limited by the send buffer */

	uint32_t tcpi_delivered;
	uint32_t tcpi_delivered_ce;

	uint64_t tcpi_bytes_sent;
	uint64_t tcpi_bytes_retrans;
	uint32_t tcpi_dsack_dups;
	uint32_t tcpi_reord_seen;

	uint32_t tcpi_rcv_ooopack;

	uint32_t tcpi_snd_wnd;
	uint32_t tcpi_rcv_wnd;

	uint32_t tcpi_rehash;

	uint16_t tcpi_total_rto;
	uint16_t tcpi_total_rto_recoveries;
	uint32_t tcpi_total_rto_time; /* ms */
	uint32_t tcpi_received_ce;
	uint32_t tcpi_delivered_e1_bytes;
	uint32_t tcpi_delivered_e0_bytes;
	uint32_t tcpi_delivered_ce_bytes;
	uint32_t tcpi_received_e1_bytes;
	uint32_t tcpi_received_e0_bytes;
	uint32_t tcpi_received_ce_bytes;
	uint32_t tcpi_ecn_mode : 2, tcpi_accecn_opt_seen : 2, tcpi_accecn_fail_mode : 4,
	    tcpi_options2 : 24;
};

/* Upper bound of the number of names; the table itself is in tcp_info.c. */
#define TCP_SNAPSHOT_MAX 128

/* The values of one snapshot, indexed like the name table; have[] is false for
 * a name this snapshot does not define (a TCP_CC_INFO group the congestion
 * control does not report, SO_MEMINFO if it failed). */
struct tcp_snapshot {
	uint64_t v[TCP_SNAPSHOT_MAX];
	bool have[TCP_SNAPSHOT_MAX];
};

/* Takes the snapshot of fd: the constants, getsockopt TCP_INFO (required),
 * TCP_CC_INFO and SO_MEMINFO. Returns 0, or -1 with errno if TCP_INFO failed. */
int tcp_snapshot_take(int fd, struct tcp_snapshot *s);

/* A snapshot with only the constants defined (tests fill in the rest). */
void tcp_snapshot_init(struct tcp_snapshot *s);

/* Sets a name of the table (present from now on). Returns 0, or -1 if the
 * name is not in the table. */
int tcp_snapshot_set(struct tcp_snapshot *s, const char *name, uint64_t value);

/* Number of names in the table, and the i-th, in Appendix B order. */
size_t tcp_snapshot_count(void);
const char *tcp_snapshot_name(size_t i);

/* Index of name in the table, or -1. */
int tcp_snapshot_find(const char *name);

/* Appends "name = value\n" for every name the snapshot defines, in table
 * order, values as unsigned decimal (what the Python code is given). */
void tcp_snapshot_python(const struct tcp_snapshot *s, struct strbuf *out);

/* code_expr_lookup_fn over a snapshot (ctx is a const struct tcp_snapshot *):
 * constants are CODE_NAME_CONST, defined variables CODE_NAME_VAR, names of
 * the table that this snapshot lacks or whose value does not fit in an
 * int64_t CODE_NAME_RESERVED, anything else CODE_NAME_UNKNOWN. */
enum code_name tcp_snapshot_lookup(void *ctx, const char *name, struct code_value *v);

#endif
