#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The runner's verdicts do not depend on -j: tests/scripts/pass runs at -j1 and
# at -j4 (ipv4 and ipv6) and the two reports must agree run by run.
# A timing error on a loaded machine is not the runner's doing: a run that
# disagrees with a timing error is run again alone, and is only a failure of
# this test if it never gets the other verdict.
. "$(dirname "$0")/lib.sh"

# "verdict name" per run, e.g. "ok tests/scripts/pass/x.pkt (ipv6)".
verdicts() {
	sed -nE 's/^(ok|FAIL|TIMEOUT|skip) +([^ ]+ \([a-z0-9-]+\)).*/\1 \2/p' "$1"
}

# The report's lines for one run (its result line and its output).
block() {
	awk -v name="$2" '
		/^[^ ]/ { on = (index($0, " " name " ") || index($0, " " name ":")) }
		on' "$1"
}

# Runs one script in one family alone; prints its verdict word.
alone() {
	(cd "$top" && "$bin" -j1 --variants="$2" "$1") | sed -nE 's/^(ok|FAIL|TIMEOUT) .*/\1/p'
}

for j in 1 4; do
	(cd "$top" && "$bin" -j$j --variants=ipv4,ipv6 tests/scripts/pass) > "$tmp/j$j.out"
	verdicts "$tmp/j$j.out" > "$tmp/j$j.verdicts"
	echo "     -j$j: $(tail -2 "$tmp/j$j.out" | tr '\n' ';' | sed 's/;$//; s/;/; /')"
done
check "-j1 and -j4 report the same runs, in the same order" \
	diff <(cut -d' ' -f2- "$tmp/j1.verdicts") <(cut -d' ' -f2- "$tmp/j4.verdicts")
check "every script under tests/scripts/pass has a verdict" \
	test "$(cut -d' ' -f2 "$tmp/j1.verdicts" | sort -u | wc -l)" = \
	"$(find -L "$top/tests/scripts/pass" -name '*.pkt' | wc -l)"

diffs=0
while read -r v1 name; do
	v4=$(grep -F " $name" "$tmp/j4.verdicts" | cut -d' ' -f1)
	[ "$v1" = "$v4" ] && continue
	path=${name% (*}
	fam=${name##*(}
	fam=${fam%)}
	if block "$tmp/j1.out" "$name" | grep -q 'timing error' ||
	   block "$tmp/j4.out" "$name" | grep -q 'timing error'; then
		want=ok
		[ "$v1" = ok ] || [ "$v4" = ok ] || want=none
		again=$(alone "$path" "$fam"; alone "$path" "$fam"; alone "$path" "$fam")
		if printf '%s\n' "$again" | grep -qx "$want"; then
			echo "     note: $name: $v1 at -j1, $v4 at -j4 with a timing error;" \
			     "alone again: $(echo $again)"
			continue
		fi
	fi
	diffs=$((diffs + 1))
	echo "     $name: $v1 at -j1, $v4 at -j4"
	block "$tmp/j1.out" "$name" | sed 's/^/     -j1 /'
	block "$tmp/j4.out" "$name" | sed 's/^/     -j4 /'
done < "$tmp/j1.verdicts"
check "-j1 and -j4 give the same verdicts" test "$diffs" -eq 0
finish
