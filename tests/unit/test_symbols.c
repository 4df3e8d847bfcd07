/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests for syscalls/symbols.c: Appendix A values, lookups, errno/state names, poll flags. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "runtime/syscalls/symbols.h"
#include "parser/util/strbuf.h"

struct expected_symbol {
	const char *family;
	const char *name;
	int64_t value;
};

/* The spec's Appendix A (Linux x86-64, what upstream resolves names to),
 * transcribed as literals so that a header disagreeing with it shows,
 * followed by the TCP state names of Appendix B. */
/* clang-format off */
static const struct expected_symbol appendix[] = {
	/* cross-platform */
	{ "cross", "AF_INET", 2 },
	{ "cross", "AF_INET6", 10 },
	{ "cross", "AF_PACKET", 17 },
	{ "cross", "PF_INET", 2 },
	{ "cross", "PF_INET6", 10 },
	{ "cross", "SOCK_RAW", 3 },
	{ "cross", "SOCK_STREAM", 1 },
	{ "cross", "SOCK_DGRAM", 2 },
	{ "cross", "SOCK_NONBLOCK", 2048 },
	{ "cross", "IPPROTO_RAW", 255 },
	{ "cross", "IPPROTO_IP", 0 },
	{ "cross", "IPPROTO_IPV6", 41 },
	{ "cross", "IPPROTO_ICMP", 1 },
	{ "cross", "IPPROTO_ICMPV6", 58 },
	{ "cross", "IPPROTO_TCP", 6 },
	{ "cross", "IPPROTO_UDP", 17 },
	{ "cross", "SHUT_RD", 0 },
	{ "cross", "SHUT_WR", 1 },
	{ "cross", "SHUT_RDWR", 2 },
	{ "cross", "SOL_SOCKET", 1 },
	{ "cross", "NULL", 0 },
	/* SOL_* */
	{ "SOL_*", "SOL_IP", 0 },
	{ "SOL_*", "SOL_IPV6", 41 },
	{ "SOL_*", "SOL_TCP", 6 },
	{ "SOL_*", "SOL_UDP", 17 },
	/* SO_* */
	{ "SO_*", "SO_ACCEPTCONN", 30 },
	{ "SO_*", "SO_ATTACH_FILTER", 26 },
	{ "SO_*", "SO_BINDTODEVICE", 25 },
	{ "SO_*", "SO_BROADCAST", 6 },
	{ "SO_*", "SO_BSDCOMPAT", 14 },
	{ "SO_*", "SO_DEBUG", 1 },
	{ "SO_*", "SO_DETACH_FILTER", 27 },
	{ "SO_*", "SO_DONTROUTE", 5 },
	{ "SO_*", "SO_ERROR", 4 },
	{ "SO_*", "SO_KEEPALIVE", 9 },
	{ "SO_*", "SO_LINGER", 13 },
	{ "SO_*", "SO_MARK", 36 },
	{ "SO_*", "SO_NO_CHECK", 11 },
	{ "SO_*", "SO_OOBINLINE", 10 },
	{ "SO_*", "SO_PASSCRED", 16 },
	{ "SO_*", "SO_PEERCRED", 17 },
	{ "SO_*", "SO_PEERNAME", 28 },
	{ "SO_*", "SO_PEERSEC", 31 },
	{ "SO_*", "SO_PRIORITY", 12 },
	{ "SO_*", "SO_RCVBUF", 8 },
	{ "SO_*", "SO_RCVLOWAT", 18 },
	{ "SO_*", "SO_RCVTIMEO", 20 },
	{ "SO_*", "SO_REUSEADDR", 2 },
	{ "SO_*", "SO_REUSEPORT", 15 },
	{ "SO_*", "SO_SECURITY_AUTHENTICATION", 22 },
	{ "SO_*", "SO_SECURITY_ENCRYPTION_NETWORK", 24 },
	{ "SO_*", "SO_SECURITY_ENCRYPTION_TRANSPORT", 23 },
	{ "SO_*", "SO_SNDBUF", 7 },
	{ "SO_*", "SO_SNDLOWAT", 19 },
	{ "SO_*", "SO_SNDTIMEO", 21 },
	{ "SO_*", "SO_TIMESTAMP", 29 },
	{ "SO_*", "SO_TIMESTAMPING", 37 },
	{ "SO_*", "SO_TYPE", 3 },
	{ "SO_*", "SO_MAX_PACING_RATE", 47 },
	{ "SO_*", "SO_ZEROCOPY", 60 },
	/* SO_EE_ORIGIN_* */
	{ "SO_EE_ORIGIN_*", "SO_EE_ORIGIN_TIMESTAMPING", 4 },
	{ "SO_EE_ORIGIN_*", "SO_EE_ORIGIN_ZEROCOPY", 5 },
	/* SO_EE_CODE_* */
	{ "SO_EE_CODE_*", "SO_EE_CODE_ZEROCOPY_COPIED", 1 },
	/* SOF_TIMESTAMPING_* */
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_TX_HARDWARE", 1 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_TX_SOFTWARE", 2 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_RX_HARDWARE", 4 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_RX_SOFTWARE", 8 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_SOFTWARE", 16 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_SYS_HARDWARE", 32 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_RAW_HARDWARE", 64 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_OPT_ID", 128 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_TX_SCHED", 256 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_TX_ACK", 512 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_OPT_CMSG", 1024 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_OPT_TSONLY", 2048 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_OPT_STATS", 4096 },
	{ "SOF_TIMESTAMPING_*", "SOF_TIMESTAMPING_OPT_ID_TCP", 0x10000 },
	/* SCM_* */
	{ "SCM_*", "SCM_TIMESTAMPING", 37 },
	{ "SCM_*", "SCM_TSTAMP_SND", 0 },
	{ "SCM_*", "SCM_TSTAMP_SCHED", 1 },
	{ "SCM_*", "SCM_TSTAMP_ACK", 2 },
	{ "SCM_*", "SCM_TIMESTAMPING_OPT_STATS", 54 },
	/* TCP_NLA_* */
	{ "TCP_NLA_*", "TCP_NLA_BUSY", 1 },
	{ "TCP_NLA_*", "TCP_NLA_RWND_LIMITED", 2 },
	{ "TCP_NLA_*", "TCP_NLA_SNDBUF_LIMITED", 3 },
	{ "TCP_NLA_*", "TCP_NLA_DATA_SEGS_OUT", 4 },
	{ "TCP_NLA_*", "TCP_NLA_TOTAL_RETRANS", 5 },
	{ "TCP_NLA_*", "TCP_NLA_PACING_RATE", 6 },
	{ "TCP_NLA_*", "TCP_NLA_DELIVERY_RATE", 7 },
	{ "TCP_NLA_*", "TCP_NLA_SND_CWND", 8 },
	{ "TCP_NLA_*", "TCP_NLA_REORDERING", 9 },
	{ "TCP_NLA_*", "TCP_NLA_MIN_RTT", 10 },
	{ "TCP_NLA_*", "TCP_NLA_RECUR_RETRANS", 11 },
	{ "TCP_NLA_*", "TCP_NLA_DELIVERY_RATE_APP_LMT", 12 },
	{ "TCP_NLA_*", "TCP_NLA_SNDQ_SIZE", 13 },
	{ "TCP_NLA_*", "TCP_NLA_CA_STATE", 14 },
	{ "TCP_NLA_*", "TCP_NLA_SND_SSTHRESH", 15 },
	{ "TCP_NLA_*", "TCP_NLA_DELIVERED", 16 },
	{ "TCP_NLA_*", "TCP_NLA_DELIVERED_CE", 17 },
	{ "TCP_NLA_*", "TCP_NLA_BYTES_SENT", 18 },
	{ "TCP_NLA_*", "TCP_NLA_BYTES_RETRANS", 19 },
	{ "TCP_NLA_*", "TCP_NLA_DSACK_DUPS", 20 },
	{ "TCP_NLA_*", "TCP_NLA_REORD_SEEN", 21 },
	{ "TCP_NLA_*", "TCP_NLA_SRTT", 22 },
	/* TCP_CA_* */
	{ "TCP_CA_*", "TCP_CA_OPEN", 0 },
	{ "TCP_CA_*", "TCP_CA_DISORDER", 1 },
	{ "TCP_CA_*", "TCP_CA_CWR", 2 },
	{ "TCP_CA_*", "TCP_CA_RECOVERY", 3 },
	{ "TCP_CA_*", "TCP_CA_LOSS", 4 },
	/* TCP_INFINITE */
	{ "TCP_INFINITE", "TCP_INFINITE_SSTHRESH", 0x7fffffff },
	/* IP_* */
	{ "IP_*", "IP_TOS", 1 },
	{ "IP_*", "IP_MTU_DISCOVER", 10 },
	{ "IP_*", "IP_RECVERR", 11 },
	{ "IP_*", "IP_FREEBIND", 15 },
	{ "IP_*", "IP_TTL", 2 },
	{ "IP_*", "IP_MTU", 14 },
	/* IPV6_* */
	{ "IPV6_*", "IPV6_MTU_DISCOVER", 23 },
	{ "IPV6_*", "IPV6_RECVERR", 25 },
	{ "IPV6_*", "IPV6_MTU", 24 },
	{ "IPV6_*", "IPV6_TCLASS", 67 },
	{ "IPV6_*", "IPV6_HOPLIMIT", 52 },
	/* IP_PMTUDISC_* */
	{ "IP_PMTUDISC_*", "IP_PMTUDISC_WANT", 1 },
	{ "IP_PMTUDISC_*", "IP_PMTUDISC_DONT", 0 },
	{ "IP_PMTUDISC_*", "IP_PMTUDISC_DO", 2 },
	{ "IP_PMTUDISC_*", "IP_PMTUDISC_PROBE", 3 },
	/* TCP_* */
	{ "TCP_*", "TCP_NODELAY", 1 },
	{ "TCP_*", "TCP_MAXSEG", 2 },
	{ "TCP_*", "TCP_CORK", 3 },
	{ "TCP_*", "TCP_KEEPIDLE", 4 },
	{ "TCP_*", "TCP_KEEPINTVL", 5 },
	{ "TCP_*", "TCP_KEEPCNT", 6 },
	{ "TCP_*", "TCP_SYNCNT", 7 },
	{ "TCP_*", "TCP_LINGER2", 8 },
	{ "TCP_*", "TCP_DEFER_ACCEPT", 9 },
	{ "TCP_*", "TCP_INFO", 11 },
	{ "TCP_*", "TCP_QUICKACK", 12 },
	{ "TCP_*", "TCP_CONGESTION", 13 },
	{ "TCP_*", "TCP_MD5SIG", 14 },
	{ "TCP_*", "TCP_COOKIE_TRANSACTIONS", 15 },
	{ "TCP_*", "TCP_THIN_LINEAR_TIMEOUTS", 16 },
	{ "TCP_*", "TCP_THIN_DUPACK", 17 },
	{ "TCP_*", "TCP_USER_TIMEOUT", 18 },
	{ "TCP_*", "TCP_FASTOPEN", 23 },
	{ "TCP_*", "TCP_FASTOPEN_CONNECT", 30 },
	{ "TCP_*", "TCP_FASTOPEN_KEY", 33 },
	{ "TCP_*", "TCP_FASTOPEN_NO_COOKIE", 34 },
	{ "TCP_*", "TCP_TIMESTAMP", 24 },
	{ "TCP_*", "TCP_NOTSENT_LOWAT", 25 },
	{ "TCP_*", "TCP_INQ", 36 },
	{ "TCP_*", "TCP_CM_INQ", 36 },
	{ "TCP_*", "TCP_TX_DELAY", 37 },
	/* O_* */
	{ "O_*", "O_RDONLY", 0 },
	{ "O_*", "O_WRONLY", 1 },
	{ "O_*", "O_RDWR", 2 },
	{ "O_*", "O_ACCMODE", 3 },
	{ "O_*", "O_CREAT", 64 },
	{ "O_*", "O_EXCL", 128 },
	{ "O_*", "O_NOCTTY", 256 },
	{ "O_*", "O_TRUNC", 512 },
	{ "O_*", "O_APPEND", 1024 },
	{ "O_*", "O_NONBLOCK", 2048 },
	/* F_* */
	{ "F_*", "F_DUPFD", 0 },
	{ "F_*", "F_GETFD", 1 },
	{ "F_*", "F_SETFD", 2 },
	{ "F_*", "F_GETFL", 3 },
	{ "F_*", "F_SETFL", 4 },
	{ "F_*", "F_GETLK", 5 },
	{ "F_*", "F_SETLK", 6 },
	{ "F_*", "F_SETLKW", 7 },
	{ "F_*", "F_GETOWN", 9 },
	{ "F_*", "F_SETOWN", 8 },
	{ "F_*", "F_SETSIG", 10 },
	{ "F_*", "F_GETSIG", 11 },
	{ "F_*", "F_SETLK64", 6 },
	{ "F_*", "F_SETLKW64", 7 },
	{ "F_*", "F_GETLK64", 5 },
	{ "F_*", "F_SETLEASE", 1024 },
	{ "F_*", "F_GETLEASE", 1025 },
	{ "F_*", "F_NOTIFY", 1026 },
	{ "F_*", "F_DUPFD_CLOEXEC", 1030 },
	{ "F_*", "F_RDLCK", 0 },
	{ "F_*", "F_WRLCK", 1 },
	{ "F_*", "F_UNLCK", 2 },
	{ "F_*", "F_EXLCK", 4 },
	{ "F_*", "F_SHLCK", 8 },
	/* FD_* */
	{ "FD_*", "FD_CLOEXEC", 1 },
	/* LOCK_* */
	{ "LOCK_*", "LOCK_SH", 1 },
	{ "LOCK_*", "LOCK_EX", 2 },
	{ "LOCK_*", "LOCK_NB", 4 },
	{ "LOCK_*", "LOCK_UN", 8 },
	/* SEEK_* */
	{ "SEEK_*", "SEEK_SET", 0 },
	{ "SEEK_*", "SEEK_CUR", 1 },
	{ "SEEK_*", "SEEK_END", 2 },
	/* MSG_* */
	{ "MSG_*", "MSG_OOB", 1 },
	{ "MSG_*", "MSG_DONTROUTE", 4 },
	{ "MSG_*", "MSG_PEEK", 2 },
	{ "MSG_*", "MSG_CTRUNC", 8 },
	{ "MSG_*", "MSG_PROXY", 16 },
	{ "MSG_*", "MSG_EOR", 128 },
	{ "MSG_*", "MSG_WAITALL", 256 },
	{ "MSG_*", "MSG_TRUNC", 32 },
	{ "MSG_*", "MSG_ERRQUEUE", 0x2000 },
	{ "MSG_*", "MSG_DONTWAIT", 64 },
	{ "MSG_*", "MSG_CONFIRM", 2048 },
	{ "MSG_*", "MSG_FIN", 512 },
	{ "MSG_*", "MSG_SYN", 1024 },
	{ "MSG_*", "MSG_RST", 4096 },
	{ "MSG_*", "MSG_NOSIGNAL", 0x4000 },
	{ "MSG_*", "MSG_MORE", 0x8000 },
	{ "MSG_*", "MSG_CMSG_CLOEXEC", 0x40000000 },
	{ "MSG_*", "MSG_FASTOPEN", 0x20000000 },
	{ "MSG_*", "MSG_ZEROCOPY", 0x4000000 },
	/* SIOC* */
	{ "SIOC*", "SIOCINQ", 0x541b },
	/* FIONREAD */
	{ "FIONREAD", "FIONREAD", 0x541b },
	/* POLL* */
	{ "POLL*", "POLLIN", 1 },
	{ "POLL*", "POLLPRI", 2 },
	{ "POLL*", "POLLOUT", 4 },
	{ "POLL*", "POLLRDNORM", 64 },
	{ "POLL*", "POLLRDBAND", 128 },
	{ "POLL*", "POLLWRNORM", 256 },
	{ "POLL*", "POLLWRBAND", 512 },
	{ "POLL*", "POLLMSG", 1024 },
	{ "POLL*", "POLLREMOVE", 4096 },
	{ "POLL*", "POLLRDHUP", 0x2000 },
	{ "POLL*", "POLLERR", 8 },
	{ "POLL*", "POLLHUP", 16 },
	{ "POLL*", "POLLNVAL", 32 },
	/* E* */
	{ "E*", "EPERM", 1 },
	{ "E*", "ENOENT", 2 },
	{ "E*", "ESRCH", 3 },
	{ "E*", "EINTR", 4 },
	{ "E*", "EIO", 5 },
	{ "E*", "ENXIO", 6 },
	{ "E*", "E2BIG", 7 },
	{ "E*", "ENOEXEC", 8 },
	{ "E*", "EBADF", 9 },
	{ "E*", "ECHILD", 10 },
	{ "E*", "EAGAIN", 11 },
	{ "E*", "ENOMEM", 12 },
	{ "E*", "EACCES", 13 },
	{ "E*", "EFAULT", 14 },
	{ "E*", "ENOTBLK", 15 },
	{ "E*", "EBUSY", 16 },
	{ "E*", "EEXIST", 17 },
	{ "E*", "EXDEV", 18 },
	{ "E*", "ENODEV", 19 },
	{ "E*", "ENOTDIR", 20 },
	{ "E*", "EISDIR", 21 },
	{ "E*", "EINVAL", 22 },
	{ "E*", "ENFILE", 23 },
	{ "E*", "EMFILE", 24 },
	{ "E*", "ENOTTY", 25 },
	{ "E*", "ETXTBSY", 26 },
	{ "E*", "EFBIG", 27 },
	{ "E*", "ENOSPC", 28 },
	{ "E*", "ESPIPE", 29 },
	{ "E*", "EROFS", 30 },
	{ "E*", "EMLINK", 31 },
	{ "E*", "EPIPE", 32 },
	{ "E*", "EDOM", 33 },
	{ "E*", "ERANGE", 34 },
	{ "E*", "EDEADLK", 35 },
	{ "E*", "ENAMETOOLONG", 36 },
	{ "E*", "ENOLCK", 37 },
	{ "E*", "ENOSYS", 38 },
	{ "E*", "ENOTEMPTY", 39 },
	{ "E*", "ELOOP", 40 },
	{ "E*", "EWOULDBLOCK", 11 },
	{ "E*", "ENOMSG", 42 },
	{ "E*", "EIDRM", 43 },
	{ "E*", "ECHRNG", 44 },
	{ "E*", "EL2NSYNC", 45 },
	{ "E*", "EL3HLT", 46 },
	{ "E*", "EL3RST", 47 },
	{ "E*", "ELNRNG", 48 },
	{ "E*", "EUNATCH", 49 },
	{ "E*", "ENOCSI", 50 },
	{ "E*", "EL2HLT", 51 },
	{ "E*", "EBADE", 52 },
	{ "E*", "EBADR", 53 },
	{ "E*", "EXFULL", 54 },
	{ "E*", "ENOANO", 55 },
	{ "E*", "EBADRQC", 56 },
	{ "E*", "EBADSLT", 57 },
	{ "E*", "EDEADLOCK", 35 },
	{ "E*", "EBFONT", 59 },
	{ "E*", "ENOSTR", 60 },
	{ "E*", "ENODATA", 61 },
	{ "E*", "ETIME", 62 },
	{ "E*", "ENOSR", 63 },
	{ "E*", "ENONET", 64 },
	{ "E*", "ENOPKG", 65 },
	{ "E*", "EREMOTE", 66 },
	{ "E*", "ENOLINK", 67 },
	{ "E*", "EADV", 68 },
	{ "E*", "ESRMNT", 69 },
	{ "E*", "ECOMM", 70 },
	{ "E*", "EPROTO", 71 },
	{ "E*", "EMULTIHOP", 72 },
	{ "E*", "EDOTDOT", 73 },
	{ "E*", "EBADMSG", 74 },
	{ "E*", "EOVERFLOW", 75 },
	{ "E*", "ENOTUNIQ", 76 },
	{ "E*", "EBADFD", 77 },
	{ "E*", "EREMCHG", 78 },
	{ "E*", "ELIBACC", 79 },
	{ "E*", "ELIBBAD", 80 },
	{ "E*", "ELIBSCN", 81 },
	{ "E*", "ELIBMAX", 82 },
	{ "E*", "ELIBEXEC", 83 },
	{ "E*", "EILSEQ", 84 },
	{ "E*", "ERESTART", 85 },
	{ "E*", "ESTRPIPE", 86 },
	{ "E*", "EUSERS", 87 },
	{ "E*", "ENOTSOCK", 88 },
	{ "E*", "EDESTADDRREQ", 89 },
	{ "E*", "EMSGSIZE", 90 },
	{ "E*", "EPROTOTYPE", 91 },
	{ "E*", "ENOPROTOOPT", 92 },
	{ "E*", "EPROTONOSUPPORT", 93 },
	{ "E*", "ESOCKTNOSUPPORT", 94 },
	{ "E*", "EOPNOTSUPP", 95 },
	{ "E*", "EPFNOSUPPORT", 96 },
	{ "E*", "EAFNOSUPPORT", 97 },
	{ "E*", "EADDRINUSE", 98 },
	{ "E*", "EADDRNOTAVAIL", 99 },
	{ "E*", "ENETDOWN", 100 },
	{ "E*", "ENETUNREACH", 101 },
	{ "E*", "ENETRESET", 102 },
	{ "E*", "ECONNABORTED", 103 },
	{ "E*", "ECONNRESET", 104 },
	{ "E*", "ENOBUFS", 105 },
	{ "E*", "EISCONN", 106 },
	{ "E*", "ENOTCONN", 107 },
	{ "E*", "ESHUTDOWN", 108 },
	{ "E*", "ETOOMANYREFS", 109 },
	{ "E*", "ETIMEDOUT", 110 },
	{ "E*", "ECONNREFUSED", 111 },
	{ "E*", "EHOSTDOWN", 112 },
	{ "E*", "EHOSTUNREACH", 113 },
	{ "E*", "EALREADY", 114 },
	{ "E*", "EINPROGRESS", 115 },
	{ "E*", "ESTALE", 116 },
	{ "E*", "EUCLEAN", 117 },
	{ "E*", "ENOTNAM", 118 },
	{ "E*", "ENAVAIL", 119 },
	{ "E*", "EISNAM", 120 },
	{ "E*", "EREMOTEIO", 121 },
	{ "E*", "EDQUOT", 122 },
	{ "E*", "ENOMEDIUM", 123 },
	{ "E*", "EMEDIUMTYPE", 124 },
	{ "E*", "ECANCELED", 125 },
	{ "E*", "ENOKEY", 126 },
	{ "E*", "EKEYEXPIRED", 127 },
	{ "E*", "EKEYREVOKED", 128 },
	{ "E*", "EKEYREJECTED", 129 },
	{ "E*", "EOWNERDEAD", 130 },
	{ "E*", "ENOTRECOVERABLE", 131 },
	{ "E*", "ERFKILL", 132 },
	/* CAP_* */
	{ "CAP_*", "CAP_EFFECTIVE", 0 },
	{ "CAP_*", "CAP_PERMITTED", 1 },
	{ "CAP_*", "CAP_INHERITABLE", 2 },
	{ "CAP_*", "CAP_SET", 1 },
	{ "CAP_*", "CAP_CLEAR", 0 },
	{ "CAP_*", "CAP_CHOWN", 0 },
	{ "CAP_*", "CAP_DAC_OVERRIDE", 1 },
	{ "CAP_*", "CAP_DAC_READ_SEARCH", 2 },
	{ "CAP_*", "CAP_FOWNER", 3 },
	{ "CAP_*", "CAP_FSETID", 4 },
	{ "CAP_*", "CAP_KILL", 5 },
	{ "CAP_*", "CAP_SETGID", 6 },
	{ "CAP_*", "CAP_SETUID", 7 },
	{ "CAP_*", "CAP_SETPCAP", 8 },
	{ "CAP_*", "CAP_LINUX_IMMUTABLE", 9 },
	{ "CAP_*", "CAP_NET_BIND_SERVICE", 10 },
	{ "CAP_*", "CAP_NET_BROADCAST", 11 },
	{ "CAP_*", "CAP_NET_ADMIN", 12 },
	{ "CAP_*", "CAP_NET_RAW", 13 },
	{ "CAP_*", "CAP_IPC_LOCK", 14 },
	{ "CAP_*", "CAP_IPC_OWNER", 15 },
	{ "CAP_*", "CAP_SYS_MODULE", 16 },
	{ "CAP_*", "CAP_SYS_RAWIO", 17 },
	{ "CAP_*", "CAP_SYS_CHROOT", 18 },
	{ "CAP_*", "CAP_SYS_PTRACE", 19 },
	{ "CAP_*", "CAP_SYS_PACCT", 20 },
	{ "CAP_*", "CAP_SYS_ADMIN", 21 },
	{ "CAP_*", "CAP_SYS_BOOT", 22 },
	{ "CAP_*", "CAP_SYS_NICE", 23 },
	{ "CAP_*", "CAP_SYS_RESOURCE", 24 },
	{ "CAP_*", "CAP_SYS_TIME", 25 },
	{ "CAP_*", "CAP_SYS_TTY_CONFIG", 26 },
	{ "CAP_*", "CAP_MKNOD", 27 },
	{ "CAP_*", "CAP_LEASE", 28 },
	{ "CAP_*", "CAP_AUDIT_WRITE", 29 },
	{ "CAP_*", "CAP_AUDIT_CONTROL", 30 },
	{ "CAP_*", "CAP_SETFCAP", 31 },
	{ "CAP_*", "CAP_MAC_OVERRIDE", 32 },
	{ "CAP_*", "CAP_MAC_ADMIN", 33 },
	{ "CAP_*", "CAP_SYSLOG", 34 },
	{ "CAP_*", "CAP_WAKE_ALARM", 35 },
	{ "CAP_*", "CAP_BLOCK_SUSPEND", 36 },
	/* EPOLL* */
	{ "EPOLL*", "EPOLLIN", 1 },
	{ "EPOLL*", "EPOLLPRI", 2 },
	{ "EPOLL*", "EPOLLOUT", 4 },
	{ "EPOLL*", "EPOLLRDNORM", 64 },
	{ "EPOLL*", "EPOLLRDBAND", 128 },
	{ "EPOLL*", "EPOLLWRNORM", 256 },
	{ "EPOLL*", "EPOLLWRBAND", 512 },
	{ "EPOLL*", "EPOLLMSG", 1024 },
	{ "EPOLL*", "EPOLLERR", 8 },
	{ "EPOLL*", "EPOLLHUP", 16 },
	{ "EPOLL*", "EPOLLRDHUP", 8192 },
	{ "EPOLL*", "EPOLLONESHOT", 1073741824 },
	{ "EPOLL*", "EPOLLET", 2147483648 },
	{ "EPOLL*", "EPOLLEXCLUSIVE", 268435456 },
	/* EPOLL_CTL_* */
	{ "EPOLL_CTL_*", "EPOLL_CTL_ADD", 1 },
	{ "EPOLL_CTL_*", "EPOLL_CTL_MOD", 3 },
	{ "EPOLL_CTL_*", "EPOLL_CTL_DEL", 2 },
	/* SPLICE_F_* */
	{ "SPLICE_F_*", "SPLICE_F_MOVE", 1 },
	{ "SPLICE_F_*", "SPLICE_F_NONBLOCK", 2 },
	{ "SPLICE_F_*", "SPLICE_F_MORE", 4 },
	{ "SPLICE_F_*", "SPLICE_F_GIFT", 8 },
	/* AF_* */
	{ "AF_*", "AF_UNSPEC", 0 },
	/* TCP states */
	{ "TCP state", "TCP_ESTABLISHED", 1 },
	{ "TCP state", "TCP_SYN_SENT", 2 },
	{ "TCP state", "TCP_SYN_RECV", 3 },
	{ "TCP state", "TCP_FIN_WAIT1", 4 },
	{ "TCP state", "TCP_FIN_WAIT2", 5 },
	{ "TCP state", "TCP_TIME_WAIT", 6 },
	{ "TCP state", "TCP_CLOSE", 7 },
	{ "TCP state", "TCP_CLOSE_WAIT", 8 },
	{ "TCP state", "TCP_LAST_ACK", 9 },
	{ "TCP state", "TCP_LISTEN", 10 },
	{ "TCP state", "TCP_CLOSING", 11 },
};
/* clang-format on */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static size_t family_count(const char *family)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(appendix); i++)
		n += strcmp(appendix[i].family, family) == 0;
	return n;
}

