/* SPDX-License-Identifier: GPL-2.0-only */
/* runner_opts: the runner's command-line flags, and the tables they name: the
 * address-family variants (upstream run_all.py's arguments) and the report formats. */
#include "runtime/cli/runner_opts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser/util/xalloc.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DEFAULT_TIMEOUT 180.0 /* seconds, as upstream's run_all.py */

/* ---- variants: upstream run_all.py's arguments for each address family ---- */

static const struct runner_arg ipv4_args[] = {
    {"ip_version", "ipv4"},
    {"local_ip", "192.168.0.1"},
    {"gateway_ip", "192.168.0.1"},
    {"netmask_ip", "255.255.0.0"},
    {"remote_ip", "192.0.2.1"},
    {"define", "TFO_COOKIE=3021b9d889017eeb"},
    {"define", "CODE=host_unreachable"},
    {"define", "CMSG_LEVEL_IP=SOL_IP"},
    {"define", "CMSG_TYPE_RECVERR=IP_RECVERR"},
};

/* No CODE define, as upstream: frag_needed and friends are IPv4 ICMP codes. */
static const struct runner_arg ipv6_args[] = {
    {"ip_version", "ipv6"},
    {"mtu", "1520"},
    {"local_ip", "fd3d:0a0b:17d6::1"},
    {"gateway_ip", "fd3d:0a0b:17d6:8888::1"},
    {"remote_ip", "fd3d:fa7b:d17d::1"},
    {"define", "TFO_COOKIE=c1d1e9742a47a9bc"},
    {"define", "CMSG_LEVEL_IP=SOL_IPV6"},
    {"define", "CMSG_TYPE_RECVERR=IPV6_RECVERR"},
};

static const struct runner_arg mapped_args[] = {
    {"ip_version", "ipv4-mapped-ipv6"},
    {"local_ip", "192.168.0.1"},
    {"gateway_ip", "192.168.0.1"},
    {"netmask_ip", "255.255.0.0"},
    {"remote_ip", "192.0.2.1"},
    {"define", "TFO_COOKIE=3021b9d889017eeb"},
    {"define", "CODE=host_unreachable"},
    {"define", "CMSG_LEVEL_IP=SOL_IPV6"},
    {"define", "CMSG_TYPE_RECVERR=IPV6_RECVERR"},
};

/* ---- the kernel's tools/testing/selftests/net/packetdrill/ksft_runner.sh ---- */

static const struct runner_arg ksft_ipv4_args[] = {
    {"ip_version", "ipv4"},
    {"local_ip", "192.168.0.1"},
    {"gateway_ip", "192.168.0.1"},
    {"netmask_ip", "255.255.0.0"},
    {"remote_ip", "192.0.2.1"},
    {"define", "TFO_COOKIE=3021b9d889017eeb"},
    {"define", "TFO_COOKIE_ZERO=b7c12350a90dc8f5"},
    {"define", "CMSG_LEVEL_IP=SOL_IP"},
    {"define", "CMSG_TYPE_RECVERR=IP_RECVERR"},
};

static const struct runner_arg ksft_mapped_args[] = {
    {"ip_version", "ipv4-mapped-ipv6"},
    {"local_ip", "192.168.0.1"},
    {"gateway_ip", "192.168.0.1"},
    {"netmask_ip", "255.255.0.0"},
    {"remote_ip", "192.0.2.1"},
    {"define", "TFO_COOKIE=3021b9d889017eeb"},
    {"define", "TFO_COOKIE_ZERO=b7c12350a90dc8f5"},
    {"define", "CMSG_LEVEL_IP=SOL_IPV6"},
    {"define", "CMSG_TYPE_RECVERR=IPV6_RECVERR"},
};

static const struct runner_arg ksft_ipv6_args[] = {
    {"ip_version", "ipv6"},
    {"mtu", "1520"},
    {"local_ip", "fd3d:0a0b:17d6::1"},
    {"gateway_ip", "fd3d:0a0b:17d6:8888::1"},
    {"remote_ip", "fd3d:fa7b:d17d::1"},
    {"define", "TFO_COOKIE=c1d1e9742a47a9bc"},
    {"define", "TFO_COOKIE_ZERO=82af1a8f9a205c34"},
    {"define", "CMSG_LEVEL_IP=SOL_IPV6"},
    {"define", "CMSG_TYPE_RECVERR=IPV6_RECVERR"},
};

