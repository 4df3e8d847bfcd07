# SPDX-License-Identifier: GPL-2.0-only
# Shared by tests/runner/test_*.sh: the binary, a scratch directory, checks.
# Each test prints "ok   what" / "FAIL what" lines and exits non-zero on a failure.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A private copy: the tree's binary may be rebuilt while a long test runs.
cp "${PKTDRILL:-$top/pktdrill}" "$tmp/pktdrill"
bin=$tmp/pktdrill
failures=0

ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
# skip "what" "why": a check that cannot run here (a missing optional tool);
# never a failure.
skip() { echo "skip $1: $2"; }

# check "what" command...: ok if the command succeeds.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}

# Runs a command with its output thrown away (for check).
quiet() {
	"$@" > /dev/null 2>&1
}

# eventually COMMAND...: true once COMMAND succeeds, trying for up to 1 s.
# A run ends before the child that finishes closing its packet socket (one
# RCU grace period, ~15 ms; see sniffer_close_detached()): what a test means
# by "left behind" is what is still there after that.
eventually() {
	for _ in $(seq 20); do
		"$@" > /dev/null 2>&1 && return 0
		sleep 0.05
	done
	"$@"
}

# Processes whose command line matches $1 (our scripts' unique sleeps), once
# the run's own closer has had its time.
leftovers() {
	eventually sh -c '! pgrep -f -- "$1" > /dev/null' _ "$1"
	pgrep -fa -- "$1"
}

# check_renders "what" PAGE: the man page renders with no groff warning
# (a skip where there is no groff).
check_renders() {
	if command -v groff > /dev/null; then
		check "$1 renders without warnings" test -z "$(groff -man -Tutf8 -ww -z "$2" 2>&1)"
	else
		skip "$1's rendering" "no groff"
	fi
}

# Writes a script: path, then its lines.
script() {
	local path=$1
	shift
	mkdir -p "$(dirname "$path")"
	printf '%s\n' "$@" > "$path"
}

finish() {
	[ "$failures" -eq 0 ] && echo "all passed" && exit 0
	echo "$failures failed"
	exit 1
}
