#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Output that cannot be written fails the run: on a full disk (a 64 KiB tmpfs,
# filled, mounted in a private mount namespace), --pcap, --state-graph,
# --timing-report, --junit and the report on stdout each make pktdrill exit 3
# with a message naming the file and the errno, and leave no truncated file.
# A script that fails keeps its own status, 1.
. "$(dirname "$0")/lib.sh"
script="$top/scripts/state_established.pkt"
full() {	# command...: runs it with /full a filled 64 KiB tmpfs
	unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$0" &&
		dd if=/dev/zero of="$0/fill" bs=4k 2> /dev/null; shift 0; "$@"; rc=$?;
		ls "$0" > "$0.ls" 2>&1; exit $rc' "$tmp/full" "$@"
}
mkdir -p "$tmp/full"
expect() {	# what, message, command...
	local what=$1 msg=$2
	shift 2
	out=$(full "$@" 2>&1)
	rc=$?
	check "$what: exit 3" test "$rc" -eq 3
	check "  says: $msg" grep -qF "$msg" <<< "$out"
	check "  leaves no file but the filler" test "$(cat "$tmp/full.ls")" = fill
}
nospc="No space left on device"
expect "--pcap on a full disk" "cannot write pcap file $tmp/full/x.pcap: $nospc" \
	"$bin" --pcap="$tmp/full/x.pcap" "$script"
expect "--state-graph" "cannot write $tmp/full/g.dot: $nospc" \
	"$bin" --state-graph="$tmp/full/g.dot" "$script"
expect "--timing-report" "cannot write $tmp/full/t.tsv: $nospc" \
	"$bin" --timing-report="$tmp/full/t.tsv" "$script"
expect "--junit" "$tmp/full/j.xml" "$bin" --junit="$tmp/full/j.xml" "$script"
out=$(full sh -c '"$1" -v "$2" > "$0/out"; rc=$?; rm -f "$0/out"; exit $rc' "$tmp/full" "$bin" "$script" 2>&1)
check "-v to a full disk: exit 3" test $? -eq 3
check "  says: cannot write standard output: $nospc" \
	grep -qF "cannot write standard output: $nospc" <<< "$out"
out=$("$bin" --format=tap "$script" "$script" 2>&1 > /dev/full)
check "the runner's report to /dev/full: exit 3" test $? -eq 3
check "  says so" grep -qF "cannot write standard output: $nospc" <<< "$out"
script "$tmp/fails.pkt" '0 `false`'
full "$bin" --pcap="$tmp/full/x.pcap" "$tmp/fails.pkt" > /dev/null 2>&1
check "a failing script with an unwritable pcap: still exit 1" test $? -eq 1
finish
