#!/bin/bash
# make demo: runs every bundled state script with --trace-states and prints one
# line per TCP state: the state, the script, pass/FAIL and the state path the
# kernel went through. Exits non-zero if any script fails.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL:-$top/pktdrill}
fail=0
printf '%-12s %-30s %-6s %s\n' STATE SCRIPT RESULT 'STATE PATH (from the kernel, via sock_diag)'
for state in closed listen syn_sent syn_rcvd established fin_wait_1 fin_wait_2 \
	close_wait closing last_ack time_wait; do
	pkt=scripts/state_$state.pkt
	name=$(echo "$state" | tr 'a-z_' 'A-Z-')
	out=$(cd "$top" && "$bin" --trace-states "$pkt" 2>/tmp/demo_err.$$)
	if [ $? -eq 0 ]; then result=pass; else result=FAIL; fail=1; fi
	# "file:line: A -> B" lines -> "A -> B -> C"
	path=$(printf '%s\n' "$out" | sed -n 's/^[^ ]*: \([A-Z_0-9]*\) -> \([A-Z_0-9]*\)$/\1 \2/p' |
		awk 'NR == 1 { p = $1 } { p = p " -> " $2 } END { print p }')
	printf '%-12s %-30s %-6s %s\n' "$name" "$pkt" "$result" "${path:-CLOSED}"
	[ "$result" = pass ] || sed 's/^/    /' /tmp/demo_err.$$
done
rm -f /tmp/demo_err.$$
exit $fail
