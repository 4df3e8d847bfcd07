/* SPDX-License-Identifier: GPL-2.0-only */
/* symbols: the symbolic constants of syscall arguments and their values. */
#ifndef SYSCALLS_SYMBOLS_H
#define SYSCALLS_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* Looks up a symbolic constant used in syscall arguments (AF_INET,
 * SO_REUSEADDR, EPOLLET, E*, CAP_*, TCP_ESTABLISHED...). The match is exact
 * and case-sensitive. Returns true and sets *value if the name is known;
 * returns false and leaves *value untouched otherwise. Values are those of
 * the build host's headers (the x86-64 Linux values of the spec's
 * Appendix A on x86-64). */
bool symbols_lookup(const char *name, int64_t *value);

/* Returns the name of errno value err ("ECONNREFUSED"), preferring the
 * canonical spelling (EAGAIN over EWOULDBLOCK, EDEADLK over EDEADLOCK), or
 * NULL if err is not a known errno. The string is static. */
const char *symbols_errno_name(int err);

/* Sets *value to the errno named name (aliases included) and returns true;
 * returns false if name is not an errno name. */
bool symbols_errno_value(const char *name, int *value);

/* Appends the POLL* flags set in events to out, lowest bit first, joined by
 * '|' ("POLLIN|POLLOUT"). Bits without a name are appended as one hex number
 * ("POLLIN|0x100000"); no bits at all print as "0". */
void symbols_poll_flags(int64_t events, struct strbuf *out);

/* Returns the kernel's name of TCP state number state (1 "TCP_ESTABLISHED"
 * ... 11 "TCP_CLOSING", 12 "TCP_NEW_SYN_RECV"), or NULL if out of range.
 * The string is static. */
const char *symbols_tcp_state_name(int state);

/* Sets *state to the number of the TCP state named name and returns true;
 * returns false if name is not a state name. */
bool symbols_tcp_state_value(const char *name, int *state);

/* Number of entries in the symbol table, for listings and tests. */
size_t symbols_count(void);

/* Returns the name of table entry i (0 <= i < symbols_count(), in strcmp
 * order) and sets *value to its value; NULL if i is out of range. */
const char *symbols_at(size_t i, int64_t *value);

#endif
