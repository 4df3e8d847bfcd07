/* run: executes one parsed script against the kernel; the state shared by the runtime's parts. */
#ifndef RUNTIME_RUN_H
#define RUNTIME_RUN_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "netdev/sniffer.h"
#include "netdev/tun.h"
#include "parser/script.h"
#include "runtime/config.h"
#include "runtime/sockets.h"
#include "runtime/state_graph.h"
#include "runtime/timing.h"

struct worker;
struct pcap_log;

struct run {
	const struct config *cfg;
	const struct script *script;
	struct tun tun;
	struct sniffer sniffer;
	bool env_ready;
	int64_t live_start;		/* CLOCK_MONOTONIC usecs of script time 0 */
	bool started;
	const struct event *prev;	/* the previous event, NULL before the first */
	int64_t prev_time;		/* its resolved script time (usecs) */
	struct socks socks;
	int *ephemeral_fds;		/* listeners that reserve ports for the fake peer */
	size_t n_ephemeral;
	struct worker *worker;		/* the blocking-syscall thread */
	pthread_mutex_t lock;		/* held by whichever thread works on the run */
	int wake_fd;			/* eventfd: the worker finished a call */
	bool failed;
	bool init_ran;
	/* The blocking call handed to the worker: its start and expected return. */
	int64_t blk_start;
	struct when blk_end;
	int64_t actual;			/* when the current event really happened (for -v) */
	struct pcap_log *pcap;		/* --pcap */
	const struct sock *traced;	/* --trace-states: the socket last looked at */
	int traced_state;		/* and its state then */
	struct state_visits visits;	/* --state-graph */
	bool step_eof;			/* --step: stdin ended */
	FILE *timing;			/* --timing-report */
	struct code_state *code;	/* %{ }% blocks (code.c) */
};

/* Runs the script in the current network namespace (the caller made it).
 * Returns the exit status: 0 pass, 1 script failed, 3 environment error. */
int run_script(const struct config *cfg, const struct script *script);

/* Prints "path:line: <message>" (line of ev, or no line if ev is NULL) and the
 * script's source line, and marks the run failed. */
void run_error(struct run *r, const struct event *ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Same without marking the run failed ("warning" lines). */
void run_warn(struct run *r, const struct event *ev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Script time <-> live time (usecs). */
int64_t run_now(const struct run *r);	/* script time of "now" */

/* Waits (lock released) until the absolute script time t. Returns -1 if the
 * worker reported a failure meanwhile, else 0. */
int run_wait_until(struct run *r, int64_t t);

/* Takes a finished worker call's outcome: returns -1 if it failed. */
int run_poll_worker(struct run *r);

#endif
