#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Invalid-script cases too big or too odd to commit as files: a 10 MB line, a
# 10 MB comment before an error, nesting deeper than the parser's stack, a
# directory and a missing file given as the script. Each is generated in a temp
# dir and must exit 2 with the given first line of stderr.
# Prints one line per case and ends with "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${PKTDRILL:-$top/pktdrill}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
mb10=10485760

# check NAME WANT_FIRST_LINE PATH: runs pktdrill on PATH from $tmp.
check() {
	local name=$1 want=$2 path=$3 rc got
	(cd "$tmp" && timeout 60 "$bin" "$path" >/dev/null 2>"$tmp/err")
	rc=$?
	got=$(head -c 4096 "$tmp/err" | head -1)
	if [ $rc -eq 2 ] && [ "$got" = "$want" ]; then
		echo "ok   $name (exit $rc)"
		passed=$((passed + 1))
	else
		echo "FAIL $name: exit $rc (want 2)"
		printf '     | want: %s\n     | got:  %s\n' "$want" "${got:0:200}"
		failed=$((failed + 1))
	fi
}

# n copies of the string s, without a newline
repeat() { head -c "$2" /dev/zero | tr '\0' "$1"; }

socket='0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3'

# 6500 errors on one 64 KB line: at most 100 are shown, each quoting a window
# of the line, so the output stays small and quick (it was 634 MB).
{ echo "$socket"; printf '+0 < S 0:0(0) win 100 <'; for i in $(seq 1 6499); do printf 'mss 99999,'; done
  echo 'mss 99999>'; } > "$tmp/many_errors.pkt"
check many_errors "many_errors.pkt:2:28: error: mss value out of range" many_errors.pkt
size=$(wc -c < "$tmp/err")
if [ "$size" -lt 100000 ] && grep -q 'too many errors; not showing the rest' "$tmp/err"; then
	echo "ok   many_errors: $size bytes of messages, capped"
	passed=$((passed + 1))
else
	echo "FAIL many_errors: $size bytes of messages, or no cap"
	failed=$((failed + 1))
fi

# A 10 MB word where the window belongs: the message quotes only its start.
{ echo "$socket"; printf '+0 < S 0:0(0) win '; repeat x $mb10; echo; } > "$tmp/long_line.pkt"
check long_line \
	"long_line.pkt:2:19: error: syntax error at 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...': unexpected word, expecting integer" \
	long_line.pkt

# A 10 MB comment line does not upset line and column counting after it.
{ echo "$socket"; printf '// '; repeat x $mb10; printf '\n+0 < s 0:0(0) win 1000\n'; } \
	> "$tmp/long_comment.pkt"
check long_comment "long_comment.pkt:3:6: error: Invalid TCP flag: 's'" long_comment.pkt

# A 10 MB string that never ends.
{ echo "$socket"; printf '+0 write(3, "'; repeat a $mb10; echo; } > "$tmp/long_string.pkt"
check long_string "long_string.pkt:2:13: error: unterminated string" long_string.pkt

# 20000 nested brackets: more than bison's stack of 10000 allows.
{ echo "$socket"; printf '+0 close('; repeat '[' 20000; echo ') = 0'; } > "$tmp/deep.pkt"
check deep_nesting "deep.pkt:2:10004: error: nesting too deep (parser stack exhausted)" deep.pkt

# A directory without scripts, and a file that does not exist.
mkdir "$tmp/empty_dir.pkt"
check directory "pktdrill: error: no *.pkt script under 'empty_dir.pkt'" empty_dir.pkt
check missing_file "no_such_file.pkt: error: cannot read script: No such file or directory" \
	no_such_file.pkt

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
