/* SPDX-License-Identifier: GPL-2.0-only */
/* num_tok: a number token as the grammar hands it to the model's constructors. */
#ifndef PARSER_NUM_TOK_H
#define PARSER_NUM_TOK_H

#include <stdbool.h>
#include <stdint.h>

#include "parser/loc.h"

struct diag;

/* A number token: INTEGER, HEX_INTEGER or FLOAT. text points into the script
 * text or into a define's value (not owned, not NUL-terminated). */
struct num_tok {
	int64_t i; /* INTEGER / HEX_INTEGER value (FLOAT: truncated) */
	double f;  /* FLOAT value (atof); INTEGER: (double)i */
	bool is_float;
	const char *text;
	uint32_t len;
	struct loc loc;
};

/* Returns the token's value. If it lies outside [min, max], reports what (e.g.
 * "mss value out of range") through d at the token and still returns the value,
 * which the caller truncates to its field: one run reports every problem. */
int64_t num_tok_range(struct diag *d, const struct num_tok *t, int64_t min, int64_t max,
		      const char *what);

#endif
