/* SPDX-License-Identifier: GPL-2.0-only */
/* parse: runs the scanner and grammar over a script's text and manages -D defines. */
#include "parser/parse.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parser/grammar.h"
#include "parser/lexer.h"
#include "parser/util/xalloc.h"

/* ---- defines ---- */

static ssize_t defines_find(const struct defines *defs, const char *name)
{
	for (size_t i = 0; i < defs->count; i++)
		if (!strcmp(defs->names[i], name))
			return (ssize_t)i;
	return -1;
}

void defines_set(struct defines *defs, const char *name, const char *value)
{
	ssize_t i = defines_find(defs, name);

	if (i >= 0) {
		free(defs->values[i]);
		defs->values[i] = xstrdup(value);
		return;
	}
	defs->names = xrealloc(defs->names, (defs->count + 1) * sizeof(*defs->names));
	defs->values = xrealloc(defs->values, (defs->count + 1) * sizeof(*defs->values));
	defs->names[defs->count] = xstrdup(name);
	defs->values[defs->count] = xstrdup(value);
	defs->count++;
}

const char *defines_get(const struct defines *defs, const char *name)
{
	ssize_t i = defs ? defines_find(defs, name) : -1;

	return i >= 0 ? defs->values[i] : NULL;
}

void defines_free(struct defines *defs)
{
	for (size_t i = 0; i < defs->count; i++) {
		free(defs->names[i]);
		free(defs->values[i]);
	}
	free(defs->names);
	free(defs->values);
	memset(defs, 0, sizeof(*defs));
}

/* ---- option lines ---- */

/* --define=NAME=VALUE: the command line's definition wins. */
static void apply_define(struct parse_ctx *ctx, const char *text, struct loc loc)
{
	const char *eq = strchr(text, '=');
	char *name;

	if (!eq || eq == text) {
		diag_error(ctx->diag, loc, "--define expects NAME=VALUE");
		return;
	}
	name = xstrndup(text, (size_t)(eq - text));
	if (!defines_get(ctx->defs, name))
		defines_set(ctx->defs, name, eq + 1);
	free(name);
}

/* A value written as one STRING is recorded without its quotes. */
static char *unquote(char *value)
{
	size_t n = strlen(value);

	if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
		memmove(value, value + 1, n - 2);
		value[n - 2] = '\0';
	}
	return value;
}

void parse_option_line(struct parse_ctx *ctx, char *name, char *value, struct loc loc)
{
	if (value && !strcmp(name, "define"))
		apply_define(ctx, value, loc);
	else if (value)
		value = unquote(value);
	script_add_option(ctx->script, ctx->diag, name, value, loc);
}

/* ---- parsing ---- */

static struct loc loc_at(const char *text, size_t offset)
{
	struct loc loc = {(uint32_t)offset, (uint32_t)offset + 1, 1, 1};

	for (size_t i = 0; i < offset; i++) {
		loc.col++;
		if (text[i] == '\n') {
			loc.line++;
			loc.col = 1;
		}
	}
	return loc;
}

/* NUL bytes would cut commands and strings short: refuse the file. */
static bool check_nul(const struct script *s, struct diag *d)
{
	const char *nul = memchr(s->text, '\0', s->text_len);

	if (!nul)
		return true;
	diag_error(d, loc_at(s->text, (size_t)(nul - s->text)),
		   "NUL byte in script (binary file?)");
	return false;
}

static void parse_text(struct script *s, struct defines *defs, struct diag *d)
{
	struct parse_ctx ctx;
	YY_BUFFER_STATE buf;
	int before = d->n_errors;

	memset(&ctx, 0, sizeof(ctx));
	ctx.diag = d;
	ctx.defs = defs;
	ctx.script = s;
	ctx.text = s->text;
	ctx.len = s->text_len;
	ctx.line = 1;
	ctx.col = 1;
	if (yylex_init_extra(&ctx, &ctx.scanner)) {
		diag_error_noloc(d, "cannot create the scanner: %s", strerror(errno));
		return;
	}
	buf = yy_scan_bytes(s->text, (int)s->text_len, ctx.scanner);
	if (yyparse(&ctx) && d->n_errors == before)
		diag_error_noloc(d, "cannot parse script");
	yy_delete_buffer(buf, ctx.scanner);
	yylex_destroy(ctx.scanner);
}

static struct script *script_new(const char *path, const char *text, size_t len)
{
	struct script *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(path);
	s->text = xmalloc(len + 1);
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->text_len = len;
	return s;
}

int parse_script(const char *path, const char *text, size_t len, struct defines *defs,
		 struct diag *d, struct script **out)
{
	struct defines local = {0};
	const char *old_text = d->text;
	size_t old_len = d->text_len;
	int before = d->n_errors;
	struct script *s;

	*out = NULL;
	if (!d->path)
		d->path = path;
	if (len > INT32_MAX) {
		diag_error_noloc(d, "cannot read script: %s", strerror(EFBIG));
		return -1;
	}
	s = script_new(path, text, len);
	/* the sink quotes source lines from the script's own copy */
	d->text = s->text;
	d->text_len = len;
	if (check_nul(s, d))
		parse_text(s, defs ? defs : &local, d);
	defines_free(&local);
	if (d->n_errors == before && !s->n_events)
		diag_error(d, (struct loc){0, 0, 1, 1}, "script has no events");
	if (d->n_errors == before) {
		*out = s;
		return 0;
	}
	d->text = old_text;
	d->text_len = old_len;
	script_free(s);
	return -1;
}

/* Reads a whole file; works for pipes and /dev/stdin too. */
static int read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *b = xmalloc(cap);

	for (;;) {
		ssize_t r;

		if (n == cap)
			b = xrealloc(b, cap *= 2);
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(b);
			return -errno;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*buf = b;
	*len = n;
	return 0;
}

static int load_file(const char *path, char **buf, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int err;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		err = -EISDIR;
	else
		err = read_all(fd, buf, len);
	close(fd);
	return err;
}

int parse_file(const char *path, struct defines *defs, struct diag *d, struct script **out)
{
	char *buf = NULL;
	size_t len = 0;
	int err, rc;

	*out = NULL;
	if (!d->path)
		d->path = path;
	err = load_file(path, &buf, &len);
	if (err) {
		diag_error_noloc(d, "cannot read script: %s", strerror(-err));
		return -1;
	}
	rc = parse_script(path, buf, len, defs, d, out);
	free(buf);
	return rc;
}
