#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# JUnit: an invalid script (exit 2) is an <error>, a script that fails is a
# <failure>; the suite counts them apart (issue #16).
. "$(dirname "$0")/lib.sh"

s=$tmp/s
script "$s/a_pass.pkt" '0 `true`'
script "$s/b_fail.pkt" '0 `false`'
script "$s/c_invalid.pkt" '0 acept(3, ..., ...) = 0'
script "$s/d_syntax.pkt" '0 close(3'
"$bin" --junit="$tmp/j.xml" "$s" > "$tmp/text"
check "exit 1: runs failed" test $? = 1
x() { xmllint --xpath "$1" "$tmp/j.xml"; }
check "xmllint --noout validates it" xmllint --noout "$tmp/j.xml"
check "the failing script is a <failure>" \
	test "$(x "count(//testcase[@name='$s/b_fail.pkt']/failure)")" = 1
for f in c_invalid d_syntax; do
	check "the invalid $f.pkt is an <error>, not a <failure>" test \
		"$(x "count(//testcase[@name='$s/$f.pkt']/error) + 10 * count(//testcase[@name='$s/$f.pkt']/failure)")" = 1
done
check "the error says why and holds the diagnostic" \
	sh -c "xmllint --xpath 'string(//testcase[@name=\"$s/c_invalid.pkt\"]/error/@message)' '$tmp/j.xml' | grep -q 'exit 2 (invalid script' &&
	       xmllint --xpath 'string(//testcase[@name=\"$s/c_invalid.pkt\"]/error)' '$tmp/j.xml' | grep -q \"did you mean 'accept'\""
suite=
for a in tests failures errors skipped; do
	suite="$suite $(x "string(//testsuite/@$a)")"
done
check "suite counts: 4 tests, 1 failure, 2 errors ($suite)" test "$suite" = " 4 1 2 0"
check "the text report still says FAIL with the exit status" \
	grep -qE "^FAIL +$s/c_invalid.pkt .*exit 2 \(invalid script or command line\)" "$tmp/text"
finish
