/* SPDX-License-Identifier: GPL-2.0-only */
/* cli: the command line — flags, scripts, and running each script in its own namespace. */
#include "runtime/cli/cli.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/cli/cli_flags.h"
#include "runtime/cli/completion.h"
#include "runtime/cli/reference.h"
#include "runtime/cli/report.h"
#include "runtime/cli/runner.h"
#include "netdev/netns.h"
#include "runtime/context/affinity.h"
#include "netdev/sniffer.h"
#include "parser/check.h"
#include "parser/parse.h"
#include "runtime/context/clock.h"
#include "runtime/context/config.h"
#include "runtime/run.h"
#include "runtime/syscalls/syscall_check.h"
#include "parser/util/xalloc.h"

#define PKTDRILL_VERSION "0.1"

struct cli_opt {
	char *name;
	char *value; /* NULL for flags without a value */
};

struct cli {
	struct cli_opt *opts;
	size_t n_opts;
	char **scripts;
	size_t n_scripts;
	struct runner_opts runner; /* -j, --variants, --timeout, --format, --junit */
	bool help, version;
	int (*dump)(FILE *out); /* a hidden flag's dump for the build, or NULL */
};

static void usage(FILE *out)
{
	fprintf(out, "usage: pktdrill [options] PATH...\n"
		     "Runs packetdrill scripts against the kernel's TCP stack, each in its own\n"
		     "network namespace. A PATH is a script or a directory (every *.pkt in\n"
		     "it). One script runs as is. Several scripts, a directory or a runner\n"
		     "option other than --timeout run them side by side and print a report.\n"
		     "Exit status: 0 pass, 1 script failed or timed out, 2 invalid script or\n"
		     "command line, 3 environment cannot run it (the runner: 0 all passed, 1 any\n"
		     "failed).\n\n");
	cli_flags_help(out);
}

static void cli_add(struct cli *c, const char *name, const char *value)
{
	c->opts = xrealloc(c->opts, (c->n_opts + 1) * sizeof(*c->opts));
	c->opts[c->n_opts].name = xstrdup(name);
	c->opts[c->n_opts].value = value ? xstrdup(value) : NULL;
	c->n_opts++;
}

static void cli_free(struct cli *c)
{
	for (size_t i = 0; i < c->n_opts; i++) {
		free(c->opts[i].name);
		free(c->opts[i].value);
	}
	free(c->opts);
	free(c->scripts);
	runner_opts_free(&c->runner);
}

/* cli_flag_fn: a flag of the command line goes where its table says. */
static int take_flag(void *ctx, const struct cli_flag *f, const char *value)
{
	struct cli *c = ctx;
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	switch (f->owner) {
	case CLI_OWN:
		if (!strcmp(f->f.name, "bash-completion"))
			c->dump = completion_write_bash;
		else if (!strcmp(f->f.name, "list-syscalls"))
			c->dump = reference_write_syscalls;
		else if (!strcmp(f->f.name, "list-symbols"))
			c->dump = reference_write_symbols;
		else
			*(strcmp(f->f.name, "help") ? &c->version : &c->help) = true;
		break;
	case CLI_RUNNER:
		rc = runner_opts_set(&c->runner, f->f.name, value, &err);
		if (rc)
			fprintf(stderr, "pktdrill: error: %s\n", strbuf_str(&err));
		break;
	case CLI_CONFIG:
		cli_add(c, f->f.name, value);
		break;
	}
	strbuf_free(&err);
	return rc;
}

static int cli_parse(struct cli *c, int argc, char **argv)
{
	int first_path;

	if (cli_flags_parse(argc, argv, take_flag, c, &first_path))
		return -1;
	for (int i = first_path; i < argc; i++) {
		c->scripts = xrealloc(c->scripts, (c->n_scripts + 1) * sizeof(char *));
		c->scripts[c->n_scripts++] = argv[i];
	}
	return 0;
}

