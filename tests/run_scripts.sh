#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs the script tests: tests/scripts/pass/**/*.pkt must pass in IPv4 and IPv6;
# tests/scripts/fail/*.pkt and tests/scripts/bad/*.pkt must fail with exactly the
# exit status and stderr in their sibling .expected file (first line "# exit N",
# optional "# args: ..." line; times like 0.123456 are masked as <T> and
# "came 1.234 ms later" as "came <ms> later"). A .expected file without its
# script is a failure (a test that never runs).
#
# Needs: a script that needs something optional says so in "// needs:" lines
# among the comments and option lines at its top (before its first event or
# command); later ones are plain comments. Each need is one of
#   tool NAME       a command on the PATH (tool tshark)
#   python3         the interpreter of %{ }% blocks outside the native subset
#                   (tool python3)
#   sysctl NAME     the sysctl exists (sysctl net.ipv4.tcp_ecn: /proc/sys/...)
#   module NAME     a kernel module is available: loaded, or built in with
#                   parameters (/sys/module/NAME), or known to modinfo
#                   (installed or built in); tcp_X also if X is in
#                   net.ipv4.tcp_available_congestion_control; sch_X on a
#                   kernel without module files (so nothing gets loaded) also
#                   if a throwaway namespace takes qdisc X, without
#                   parameters, on its lo
# several on a line (commas optional) or on several lines:
#   // needs: tool tshark, module sch_fq
#   // needs: python3
# An unmet need makes the case a skip, never a failure, printed as
#   skip <script> (ipv4): needs tool tshark (not found)
# and an unknown need is a failure (a typo must not pass as a skip). There
# is no family need: a script named *v4.pkt or *v6.pkt runs in that family
# only.
#
# Prints one line per case and ends with "N passed, N failed, N skipped",
# then "; N passed only on a retry (timing)" if any did (see tries below).
# SCRIPTS_DIR=dir (tests/runner/test_run_scripts.sh) runs dir/pass, dir/fail
# and dir/bad instead of tests/scripts/*.
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
scripts=${SCRIPTS_DIR:-$top/tests/scripts}
jobs=${JOBS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mask() { sed -E 's/[0-9]+\.[0-9]{6}/<T>/g; s/came [0-9]+\.[0-9]{3} ms (later|earlier)/came <ms> \1/'; }

# Every run is killed after 120 s, so a hang fails one case instead of CI.
# A run that failed only on time, while the machine was busy, gets up to two
# more tries (as upstream's own baseline re-runs flaky scripts); anything
# else must hold on the first try.
tries=3

# The words of a script's "// needs:" lines at its top (commas as blanks).
needs_of() {
	awk '/^[ \t]*(\/\/|--|$)/ { if (sub(/^[ \t]*\/\/[ \t]*needs:/, "")) print; next }
	     { exit }' "$1" | tr ',' ' '
}

# module_available NAME: whether a kernel module is there (see the top).
module_available() {
	local m=$1
	[ -d "/sys/module/$m" ] && return 0
	command -v modinfo > /dev/null && modinfo "$m" > /dev/null 2>&1 && return 0
	case $m in
	tcp_?*)
		grep -qw -- "${m#tcp_}" /proc/sys/net/ipv4/tcp_available_congestion_control ;;
	sch_?*)
		# Only where no module can be loaded: the probe must not change the host.
		[ ! -d "/lib/modules/$(uname -r)" ] &&
			unshare -n tc qdisc add dev lo root "${m#sch_}" > /dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}

# unmet_need SCRIPT: exit 0 if the script's needs are met; 1 with
# "needs KIND NAME (why)" printed for the first unmet one; 2 with the problem
# printed for a need it does not know.
unmet_need() {
	local words kind name
	read -r -a words <<< "$(needs_of "$1" | tr '\n' ' ')"
	set -- "${words[@]}"
	while [ $# -gt 0 ]; do
		kind=$1
		shift
		if [ "$kind" = python3 ]; then
			command -v python3 > /dev/null || { echo "needs python3 (not found)"; return 1; }
			continue
		fi
		case $kind in
		tool | sysctl | module) ;;
		*) echo "unknown need '$kind' (tool NAME, python3, sysctl NAME, module NAME)"
		   return 2 ;;
		esac
		[ $# -gt 0 ] || { echo "need '$kind' without a name"; return 2; }
		name=$1
		shift
		case $kind in
		tool) command -v "$name" > /dev/null ||
			{ echo "needs tool $name (not found)"; return 1; } ;;
		sysctl) [ -e "/proc/sys/${name//.//}" ] ||
			{ echo "needs sysctl $name (no /proc/sys/${name//.//})"; return 1; } ;;
		module) module_available "$name" ||
			{ echo "needs module $name (not loaded, built in or installed)"; return 1; } ;;
		esac
	done
	return 0
}

# Whether to run a case (its label: script and family): prints its skip or
# FAIL line and fails if not.
wanted() {
	local why rc
	why=$(unmet_need "$1")
	rc=$?
	case $rc in
	0) return 0 ;;
	1) echo "skip $2: $why" ;;
	*) echo "FAIL $2: $why" ;;
	esac
	return 1
}

# One pass case: script path and family.
run_pass() {
	local pkt=$1 fam=$2 out rc try own tol=()
	local dir; dir=$(dirname "$pkt")
	wanted "$pkt" "$pkt ($fam)" || return 0
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
	wanted "$pkt" "$pkt" || return 0
	want_rc=$(sed -n 's/^# exit //p' "$exp" | head -1)
	args=$(sed -n 's/^# args: //p' "$exp" | head -1)
	local dir; dir=$(dirname "$pkt")
	local want; want=$(grep -vE '^# (exit |args: |SPDX-License-Identifier)' "$exp")
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
		echo "ok   $pkt (exit $rc)$([ "$try" -gt 1 ] && echo " (try $try: timing)")"
	else
		echo "FAIL $pkt: exit $rc (want $want_rc)"
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | sed 's/^/     | /'
	fi
}
export -f run_pass run_fail mask needs_of module_available unmet_need wanted
export bin tries MIN_TOLERANCE_USECS

families=${PASS_FAMILIES:-both}
case "$families" in
both) ;;
alternate) echo "pass scripts: one family each (PASS_FAMILIES=alternate)" ;;
*) echo "PASS_FAMILIES must be both or alternate" >&2; exit 2 ;;
esac
fail_dirs=("$scripts/fail" "$scripts/bad")
if [ -n "${SKIP_BAD:-}" ]; then
	echo "tests/scripts/bad: left out (SKIP_BAD)"
	fail_dirs=("$scripts/fail")
fi
{
	n=0
	find -L "$scripts/pass" -name '*.pkt' | sort | while read -r f; do
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

{
	xargs -P "$jobs" -L 1 bash -c \
		'if [ "$0" = pass ]; then run_pass "$1" "$2"; else run_fail "$1"; fi' < "$tmp/cases"
	find "${fail_dirs[@]}" -name '*.expected' | sort | while read -r e; do
		[ -e "${e%.expected}.pkt" ] || echo "FAIL $e: no script $(basename "${e%.expected}").pkt"
	done
} | tee "$tmp/out"

passed=$(grep -c '^ok ' "$tmp/out")
failed=$(grep -c '^FAIL ' "$tmp/out")
skipped=$(grep -c '^skip ' "$tmp/out")
retried=$(grep -c '^ok .* (try [0-9]*: timing)$' "$tmp/out")
summary="$passed passed, $failed failed, $skipped skipped"
[ "$retried" -gt 0 ] && summary+="; $retried passed only on a retry (timing)"
echo "$summary"
[ "$failed" -eq 0 ]
