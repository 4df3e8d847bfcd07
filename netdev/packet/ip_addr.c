/* SPDX-License-Identifier: GPL-2.0-only */
/* ip_addr: printing, parsing and comparing IPv4/IPv6 addresses. */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "netdev/packet/ip_addr.h"

static size_t ip_addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

void ip_addr_print(const struct ip_addr *a, struct strbuf *out)
{
	char text[INET6_ADDRSTRLEN];

	if (a->family != AF_INET && a->family != AF_INET6) {
		strbuf_printf(out, "<family %d>", a->family);
		return;
	}
	if (!inet_ntop(a->family, a->bytes, text, sizeof(text)))
		text[0] = '\0';
	strbuf_printf(out, "%s", text);
}

int ip_addr_parse(const char *text, struct ip_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, text, &a->v4) == 1) {
		a->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, text, &a->v6) == 1) {
		a->family = AF_INET6;
		return 0;
	}
	return -1;
}

bool ip_addr_equal(const struct ip_addr *a, const struct ip_addr *b)
{
	return a->family == b->family && memcmp(a->bytes, b->bytes, ip_addr_len(a->family)) == 0;
}
