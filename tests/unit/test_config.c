/* SPDX-License-Identifier: GPL-2.0-only */
/* test_config: unit tests for the settings table, its messages and address finalisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "netdev/packet/packet.h"
#include "runtime/context/config.h"
#include "parser/util/strbuf.h"

#include "tests/unit/rows.h"

/* Renders the setting a flag controls, so tables can state results as text. */
static void describe(const struct config *c, const char *name, char *out, size_t cap)
{
	const char *mode[] = {"unset", "ipv4", "ipv4-mapped-ipv6", "ipv6"};

	if (!strcmp(name, "ip_version"))
		snprintf(out, cap, "%s", mode[c->ip_mode]);
	else if (!strcmp(name, "bind_port"))
		snprintf(out, cap, "%u", c->bind_port);
	else if (!strcmp(name, "connect_port"))
		snprintf(out, cap, "%u", c->connect_port);
	else if (!strcmp(name, "local_ip"))
		snprintf(out, cap, "%s", c->local_ip ? c->local_ip : "(null)");
	else if (!strcmp(name, "remote_ip"))
		snprintf(out, cap, "%s", c->remote_ip ? c->remote_ip : "(null)");
	else if (!strcmp(name, "gateway_ip"))
		snprintf(out, cap, "%s", c->gateway_ip ? c->gateway_ip : "(null)");
	else if (!strcmp(name, "netmask_ip"))
		snprintf(out, cap, "%s", c->netmask_ip ? c->netmask_ip : "(null)");
	else if (!strcmp(name, "mtu"))
		snprintf(out, cap, "%d", c->mtu);
	else if (!strcmp(name, "mss"))
		snprintf(out, cap, "%d", c->mss);
	else if (!strcmp(name, "tolerance_usecs"))
		snprintf(out, cap, "%lld", (long long)c->tolerance_usecs);
	else if (!strcmp(name, "tolerance_percent"))
		snprintf(out, cap, "%g", c->tolerance_percent);
	else if (!strcmp(name, "tcp_ts_tick_usecs"))
		snprintf(out, cap, "%lld", (long long)c->tcp_ts_tick_usecs);
	else if (!strcmp(name, "tcp_ts_ecr_scaled"))
		snprintf(out, cap, "%d", c->tcp_ts_ecr_scaled);
	else if (!strcmp(name, "strict_segments"))
		snprintf(out, cap, "%d", c->strict_segments);
	else if (!strcmp(name, "non_fatal"))
		snprintf(out, cap, "packet=%d syscall=%d", c->non_fatal_packet,
			 c->non_fatal_syscall);
	else if (!strcmp(name, "init_scripts"))
		snprintf(out, cap, "%s", c->init_scripts ? c->init_scripts : "(null)");
	else if (!strcmp(name, "code_command"))
		snprintf(out, cap, "%s", c->code_command ? c->code_command : "(null)");
	else if (!strcmp(name, "code_format"))
		snprintf(out, cap, "%s", c->code_format ? c->code_format : "(null)");
	else if (!strcmp(name, "code_sockopt"))
		snprintf(out, cap, "'%s'", c->code_sockopt ? c->code_sockopt : "(null)");
	else if (!strcmp(name, "dry_run"))
		snprintf(out, cap, "%d", c->dry_run);
	else if (!strcmp(name, "verbose"))
		snprintf(out, cap, "%d", c->verbose);
	else if (!strcmp(name, "debug"))
		snprintf(out, cap, "%d", c->debug);
	else if (!strcmp(name, "send_omit_free"))
		snprintf(out, cap, "%d", c->send_omit_free);
	else if (!strcmp(name, "netns"))
		snprintf(out, cap, "%s",
			 c->netns == NETNS_AUTO	 ? "auto"
			 : c->netns == NETNS_NEW ? "new"
						 : "current");
	else
		snprintf(out, cap, "?");
}

