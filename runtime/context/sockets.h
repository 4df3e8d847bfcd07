/* sockets: the script's file descriptors and the sockets the script talks to, with their live
 * 4-tuples, ISNs and timestamp maps (spec §5.9, §6.3). */
#ifndef RUNTIME_SOCKETS_H
#define RUNTIME_SOCKETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "netdev/packet/packet.h"

enum sock_state {
	SOCK_NEW,
	SOCK_PASSIVE_LISTENING,
	SOCK_PASSIVE_PACKET_RECEIVED,
	SOCK_PASSIVE_SYNACK_SENT,
	SOCK_PASSIVE_SYNACK_ACKED,
	SOCK_ACTIVE_CONNECTING,
	SOCK_ACTIVE_SYN_SENT,
	SOCK_ACTIVE_SYN_ACKED,
};

enum fd_kind { FD_SOCKET, FD_OTHER };

struct ts_pair {
	uint32_t script, live;
};

/* One script-visible object: a socket (possibly a not-yet-accepted child with
 * no fd) or another kind of fd. */
struct sock {
	enum fd_kind kind;
	int script_fd; /* -1 until named (accepted child) */
	int live_fd;   /* -1 if none */
	bool closed;   /* the script closed it */
	int domain, type, protocol;
	enum sock_state state;

	/* Live tuple in outbound orientation: local = the kernel's side. */
	struct ip_addr local_ip, remote_ip;
	uint16_t local_port, remote_port;
	bool tuple_known; /* the local side is known (passive, or learned from a SYN) */

	uint32_t script_local_isn, live_local_isn;
	bool live_local_isn_known;
	uint32_t remote_isn;

	bool ts_base_set;
	uint32_t ts_first_script, ts_first_live;
	struct ts_pair *ts_map;
	size_t n_ts_map;

	/* Script flow label -> live flow label (spec §5.12 step 4). */
	uint32_t flow_script[4], flow_live[4];
	size_t n_flows;

	/* What the end-of-script RST needs (spec §5.14). */
	bool injected_ack;
	uint32_t in_next_seq, in_ack;
	uint16_t in_win;
	bool sniffed_ack;
	bool sniffed_any;
	uint32_t out_seq, out_ack;
};

struct socks {
	struct sock **v;
	size_t n;
	struct sock *sut; /* the socket under test, or NULL */
};

struct sock *socks_add(struct socks *t, enum fd_kind kind, int script_fd, int live_fd);
/* The open object named by script_fd, or NULL. */
struct sock *socks_by_script_fd(const struct socks *t, int script_fd);
/* Is a live fd already mapped to an open object? */
bool socks_live_fd_used(const struct socks *t, int live_fd);
void socks_free(struct socks *t);

/* Remembers script TS val → live TS val for inbound ecr mapping. */
void sock_ts_remember(struct sock *s, uint32_t script_val, uint32_t live_val);
/* Finds the live val sent for a script val. */
bool sock_ts_lookup(const struct sock *s, uint32_t script_val, uint32_t *live_val);

#endif
