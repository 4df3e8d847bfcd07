#!/bin/bash
# Runs the script tests: tests/scripts/pass/**/*.pkt must pass in IPv4 and IPv6;
# tests/scripts/fail/*.pkt and tests/scripts/bad/*.pkt must fail with exactly the
# exit status and stderr in their sibling .expected file (first line "# exit N",
# optional "# args: ..." line; times like 0.123456 are masked as <T> and
# "came 1.234 ms later" as "came <ms> later").
# Prints one line per case and ends with "N passed, N failed".
# PASS_FAMILIES=alternate (make check-sanitize) runs each pass script once:
# in its own family if its name ends in v4.pkt or v6.pkt, otherwise ipv4 and
# ipv6 in turn down the sorted list, so both families' code still runs.
# SKIP_BAD=1 (make check-sanitize) leaves out tests/scripts/bad, and says so.
# MIN_TOLERANCE_USECS=N (make check-sanitize, whose build is slower) runs the
# pass scripts with --tolerance_usecs=N unless their own option line asks for
# more (the command line would override it).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL:-$top/pktdrill}
jobs=${JOBS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mask() { sed -E 's/[0-9]+\.[0-9]{6}/<T>/g; s/came [0-9]+\.[0-9]{3} ms (later|earlier)/came <ms> \1/'; }

# Every run is killed after 120 s, so a hang fails one case instead of CI.
# A run that failed only on time, while the machine was busy, gets up to two
# more tries (as upstream's own baseline re-runs flaky scripts); anything
# else must hold on the first try.
tries=3

# One pass case: script path and family.
run_pass() {
	local pkt=$1 fam=$2 out rc try own tol=()
	local dir; dir=$(dirname "$pkt")
	if [ -n "${MIN_TOLERANCE_USECS:-}" ]; then
		own=$(sed -n 's/^--tolerance_usecs=\([0-9]*\).*/\1/p' "$pkt" | tail -1)
		[ "${own:-0}" -lt "$MIN_TOLERANCE_USECS" ] && tol=(--tolerance_usecs="$MIN_TOLERANCE_USECS")
	fi
	for try in $(seq 1 $tries); do
		out=$(cd "$dir" && timeout -s KILL 120 "$bin" "${tol[@]}" --ip_version="$fam" \
			"$(basename "$pkt")" 2>&1)
		rc=$?
		[ $rc -ne 0 ] && printf '%s' "$out" | grep -q 'timing error' || break
	done
	if [ $rc -eq 0 ]; then
		echo "ok   $pkt ($fam)$([ "$try" -gt 1 ] && echo " (try $try: timing)")"
	else
		echo "FAIL $pkt ($fam): exit $rc"
		printf '%s\n' "$out" | sed 's/^/     | /'
	fi
}

# One expected-failure case.
run_fail() {
	local pkt=$1 exp=${1%.pkt}.expected
	local want_rc args
	want_rc=$(sed -n 's/^# exit //p' "$exp" | head -1)
	args=$(sed -n 's/^# args: //p' "$exp" | head -1)
	local dir; dir=$(dirname "$pkt")
	local want; want=$(grep -vE '^# (exit |args: )' "$exp")
	local errf; errf=$(mktemp)
	local rc got try
	for try in $(seq 1 $tries); do
		(cd "$dir" && timeout -s KILL 120 $bin $args "$(basename "$pkt")" >/dev/null 2>"$errf")
		rc=$?
		got=$(mask < "$errf")
		# retry only an unexpected timing error
		[ "$got" != "$want" ] && printf '%s' "$got" | grep -q 'timing error' &&
			! printf '%s' "$want" | grep -q 'timing error' || break
	done
	rm -f "$errf"
	if [ "$rc" = "$want_rc" ] && [ "$got" = "$want" ]; then
		echo "ok   $pkt (exit $rc)"
	else
		echo "FAIL $pkt: exit $rc (want $want_rc)"
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | sed 's/^/     | /'
	fi
}
export -f run_pass run_fail mask
export bin tries MIN_TOLERANCE_USECS

families=${PASS_FAMILIES:-both}
case "$families" in
both) ;;
alternate) echo "pass scripts: one family each (PASS_FAMILIES=alternate)" ;;
*) echo "PASS_FAMILIES must be both or alternate" >&2; exit 2 ;;
esac
fail_dirs=("$top/tests/scripts/fail" "$top/tests/scripts/bad")
if [ -n "${SKIP_BAD:-}" ]; then
	echo "tests/scripts/bad: left out (SKIP_BAD)"
	fail_dirs=("$top/tests/scripts/fail")
fi
{
	n=0
	find -L "$top/tests/scripts/pass" -name '*.pkt' | sort | while read -r f; do
		case "$f" in
		*v6.pkt) echo "pass $f ipv6" ;;
		*v4.pkt) echo "pass $f ipv4" ;;
		*) if [ "$families" = both ]; then
			echo "pass $f ipv4"; echo "pass $f ipv6"
		   elif [ $((n++ % 2)) -eq 0 ]; then
			echo "pass $f ipv4"
		   else
			echo "pass $f ipv6"
		   fi ;;
		esac
	done
	find "${fail_dirs[@]}" -name '*.pkt' | sort |
		while read -r f; do echo "fail $f"; done
} > "$tmp/cases"

xargs -P "$jobs" -L 1 bash -c 'if [ "$0" = pass ]; then run_pass "$1" "$2"; else run_fail "$1"; fi' \
	< "$tmp/cases" | tee "$tmp/out"

passed=$(grep -c '^ok ' "$tmp/out")
failed=$(grep -c '^FAIL ' "$tmp/out")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
