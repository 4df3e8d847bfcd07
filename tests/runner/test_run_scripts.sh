#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The test harness itself: tests/run_scripts.sh skips a script whose
# "// needs:" are not met (and fails one with an unknown need or a .expected
# without its script), and run_scripts.sh, check_trace.sh and check_pcap.sh
# count the cases that passed only on a retry after a timing error. The
# retries come from a wrapper around pktdrill whose first run of each
# command fails with a timing error.
. "$(dirname "$0")/lib.sh"

# The wrapper: the first run of a command (its directory and arguments) that
# matches $FLAKY fails on time; runner runs (-j) and later ones are pktdrill's.
mkdir "$tmp/tried"
cat > "$tmp/flaky" << 'EOF'
#!/bin/bash
key=$(printf '%s\n' "$PWD" "$@" | md5sum | cut -c1-32)
case " $* " in
*" -j"*) ;;
*"$FLAKY"*)
	if mkdir "$TRIED/$key" 2> /dev/null; then
		echo "flaky.pkt:1: timing error: the wrapper's first try" >&2
		exit 1
	fi ;;
esac
exec "$REAL" "$@"
EOF
chmod +x "$tmp/flaky"
export REAL=$bin TRIED=$tmp/tried

# The .ci/run pattern that sums the suite's counts must still see the summary.
# (This test's own lines must not match it: .ci/run would count them too.)
ci_counts() { grep -qE '(^|: )[0-9]+ passed, [0-9]+ failed' <<< "$1"; }

# summary_matches REGEX: the last line of $tmp/out matches; shows it if not.
summary_matches() {
	local last
	last=$(tail -1 "$tmp/out")
	grep -qxE -- "$1" <<< "$last" && return 0
	# ": " dropped to ":", so that .ci/run does not count this line
	echo "     | the summary was <${last//: /:}>"
	return 1
}

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
script "$d/pass/flaky_v4.pkt" "$socket"
script "$d/fail/flaky_fail.pkt" "$socket" "+0 listen(3, 1) = -1 EINVAL (Invalid argument)"
(cd "$d/fail" && "$bin" flaky_fail.pkt > /dev/null 2> err; echo "# exit $?"; cat err) \
	> "$tmp/flaky_fail.expected"
mv "$tmp/flaky_fail.expected" "$d/fail/" && rm "$d/fail/err"
script "$d/fail/needs_fail.pkt" "// needs: tool pktdrill-no-such-tool" "$socket"
script "$d/fail/needs_fail.expected" "# exit 1" "never compared"
mkdir -p "$d/bad"

PKTDRILL=$tmp/flaky FLAKY=flaky SCRIPTS_DIR=$d "$top/tests/run_scripts.sh" > "$tmp/out" 2>&1
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
check "a pass script that passed on its second try says so" \
	has "ok   $d/pass/flaky_v4.pkt (ipv4) (try 2: timing)"
check "a fail script that matched on its second try says so" \
	has "ok   $d/fail/flaky_fail.pkt (exit 1) (try 2: timing)"
check "summary: passed, failed, skipped and the retried ones" \
	summary_matches '6 passed, 0 failed, 6 skipped; 2 passed only on a retry \(timing\)'
check "the summary still gives .ci/run its counts" ci_counts "$(tail -1 "$tmp/out")"

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
	summary_matches '0 passed, 3 failed, 0 skipped'

# check_trace.sh and check_pcap.sh: every single-script run fails on time once.
rm -rf "$tmp/tried" && mkdir "$tmp/tried"
PKTDRILL=$tmp/flaky FLAKY= "$top/tests/check_trace.sh" > "$tmp/out" 2>&1
check "check_trace.sh counts the goldens that passed only on a retry" summary_matches \
	'trace: [0-9]+ passed, 0 failed; [1-9][0-9]* passed only on a retry \(timing\)'
check "check_trace.sh's summary still gives .ci/run its counts" ci_counts "$(tail -1 "$tmp/out")"

# make runner does not build the pcap reader that make pcap does.
build=${BUILD:-build}
reader=$build/tests/pcap_summary
case $reader in /*) ;; *) reader=$top/$reader ;; esac
[ -x "$reader" ] || make -s -C "$top" BUILD="$build" "$build/tests/pcap_summary" > /dev/null
PKTDRILL=$tmp/flaky FLAKY= PCAP_SUMMARY=$reader "$top/tests/check_pcap.sh" > "$tmp/out" 2>&1
check "check_pcap.sh counts the captures that passed only on a retry" summary_matches \
	'pcap: [0-9]+ passed, 0 failed(, [0-9]+ skipped)?; [1-9][0-9]* passed only on a retry \(timing\)'
finish
