#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make valgrind: memcheck on the normal build. Any memcheck error, and any
# definite or indirect leak, in any process fails the run: each process (forked
# children included) logs to its own file, and a log whose ERROR SUMMARY is not
# 0, or that shows a crash, is a failure whatever the process's exit status.
#
# What runs, JOBS (default 2) at a time:
#  - every unit test given as an argument; it must pass;
#  - the bundled scripts/state_*.pkt, one pktdrill each, in ipv4 and ipv6 in
#    turn; ipv4 ones with --timeout (a forked child and its backstop parent),
#    ipv6 ones without (in pktdrill's own process); they must pass;
#  - the pass scripts listed below, through the runner, once per family; they
#    must pass;
#  - every tests/scripts/fail script and every fifth tests/scripts/bad one, in
#    sorted order (bad scripts only parse, and all of them are fuzzed and
#    replayed under ASan by tests/fuzz/regress.sh), through the runner in one
#    process tree (a valgrind start-up per script would cost a minute). Their
#    verdicts are run_scripts.sh's business, not checked here: these runs are
#    for the error paths' memory.
# Memcheck runs the code 20-50 times slower, so events drift past the default
# 4 ms timing tolerance (a SYN-ACK seen 6 ms "early" relative to its late
# inbound SYN): every run gets --tolerance_usecs=50000, which beats a script's
# own option line (none of the pass scripts here asks for more). The point is
# memory errors and leaks, not timing. The pass scripts below hold at that
# tolerance; scripts that assert on measured times (tcpi_rtt in a code block,
# connect() calls that must return within 100 ms, a command at 0.3 s) do not
# and are left out.
# Scripts that hand the kernel a NULL buffer on purpose (EFAULT checks) are
# covered by tests/valgrind.supp.
# VALGRIND_QUICK=1 (CI, for its time budget) runs the first two only.
# Usage: PKTDRILL=bin tests/check_valgrind.sh UNIT_TEST...
# Ends with "valgrind: N passed, N failed"; exits non-zero on any failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL:-$top/pktdrill}
jobs=${JOBS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/logs"

vg="valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect
	--show-leak-kinds=definite,indirect --error-exitcode=99
	--suppressions=$top/tests/valgrind.supp --log-file=$tmp/logs/%p.log"
tol=--tolerance_usecs=50000

# Pass scripts for the runner part: the system calls with buffers, iovecs,
# control messages and socket options, code blocks (native and python3),
# commands, TCP options, segment aggregation, ICMP, UDP, blocking calls on the
# worker thread and state checks. None may be v4- or v6-only: each runs in
# both families.
pass_scripts="
	syscalls/ioctl.pkt syscalls/sendto_recvfrom.pkt syscalls/sendmsg_recvmsg.pkt
	syscalls/readv_writev.pkt syscalls/poll_epoll.pkt syscalls/sockopt_values.pkt
	syscalls/sockopts_linger.pkt syscalls/errno_econnreset.pkt syscalls/recv_flags.pkt
	syscalls_udp_ping/udp_sendto.pkt syscalls_files_pipes/pipe_splice.pkt
	syscalls_files_pipes/open_sendfile.pkt
	code/python_fallback.pkt commands/init_cleanup.pkt options/sack_outbound.pkt
	options/timestamps.pkt aggregation/tso_super_segments.pkt packets/icmp_port_unreachable.pkt
	packets/udp_connected.pkt timing/blocking_read.pkt
	state_check/invisible_to_tcp_info.pkt"

# One case: a kind and its arguments. Prints "ok   ..." or "FAIL ...".
run_case() {
	local kind=$1 out rc
	shift
	out=$(mktemp)
	case $kind in
	unit)
		$vg "$1" > "$out" 2>&1 ;;
	state)
		local timeout=
		[ "$1" = ipv4 ] && timeout=--timeout=300
		(cd "$top/scripts" && $vg "$bin" $tol $timeout --ip_version="$1" "$2") > "$out" 2>&1 ;;
	pass)
		(cd "$top/tests/scripts/pass" && $vg "$bin" -j2 $tol --ip_version="$1" $pass_scripts) \
			> "$out" 2>&1 ;;
	esac
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "ok   $kind $*"
	else
		echo "FAIL $kind $*: exit $rc"
		grep -E '^(FAIL|TIMEOUT)|error|Error|FAIL' "$out" | head -20 | sed 's/^/     | /'
	fi
	rm -f "$out"
}
export -f run_case
export vg tol bin top pass_scripts

