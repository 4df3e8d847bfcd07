/* SPDX-License-Identifier: GPL-2.0-only */
/* config: the run's settings — defaults, command-line flags, script option lines, finalisation. */
#include "runtime/context/config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "runtime/context/affinity.h"
#include "parser/util/suggest.h"
#include "parser/util/xalloc.h"

enum flag_arg { ARG_NONE, ARG_REQUIRED };

typedef int flag_fn(struct config *c, const char *value, struct strbuf *err);

struct flag_desc {
	const char *name;
	enum flag_arg arg;
	flag_fn *set;
	const char *help;
};

static int parse_long(const char *v, long long lo, long long hi, long long *out)
{
	char *end;

	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

static int set_port(uint16_t *port, const char *name, const char *v, struct strbuf *err)
{
	long long n;

	if (parse_long(v, 1, 65535, &n)) {
		strbuf_printf(err, "bad --%s: '%s' (expected a port 1-65535)", name, v);
		return -1;
	}
	*port = (uint16_t)n;
	return 0;
}

static void set_str(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v);
}

static int f_ip_version(struct config *c, const char *v, struct strbuf *err)
{
	if (!strcmp(v, "ipv4"))
		c->ip_mode = IP_MODE_IPV4;
	else if (!strcmp(v, "ipv6"))
		c->ip_mode = IP_MODE_IPV6;
	else if (!strcmp(v, "ipv4-mapped-ipv6"))
		c->ip_mode = IP_MODE_IPV4_MAPPED_IPV6;
	else {
		strbuf_printf(
		    err, "bad --ip_version: '%s' (expected ipv4, ipv4-mapped-ipv6 or ipv6)", v);
		return -1;
	}
	return 0;
}

static int f_bind_port(struct config *c, const char *v, struct strbuf *err)
{
	return set_port(&c->bind_port, "bind_port", v, err);
}

static int f_connect_port(struct config *c, const char *v, struct strbuf *err)
{
	return set_port(&c->connect_port, "connect_port", v, err);
}

static int f_local_ip(struct config *c, const char *v, struct strbuf *err)
{
	set_str(&c->local_ip, v);
	return 0;
}

static int f_remote_ip(struct config *c, const char *v, struct strbuf *err)
{
	set_str(&c->remote_ip, v);
	return 0;
}

static int f_gateway_ip(struct config *c, const char *v, struct strbuf *err)
{
	set_str(&c->gateway_ip, v);
	return 0;
}

static int f_netmask_ip(struct config *c, const char *v, struct strbuf *err)
{
	set_str(&c->netmask_ip, v);
	return 0;
}

static int f_mtu(struct config *c, const char *v, struct strbuf *err)
{
	long long n;

	if (parse_long(v, 0, 65535, &n)) {
		strbuf_printf(err, "bad --mtu: '%s'", v);
		return -1;
	}
	c->mtu = (int)n;
	return 0;
}

static int f_mss(struct config *c, const char *v, struct strbuf *err)
{
	long long n;

	if (parse_long(v, 1, 65535, &n)) {
		strbuf_printf(err, "bad --mss: '%s'", v);
		return -1;
	}
	c->mss = (int)n;
	return 0;
}

static int f_tolerance_usecs(struct config *c, const char *v, struct strbuf *err)
{
	long long n;

	if (parse_long(v, 1, INT64_MAX / 4, &n)) {
		strbuf_printf(err, "bad --tolerance_usecs: '%s'", v);
		return -1;
	}
	c->tolerance_usecs = n;
	return 0;
}

static int f_tolerance_percent(struct config *c, const char *v, struct strbuf *err)
{
	char *end;
	double d = strtod(v, &end);

	if (end == v || *end || !(d >= 0 && d <= 100)) {
		strbuf_printf(err, "bad --tolerance_percent: '%s' (expected 0-100)", v);
		return -1;
	}
	c->tolerance_percent = d;
	return 0;
}

static int f_ts_tick(struct config *c, const char *v, struct strbuf *err)
{
	long long n;

	if (parse_long(v, 0, 1000000, &n)) {
		strbuf_printf(err, "bad --tcp_ts_tick_usecs: '%s' (expected 0-1000000)", v);
		return -1;
	}
	c->tcp_ts_tick_usecs = n;
	return 0;
}

static int f_ts_ecr_scaled(struct config *c, const char *v, struct strbuf *err)
{
	c->tcp_ts_ecr_scaled = true;
	return 0;
}

static int f_strict_segments(struct config *c, const char *v, struct strbuf *err)
{
	c->strict_segments = true;
	return 0;
}

