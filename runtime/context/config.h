/* SPDX-License-Identifier: GPL-2.0-only */
/* config: the run's settings — defaults, command-line flags, script option lines, finalisation. */
#ifndef RUNTIME_CONFIG_H
#define RUNTIME_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "netdev/packet/packet.h"
#include "parser/parse.h"
#include "parser/util/strbuf.h"

enum ip_mode { IP_MODE_UNSET, IP_MODE_IPV4, IP_MODE_IPV4_MAPPED_IPV6, IP_MODE_IPV6 };
/* NETNS_AUTO: a private namespace when started in the host's namespace, the
 * caller's when the caller prepared one (ip netns exec, unshare -n, nsenter). */
enum netns_mode { NETNS_AUTO, NETNS_NEW, NETNS_CURRENT };

struct config {
	enum ip_mode ip_mode;
	uint16_t bind_port, connect_port;
	char *local_ip, *remote_ip, *gateway_ip, *netmask_ip; /* text as given, or NULL */
	int mtu;
	int mss;
	int64_t tolerance_usecs;
	double tolerance_percent;
	int64_t tcp_ts_tick_usecs;
	bool tcp_ts_ecr_scaled;
	bool strict_segments;
	bool non_fatal_packet, non_fatal_syscall;
	char *init_scripts;
	char *code_command, *code_format, *code_sockopt;
	bool dry_run, verbose, debug, send_omit_free, is_anyip;
	enum netns_mode netns;
	int stall_retries;   /* runs again after a stall (exit 4), from scratch */
	int cpu;	     /* --cpu: a CPU number, AFFINITY_AUTO or AFFINITY_NONE */
	bool trace_states;   /* print the connection's TCP state changes */
	bool hold;	     /* keep the namespace after a pass until Enter */
	char *pcap;	     /* --pcap=FILE: capture file, or NULL */
	char *state_graph;   /* --state-graph=FILE: DOT output, or NULL */
	char *diagram;	     /* --diagram=FILE: ladder diagram (.svg, .mmd, .md), or NULL */
	bool step;	     /* run one event per Enter */
	char *timing_report; /* --timing-report=FILE: per-event times, or NULL */
	double timeout;	     /* seconds for the whole run, 0: none; from the
			      * command line's --timeout (a runner flag), never
			      * from a script */
	struct defines defines;

	/* Filled by config_finalize(). */
	int wire_version;  /* 4 or 6: the IP version of packets on tun0 */
	int socket_family; /* AF_INET or AF_INET6 */
	struct ip_addr live_local, live_remote, live_gateway;
	int local_prefix, remote_prefix;
	const char *bad_option; /* when it fails: the flag at fault ("remote_ip"),
				 * so the error can point at a script's option line */
};

/* Sets the defaults of spec §3.2. */
void config_init(struct config *c);
void config_free(struct config *c);

/* One "--name[=value]" setting. Returns 0; -1 with a message in err for an
 * unknown flag or a bad value; -2 for a flag that is accepted by packetdrill but
 * not supported yet (message in err). from_script selects upstream's wording. */
int config_set(struct config *c, const char *name, const char *value, struct strbuf *err);

/* True if the named flag takes a value (for "--name value" on the command line);
 * sets *known to whether the flag exists. */
bool config_flag_takes_value(const char *name, bool *known);

/* Resolves addresses and families after all settings. Returns 0, or -1 with a
 * message in err and the flag it is about in c->bad_option. */
int config_finalize(struct config *c, struct strbuf *err);

/* One flag of the table, for the command line (getopt_long), --help and the
 * shell completion. The strings are static. */
struct config_flag {
	const char *name; /* without "--" */
	bool takes_value;
	bool supported; /* false: packetdrill's flag, recognised, refused when set */
	const char *help;
	const char *values; /* for completion: the values it takes, separated by
			     * spaces, or "<file>" (a file it writes); NULL: any */
};

/* The number of flags in the table. */
size_t config_flag_count(void);
/* Flag i (i < config_flag_count()), in table order. */
struct config_flag config_flag_at(size_t i);

/* Prints the flag list for --help; flags not supported say so. */
void config_print_help(FILE *out);

#endif
