/* SPDX-License-Identifier: GPL-2.0-only */
/* symbols: the sorted table of symbolic constants that syscall arguments may name. */
#include "runtime/syscalls/symbols.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <linux/capability.h>
#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <linux/sockios.h>

#include "netdev/tcp_states.h"
#include "parser/util/strbuf.h"

enum symbol_kind {
	SYMBOL_CONST,
	SYMBOL_ERRNO,	    /* the canonical name of an errno value */
	SYMBOL_ERRNO_ALIAS, /* EWOULDBLOCK, EDEADLOCK: lookups only, never printed */
};

struct symbol {
	const char *name;
	int64_t value;
	enum symbol_kind kind;
};

/* Values come from the system headers where they define the name, so the
 * live syscalls get the host's numbers; LIT() covers names that no header
 * in scope defines (kernel-internal, libcap, or newer than linux-libc-dev)
 * or, for TCP_NLA_* and TCP_CA_*, that live in <linux/tcp.h>, which clashes
 * with <netinet/tcp.h>. tests/unit/test_symbols.c checks every value
 * against the spec's Appendix A. */
/* clang-format off */
#define SYM(n)		{ #n, (int64_t)(n), SYMBOL_CONST }
#define LIT(n, v)	{ #n, (int64_t)(v), SYMBOL_CONST }
#define ERRNO(n)	{ #n, (int64_t)(n), SYMBOL_ERRNO }
#define ERRNO_ALIAS(n)	{ #n, (int64_t)(n), SYMBOL_ERRNO_ALIAS }

/* Sorted by strcmp() on the name (LC_ALL=C sort order) for bsearch(); the
 * unit test checks the order and that names are unique. */