{
	for t in "$@"; do echo "unit $t"; done
	fam=ipv6
	for f in "$top"/scripts/state_*.pkt; do
		fam=$([ $fam = ipv4 ] && echo ipv6 || echo ipv4)
		echo "state $fam $(basename "$f")"
	done
} > "$tmp/cases"
t0=$SECONDS
xargs -P "$jobs" -L 1 bash -c 'run_case "$@"' _ < "$tmp/cases" | tee "$tmp/out"
echo "== valgrind: unit tests and state scripts took $((SECONDS - t0)) s"

# The runner's own parallelism (-j2) takes the place of xargs from here on.
pass_part() {
	local fam t0=$SECONDS
	for fam in ipv4 ipv6; do
		run_case pass "$fam"
	done
	echo "== valgrind: pass scripts took $((SECONDS - t0)) s"
}

# The fail scripts and a fifth of the bad ones: only memcheck's verdict counts
# (see the top).
errors_part() {
	local sample summary t0=$SECONDS
	sample=$(find "$top/tests/scripts/bad" -name '*.pkt' | sort | awk 'NR % 5 == 1')
	# shellcheck disable=SC2086
	(cd "$top" && $vg "$bin" -j2 $tol tests/scripts/fail $sample) > "$tmp/errors.out" 2>&1
	summary=$(tail -1 "$tmp/errors.out")
	if grep -qE '^TIMEOUT|killed by signal' "$tmp/errors.out" ||
	   ! printf '%s' "$summary" | grep -qE '^[0-9]+ passed, [0-9]+ failed'; then
		echo "FAIL fail and bad scripts: a run timed out or was killed, or no report"
		grep -E '^TIMEOUT |killed by signal' "$tmp/errors.out" | head -20 | sed 's/^/     | /'
		tail -3 "$tmp/errors.out" | sed 's/^/     | /'
	else
		echo "ok   fail and bad scripts through the runner: $(grep -E '^[0-9]+ runs in' \
			"$tmp/errors.out"), none killed or timed out"
	fi
	echo "== valgrind: fail and bad scripts took $((SECONDS - t0)) s"
}

if [ -n "${VALGRIND_QUICK:-}" ]; then
	echo "VALGRIND_QUICK: not the pass list, fail and bad scripts (make valgrind without it runs them)"
else
	pass_part | tee -a "$tmp/out"
	errors_part | tee -a "$tmp/out"
fi

# Memcheck's reports, from every process; and crashes (SIGILL, SIGABRT, SIGBUS,
# SIGFPE, SIGSEGV), which leave no ERROR SUMMARY.
bad_logs=$(grep -lE 'ERROR SUMMARY: [1-9]|Process terminating with default action of signal (4|6|7|8|11) ' \
	"$tmp"/logs/*.log 2>/dev/null)
nlogs=$(find "$tmp/logs" -name '*.log' | wc -l)
if [ -n "$bad_logs" ]; then
	# Many processes may report the same thing: each distinct first error
	# (its kind and the first frame) is shown once, with how many had it.
	echo "FAIL memcheck: $(printf '%s\n' "$bad_logs" | wc -l) of $nlogs processes reported:"
	for f in $bad_logs; do
		key=$(sed -E 's/^==[0-9]+== ?//; s/0x[0-9A-Fa-f]+: //' "$f" | awk '
			/Invalid|uninitialised|Conditional jump|Syscall param|definitely lost|indirectly lost|Mismatched|overlap|Process terminating/ && !k { k = $0; next }
			k && /^ *(at|by) / && !/malloc|calloc|realloc|strdup|vgpreload/ { print k " | " $0; done = 1; exit }
			END { if (!k) print "(see the log)"; else if (!done) print k }' | head -1)
		printf '%s\t%s\n' "$key" "$f"
	done | sort -t$'\t' -k1,1 > "$tmp/keys"
	cut -f1 "$tmp/keys" | uniq -c | sed 's/^/     | /'
	cut -f1 "$tmp/keys" | uniq | while IFS= read -r key; do
		f=$(grep -F -m1 -- "$key"$'\t' "$tmp/keys" | cut -f2)
		echo "--- $(basename "$f"), one of those with: $key"
		grep -vE '^==[0-9]+== ?$|Copyright|Using Valgrind|Memcheck, a memory' "$f" | head -60
	done
else
	echo "ok   memcheck: no errors or leaks in $nlogs processes"
fi | tee -a "$tmp/out"

passed=$(grep -c '^ok ' "$tmp/out")
failed=$(grep -c '^FAIL ' "$tmp/out")
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
