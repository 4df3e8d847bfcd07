/* SPDX-License-Identifier: GPL-2.0-only */
/* syscall_spec: the constructor and destructor of a script's system call events. */
#include "parser/syscall_spec.h"

#include <stdlib.h>

#include "parser/util/xalloc.h"

struct syscall_spec *syscall_spec_new(char *name, struct loc name_loc, struct expr *args)
{
	struct syscall_spec *sc = xcalloc(1, sizeof(*sc));

	sc->name = name;
	sc->name_loc = name_loc;
	if (args) {
		sc->args = args->items;
		sc->n_args = args->n_items;
		args->items = NULL;
		args->n_items = 0;
		expr_free(args);
	}
	return sc;
}

void syscall_spec_free(struct syscall_spec *sc)
{
	if (!sc)
		return;
	for (size_t i = 0; i < sc->n_args; i++)
		expr_free(sc->args[i]);
	free(sc->args);
	expr_free(sc->result);
	free(sc->name);
	free(sc->errno_name);
	free(sc->note);
	free(sc);
}