static int f_non_fatal(struct config *c, const char *v, struct strbuf *err)
{
	char *copy = xstrdup(v), *save = NULL;
	int rc = 0;

	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (!strcmp(w, "packet"))
			c->non_fatal_packet = true;
		else if (!strcmp(w, "syscall"))
			c->non_fatal_syscall = true;
		else {
			strbuf_printf(err, "bad --non_fatal: '%s' (expected packet or syscall)", w);
			rc = -1;
			break;
		}
	}
	free(copy);
	return rc;
}

static int f_init_scripts(struct config *c, const char *v, struct strbuf *err)
{
	set_str(&c->init_scripts, v);
	return 0;
}

static int f_code_command(struct config *c, const char *v, struct strbuf *err)
{
	set_str(&c->code_command, v);
	return 0;
}

static int f_code_format(struct config *c, const char *v, struct strbuf *err)
{
	if (strcmp(v, "python")) {
		strbuf_printf(err, "bad --code_format: '%s' (only python is supported)", v);
		return -1;
	}
	set_str(&c->code_format, v);
	return 0;
}

static int f_code_sockopt(struct config *c, const char *v, struct strbuf *err)
{
	if (*v && strcmp(v, "TCP_INFO") && strcmp(v, "TCP_CC_INFO") && strcmp(v, "SO_MEMINFO")) {
		strbuf_printf(err, "bad --code_sockopt: '%s'", v);
		return -1;
	}
	set_str(&c->code_sockopt, v);
	return 0;
}

static int f_dry_run(struct config *c, const char *v, struct strbuf *err)
{
	c->dry_run = true;
	return 0;
}

static int f_verbose(struct config *c, const char *v, struct strbuf *err)
{
	c->verbose = true;
	return 0;
}

static int f_debug(struct config *c, const char *v, struct strbuf *err)
{
	c->debug = true;
	return 0;
}

static int f_send_omit_free(struct config *c, const char *v, struct strbuf *err)
{
	c->send_omit_free = true;
	return 0;
}

static int f_define(struct config *c, const char *v, struct strbuf *err)
{
	const char *eq = strchr(v, '=');

	if (!eq || eq == v) {
		strbuf_printf(err, "bad --define: '%s' (expected NAME=VALUE)", v);
		return -1;
	}
	char *name = xstrndup(v, (size_t)(eq - v));
	defines_set(&c->defines, name, eq + 1);
	free(name);
	return 0;
}

static int f_cpu(struct config *c, const char *v, struct strbuf *err)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (!strcmp(v, "auto"))
		c->cpu = AFFINITY_AUTO;
	else if (!strcmp(v, "any"))
		c->cpu = AFFINITY_NONE;
	else if (*v && !*end && n >= 0 && n < 4096)
		c->cpu = (int)n;
	else {
		strbuf_printf(err, "bad --cpu: '%s' (expected auto, any or a CPU number)", v);
		return -1;
	}
	return 0;
}

static int f_netns(struct config *c, const char *v, struct strbuf *err)
{
	if (!strcmp(v, "auto"))
		c->netns = NETNS_AUTO;
	else if (!strcmp(v, "new"))
		c->netns = NETNS_NEW;
	else if (!strcmp(v, "current"))
		c->netns = NETNS_CURRENT;
	else {
		strbuf_printf(err, "bad --netns: '%s' (expected auto, new or current)", v);
		return -1;
	}
	return 0;
}

static int f_trace_states(struct config *c, const char *v, struct strbuf *err)
{
	c->trace_states = true;
	return 0;
}

static int f_hold(struct config *c, const char *v, struct strbuf *err)
{
	c->hold = true;
	return 0;
}

static int f_pcap(struct config *c, const char *v, struct strbuf *err)
{
	set_str(&c->pcap, v);
	return 0;
}

static int f_state_graph(struct config *c, const char *v, struct strbuf *err)
{
	set_str(&c->state_graph, v);
	return 0;
}

static int f_diagram(struct config *c, const char *v, struct strbuf *err)
{
	if (!str_ends_with(v, ".svg") && !str_ends_with(v, ".mmd") && !str_ends_with(v, ".md")) {
		strbuf_printf(
		    err, "bad --diagram: '%s' (expected a file ending in .svg, .mmd or .md)", v);
		return -1;
	}
	set_str(&c->diagram, v);
	return 0;
}

static int f_step(struct config *c, const char *v, struct strbuf *err)
{
	c->step = true;
	c->verbose = true;
	return 0;
}

static int f_timing_report(struct config *c, const char *v, struct strbuf *err)
{
	set_str(&c->timing_report, v);
	return 0;
}