/* run_all.py's three, then ksft_runner.sh's three (KSFT_VARIANTS on), in the
 * order each runs them. */
#define KSFT_VARIANTS 3
static const struct variant variants[] = {
    {"ipv4", "v6.pkt", ipv4_args, ARRAY_SIZE(ipv4_args)},
    {"ipv6", "v4.pkt", ipv6_args, ARRAY_SIZE(ipv6_args)},
    {"ipv4-mapped-ipv6", "v6.pkt", mapped_args, ARRAY_SIZE(mapped_args)},
    {"ipv4", NULL, ksft_ipv4_args, ARRAY_SIZE(ksft_ipv4_args)},
    {"ipv6", NULL, ksft_ipv6_args, ARRAY_SIZE(ksft_ipv6_args)},
    {"ipv4-mapped-ipv6", NULL, ksft_mapped_args, ARRAY_SIZE(ksft_mapped_args)},
};

static const struct format {
	const char *name;
	const struct report_ops *ops;
} formats[] = {
    {"text", &report_text},
    {"tap", &report_tap},
    {"ktap", &report_ktap},
};

/* ---- flags ---- */

typedef int runner_flag_fn(struct runner_opts *o, const char *v, struct strbuf *err);

static int f_jobs(struct runner_opts *o, const char *v, struct strbuf *err)
{
	char *end;

	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 1 || n > 1024) {
		strbuf_printf(err, "bad -j: '%s' (expected 1-1024 scripts at once)", v);
		return -1;
	}
	o->jobs = (unsigned)n;
	return 0;
}

static int f_timeout(struct runner_opts *o, const char *v, struct strbuf *err)
{
	char *end;
	double d = strtod(v, &end);

	if (end == v || *end || !(d >= 0 && d <= 1e6)) {
		strbuf_printf(err, "bad --timeout: '%s' (expected seconds; 0 for none)", v);
		return -1;
	}
	o->timeout = d;
	return 0;
}

bool runner_variant_defines(const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < ARRAY_SIZE(variants); i++)
		for (size_t k = 0; k < variants[i].n_args; k++) {
			const struct runner_arg *a = &variants[i].args[k];

			if (!strcmp(a->name, "define") && !strncmp(a->value, name, len) &&
			    a->value[len] == '=')
				return true;
		}
	return false;
}

int runner_variant_find(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(variants) - KSFT_VARIANTS; i++)
		if (strlen(variants[i].name) == len && !strncmp(variants[i].name, name, len))
			return (int)i;
	return -1;
}

/* A comma list; a family named twice runs once. "ksft" alone: the kernel's
 * ksft_runner.sh's three families, its arguments and its family rule. */
static int f_variants(struct runner_opts *o, const char *v, struct strbuf *err)
{
	o->n_variants = 0;
	o->ksft = !strcmp(v, "ksft");
	if (o->ksft) {
		for (size_t i = 0; i < KSFT_VARIANTS; i++)
			o->variants[o->n_variants++] =
			    (int)(ARRAY_SIZE(variants) - KSFT_VARIANTS + i);
		return 0;
	}
	for (const char *p = v;; p++) {
		size_t len = strcspn(p, ",");
		int i = runner_variant_find(p, len);
		bool seen = false;

		if (i < 0) {
			strbuf_printf(err,
				      "bad --variants: '%.*s' (expected ipv4, ipv6, "
				      "ipv4-mapped-ipv6, or ksft alone)",
				      (int)len, p);
			return -1;
		}
		for (size_t k = 0; k < o->n_variants; k++)
			seen |= o->variants[k] == i;
		if (!seen)
			o->variants[o->n_variants++] = i;
		p += len;
		if (!*p)
			return 0;
	}
}

static int f_format(struct runner_opts *o, const char *v, struct strbuf *err)
{
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (!strcmp(formats[i].name, v)) {
			o->format = (int)i;
			return 0;
		}
	strbuf_printf(err, "bad --format: '%s' (expected text, tap or ktap)", v);
	return -1;
}

