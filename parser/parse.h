/* SPDX-License-Identifier: GPL-2.0-only */
/* parse: turns the text of a .pkt file into a struct script (flex scanner + bison grammar). */
#ifndef PARSER_PARSE_H
#define PARSER_PARSE_H

#include <stddef.h>

#include "parser/diag.h"
#include "parser/script.h"

/* -D NAME=VALUE substitutions applied by the lexer to WORD tokens. */
struct defines {
	char **names;
	char **values;
	size_t count;
};

/* Adds or replaces a definition (copies both strings). */
void defines_set(struct defines *defs, const char *name, const char *value);
/* Returns the value or NULL. */
const char *defines_get(const struct defines *defs, const char *name);
void defines_free(struct defines *defs);

/*
 * Parses text (len bytes; need not be NUL-terminated; NUL bytes inside are an
 * error) as the script at path. defs is consulted (and extended by
 * --define=NAME=VALUE option lines, which do not override an existing
 * definition because the command line wins). Syntax errors and the semantic
 * errors found while building the model go to the diag sink (check_script()
 * makes the checks over the finished model). Returns 0 and sets *out (caller
 * frees with script_free), or -1 after reporting at least one error.
 * On success d->text points at (*out)->text, so later diagnostics (check_script,
 * run-time errors) can quote source lines; free the script after the last one.
 */
int parse_script(const char *path, const char *text, size_t len, struct defines *defs,
		 struct diag *d, struct script **out);

/* Reads the file and parses it. "cannot read" errors are reported through d
 * ("path: error: cannot read script: <strerror>"; a directory is reported as
 * "is a directory"). Same return contract as parse_script. */
int parse_file(const char *path, struct defines *defs, struct diag *d, struct script **out);

#endif
