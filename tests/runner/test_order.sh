#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The runner starts the longest scripts first (by the time of their last
# event) and still reports in the scripts' order: at -j1 each script's first
# line notes its name in a shared file, which shows the start order.
. "$(dirname "$0")/lib.sh"

d=$tmp/order
log=$tmp/started
note() { echo "0 \`echo $1 >> $log\`"; }
script "$d/a_short.pkt" "$(note a_short)" "+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3"
script "$d/b_long.pkt" "$(note b_long)" "+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3" \
	"+.6 close(3) = 0"
script "$d/c_middle.pkt" "$(note c_middle)" "+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3" \
	"+.1...0.3 poll([], 0, 200) = 0"
# Does not parse: no estimate, so it keeps its place after the known ones.
script "$d/d_bad.pkt" "$(note d_bad)" "+0 nosuchcall("
script "$d/e_skipped_v6.pkt" "$(note e_skipped)"

"$bin" -j1 --variants=ipv4 "$d" > "$tmp/out" 2>&1
check "started longest first (a blocking call counts to its end)" \
	test "$(tr '\n' ' ' < "$log")" = "b_long c_middle a_short "
check "reported in the scripts' order" \
	test "$(sed -nE 's/^(ok|FAIL|skip) +[^ ]*\/([a-z_0-9]+)\.pkt.*/\2/p' "$tmp/out" | tr '\n' ' ')" = \
	"a_short b_long c_middle d_bad e_skipped_v6 "
check "the other scripts pass" test "$(grep -c '^ok ' "$tmp/out")" = 3
check "the unparsable script still runs (and fails to parse)" \
	grep -q "^FAIL .*d_bad.pkt.*exit 2" "$tmp/out"
finish