static void test_appendix_transcription(void **state)
{
	/* The family sizes of the spec's §8 table guard the transcription. */
	assert_int_equal(family_count("cross"), 21);
	assert_int_equal(family_count("SO_*"), 35);
	assert_int_equal(family_count("SOF_TIMESTAMPING_*"), 14);
	assert_int_equal(family_count("TCP_NLA_*"), 22);
	assert_int_equal(family_count("TCP_*"), 26);
	assert_int_equal(family_count("F_*"), 24);
	assert_int_equal(family_count("MSG_*"), 19);
	assert_int_equal(family_count("POLL*"), 13);
	assert_int_equal(family_count("E*"), 132);
	assert_int_equal(family_count("CAP_*"), 42);
	assert_int_equal(family_count("EPOLL*"), 14);
	assert_int_equal(family_count("TCP state"), 11);
	assert_int_equal(ARRAY_LEN(appendix), 423 + 11);
}

static void test_every_appendix_value(void **state)
{
#if !defined(__x86_64__)
	skip();
#endif
	for (size_t i = 0; i < ARRAY_LEN(appendix); i++) {
		int64_t value = -12345;

		if (!symbols_lookup(appendix[i].name, &value))
			fail_msg("%s: not found", appendix[i].name);
		if (value != appendix[i].value)
			fail_msg("%s: got %lld, appendix says %lld", appendix[i].name,
				 (long long)value, (long long)appendix[i].value);
	}
}

