/* SPDX-License-Identifier: GPL-2.0-only */
/* discover: the scripts a runner's paths stand for — files as named, directories searched for
 * *.pkt. */
#ifndef CLI_DISCOVER_H
#define CLI_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "parser/util/strbuf.h"

struct script_list {
	char **paths; /* owned, as given or joined to their directory */
	size_t n;
};

/* Appends to l, for each of paths in turn: a file as named; a directory's
 * *.pkt files below it (following symbolic links, skipping hidden entries,
 * 32 levels deep at most), sorted by path. Returns 0, or -1 with a message in
 * err for a path that does not exist or a directory without scripts (an
 * unreadable subdirectory is only warned about on stderr). */
int discover_scripts(struct script_list *l, char *const *paths, size_t n, struct strbuf *err)
    __attribute__((warn_unused_result));

void script_list_free(struct script_list *l);

#endif
