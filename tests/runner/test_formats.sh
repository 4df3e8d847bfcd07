#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The runner's reports read back: text summary, TAP through prove, KTAP
# (kselftest) numbering and totals, JUnit XML through xmllint.
. "$(dirname "$0")/lib.sh"

s=$tmp/s
cp "$top/tests/scripts/pass/states/state_closed.pkt" "$s.pkt" 2>/dev/null
mkdir -p "$s" && mv "$s.pkt" "$s/a_pass.pkt"
script "$s/b_fail.pkt" "0 \`printf 'bad <xml> & \"q\" \\001\\377 end\\n' >&2; false\`"
script "$s/c_v6.pkt" '0 `true`'
script "$s/sub/d&e#1.pkt" '0 `true`'
script "$s/sub/opt.pkt" '--ip_version=ipv6' '0 `true`'
# 5 scripts x 3 families: b_fail fails 3 times; c_v6 (by its name) and opt
# (by its option line) run in ipv6 only: 4 skipped; 8 pass.
all=ipv4,ipv6,ipv4-mapped-ipv6
run() {	# output file, runner arguments...
	local out=$1
	shift
	"$bin" --variants=$all "$@" > "$out"
	echo $? > "$out.rc"
}

# ---- text
run "$tmp/text" "$s"
check "text: exit 1 when a run failed" test "$(cat "$tmp/text.rc")" = 1
check "text: summary" test "$(tail -1 "$tmp/text")" = "8 passed, 3 failed, 4 skipped"
check "text: a line per script and variant" test "$(grep -cE '^(ok|FAIL|skip) ' "$tmp/text")" = 15
check "text: a failure shows its stderr" grep -q '^        | bad <xml> & "q"' "$tmp/text"
check "text: skipped by name" grep -qF "skip    $s/c_v6.pkt (ipv4): ipv6 only (name ends in v6.pkt)" "$tmp/text"
check "text: skipped by option line" \
	grep -qF "skip    $s/sub/opt.pkt (ipv4-mapped-ipv6): the script sets --ip_version=ipv6" "$tmp/text"
"$bin" "$s/a_pass.pkt" "$s/sub" > "$tmp/text_pass"
check "text: exit 0 when all passed" test $? = 0
check "text: no skipped count without skips" test "$(tail -1 "$tmp/text_pass")" = "3 passed, 0 failed"

# ---- TAP
run "$tmp/tap" --format=tap "$s"
check "tap: header and plan" test "$(head -2 "$tmp/tap" | tr '\n' ' ')" = "TAP version 13 1..15 "
check "tap: '#' in a name is escaped" grep -qF -- '- '"$s"'/sub/d&e\#1.pkt (ipv6)' "$tmp/tap"
check "tap: diagnostics of a failure" grep -q '^# bad <xml>' "$tmp/tap"
prove -v -e cat "$tmp/tap" > "$tmp/prove" 2>&1
check "tap: prove reads 15 tests, 3 failed" grep -q 'Failed 3/15 subtests' "$tmp/prove"
check "tap: prove sees 4 skipped" grep -q 'less 4 skipped subtests: 8 okay' "$tmp/prove"
check "tap: no parse errors" sh -c "! grep -q 'Parse errors' '$tmp/prove'"
"$bin" --format=tap "$s/a_pass.pkt" "$s/sub" > "$tmp/tap_pass"
check "tap: prove passes an all-pass report" quiet prove -e cat "$tmp/tap_pass"

# ---- KTAP
run "$tmp/ktap" --format=ktap "$s"
check "ktap: header and plan" test "$(head -2 "$tmp/ktap" | tr '\n' ' ')" = "TAP version 13 1..15 "
check "ktap: results numbered 1..15 in order" test \
	"$(sed -nE 's/^(not )?ok ([0-9]+) .*/\2/p' "$tmp/ktap" | tr '\n' ' ')" = "$(seq -s ' ' 1 15) "
check "ktap: results are 'ok N name', no dash" test "$(grep -cE '^(not )?ok [0-9]+ [^-]' "$tmp/ktap")" = 15
check "ktap: totals" grep -qx '# Totals: pass:8 fail:3 xfail:0 xpass:0 skip:4 error:0' "$tmp/ktap"
check "ktap: totals match the result lines" test \
	"$(grep -cE '^ok [0-9]+ .* # SKIP ' "$tmp/ktap") $(grep -c '^not ok ' "$tmp/ktap")" = "4 3"
check "ktap: a failure's output comes before its result" \
	awk '/^# bad <xml>/ { seen = 1 } /^not ok/ { exit !seen }' "$tmp/ktap"
check "ktap: the last line is the totals" grep -q '^# Totals' <(tail -1 "$tmp/ktap")
prove -e cat "$tmp/ktap" > "$tmp/prove_k" 2>&1
check "ktap: prove reads it too" grep -q 'Failed 3/15 subtests' "$tmp/prove_k"

# ---- JUnit
run "$tmp/text2" --junit="$tmp/j.xml" "$s"
x() { xmllint --xpath "$1" "$tmp/j.xml"; }
check "junit: xmllint --noout validates it" xmllint --noout "$tmp/j.xml"
check "junit: one testcase per script and variant" test "$(x 'count(//testcase)')" = 15
per_class=
for c in ipv4 ipv6 ipv4-mapped-ipv6; do
	per_class="$per_class $(x "count(//testcase[@classname='pktdrill.$c'])")"
done
check "junit: 5 scripts in each of the 3 classnames" test "$per_class" = " 5 5 5"
suite=
for a in tests failures skipped; do
	suite="$suite $(x "string(//testsuite/@$a)")"
done
check "junit: suite counts" test "$suite" = " 15 3 4"
check "junit: failures and skips" test "$(x 'count(//failure)') $(x 'count(//skipped)')" = "3 4"
check "junit: a failure holds the stderr" \
	grep -qF 'bad <xml> & "q" ?? end' <(x 'string(//failure)')
check "junit: names escaped" test "$(x "count(//testcase[@name='$s/sub/d&e#1.pkt'])")" = 3
"$bin" --junit="$tmp/p.xml" "$s/a_pass.pkt" > /dev/null
check "junit: without variants, one testcase per script" test \
	"$(xmllint --xpath 'count(//testcase[@classname="pktdrill"])' "$tmp/p.xml")" = 1
finish
