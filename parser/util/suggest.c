/* SPDX-License-Identifier: GPL-2.0-only */
/* suggest: "did you mean ...?" — the known names nearest to a misspelt one. */
#include "parser/util/suggest.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>

#define MAX_LEN 64 /* longer words get no suggestion: no name is that long */

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;

	return m < c ? m : c;
}

static bool same(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/* Optimal string alignment distance over three rolling rows (the one two rows
 * back is what a swap of neighbours needs). */
unsigned suggest_distance(const char *a, const char *b, unsigned limit)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned rows[3][MAX_LEN + 1];

	if (la > MAX_LEN || lb > MAX_LEN || (la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		rows[0][j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned *cur = rows[i % 3], *prev = rows[(i - 1) % 3], *prev2 = rows[(i + 1) % 3];
		unsigned row_min = cur[0] = (unsigned)i;

		for (size_t j = 1; j <= lb; j++) {
			unsigned cost = same(a[i - 1], b[j - 1]) ? 0 : 1;

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) &&
			    same(a[i - 2], b[j - 1]) && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
			if (cur[j] < row_min)
				row_min = cur[j];
		}
		if (row_min > limit)
			return limit + 1;
	}
	return rows[la % 3][lb];
}

static unsigned threshold(size_t len)
{
	return len <= 5 ? 1 : len <= 8 ? 2 : 3;
}

void suggest_init(struct suggest *s, const char *word)
{
	memset(s, 0, sizeof(*s));
	s->word = word;
	s->len = strlen(word);
	s->best = UINT_MAX;
}

void suggest_add(struct suggest *s, const char *name)
{
	unsigned limit = threshold(s->len), d;

	if (s->best < limit)
		limit = s->best;
	d = suggest_distance(s->word, name, limit);
	if (d > limit)
		return;
	if (d < s->best) {
		s->best = d;
		s->n = 0;
	}
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->names[i], name))
			return;
	if (s->n < SUGGEST_MAX)
		s->names[s->n++] = name;
}

size_t suggest_append(const struct suggest *s, const char *prefix, struct strbuf *out)
{
	if (!s->n)
		return 0;
	strbuf_printf(out, " (did you mean");
	for (size_t i = 0; i < s->n; i++)
		strbuf_printf(out, "%s'%s%s'",
			      i == 0	      ? " "
			      : i + 1 == s->n ? " or "
					      : ", ",
			      prefix ? prefix : "", s->names[i]);
	strbuf_printf(out, "?)");
	return s->n;
}