static void test_table_has_exactly_the_appendix(void **state)
{
	int64_t value;

	/* Nothing beyond the appendix: every table name is transcribed. */
	assert_int_equal(symbols_count(), ARRAY_LEN(appendix));
	for (size_t i = 0; i < symbols_count(); i++) {
		const char *name = symbols_at(i, &value);
		size_t j = 0;

		assert_non_null(name);
		while (j < ARRAY_LEN(appendix) && strcmp(appendix[j].name, name) != 0)
			j++;
		if (j == ARRAY_LEN(appendix))
			fail_msg("%s: in the table but not in the appendix", name);
	}
	assert_null(symbols_at(symbols_count(), &value));
}

static void test_table_sorted_and_unique(void **state)
{
	int64_t value;
	const char *prev = symbols_at(0, &value);

	for (size_t i = 1; i < symbols_count(); i++) {
		const char *name = symbols_at(i, &value);

		if (strcmp(prev, name) >= 0)
			fail_msg("table out of order or duplicate: %s before %s", prev, name);
		prev = name;
	}
}

struct sample {
	const char *name;
	int64_t value;
};

static void test_sample_across_families(void **state)
{
	/* Independent of the transcription above: one or more per family. */
	/* clang-format off */
	static const struct sample samples[] = {
		{ "AF_INET", 2 }, { "AF_INET6", 10 }, { "PF_INET6", 10 },
		{ "SOCK_STREAM", 1 }, { "SOCK_NONBLOCK", 2048 }, { "IPPROTO_TCP", 6 },
		{ "SHUT_RDWR", 2 }, { "SOL_SOCKET", 1 }, { "NULL", 0 },
		{ "SOL_TCP", 6 }, { "SOL_IPV6", 41 }, { "SO_REUSEADDR", 2 },
		{ "SO_ZEROCOPY", 60 }, { "SO_MAX_PACING_RATE", 47 },
		{ "SO_EE_ORIGIN_ZEROCOPY", 5 }, { "SO_EE_CODE_ZEROCOPY_COPIED", 1 },
		{ "SOF_TIMESTAMPING_OPT_ID_TCP", 0x10000 },
		{ "SCM_TIMESTAMPING_OPT_STATS", 54 }, { "SCM_TSTAMP_ACK", 2 },
		{ "TCP_NLA_SRTT", 22 }, { "TCP_NLA_BUSY", 1 }, { "TCP_CA_LOSS", 4 },
		{ "TCP_INFINITE_SSTHRESH", 0x7fffffff }, { "IP_MTU_DISCOVER", 10 },
		{ "IPV6_TCLASS", 67 }, { "IP_PMTUDISC_PROBE", 3 }, { "TCP_NODELAY", 1 },
		{ "TCP_CM_INQ", 36 }, { "TCP_TX_DELAY", 37 }, { "O_NONBLOCK", 2048 },
		{ "F_SETFL", 4 }, { "F_DUPFD_CLOEXEC", 1030 }, { "FD_CLOEXEC", 1 },
		{ "LOCK_UN", 8 }, { "SEEK_END", 2 }, { "MSG_ZEROCOPY", 0x4000000 },
		{ "MSG_CMSG_CLOEXEC", 0x40000000 }, { "SIOCINQ", 0x541b },
		{ "FIONREAD", 0x541b }, { "POLLRDHUP", 0x2000 }, { "POLLREMOVE", 4096 },
		{ "ECONNREFUSED", 111 }, { "EWOULDBLOCK", 11 }, { "EDEADLOCK", 35 },
		{ "CAP_NET_ADMIN", 12 }, { "CAP_EFFECTIVE", 0 }, { "CAP_SET", 1 },
		{ "EPOLLET", 2147483648LL }, { "EPOLLONESHOT", 1073741824 },
		{ "EPOLL_CTL_MOD", 3 }, { "SPLICE_F_GIFT", 8 }, { "AF_UNSPEC", 0 },
		{ "TCP_ESTABLISHED", 1 }, { "TCP_CLOSING", 11 },
	};
	/* clang-format on */

	assert_true(ARRAY_LEN(samples) >= 40);
	for (size_t i = 0; i < ARRAY_LEN(samples); i++) {
		int64_t value = -1;

		if (!symbols_lookup(samples[i].name, &value) || value != samples[i].value)
			fail_msg("%s: expected %lld, got %lld", samples[i].name,
				 (long long)samples[i].value, (long long)value);
	}
}

