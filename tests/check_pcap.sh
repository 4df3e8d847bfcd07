#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --pcap: runs state scripts with a capture file, reads it back with libpcap
# (tests/tools/pcap_summary) and compares packet count, directions, flags and
# sequence numbers with a golden summary; timestamps must increase.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL:-$top/pktdrill}
summary=${PCAP_SUMMARY:-$top/build/tests/pcap_summary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0 retried=0
for want in "$top"/tests/pcap/*.summary; do
	name=$(basename "$want" .summary)
	# a run that failed only on time, on a busy machine, is tried twice more
	# (the summary counts those that passed only so)
	for try in 1 2 3; do
		"$bin" --local_ip=192.168.0.2 --pcap="$tmp/$name.pcap" "$top/scripts/$name.pkt" \
			2> "$tmp/err"
		rc=$?
		[ $rc -ne 0 ] && grep -q 'timing error' "$tmp/err" || break
	done
	if [ $rc -ne 0 ]; then
		cat "$tmp/err"
		echo "FAIL $name: the script failed"
		failed=$((failed + 1))
		continue
	fi
	# ISNs are random: keep the peer's sequence numbers, mask ours
	if diff -u "$want" <("$summary" "$tmp/$name.pcap" 192.0.2.1 |
			     sed -E 's/^out (\S+) [0-9]+/out \1 <seq>/'); then
		passed=$((passed + 1))
		[ "$try" -gt 1 ] && retried=$((retried + 1))
	else
		echo "FAIL --pcap $name"
		failed=$((failed + 1))
	fi
done
# The runner: --pcap=DIR gets one readable file per script and variant.
"$bin" -j2 --variants=ipv4,ipv6 --pcap="$tmp/dir" "$top/scripts/state_time_wait.pkt" \
	"$top/scripts/state_closing.pkt" > /dev/null
for f in scripts_state_time_wait_ipv4 scripts_state_time_wait_ipv6 scripts_state_closing_ipv4 \
	scripts_state_closing_ipv6; do
	if "$summary" "$tmp/dir/$f.pcap" 192.0.2.1 | grep -q 'TCP packets, link type 12, timestamps increase'; then
		passed=$((passed + 1))
	else
		echo "FAIL --pcap=DIR: $f.pcap missing or unreadable"
		failed=$((failed + 1))
	fi
done
summary="pcap: $passed passed, $failed failed"
[ "$retried" -gt 0 ] && summary+="; $retried passed only on a retry (timing)"
echo "$summary"
[ "$failed" -eq 0 ]
