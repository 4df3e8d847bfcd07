/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests for netdev/: namespace, TUN, netlink configuration, sniffer and sock_diag, each in a
 * throwaway namespace. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "netdev/netconf.h"
#include "netdev/netns.h"
#include "netdev/sniffer.h"
#include "netdev/sockdiag.h"
#include "netdev/tun.h"
#include "parser/util/strbuf.h"

/* After packet/packet.h, whose TCPOPT_* enum the <netinet/tcp.h> macros would break. */
#include <netinet/tcp.h>

/* Exit status of a child that found no way to run (no privileges, no TUN). */
#define CHILD_SKIP 77

/* Checks inside a forked child: report and fail the child, never longjmp. */
#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			return -1;                                                                 \
		}                                                                                  \
	} while (0)

#define CHECK_OK(env, call)                                                                        \
	do {                                                                                       \
		int rc_ = (call);                                                                  \
		if (rc_ < 0) {                                                                     \
			fprintf(stderr, "%s:%d: %s = %d: %s\n", __FILE__, __LINE__, #call, rc_,    \
				strbuf_str(&(env)->err));                                          \
			return -1;                                                                 \
		}                                                                                  \
	} while (0)

/* The addresses of spec §9.3 (fixed host parts). */
struct family_conf {
	int family;
	const char *local, *gateway, *remote_net, *remote, *remote2;
	int local_prefix, remote_prefix;
};

static const struct family_conf conf4 = {
    AF_INET, "192.168.0.1", "192.168.0.2", "192.0.2.0", "192.0.2.1", "192.0.2.2", 16, 24,
};

static const struct family_conf conf6 = {
    AF_INET6,
    "fd3d:fa7b:d17d::1",
    "fd3d:fa7b:d17d:8888::",
    "2001:db8::",
    "2001:db8::1",
    "2001:db8::2",
    48,
    32,
};

struct env {
	struct tun tun;
	struct sniffer sn;
	struct strbuf err;
	const struct family_conf *conf;
};

static struct ip_addr addr(int family, const char *text)
{
	struct ip_addr a;

	memset(&a, 0, sizeof(a));
	a.family = family;
	if (inet_pton(family, text, a.bytes) != 1)
		a.family = -1;
	return a;
}

static int64_t mono_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int64_t ts_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

/* ---- packets, built and read by hand so this test needs nothing from packet/ ---- */

struct tcp_spec {
	int family;
	struct ip_addr src, dst;
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	size_t payload;
};

static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)(p[len - 1] << 8);
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Writes the IP header; returns its length. */
static size_t build_ip(uint8_t *p, const struct tcp_spec *s, size_t tcp_len)
{
	if (s->family == AF_INET) {
		memset(p, 0, 20);
		p[0] = 0x45;
		put16(p + 2, (uint16_t)(20 + tcp_len));
		p[8] = 255;
		p[9] = IPPROTO_TCP;
		memcpy(p + 12, s->src.bytes, 4);
		memcpy(p + 16, s->dst.bytes, 4);
		put16(p + 10, csum_fold(csum_add(0, p, 20)));
		return 20;
	}
	memset(p, 0, 40);
	p[0] = 0x60;
	put16(p + 4, (uint16_t)tcp_len);
	p[6] = IPPROTO_TCP;
	p[7] = 255;
	memcpy(p + 8, s->src.bytes, 16);
	memcpy(p + 24, s->dst.bytes, 16);
	return 40;
}

/* Builds an IPv4 or IPv6 TCP packet (MSS 1460 on SYNs, zero payload bytes)
 * with correct checksums. Returns its length. */
