/* SPDX-License-Identifier: GPL-2.0-only */
/* discover: the scripts a runner's paths stand for — files as named, directories searched for
 * *.pkt. */
#include "runtime/cli/discover.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser/util/xalloc.h"

#define MAX_DEPTH 32 /* directory levels searched for scripts */

static void add_script(struct script_list *l, char *path)
{
	l->paths = xrealloc(l->paths, (l->n + 1) * sizeof(*l->paths));
	l->paths[l->n++] = path;
}

static char *path_join(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "%s%s%s", dir, str_ends_with(dir, "/") ? "" : "/", name);
	return strbuf_take(&sb);
}

/* Adds every *.pkt file under dir, following symbolic links; hidden entries are
 * not searched. */
static void walk(struct script_list *l, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	if (!d) {
		fprintf(stderr, "pktdrill: warning: cannot read '%s': %s\n", dir, strerror(errno));
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *p = path_join(dir, e->d_name);
		if (!stat(p, &st) && S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
			walk(l, p, depth + 1);
		} else if (!stat(p, &st) && S_ISREG(st.st_mode) && str_ends_with(p, ".pkt")) {
			add_script(l, p);
			p = NULL;
		}
		free(p);
	}
	closedir(d);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int discover_scripts(struct script_list *l, char *const *paths, size_t n, struct strbuf *err)
{
	struct stat st;

	for (size_t i = 0; i < n; i++) {
		size_t first = l->n;

		if (stat(paths[i], &st)) {
			strbuf_printf(err, "cannot access '%s': %s", paths[i], strerror(errno));
			return -1;
		}
		if (!S_ISDIR(st.st_mode)) {
			add_script(l, xstrdup(paths[i]));
			continue;
		}
		walk(l, paths[i], 0);
		if (l->n == first) {
			strbuf_printf(err, "no *.pkt script under '%s'", paths[i]);
			return -1;
		}
		qsort(l->paths + first, l->n - first, sizeof(char *), cmp_path);
	}
	return 0;
}

void script_list_free(struct script_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	l->paths = NULL;
	l->n = 0;
}
