#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# docs/pktdrill-script.5, the language reference: its generated parts are
# what the binary's tables give (pktdrill --list-syscalls, --list-symbols;
# make docs rewrites them), every example in it runs with the exit status it
# says (and the stderr its "output" block shows), every .EX block says what
# it is, and the page renders without warnings (issue #16).
. "$(dirname "$0")/lib.sh"

ref=$top/docs/pktdrill-script.5

# ---- generated parts
for part in syscalls symbols; do
	"$bin" "--list-$part" > "$tmp/$part.want"
	awk -v part="$part" 'index($0, ".\\\" END GENERATED " part) == 1 { on = 0 }
		on { print }
		index($0, ".\\\" BEGIN GENERATED " part " ") == 1 { on = 1 }' "$ref" > "$tmp/$part.have"
	check "the $part of the reference are the table's ($(grep -c '^\.TP' "$tmp/$part.want") entries; else: make docs)" \
		cmp -s "$tmp/$part.want" "$tmp/$part.have"
done
check "every system call of the table is in the reference" test \
	"$(grep -c '^\\fB[a-z_0-9]*\\fR(' "$tmp/syscalls.have")" = "$(grep -c '^\.TP' "$tmp/syscalls.want")"

# ---- examples: each .EX after a comment line naming it (see the page's top)
ex=$tmp/ex
mkdir -p "$ex"
awk -v dir="$ex" '
	function unroff(s) { gsub(/\\-/, "-", s); gsub(/\\e/, "\\", s); sub(/^\\&/, "", s); return s }
	/^\.\\" (example|output|syntax)( |$)/ {
		kind = $2; name = $3; marked = NR
		if (kind == "example") {
			line = name " " $4
			for (i = 5; i <= NF; i++) line = line " " unroff($i)
			print line > (dir "/list")
		}
		next
	}
	/^\.EX$/ {
		if (marked != NR - 1) { print "line " NR ": an .EX block no comment line names" > (dir "/unmarked"); kind = "syntax" }
		file = kind == "example" ? dir "/" name ".pkt" : kind == "output" ? dir "/" name ".out" : dir "/syntax"
		printf "" > file
		inside = 1
		next
	}
	/^\.EE$/ { inside = 0; kind = "syntax"; next }
	inside { print unroff($0) > file }' "$ref"
check "every .EX block says what it is" test ! -e "$ex/unmarked" || cat "$ex/unmarked"
n=$(wc -l < "$ex/list")
check "the reference has examples ($n)" test "$n" -ge 12
mask() { sed -E 's/[0-9]+\.[0-9]{6}/<T>/g'; }
while read -r name status args; do
	# shellcheck disable=SC2086
	(cd "$ex" && timeout -s KILL 60 "$bin" $args "$name.pkt") > "$tmp/out" 2> "$tmp/err"
	rc=$?
	# a run that failed only on time under load gets one more try
	if [ "$rc" != "$status" ] && grep -q 'timing error' "$tmp/err"; then
		# shellcheck disable=SC2086
		(cd "$ex" && timeout -s KILL 60 "$bin" $args "$name.pkt") > "$tmp/out" 2> "$tmp/err"
		rc=$?
	fi
	check "example $name: exit $rc${args:+ (with $args)}" test "$rc" = "$status" ||
		sed 's/^/     | /' "$tmp/err"
	if [ -e "$ex/$name.out" ]; then
		check "  its stderr is the output the reference shows" \
			cmp -s <(mask < "$ex/$name.out") <(mask < "$tmp/err") ||
			diff <(mask < "$ex/$name.out") <(mask < "$tmp/err") | sed 's/^/     | /'
	fi
done < "$ex/list"
for out in "$ex"/*.out; do
	[ -e "$out" ] || continue
	check "output $(basename "$out" .out) belongs to an example" \
		grep -q "^$(basename "$out" .out) " "$ex/list"
done

# ---- rendering
check_renders "the reference" "$ref"
finish
