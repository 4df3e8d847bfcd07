#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --diagram (issue #17): scripts/state_time_wait.pkt drawn as SVG (valid XML,
# self-contained, every packet, the states FIN_WAIT2 and TIME_WAIT, equal to
# tests/diagram/state_time_wait.svg with the times masked), as Mermaid (an
# arrow per packet, equal to its golden) and Markdown; a failing variant's
# diagram shows the expected and the actual packet and the failing line; bad
# names and unwritable files; the runner's --diagram=DIR and its index.html;
# the SVG rendered by headless Chromium to a PNG of the SVG's size that is
# not blank (skipped without chromium).
. "$(dirname "$0")/lib.sh"
golden=$top/tests/diagram
script=$top/scripts/state_time_wait.pkt
# the kernel's address is random unless given
args=(--local_ip=192.168.0.2)

# run OUT.EXT [SCRIPT]: one run writing a diagram; a run that failed only on
# time (a busy machine) is tried twice more. Sets rc.
run() {
	local out=$1 pkt=${2:-$script}
	for _ in 1 2 3; do
		(cd "$(dirname "$pkt")" && "$bin" "${args[@]}" --diagram="$out" "$(basename "$pkt")") \
			> "$tmp/run.out" 2> "$tmp/run.err"
		rc=$?
		[ $rc -ne 0 ] && grep -q 'timing error' "$tmp/run.err" || break
	done
}
# The times of a run are never the same: masked.
mask_svg() { sed -E 's/>[0-9]+\.[0-9]{3}</>T</g' "$1"; }
mask_mmd() { sed -E 's/[0-9]+\.[0-9]{3} s/T s/g' "$1"; }
# golden EXT: the run's diagram, times masked, equals tests/diagram/'s
golden() {
	local name="  equal to tests/diagram/state_time_wait.$1 (times masked)"
	if diff -u "$golden/state_time_wait.$1" <("mask_$1" "$tmp/tw.$1") > "$tmp/diff"; then
		ok "$name"
	else
		fail "$name"
		head -40 "$tmp/diff"
	fi
}
xpath_count() { xmllint --xpath "count($2)" "$1" 2> /dev/null; }

