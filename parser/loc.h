/* SPDX-License-Identifier: GPL-2.0-only */
/* loc: a span of script text, as every token, model node and diagnostic carries it. */
#ifndef PARSER_LOC_H
#define PARSER_LOC_H

#include <stdint.h>

/* A span of source text: byte offsets [start, end) plus the 1-based line and
 * column of start (column counts bytes). line 0 means "no location". */
struct loc {
	uint32_t start, end;
	uint32_t line, col;
};

#endif
