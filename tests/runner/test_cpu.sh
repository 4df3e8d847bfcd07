#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A run stays on one CPU (--cpu=auto: the one it starts on, unless another run
# has claimed it; --cpu=N; --cpu=any
# does not pin), so that the kernel arms and fires the connection's timers on
# one CPU's tick; its shell commands run on any CPU. The runner gives side by
# side runs CPUs of their own.
. "$(dirname "$0")/lib.sh"
allowed() { sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "$1"; }
all=$(allowed /proc/self/status)
ncpu=$(nproc)
# The script writes, to $OUT/<its pid>, the CPUs pktdrill may use, then those
# its command may use.
script "$tmp/where.pkt" \
	"0 \`f=/proc/\$PACKETDRILL_PID/status; sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' \$f /proc/self/status > \"\$OUT/\$PACKETDRILL_PID\"\`" \
	'+.3 `true`'
where() {	# name, flags...
	mkdir -p "$tmp/$1"
	OUT=$tmp/$1 "$bin" "${@:2}" "$tmp/where.pkt" && cat "$tmp/$1"/*
}

out=$(where auto)
check "--cpu=auto (default): pinned to one CPU" grep -qxE '[0-9]+' <<< "$(head -1 <<< "$out")"
check "  its command runs anywhere" test "$(tail -1 <<< "$out")" = "$all"
if [ "$ncpu" -gt 1 ]; then
	check "--cpu=1: pinned to CPU 1" test "$(where one --cpu=1 | head -1)" = 1
fi
check "--cpu=any: not pinned" test "$(where any --cpu=any | head -1)" = "$all"
out=$("$bin" --cpu=banana "$tmp/where.pkt" 2>&1)
check "--cpu=banana: exit 2" test $? = 2
check "  naming the values it takes" \
	grep -q "bad --cpu: 'banana' (expected auto, any or a CPU number)" <<< "$out"

if [ "$ncpu" -gt 1 ]; then
	mkdir -p "$tmp/two" "$tmp/sides"
	cp "$tmp/where.pkt" "$tmp/two/a.pkt"
	cp "$tmp/where.pkt" "$tmp/two/b.pkt"
	OUT=$tmp/sides "$bin" -j2 "$tmp/two" > /dev/null
	cpus=$(for f in "$tmp/sides"/*; do head -1 "$f"; done | sort -u | wc -l)
	check "-j2: two runs side by side on two CPUs" test "$cpus" = 2
	# Without the runner (xargs -P, two terminals): each claims a CPU.
	mkdir -p "$tmp/apart"
	OUT=$tmp/apart "$bin" "$tmp/where.pkt" &
	OUT=$tmp/apart "$bin" "$tmp/where.pkt"
	wait
	cpus=$(for f in "$tmp/apart"/*; do head -1 "$f"; done | sort -u | wc -l)
	check "two runs started side by side alone: two CPUs" test "$cpus" = 2
fi
finish