static void test_unknown_names(void **state)
{
	/* clang-format off */
	static const char *const unknown[] = {
		"", "af_inet", "AF_INET ", "AF_INE", "AF_INETX", "SO_", "TCP_NEW_SYN_RECV",
		"TCP_CA_Open", "EHWPOISON", "ENOTSUP", "POLLINIGNEOF", "ZZZ", "A",
	};
	/* clang-format on */
	int64_t value = 77;

	for (size_t i = 0; i < ARRAY_LEN(unknown); i++) {
		if (symbols_lookup(unknown[i], &value))
			fail_msg("'%s' should be unknown", unknown[i]);
	}
	assert_false(symbols_lookup(NULL, &value));
	assert_int_equal(value, 77);
}

static void test_errno_round_trip(void **state)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(appendix); i++) {
		const char *name = appendix[i].name;
		int value = -1;

		if (strcmp(appendix[i].family, "E*") != 0)
			continue;
		n++;
		assert_true(symbols_errno_value(name, &value));
		assert_int_equal(value, appendix[i].value);
		if (strcmp(name, "EWOULDBLOCK") == 0)
			assert_string_equal(symbols_errno_name(value), "EAGAIN");
		else if (strcmp(name, "EDEADLOCK") == 0)
			assert_string_equal(symbols_errno_name(value), "EDEADLK");
		else
			assert_string_equal(symbols_errno_name(value), name);
	}
	assert_int_equal(n, 132);
}

