/* SPDX-License-Identifier: GPL-2.0-only */
/* cli_flags: the command line's flags — one list made of cli's own, the runner's and the
 * script flag table, read with getopt_long, with "did you mean" for an unknown one. */
#include "runtime/cli/cli_flags.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser/util/strbuf.h"
#include "parser/util/suggest.h"
#include "parser/util/xalloc.h"
#include "runtime/cli/runner_opts.h"

#define FIRST_LONG 256 /* getopt_long's value of flag i is FIRST_LONG + i */

static const struct cli_flag own_flags[] = {
    {{"help", false, true, "this text", NULL}, CLI_OWN, 'h', NULL, false},
    {{"version", false, true, "print the version", NULL}, CLI_OWN, 0, NULL, false},
    /* for the build: the bash completion script (runtime/cli/completion.c) and the
     * generated parts of docs/pktdrill-script.5 (runtime/cli/reference.c) */
    {{"bash-completion", false, true, "the bash completion script", NULL}, CLI_OWN, 0, NULL, true},
    {{"list-syscalls", false, true, "the reference's system calls", NULL}, CLI_OWN, 0, NULL, true},
    {{"list-symbols", false, true, "the reference's symbols", NULL}, CLI_OWN, 0, NULL, true},
};

/* The short forms of flags of the other tables. */
static const struct {
	char short_name;
	const char *name, *arg_name;
} short_forms[] = {
    {'v', "verbose", NULL},
    {'D', "define", "NAME=VALUE"},
    {'j', "jobs", "N"},
};

static struct cli_flag *list;
static size_t list_len;

static void add(const struct cli_flag *f)
{
	list = xrealloc(list, (list_len + 1) * sizeof(*list));
	list[list_len] = *f;
	for (size_t i = 0; i < sizeof(short_forms) / sizeof(short_forms[0]); i++)
		if (!strcmp(short_forms[i].name, f->f.name)) {
			list[list_len].short_name = short_forms[i].short_name;
			list[list_len].arg_name = short_forms[i].arg_name;
		}
	list_len++;
}

/* Built once from the tables; kept for the life of the process. */
static void build(void)
{
	if (list)
		return;
	for (size_t i = 0; i < sizeof(own_flags) / sizeof(own_flags[0]); i++)
		add(&own_flags[i]);
	for (size_t i = 0; i < runner_flag_count(); i++) {
		struct cli_flag f = {.owner = CLI_RUNNER};

		f.f = runner_flag_at(i, &f.arg_name);
		add(&f);
	}
	for (size_t i = 0; i < config_flag_count(); i++) {
		struct config_flag f = config_flag_at(i);
		bool file = f.values && !strcmp(f.values, "<file>");

		add(&(struct cli_flag){
		    .f = f, .owner = CLI_CONFIG, .arg_name = file ? "FILE" : "VALUE"});
	}
}

size_t cli_flag_count(void)
{
	build();
	return list_len;
}

const struct cli_flag *cli_flag_at(size_t i)
{
	build();
	return &list[i < list_len ? i : 0];
}

/* ---- errors ---- */

/* The flag name in "--name=value" or "--name". */
static char *long_name(const char *arg)
{
	return xstrndup(arg + 2, strcspn(arg + 2, "="));
}

/* "unknown option '--x'" with the nearest flags, or "ambiguous" with every
 * flag the prefix starts. */
static void unknown_long(const char *arg)
{
	char *name = long_name(arg);
	size_t len = strlen(name), matches = 0;
	struct strbuf msg = STRBUF_INIT, cands = STRBUF_INIT;
	struct suggest near;

	suggest_init(&near, name);
	for (size_t i = 0; i < list_len; i++) {
		if (list[i].hidden)
			continue;
		suggest_add(&near, list[i].f.name);
		if (!strncmp(list[i].f.name, name, len)) {
			strbuf_printf(&cands, "%s--%s", matches ? ", " : "", list[i].f.name);
			matches++;
		}
	}
	if (matches > 1)
		strbuf_printf(&msg, "option '--%s' is ambiguous; possibilities: %s", name,
			      strbuf_str(&cands));
	else {
		strbuf_printf(&msg, "unknown option '--%s'", name);
		suggest_append(&near, "--", &msg);
	}
	fprintf(stderr, "pktdrill: error: %s\n", strbuf_str(&msg));
	strbuf_free(&msg);
	strbuf_free(&cands);
	free(name);
}

