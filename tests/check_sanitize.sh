#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make check-sanitize: runs the unit tests and the script tests against a build
# with AddressSanitizer, LeakSanitizer and UBSan (make builds them with clang
# into build/san/). Every sanitizer report fails the run: each process writes
# its reports to its own file under a scratch directory (log_path), and any
# such file is a failure, whatever became of the process that wrote it (a
# forked child, a runner's child, a script expected to fail with exit 1, a run
# whose exit status a test does not look at). Reports also abort the process
# (abort_on_error), so the test that ran it fails too; they are printed at the
# end.
#
# What runs: the unit tests given as arguments; tests/run_scripts.sh with each
# pass script in one family (PASS_FAMILIES=alternate: ipv4 and ipv6 in turn,
# v4/v6-only scripts in theirs; the two-family pass is make check's, and one
# family halves the pass scripts' share of the time) and every fail script;
# tests/scripts/bad_generated.sh; tests/check_trace.sh (--trace-states,
# --state-graph, -v, --step); tests/check_pcap.sh; the runner (-j2, both
# families, TAP, KTAP, JUnit and --diagram) on scripts/; and --diagram of a
# fail script of each kind. Not tests/scripts/bad (SKIP_BAD):
# those only parse, and tests/fuzz/regress.sh (in CI) replays every one of them
# through the parser and check_script() under ASan, LeakSanitizer and UBSan
# already; here they would cost 15 s of sanitizer start-ups.
# Usage: PKTDRILL=bin PCAP_SUMMARY=tool tests/check_sanitize.sh UNIT_TEST...
# Prints each part's lines (the parts' own "N passed, N failed" included) and
# ends with "sanitize: N of N parts passed"; exits non-zero on any failure or
# report.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL:?PKTDRILL: the sanitized pktdrill}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/reports"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$tmp/reports/asan"
# UBSan's checks are built recoverable (so tests/ubsan.supp can apply):
# halt_on_error makes every other report fatal.
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1\
:log_path=$tmp/reports/ubsan:suppressions=$top/tests/ubsan.supp"
export PKTDRILL=$bin

passed=0 failed=0
# part NAME COMMAND...: runs one part; its own output is shown as it goes.
part() {
	local name=$1 t0=$SECONDS
	shift
	echo "== sanitize: $name"
	if "$@"; then
		passed=$((passed + 1))
	else
		echo "FAIL sanitize: $name"
		failed=$((failed + 1))
	fi
	echo "== sanitize: $name took $((SECONDS - t0)) s"
}

unit() {
	local t rc=0
	for t in "$@"; do
		echo "== $t"
		"$t" || rc=1
	done
	return $rc
}

# The runner: its parent, its children and its report writers (and diagrams).
runner() {
	(cd "$top" && "$bin" -j2 --variants=ipv4,ipv6 --format=tap --junit="$tmp/junit.xml" \
		--diagram="$tmp/diagrams" scripts) > "$tmp/runner.tap" &&
		test "$(ls "$tmp/diagrams"/*.svg | wc -l)" = 22 &&
		(cd "$top" && "$bin" -j2 --format=ktap scripts/state_closing.pkt) > "$tmp/runner.ktap" &&
		grep -q '^ok 22 ' "$tmp/runner.tap" &&
		grep -q '<testsuites name="pktdrill" tests="22" failures="0"' "$tmp/junit.xml" &&
		grep -q '^# Totals: pass:1 ' "$tmp/runner.ktap"
}

part "unit tests" unit "$@"
# Pass scripts get at least 25 ms of timing tolerance (4 ms by default): the
# sanitized build is slower, which a loaded machine makes worse, and timing is
# make check's business.
part "script tests" env PASS_FAMILIES=alternate MIN_TOLERANCE_USECS=25000 SKIP_BAD=1 \
	"$top/tests/run_scripts.sh"
part "generated bad scripts" "$top/tests/scripts/bad_generated.sh"
part "trace goldens" "$top/tests/check_trace.sh"
part "pcap" "$top/tests/check_pcap.sh"
part "runner" runner
# Failed runs are drawn too (issue #17): one fail script of each kind (all
# 98 would take a minute of sanitizer start-ups).
fail_diagrams() {
	local f scripts=() n
	for f in code_assert_failed code_python_assert outbound_timeout outbound_wrong_ack \
		syscall_wrong_errno init_command_fails cleanup_command_fails command_fails \
		blocking_still_running blocking_read_at_end aggregate_piece_ack udp_wrong_len \
		icmp_wrong_code encap_expected_gre timing_default_tolerance time_goes_backward; do
		scripts+=("$top/tests/scripts/fail/$f.pkt")
	done
	"$bin" -j2 --diagram="$tmp/fail_diagrams" "${scripts[@]}" > /dev/null 2>&1
	n=$(ls "$tmp/fail_diagrams"/*.svg | wc -l)
	echo "$n diagrams of ${#scripts[@]} failed runs"
	[ "$n" = "${#scripts[@]}" ] && xmllint --noout "$tmp/fail_diagrams"/*.svg
}
part "diagrams of failed runs" fail_diagrams

# Many processes may report the same thing: each distinct report (by its
# SUMMARY line, or its first line) is shown once, with how many reported it.
reports=$(find "$tmp/reports" -type f | sort)
if [ -n "$reports" ]; then
	echo "FAIL sanitize: $(printf '%s\n' "$reports" | wc -l) processes reported:"
	for f in $reports; do
		key=$({ grep -m1 '^SUMMARY: ' "$f" || grep -m1 . "$f"; } | sed -E 's/==[0-9]+==//g')
		printf '%s\t%s\n' "$key" "$f"
	done | sort -t$'\t' -k1,1 > "$tmp/keys"
	cut -f1 "$tmp/keys" | uniq -c | sed 's/^/     | /'
	cut -f1 "$tmp/keys" | uniq | while IFS= read -r key; do
		f=$(grep -F -m1 -- "$key"$'\t' "$tmp/keys" | cut -f2)
		echo "--- $(basename "$f"), one of those with: $key"
		head -c 20000 "$f"
	done
	failed=$((failed + 1))
else
	echo "ok   sanitize: no ASan, LeakSanitizer or UBSan report"
	passed=$((passed + 1))
fi
echo "sanitize: $passed of $((passed + failed)) parts passed"
[ "$failed" -eq 0 ]