static int f_stall_retries(struct config *c, const char *v, struct strbuf *err)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (!*v || *end || n < 0 || n > 100) {
		strbuf_printf(err, "bad --stall-retries: '%s' (expected 0-100)", v);
		return -1;
	}
	c->stall_retries = (int)n;
	return 0;
}

/* Flags packetdrill has that this version does not run yet. */
static int f_unsupported(struct config *c, const char *v, struct strbuf *err)
{
	return -2;
}

static const struct flag_desc flags[] = {
    {"ip_version", ARG_REQUIRED, f_ip_version, "ipv4 | ipv4-mapped-ipv6 | ipv6"},
    {"bind_port", ARG_REQUIRED, f_bind_port, "local port for bind() (8080)"},
    {"connect_port", ARG_REQUIRED, f_connect_port, "remote port for connect() (8080)"},
    {"local_ip", ARG_REQUIRED, f_local_ip, "address of the stack under test"},
    {"remote_ip", ARG_REQUIRED, f_remote_ip, "address[/prefix] of the fake peer"},
    {"gateway_ip", ARG_REQUIRED, f_gateway_ip, "next hop of the route to the peer"},
    {"netmask_ip", ARG_REQUIRED, f_netmask_ip, "IPv4 netmask of the local address"},
    {"mtu", ARG_REQUIRED, f_mtu, "MTU of tun0 (1500)"},
    {"mss", ARG_REQUIRED, f_mss, "inject TCP packets as GSO packets of this size"},
    {"speed", ARG_REQUIRED, f_unsupported, "link speed in Mbps"},
    {"tolerance_usecs", ARG_REQUIRED, f_tolerance_usecs, "timing tolerance (4000)"},
    {"tolerance_percent", ARG_REQUIRED, f_tolerance_percent, "relative timing tolerance (12.5)"},
    {"tcp_ts_tick_usecs", ARG_REQUIRED, f_ts_tick, "check outbound TS val at this tick"},
    {"tcp_ts_ecr_scaled", ARG_NONE, f_ts_ecr_scaled, "extrapolate unknown inbound TS ecr"},
    {"strict_segments", ARG_NONE, f_strict_segments, "do not aggregate sniffed segments"},
    {"non_fatal", ARG_REQUIRED, f_non_fatal, "packet,syscall: warn and continue"},
    {"init_scripts", ARG_REQUIRED, f_init_scripts, "comma list of commands run first"},
    {"code_command", ARG_REQUIRED, f_code_command, "interpreter for %{ }% (python3)"},
    {"code_format", ARG_REQUIRED, f_code_format, "code format (python)"},
    {"code_sockopt", ARG_REQUIRED, f_code_sockopt, "TCP_INFO | TCP_CC_INFO | SO_MEMINFO"},
    {"dry_run", ARG_NONE, f_dry_run, "parse and check only"},
    {"verbose", ARG_NONE, f_verbose, "print every event as it runs"},
    {"debug", ARG_NONE, f_debug, "internal debug output"},
    {"define", ARG_REQUIRED, f_define, "NAME=VALUE substitution (also -D)"},
    {"send_omit_free", ARG_NONE, f_send_omit_free,
     "keep every send buffer (MSG_ZEROCOPY ones are always kept)"},
    {"is_anyip", ARG_NONE, f_unsupported, "anyip mode"},
    {"so_filename", ARG_REQUIRED, f_unsupported, "user-space stack shared object"},
    {"so_flags", ARG_REQUIRED, f_unsupported, "flags for the shared object"},
    {"wire_client", ARG_NONE, f_unsupported, "remote mode: client"},
    {"wire_server", ARG_NONE, f_unsupported, "remote mode: server"},
    {"wire_server_ip", ARG_REQUIRED, f_unsupported, "remote mode: server address"},
    {"wire_server_at", ARG_REQUIRED, f_unsupported, "remote mode: server address"},
    {"wire_server_port", ARG_REQUIRED, f_unsupported, "remote mode: server port"},
    {"wire_client_dev", ARG_REQUIRED, f_unsupported, "remote mode: client device"},
    {"wire_server_dev", ARG_REQUIRED, f_unsupported, "remote mode: server device"},
    {"psp_udp_port", ARG_REQUIRED, f_unsupported, "PSP encapsulation port"},
    {"cpu", ARG_REQUIRED, f_cpu, "auto (default): the run stays on the CPU it starts on; any; N"},
    {"netns", ARG_REQUIRED, f_netns,
     "auto (default): own, or the caller's if not the host's; new; current"},
    {"trace-states", ARG_NONE, f_trace_states,
     "print each change of the connection's TCP state with its script line"},
    {"pcap", ARG_REQUIRED, f_pcap,
     "write every packet of the run (injected and sniffed) to this pcap file; FILE.pcapng: "
     "pcapng with each packet's script line and TCP state as its comment"},
    {"state-graph", ARG_REQUIRED, f_state_graph,
     "write the TCP state machine with this run's states and transitions as DOT"},
    {"diagram", ARG_REQUIRED, f_diagram,
     "write the run as a ladder diagram: FILE.svg (SVG), FILE.mmd or FILE.md (Mermaid)"},
    {"step", ARG_NONE, f_step, "run one event at a time, waiting for Enter (implies --verbose)"},
    {"timing-report", ARG_REQUIRED, f_timing_report,
     "write each event's line, kind, scheduled and actual time (usecs) to FILE"},
    {"hold", ARG_NONE, f_hold,
     "after a passing script, keep its namespace and sockets until Enter"},
    {"stall-retries", ARG_REQUIRED, f_stall_retries,
     "run a script again, from scratch, up to N times (2) when the machine stalled it"},
};

