/* SPDX-License-Identifier: GPL-2.0-only */
/* tcp_info: the snapshot of a socket that %{ }% code sees — TCP_INFO, TCP_CC_INFO and
 * SO_MEMINFO, named as in spec Appendix B. */
#include "runtime/codeblock/tcp_info.h"

#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "netdev/tcp_states.h"

#ifndef SO_MEMINFO
#define SO_MEMINFO 55
#endif

_Static_assert(sizeof(struct kernel_tcp_info) == 280, "Linux 6.18 struct tcp_info is 280 bytes");

/*
 * The names in the order upstream writes them for Python (Appendix B), each
 * with the expression that gives its value: X(name, value). The value
 * expressions use the locals of snapshot_fill(): ti (struct kernel_tcp_info),
 * cc (union tcp_cc_info) and mem (the SO_MEMINFO array).
 */
/* clang-format off: one X() a line, which it would join */
#define SNAP_CONSTS(X)                                                                             \
	TCP_STATE_LIST(X##_STATE)                                                                  \
	X(TCP_CA_Open, 0)                                                                          \
	X(TCP_CA_Disorder, 1)                                                                      \
	X(TCP_CA_CWR, 2)                                                                           \
	X(TCP_CA_Recovery, 3)                                                                      \
	X(TCP_CA_Loss, 4)                                                                          \
	X(TCPI_OPT_TIMESTAMPS, 1)                                                                  \
	X(TCPI_OPT_SACK, 2)                                                                        \
	X(TCPI_OPT_WSCALE, 4)                                                                      \
	X(TCPI_OPT_ECN, 8)                                                                         \
	X(TCPI_OPT_ECN_SEEN, 16)                                                                   \
	X(TCPI_OPT_SYN_DATA, 32)                                                                   \
	X(TCPI_OPT_USEC_TS, 64)                                                                    \
	X(TCPI_OPT_TFO_CHILD, 128)
/* clang-format on */

/* SNAP_CONSTS(X) starts with the kernel's TCP states (netdev/tcp_states.h), each
 * expanded by X_STATE as X(TCP_name, number). */
#define SNAP_INDEX_STATE(name, number, trace, rfc) SNAP_INDEX(TCP_##name, number)
#define SNAP_NAME_STATE(name, number, trace, rfc) SNAP_NAME(TCP_##name, number)
#define SNAP_ONE_STATE(name, number, trace, rfc) SNAP_ONE(TCP_##name, number)
#define SNAP_SET_STATE(name, number, trace, rfc) SNAP_SET(TCP_##name, number)

#define INFO(X, f) X(f, ti.f)
/* clang-format off: one X() a line, which it would join */
#define SNAP_INFO(X)                                                                               \
	INFO(X, tcpi_state)                                                                        \
	INFO(X, tcpi_ca_state)                                                                     \
	INFO(X, tcpi_retransmits)                                                                  \
	INFO(X, tcpi_probes)                                                                       \
	INFO(X, tcpi_backoff)                                                                      \
	INFO(X, tcpi_options)                                                                      \
	INFO(X, tcpi_snd_wscale)                                                                   \
	INFO(X, tcpi_rcv_wscale)                                                                   \
	INFO(X, tcpi_delivery_rate_app_limited)                                                    \
	INFO(X, tcpi_rto)                                                                          \
	INFO(X, tcpi_ato)                                                                          \
	INFO(X, tcpi_snd_mss)                                                                      \
	INFO(X, tcpi_rcv_mss)                                                                      \
	INFO(X, tcpi_unacked)                                                                      \
	INFO(X, tcpi_sacked)                                                                       \
	INFO(X, tcpi_lost)                                                                         \
	INFO(X, tcpi_retrans)                                                                      \
	INFO(X, tcpi_fackets)                                                                      \
	INFO(X, tcpi_last_data_sent)                                                               \
	INFO(X, tcpi_last_ack_sent)                                                                \
	INFO(X, tcpi_last_data_recv)                                                               \
	INFO(X, tcpi_last_ack_recv)                                                                \
	INFO(X, tcpi_pmtu)                                                                         \
	INFO(X, tcpi_rcv_ssthresh)                                                                 \
	INFO(X, tcpi_rtt)                                                                          \
	INFO(X, tcpi_rttvar)                                                                       \
	INFO(X, tcpi_snd_ssthresh)                                                                 \
	INFO(X, tcpi_snd_cwnd)                                                                     \
	INFO(X, tcpi_advmss)                                                                       \
	INFO(X, tcpi_reordering)                                                                   \
	INFO(X, tcpi_total_retrans)                                                                \
	INFO(X, tcpi_pacing_rate)                                                                  \
	INFO(X, tcpi_max_pacing_rate)                                                              \
	INFO(X, tcpi_rcv_rtt)                                                                      \
	INFO(X, tcpi_rcv_space)                                                                    \
	INFO(X, tcpi_bytes_acked)                                                                  \
	INFO(X, tcpi_bytes_received)                                                               \
	INFO(X, tcpi_segs_out)                                                                     \
	INFO(X, tcpi_segs_in)                                                                      \
	INFO(X, tcpi_notsent_bytes)                                                                \
	INFO(X, tcpi_min_rtt)                                                                      \
	INFO(X, tcpi_data_segs_in)                                                                 \
	INFO(X, tcpi_data_segs_out)                                                                \
	INFO(X, tcpi_delivery_rate)                                                                \
	INFO(X, tcpi_busy_time)                                                                    \
	INFO(X, tcpi_rwnd_limited)                                                                 \
	INFO(X, tcpi_sndbuf_limited)                                                               \
	INFO(X, tcpi_delivered)                                                                    \
	INFO(X, tcpi_delivered_ce)                                                                 \
	INFO(X, tcpi_bytes_sent)                                                                   \
	INFO(X, tcpi_bytes_retrans)                                                                \
	INFO(X, tcpi_dsack_dups)                                                                   \
	INFO(X, tcpi_reord_seen)                                                                   \
	INFO(X, tcpi_rcv_ooopack)                                                                  \
	INFO(X, tcpi_snd_wnd)                                                                      \
	INFO(X, tcpi_rcv_wnd)                                                                      \
	INFO(X, tcpi_rehash)                                                                       \
	INFO(X, tcpi_total_rto)                                                                    \
	INFO(X, tcpi_total_rto_recoveries)                                                         \
	INFO(X, tcpi_total_rto_time)                                                               \
	INFO(X, tcpi_ecn_mode)                                                                     \
	INFO(X, tcpi_accecn_opt_seen)                                                              \
	INFO(X, tcpi_accecn_fail_mode)                                                             \
	INFO(X, tcpi_options2)                                                                     \
	INFO(X, tcpi_received_ce)                                                                  \
	INFO(X, tcpi_delivered_e1_bytes)                                                           \
	INFO(X, tcpi_delivered_e0_bytes)                                                           \
	INFO(X, tcpi_delivered_ce_bytes)                                                           \
	INFO(X, tcpi_received_e1_bytes)                                                            \
	INFO(X, tcpi_received_e0_bytes)                                                            \
	INFO(X, tcpi_received_ce_bytes)
/* clang-format on */

/* clang-format off: one X() a line, which it would join */
#define SNAP_BBR(X)                                                                                \
	X(bbr_bw_lo, cc.bbr.bbr_bw_lo)                                                             \
	X(bbr_bw_hi, cc.bbr.bbr_bw_hi)                                                             \
	X(bbr_bw, (uint64_t)cc.bbr.bbr_bw_hi << 32 | cc.bbr.bbr_bw_lo)                             \
	X(bbr_min_rtt, cc.bbr.bbr_min_rtt)                                                         \
	X(bbr_pacing_gain, cc.bbr.bbr_pacing_gain)                                                 \
	X(bbr_cwnd_gain, cc.bbr.bbr_cwnd_gain)
/* clang-format on */

/* clang-format off: one X() a line, which it would join */
#define SNAP_DCTCP(X)                                                                              \
	X(dctcp_enabled, cc.dctcp.dctcp_enabled)                                                   \
	X(dctcp_ce_state, cc.dctcp.dctcp_ce_state)                                                 \
	X(dctcp_alpha, cc.dctcp.dctcp_alpha)                                                       \
	X(dctcp_ab_ecn, cc.dctcp.dctcp_ab_ecn)                                                     \
	X(dctcp_ab_tot, cc.dctcp.dctcp_ab_tot)
/* clang-format on */

/* Upstream's names: Vegas' rtt and minrtt lose their "v". */
/* clang-format off: one X() a line, which it would join */
#define SNAP_VEGAS(X)                                                                              \
	X(tcpv_enabled, cc.vegas.tcpv_enabled)                                                     \
	X(tcpv_rttcnt, cc.vegas.tcpv_rttcnt)                                                       \
	X(tcp_rtt, cc.vegas.tcpv_rtt)                                                              \
	X(tcp_minrtt, cc.vegas.tcpv_minrtt)
/* clang-format on */

/* clang-format off: one X() a line, which it would join */
#define SNAP_MEM(X)                                                                                \
	X(SK_MEMINFO_RMEM_ALLOC, mem[SK_MEMINFO_RMEM_ALLOC])                                       \
	X(SK_MEMINFO_RCVBUF, mem[SK_MEMINFO_RCVBUF])                                               \
	X(SK_MEMINFO_WMEM_ALLOC, mem[SK_MEMINFO_WMEM_ALLOC])                                       \
	X(SK_MEMINFO_SNDBUF, mem[SK_MEMINFO_SNDBUF])                                               \
	X(SK_MEMINFO_FWD_ALLOC, mem[SK_MEMINFO_FWD_ALLOC])                                         \
	X(SK_MEMINFO_WMEM_QUEUED, mem[SK_MEMINFO_WMEM_QUEUED])                                     \
	X(SK_MEMINFO_OPTMEM, mem[SK_MEMINFO_OPTMEM])                                               \
	X(SK_MEMINFO_BACKLOG, mem[SK_MEMINFO_BACKLOG])                                             \
	X(SK_MEMINFO_DROPS, mem[SK_MEMINFO_DROPS])
/* clang-format on */

#define SNAP_ALL(X) SNAP_CONSTS(X) SNAP_INFO(X) SNAP_BBR(X) SNAP_DCTCP(X) SNAP_VEGAS(X) SNAP_MEM(X)

#define SNAP_INDEX(name, value) SNAP_##name,
enum { SNAP_ALL(SNAP_INDEX) SNAP_N };
_Static_assert(SNAP_N <= TCP_SNAPSHOT_MAX, "raise TCP_SNAPSHOT_MAX");

#define SNAP_NAME(name, value) [SNAP_##name] = #name,
static const char *const snap_names[SNAP_N] = {SNAP_ALL(SNAP_NAME)};

/* Sizes of the groups that are present or absent as a whole. */
#define SNAP_ONE(name, value) +1
enum {
	N_CONSTS = 0 SNAP_CONSTS(SNAP_ONE),
	N_INFO = 0 SNAP_INFO(SNAP_ONE),
	N_BBR = 0 SNAP_BBR(SNAP_ONE),
	N_DCTCP = 0 SNAP_DCTCP(SNAP_ONE),
	N_VEGAS = 0 SNAP_VEGAS(SNAP_ONE),
	N_MEM = 0 SNAP_MEM(SNAP_ONE),
};

static void mark(struct tcp_snapshot *s, int first, int count)
{
	for (int i = first; i < first + count; i++)
		s->have[i] = true;
}

/* Every value from the three replies; have[] says which groups count. */
static void snapshot_fill(struct tcp_snapshot *s, const struct kernel_tcp_info *tip,
			  const union tcp_cc_info *ccp, const uint32_t *mem)
{
	const struct kernel_tcp_info ti = *tip;
	const union tcp_cc_info cc = *ccp;

#define SNAP_SET(name, value) s->v[SNAP_##name] = (value);
	SNAP_ALL(SNAP_SET)
#undef SNAP_SET
}

void tcp_snapshot_init(struct tcp_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	struct kernel_tcp_info ti = {0};
	union tcp_cc_info cc = {0};
	uint32_t mem[SK_MEMINFO_VARS] = {0};

	snapshot_fill(s, &ti, &cc, mem);
	mark(s, SNAP_TCP_ESTABLISHED, N_CONSTS);
}

int tcp_snapshot_take(int fd, struct tcp_snapshot *s)
{
	struct kernel_tcp_info ti;
	union tcp_cc_info cc;
	uint32_t mem[SK_MEMINFO_VARS];
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	memset(&cc, 0, sizeof(cc));
	memset(mem, 0, sizeof(mem));
	tcp_snapshot_init(s);
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return -1;
	mark(s, SNAP_tcpi_state, N_INFO);

	/* A congestion control without get_info (cubic, reno) returns 0 bytes;
	 * like upstream, every group the reply is long enough for is defined. */
	len = sizeof(cc);
	if (getsockopt(fd, IPPROTO_TCP, TCP_CC_INFO, &cc, &len) == 0) {
		if (len >= sizeof(cc.bbr))
			mark(s, SNAP_bbr_bw_lo, N_BBR);
		if (len >= sizeof(cc.dctcp))
			mark(s, SNAP_dctcp_enabled, N_DCTCP);
		if (len >= sizeof(cc.vegas))
			mark(s, SNAP_tcpv_enabled, N_VEGAS);
	}
	len = sizeof(mem);
	if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mem, &len) == 0)
		mark(s, SNAP_SK_MEMINFO_RMEM_ALLOC, N_MEM);
	snapshot_fill(s, &ti, &cc, mem);
	return 0;
}

