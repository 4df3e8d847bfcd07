#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A run the machine stalled is "stalled" (exit 4), not failed: a real-time
# spinner (tests/tools/rt_spin.py) takes the run's CPU for 0.5 s, so a line due
# meanwhile comes late, by no more than the run waited for a CPU. Such a run is
# tried again from scratch (--stall-retries, 2 by default) and is reported as
# stalled (kselftest's SKIP) in every format if no try is clean. A real timing
# error (the kernel's packet 50 ms early) stays a failure, stall or not.
. "$(dirname "$0")/lib.sh"
if [ "$(nproc)" -lt 2 ] || ! command -v python3 > /dev/null; then
	echo "skip: needs 2 CPUs and python3"
	exit 0
fi
cpu=1
export TOOLS=$top/tests/tools CPU=$cpu
script "$tmp/stall.pkt" \
	'// a real-time spinner takes the CPU from 0.1 s to 0.6 s after line 1' \
	'0     `python3 $TOOLS/rt_spin.py $CPU 0.1 0.5 $MARK > /dev/null 2>&1 &`' \
	'+0.35 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3' \
	'+0    close(3) = 0'
# The kernel ACKs the data at once; the script expects it 50 ms later. The
# spinner stalls the run from after the data (0.3 s) to about 1 s.
script "$tmp/early.pkt" \
	'0     `python3 $TOOLS/rt_spin.py $CPU 0.3 0.6 > /dev/null 2>&1 &`' \
	'+0    socket(..., SOCK_STREAM, IPPROTO_TCP) = 3' \
	'+0    setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0' \
	'+0    bind(3, ..., ...) = 0' \
	'+0    listen(3, 1) = 0' \
	'+0    < S 0:0(0) win 65535 <mss 1460>' \
	'+0    > S. 0:0(0) ack 1 <...>' \
	'+0    < . 1:1(0) ack 1 win 65535' \
	'+0    accept(3, ..., ...) = 4' \
	'+0.3  < P. 1:1001(1000) ack 1 win 65535' \
	'+.05  > . 1:1(0) ack 1001'

out=$("$bin" --cpu=$cpu --stall-retries=0 "$tmp/stall.pkt" 2>&1)
check "a stalled run: exit 4" test $? -eq 4
check "  names the line and says why" grep -qE 'stall.pkt:3: stalled: pktdrill was [0-9.]+ ms late, and the machine stalled: the run waited [0-9.]+ ms for a CPU; this says nothing about the kernel$' <<< "$out"
check "  keeps the timing error" grep -q 'timing error: expected system call start' <<< "$out"
check "  and says no try was clean" grep -q 'stall.pkt: stalled: the machine stalled every run (1)' <<< "$out"

out=$(MARK=$tmp/mark "$bin" --cpu=$cpu "$tmp/stall.pkt" 2>&1)
check "stalled once, then clean: exit 0" test $? -eq 0
check "  after saying it runs again" grep -q 'running it again (1 of 2) in a fresh namespace' <<< "$out"

out=$("$bin" --cpu=$cpu --stall-retries=1 "$tmp/stall.pkt" 2>&1)
check "--stall-retries=1, stalled twice: exit 4" test $? -eq 4
check "  two tries" grep -q 'the machine stalled every run (2)' <<< "$out"

out=$("$bin" --cpu=$cpu "$tmp/early.pkt" 2>&1)
check "the kernel 50 ms early, the machine stalled too: a failure, exit 1" test $? -eq 1
check "  not called a stall" test "$(grep -c stalled <<< "$out")" = 0

for fmt in text tap ktap; do
	out=$("$bin" --cpu=$cpu --stall-retries=0 -j1 --format=$fmt "$tmp/stall.pkt" "$tmp/stall.pkt" 2>&1)
	rc=$?
	check "runner, $fmt: exit 4 when runs stalled and none failed" test $rc -eq 4
	case $fmt in
	text) check "  text: stalled" grep -q '^stalled .*stall.pkt' <<< "$out" ;;
	tap) check "  tap: ok # SKIP stalled" grep -q '^ok 1 - .*stall.pkt # SKIP stalled' <<< "$out" ;;
	ktap) check "  ktap: ok # SKIP stalled, counted as skip" \
		grep -q '^# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:2 error:0' <<< "$out" ;;
	esac
done
"$bin" --cpu=$cpu --stall-retries=0 -j1 --junit="$tmp/j.xml" "$tmp/stall.pkt" "$tmp/stall.pkt" > /dev/null 2>&1
check "runner, junit: <skipped> saying stalled" grep -q '<skipped message="stalled (the machine, not the kernel)' "$tmp/j.xml"
finish