static void test_errno_edges(void **state)
{
	int value = 5;

	assert_string_equal(symbols_errno_name(111), "ECONNREFUSED");
	assert_string_equal(symbols_errno_name(11), "EAGAIN");
	assert_string_equal(symbols_errno_name(35), "EDEADLK");
	assert_null(symbols_errno_name(0));
	assert_null(symbols_errno_name(-1));
	assert_null(symbols_errno_name(41));
	assert_null(symbols_errno_name(58));
	assert_null(symbols_errno_name(133));
	/* Names that start with E but are not errnos. */
	assert_false(symbols_errno_value("EPOLLIN", &value));
	assert_false(symbols_errno_value("EPOLL_CTL_ADD", &value));
	assert_false(symbols_errno_value("AF_INET", &value));
	assert_false(symbols_errno_value("eagain", &value));
	assert_false(symbols_errno_value("", &value));
	assert_false(symbols_errno_value(NULL, &value));
	assert_int_equal(value, 5);
}

static void check_poll(int64_t events, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	symbols_poll_flags(events, &sb);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

static void test_poll_flags(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	check_poll(0, "0");
	check_poll(1, "POLLIN");
	check_poll(1 | 4, "POLLIN|POLLOUT");
	check_poll(4 | 1, "POLLIN|POLLOUT");
	check_poll(8 | 16, "POLLERR|POLLHUP");
	check_poll(1 | 64 | 0x2000, "POLLIN|POLLRDNORM|POLLRDHUP");
	check_poll(0x1fff & ~0x800, "POLLIN|POLLPRI|POLLOUT|POLLERR|POLLHUP|POLLNVAL|POLLRDNORM|"
				    "POLLRDBAND|POLLWRNORM|POLLWRBAND|POLLMSG|POLLREMOVE");
	check_poll(0x800, "0x800");
	check_poll(1 | 0x100000, "POLLIN|0x100000");
	check_poll(0x4000 | 0x8000, "0xc000");

	/* Appends rather than overwrites. */
	strbuf_printf(&sb, "revents ");
	symbols_poll_flags(32, &sb);
	assert_string_equal(strbuf_str(&sb), "revents POLLNVAL");
	strbuf_free(&sb);
}

static void test_tcp_state_names(void **state)
{
	/* clang-format off */
	static const char *const names[] = {
		NULL, "TCP_ESTABLISHED", "TCP_SYN_SENT", "TCP_SYN_RECV", "TCP_FIN_WAIT1",
		"TCP_FIN_WAIT2", "TCP_TIME_WAIT", "TCP_CLOSE", "TCP_CLOSE_WAIT",
		"TCP_LAST_ACK", "TCP_LISTEN", "TCP_CLOSING", "TCP_NEW_SYN_RECV",
	};
	/* clang-format on */
	int back = 99;

	for (int s = 1; s <= 12; s++) {
		int64_t sym;

		assert_string_equal(symbols_tcp_state_name(s), names[s]);
		assert_true(symbols_tcp_state_value(names[s], &back));
		assert_int_equal(back, s);
		/* 1..11 are also argument symbols with the same value. */
		if (s <= 11) {
			assert_true(symbols_lookup(names[s], &sym));
			assert_int_equal(sym, s);
		}
	}
	assert_null(symbols_tcp_state_name(0));
	assert_null(symbols_tcp_state_name(13));
	assert_null(symbols_tcp_state_name(-1));
	back = 99;
	assert_false(symbols_tcp_state_value("ESTABLISHED", &back));
	assert_false(symbols_tcp_state_value("tcp_established", &back));
	assert_false(symbols_tcp_state_value("TCP_NODELAY", &back));
	assert_false(symbols_tcp_state_value(NULL, &back));
	assert_int_equal(back, 99);
}

int main(void)
{
	/* clang-format off */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appendix_transcription),
		cmocka_unit_test(test_every_appendix_value),
		cmocka_unit_test(test_table_has_exactly_the_appendix),
		cmocka_unit_test(test_table_sorted_and_unique),
		cmocka_unit_test(test_sample_across_families),
		cmocka_unit_test(test_unknown_names),
		cmocka_unit_test(test_errno_round_trip),
		cmocka_unit_test(test_errno_edges),
		cmocka_unit_test(test_poll_flags),
		cmocka_unit_test(test_tcp_state_names),
	};
	/* clang-format on */

	return cmocka_run_group_tests(tests, NULL, NULL);
}