size_t tcp_snapshot_count(void)
{
	return SNAP_N;
}

const char *tcp_snapshot_name(size_t i)
{
	return i < SNAP_N ? snap_names[i] : NULL;
}

int tcp_snapshot_find(const char *name)
{
	for (int i = 0; i < SNAP_N; i++)
		if (!strcmp(snap_names[i], name))
			return i;
	return -1;
}

int tcp_snapshot_set(struct tcp_snapshot *s, const char *name, uint64_t value)
{
	int i = tcp_snapshot_find(name);

	if (i < 0)
		return -1;
	s->v[i] = value;
	s->have[i] = true;
	return 0;
}

void tcp_snapshot_python(const struct tcp_snapshot *s, struct strbuf *out)
{
	for (int i = 0; i < SNAP_N; i++)
		if (s->have[i])
			strbuf_printf(out, "%s = %llu\n", snap_names[i],
				      (unsigned long long)s->v[i]);
}

enum code_name tcp_snapshot_lookup(void *ctx, const char *name, struct code_value *v)
{
	const struct tcp_snapshot *s = ctx;
	int i = tcp_snapshot_find(name);

	if (i < 0)
		return CODE_NAME_UNKNOWN;
	if (!s->have[i] || s->v[i] > INT64_MAX)
		return CODE_NAME_RESERVED;
	*v = (struct code_value){.kind = CODE_INT, .i = (int64_t)s->v[i]};
	return i < N_CONSTS ? CODE_NAME_CONST : CODE_NAME_VAR;
}