static void test_defaults(void **state)
{
	struct config c;

	config_init(&c);
	assert_int_equal(c.ip_mode, IP_MODE_UNSET);
	assert_int_equal(c.bind_port, 8080);
	assert_int_equal(c.connect_port, 8080);
	assert_int_equal(c.mtu, 1500);
	assert_int_equal(c.mss, 0);
	assert_int_equal(c.tolerance_usecs, 4000);
	assert_true(c.tolerance_percent == 12.5);
	assert_int_equal(c.tcp_ts_tick_usecs, 0);
	assert_false(c.tcp_ts_ecr_scaled);
	assert_false(c.strict_segments);
	assert_false(c.non_fatal_packet);
	assert_false(c.non_fatal_syscall);
	assert_false(c.dry_run);
	assert_false(c.verbose);
	assert_false(c.is_anyip);
	assert_null(c.local_ip);
	assert_null(c.remote_ip);
	assert_null(c.gateway_ip);
	assert_null(c.netmask_ip);
	assert_null(c.init_scripts);
	assert_string_equal(c.code_command, "python3");
	assert_string_equal(c.code_format, "python");
	assert_int_equal(c.netns, NETNS_AUTO);
	config_free(&c);
}

/* A flag with a value that is accepted, and the setting as describe() renders it. */
struct good_case {
	const char *name, *value, *want;
};

/* clang-format off */
static const struct good_case good_cases[] = {
	{ "ip_version", "ipv4", "ipv4" },
	{ "ip_version", "ipv6", "ipv6" },
	{ "ip_version", "ipv4-mapped-ipv6", "ipv4-mapped-ipv6" },
	{ "bind_port", "1", "1" },
	{ "bind_port", "80", "80" },
	{ "bind_port", "65535", "65535" },
	{ "connect_port", "443", "443" },
	{ "connect_port", "65535", "65535" },
	{ "local_ip", "10.0.0.2", "10.0.0.2" },
	{ "remote_ip", "198.51.100.7/30", "198.51.100.7/30" },
	{ "gateway_ip", "10.0.0.1", "10.0.0.1" },
	{ "netmask_ip", "255.255.255.0", "255.255.255.0" },
	{ "mtu", "0", "0" },
	{ "mtu", "9000", "9000" },
	{ "mss", "1", "1" },
	{ "mss", "1460", "1460" },
	{ "tolerance_usecs", "1", "1" },
	{ "tolerance_usecs", "25000", "25000" },
	{ "tolerance_percent", "0", "0" },
	{ "tolerance_percent", "50.5", "50.5" },
	{ "tolerance_percent", "100", "100" },
	{ "tcp_ts_tick_usecs", "0", "0" },
	{ "tcp_ts_tick_usecs", "1000", "1000" },
	{ "tcp_ts_tick_usecs", "1000000", "1000000" },
	{ "tcp_ts_ecr_scaled", NULL, "1" },
	{ "strict_segments", NULL, "1" },
	{ "non_fatal", "packet", "packet=1 syscall=0" },
	{ "non_fatal", "syscall", "packet=0 syscall=1" },
	{ "non_fatal", "packet,syscall", "packet=1 syscall=1" },
	{ "init_scripts", "sysctl -q a=1,true", "sysctl -q a=1,true" },
	{ "code_command", "python3.11", "python3.11" },
	{ "code_format", "python", "python" },
	{ "code_sockopt", "", "''" },
	{ "code_sockopt", "TCP_INFO", "'TCP_INFO'" },
	{ "code_sockopt", "TCP_CC_INFO", "'TCP_CC_INFO'" },
	{ "code_sockopt", "SO_MEMINFO", "'SO_MEMINFO'" },
	{ "dry_run", NULL, "1" },
	{ "verbose", NULL, "1" },
	{ "debug", NULL, "1" },
	{ "send_omit_free", NULL, "1" },
	{ "netns", "current", "current" },
	{ "netns", "new", "new" },
	{ "netns", "auto", "auto" },
};
/* clang-format on */

static void test_good_values(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(good_cases); i++) {
		const struct good_case *t = &good_cases[i];
		struct strbuf err = STRBUF_INIT;
		struct config c;
		char got[128];

		config_init(&c);
		int rc = config_set(&c, t->name, t->value, &err);
		describe(&c, t->name, got, sizeof(got));
		if (rc || strcmp(got, t->want))
			ROW_FAIL("--%s=%s: rc %d '%s', setting '%s', want '%s'", t->name,
				 t->value ? t->value : "(none)", rc, strbuf_str(&err), got,
				 t->want);
		assert_string_equal(strbuf_str(&err), "");
		strbuf_free(&err);
		config_free(&c);
	}
	ROWS_DONE();
}

/* A setting that is refused: the return code and the exact message. */
struct bad_case {
	const char *name, *value;
	int rc;
	const char *msg;
};

