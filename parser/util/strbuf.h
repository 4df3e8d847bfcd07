/* SPDX-License-Identifier: GPL-2.0-only */
/* strbuf: a growable, always NUL-terminated string used to build messages; and
 * the one plain-string test more than one file needs. */
#ifndef UTIL_STRBUF_H
#define UTIL_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *s; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* Appends printf-style text. Aborts the process on allocation failure
 * (out of memory is not a recoverable condition for a test tool). */
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void strbuf_append(struct strbuf *sb, const char *s, size_t len);
/* Returns the text ("" if empty). The buffer keeps ownership. */
const char *strbuf_str(const struct strbuf *sb);
/* Hands the text to the caller (who frees it) and resets the buffer. */
char *strbuf_take(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

/* True if s ends with suffix ("" ends every string). */
bool str_ends_with(const char *s, const char *suffix);

#endif
