/* SPDX-License-Identifier: GPL-2.0-only */
/* num_tok: range checks on number tokens, reported at the token. */
#include "parser/num_tok.h"

#include "parser/diag.h"

int64_t num_tok_range(struct diag *d, const struct num_tok *t, int64_t min, int64_t max,
		      const char *what)
{
	if (t->i < min || t->i > max)
		diag_error(d, t->loc, "%s", what);
	return t->i;
}
