#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The runner's command line: when it runs, what it finds and in which order,
# working directories, -j, exit statuses, captured output, signals.
. "$(dirname "$0")/lib.sh"

d=$tmp/d
script "$d/z.pkt" '0 `true`'
script "$d/a.pkt" '0 `echo hello-from-a`'
script "$d/m/b.pkt" '0 `test -f ./sibling.txt && test "$(pwd)" = "'"$d"'/m"`'
touch "$d/m/sibling.txt"
script "$d/.hidden/x.pkt" '0 `false`'
script "$d/notes.txt" '0 `false`'
names() { sed -nE 's/^(ok|FAIL|TIMEOUT|skip) +([^ ]+).*/\2/p' "$1"; }

# ---- when the runner runs
for args in "-j 0 $d" "-j" "-jx $d" "--jobs" "--variants=ipv5 $d" "--variants= $d" \
	    "--format=xml $d" "--junit= $d" "--timeout=-1 $d" "$d/none.pkt $d" "$tmp/empty" \
	    "--variants=ipv4 --ip_version=ipv6 $d" "--junit=$tmp/no/such/dir.xml $d"; do
	mkdir -p "$tmp/empty"
	"$bin" $args > /dev/null 2> "$tmp/err"
	rc=$?
	check "invalid command line exits 2: $args ($(head -1 "$tmp/err"))" test "$rc" = 2
done
"$bin" "$d/z.pkt" > "$tmp/one" 2>&1
check "one script: no report, as before" test ! -s "$tmp/one"
"$bin" -j1 "$d/a.pkt" > "$tmp/one_r"
check "one script with a runner flag: a report" test "$(tail -1 "$tmp/one_r")" = "1 passed, 0 failed"
"$bin" --timeout=60 "$d/z.pkt" > "$tmp/one_t" 2>&1
check "one script with --timeout alone: no report" test ! -s "$tmp/one_t"

# ---- discovery, order, working directory
(cd / && "$bin" "$d") > "$tmp/dir"
check "exit 0 when every script passed" test $? = 0
check "a directory: its *.pkt sorted, hidden ones skipped" test \
	"$(names "$tmp/dir" | tr '\n' ' ')" = "$d/a.pkt $d/m/b.pkt $d/z.pkt "
"$bin" "$d/z.pkt" "$d/m" "$d/a.pkt" > "$tmp/args"
check "paths run in the order given" test \
	"$(names "$tmp/args" | tr '\n' ' ')" = "$d/z.pkt $d/m/b.pkt $d/a.pkt "
check "each script runs in its own directory" grep -q "^ok  *$d/m/b.pkt" "$tmp/dir"
check "a script's stdout is captured, not printed" sh -c "! grep -q hello-from-a '$tmp/dir'"
check "default -j: one per CPU" grep -q "up to $(nproc) at a time" "$tmp/dir"

# ---- exit status and a failure's output
script "$d/f/fail.pkt" '0 `echo out-of-fail; echo err-of-fail >&2; false`'
script "$d/f/bad.pkt" '0 socket(' 
"$bin" "$d/f" > "$tmp/fail"
check "exit 1 when a script failed" test $? = 1
check "a failure shows stdout and stderr" \
	sh -c "grep -q '| out-of-fail' '$tmp/fail' && grep -q '| err-of-fail' '$tmp/fail'"
check "an invalid script is a failure, with its status" \
	grep -qE "^FAIL +$d/f/bad.pkt .*exit 2 \(invalid script or command line\)" "$tmp/fail"
check "summary" test "$(tail -1 "$tmp/fail")" = "0 passed, 2 failed"

# ---- -j: never more than N at once
j=$tmp/j
for i in 1 2 3 4 5; do
	script "$j/s$i.pkt" "0 \`echo + >> $tmp/log; sleep 0.3; echo - >> $tmp/log\`"
done
most() { awk '/\+/ { n++; if (n > m) m = n } /-/ { n-- } END { print m }' "$tmp/log"; }
rm -f "$tmp/log"; "$bin" -j2 "$j" > /dev/null
check "-j2: at most 2 at once ($(most))" test "$(most)" = 2
rm -f "$tmp/log"; "$bin" -j5 "$j" > /dev/null
check "-j5: 5 at once ($(most))" test "$(most)" = 5
rm -f "$tmp/log"; "$bin" -j1 "$j" > /dev/null
check "-j1: one at a time ($(most))" test "$(most)" = 1

# ---- signals: every running script killed, named, 128+N
stuck="sleep 6$$.75"
script "$tmp/sig/a.pkt" "0 \`$stuck\`"
script "$tmp/sig/b.pkt" "0 \`$stuck\`"
for sig in INT TERM HUP; do
	"$bin" -j2 "$tmp/sig" > "$tmp/sig.out" 2> "$tmp/sig.err" &
	pid=$!
	sleep 1
	kill -$sig $pid
	wait $pid
	rc=$?
	check "SIG$sig: exit $((128 + $(kill -l $sig)))" test "$rc" = $((128 + $(kill -l $sig)))
	check "SIG$sig: names what was running" \
		sh -c "grep -q 'sig/a.pkt, after' '$tmp/sig.err' && grep -q 'sig/b.pkt, after' '$tmp/sig.err'"
	check "SIG$sig: no process left" test -z "$(leftovers "$stuck")"
done
finish
