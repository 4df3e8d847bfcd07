/* SPDX-License-Identifier: GPL-2.0-only */
/* xalloc: allocation wrappers that treat out-of-memory as fatal. */
#ifndef UTIL_XALLOC_H
#define UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Returns array (n elements of size bytes) grown so that one more element fits,
 * possibly moved. The capacity doubles each time n reaches a power of two, so
 * callers keep only the count: append with
 *   a = xgrow(a, n, sizeof(*a)); a[n++] = x;
 * The caller owns the array and frees it with free(). */
void *xgrow(void *array, size_t n, size_t size);

#endif
