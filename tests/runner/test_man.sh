#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# docs/pktdrill.1 documents every flag --help lists (the runner's and
# runtime/config.c's), and renders without warnings.
. "$(dirname "$0")/lib.sh"

man=$top/docs/pktdrill.1
"$bin" --help > "$tmp/help"
grep -oE '^  (-[a-zA-Z]( [A-Z]+)?, )?--[A-Za-z0-9_-]+' "$tmp/help" | grep -oE -- '--[A-Za-z0-9_-]+$' > "$tmp/flags"
grep -oE '^  -[a-zA-Z]' "$tmp/help" | tr -d ' ' >> "$tmp/flags"
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man" > "$tmp/man.txt"
missing=
while read -r flag; do
	grep -qE -- "(^|[^A-Za-z0-9_-])$flag([^A-Za-z0-9_-]|$)" "$tmp/man.txt" || missing="$missing $flag"
done < "$tmp/flags"
check "$(wc -l < "$tmp/flags") flags in --help, all in docs/pktdrill.1${missing:+ (missing:$missing)}" \
	test -z "$missing"
check_renders "the man page" "$man"
finish