/* What the flags above take, for the shell completion: the values, separated
 * by spaces, or "<file>" for a file the run writes (tests/unit/test_config.c
 * checks that each name is a flag and that each value is accepted). */
static const struct {
	const char *name, *values;
} flag_values[] = {
    {"ip_version", "ipv4 ipv4-mapped-ipv6 ipv6"},
    {"non_fatal", "packet syscall packet,syscall"},
    {"code_format", "python"},
    {"code_sockopt", "TCP_INFO TCP_CC_INFO SO_MEMINFO"},
    {"cpu", "auto any"},
    {"netns", "auto new current"},
    {"pcap", "<file>"},
    {"state-graph", "<file>"},
    {"timing-report", "<file>"},
};

static const char *flag_values_of(const char *name)
{
	for (size_t i = 0; i < sizeof(flag_values) / sizeof(flag_values[0]); i++)
		if (!strcmp(flag_values[i].name, name))
			return flag_values[i].values;
	return NULL;
}

static const struct flag_desc *flag_find(const char *name)
{
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (!strcmp(flags[i].name, name))
			return &flags[i];
	return NULL;
}

bool config_flag_takes_value(const char *name, bool *known)
{
	const struct flag_desc *f = flag_find(name);

	*known = f != NULL;
	return f && f->arg == ARG_REQUIRED;
}

int config_set(struct config *c, const char *name, const char *value, struct strbuf *err)
{
	const struct flag_desc *f = flag_find(name);

	if (!f) {
		struct suggest near;

		strbuf_printf(err, "option '%s' unknown", name);
		suggest_init(&near, name);
		for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
			suggest_add(&near, flags[i].name);
		suggest_append(&near, "--", err);
		return -1;
	}
	if (f->arg == ARG_NONE && value) {
		strbuf_printf(err, "option '%s' forbids an argument", name);
		return -1;
	}
	if (f->arg == ARG_REQUIRED && !value) {
		strbuf_printf(err, "option '%s' requires an argument", name);
		return -1;
	}
	int rc = f->set(c, value, err);
	if (rc == -2)
		strbuf_printf(err, "option '--%s' is not supported yet", name);
	return rc;
}

size_t config_flag_count(void)
{
	return sizeof(flags) / sizeof(flags[0]);
}

struct config_flag config_flag_at(size_t i)
{
	const struct flag_desc *f = &flags[i < config_flag_count() ? i : 0];

	return (struct config_flag){
	    .name = f->name,
	    .takes_value = f->arg == ARG_REQUIRED,
	    .supported = f->set != f_unsupported,
	    .help = f->help,
	    .values = flag_values_of(f->name),
	};
}

void config_print_help(FILE *out)
{
	for (size_t i = 0; i < config_flag_count(); i++) {
		struct config_flag f = config_flag_at(i);

		fprintf(out, "  --%s%s%s\n      %s\n", f.name, f.takes_value ? "=VALUE" : "",
			f.supported ? "" : "   (not supported)", f.help);
	}
}

void config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->bind_port = 8080;
	c->cpu = AFFINITY_AUTO;
	c->stall_retries = 2;
	c->connect_port = 8080;
	c->mtu = 1500;
	c->tolerance_usecs = 4000;
	c->tolerance_percent = 12.5;
	c->code_command = xstrdup("python3");
	c->code_format = xstrdup("python");
}

void config_free(struct config *c)
{
	free(c->local_ip);
	free(c->remote_ip);
	free(c->gateway_ip);
	free(c->netmask_ip);
	free(c->init_scripts);
	free(c->code_command);
	free(c->code_format);
	free(c->code_sockopt);
	free(c->pcap);
	free(c->state_graph);
	free(c->diagram);
	free(c->timing_report);
	defines_free(&c->defines);
	memset(c, 0, sizeof(*c));
}