/* Applies the command-line flags (only_defines: just -D, before parsing). */
static int apply_cli(const struct cli *c, struct config *cfg, bool only_defines)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < c->n_opts && !rc; i++) {
		bool is_define = !strcmp(c->opts[i].name, "define");
		if (is_define != only_defines)
			continue;
		if (config_set(cfg, c->opts[i].name, c->opts[i].value, &err)) {
			fprintf(stderr, "pktdrill: error: %s\n", strbuf_str(&err));
			rc = -1;
		}
	}
	strbuf_free(&err);
	return rc;
}

/* Option lines at the top of the script, before the command line re-applies. */
static int apply_script_options(const struct script *s, struct config *cfg, struct diag *d)
{
	struct strbuf err = STRBUF_INIT;

	for (size_t i = 0; i < s->n_options; i++) {
		const struct option_line *o = &s->options[i];
		if (!strcmp(o->name, "define"))
			continue; /* the lexer already applied it */
		strbuf_reset(&err);
		if (config_set(cfg, o->name, o->value, &err))
			diag_error(d, o->loc, "%s", strbuf_str(&err));
	}
	strbuf_free(&err);
	return d->n_errors ? -1 : 0;
}

/* Root or CAP_NET_ADMIN, and a TUN device to open: else exit 3 before anything. */
static int check_environment(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long caps = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			break;
	if (f)
		fclose(f);
	bool net_admin = caps & (1ull << 12), sys_admin = caps & (1ull << 21);
	if (!net_admin || !sys_admin) {
		fprintf(stderr,
			"pktdrill: error: missing capability %s%s%s: needed to create a network "
			"namespace (CAP_SYS_ADMIN) and a TUN device (CAP_NET_ADMIN); run as root\n",
			net_admin ? "" : "CAP_NET_ADMIN", !net_admin && !sys_admin ? " and " : "",
			sys_admin ? "" : "CAP_SYS_ADMIN");
		return -1;
	}
	if (access("/dev/net/tun", R_OK | W_OK)) {
		fprintf(stderr, "pktdrill: error: cannot use /dev/net/tun: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static volatile sig_atomic_t child_pid;

static void forward_signal(int sig)
{
	if (child_pid > 0)
		kill(-child_pid, sig);
}

/* Real-time priority keeps wake-ups on time when other work competes for the
 * CPUs. We sleep rather than spin, so this takes nothing from others; shell
 * commands get the normal policy back (reset on fork). Failure is harmless. */
static void raise_priority(void)
{
	struct sched_param sp = {.sched_priority = sched_get_priority_min(SCHED_RR)};

	if (sysconf(_SC_NPROCESSORS_ONLN) > 1)
		sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, &sp);
}

/* own_group: lead a process group, so that a parent can stop the run with
 * everything it started; not when running in the caller's own process. */
static int child_run(const struct config *cfg, const struct script *s, bool own_group)
{
	struct strbuf err = STRBUF_INIT;

	if (own_group)
		setpgid(0, 0);
	/* Writes to a reset connection must fail with EPIPE, not kill us. */
	signal(SIGPIPE, SIG_IGN);
	clock_tick_measure();
	raise_priority();
	(void)!affinity_pin(cfg->cpu); /* best effort: unpinned runs work, less reproducibly */
	int status = EXIT_STALLED;
	for (int try = 0; status == EXIT_STALLED && try <= cfg->stall_retries; try++) {
		if (try > 0)
			fprintf(stderr,
				"%s: the machine stalled the run: running it again (%d of %d)%s\n",
				s->path, try, cfg->stall_retries,
				cfg->netns == NETNS_NEW ? " in a fresh namespace" : "");
		if (cfg->netns == NETNS_NEW && netns_enter_new(&err)) {
			fprintf(stderr, "%s: error: cannot create a network namespace: %s\n",
				s->path, strbuf_str(&err));
			strbuf_free(&err);
			return EXIT_ENVIRONMENT;
		}
		status = run_script(cfg, s);
	}
	if (status == EXIT_STALLED)
		fprintf(stderr,
			"%s: stalled: the machine stalled every run (%d); that says nothing "
			"about the kernel (exit 4)\n",
			s->path, cfg->stall_retries + 1);
	strbuf_free(&err);
	return status;
}

/* Waits for the child; with --timeout, kills its process group if it has not
 * stopped itself a little after (the backstop). Returns -1 if it did that. */
static int wait_child(pid_t pid, double timeout, int *status)
{
	int fd = timeout > 0 ? (int)syscall(SYS_pidfd_open, pid, 0) : -1;
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int ms = (int)((timeout + RUNNER_BACKSTOP) * 1000), n = 1;
	int64_t until = clock_now_usecs() + (int64_t)ms * 1000;

	while (fd >= 0 && (n = poll(&p, 1, ms)) < 0 && errno == EINTR)
		ms = (int)((until - clock_now_usecs()) / 1000) + 1;
	if (fd >= 0)
		close(fd);
	if (n == 0)
		kill(-pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return n == 0 ? -1 : 0;
}

/* The forked child dies with us, even if we are SIGKILLed. */
static int die_with_parent(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	return getppid() == parent ? 0 : -1;
}

/* Runs the script in a new namespace, which vanishes with its TUN device and
 * sockets when the process that made it exits, whatever happens (or in the
 * caller's, see resolve_netns()). With --timeout that is a forked child, and
 * this process its backstop. */
static int execute(const struct config *cfg, const struct script *s)
{
	/* Without --timeout nothing needs a parent: the namespace, tun0 and the
	 * commands' keeper die with this process however it ends, and its own
	 * handlers report signals. A fork and exit of ours cost ~3 ms of CPU in a
	 * paravirtualised guest, more than the rest of a trivial run (bench/). */
	if (cfg->timeout <= 0)
		return child_run(cfg, s, false);
	/* Keep kernel timestamping switched on across the children's sniffers:
	 * turning it on and off costs ~1 ms each time. Best effort. */
	struct strbuf err = STRBUF_INIT;
	(void)!sniffer_hold_timestamping(&err);
	strbuf_free(&err);
	fflush(NULL);
	pid_t parent = getpid(), pid = fork();
	if (pid < 0) {
		fprintf(stderr, "pktdrill: error: fork: %s\n", strerror(errno));
		return EXIT_ENVIRONMENT;
	}
	if (pid == 0) {
		/* The child returns all the way to main() (which exits), so that
		 * cleanup and LeakSanitizer see it like any process. */
		return die_with_parent(parent) ? EXIT_ENVIRONMENT : child_run(cfg, s, true);
	}
	child_pid = pid;
	struct sigaction sa = {.sa_handler = forward_signal};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	int status;
	int killed = wait_child(pid, cfg->timeout, &status);
	child_pid = 0;
	if (killed) {
		fprintf(stderr,
			"%s: error: timed out after %g s and did not stop within %g s more; "
			"killed it\n",
			s->path, cfg->timeout, RUNNER_BACKSTOP);
		return EXIT_SCRIPT_FAILED;
	}
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "%s: killed by signal %d\n", s->path, WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}

static bool cli_has(const struct cli *c, const char *name, const char *value);

/* A config_finalize() error: at the script's option line that set the flag
 * at fault, unless the command line (which wins) set it too. */
static void report_config_error(const struct cli *c, const struct script *s,
				const struct config *cfg, const struct strbuf *err, struct diag *d)
{
	const struct option_line *line = NULL;

	for (size_t i = 0; cfg->bad_option && i < s->n_options; i++)
		if (!strcmp(s->options[i].name, cfg->bad_option))
			line = &s->options[i];
	if (line && !cli_has(c, cfg->bad_option, NULL))
		diag_error(d, line->loc, "%s", strbuf_str(err));
	else
		fprintf(stderr, "%s: error: %s\n", s->path, strbuf_str(err));
}

static int prepare(const struct cli *c, const char *path, struct config *cfg, struct diag *d,
		   struct script **s)
{
	struct strbuf err = STRBUF_INIT;
	int rc = -1;

	if (apply_cli(c, cfg, true) || parse_file(path, &cfg->defines, d, s))
		goto out;
	if (apply_script_options(*s, cfg, d) || apply_cli(c, cfg, false))
		goto out;
	if (config_finalize(cfg, &err)) {
		report_config_error(c, *s, cfg, &err, d);
		goto out;
	}
	/* Both, so that every problem is reported. */
	if (check_script(*s, cfg->wire_version, d) +
	    syscall_check_script(*s, runner_variant_defines, d))
		goto out;
	rc = 0;
out:
	strbuf_free(&err);
	return rc;
}

/* --netns=auto: a script run alone uses the namespace its caller prepared
 * (ip netns exec, nsenter, the kernel's "unshare -n packetdrill"), so that it
 * sees the sysctls set there, as packetdrill does; started from the host's
 * namespace it makes its own. The runner's scripts run side by side: always
 * one namespace each. */
static void resolve_netns(struct config *cfg, bool in_runner)
{
	if (cfg->netns == NETNS_AUTO)
		cfg->netns = in_runner || netns_is_hosts() ? NETNS_NEW : NETNS_CURRENT;
}

/* in_runner: this process is a runner's child, alone in its process group: run
 * the script here rather than in a forked child. */
static int exec_one_script(const struct cli *c, const char *path, bool in_runner)
{
	struct config cfg;
	struct diag d;
	struct script *s = NULL;
	int status = EXIT_INVALID;

	config_init(&cfg);
	cfg.timeout = c->runner.timeout;
	diag_init(&d, path, NULL, 0, stderr);
	if (!prepare(c, path, &cfg, &d, &s)) {
		if (cfg.dry_run)
			status = EXIT_PASS;
		else if (check_environment())
			status = EXIT_ENVIRONMENT;
		else {
			resolve_netns(&cfg, in_runner);
			status = in_runner ? child_run(&cfg, s, true) : execute(&cfg, s);
		}
	}
	if (s)
		script_free(s);
	diag_free(&d);
	config_free(&cfg);
	return status;
}

/* In the runner, --pcap=DIR gets one file per script and variant:
 * DIR/<script's folder>_<script>[_<family>].pcap (we are in the script's folder). */
static char *pcap_file(const char *dir, const char *script, const char *family)
{
	char cwd[4096], *file = NULL;
	const char *folder = getcwd(cwd, sizeof(cwd)) ? strrchr(cwd, '/') : NULL;
	size_t stem = strlen(script) > 4 && !strcmp(script + strlen(script) - 4, ".pkt")
			  ? strlen(script) - 4
			  : strlen(script);

	if (asprintf(&file, "%s/%s_%.*s%s%s.pcap", dir, folder ? folder + 1 : "", (int)stem, script,
		     family ? "_" : "", family ? family : "") < 0)
		return NULL;
	return file;
}

/* --pcap=DIR and --diagram=DIR for the runner: absolute (the runs change
 * directory) and made if missing; the runner writes DIR/index.html of the
 * diagrams. */
static int pcap_dir(struct cli *c)
{
	for (size_t i = 0; i < c->n_opts; i++) {
		char cwd[4096], *abs = NULL;
		if ((strcmp(c->opts[i].name, "pcap") && strcmp(c->opts[i].name, "diagram")) ||
		    !c->opts[i].value)
			continue;
		if (c->opts[i].value[0] != '/' && getcwd(cwd, sizeof(cwd)) &&
		    asprintf(&abs, "%s/%s", cwd, c->opts[i].value) > 0) {
			free(c->opts[i].value);
			c->opts[i].value = abs;
		}
		if (mkdir(c->opts[i].value, 0755) && errno != EEXIST) {
			fprintf(stderr, "pktdrill: error: cannot make --%s directory %s: %s\n",
				c->opts[i].name, c->opts[i].value, strerror(errno));
			return -1;
		}
		if (!strcmp(c->opts[i].name, "diagram")) {
			free(c->runner.diagram_dir);
			c->runner.diagram_dir = xstrdup(c->opts[i].value);
		}
	}
	return 0;
}

/* runner_script_fn: one run in a runner's child, the variant's flags before the
 * command line's. */
/* runner_estimate_fn: the script's span (script_span_usecs()), parsed silently
 * with the defines its run will have; 0 if it does not parse. */
static double estimate_in_runner(void *ctx, const char *path, const struct runner_arg *args,
				 size_t n_args)
{
	const struct cli *c = ctx;
	struct config cfg;
	struct strbuf err = STRBUF_INIT;
	struct diag d;
	struct script *s = NULL;
	double seconds = 0;

	config_init(&cfg);
	for (size_t i = 0; i < n_args; i++)
		if (!strcmp(args[i].name, "define"))
			(void)!config_set(&cfg, args[i].name, args[i].value, &err);
	for (size_t i = 0; i < c->n_opts; i++)
		if (!strcmp(c->opts[i].name, "define"))
			(void)!config_set(&cfg, c->opts[i].name, c->opts[i].value, &err);
	diag_init(&d, path, NULL, 0, NULL);
	if (!parse_file(path, &cfg.defines, &d, &s))
		seconds = (double)script_span_usecs(s) / 1e6;
	if (s)
		script_free(s);
	diag_free(&d);
	strbuf_free(&err);
	config_free(&cfg);
	return seconds;
}

static int run_in_runner(void *ctx, const char *path, const struct runner_arg *args, size_t n_args)
{
	const struct cli *c = ctx;
	struct cli v = {.runner.timeout = c->runner.timeout};
	int status;

	const char *family = NULL;

	for (size_t i = 0; i < n_args; i++) {
		cli_add(&v, args[i].name, args[i].value);
		if (!strcmp(args[i].name, "ip_version"))
			family = args[i].value;
	}
	for (size_t i = 0; i < c->n_opts; i++) {
		char *file = !strcmp(c->opts[i].name, "pcap")
				 ? pcap_file(c->opts[i].value, path, family)
			     : !strcmp(c->opts[i].name, "diagram")
				 ? report_run_file(c->opts[i].value, path, family, ".svg")
				 : NULL;
		cli_add(&v, c->opts[i].name, file ? file : c->opts[i].value);
		free(file);
	}
	status = exec_one_script(&v, path, true);
	cli_free(&v);
	return status;
}

static bool cli_has(const struct cli *c, const char *name, const char *value)
{
	for (size_t i = 0; i < c->n_opts; i++)
		if (!strcmp(c->opts[i].name, name) &&
		    (!value || (c->opts[i].value && !strcmp(c->opts[i].value, value))))
			return true;
	return false;
}

static int exec_runner(struct cli *c)
{
	struct strbuf err = STRBUF_INIT;
	bool child = false;

	if (c->runner.n_variants && cli_has(c, "ip_version", NULL)) {
		fprintf(stderr, "pktdrill: error: --variants sets --ip_version for each run; "
				"do not give both\n");
		return EXIT_INVALID;
	}
	if (pcap_dir(c))
		return EXIT_INVALID;
	/* Scripts sharing the caller's namespace would share tun0: one at a time. */
	if (cli_has(c, "netns", "current"))
		c->runner.jobs = 1;
	(void)!sniffer_hold_timestamping(&err);
	strbuf_free(&err);
	/* In a child, the script's status; either way what main() returns. */
	return runner_main(&c->runner, c->scripts, c->n_scripts, run_in_runner, estimate_in_runner,
			   c, &child);
}

int cli_main(int argc, char **argv)
{
	struct cli c = {0};
	int status = EXIT_PASS;

	runner_opts_init(&c.runner);
	if (cli_parse(&c, argc, argv)) {
		status = EXIT_INVALID;
	} else if (c.dump) {
		status = c.dump(stdout) ? EXIT_ENVIRONMENT : EXIT_PASS;
	} else if (c.help) {
		usage(stdout);
	} else if (c.version) {
		printf("pktdrill %s\n", PKTDRILL_VERSION);
	} else if (!c.n_scripts) {
		fprintf(stderr,
			"pktdrill: error: missing script path\n"
			"usage: pktdrill [options] PATH... (pktdrill --help lists the flags)\n");
		status = EXIT_INVALID;
	} else if (runner_wanted(&c.runner, c.scripts, c.n_scripts)) {
		status = exec_runner(&c);
	} else {
		/* One script has no timeout unless asked: a blocking call may
		 * legitimately wait long. */
		if (!c.runner.timeout_given)
			c.runner.timeout = 0;
		status = exec_one_script(&c, c.scripts[0], false);
	}
	cli_free(&c);
	return status;
}
