/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_spec: a script's system call event (name, arguments, expected result) as written. */
#ifndef PARSER_SYSCALL_SPEC_H
#define PARSER_SYSCALL_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parser/expr.h"
#include "parser/loc.h"

/* A system call owns its name, arguments, result, errno name and note;
 * syscall_spec_free() frees them. The grammar fills result, errno_name, note,
 * blocking and end_usecs directly. */
struct syscall_spec {
	char *name;
	struct loc name_loc;
	struct expr **args;
	size_t n_args;
	bool blocking;	     /* written as "...END name(...)" */
	int64_t end_usecs;   /* END, as written (relative to the event's anchor if the
			      * event time is relative) */
	struct expr *result; /* the expression after '=' (must be an INTEGER at run time) */
	char *errno_name;    /* NULL if none */
	struct loc errno_loc;
	char *note; /* text inside the trailing ( ), NULL if none */
};

/* A call of name with the items of the LIST args as its arguments (args NULL:
 * none). Takes name and args (the list node is freed, its items kept). The
 * caller owns the result. */
struct syscall_spec *syscall_spec_new(char *name, struct loc name_loc, struct expr *args);
/* Frees sc and what it owns; sc may be NULL. */
void syscall_spec_free(struct syscall_spec *sc);

#endif
