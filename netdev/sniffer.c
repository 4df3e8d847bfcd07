/* SPDX-License-Identifier: GPL-2.0-only */
/* sniffer: reads the packets the kernel transmits on one interface, with kernel timestamps. */
#include "netdev/sniffer.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define SNIFFER_RCVBUF (2 * 1024 * 1024)
#define NSEC_PER_SEC 1000000000LL

static int sniffer_fail(struct sniffer *s, const char *what, struct strbuf *err)
{
	int e = errno;

	strbuf_printf(err, "cannot %s packet socket on ifindex %d: %s", what, s->ifindex,
		      strerror(e));
	sniffer_close(s);
	return -e;
}

/* The stamp of the one datagram waiting on udp; -1 if none or unstamped. */
static int64_t probe_stamp(int udp)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct timespec))];
		struct cmsghdr align;
	} control;
	struct msghdr msg = {.msg_control = control.buf, .msg_controllen = sizeof(control.buf)};
	struct pollfd pfd = {.fd = udp, .events = POLLIN};
	struct timespec ts;

	if (poll(&pfd, 1, 10) != 1 || recvmsg(udp, &msg, MSG_DONTWAIT) < 0)
		return -1;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
			memcpy(&ts, CMSG_DATA(c), sizeof(ts));
			return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
		}
	}
	return -1;
}

/* Sends udp a datagram over loopback and tells whether the kernel stamped it
 * on arrival (1) or only when it was read (0); -1 if loopback is unusable. */
static int probe_timestamping(int udp, const struct sockaddr_in *self)
{
	struct timespec sent;
	int64_t stamp;

	if (sendto(udp, "", 0, 0, (const struct sockaddr *)self, sizeof(*self)) < 0)
		return -1;
	/* Loopback delivers within sendto(); an arrival stamp predates this. */
	clock_gettime(CLOCK_REALTIME, &sent);
	stamp = probe_stamp(udp);
	if (stamp < 0)
		return -1;
	return stamp <= sent.tv_sec * NSEC_PER_SEC + sent.tv_nsec;
}

/* SO_TIMESTAMPNS asks the kernel to turn its global timestamping switch on,
 * but the switch flips later, from a work queue, if nobody had it on yet;
 * until then packets are stamped only when read, up to milliseconds late.
 * Wait (at most ~50 ms) until a loopback probe shows it is on. Without a
 * usable loopback the probe cannot tell, and we go on. */
static void sniffer_await_timestamping(void)
{
	struct sockaddr_in self = {.sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(self);
	int one = 1;
	int udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (udp < 0)
		return;
	if (setsockopt(udp, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one)) == 0 &&
	    bind(udp, (struct sockaddr *)&self, sizeof(self)) == 0 &&
	    getsockname(udp, (struct sockaddr *)&self, &len) == 0) {
		for (int i = 0; i < 200 && probe_timestamping(udp, &self) == 0; i++)
			usleep(250);
	}
	close(udp);
}

int sniffer_open(struct sniffer *s, int ifindex, struct strbuf *err)
{
	struct sockaddr_ll sll;
	int size = SNIFFER_RCVBUF, one = 1;

	s->ifindex = ifindex;
	s->tap = NULL;
	s->tap_ctx = NULL;
	/* Protocol 0: the socket receives nothing until bind() below hooks it to
	 * ETH_P_ALL on one device (~3 us). Passing ETH_P_ALL here would hook it
	 * to all devices first, and bind() would then have to unhook it and wait
	 * for an RCU grace period: 20 us to 2 ms measured on Linux 6.18, 11-15 ms
	 * reported for older kernels. */
	s->fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return sniffer_fail(s, "create", err);
	/* FORCE goes past net.core.rmem_max but needs CAP_NET_ADMIN. */
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0 &&
	    setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size)) < 0)
		return sniffer_fail(s, "size the receive buffer of", err);
	if (setsockopt(s->fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one)) < 0)
		return sniffer_fail(s, "enable timestamps on", err);
	sniffer_await_timestamping();
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = ifindex;
	if (bind(s->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return sniffer_fail(s, "bind", err);
	return 0;
}

static int64_t ts_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * NSEC_PER_SEC + t->tv_nsec;
}

static struct timespec ns_ts(int64_t ns)
{
	struct timespec t = {.tv_sec = ns / NSEC_PER_SEC, .tv_nsec = ns % NSEC_PER_SEC};

	return t;
}

/* CLOCK_REALTIME minus CLOCK_MONOTONIC, read between two monotonic reads; the
 * narrowest of a few tries bounds the error to well under a microsecond. The
 * offset only moves when the wall clock is stepped (NTP slewing changes both
 * clocks' rate alike), so reading it when a packet arrives is exact. */