/* clang-format off */
static const struct bad_case bad_cases[] = {
	/* unknown names, matched exactly (no prefixes, no case folding) */
	{ "nope", "1", -1, "option 'nope' unknown" },
	{ "nope", NULL, -1, "option 'nope' unknown" },
	{ "bind", "80", -1, "option 'bind' unknown" },
	{ "verbos", NULL, -1, "option 'verbos' unknown (did you mean '--verbose'?)" },
	{ "Verbose", NULL, -1, "option 'Verbose' unknown (did you mean '--verbose'?)" },
	{ "frobnicate", NULL, -1, "option 'frobnicate' unknown" },
	{ "v", NULL, -1, "option 'v' unknown" },
	{ "", NULL, -1, "option '' unknown" },

	/* values */
	{ "ip_version", "ipv5", -1,
	  "bad --ip_version: 'ipv5' (expected ipv4, ipv4-mapped-ipv6 or ipv6)" },
	{ "ip_version", "IPV4", -1,
	  "bad --ip_version: 'IPV4' (expected ipv4, ipv4-mapped-ipv6 or ipv6)" },
	{ "ip_version", "", -1,
	  "bad --ip_version: '' (expected ipv4, ipv4-mapped-ipv6 or ipv6)" },
	{ "bind_port", "0", -1, "bad --bind_port: '0' (expected a port 1-65535)" },
	{ "bind_port", "65536", -1, "bad --bind_port: '65536' (expected a port 1-65535)" },
	{ "bind_port", "-1", -1, "bad --bind_port: '-1' (expected a port 1-65535)" },
	{ "bind_port", "http", -1, "bad --bind_port: 'http' (expected a port 1-65535)" },
	{ "bind_port", "80x", -1, "bad --bind_port: '80x' (expected a port 1-65535)" },
	{ "bind_port", "", -1, "bad --bind_port: '' (expected a port 1-65535)" },
	{ "connect_port", "0", -1, "bad --connect_port: '0' (expected a port 1-65535)" },
	{ "connect_port", "99999", -1,
	  "bad --connect_port: '99999' (expected a port 1-65535)" },
	{ "mtu", "-1", -1, "bad --mtu: '-1'" },
	{ "mtu", "big", -1, "bad --mtu: 'big'" },
	{ "mss", "0", -1, "bad --mss: '0'" },
	{ "mss", "-1460", -1, "bad --mss: '-1460'" },
	{ "mss", "65536", -1, "bad --mss: '65536'" },
	{ "tolerance_usecs", "0", -1, "bad --tolerance_usecs: '0'" },
	{ "tolerance_usecs", "-4000", -1, "bad --tolerance_usecs: '-4000'" },
	{ "tolerance_usecs", "4ms", -1, "bad --tolerance_usecs: '4ms'" },
	{ "tolerance_percent", "-0.5", -1, "bad --tolerance_percent: '-0.5' (expected 0-100)" },
	{ "tolerance_percent", "100.5", -1,
	  "bad --tolerance_percent: '100.5' (expected 0-100)" },
	{ "tolerance_percent", "12.5%", -1,
	  "bad --tolerance_percent: '12.5%' (expected 0-100)" },
	{ "tolerance_percent", "", -1, "bad --tolerance_percent: '' (expected 0-100)" },
	{ "tolerance_percent", "inf", -1, "bad --tolerance_percent: 'inf' (expected 0-100)" },
	{ "tolerance_percent", "nan", -1, "bad --tolerance_percent: 'nan' (expected 0-100)" },
	{ "tcp_ts_tick_usecs", "-1", -1,
	  "bad --tcp_ts_tick_usecs: '-1' (expected 0-1000000)" },
	{ "tcp_ts_tick_usecs", "1000001", -1,
	  "bad --tcp_ts_tick_usecs: '1000001' (expected 0-1000000)" },
	{ "non_fatal", "bogus", -1, "bad --non_fatal: 'bogus' (expected packet or syscall)" },
	{ "non_fatal", "packet,bogus", -1,
	  "bad --non_fatal: 'bogus' (expected packet or syscall)" },
	{ "code_format", "perl", -1, "bad --code_format: 'perl' (only python is supported)" },
	{ "code_sockopt", "TCP_FOO", -1, "bad --code_sockopt: 'TCP_FOO'" },
	{ "code_sockopt", "tcp_info", -1, "bad --code_sockopt: 'tcp_info'" },
	{ "define", "NAME", -1, "bad --define: 'NAME' (expected NAME=VALUE)" },
	{ "define", "=1", -1, "bad --define: '=1' (expected NAME=VALUE)" },
	{ "netns", "other", -1, "bad --netns: 'other' (expected auto, new or current)" },

	/* a value for a flag that takes none */
	{ "tcp_ts_ecr_scaled", "1", -1, "option 'tcp_ts_ecr_scaled' forbids an argument" },
	{ "strict_segments", "", -1, "option 'strict_segments' forbids an argument" },
	{ "dry_run", "yes", -1, "option 'dry_run' forbids an argument" },
	{ "verbose", "1", -1, "option 'verbose' forbids an argument" },
	{ "debug", "1", -1, "option 'debug' forbids an argument" },
	{ "send_omit_free", "1", -1, "option 'send_omit_free' forbids an argument" },
	{ "is_anyip", "1", -1, "option 'is_anyip' forbids an argument" },
	{ "wire_client", "1", -1, "option 'wire_client' forbids an argument" },

	/* "--name" alone for a flag that takes a value */
	{ "ip_version", NULL, -1, "option 'ip_version' requires an argument" },
	{ "bind_port", NULL, -1, "option 'bind_port' requires an argument" },
	{ "connect_port", NULL, -1, "option 'connect_port' requires an argument" },
	{ "local_ip", NULL, -1, "option 'local_ip' requires an argument" },
	{ "remote_ip", NULL, -1, "option 'remote_ip' requires an argument" },
	{ "gateway_ip", NULL, -1, "option 'gateway_ip' requires an argument" },
	{ "netmask_ip", NULL, -1, "option 'netmask_ip' requires an argument" },
	{ "mtu", NULL, -1, "option 'mtu' requires an argument" },
	{ "mss", NULL, -1, "option 'mss' requires an argument" },
	{ "tolerance_usecs", NULL, -1, "option 'tolerance_usecs' requires an argument" },
	{ "tolerance_percent", NULL, -1, "option 'tolerance_percent' requires an argument" },
	{ "tcp_ts_tick_usecs", NULL, -1, "option 'tcp_ts_tick_usecs' requires an argument" },
	{ "non_fatal", NULL, -1, "option 'non_fatal' requires an argument" },
	{ "init_scripts", NULL, -1, "option 'init_scripts' requires an argument" },
	{ "code_command", NULL, -1, "option 'code_command' requires an argument" },
	{ "code_format", NULL, -1, "option 'code_format' requires an argument" },
	{ "code_sockopt", NULL, -1, "option 'code_sockopt' requires an argument" },
	{ "define", NULL, -1, "option 'define' requires an argument" },
	{ "netns", NULL, -1, "option 'netns' requires an argument" },
	{ "speed", NULL, -1, "option 'speed' requires an argument" },

	/* packetdrill flags this version does not run yet */
	{ "speed", "100", -2, "option '--speed' is not supported yet" },
	{ "is_anyip", NULL, -2, "option '--is_anyip' is not supported yet" },
	{ "so_filename", "libstack.so", -2, "option '--so_filename' is not supported yet" },
	{ "so_flags", "x", -2, "option '--so_flags' is not supported yet" },
	{ "wire_client", NULL, -2, "option '--wire_client' is not supported yet" },
	{ "wire_server", NULL, -2, "option '--wire_server' is not supported yet" },
	{ "wire_server_ip", "10.0.0.1", -2, "option '--wire_server_ip' is not supported yet" },
	{ "wire_server_at", "10.0.0.1", -2, "option '--wire_server_at' is not supported yet" },
	{ "wire_server_port", "8081", -2,
	  "option '--wire_server_port' is not supported yet" },
	{ "wire_client_dev", "eth0", -2, "option '--wire_client_dev' is not supported yet" },
	{ "wire_server_dev", "eth1", -2, "option '--wire_server_dev' is not supported yet" },
	{ "psp_udp_port", "1000", -2, "option '--psp_udp_port' is not supported yet" },
};
/* clang-format on */