static const struct symbol symbols[] = {
	SYM(AF_INET),
	SYM(AF_INET6),
	SYM(AF_PACKET),
	SYM(AF_UNSPEC),
	SYM(CAP_AUDIT_CONTROL),
	SYM(CAP_AUDIT_WRITE),
	SYM(CAP_BLOCK_SUSPEND),
	SYM(CAP_CHOWN),
	LIT(CAP_CLEAR, 0),
	SYM(CAP_DAC_OVERRIDE),
	SYM(CAP_DAC_READ_SEARCH),
	LIT(CAP_EFFECTIVE, 0),
	SYM(CAP_FOWNER),
	SYM(CAP_FSETID),
	LIT(CAP_INHERITABLE, 2),
	SYM(CAP_IPC_LOCK),
	SYM(CAP_IPC_OWNER),
	SYM(CAP_KILL),
	SYM(CAP_LEASE),
	SYM(CAP_LINUX_IMMUTABLE),
	SYM(CAP_MAC_ADMIN),
	SYM(CAP_MAC_OVERRIDE),
	SYM(CAP_MKNOD),
	SYM(CAP_NET_ADMIN),
	SYM(CAP_NET_BIND_SERVICE),
	SYM(CAP_NET_BROADCAST),
	SYM(CAP_NET_RAW),
	LIT(CAP_PERMITTED, 1),
	LIT(CAP_SET, 1),
	SYM(CAP_SETFCAP),
	SYM(CAP_SETGID),
	SYM(CAP_SETPCAP),
	SYM(CAP_SETUID),
	SYM(CAP_SYSLOG),
	SYM(CAP_SYS_ADMIN),
	SYM(CAP_SYS_BOOT),
	SYM(CAP_SYS_CHROOT),
	SYM(CAP_SYS_MODULE),
	SYM(CAP_SYS_NICE),
	SYM(CAP_SYS_PACCT),
	SYM(CAP_SYS_PTRACE),
	SYM(CAP_SYS_RAWIO),
	SYM(CAP_SYS_RESOURCE),
	SYM(CAP_SYS_TIME),
	SYM(CAP_SYS_TTY_CONFIG),
	SYM(CAP_WAKE_ALARM),
	ERRNO(E2BIG),
	ERRNO(EACCES),
	ERRNO(EADDRINUSE),
	ERRNO(EADDRNOTAVAIL),
	ERRNO(EADV),
	ERRNO(EAFNOSUPPORT),
	ERRNO(EAGAIN),
	ERRNO(EALREADY),
	ERRNO(EBADE),
	ERRNO(EBADF),
	ERRNO(EBADFD),
	ERRNO(EBADMSG),
	ERRNO(EBADR),
	ERRNO(EBADRQC),
	ERRNO(EBADSLT),
	ERRNO(EBFONT),
	ERRNO(EBUSY),
	ERRNO(ECANCELED),
	ERRNO(ECHILD),
	ERRNO(ECHRNG),
	ERRNO(ECOMM),
	ERRNO(ECONNABORTED),
	ERRNO(ECONNREFUSED),
	ERRNO(ECONNRESET),
	ERRNO(EDEADLK),
	ERRNO_ALIAS(EDEADLOCK),
	ERRNO(EDESTADDRREQ),
	ERRNO(EDOM),
	ERRNO(EDOTDOT),
	ERRNO(EDQUOT),
	ERRNO(EEXIST),
	ERRNO(EFAULT),
	ERRNO(EFBIG),
	ERRNO(EHOSTDOWN),
	ERRNO(EHOSTUNREACH),
	ERRNO(EIDRM),
	ERRNO(EILSEQ),
	ERRNO(EINPROGRESS),
	ERRNO(EINTR),
	ERRNO(EINVAL),
	ERRNO(EIO),
	ERRNO(EISCONN),
	ERRNO(EISDIR),
	ERRNO(EISNAM),
	ERRNO(EKEYEXPIRED),
	ERRNO(EKEYREJECTED),
	ERRNO(EKEYREVOKED),
	ERRNO(EL2HLT),
	ERRNO(EL2NSYNC),
	ERRNO(EL3HLT),
	ERRNO(EL3RST),
	ERRNO(ELIBACC),
	ERRNO(ELIBBAD),
	ERRNO(ELIBEXEC),
	ERRNO(ELIBMAX),
	ERRNO(ELIBSCN),
	ERRNO(ELNRNG),
	ERRNO(ELOOP),
	ERRNO(EMEDIUMTYPE),
	ERRNO(EMFILE),
	ERRNO(EMLINK),
	ERRNO(EMSGSIZE),
	ERRNO(EMULTIHOP),
	ERRNO(ENAMETOOLONG),
	ERRNO(ENAVAIL),
	ERRNO(ENETDOWN),
	ERRNO(ENETRESET),
	ERRNO(ENETUNREACH),
	ERRNO(ENFILE),
	ERRNO(ENOANO),
	ERRNO(ENOBUFS),
	ERRNO(ENOCSI),
	ERRNO(ENODATA),
	ERRNO(ENODEV),
	ERRNO(ENOENT),
	ERRNO(ENOEXEC),
	ERRNO(ENOKEY),
	ERRNO(ENOLCK),
	ERRNO(ENOLINK),
	ERRNO(ENOMEDIUM),
	ERRNO(ENOMEM),
	ERRNO(ENOMSG),
	ERRNO(ENONET),
	ERRNO(ENOPKG),
	ERRNO(ENOPROTOOPT),
	ERRNO(ENOSPC),
	ERRNO(ENOSR),
	ERRNO(ENOSTR),
	ERRNO(ENOSYS),
	ERRNO(ENOTBLK),
	ERRNO(ENOTCONN),
	ERRNO(ENOTDIR),
	ERRNO(ENOTEMPTY),
	ERRNO(ENOTNAM),
	ERRNO(ENOTRECOVERABLE),
	ERRNO(ENOTSOCK),
	ERRNO(ENOTTY),
	ERRNO(ENOTUNIQ),
	ERRNO(ENXIO),
	ERRNO(EOPNOTSUPP),
	ERRNO(EOVERFLOW),
	ERRNO(EOWNERDEAD),
	ERRNO(EPERM),
	ERRNO(EPFNOSUPPORT),
	ERRNO(EPIPE),
	SYM(EPOLLERR),
	SYM(EPOLLET),
	SYM(EPOLLEXCLUSIVE),
	SYM(EPOLLHUP),
	SYM(EPOLLIN),
	SYM(EPOLLMSG),
	SYM(EPOLLONESHOT),
	SYM(EPOLLOUT),
	SYM(EPOLLPRI),
	SYM(EPOLLRDBAND),
	SYM(EPOLLRDHUP),
	SYM(EPOLLRDNORM),
	SYM(EPOLLWRBAND),
	SYM(EPOLLWRNORM),
	SYM(EPOLL_CTL_ADD),
	SYM(EPOLL_CTL_DEL),
	SYM(EPOLL_CTL_MOD),
	ERRNO(EPROTO),
	ERRNO(EPROTONOSUPPORT),
	ERRNO(EPROTOTYPE),
	ERRNO(ERANGE),
	ERRNO(EREMCHG),
	ERRNO(EREMOTE),
	ERRNO(EREMOTEIO),
	ERRNO(ERESTART),
	ERRNO(ERFKILL),
	ERRNO(EROFS),
	ERRNO(ESHUTDOWN),
	ERRNO(ESOCKTNOSUPPORT),
	ERRNO(ESPIPE),
	ERRNO(ESRCH),
	ERRNO(ESRMNT),
	ERRNO(ESTALE),
	ERRNO(ESTRPIPE),
	ERRNO(ETIME),
	ERRNO(ETIMEDOUT),
	ERRNO(ETOOMANYREFS),
	ERRNO(ETXTBSY),
	ERRNO(EUCLEAN),
	ERRNO(EUNATCH),
	ERRNO(EUSERS),
	ERRNO_ALIAS(EWOULDBLOCK),
	ERRNO(EXDEV),
	ERRNO(EXFULL),
	SYM(FD_CLOEXEC),
	SYM(FIONREAD),
	SYM(F_DUPFD),
	SYM(F_DUPFD_CLOEXEC),
	SYM(F_EXLCK),
	SYM(F_GETFD),
	SYM(F_GETFL),
	SYM(F_GETLEASE),
	SYM(F_GETLK),
	SYM(F_GETLK64),
	SYM(F_GETOWN),
	SYM(F_GETSIG),
	SYM(F_NOTIFY),
	SYM(F_RDLCK),
	SYM(F_SETFD),
	SYM(F_SETFL),
	SYM(F_SETLEASE),
	SYM(F_SETLK),
	SYM(F_SETLK64),
	SYM(F_SETLKW),
	SYM(F_SETLKW64),
	SYM(F_SETOWN),
	SYM(F_SETSIG),
	SYM(F_SHLCK),
	SYM(F_UNLCK),
	SYM(F_WRLCK),
	SYM(IPPROTO_ICMP),
	SYM(IPPROTO_ICMPV6),
	SYM(IPPROTO_IP),
	SYM(IPPROTO_IPV6),
	SYM(IPPROTO_RAW),
	SYM(IPPROTO_TCP),
	SYM(IPPROTO_UDP),
	SYM(IPV6_HOPLIMIT),
	SYM(IPV6_MTU),
	SYM(IPV6_MTU_DISCOVER),
	SYM(IPV6_RECVERR),
	SYM(IPV6_TCLASS),
	SYM(IP_FREEBIND),
	SYM(IP_MTU),
	SYM(IP_MTU_DISCOVER),
	SYM(IP_PMTUDISC_DO),
	SYM(IP_PMTUDISC_DONT),
	SYM(IP_PMTUDISC_PROBE),
	SYM(IP_PMTUDISC_WANT),
	SYM(IP_RECVERR),
	SYM(IP_TOS),
	SYM(IP_TTL),
	SYM(LOCK_EX),
	SYM(LOCK_NB),
	SYM(LOCK_SH),
	SYM(LOCK_UN),
	SYM(MSG_CMSG_CLOEXEC),
	SYM(MSG_CONFIRM),
	SYM(MSG_CTRUNC),
	SYM(MSG_DONTROUTE),
	SYM(MSG_DONTWAIT),
	SYM(MSG_EOR),
	SYM(MSG_ERRQUEUE),
	SYM(MSG_FASTOPEN),
	SYM(MSG_FIN),
	SYM(MSG_MORE),
	SYM(MSG_NOSIGNAL),
	SYM(MSG_OOB),
	SYM(MSG_PEEK),
	SYM(MSG_PROXY),
	SYM(MSG_RST),
	SYM(MSG_SYN),
	SYM(MSG_TRUNC),
	SYM(MSG_WAITALL),
	SYM(MSG_ZEROCOPY),
	LIT(NULL, 0),
	SYM(O_ACCMODE),
	SYM(O_APPEND),
	SYM(O_CREAT),
	SYM(O_EXCL),
	SYM(O_NOCTTY),
	SYM(O_NONBLOCK),
	SYM(O_RDONLY),
	SYM(O_RDWR),
	SYM(O_TRUNC),
	SYM(O_WRONLY),
	SYM(PF_INET),
	SYM(PF_INET6),
	SYM(POLLERR),
	SYM(POLLHUP),
	SYM(POLLIN),
	SYM(POLLMSG),
	SYM(POLLNVAL),
	SYM(POLLOUT),
	SYM(POLLPRI),
	SYM(POLLRDBAND),
	SYM(POLLRDHUP),
	SYM(POLLRDNORM),
	SYM(POLLREMOVE),
	SYM(POLLWRBAND),
	SYM(POLLWRNORM),
	SYM(SCM_TIMESTAMPING),
	SYM(SCM_TIMESTAMPING_OPT_STATS),
	SYM(SCM_TSTAMP_ACK),
	SYM(SCM_TSTAMP_SCHED),
	SYM(SCM_TSTAMP_SND),
	SYM(SEEK_CUR),
	SYM(SEEK_END),
	SYM(SEEK_SET),
	SYM(SHUT_RD),
	SYM(SHUT_RDWR),
	SYM(SHUT_WR),
	SYM(SIOCINQ),
	SYM(SOCK_DGRAM),
	SYM(SOCK_NONBLOCK),
	SYM(SOCK_RAW),
	SYM(SOCK_STREAM),
	SYM(SOF_TIMESTAMPING_OPT_CMSG),
	SYM(SOF_TIMESTAMPING_OPT_ID),
	LIT(SOF_TIMESTAMPING_OPT_ID_TCP, 0x10000),
	SYM(SOF_TIMESTAMPING_OPT_STATS),
	SYM(SOF_TIMESTAMPING_OPT_TSONLY),
	SYM(SOF_TIMESTAMPING_RAW_HARDWARE),
	SYM(SOF_TIMESTAMPING_RX_HARDWARE),
	SYM(SOF_TIMESTAMPING_RX_SOFTWARE),
	SYM(SOF_TIMESTAMPING_SOFTWARE),
	SYM(SOF_TIMESTAMPING_SYS_HARDWARE),
	SYM(SOF_TIMESTAMPING_TX_ACK),
	SYM(SOF_TIMESTAMPING_TX_HARDWARE),
	SYM(SOF_TIMESTAMPING_TX_SCHED),
	SYM(SOF_TIMESTAMPING_TX_SOFTWARE),
	SYM(SOL_IP),
	SYM(SOL_IPV6),
	SYM(SOL_SOCKET),
	SYM(SOL_TCP),
	SYM(SOL_UDP),
	SYM(SO_ACCEPTCONN),
	SYM(SO_ATTACH_FILTER),
	SYM(SO_BINDTODEVICE),
	SYM(SO_BROADCAST),
	SYM(SO_BSDCOMPAT),
	SYM(SO_DEBUG),
	SYM(SO_DETACH_FILTER),
	SYM(SO_DONTROUTE),
	SYM(SO_EE_CODE_ZEROCOPY_COPIED),
	SYM(SO_EE_ORIGIN_TIMESTAMPING),
	SYM(SO_EE_ORIGIN_ZEROCOPY),
	SYM(SO_ERROR),
	SYM(SO_KEEPALIVE),
	SYM(SO_LINGER),
	SYM(SO_MARK),
	SYM(SO_MAX_PACING_RATE),
	SYM(SO_NO_CHECK),
	SYM(SO_OOBINLINE),
	SYM(SO_PASSCRED),
	SYM(SO_PEERCRED),
	SYM(SO_PEERNAME),
	SYM(SO_PEERSEC),
	SYM(SO_PRIORITY),
	SYM(SO_RCVBUF),
	SYM(SO_RCVLOWAT),
	SYM(SO_RCVTIMEO),
	SYM(SO_REUSEADDR),
	SYM(SO_REUSEPORT),
	SYM(SO_SECURITY_AUTHENTICATION),
	SYM(SO_SECURITY_ENCRYPTION_NETWORK),
	SYM(SO_SECURITY_ENCRYPTION_TRANSPORT),
	SYM(SO_SNDBUF),
	SYM(SO_SNDLOWAT),
	SYM(SO_SNDTIMEO),
	SYM(SO_TIMESTAMP),
	SYM(SO_TIMESTAMPING),
	SYM(SO_TYPE),
	SYM(SO_ZEROCOPY),
	SYM(SPLICE_F_GIFT),
	SYM(SPLICE_F_MORE),
	SYM(SPLICE_F_MOVE),
	SYM(SPLICE_F_NONBLOCK),
	LIT(TCP_CA_CWR, 2),
	LIT(TCP_CA_DISORDER, 1),
	LIT(TCP_CA_LOSS, 4),
	LIT(TCP_CA_OPEN, 0),
	LIT(TCP_CA_RECOVERY, 3),
	SYM(TCP_CLOSE),
	SYM(TCP_CLOSE_WAIT),
	SYM(TCP_CLOSING),
	SYM(TCP_CM_INQ),
	SYM(TCP_CONGESTION),
	SYM(TCP_COOKIE_TRANSACTIONS),
	SYM(TCP_CORK),
	SYM(TCP_DEFER_ACCEPT),
	SYM(TCP_ESTABLISHED),
	SYM(TCP_FASTOPEN),
	SYM(TCP_FASTOPEN_CONNECT),
	SYM(TCP_FASTOPEN_KEY),
	SYM(TCP_FASTOPEN_NO_COOKIE),
	SYM(TCP_FIN_WAIT1),
	SYM(TCP_FIN_WAIT2),
	LIT(TCP_INFINITE_SSTHRESH, 0x7fffffff),
	SYM(TCP_INFO),
	SYM(TCP_INQ),
	SYM(TCP_KEEPCNT),
	SYM(TCP_KEEPIDLE),
	SYM(TCP_KEEPINTVL),
	SYM(TCP_LAST_ACK),
	SYM(TCP_LINGER2),
	SYM(TCP_LISTEN),
	SYM(TCP_MAXSEG),
	SYM(TCP_MD5SIG),
	LIT(TCP_NLA_BUSY, 1),
	LIT(TCP_NLA_BYTES_RETRANS, 19),
	LIT(TCP_NLA_BYTES_SENT, 18),
	LIT(TCP_NLA_CA_STATE, 14),
	LIT(TCP_NLA_DATA_SEGS_OUT, 4),
	LIT(TCP_NLA_DELIVERED, 16),
	LIT(TCP_NLA_DELIVERED_CE, 17),
	LIT(TCP_NLA_DELIVERY_RATE, 7),
	LIT(TCP_NLA_DELIVERY_RATE_APP_LMT, 12),
	LIT(TCP_NLA_DSACK_DUPS, 20),
	LIT(TCP_NLA_MIN_RTT, 10),
	LIT(TCP_NLA_PACING_RATE, 6),
	LIT(TCP_NLA_RECUR_RETRANS, 11),
	LIT(TCP_NLA_REORDERING, 9),
	LIT(TCP_NLA_REORD_SEEN, 21),
	LIT(TCP_NLA_RWND_LIMITED, 2),
	LIT(TCP_NLA_SNDBUF_LIMITED, 3),
	LIT(TCP_NLA_SNDQ_SIZE, 13),
	LIT(TCP_NLA_SND_CWND, 8),
	LIT(TCP_NLA_SND_SSTHRESH, 15),
	LIT(TCP_NLA_SRTT, 22),
	LIT(TCP_NLA_TOTAL_RETRANS, 5),
	SYM(TCP_NODELAY),
	SYM(TCP_NOTSENT_LOWAT),
	SYM(TCP_QUICKACK),
	SYM(TCP_SYNCNT),
	SYM(TCP_SYN_RECV),
	SYM(TCP_SYN_SENT),
	SYM(TCP_THIN_DUPACK),
	SYM(TCP_THIN_LINEAR_TIMEOUTS),
	SYM(TCP_TIMESTAMP),
	SYM(TCP_TIME_WAIT),
	SYM(TCP_TX_DELAY),
	SYM(TCP_USER_TIMEOUT),
};

