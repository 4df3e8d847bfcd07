#!/bin/bash
# make demo: runs every bundled state script and prints one line per TCP state.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/pktdrill
fail=0
printf '%-12s %-26s %s\n' STATE SCRIPT RESULT
for state in closed listen syn_sent syn_rcvd established fin_wait_1 fin_wait_2 \
	close_wait closing last_ack time_wait; do
	pkt=$top/scripts/state_$state.pkt
	name=$(echo "$state" | tr 'a-z_' 'A-Z-')
	if err=$("$bin" "$pkt" 2>&1); then
		result=pass
	else
		result=FAIL
		fail=1
	fi
	printf '%-12s %-26s %s\n' "$name" "scripts/state_$state.pkt" "$result"
	[ "$result" = pass ] || printf '%s\n' "$err" | sed 's/^/    /'
done
exit $fail
