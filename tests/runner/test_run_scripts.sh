#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The test harness itself: tests/run_scripts.sh skips a script whose
# "// needs:" are not met, and fails one with an unknown need or a .expected
# without its script.
. "$(dirname "$0")/lib.sh"

# The .ci/run pattern that sums the suite's counts must still see the summary.
ci_counts() { grep -qE '(^|: )[0-9]+ passed, [0-9]+ failed' <<< "$1"; }

# Scripts with and without needs: a tree of pass, fail and bad scripts.
d=$tmp/scripts
socket="0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3"
script "$d/pass/needs/met.pkt" "// Needs that every test machine meets." \
	"// needs: tool sh, sysctl net.ipv4.tcp_ecn" "--tolerance_usecs=10000" \
	"// needs: tool bash" "$socket"
script "$d/pass/needs/no_tool.pkt" "// needs: tool pktdrill-no-such-tool" "$socket"
script "$d/pass/needs/no_module.pkt" "// needs: tool sh module pktdrill_no_such_module" "$socket"
script "$d/pass/needs/no_sysctl_v4.pkt" "// needs: sysctl net.ipv4.pktdrill_no_such" "$socket"
script "$d/pass/needs/late.pkt" "$socket" "// needs: tool pktdrill-no-such-tool (not a header)"
script "$d/fail/needs_fail.pkt" "// needs: tool pktdrill-no-such-tool" "$socket"
script "$d/fail/needs_fail.expected" "# exit 1" "never compared"
mkdir -p "$d/bad"

PKTDRILL=$bin SCRIPTS_DIR=$d "$top/tests/run_scripts.sh" > "$tmp/out" 2>&1
rc=$?
has() { grep -qxF -- "$1" "$tmp/out"; }
check "skipped cases do not fail the run" test $rc = 0
check "met needs: the script runs in both families" \
	eval 'has "ok   $d/pass/needs/met.pkt (ipv4)" && has "ok   $d/pass/needs/met.pkt (ipv6)"'
check "a missing tool: skip, with its reason" \
	has "skip $d/pass/needs/no_tool.pkt (ipv6): needs tool pktdrill-no-such-tool (not found)"
check "a missing module: skip, with its reason" has \
	"skip $d/pass/needs/no_module.pkt (ipv4): needs module pktdrill_no_such_module (not loaded, built in or installed)"
check "a missing sysctl: skip, in the script's family only" eval \
	'has "skip $d/pass/needs/no_sysctl_v4.pkt (ipv4): needs sysctl net.ipv4.pktdrill_no_such (no /proc/sys/net/ipv4/pktdrill_no_such)" &&
	! grep -q "no_sysctl_v4.pkt (ipv6)" "$tmp/out"'
check "a needs: line after the first event is a plain comment" \
	has "ok   $d/pass/needs/late.pkt (ipv4)"
check "a fail script's unmet need: skip" \
	has "skip $d/fail/needs_fail.pkt: needs tool pktdrill-no-such-tool (not found)"
last=$(tail -1 "$tmp/out")
check "summary: passed, failed, skipped ($last)" test "$last" = "4 passed, 0 failed, 6 skipped"
check "the summary still gives .ci/run its counts" ci_counts "$last"

# What must fail: an unknown need (a typo is not a skip), an .expected file
# whose script is not there (a test that never runs).
e=$tmp/errors
script "$e/pass/typo.pkt" "// needs: toool sh" "$socket"
script "$e/fail/gone.pkt:.expected" "# exit 2"
mkdir -p "$e/bad"
PKTDRILL=$bin SCRIPTS_DIR=$e "$top/tests/run_scripts.sh" > "$tmp/out" 2>&1
rc=$?
check "an unknown need or an orphan .expected fails the run" test $rc = 1
check "an unknown need: FAIL, naming it" grep -qF \
	"FAIL $e/pass/typo.pkt (ipv4): unknown need 'toool' (tool NAME, python3, sysctl NAME, module NAME)" \
	"$tmp/out"
check "an orphan .expected: FAIL, naming it" \
	grep -qxF "FAIL $e/fail/gone.pkt:.expected: no script gone.pkt:.pkt" "$tmp/out"
check "summary: 3 failed (the typo in both families)" \
	test "$(tail -1 "$tmp/out")" = "0 passed, 3 failed, 0 skipped"
finish