/* Each refused setting gives its message and leaves a single-valued setting as
 * it was (a --non_fatal list is applied word by word; the run stops anyway). */
static void test_bad_values(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		const struct bad_case *t = &bad_cases[i];
		struct strbuf err = STRBUF_INIT;
		struct config c;
		char before[128], after[128];

		config_init(&c);
		describe(&c, t->name, before, sizeof(before));
		int rc = config_set(&c, t->name, t->value, &err);
		describe(&c, t->name, after, sizeof(after));
		if (rc != t->rc || strcmp(strbuf_str(&err), t->msg))
			ROW_FAIL("--%s=%s:\n  got  %d '%s'\n  want %d '%s'", t->name,
				 t->value ? t->value : "(none)", rc, strbuf_str(&err), t->rc,
				 t->msg);
		if (t->rc == -1 && strcmp(t->name, "non_fatal") && strcmp(before, after))
			ROW_FAIL("--%s=%s changed the setting from '%s' to '%s'", t->name,
				 t->value ? t->value : "(none)", before, after);
		strbuf_free(&err);
		config_free(&c);
	}
	ROWS_DONE();
}

/* Later settings win; string settings are replaced, not leaked. */
static void test_later_settings_win(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct config c;

	config_init(&c);
	assert_int_equal(config_set(&c, "bind_port", "1000", &err), 0);
	assert_int_equal(config_set(&c, "bind_port", "2000", &err), 0);
	assert_int_equal(config_set(&c, "code_command", "python3.9", &err), 0);
	assert_int_equal(config_set(&c, "code_command", "pypy3", &err), 0);
	assert_int_equal(config_set(&c, "define", "A=1", &err), 0);
	assert_int_equal(config_set(&c, "define", "B=x=y", &err), 0);
	assert_int_equal(config_set(&c, "define", "A=2", &err), 0);
	assert_int_equal(config_set(&c, "define", "E=", &err), 0);
	assert_string_equal(strbuf_str(&err), "");
	assert_int_equal(c.bind_port, 2000);
	assert_string_equal(c.code_command, "pypy3");
	assert_string_equal(defines_get(&c.defines, "A"), "2");
	assert_string_equal(defines_get(&c.defines, "B"), "x=y");
	assert_string_equal(defines_get(&c.defines, "E"), "");
	assert_null(defines_get(&c.defines, "C"));
	strbuf_free(&err);
	config_free(&c);
}