static int64_t realtime_offset_ns(void)
{
	struct timespec a, r, b;
	int64_t best_width = INT64_MAX, offset = 0;

	for (int i = 0; i < 3; i++) {
		clock_gettime(CLOCK_MONOTONIC, &a);
		clock_gettime(CLOCK_REALTIME, &r);
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (ts_ns(&b) - ts_ns(&a) < best_width) {
			best_width = ts_ns(&b) - ts_ns(&a);
			offset = ts_ns(&r) - (ts_ns(&a) + ts_ns(&b)) / 2;
		}
	}
	return offset;
}

/* The SCM_TIMESTAMPNS stamp on CLOCK_MONOTONIC; now if the kernel gave none. */
static void sniffer_stamp(struct msghdr *msg, struct timespec *stamp)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
			struct timespec real;

			memcpy(&real, CMSG_DATA(c), sizeof(real));
			*stamp = ns_ts(ts_ns(&real) - realtime_offset_ns());
			return;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, stamp);
}

/* Returns 1 for a kept packet, 0 for one to skip, -errno (-EAGAIN: none). */
static int sniffer_read(struct sniffer *s, uint8_t *buf, size_t cap, size_t *len,
			struct timespec *stamp)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct timespec))];
		struct cmsghdr align;
	} control;
	struct sockaddr_ll from;
	struct iovec iov = {.iov_base = buf, .iov_len = cap};
	struct msghdr msg = {
	    .msg_name = &from,
	    .msg_namelen = sizeof(from),
	    .msg_iov = &iov,
	    .msg_iovlen = 1,
	    .msg_control = control.buf,
	    .msg_controllen = sizeof(control.buf),
	};
	ssize_t n = recvmsg(s->fd, &msg, MSG_TRUNC | MSG_DONTWAIT);

	if (n < 0)
		return -errno;
	if (from.sll_ifindex != s->ifindex)
		return 0;
	sniffer_stamp(&msg, stamp);
	if (s->tap)
		s->tap(s->tap_ctx, buf, (size_t)n < cap ? (size_t)n : cap, stamp,
		       from.sll_pkttype == PACKET_OUTGOING);
	if (from.sll_pkttype != PACKET_OUTGOING)
		return 0;
	*len = (size_t)n;
	return 1;
}

/* Waits for the socket to become readable. Returns 1, 0 on timeout, or -errno. */
static int sniffer_wait(struct sniffer *s, const struct timespec *deadline)
{
	struct pollfd pfd = {.fd = s->fd, .events = POLLIN};
	struct timespec now, left, *timeout = NULL;
	int n;

	if (deadline) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ts_ns(deadline) <= ts_ns(&now))
			return 0;
		left = ns_ts(ts_ns(deadline) - ts_ns(&now));
		timeout = &left;
	}
	n = ppoll(&pfd, 1, timeout, NULL);
	if (n < 0)
		return -errno;
	return n > 0;
}

void sniffer_drain(struct sniffer *s)
{
	static uint8_t buf[65536];
	struct timespec stamp;
	size_t len;

	while (sniffer_read(s, buf, sizeof(buf), &len, &stamp) >= 0)
		;
}

int sniffer_next(struct sniffer *s, uint8_t *buf, size_t cap, size_t *len, struct timespec *stamp,
		 const struct timespec *deadline)
{
	int rc;

	for (;;) {
		rc = sniffer_read(s, buf, cap, len, stamp);
		if (rc == 1)
			return 1;
		if (rc < 0 && rc != -EAGAIN)
			return rc;
		if (rc == 0)
			continue;
		rc = sniffer_wait(s, deadline);
		if (rc <= 0)
			return rc;
	}
}

void sniffer_close(struct sniffer *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

void sniffer_close_detached(struct sniffer *s)
{
	sigset_t all, old;
	int fd = s->fd;

	if (fd < 0)
		return;
	/* The child runs no handler of ours (a Ctrl-C must not make it report
	 * a line); SIGKILL still ends it, and the close completes regardless. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	if (fork() == 0) {
		/* Only async-signal-safe calls: the parent may have threads. Drop
		 * every other descriptor first, so that no pipe reader waits for
		 * us and no device is kept alive. The name is for ps and top. */
		prctl(PR_SET_NAME, "pktdrill-close");
		if (fd > 0)
			close_range(0, (unsigned int)fd - 1, 0);
		close_range((unsigned int)fd + 1, ~0U, 0);
		close(fd);
		_exit(0);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	sniffer_close(s);
}

int sniffer_hold_timestamping(struct strbuf *err)
{
	static int holder = -1;
	int one = 1;

	if (holder >= 0)
		return 0;
	holder = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (holder < 0 || setsockopt(holder, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one)) < 0) {
		int e = errno;

		strbuf_printf(err, "cannot enable socket timestamps: %s", strerror(e));
		if (holder >= 0)
			close(holder);
		holder = -1;
		return -e;
	}
	return 0;
}