/* "-ip_version": a long flag written with one dash reads as short flags. */
static void unknown_short(int ch, const char *arg)
{
	struct strbuf msg = STRBUF_INIT;
	struct suggest near;

	strbuf_printf(&msg, "unknown option '-%c'", ch);
	if (arg && arg[0] == '-' && arg[1] != '-' && strlen(arg) > 2) {
		char *name = xstrndup(arg + 1, strcspn(arg + 1, "="));

		suggest_init(&near, name);
		for (size_t i = 0; i < list_len; i++)
			if (!list[i].hidden)
				suggest_add(&near, list[i].f.name);
		strbuf_printf(&msg, " in '%s' (long options start with '--')", arg);
		suggest_append(&near, "--", &msg);
		free(name);
	}
	fprintf(stderr, "pktdrill: error: %s\n", strbuf_str(&msg));
	strbuf_free(&msg);
}

/* A flag's name as the command line shows it: "--pcap" or "-D". */
static void flag_text(int val, char *buf, size_t cap)
{
	if (val >= FIRST_LONG && (size_t)(val - FIRST_LONG) < list_len)
		snprintf(buf, cap, "--%s", list[val - FIRST_LONG].f.name);
	else
		snprintf(buf, cap, "-%c", val);
}

/* getopt_long returned '?' or ':' (opterr off, optstring starting with ':'). */
static void report_getopt_error(int ch, int argc, char **argv)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : NULL;
	char text[128];

	if (ch == ':') {
		flag_text(optopt, text, sizeof(text));
		fprintf(stderr, "pktdrill: error: option '%s' requires a value\n", text);
	} else if (optopt >= FIRST_LONG) {
		flag_text(optopt, text, sizeof(text));
		fprintf(stderr, "pktdrill: error: option '%s' takes no value\n", text);
	} else if (optopt) {
		/* in a bundle the element may still be the current one */
		if (optind < argc && argv[optind][0] == '-' && strchr(argv[optind], optopt))
			arg = argv[optind];
		unknown_short(optopt, arg);
	} else if (arg && !strncmp(arg, "--", 2)) {
		unknown_long(arg);
	} else {
		fprintf(stderr, "pktdrill: error: unknown option '%s'\n", arg ? arg : "?");
	}
	fprintf(stderr, "pktdrill: --help lists the flags\n");
}

/* ---- scripts given as values ---- */

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* A file the run writes, named like a script: it would overwrite one. */
static bool writes_script(const struct cli_flag *f, const char *value)
{
	return value && f->f.values && !strcmp(f->f.values, "<file>") &&
	       str_ends_with(value, ".pkt");
}

/* After the flags: no path left, and the last flag's separate value looks
 * like the script ("--pcap x.pkt"); or a file the run writes named like a
 * script. Returns -1 after saying so. */
static int script_as_value(bool no_path, const struct cli_flag *last, const char *last_value,
			   const struct cli_flag *out, const char *out_value)
{
	if (no_path && last && (str_ends_with(last_value, ".pkt") || is_dir(last_value))) {
		fprintf(stderr,
			"pktdrill: error: missing script path: '%s' was taken as the value of "
			"--%s (write --%s=%s, then the script)\n",
			last_value, last->f.name, last->f.name, last->arg_name);
		return -1;
	}
	if (out) {
		fprintf(stderr,
			"pktdrill: error: --%s=%s would overwrite a script: --%s names the file "
			"the run writes\n",
			out->f.name, out_value, out->f.name);
		return -1;
	}
	return 0;
}

/* ---- parsing ---- */

/* The hidden flags are left out: see hidden_flag(). */
static struct option *long_options(void)
{
	struct option *o = xcalloc(list_len + 1, sizeof(*o));
	size_t n = 0;

