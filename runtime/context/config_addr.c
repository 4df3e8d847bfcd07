/* SPDX-License-Identifier: GPL-2.0-only */
/* config_addr: resolves the run's addresses and families from the settings (spec §9.3). */
#include "runtime/context/config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "parser/util/xalloc.h"

static int parse_addr(const char *what, const char *text, int version, struct ip_addr *a,
		      struct strbuf *err)
{
	if (ip_addr_parse(text, a) || (version == 4) != (a->family == AF_INET)) {
		strbuf_printf(err, "bad --%s: '%s' (expected an IPv%d address)", what, text,
			      version);
		return -1;
	}
	return 0;
}

/* "addr" or "addr/len"; without /len the route is a host route. */
static int parse_prefix(const char *what, const char *text, int version, struct ip_addr *a,
			int *prefix, struct strbuf *err)
{
	char *copy = xstrdup(text);
	char *slash = strchr(copy, '/');
	int max = version == 4 ? 32 : 128;
	int rc = 0;

	*prefix = max;
	if (slash) {
		char *end;
		*slash = '\0';
		long n = strtol(slash + 1, &end, 10);
		if (end == slash + 1 || *end || n < 0 || n > max) {
			strbuf_printf(err, "bad --%s prefix length: '%s'", what, text);
			rc = -1;
		}
		*prefix = (int)n;
	}
	if (!rc)
		rc = parse_addr(what, copy, version, a, err);
	free(copy);
	return rc;
}

static int netmask_to_prefix(const char *text, int *prefix, struct strbuf *err)
{
	struct in_addr m;

	if (inet_pton(AF_INET, text, &m) != 1) {
		strbuf_printf(err, "bad --netmask_ip: '%s'", text);
		return -1;
	}
	uint32_t v = ntohl(m.s_addr);
	int n = __builtin_popcount(v);
	if (n && v != ~0u << (32 - n)) {
		strbuf_printf(err, "bad --netmask_ip: '%s' (not a contiguous mask)", text);
		return -1;
	}
	*prefix = n;
	return 0;
}

/* Upstream picks a random host inside 192.168.0.0/netmask, never .0/.1 nor
 * broadcast; a mask of /16../30 leaves room for that. */
static int default_local_v4(struct config *c, struct ip_addr *a, struct strbuf *err)
{
	if (c->local_prefix < 16 || c->local_prefix > 30) {
		strbuf_printf(err,
			      "--netmask_ip /%d leaves no default local address in "
			      "192.168.0.0/16; give --local_ip",
			      c->local_prefix);
		return -1;
	}
	uint32_t host_bits = (1u << (32 - c->local_prefix)) - 1;
	uint32_t host = 2 + (uint32_t)random() % (host_bits - 2);

	a->family = AF_INET;
	a->v4.s_addr = htonl((0xc0a80000u & ~host_bits) | (host & host_bits));
	return 0;
}

static void default_local_v6(struct ip_addr *a)
{
	uint32_t low = (uint32_t)random() | 2;

	ip_addr_parse("fd3d:fa7b:d17d::", a);
	memcpy(&a->v6.s6_addr[12], &low, 4);
}

/* Notes the flag at fault for config_finalize()'s caller; returns -1. */
static int blame(struct config *c, const char *option)
{
	c->bad_option = option;
	return -1;
}

static int finalize_v4(struct config *c, struct strbuf *err)
{
	if (netmask_to_prefix(c->netmask_ip ? c->netmask_ip : "255.255.0.0", &c->local_prefix, err))
		return blame(c, "netmask_ip");
	if (c->local_ip) {
		if (parse_addr("local_ip", c->local_ip, 4, &c->live_local, err))
			return blame(c, "local_ip");
	} else if (default_local_v4(c, &c->live_local, err)) {
		return blame(c, "netmask_ip");
	}
	if (c->remote_ip) {
		if (parse_prefix("remote_ip", c->remote_ip, 4, &c->live_remote, &c->remote_prefix,
				 err))
			return blame(c, "remote_ip");
	} else {
		parse_prefix("remote_ip", "192.0.2.1/24", 4, &c->live_remote, &c->remote_prefix,
			     err);
	}
	if (parse_addr("gateway_ip", c->gateway_ip ? c->gateway_ip : "192.168.0.1", 4,
		       &c->live_gateway, err))
		return blame(c, "gateway_ip");
	return 0;
}

static int finalize_v6(struct config *c, struct strbuf *err)
{
	c->local_prefix = 48;
	if (c->local_ip) {
		if (parse_addr("local_ip", c->local_ip, 6, &c->live_local, err))
			return blame(c, "local_ip");
	} else {
		default_local_v6(&c->live_local);
	}
	if (c->remote_ip) {
		if (parse_prefix("remote_ip", c->remote_ip, 6, &c->live_remote, &c->remote_prefix,
				 err))
			return blame(c, "remote_ip");
	} else {
		parse_prefix("remote_ip", "2001:db8::1/32", 6, &c->live_remote, &c->remote_prefix,
			     err);
	}
	if (parse_addr("gateway_ip", c->gateway_ip ? c->gateway_ip : "fd3d:fa7b:d17d:8888::0", 6,
		       &c->live_gateway, err))
		return blame(c, "gateway_ip");
	return 0;
}

int config_finalize(struct config *c, struct strbuf *err)
{
	c->bad_option = NULL;
	if (c->ip_mode == IP_MODE_UNSET)
		c->ip_mode = IP_MODE_IPV4;
	c->wire_version = c->ip_mode == IP_MODE_IPV6 ? 6 : 4;
	c->socket_family = c->ip_mode == IP_MODE_IPV4 ? AF_INET : AF_INET6;
	srandom((unsigned)getpid() ^ (unsigned)time(NULL));
	int rc = c->wire_version == 4 ? finalize_v4(c, err) : finalize_v6(c, err);
	if (rc)
		return rc;
	if (ip_addr_equal(&c->live_local, &c->live_remote)) {
		struct strbuf a = STRBUF_INIT;
		ip_addr_print(&c->live_remote, &a);
		strbuf_printf(err, "live_remote_ip %s is not remote", strbuf_str(&a));
		strbuf_free(&a);
		return blame(c, "remote_ip");
	}
	return 0;
}
