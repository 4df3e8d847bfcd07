#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Output that cannot be written fails the run: on a full disk (a 64 KiB tmpfs,
# filled, mounted in a private mount namespace), --pcap (.pcap and .pcapng),
# --diagram, --state-graph, --timing-report, --junit and the report on stdout
# each make pktdrill exit 3 with a message naming the file and the errno, and
# leave no truncated file.
# A script that fails keeps its own status, 1.
. "$(dirname "$0")/lib.sh"
script="$top/scripts/state_established.pkt"
full() {	# command...: runs it with /full a filled 64 KiB tmpfs
	unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$0" &&
		dd if=/dev/zero of="$0/fill" bs=4k 2> /dev/null; shift 0; "$@"; rc=$?;
		ls "$0" > "$0.ls" 2>&1; exit $rc' "$tmp/full" "$@"
}
mkdir -p "$tmp/full"
# A chroot whose / is not a mount point cannot have a private mount namespace
# (unshare: cannot change root filesystem propagation): say that, not ten
# confusing failures. Containers and machines have one.
if ! err=$(unshare -m true 2>&1); then
	fail "a private mount namespace for the full disk: $err"
	finish
fi
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
expect "--pcap=FILE.pcapng" "cannot write pcapng file $tmp/full/x.pcapng: $nospc" \
	"$bin" --pcap="$tmp/full/x.pcapng" "$script"
expect "--diagram" "cannot write $tmp/full/d.svg: $nospc" \
	"$bin" --diagram="$tmp/full/d.svg" "$script"
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
# Run as root, an output that is not a regular file is never removed: a
# device node (here a copy of /dev/full's) and a symlink stay.
mknod "$tmp/devfull" c 1 7
ln -s "$tmp/devfull" "$tmp/link"
quiet "$bin" --timing-report="$tmp/devfull" "$script"
check "--timing-report to a full device: exit 3" test $? -eq 3
check "  the device node stays" test -c "$tmp/devfull"
quiet "$bin" --pcap="$tmp/link" "$script"
check "--pcap through a symlink to it: exit 3" test $? -eq 3
check "  the symlink stays" test -L "$tmp/link"
quiet "$bin" --format=tap --junit="$tmp/link" "$script" "$script"
check "the runner's --junit through the symlink: exit 3" test $? -eq 3
check "  the symlink stays" test -L "$tmp/link"
quiet "$bin" --state-graph="$tmp/devfull" "$script"
check "--state-graph to the device: exit 3, the node stays" test $? -eq 3 -a -c "$tmp/devfull"
script "$tmp/fails.pkt" '0 `false`'
full "$bin" --pcap="$tmp/full/x.pcap" "$tmp/fails.pkt" > /dev/null 2>&1
check "a failing script with an unwritable pcap: still exit 1" test $? -eq 1
finish