static int f_junit(struct runner_opts *o, const char *v, struct strbuf *err)
{
	if (!*v) {
		strbuf_printf(err, "bad --junit: expected a file name");
		return -1;
	}
	free(o->junit);
	o->junit = xstrdup(v);
	return 0;
}

static const struct runner_flag {
	const char *name;
	const char *arg; /* the value's name in --help */
	runner_flag_fn *set;
	const char *help;
} runner_flags[] = {
    {"jobs", "N", f_jobs,
     "run up to N scripts at once, each in its own namespace "
     "(one per CPU)"},
    {"variants", "LIST", f_variants,
     "run each script once per family in LIST (ipv4,ipv6,ipv4-mapped-ipv6) with "
     "run_all.py's addresses; ksft: as the kernel's ksft_runner.sh does"},
    {"timeout", "SECONDS", f_timeout,
     "stop a run going longer, naming the line it waits on (runner: 180, and "
     "TIMEOUT in the report; one script: none; 0: none)"},
    {"format", "FORMAT", f_format, "report on stdout: text, tap or ktap (text)"},
    {"junit", "FILE", f_junit, "also write a JUnit XML report to FILE"},
};

size_t runner_flag_count(void)
{
	return ARRAY_SIZE(runner_flags);
}

/* What --variants takes, from the variant table: "ipv4 ipv6 ... ksft". */
static const char *variant_words(void)
{
	static char buf[128];
	size_t n = 0;

	if (!buf[0]) {
		for (size_t i = 0; i < ARRAY_SIZE(variants) - KSFT_VARIANTS; i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s ", variants[i].name);
		snprintf(buf + n, sizeof(buf) - n, "ksft");
	}
	return buf;
}

/* What --format takes, from the format table: "text tap ktap". */
static const char *format_words(void)
{
	static char buf[64];
	size_t n = 0;

	if (!buf[0])
		for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? " " : "",
					      formats[i].name);
	return buf;
}

static const char *flag_values(runner_flag_fn *set)
{
	if (set == f_variants)
		return variant_words();
	if (set == f_format)
		return format_words();
	return set == f_junit ? "<file>" : NULL;
}

struct config_flag runner_flag_at(size_t i, const char **arg_name)
{
	const struct runner_flag *f = &runner_flags[i < ARRAY_SIZE(runner_flags) ? i : 0];

	*arg_name = f->arg;
	return (struct config_flag){
	    .name = f->name,
	    .takes_value = true,
	    .supported = true,
	    .help = f->help,
	    .values = flag_values(f->set),
	};
}

static const struct runner_flag *runner_flag_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(runner_flags); i++)
		if (!strcmp(runner_flags[i].name, name))
			return &runner_flags[i];
	return NULL;
}

bool runner_flag_known(const char *name)
{
	return runner_flag_find(name) != NULL;
}

int runner_opts_set(struct runner_opts *o, const char *name, const char *value, struct strbuf *err)
{
	const struct runner_flag *f = runner_flag_find(name);

	if (!f) {
		strbuf_printf(err, "option '%s' unknown", name);
		return -1;
	}
	if (!value) {
		strbuf_printf(err, "option '%s' requires an argument", name);
		return -1;
	}
	if (f->set == f_timeout)
		o->timeout_given = true;
	else
		o->given = true;
	return f->set(o, value, err);
}

void runner_print_help(FILE *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(runner_flags); i++) {
		const struct runner_flag *f = &runner_flags[i];

		fprintf(out, "  %s--%s=%s\n      %s\n", f->set == f_jobs ? "-j N, " : "", f->name,
			f->arg, f->help);
	}
}

void runner_opts_init(struct runner_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = DEFAULT_TIMEOUT;
}

void runner_opts_free(struct runner_opts *o)
{
	free(o->junit);
	free(o->diagram_dir);
	memset(o, 0, sizeof(*o));
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

bool runner_wanted(const struct runner_opts *o, char *const *paths, size_t n_paths)
{
	return o->given || n_paths > 1 || (n_paths == 1 && is_dir(paths[0]));
}

const struct variant *runner_variant(int index)
{
	return &variants[index];
}

const struct report_ops *runner_format_ops(int index)
{
	return formats[index].ops;
}
