/* SPDX-License-Identifier: GPL-2.0-only */
/* reference: the parts of the language reference (docs/pktdrill-script.5) generated from
 * the tables — the system calls and the symbols. */
#include "runtime/cli/reference.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "runtime/syscalls/symbols.h"
#include "runtime/syscalls/syscall.h"

/* Text as man(7) source: backslashes and dashes escaped, and "<name>" (a
 * value the script chooses) in italics. */
static void roff(FILE *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		const char *close = *p == '<' ? strchr(p, '>') : NULL;

		if (close && close > p + 1 &&
		    strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_") == (size_t)(close - p - 1)) {
			fprintf(out, "\\fI%.*s\\fR", (int)(close - p - 1), p + 1);
			p = close;
		} else if (*p == '\\') {
			fputs("\\e", out);
		} else if (*p == '-') {
			fputs("\\-", out);
		} else {
			fputc(*p, out);
		}
	}
}

/* What a call's result is: a new fd, a state name, or a number. cap_set()
 * follows the rule of the calls returning an fd (upstream's: any result not
 * negative passes) without making one. */
static const char *result_of(const struct syscall_desc *d)
{
	if (d->symbolic_result)
		return "<state>";
	return d->returns_fd && strcmp(d->name, "cap_set") ? "<fd>" : "<result>";
}

int reference_write_syscalls(FILE *out)
{
	for (size_t i = 0; i < syscall_count(); i++) {
		const struct syscall_desc *d = syscall_at(i);

		fprintf(out, ".TP\n\\fB%s\\fR(", d->name);
		roff(out, d->args);
		fputs(") = ", out);
		roff(out, result_of(d));
		fputs("\n", out);
		roff(out, d->doc);
		fputs(!d->returns_fd ? ".\n"
		      : !strcmp(result_of(d), "<fd>")
			  ? "; any fd passes, and the script's number "
			    "names it from then on.\n"
			  : "; any result that is not negative passes.\n",
		      out);
	}
	return fflush(out) || ferror(out) ? -1 : 0;
}

/* A symbol's family: its name up to the first '_' ("SO_"); errno names;
 * the rest by their letters ("POLL", "EPOLL", "NULL"). */
static void family(const char *name, char *buf, size_t cap)
{
	const char *us = strchr(name, '_');
	int e;

	if (symbols_errno_value(name, &e))
		snprintf(buf, cap, "errno");
	else if (us)
		snprintf(buf, cap, "%.*s", (int)(us - name + 1), name);
	else if (!strncmp(name, "EPOLL", 5) || !strncmp(name, "POLL", 4))
		snprintf(buf, cap, "%s", name[0] == 'E' ? "EPOLL" : "POLL");
	else
		snprintf(buf, cap, "other");
}

/* Each family once, in the order its first name comes; its names after it. */
int reference_write_symbols(FILE *out)
{
	size_t n = symbols_count();
	bool done[1024] = {0};
	int64_t v;

	for (size_t i = 0; i < n && i < 1024; i++) {
		char fam[64], other[64];

		if (done[i])
			continue;
		family(symbols_at(i, &v), fam, sizeof(fam));
		fprintf(out, ".TP\n.B ");
		roff(out, !strcmp(fam, "errno")	  ? "errno names (after = -1)"
			  : !strcmp(fam, "other") ? "others"
						  : fam);
		fputs("\n", out);
		for (size_t k = i, first = 1; k < n && k < 1024; k++) {
			const char *name = symbols_at(k, &v);

			family(name, other, sizeof(other));
			if (done[k] || strcmp(fam, other))
				continue;
			done[k] = true;
			/* \% : names are not hyphenated */
			fputs(first ? "\\%" : ", \\%", out);
			roff(out, name);
			first = 0;
		}
		fputs("\n", out);
	}
	return fflush(out) || ferror(out) ? -1 : 0;
}
