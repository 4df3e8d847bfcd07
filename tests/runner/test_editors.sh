#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The editor support (packaging/editors/): the TextMate grammar tokenises every script
# under tests/ and ../shared as VS Code does (the npm packages
# vscode-textmate and vscode-oniguruma, installed in $BUILD/editors-test from
# tests/editors/package.json) and finds an invalid token exactly in the
# scripts whose characters pktdrill's lexer rejects; the vim files detect
# *.pkt and give the sample's text its groups; both know the system calls of
# pktdrill's table. Without node and npm (or vim) those parts are skipped,
# saying why, and counted (issue #16).
. "$(dirname "$0")/lib.sh"

grammar=$top/packaging/editors/vscode/syntaxes/pktdrill.tmLanguage.json
modules=$top/${BUILD:-build}/editors-test
skipped=0
skip() { echo "skip $*"; skipped=$((skipped + 1)); }

# ---- the system calls of the table, in the grammar and in vim
"$bin" --list-syscalls | sed -n 's/^\\fB\([a-z_0-9]*\)\\fR(.*/\1/p' | sort > "$tmp/calls"
python3 -c '
import json, re, sys
g = json.load(open(sys.argv[1]))
for p in g["repository"]["call"]["patterns"]:
    if p["name"].startswith("entity.name.function.syscall"):
        print("\n".join(sorted(re.search(r"\(\?:([^)]*)\)", p["match"]).group(1).split("|"))))
' "$grammar" > "$tmp/grammar_calls"
check "the grammar's system calls are the table's ($(wc -l < "$tmp/calls"))" \
	cmp -s "$tmp/calls" "$tmp/grammar_calls"
sed -n '/^syn keyword pktSyscall/,/^syn keyword/p' "$top/packaging/editors/vim/syntax/pktdrill.vim" |
	sed '$d; s/^syn keyword pktSyscall//; s/^ *\\//' | tr ' ' '\n' | grep . | sort > "$tmp/vim_calls"
check "vim's system calls are the table's" cmp -s "$tmp/calls" "$tmp/vim_calls"
for f in "$top"/packaging/editors/vscode/*.json "$grammar"; do
	check "$(basename "$f") is JSON" python3 -m json.tool "$f" /dev/null
done

# ---- the TextMate grammar, as VS Code runs it
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
	skip "the TextMate grammar through vscode-textmate: needs node and npm (Debian: nodejs, npm)"
elif ! { cmp -s "$top/tests/editors/package.json" "$modules/package.json" &&
		[ -d "$modules/node_modules/vscode-textmate" ]; } &&
	! { mkdir -p "$modules" && cp "$top/tests/editors/package.json" "$modules/" &&
		npm install --prefix "$modules" --no-audit --no-fund --no-save > "$tmp/npm.log" 2>&1; }; then
	sed 's/^/     | /' "$tmp/npm.log" | tail -5
	rm -f "$modules/package.json"
	skip "the TextMate grammar through vscode-textmate: npm install failed (no registry?)"
else
	scripts=$(cd "$top" && find tests ../shared -name '*.pkt' 2> /dev/null | sort)
	# the scripts whose characters pktdrill's lexer rejects
	for f in $scripts; do
		(cd "$top" && "$bin" --dry_run "$f" 2>&1 | grep -qE \
			'error: (unexpected character|unexpected control character|invalid UTF-8 byte|NUL byte)') &&
			echo "$f"
	done > "$tmp/rejected"
	(cd "$top" && NODE_PATH=$modules/node_modules node tests/editors/tokenize.js "$grammar" \
		<<< "$scripts") > "$tmp/tokens"
	tail -1 "$tmp/tokens"
	grep -o '^[^:]*' "$tmp/tokens" | grep '\.pkt$' | sort -u > "$tmp/invalid"
	check "$(wc -l <<< "$scripts") scripts tokenised: $(tail -1 "$tmp/tokens" | grep -o '[0-9]* tokens')" \
		grep -q "^$(wc -l <<< "$scripts") files," "$tmp/tokens"
	check "an invalid token only where pktdrill's lexer rejects a character" \
		sh -c "! comm -23 '$tmp/invalid' '$tmp/rejected' | grep ." ||
		comm -23 "$tmp/invalid" "$tmp/rejected" | while read -r f; do grep "^$f:" "$tmp/tokens"; done |
		head -20 | sed 's/^/     | /'
	check "and one in every such script ($(wc -l < "$tmp/rejected"): '#', control bytes, bad UTF-8, ...)" \
		sh -c "! comm -13 '$tmp/invalid' '$tmp/rejected' | grep ." ||
		comm -13 "$tmp/invalid" "$tmp/rejected" | sed 's/^/     | missed: /'
fi

# ---- vim
if ! command -v vim > /dev/null; then
	skip "the vim files: needs vim"
else
	(cd "$top" && OUT=$tmp/vim.out vim -Nu NONE -i NONE -es --cmd 'set rtp^=packaging/editors/vim' \
		-c 'filetype on' -c 'syntax on' -c 'e tests/editors/sample.pkt' \
		-S tests/editors/check.vim)
	check "vim: *.pkt is pktdrill, and the sample's text gets its groups" \
		test -f "$tmp/vim.out" -a ! -s "$tmp/vim.out" || sed 's/^/     | /' "$tmp/vim.out"
fi
echo "editors: $failures failed, $skipped skipped"
finish
