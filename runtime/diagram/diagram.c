/* SPDX-License-Identifier: GPL-2.0-only */
/* diagram: --diagram=FILE, the run as a ladder diagram in the format FILE's name says. */
#include "runtime/diagram/diagram.h"

#include <errno.h>
#include <stdio.h>

#include "parser/util/strbuf.h"
#include "runtime/diagram/ladder.h"

int diagram_write(const struct run *r, const char *path)
{
	struct ladder l;
	struct strbuf text = STRBUF_INIT;

	ladder_build(r, &l);
	if (str_ends_with(path, ".svg"))
		ladder_svg(&l, &text);
	else
		ladder_mermaid(&l, str_ends_with(path, ".md"), &text);
	ladder_free(&l);
	errno = 0;
	FILE *f = fopen(path, "w");
	int bad = !f || fwrite(text.s, 1, text.len, f) != text.len;
	if ((f && fclose(f)) || bad) {
		if (!errno)
			errno = EIO;
		bad = 1;
	}
	strbuf_free(&text);
	return bad ? -1 : 0;
}
