/* SPDX-License-Identifier: GPL-2.0-only */
/* run_state: one run's state shared by its parts (packets, system calls,
 * code blocks, the loop), and what they do with it: report errors at a
 * script line, read the script's clock, wait with the run's lock let go.
 * It sits below all of them: none of them includes the loop (runtime/run.c). */
#ifndef RUNTIME_CONTEXT_RUN_STATE_H
#define RUNTIME_CONTEXT_RUN_STATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "netdev/sniffer.h"
#include "netdev/tun.h"
#include "parser/script.h"
#include "runtime/context/config.h"
#include "runtime/context/deadline.h"
#include "runtime/context/fd_table.h"
#include "runtime/context/stall.h"
#include "runtime/context/state_graph.h"
#include "runtime/context/timing.h"

struct worker;
struct pcap_log;
struct recorder;

/* What the main thread waits for, for the --timeout message. */
enum run_doing {
	DOING_INIT_SCRIPTS, /* an --init_scripts command */
	DOING_INIT,	    /* the init command */
	DOING_TIME,	    /* sleeping until the current event's time */
	DOING_EVENT,	    /* the current event: a call, a packet, a command */
	DOING_WORKER,	    /* the worker's blocking call, to end */
	DOING_CLEANUP,	    /* the cleanup command */
	DOING_CODE,	    /* the code blocks' interpreter, after the events */
};

struct run {
	const struct config *cfg;
	const struct script *script;
	struct tun tun;
	struct sniffer sniffer;
	bool testnet_ready;
	int64_t live_start; /* CLOCK_MONOTONIC usecs of script time 0 */
	bool started;
	const struct event *prev; /* the previous event, NULL before the first */
	int64_t prev_time;	  /* its resolved script time (usecs) */
	int64_t prev_end;	  /* when it ended (script usecs): for an outbound packet,
				   * when the kernel sent it (see runtime/run.c) */
	struct fd_table fds;	  /* the script's fds and connections */
	int *ephemeral_fds;	  /* listeners that reserve ports for the fake peer */
	size_t n_ephemeral;
	struct worker *worker;	     /* the blocking-syscall thread */
	pthread_mutex_t lock;	     /* held by whichever thread works on the run */
	int done_fd;		     /* eventfd: the worker finished a call */
	int wake_fd;		     /* epoll of done_fd and deadline.fd: readable when the
				      * worker finished a call or the deadline passed; every
				      * wait of the main thread watches it */
	struct deadline deadline;    /* --timeout */
	bool timed_out;		     /* the deadline passed (and was reported) */
	bool blocked_at_end;	     /* interrupting a blocking call the script left running */
	const struct event *current; /* the event the main thread is on */
	enum run_doing doing;	     /* and what it waits for */
	int64_t due;		     /* DOING_TIME: until when (script usecs) */
	bool failed;
	bool output_failed; /* an output file could not be written (exit 3) */
	bool stalled;	    /* the run's error was a timing one the machine explains (exit 4) */
	struct stall_meter stall;	/* how long the run waited for a CPU ... */
	struct stall_sample stall_mark; /* ... counted from the current event's start */
	bool init_ran;
	/* The blocking call handed to the worker: its start and expected return. */
	int64_t blk_start;
	struct when blk_end;
	int64_t actual;		    /* when the current event really happened (for -v) */
	struct pcap_log *pcap;	    /* --pcap */
	const struct conn *traced;  /* --trace-states: the socket last looked at */
	int traced_state;	    /* and its state then */
	struct state_visits visits; /* --state-graph */
	bool step_eof;		    /* --step: stdin ended */
	FILE *timing;		    /* --timing-report */
	struct code_state *code;    /* %{ }% blocks (code.c) */
	struct recorder *rec;	    /* --diagram, a .pcapng capture: what happened */
};

/* Prints "path:line: <message>" (line of ev, or no line if ev is NULL) and the
 * script's source line, and marks the run failed. Only the first error of a
 * run is printed; once the deadline has passed, that is the timeout (a call
 * the deadline interrupted fails with EINTR: that is not the news). */
void run_error(struct run *r, const struct event *ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A timing check that failed by miss usecs (> 0 late, < 0 early): if it is
 * late by no more than the run's threads (ours: pktdrill was late) or the
 * CPU's softirq thread (else: the kernel was) waited for a CPU since the
 * event began, the machine stalled: the error is printed with that said, and
 * the run is "stalled" (exit 4), not failed. Otherwise as run_error(). msg is
 * the error (printf-style). */
void run_timing_error(struct run *r, const struct event *ev, int64_t miss, bool ours,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Same without marking the run failed ("warning" lines). */
void run_warn(struct run *r, const struct event *ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Script time <-> live time (usecs). */
int64_t run_now(const struct run *r); /* script time of "now" */

/* Waits (lock released) until the absolute script time t. Returns -1 if the
 * worker reported a failure meanwhile, else 0. */
int run_wait_until(struct run *r, int64_t t);

/* After wake_fd woke a wait (lock held): takes a finished worker call's
 * outcome and reports the deadline if it passed. Returns -1 if the run failed. */
int run_poll_worker(struct run *r);

/* The source line of ev, as "   12 | text", for quoting under an error. */
void run_quote_line(const struct run *r, const struct event *ev, FILE *out);

/* The deadline passed: no more signals, and the run fails with a message
 * naming what it waited for, unless an error came first. Returns true if it
 * printed the message. */
bool run_time_out(struct run *r);

/* The run's lock is held by whichever thread works on the run. A thread about
 * to wait (for a packet, in a system call on the worker, for a shell
 * command) lets go of it with run_unlock() and takes it back with
 * run_lock(): the one place that touches the lock, so every wait is seen. */
void run_unlock(struct run *r);
void run_lock(struct run *r);

#endif