	for (size_t i = 0; i < list_len; i++)
		if (!list[i].hidden)
			o[n++] = (struct option){
			    list[i].f.name, list[i].f.takes_value ? required_argument : no_argument,
			    NULL, FIRST_LONG + (int)i};
	return o;
}

/* The build's dumps are taken alone and by their exact names, so that no
 * prefix packetdrill accepts for its own flags becomes ambiguous. */
static const struct cli_flag *hidden_flag(int argc, char **argv)
{
	for (size_t i = 0; argc == 2 && i < list_len; i++)
		if (list[i].hidden && !strncmp(argv[1], "--", 2) &&
		    !strcmp(argv[1] + 2, list[i].f.name))
			return &list[i];
	return NULL;
}

/* ":" first: a missing value is ':', not '?'. */
static void short_options(char *buf)
{
	size_t n = 0;

	buf[n++] = ':';
	for (size_t i = 0; i < list_len; i++) {
		if (!list[i].short_name)
			continue;
		buf[n++] = list[i].short_name;
		if (list[i].f.takes_value)
			buf[n++] = ':';
	}
	buf[n] = '\0';
}

static const struct cli_flag *by_short(int ch)
{
	for (size_t i = 0; i < list_len; i++)
		if (list[i].short_name == ch)
			return &list[i];
	return NULL;
}

int cli_flags_parse(int argc, char **argv, cli_flag_fn *fn, void *ctx, int *first_path)
{
	char shorts[32];
	struct option *longs;
	const struct cli_flag *last = NULL, *out = NULL; /* see script_as_value() */
	const char *last_value = NULL, *out_value = NULL;
	int ch, rc = 0;

	build();
	if (hidden_flag(argc, argv)) {
		*first_path = argc;
		return fn(ctx, hidden_flag(argc, argv), NULL);
	}
	longs = long_options();
	short_options(shorts);
	opterr = 0;
	optind = 0; /* 0: getopt starts afresh (a test may parse twice) */
	while (!rc && (ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		const struct cli_flag *f = ch >= FIRST_LONG ? &list[ch - FIRST_LONG] : by_short(ch);

		if (ch == '?' || ch == ':' || !f) {
			report_getopt_error(ch, argc, argv);
			rc = -1;
			break;
		}
		if (optarg && optarg == argv[optind - 1]) {
			last = f;
			last_value = optarg;
		}
		if (!out && writes_script(f, optarg)) {
			out = f;
			out_value = optarg;
		}
		rc = fn(ctx, f, optarg);
	}
	*first_path = optind;
	if (!rc)
		rc = script_as_value(optind >= argc, last, last_value, out, out_value);
	free(longs);
	return rc;
}

/* ---- --help ---- */

static void help_line(FILE *out, const struct cli_flag *f)
{
	fprintf(out, "  ");
	if (f->short_name)
		fprintf(out, "-%c%s%s, ", f->short_name, f->f.takes_value ? " " : "",
			f->f.takes_value ? f->arg_name : "");
	fprintf(out, "--%s%s%s%s\n      %s\n", f->f.name, f->f.takes_value ? "=" : "",
		f->f.takes_value ? f->arg_name : "", f->f.supported ? "" : "   (not supported)",
		f->f.help);
}

void cli_flags_help(FILE *out)
{
	build();
	fprintf(out, "options:\n");
	for (size_t i = 0; i < list_len; i++)
		if (!list[i].hidden && (list[i].owner == CLI_OWN ||
					(list[i].owner == CLI_CONFIG && list[i].short_name)))
			help_line(out, &list[i]);
	fprintf(out, "\nrunner options:\n");
	for (size_t i = 0; i < list_len; i++)
		if (list[i].owner == CLI_RUNNER)
			help_line(out, &list[i]);
	fprintf(out, "\nscript options (also as option lines at the top of a script; "
		     "\"(not supported)\":\npacketdrill's flags that pktdrill recognises and "
		     "refuses):\n");
	for (size_t i = 0; i < list_len; i++)
		if (list[i].owner == CLI_CONFIG)
			help_line(out, &list[i]);
	fprintf(out, "\nA long flag may be shortened to a unique prefix (--ip_v=ipv6); "
		     "\"--\" ends the flags.\n");
}
