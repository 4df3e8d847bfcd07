#!/bin/bash
# Golden test of --trace-states: the state changes of a few state scripts,
# with the script line that caused each, in IPv4 and IPv6.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL:-$top/pktdrill}
passed=0 failed=0
for want in "$top"/tests/trace/*.trace; do
	pkt=$(basename "$want" .trace).pkt
	for fam in ipv4 ipv6; do
		if diff -u "$want" <(cd "$top/scripts" && "$bin" --ip_version=$fam --trace-states "$pkt"); then
			passed=$((passed + 1))
		else
			echo "FAIL --trace-states $pkt ($fam)"
			failed=$((failed + 1))
		fi
	done
done
echo "trace: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