static size_t build_tcp(uint8_t *p, const struct tcp_spec *s)
{
	size_t alen = s->family == AF_INET ? 4 : 16;
	size_t thl = (s->flags & TH_SYN) ? 24 : 20, tcp_len = thl + s->payload;
	size_t ihl = build_ip(p, s, tcp_len);
	uint8_t *t = p + ihl, pseudo[8] = {0};
	uint32_t sum;

	memset(t, 0, tcp_len);
	put16(t, s->sport);
	put16(t + 2, s->dport);
	put32(t + 4, s->seq);
	put32(t + 8, s->ack);
	t[12] = (uint8_t)(thl / 4) << 4;
	t[13] = s->flags;
	put16(t + 14, 65535);
	if (thl == 24)
		memcpy(t + 20, "\x02\x04\x05\xb4", 4);
	put32(pseudo, (uint32_t)tcp_len);
	pseudo[7] = IPPROTO_TCP;
	sum = csum_add(csum_add(0, s->src.bytes, alen), s->dst.bytes, alen);
	sum = csum_add(sum, pseudo, 8);
	put16(t + 16, csum_fold(csum_add(sum, t, tcp_len)));
	return ihl + tcp_len;
}

/* A sniffed TCP packet, as far as these tests care. */
struct tcp_view {
	int family;
	uint8_t flags;
	uint16_t sport, dport;
	uint32_t seq, ack;
	size_t ip_len; /* from the IP header */
	int64_t stamp; /* CLOCK_MONOTONIC ns */
};

static bool parse_tcp(const uint8_t *p, size_t len, struct tcp_view *v)
{
	size_t ihl;

	if (len >= 20 && p[0] >> 4 == 4 && p[9] == IPPROTO_TCP) {
		v->family = AF_INET;
		ihl = (size_t)(p[0] & 15) * 4;
		v->ip_len = (size_t)(p[2] << 8 | p[3]);
	} else if (len >= 40 && p[0] >> 4 == 6 && p[6] == IPPROTO_TCP) {
		v->family = AF_INET6;
		ihl = 40;
		v->ip_len = 40 + (size_t)(p[4] << 8 | p[5]);
	} else {
		return false;
	}
	if (len < ihl + 20)
		return false;
	v->sport = (uint16_t)(p[ihl] << 8 | p[ihl + 1]);
	v->dport = (uint16_t)(p[ihl + 2] << 8 | p[ihl + 3]);
	v->seq = get32(p + ihl + 4);
	v->ack = get32(p + ihl + 8);
	v->flags = p[ihl + 13];
	return true;
}

/* Sniffs until a TCP packet from sport to dport with exactly these flags
 * shows up (IPv6 ND/MLD and others are skipped), within one second. */
static int sniff_tcp(struct env *e, uint16_t sport, uint16_t dport, uint8_t flags,
		     struct tcp_view *v)
{
	uint8_t buf[2048];
	size_t len;
	struct timespec stamp, deadline;
	int64_t end = mono_ns() + 1000000000;

	deadline.tv_sec = end / 1000000000;
	deadline.tv_nsec = end % 1000000000;
	for (;;) {
		int rc = sniffer_next(&e->sn, buf, sizeof(buf), &len, &stamp, &deadline);

		tun_drain(&e->tun);
		if (rc <= 0) {
			fprintf(stderr, "no TCP %u->%u flags 0x%02x sniffed (rc %d)\n", sport,
				dport, flags, rc);
			return -1;
		}
		if (parse_tcp(buf, len < sizeof(buf) ? len : sizeof(buf), v) && v->sport == sport &&
		    v->dport == dport && v->flags == flags) {
			CHECK(v->ip_len == len);
			v->stamp = ts_ns(&stamp);
			return 0;
		}
	}
}

/* ---- the namespace every test runs in ---- */

static int env_setup(struct env *e)
{
	const struct family_conf *c[] = {&conf4, &conf6};

	CHECK_OK(e, tun_open(&e->tun, "tun0", &e->err));
	CHECK(strcmp(e->tun.name, "tun0") == 0 && e->tun.ifindex > 1);
	/* The namespace dies with the child and takes the device along. */
	CHECK_OK(e, tun_set_persist(&e->tun, &e->err));
	CHECK_OK(e, netconf_link_up(e->tun.ifindex, 1500, &e->err));
	for (size_t i = 0; i < 2; i++) {
		struct ip_addr local = addr(c[i]->family, c[i]->local);
		struct ip_addr net = addr(c[i]->family, c[i]->remote_net);
		struct ip_addr gw = addr(c[i]->family, c[i]->gateway);

		CHECK_OK(e, netconf_addr_add(e->tun.ifindex, &local, c[i]->local_prefix, &e->err));
		CHECK_OK(e, netconf_route_replace(e->tun.ifindex, &net, c[i]->remote_prefix, &gw,
						  &e->err));
	}
	CHECK_OK(e, sniffer_open(&e->sn, e->tun.ifindex, &e->err));
	return 0;
}