/* Which flags take a value, for "--name value" on the command line. */
static void test_flag_takes_value(void **state)
{
	static const struct {
		const char *name;
		bool known, takes;
	} cases[] = {
	    {"bind_port", true, true}, {"ip_version", true, true},	   {"define", true, true},
	    {"speed", true, true},     {"verbose", true, false},	   {"dry_run", true, false},
	    {"is_anyip", true, false}, {"tcp_ts_ecr_scaled", true, false}, {"bogus", false, false},
	    {"bind", false, false},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		bool known = !cases[i].known;
		bool takes = config_flag_takes_value(cases[i].name, &known);
		if (known != cases[i].known || takes != cases[i].takes)
			ROW_FAIL("%s: known %d takes %d", cases[i].name, known, takes);
	}
	ROWS_DONE();
}

/* ---- finalisation ---- */

static void text_of(const struct ip_addr *a, char *out, size_t cap)
{
	struct strbuf sb = STRBUF_INIT;

	ip_addr_print(a, &sb);
	snprintf(out, cap, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

/* Applies name=value pairs (NULL-terminated), then finalises. */
static int finalize_with(struct config *c, const char *const *settings, struct strbuf *err)
{
	config_init(c);
	for (size_t i = 0; settings[i]; i += 2)
		if (config_set(c, settings[i], settings[i + 1], err))
			return -99;
	return config_finalize(c, err);
}

/* A finalisation: settings in, then the resolved addresses as text (NULL =
 * don't check: random) or the exact error. */
struct fin_case {
	const char *settings[9];
	int rc;
	const char *msg;
	int wire_version, socket_family;
	const char *local, *remote, *gateway;
	int local_prefix, remote_prefix;
};

#define FAIL(msg) -1, msg, 0, 0, NULL, NULL, NULL, 0, 0

/* clang-format off */
static const struct fin_case fin_cases[] = {
	/* defaults per mode */
	{ { NULL }, 0, NULL, 4, AF_INET, NULL, "192.0.2.1", "192.168.0.1", 16, 24 },
	{ { "ip_version", "ipv4", NULL }, 0, NULL, 4, AF_INET,
	  NULL, "192.0.2.1", "192.168.0.1", 16, 24 },
	{ { "ip_version", "ipv4-mapped-ipv6", NULL }, 0, NULL, 4, AF_INET6,
	  NULL, "192.0.2.1", "192.168.0.1", 16, 24 },
	{ { "ip_version", "ipv6", NULL }, 0, NULL, 6, AF_INET6,
	  NULL, "2001:db8::1", "fd3d:fa7b:d17d:8888::", 48, 32 },

	/* explicit addresses; a remote without /len is a host route */
	{ { "local_ip", "10.0.0.2", "remote_ip", "192.0.2.1", "gateway_ip", "10.0.0.1", NULL },
	  0, NULL, 4, AF_INET, "10.0.0.2", "192.0.2.1", "10.0.0.1", 16, 32 },
	{ { "remote_ip", "198.51.100.9/8", NULL }, 0, NULL, 4, AF_INET,
	  NULL, "198.51.100.9", "192.168.0.1", 16, 8 },
	{ { "remote_ip", "192.0.2.1/32", NULL }, 0, NULL, 4, AF_INET,
	  NULL, "192.0.2.1", "192.168.0.1", 16, 32 },
	{ { "remote_ip", "192.0.2.1/0", NULL }, 0, NULL, 4, AF_INET,
	  NULL, "192.0.2.1", "192.168.0.1", 16, 0 },
	{ { "ip_version", "ipv6", "local_ip", "fd00::2", "remote_ip", "2001:db8::5",
	    "gateway_ip", "fd00::1", NULL },
	  0, NULL, 6, AF_INET6, "fd00::2", "2001:db8::5", "fd00::1", 48, 128 },
	{ { "ip_version", "ipv6", "remote_ip", "2001:db8:1::1/64", NULL }, 0, NULL, 6, AF_INET6,
	  NULL, "2001:db8:1::1", "fd3d:fa7b:d17d:8888::", 48, 64 },
	{ { "ip_version", "ipv4-mapped-ipv6", "local_ip", "10.0.0.2", NULL }, 0, NULL, 4,
	  AF_INET6, "10.0.0.2", "192.0.2.1", "192.168.0.1", 16, 24 },

	/* netmask -> local prefix (IPv4 only; IPv6 is always /48) */
	{ { "netmask_ip", "255.255.255.0", NULL }, 0, NULL, 4, AF_INET,
	  NULL, "192.0.2.1", "192.168.0.1", 24, 24 },
	{ { "netmask_ip", "255.255.255.252", NULL }, 0, NULL, 4, AF_INET,
	  "192.168.0.2", "192.0.2.1", "192.168.0.1", 30, 24 },
	{ { "netmask_ip", "255.255.255.255", "local_ip", "10.9.8.7", NULL }, 0, NULL, 4,
	  AF_INET, "10.9.8.7", "192.0.2.1", "192.168.0.1", 32, 24 },
	{ { "ip_version", "ipv6", "netmask_ip", "255.255.255.0", NULL }, 0, NULL, 6, AF_INET6,
	  NULL, "2001:db8::1", "fd3d:fa7b:d17d:8888::", 48, 32 },

	/* errors */
	{ { "netmask_ip", "255.0.255.0", NULL },
	  FAIL("bad --netmask_ip: '255.0.255.0' (not a contiguous mask)") },
	{ { "netmask_ip", "24", NULL }, FAIL("bad --netmask_ip: '24'") },
	{ { "netmask_ip", "255.255.255.254", NULL },
	  FAIL("--netmask_ip /31 leaves no default local address in 192.168.0.0/16; give "
	       "--local_ip") },
	{ { "netmask_ip", "0.0.0.0", NULL },
	  FAIL("--netmask_ip /0 leaves no default local address in 192.168.0.0/16; give "
	       "--local_ip") },
	{ { "local_ip", "localhost", NULL },
	  FAIL("bad --local_ip: 'localhost' (expected an IPv4 address)") },
	{ { "local_ip", "fd00::2", NULL },
	  FAIL("bad --local_ip: 'fd00::2' (expected an IPv4 address)") },
	{ { "ip_version", "ipv6", "local_ip", "10.0.0.2", NULL },
	  FAIL("bad --local_ip: '10.0.0.2' (expected an IPv6 address)") },
	{ { "ip_version", "ipv4-mapped-ipv6", "local_ip", "::ffff:10.0.0.2", NULL },
	  FAIL("bad --local_ip: '::ffff:10.0.0.2' (expected an IPv4 address)") },
	{ { "remote_ip", "192.0.2.1/33", NULL },
	  FAIL("bad --remote_ip prefix length: '192.0.2.1/33'") },
	{ { "remote_ip", "192.0.2.1/", NULL },
	  FAIL("bad --remote_ip prefix length: '192.0.2.1/'") },
	{ { "remote_ip", "192.0.2.1/x", NULL },
	  FAIL("bad --remote_ip prefix length: '192.0.2.1/x'") },
	{ { "remote_ip", "192.0.2.1/-1", NULL },
	  FAIL("bad --remote_ip prefix length: '192.0.2.1/-1'") },
	{ { "ip_version", "ipv6", "remote_ip", "2001:db8::1/129", NULL },
	  FAIL("bad --remote_ip prefix length: '2001:db8::1/129'") },
	{ { "remote_ip", "2001:db8::1/32", NULL },
	  FAIL("bad --remote_ip: '2001:db8::1' (expected an IPv4 address)") },
	{ { "remote_ip", "peer/24", NULL },
	  FAIL("bad --remote_ip: 'peer' (expected an IPv4 address)") },
	{ { "gateway_ip", "192.168.0.300", NULL },
	  FAIL("bad --gateway_ip: '192.168.0.300' (expected an IPv4 address)") },
	{ { "ip_version", "ipv6", "gateway_ip", "192.168.0.1", NULL },
	  FAIL("bad --gateway_ip: '192.168.0.1' (expected an IPv6 address)") },

	/* the peer must not be the local address */
	{ { "local_ip", "192.0.2.1", NULL }, FAIL("live_remote_ip 192.0.2.1 is not remote") },
	{ { "local_ip", "10.1.1.1", "remote_ip", "10.1.1.1/16", NULL },
	  FAIL("live_remote_ip 10.1.1.1 is not remote") },
	{ { "ip_version", "ipv6", "local_ip", "2001:db8::1", NULL },
	  FAIL("live_remote_ip 2001:db8::1 is not remote") },
};
/* clang-format on */

static void check_addr(size_t i, const char *what, const struct ip_addr *a, int family,
		       const char *want)
{
	char got[64];

	text_of(a, got, sizeof(got));
	if (a->family != family)
		ROW_FAIL("case %zu: %s family %d, want %d", i, what, a->family, family);
	if (want && strcmp(got, want))
		ROW_FAIL("case %zu: %s '%s', want '%s'", i, what, got, want);
}

static void test_finalize_table(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(fin_cases); i++) {
		const struct fin_case *t = &fin_cases[i];
		struct strbuf err = STRBUF_INIT;
		struct config c;
		int rc = finalize_with(&c, t->settings, &err);

		if (rc != t->rc || strcmp(strbuf_str(&err), t->msg ? t->msg : ""))
			ROW_FAIL("case %zu:\n  got  %d '%s'\n  want %d '%s'", i, rc,
				 strbuf_str(&err), t->rc, t->msg ? t->msg : "");
		/* A failure names its flag (for the option line at fault), and
		 * the message is about that flag. */
		if (rc && (!c.bad_option || !strstr(strbuf_str(&err), c.bad_option)))
			ROW_FAIL("case %zu: bad_option %s for '%s'", i,
				 c.bad_option ? c.bad_option : "NULL", strbuf_str(&err));
		if (!rc && c.bad_option)
			ROW_FAIL("case %zu: bad_option %s after success", i, c.bad_option);
		if (!t->rc) {
			int fam = t->wire_version == 4 ? AF_INET : AF_INET6;
			assert_int_equal(c.wire_version, t->wire_version);
			assert_int_equal(c.socket_family, t->socket_family);
			check_addr(i, "local", &c.live_local, fam, t->local);
			check_addr(i, "remote", &c.live_remote, fam, t->remote);
			check_addr(i, "gateway", &c.live_gateway, fam, t->gateway);
			if (c.local_prefix != t->local_prefix ||
			    c.remote_prefix != t->remote_prefix)
				ROW_FAIL("case %zu: prefixes /%d /%d, want /%d /%d", i,
					 c.local_prefix, c.remote_prefix, t->local_prefix,
					 t->remote_prefix);
		}
		strbuf_free(&err);
		config_free(&c);
	}
	ROWS_DONE();
}

/* The random IPv4 local address: inside 192.168.0.0 with the netmask, and
 * never the network address, the gateway's .1 or the broadcast address. */
static void test_default_local_v4(void **state)
{
	static const char *const masks[] = {
	    "255.255.0.0",     "255.255.128.0",	  "255.255.255.0",
	    "255.255.255.128", "255.255.255.248", "255.255.255.252",
	};

	for (size_t i = 0; i < ARRAY_SIZE(masks); i++) {
		const char *settings[] = {"netmask_ip", masks[i], NULL};
		struct strbuf err = STRBUF_INIT;
		struct config c;
		struct in_addr m;

		assert_int_equal(finalize_with(&c, settings, &err), 0);
		assert_int_equal(inet_pton(AF_INET, masks[i], &m), 1);
		uint32_t mask = ntohl(m.s_addr);
		uint32_t a = ntohl(c.live_local.v4.s_addr);
		uint32_t host = a & ~mask;
		if ((a & mask) != (0xc0a80000u & mask) || host == 0 || host == 1 || host == (~mask))
			ROW_FAIL("netmask %s: local 0x%08x is not a usable host of 192.168.0.0",
				 masks[i], a);
		assert_int_equal(c.live_local.family, AF_INET);
		strbuf_free(&err);
		config_free(&c);
	}
	ROWS_DONE();
}

/* The random IPv6 local address lies in fd3d:fa7b:d17d::/48 with non-zero
 * random low 32 bits, and is neither the gateway nor the peer. */
static void test_default_local_v6(void **state)
{
	static const uint8_t prefix[6] = {0xfd, 0x3d, 0xfa, 0x7b, 0xd1, 0x7d};
	const char *settings[] = {"ip_version", "ipv6", NULL};
	struct strbuf err = STRBUF_INIT;
	struct config c;

	assert_int_equal(finalize_with(&c, settings, &err), 0);
	assert_int_equal(c.live_local.family, AF_INET6);
	assert_memory_equal(c.live_local.v6.s6_addr, prefix, sizeof(prefix));
	static const uint8_t zero[6];
	/* fd3d:fa7b:d17d:0:0:0:xxxx:xxxx: only the low 32 bits are random */
	assert_memory_equal(c.live_local.v6.s6_addr + 6, zero, 6);
	assert_memory_not_equal(c.live_local.v6.s6_addr + 12, zero, 4);
	assert_false(ip_addr_equal(&c.live_local, &c.live_gateway));
	assert_false(ip_addr_equal(&c.live_local, &c.live_remote));
	strbuf_free(&err);
	config_free(&c);
}

/* Finalising twice (a config reused for a second script) gives the same families. */
static void test_finalize_twice(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct config c;

	config_init(&c);
	assert_int_equal(config_set(&c, "ip_version", "ipv6", &err), 0);
	assert_int_equal(config_finalize(&c, &err), 0);
	assert_int_equal(config_finalize(&c, &err), 0);
	assert_int_equal(c.wire_version, 6);
	assert_int_equal(c.socket_family, AF_INET6);
	assert_int_equal(c.live_remote.family, AF_INET6);
	strbuf_free(&err);
	config_free(&c);
}

/* The values the shell completion offers (config_flag_at().values) are
 * accepted; the flags with a fixed set of values or a file offer them. */
static void test_flag_values(void **state)
{
	size_t with_values = 0;

	for (size_t i = 0; i < config_flag_count(); i++) {
		struct config_flag f = config_flag_at(i);
		char *words;

		if (!f.values)
			continue;
		with_values++;
		if (!f.takes_value)
			ROW_FAIL("--%s takes no value but offers '%s'", f.name, f.values);
		if (!strcmp(f.values, "<file>"))
			continue;
		words = strdup(f.values);
		for (char *save, *w = strtok_r(words, " ", &save); w;
		     w = strtok_r(NULL, " ", &save)) {
			struct strbuf err = STRBUF_INIT;
			struct config c;

			config_init(&c);
			if (config_set(&c, f.name, w, &err))
				ROW_FAIL("--%s=%s offered, refused: %s", f.name, w,
					 strbuf_str(&err));
			strbuf_free(&err);
			config_free(&c);
		}
		free(words);
	}
	ROWS_DONE();
	assert_int_equal(with_values, 9);
	assert_string_equal(config_flag_at(0).name, "ip_version");
	assert_string_equal(config_flag_at(0).values, "ipv4 ipv4-mapped-ipv6 ipv6");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_flag_values),	       cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_good_values),	       cmocka_unit_test(test_bad_values),
	    cmocka_unit_test(test_later_settings_win), cmocka_unit_test(test_flag_takes_value),
	    cmocka_unit_test(test_finalize_table),     cmocka_unit_test(test_default_local_v4),
	    cmocka_unit_test(test_default_local_v6),   cmocka_unit_test(test_finalize_twice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
