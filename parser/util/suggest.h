/* SPDX-License-Identifier: GPL-2.0-only */
/* suggest: "did you mean ...?" — the known names nearest to a misspelt one. */
#ifndef UTIL_SUGGEST_H
#define UTIL_SUGGEST_H

#include <stddef.h>

#include "parser/util/strbuf.h"

#define SUGGEST_MAX 3 /* names offered at most */

/* The nearest candidates seen so far. Holds pointers to the word and to the
 * candidates, which must outlive it; owns nothing. */
struct suggest {
	const char *word;
	size_t len;
	unsigned best; /* distance of names[], or UINT_MAX while none is near */
	const char *names[SUGGEST_MAX];
	size_t n;
};

void suggest_init(struct suggest *s, const char *word);

/* Considers one known name. A name counts if its edit distance to the word
 * (insertions, deletions, substitutions and swaps of two neighbours, ignoring
 * case) is small for the word's length: 1 up to 5 characters, 2 up to 8,
 * then 3. The nearest ones are kept, in the order they came, up to
 * SUGGEST_MAX of them. The same name twice counts once. */
void suggest_add(struct suggest *s, const char *name);

/* Appends " (did you mean 'a'?)", " (did you mean 'a' or 'b'?)" or
 * " (did you mean 'a', 'b' or 'c'?)" to out, each name after prefix ("--"
 * for flags; NULL for none); nothing if no name was near. Returns the number
 * of names appended. */
size_t suggest_append(const struct suggest *s, const char *prefix, struct strbuf *out);

/* The edit distance above, exposed for tests; gives up (returns limit + 1)
 * once it is sure to exceed limit. */
unsigned suggest_distance(const char *a, const char *b, unsigned limit);

#endif
