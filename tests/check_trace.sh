#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Golden tests of what a run shows: --trace-states (state changes with their
# lines), --state-graph (DOT), -v (times masked) and --step driven by a pipe,
# on the state scripts, in IPv4 and IPv6.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL:-$top/pktdrill}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0 retried=0

# Times and lateness vary from run to run; live sequence numbers too.
mask() {
	sed -E 's/[0-9]+\.[0-9]{6}/<T>/g; s/\([+-][0-9]+ us\)/(<us>)/; s/ack [0-9]{6,}/ack <live>/'
}

# A run that differs only because it failed on time while the machine was
# busy gets up to two more tries, as in tests/run_scripts.sh; the summary
# counts those that passed only so.
check() {	# name, expected file, command...
	local name=$1 want=$2 try
	shift 2
	for try in 1 2 3; do
		(cd "$top/scripts" && "$@" 2> "$tmp/err" | mask) > "$tmp/out"
		diff -u "$want" "$tmp/out" > "$tmp/diff" && break
		grep -q 'timing error' "$tmp/err" || break
	done
	if [ -s "$tmp/diff" ]; then
		echo "FAIL $name"
		cat "$tmp/err" "$tmp/diff"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
		[ "$try" -gt 1 ] && retried=$((retried + 1))
	fi
}

for fam in ipv4 ipv6; do
	for want in "$top"/tests/trace/*.trace; do
		pkt=$(basename "$want" .trace).pkt
		check "--trace-states $pkt ($fam)" "$want" "$bin" --ip_version=$fam --trace-states "$pkt"
	done
	check "--state-graph ($fam)" "$top/tests/trace/state_time_wait.dot" \
		sh -c "'$bin' --ip_version=$fam --state-graph=/dev/stdout state_time_wait.pkt"
	# the SYN-ACK's MSS and windows differ between the families: IPv4 only
	[ $fam = ipv4 ] && check "-v ($fam)" "$top/tests/trace/state_close_wait.verbose" \
		"$bin" --ip_version=$fam -v state_close_wait.pkt
	check "--step ($fam)" "$top/tests/trace/state_listen.step" \
		sh -c "yes '' | '$bin' --ip_version=$fam --step state_listen.pkt"
	# A relative time after an outbound packet counts from when the kernel
	# sent it, not from when pktdrill noticed: in state_close_wait.pkt the
	# delayed ACK of line 16 comes from a timer while pktdrill waits, and
	# line 17 ("+0") is due exactly then (--timing-report: line, event,
	# scheduled, actual).
	check "anchor after an outbound packet ($fam)" /dev/null sh -c \
		"'$bin' --ip_version=$fam --timing-report=/dev/stdout state_close_wait.pkt |
		 awk -F'\t' '\$1 == 16 { sent = \$4 } \$1 == 17 && \$3 != sent {
			print \"line 17 due at \" \$3 \", line 16 sent at \" sent }'"
done
summary="trace: $passed passed, $failed failed"
[ "$retried" -gt 0 ] && summary+="; $retried passed only on a retry (timing)"
echo "$summary"
[ "$failed" -eq 0 ]