#undef SYM
#undef LIT
#undef ERRNO
#undef ERRNO_ALIAS
/* clang-format on */

/* The kernel's names of its TCP states, by number, as tcp_state() prints them:
 * the states of netdev/tcp_states.h and the request sockets' one (clang-format
 * would join the list and the entry after it into one line). The argument
 * symbols above hold the same names in strcmp() order for bsearch(), with
 * <netinet/tcp.h>'s values; tests/unit/test_tcp_states.c checks they agree. */
#define SCRIPT_NAME(name, number, trace, rfc) [TCP_##name] = "TCP_" #name,
/* clang-format off */
static const char *const tcp_state_names[] = {
	TCP_STATE_LIST(SCRIPT_NAME)
	[TCP_STATE_NEW_SYN_RECV] = TCP_STATE_NEW_SYN_RECV_NAME,
};
/* clang-format on */
#undef SCRIPT_NAME

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct poll_flag {
	int64_t bit;
	const char *name;
};

/* In ascending bit order, which is the order upstream prints them in. */
/* clang-format off */
static const struct poll_flag poll_flags[] = {
	{ POLLIN, "POLLIN" },
	{ POLLPRI, "POLLPRI" },
	{ POLLOUT, "POLLOUT" },
	{ POLLERR, "POLLERR" },
	{ POLLHUP, "POLLHUP" },
	{ POLLNVAL, "POLLNVAL" },
	{ POLLRDNORM, "POLLRDNORM" },
	{ POLLRDBAND, "POLLRDBAND" },
	{ POLLWRNORM, "POLLWRNORM" },
	{ POLLWRBAND, "POLLWRBAND" },
	{ POLLMSG, "POLLMSG" },
	{ POLLREMOVE, "POLLREMOVE" },
	{ POLLRDHUP, "POLLRDHUP" },
};
/* clang-format on */