run "$tmp/tw.svg"
check "state_time_wait.pkt --diagram=FILE.svg passes" test "$rc" -eq 0
check "  the SVG is well-formed XML" xmllint --noout "$tmp/tw.svg"
check "  its root is an svg element with a size" \
	test "$(xpath_count "$tmp/tw.svg" "/*[local-name()='svg'][@width][@height][@viewBox]")" = 1
check "  every packet is an arrow (7)" \
	test "$(xpath_count "$tmp/tw.svg" "//*[local-name()='g'][starts-with(@class,'packet')]")" = 7
states=$(xmllint --xpath "//*[local-name()='g'][@class='state']/*[local-name()='text']/text()" \
	"$tmp/tw.svg" 2> /dev/null | tr '\n' ' ')
check "  states along the kernel's lifeline: ... FIN_WAIT2 TIME_WAIT ($states)" \
	test "$states" = "LISTEN SYN_RECV ESTABLISHED FIN_WAIT1 FIN_WAIT2 TIME_WAIT "
check "  self-contained: no script, link, external font or image" \
	sh -c "! grep -Eiq '<script|href|@import|@font-face|<image|url\\([^#]' '$tmp/tw.svg'"
check "  a time axis and the script's lines" sh -c "grep -q '>time (s)<' '$tmp/tw.svg' &&
	grep -q '>0.000<' '$tmp/tw.svg' && grep -q '>21<' '$tmp/tw.svg'"
golden svg

run "$tmp/tw.mmd"
check "--diagram=FILE.mmd passes" test "$rc" -eq 0
check "  a Mermaid sequenceDiagram" grep -qx 'sequenceDiagram' "$tmp/tw.mmd"
check "  an arrow per packet (7)" test "$(grep -cE '^    (P->>K|K[0-9]+->>P)' "$tmp/tw.mmd")" = 7
check "  the states as notes on the kernel's side" \
	sh -c "grep -q 'Note over K2: FIN_WAIT2' '$tmp/tw.mmd' && grep -q 'Note over K2: TIME_WAIT' '$tmp/tw.mmd'"
golden mmd
run "$tmp/tw.md"
check "--diagram=FILE.md: the same inside a Markdown page" sh -c \
	"head -1 '$tmp/tw.md' | grep -q '^# state_time_wait.pkt' && grep -qx '\`\`\`mermaid' '$tmp/tw.md' &&
	test \"\$(grep -cE '^    (P->>K|K[0-9]+->>P)' '$tmp/tw.md')\" = 7"

# The kernel ACKs the FIN with ack 2; the variant expects ack 3 on line 21.
sed 's/^+0  > \. 2:2(0) ack 2$/+0  > . 2:2(0) ack 3/' "$script" > "$tmp/time_wait_fail.pkt"
run "$tmp/fail.svg" "$tmp/time_wait_fail.pkt"
check "a failing variant fails (exit 1)" test "$rc" -eq 1
check "  its diagram is still written, well-formed" xmllint --noout "$tmp/fail.svg"
check "  with the expected packet (a dashed arrow)" sh -c "grep -q 'class=\"packet out expected\"' '$tmp/fail.svg' &&
	grep -q '>expected: . 2:2(0) ack 3<' '$tmp/fail.svg' && grep -q 'stroke-dasharray=\"7 4\"' '$tmp/fail.svg'"
check "  and the actual one" grep -q '>actual: . 2:2(0) ack 2 win [0-9]*<' "$tmp/fail.svg"
check "  the failing line marked, and why" sh -c "grep -q 'FAILED at line 21' '$tmp/fail.svg' &&
	grep -q 'line 21: error handling packet: live packet field tcp_ack_seq' '$tmp/fail.svg'"
run "$tmp/fail.mmd" "$tmp/time_wait_fail.pkt"
check "  in Mermaid: the expected packet as a crossed arrow" \
	grep -q '^    K2--xP: T* *[0-9.]* s expected (line 21): \. 2:2(0) ack 3$' "$tmp/fail.mmd"

# Every way a run fails is drawn: an assertion in a code block (reported
# through a copy of its event, at its own line), a packet that never came, a
# wrong errno, a failed init, cleanup or timed command, a blocking call left
# running, a Python assertion at the end.
for f in code_assert_failed outbound_timeout syscall_wrong_errno init_command_fails \
	cleanup_command_fails command_fails blocking_still_running code_python_assert; do
	pkt=$top/tests/scripts/fail/$f.pkt
	want=$(sed -n 's/^# exit //p' "${pkt%.pkt}.expected" | head -1)
	(cd "$(dirname "$pkt")" && "$bin" --diagram="$tmp/$f.svg" "$f.pkt") > /dev/null 2>&1
	rc=$?
	check "a failed run's diagram: $f.pkt (exit $rc), well-formed, says FAILED" sh -c \
		"test $rc = '$want' && xmllint --noout '$tmp/$f.svg' && grep -q 'FAILED' '$tmp/$f.svg'"
done

"$bin" --diagram="$tmp/x.png" "$script" > /dev/null 2> "$tmp/err"
check "--diagram=x.png: invalid (exit 2), says why" \
	sh -c "test $? -eq 2 && grep -q 'expected a file ending in .svg, .mmd or .md' '$tmp/err'"
"$bin" "${args[@]}" --diagram="$tmp/no/such/dir/x.svg" "$script" > /dev/null 2> "$tmp/err"
check "an unwritable diagram: exit 3, naming the file" \
	sh -c "test $? -eq 3 && grep -q 'cannot write $tmp/no/such/dir/x.svg' '$tmp/err'"

# The runner: one SVG per script and family, and an index.
"$bin" -j2 --variants=ipv4,ipv6 --diagram="$tmp/dir" "$script" "$tmp/time_wait_fail.pkt" \
	> "$tmp/runner.out" 2>&1
n=$(ls "$tmp/dir"/*.svg 2> /dev/null | wc -l)
check "runner --diagram=DIR: one SVG per script and family ($n of 4)" test "$n" = 4
check "  each a well-formed SVG" xmllint --noout "$tmp/dir"/*.svg
check "  index.html parses as HTML" xmllint --html --noout "$tmp/dir/index.html"
check "  it lists the 4 runs with their verdicts" sh -c "
	test \$(grep -c '<td class=\"pass\">pass</td>' '$tmp/dir/index.html') = 2 &&
	test \$(grep -c '<td class=\"FAIL\">FAIL</td>' '$tmp/dir/index.html') = 2"
links=$(grep -o 'href="[^"]*"' "$tmp/dir/index.html" | sed 's/href="//; s/"$//')
missing=$(for l in $links; do [ -f "$tmp/dir/$l" ] || echo "$l"; done)
check "  and links each diagram ($(echo $links | wc -w) links, all there)" \
	sh -c "test $(echo $links | wc -w) = 4 && test -z '$missing'"

# What a reader sees: Chromium draws the SVG at its own size, not blank.
if ! command -v chromium > /dev/null; then
	skip "the SVG rendered by Chromium" "no chromium (Debian package chromium)"
else
	w=$(xmllint --xpath "string(/*/@width)" "$tmp/tw.svg")
	h=$(xmllint --xpath "string(/*/@height)" "$tmp/tw.svg")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$tmp/chromium" --hide-scrollbars --window-size="$w,$h" \
		--screenshot="$tmp/tw.png" "file://$tmp/tw.svg" > "$tmp/chromium.log" 2>&1
	read -r pw ph ink box < <(python3 "$top/tests/tools/png_check.py" "$tmp/tw.png" 2> /dev/null)
	check "Chromium renders the SVG to a PNG of its size (${pw:-none}x${ph:-none}, SVG ${w}x$h)" \
		test "${pw:-0}x${ph:-0}" = "${w}x$h"
	check "  not blank: 1% to 20% ink (${ink:-?})" \
		python3 -c "import sys; sys.exit(not 0.01 <= float('${ink:-0}') <= 0.2)"
	# the drawing fills the picture: the size the layout computed is right
	IFS=, read -r x0 y0 x1 y1 <<< "${box:-0,0,0,0}"
	check "  the drawing reaches its right and bottom edges, not cut off (ink $box)" \
		sh -c "test $x1 -ge $((w - 60)) && test $x1 -lt $w && test $y1 -ge $((h - 30)) && test $y1 -lt $h"
fi
finish