static void env_teardown(struct env *e)
{
	sniffer_close(&e->sn);
	tun_close(&e->tun);
	strbuf_free(&e->err);
}

typedef int child_fn(struct env *e);

/* Runs fn in a forked child inside a new namespace, with tun0 set up unless
 * bare; the parent asserts that it passed (or skips). */
static void run_in_netns(child_fn *fn, const struct family_conf *conf, bool bare)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct env e = {.tun = {.fd = -1}, .sn = {.fd = -1}, .conf = conf};
		int rc = netns_enter_new(&e.err);

		if (rc < 0) {
			fprintf(stderr, "skipping: %s\n", strbuf_str(&e.err));
			strbuf_free(&e.err);
			exit(CHILD_SKIP);
		}
		rc = bare ? 0 : env_setup(&e);
		if (rc == 0)
			rc = fn(&e);
		env_teardown(&e);
		exit(rc == 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_SKIP)
		skip();
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- (a) an outbound SYN, and route replacement ---- */

static int connect_nonblocking(int family, const char *remote, uint16_t port, int *fd)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct ip_addr a = addr(family, remote);

	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		memcpy(&sin->sin_addr, a.bytes, 4);
		len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		memcpy(&sin6->sin6_addr, a.bytes, 16);
		len = sizeof(*sin6);
	}
	*fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK(*fd >= 0);
	CHECK(connect(*fd, (struct sockaddr *)&ss, len) < 0 && errno == EINPROGRESS);
	return 0;
}

static uint16_t local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return 0;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
}

/* connect() sends a SYN that the sniffer sees, stamped inside the connect() call. */
static int syn_sniffed(struct env *e, const char *remote, int64_t *lateness)
{
	struct tcp_view v;
	int fd;
	int64_t before = mono_ns(), after, now;

	CHECK(connect_nonblocking(e->conf->family, remote, 8080, &fd) == 0);
	after = mono_ns();
	CHECK(sniff_tcp(e, local_port(fd), 8080, TH_SYN, &v) == 0);
	now = mono_ns();
	close(fd);
	CHECK(v.family == e->conf->family);
	CHECK(now - v.stamp >= 0 && now - v.stamp < 50000000);
	/* The SYN goes out within connect(), so its stamp must fall inside it:
	 * this checks the realtime->monotonic conversion to a few microseconds. */
	if (v.stamp < before - 5000 || v.stamp > after + 5000)
		fprintf(stderr, "stamp %+.1f us after connect() began, which took %.1f us\n",
			(v.stamp - before) / 1e3, (after - before) / 1e3);
	CHECK(v.stamp >= before - 5000 && v.stamp <= after + 5000);
	*lateness = now - v.stamp;
	return 0;
}

static int child_connect_syn(struct env *e)
{
	const struct family_conf *c = e->conf;
	struct ip_addr net = addr(c->family, c->remote_net);
	int64_t late1, late2;

	CHECK(syn_sniffed(e, c->remote, &late1) == 0);
	/* Replace the gateway route by an on-link one; the SYN must still go out. */
	CHECK_OK(e, netconf_route_replace(e->tun.ifindex, &net, c->remote_prefix, NULL, &e->err));
	CHECK(syn_sniffed(e, c->remote2, &late2) == 0);
	printf("    %s SYN via gateway and on-link: sniffed %.1f us / %.1f us after its stamp\n",
	       c->family == AF_INET ? "IPv4" : "IPv6", late1 / 1e3, late2 / 1e3);
	return 0;
}

static void test_connect_syn(void **state)
{
	run_in_netns(child_connect_syn, *state, false);
}

/* ---- (b)/(c) an injected SYN, the SYN-ACK, sock_diag states, GSO data ---- */