static int symbol_cmp(const void *key, const void *elem)
{
	const struct symbol *sym = elem;

	return strcmp(key, sym->name);
}

static const struct symbol *symbols_find(const char *name)
{
	if (!name)
		return NULL;
	return bsearch(name, symbols, ARRAY_LEN(symbols), sizeof(symbols[0]), symbol_cmp);
}

bool symbols_lookup(const char *name, int64_t *value)
{
	const struct symbol *sym = symbols_find(name);

	if (!sym)
		return false;
	*value = sym->value;
	return true;
}

const char *symbols_errno_name(int err)
{
	/* A linear scan is fine here: only failing or errno-checked calls get
	 * here, and it compares integers, not strings. */
	for (size_t i = 0; i < ARRAY_LEN(symbols); i++) {
		if (symbols[i].kind == SYMBOL_ERRNO && symbols[i].value == err)
			return symbols[i].name;
	}
	return NULL;
}

bool symbols_errno_value(const char *name, int *value)
{
	const struct symbol *sym = symbols_find(name);

	if (!sym || sym->kind == SYMBOL_CONST)
		return false;
	*value = (int)sym->value;
	return true;
}

void symbols_poll_flags(int64_t events, struct strbuf *out)
{
	uint64_t rest = (uint64_t)events;
	const char *sep = "";

	if (rest == 0) {
		strbuf_append(out, "0", 1);
		return;
	}
	for (size_t i = 0; i < ARRAY_LEN(poll_flags); i++) {
		uint64_t bit = (uint64_t)poll_flags[i].bit;

		if (!(rest & bit))
			continue;
		strbuf_printf(out, "%s%s", sep, poll_flags[i].name);
		sep = "|";
		rest &= ~bit;
	}
	/* Upstream prints "???" per unnamed bit; the number says more. */
	if (rest)
		strbuf_printf(out, "%s0x%llx", sep, (unsigned long long)rest);
}

const char *symbols_tcp_state_name(int state)
{
	if (state < 0 || (size_t)state >= ARRAY_LEN(tcp_state_names))
		return NULL;
	return tcp_state_names[state];
}

bool symbols_tcp_state_value(const char *name, int *state)
{
	if (!name)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(tcp_state_names); i++) {
		if (tcp_state_names[i] && strcmp(tcp_state_names[i], name) == 0) {
			*state = (int)i;
			return true;
		}
	}
	return false;
}

size_t symbols_count(void)
{
	return ARRAY_LEN(symbols);
}

const char *symbols_at(size_t i, int64_t *value)
{
	if (i >= ARRAY_LEN(symbols))
		return NULL;
	*value = symbols[i].value;
	return symbols[i].name;
}
