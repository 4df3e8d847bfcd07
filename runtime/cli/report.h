/* SPDX-License-Identifier: GPL-2.0-only */
/* report: the runner's reports — one result per script run, in text, TAP, KTAP and JUnit XML. */
#ifndef CLI_REPORT_H
#define CLI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* REPORT_XFAIL: a failure expected on a slow machine (ksft's KSFT_MACHINE_SLOW).
 * REPORT_STALLED: every try of the run was stalled by the machine (exit 4): it
 * says nothing about the kernel, so it is reported as kselftest's SKIP. */
enum report_verdict {
	REPORT_PASS,
	REPORT_FAIL,
	REPORT_TIMEOUT,
	REPORT_SKIP,
	REPORT_XFAIL,
	REPORT_STALLED
};

/* One run of one script (in one address family). Every string is owned by the runner. */
struct report_result {
	const char *path;    /* the script, as found on the command line or under a directory */
	const char *variant; /* "ipv4", "ipv6", "ipv4-mapped-ipv6"; NULL: no --variants */
	enum report_verdict verdict;
	const char *reason; /* FAIL, XFAIL: "exit 1 (...)"; TIMEOUT: "timed out after N s";
			     * SKIP: why; NULL for PASS */
	const char *output; /* what the script wrote on stdout and stderr; "" if nothing */
	double seconds;
	bool invalid; /* FAIL: the script or its command line is invalid (exit 2) */
};

struct report_totals {
	size_t stalled;
	size_t passed, failed, timed_out, skipped, xfailed; /* failed does not count
							     * timed_out nor xfailed */
	double seconds;					    /* wall time of the whole run */
	unsigned jobs;					    /* -j */
	double timeout;					    /* --timeout, 0 for none */
};

/* A report printed as the results come, in the order of the runs. number counts from 1. */
struct report_ops {
	void (*begin)(FILE *out, size_t n_results);
	void (*result)(FILE *out, size_t number, const struct report_result *r);
	void (*end)(FILE *out, const struct report_totals *t);
};

/* --format=text (report_text.c), tap (report_tap.c), ktap (report_ktap.c). */
extern const struct report_ops report_text, report_tap, report_ktap;

/* The name of a run in every format: "path (variant)", or "path". Caller frees. */
char *report_name(const struct report_result *r);

/* Prints text line by line, each line after prefix (no empty last line). */
void report_print_lines(FILE *out, const char *prefix, const char *text);

/* Prints s as a TAP/KTAP description or directive text: a description ends at
 * '#' and at the end of the line, so '#' and '\\' are escaped and line breaks
 * become spaces (report_tap.c). */
void report_tap_escape(FILE *out, const char *s);

/* Writes the whole run as one JUnit XML <testsuites> document (one <testcase> per
 * result, failures and timeouts with the output; an invalid script is an
 * <error>, not a <failure>) to out. Returns 0, or -1 if
 * writing failed. The caller opens and closes out. */
int report_junit_write(FILE *out, const struct report_result *res, size_t n,
		       const struct report_totals *t, const char *timestamp);

/* The file of one run in a per-run output directory (--pcap=DIR,
 * --diagram=DIR): "DIR/<script's folder>_<script without .pkt>[_<variant>]EXT",
 * the folder's name taken from the script's real directory. Caller frees;
 * NULL if out of memory. */
char *report_run_file(const char *dir, const char *path, const char *variant, const char *ext);

/* Writes the runner's index.html for --diagram=DIR (report_html.c): each run
 * with its verdict, time and reason, linking its diagram in dir when there is
 * one. Returns 0, or -1 if writing failed. The caller opens and closes out. */
int report_html_write(FILE *out, const char *dir, const struct report_result *res, size_t n,
		      const struct report_totals *t, const char *timestamp);

#endif