static int listen_on(int family, const char *local, uint16_t port, int *fd)
{
	struct sockaddr_storage ss;
	struct ip_addr a = addr(family, local);
	socklen_t len =
	    family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	int one = 1;

	memset(&ss, 0, sizeof(ss));
	ss.ss_family = (sa_family_t)family;
	if (family == AF_INET) {
		((struct sockaddr_in *)&ss)->sin_port = htons(port);
		memcpy(&((struct sockaddr_in *)&ss)->sin_addr, a.bytes, 4);
	} else {
		((struct sockaddr_in6 *)&ss)->sin6_port = htons(port);
		memcpy(&((struct sockaddr_in6 *)&ss)->sin6_addr, a.bytes, 16);
	}
	*fd = socket(family, SOCK_STREAM, 0);
	CHECK(*fd >= 0);
	CHECK(setsockopt(*fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0);
	CHECK(bind(*fd, (struct sockaddr *)&ss, len) == 0);
	CHECK(listen(*fd, 8) == 0);
	return 0;
}

/* The state of remote:40000 -> local:8080, polled until it is want (1 s). */
static int wait_state(struct env *e, struct tcp_spec *s, int want)
{
	int state = -1;

	for (int i = 0; i < 1000; i++) {
		CHECK_OK(e, sockdiag_tcp_state(s->family, &s->dst, s->dport, &s->src, s->sport,
					       &state, &e->err));
		if (state == want)
			return 0;
		usleep(1000);
	}
	fprintf(stderr, "TCP state %d, expected %d\n", state, want);
	return -1;
}

static int check_diag_edges(struct env *e, struct tcp_spec *s)
{
	struct ip_addr other = addr(s->family, e->conf->remote2);
	int state = -1;

	CHECK_OK(e, sockdiag_tcp_listener(s->family, 8080, &state, &e->err));
	CHECK(state == TCP_LISTEN);
	CHECK_OK(e, sockdiag_tcp_listener(AF_UNSPEC, 8081, &state, &e->err));
	CHECK(state == TCP_CLOSE);
	CHECK_OK(e, sockdiag_tcp_state(s->family, &s->dst, 8080, &other, 40000, &state, &e->err));
	CHECK(state == TCP_CLOSE);
	CHECK_OK(e, sockdiag_tcp_state(s->family, &s->dst, 8080, &s->src, 40001, &state, &e->err));
	CHECK(state == TCP_CLOSE);
	return 0;
}

/* Injects 2000 bytes as one GSO packet (gso_size 1000); the kernel must
 * acknowledge all of it and the application must read all of it. */
static int gso_data(struct env *e, struct tcp_spec *s, int listener, int *fd)
{
	uint8_t pkt[2200], data[4096];
	struct tcp_view v;
	ssize_t got = 0, n;

	s->flags = TH_ACK | TH_PUSH;
	s->payload = 2000;
	CHECK_OK(e, tun_write(&e->tun, pkt, build_tcp(pkt, s), 1000));
	CHECK(sniff_tcp(e, s->dport, s->sport, TH_ACK, &v) == 0);
	CHECK(v.ack == s->seq + 2000);
	s->seq += 2000;
	*fd = accept(listener, NULL, NULL);
	CHECK(*fd >= 0);
	while (got < 2000 && (n = recv(*fd, data, sizeof(data), 0)) > 0)
		got += n;
	CHECK(got == 2000);
	return 0;
}

/* close() sends a FIN (FIN_WAIT1); the peer's FIN+ACK leads to TIME_WAIT. */
static int active_close(struct env *e, struct tcp_spec *s, int fd)
{
	uint8_t pkt[256];
	struct tcp_view v;

	close(fd);
	CHECK(sniff_tcp(e, s->dport, s->sport, TH_FIN | TH_ACK, &v) == 0);
	CHECK(wait_state(e, s, TCP_FIN_WAIT1) == 0);
	s->flags = TH_FIN | TH_ACK;
	s->payload = 0;
	s->ack = v.seq + 1;
	CHECK_OK(e, tun_write(&e->tun, pkt, build_tcp(pkt, s), 0));
	CHECK(sniff_tcp(e, s->dport, s->sport, TH_ACK, &v) == 0);
	CHECK(v.ack == s->seq + 1);
	return wait_state(e, s, TCP_TIME_WAIT);
}

static int child_passive_open(struct env *e)
{
	const struct family_conf *c = e->conf;
	struct tcp_spec s = {
	    .family = c->family,
	    .src = addr(c->family, c->remote),
	    .dst = addr(c->family, c->local),
	    .sport = 40000,
	    .dport = 8080,
	    .seq = 1000,
	    .flags = TH_SYN,
	};
	uint8_t pkt[256];
	struct tcp_view v;
	int listener, fd = -1, rc;

	CHECK(listen_on(c->family, c->local, 8080, &listener) == 0);
	CHECK_OK(e, tun_write(&e->tun, pkt, build_tcp(pkt, &s), 0));
	CHECK(sniff_tcp(e, 8080, 40000, TH_SYN | TH_ACK, &v) == 0);
	CHECK(v.ack == 1001);
	CHECK(wait_state(e, &s, TCP_SYN_RECV) == 0);
	CHECK(check_diag_edges(e, &s) == 0);
	s.seq = 1001;
	s.ack = v.seq + 1;
	s.flags = TH_ACK;
	CHECK_OK(e, tun_write(&e->tun, pkt, build_tcp(pkt, &s), 0));
	CHECK(wait_state(e, &s, TCP_ESTABLISHED) == 0);
	rc = gso_data(e, &s, listener, &fd);
	if (rc == 0)
		rc = active_close(e, &s, fd);
	else if (fd >= 0)
		close(fd);
	close(listener);
	return rc;
}

static void test_passive_open(void **state)
{
	run_in_netns(child_passive_open, *state, false);
}

/* ---- (d) error paths ---- */

static int child_errors(struct env *e)
{
	struct tun t;
	struct ip_addr a = addr(AF_INET, "192.168.0.1");
	struct ip_addr net = addr(AF_INET, "198.51.100.0"), gw = addr(AF_INET, "10.9.9.9");

	CHECK(tun_open(&t, "bad/name", &e->err) == -EINVAL);
	printf("    tun_open(\"bad/name\"): %s\n", strbuf_str(&e->err));
	CHECK(strstr(strbuf_str(&e->err), "bad/name") && t.fd == -1);
	strbuf_reset(&e->err);
	CHECK(tun_open(&t, "much-too-long-for-a-name", &e->err) == -EINVAL);
	CHECK(e->err.len > 0);
	strbuf_reset(&e->err);

	CHECK(netconf_addr_add(9999, &a, 16, &e->err) == -ENODEV);
	printf("    netconf_addr_add(9999): %s\n", strbuf_str(&e->err));
	CHECK(strstr(strbuf_str(&e->err), "cannot add address 192.168.0.1/16 to ifindex 9999: "));
	strbuf_reset(&e->err);

	/* An existing address is fine; an unreachable gateway is not. */
	CHECK_OK(e, netconf_addr_add(e->tun.ifindex, &a, 16, &e->err));
	CHECK(netconf_route_replace(e->tun.ifindex, &net, 24, &gw, &e->err) < 0);
	printf("    unreachable gateway: %s\n", strbuf_str(&e->err));
	CHECK(strstr(strbuf_str(&e->err), "via 10.9.9.9 dev tun0: "));
	strbuf_reset(&e->err);
	CHECK(netconf_link_up(9999, 1500, &e->err) < 0);
	printf("    netconf_link_up(9999): %s\n", strbuf_str(&e->err));
	strbuf_reset(&e->err);
	CHECK(netconf_ifindex("tun0") == e->tun.ifindex && netconf_ifindex("nope0") < 0);
	return 0;
}

static void test_errors(void **state)
{
	run_in_netns(child_errors, NULL, false);
}

/* Without CAP_SYS_ADMIN, entering a namespace fails with a clear message. */
static void test_unshare_denied(void **state)
{
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct caps[2];
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct strbuf err = STRBUF_INIT;
		int rc;

		memset(caps, 0, sizeof(caps));
		if (syscall(SYS_capset, &hdr, caps) < 0)
			exit(CHILD_SKIP);
		rc = netns_enter_new(&err);
		printf("    without capabilities: %s\n", strbuf_str(&err));
		rc = rc == -EPERM &&
		     !strcmp(strbuf_str(&err), "unshare(CLONE_NEWNET): Operation not permitted");
		strbuf_free(&err);
		exit(rc ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_SKIP)
		skip();
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* ---- closing the sniffer without waiting for the kernel ---- */

/* Lines of /proc/net/packet after its header: our namespace's packet sockets. */
static int packet_sockets(void)
{
	char line[256];
	int n = -1;
	FILE *f = fopen("/proc/net/packet", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n;
}

/* sniffer_close_detached() returns with the descriptor closed; its one child
 * closes the socket and ends by itself, successfully. */
static int child_close_detached(struct env *e)
{
	int status;

	CHECK(packet_sockets() == 1);
	sniffer_close_detached(&e->sn);
	CHECK(e->sn.fd == -1);
	pid_t closer = wait(&status);
	CHECK(closer > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(wait(NULL) == -1 && errno == ECHILD);
	CHECK(packet_sockets() == 0);
	return 0;
}

static void test_close_detached(void **state)
{
	run_in_netns(child_close_detached, &conf4, false);
}

/* ---- start-up cost of each step ---- */

enum step {
	STEP_UNSHARE,
	STEP_LO_UP,
	STEP_TUN_OPEN,
	STEP_PERSIST,
	STEP_LINK_UP,
	STEP_ADDR4,
	STEP_ROUTE4,
	STEP_ADDR6,
	STEP_ROUTE6,
	STEP_SNIFFER,
	STEP_TOTAL,
	STEP_TEARDOWN,
	STEP_FORK_TO_REAP,
	STEP_SNIFFER_UPSTREAM,
	STEP_NETLINK_NOOP,
	NSTEPS
};

static const char *const step_names[NSTEPS] = {
    [STEP_UNSHARE] = "unshare(CLONE_NEWNET)",
    [STEP_LO_UP] = "lo up (netlink)",
    [STEP_TUN_OPEN] = "tun_open",
    [STEP_PERSIST] = "tun_set_persist",
    [STEP_LINK_UP] = "link up + mtu 1500",
    [STEP_ADDR4] = "addr add v4",
    [STEP_ROUTE4] = "route replace v4 (via)",
    [STEP_ADDR6] = "addr add v6 (nodad)",
    [STEP_ROUTE6] = "route replace v6 (via)",
    [STEP_SNIFFER] = "sniffer_open (proto 0, then bind)",
    [STEP_TOTAL] = "= total set-up (unshare..sniffer_open)",
    [STEP_TEARDOWN] = "teardown (close, exit, reaped)",
    [STEP_FORK_TO_REAP] = "= fork..reaped (whole run, no script)",
    [STEP_SNIFFER_UPSTREAM] = "cf. socket(ETH_P_ALL)+bind (upstream)",
    [STEP_NETLINK_NOOP] = "cf. repeated link up (no-op request)",
};

/* The upstream way: the socket is hooked to ETH_P_ALL at creation, so bind()
 * has to unhook it first. */
static int upstream_style_sniffer(int ifindex)
{
	struct sockaddr_ll sll = {
	    .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = ifindex};
	int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));

	if (fd < 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return -1;
	close(fd);
	return 0;
}

#define TIMED(t, step, call)                                                                       \
	do {                                                                                       \
		int64_t t0_ = mono_ns();                                                           \
		CHECK_OK(e, call);                                                                 \
		(t)[step] = mono_ns() - t0_;                                                       \
	} while (0)

static int timed_setup(struct env *e, bool tuned, int64_t *t)
{
	struct ip_addr l4 = addr(AF_INET, conf4.local), n4 = addr(AF_INET, conf4.remote_net);
	struct ip_addr g4 = addr(AF_INET, conf4.gateway), l6 = addr(AF_INET6, conf6.local);
	struct ip_addr n6 = addr(AF_INET6, conf6.remote_net), g6 = addr(AF_INET6, conf6.gateway);
	int64_t start = mono_ns(), t0;
	int ifx;

	CHECK(unshare(CLONE_NEWNET) == 0);
	t[STEP_UNSHARE] = mono_ns() - start;
	TIMED(t, STEP_LO_UP, netconf_link_up(1, 0, &e->err));
	TIMED(t, STEP_TUN_OPEN, tun_open(&e->tun, "tun0", &e->err));
	if (tuned)
		TIMED(t, STEP_PERSIST, tun_set_persist(&e->tun, &e->err));
	ifx = e->tun.ifindex;
	TIMED(t, STEP_LINK_UP, netconf_link_up(ifx, 1500, &e->err));
	TIMED(t, STEP_ADDR4, netconf_addr_add(ifx, &l4, 16, &e->err));
	TIMED(t, STEP_ROUTE4, netconf_route_replace(ifx, &n4, 24, &g4, &e->err));
	TIMED(t, STEP_ADDR6, netconf_addr_add(ifx, &l6, 48, &e->err));
	TIMED(t, STEP_ROUTE6, netconf_route_replace(ifx, &n6, 32, &g6, &e->err));
	TIMED(t, STEP_SNIFFER, sniffer_open(&e->sn, ifx, &e->err));
	t[STEP_TOTAL] = mono_ns() - start;
	TIMED(t, STEP_NETLINK_NOOP, netconf_link_up(ifx, 1500, &e->err));
	t0 = mono_ns();
	CHECK(upstream_style_sniffer(ifx) == 0);
	t[STEP_SNIFFER_UPSTREAM] = mono_ns() - t0;
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* One timed run in a child; its figures come back through the pipe. */
static int timed_run(bool tuned, int64_t *t)
{
	int fds[2], status;
	int64_t start = mono_ns(), set_up;
	ssize_t size = NSTEPS * sizeof(*t);
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		struct env e = {.tun = {.fd = -1}, .sn = {.fd = -1}};
		int rc = timed_setup(&e, tuned, t);

		if (rc == 0 && write(fds[1], t, (size_t)size) != size)
			rc = -1;
		env_teardown(&e);
		exit(rc == 0 ? 0 : 1);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], t, (size_t)size) != size)
		pid = -1;
	set_up = mono_ns();
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	t[STEP_TEARDOWN] = mono_ns() - set_up;
	t[STEP_FORK_TO_REAP] = mono_ns() - start;
	return 0;
}

#define TIMING_RUNS 20

static int timing_table(bool tuned)
{
	static int64_t t[TIMING_RUNS][NSTEPS], col[TIMING_RUNS];

	memset(t, 0, sizeof(t));
	for (int r = 0; r < TIMING_RUNS; r++)
		CHECK(timed_run(tuned, t[r]) == 0);
	printf("    %s, %d runs (us)%*s median      min      max\n",
	       tuned ? "persistent tun0, timestamping held" : "plain", TIMING_RUNS, tuned ? 4 : 32,
	       "");
	for (int s = 0; s < NSTEPS; s++) {
		for (int r = 0; r < TIMING_RUNS; r++)
			col[r] = t[r][s];
		qsort(col, TIMING_RUNS, sizeof(col[0]), cmp_i64);
		printf("    %-42s %8.1f %8.1f %8.1f\n", step_names[s],
		       (col[TIMING_RUNS / 2 - 1] + col[TIMING_RUNS / 2]) / 2e3, col[0] / 1e3,
		       col[TIMING_RUNS - 1] / 1e3);
	}
	return 0;
}

/* Runs in a namespace of its own, so that even the timestamping holder socket
 * stays off the host's; every timed run unshares once more. */
static int child_timing(struct env *e)
{
	CHECK(timing_table(false) == 0);
	CHECK_OK(e, sniffer_hold_timestamping(&e->err));
	CHECK_OK(e, sniffer_hold_timestamping(&e->err));
	return timing_table(true);
}

static void test_setup_timing(void **state)
{
	run_in_netns(child_timing, NULL, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_prestate(test_connect_syn, (void *)&conf4),
	    cmocka_unit_test_prestate(test_connect_syn, (void *)&conf6),
	    cmocka_unit_test_prestate(test_passive_open, (void *)&conf4),
	    cmocka_unit_test_prestate(test_passive_open, (void *)&conf6),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_unshare_denied),
	    cmocka_unit_test(test_close_detached),
	    cmocka_unit_test(test_setup_timing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
