#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --pcap: runs state scripts with a capture file, reads it back with libpcap
# (tests/tools/pcap_summary) and compares packet count, directions, flags and
# sequence numbers with a golden summary; timestamps must increase.
# --pcap=FILE.pcapng (issue #17): pcapng that libpcap reads the same, and
# whose every packet has a comment naming its script line and the TCP state,
# as tshark reads it (tests/pcap/*.comments; skipped without tshark).
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
# pcapng with comments, written by netdev/pcapng.c; run from the scripts'
# folder, so that the comments name the script as the golden does.
# capture DIR SCRIPT FILE: one run, tried twice more if it failed on time.
capture() {
	for _ in 1 2 3; do
		(cd "$1" && "$bin" --local_ip=192.168.0.2 --pcap="$3" "$2") 2> "$tmp/err"
		rc=$?
		[ $rc -ne 0 ] && grep -q 'timing error' "$tmp/err" || break
	done
}
skipped=0
# over an older, longer file (it is not truncated first, but cut to size)
head -c 100000 /dev/urandom > "$tmp/tw.pcapng"
capture "$top/scripts" state_time_wait.pkt "$tmp/tw.pcapng"
if [ $rc -eq 0 ] && diff -u "$top/tests/pcap/state_time_wait.summary" \
	<("$summary" "$tmp/tw.pcapng" 192.0.2.1 | sed -E 's/^out (\S+) [0-9]+/out \1 <seq>/'); then
	passed=$((passed + 1))
else
	cat "$tmp/err"
	echo "FAIL --pcap=FILE.pcapng: libpcap does not read back the same packets"
	failed=$((failed + 1))
fi
# a failed run: its packets say so
sed 's/^+0  > \. 2:2(0) ack 2$/+0  > . 2:2(0) ack 3/' "$top/scripts/state_time_wait.pkt" \
	> "$tmp/tw_fail.pkt"
capture "$tmp" tw_fail.pkt "$tmp/fail.pcapng"
if ! command -v tshark > /dev/null; then
	echo "skip pcapng comments read by tshark: no tshark (Debian package tshark)"
	skipped=2
else
	# TCP's: the kernel may also solicit a router over IPv6, or not
	tshark -r "$tmp/tw.pcapng" -Y tcp -T fields -e frame.comment > "$tmp/comments" \
		2> "$tmp/tshark.err"
	all=$(tshark -r "$tmp/tw.pcapng" -T fields -e frame.comment 2> /dev/null)
	if diff -u "$top/tests/pcap/state_time_wait.comments" "$tmp/comments" &&
		[ -n "$all" ] && ! grep -q '^$' <<< "$all"; then
		passed=$((passed + 1))
	else
		cat "$tmp/tshark.err"
		echo "FAIL --pcap=FILE.pcapng: a packet without a comment, or TCP's differ from the golden"
		failed=$((failed + 1))
	fi
	tshark -r "$tmp/fail.pcapng" -T fields -e frame.comment > "$tmp/comments" 2> /dev/null
	if grep -q '^tw_fail.pkt:21: sent by the kernel, expected by `> . 2:2(0) ack 3` (it did not match)' \
		"$tmp/comments" && ! grep -q '^$' "$tmp/comments"; then
		passed=$((passed + 1))
	else
		cat "$tmp/comments"
		echo "FAIL --pcap=FILE.pcapng of a failed run: no comment on the packet that did not match"
		failed=$((failed + 1))
	fi
fi
summary="pcap: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary+=", $skipped skipped"
[ "$retried" -gt 0 ] && summary+="; $retried passed only on a retry (timing)"
echo "$summary"
[ "$failed" -eq 0 ]
