#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --timeout: a script that sleeps past it stops itself, naming its line, and is
# reported TIMEOUT with that message; nothing it started outlives the runner:
# neither what a passing script leaves in its process group nor what escaped it.
# (tests/runner/test_runaway.sh: one script, and the runner's backstop.)
. "$(dirname "$0")/lib.sh"

d=$tmp/d
stuck="sleep 7$$.25"	# unique command lines, to look for afterwards
left="sleep 8$$.25"
escaped="sleep 9$$.25"
script "$d/sleepy.pkt" "0 \`$stuck\`"
script "$d/leaves_child.pkt" "0 \`$left > /dev/null 2>&1 &\`" '+.1 `true`'
script "$d/escapes.pkt" "0 \`setsid $escaped > /dev/null 2>&1 < /dev/null &\`" '+.1 `true`'

start=$(date +%s)
"$bin" -j3 --timeout=1 "$d" > "$tmp/out"
rc=$?
took=$(($(date +%s) - start))
check "exit 1" test "$rc" = 1
check "the sleeping script is reported TIMEOUT" grep -qE "^TIMEOUT +$d/sleepy.pkt [0-9.]+ s: timed out after 1 s" "$tmp/out"
check "with its message naming the line" \
	grep -qF "| sleepy.pkt:1: error: timed out after 1 s waiting in the shell command" "$tmp/out"
check "the others pass" test "$(grep -c '^ok ' "$tmp/out")" = 2
check "timeouts count as failed" test "$(tail -1 "$tmp/out")" = "2 passed, 1 failed"
check "killed on time (took ${took} s)" test "$took" -lt 10
check "no process of the timed-out script is left" test -z "$(leftovers "$stuck")"
check "no process left in a passing script's group" test -z "$(leftovers "$left")"
check "no process left that escaped its group" test -z "$(leftovers "$escaped")"

"$bin" --timeout=0.5 --format=ktap "$d/sleepy.pkt" > "$tmp/ktap"
check "ktap: not ok ... # TIMEOUT" grep -qE "^not ok 1 $d/sleepy.pkt # TIMEOUT [0-9]+ seconds" "$tmp/ktap"
"$bin" --timeout=0.5 --junit="$tmp/j.xml" "$d/sleepy.pkt" > /dev/null
check "junit: a TIMEOUT failure" test "$(xmllint --xpath 'string(//failure/@type)' "$tmp/j.xml")" = TIMEOUT
check "still nothing left" test -z "$(leftovers "$stuck")"
finish
