#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runaway scripts and what outlives pktdrill: one script with --timeout stops
# at it, names the line it waited on, exits 1 and leaves nothing (no process,
# no network namespace); without --timeout it waits; whatever a shell command
# starts dies with pktdrill, even after SIGKILL.
. "$(dirname "$0")/lib.sh"

d=$tmp/d
u=$$	# in unique sleep durations, to look for afterwards
nsfs_mounts() { grep -c ' nsfs ' /proc/self/mountinfo; }
mounts0=$(nsfs_mounts)

# run ARGS...: runs pktdrill; sets rc, ms (wall time) and $tmp/err.
run() {
	local start
	start=$(date +%s%N)
	"$bin" "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
}

# A script whose first event notes its network namespace in $tmp/ns.NAME.
runaway() {
	local name=$1
	shift
	script "$d/$name.pkt" "0 \`readlink /proc/self/ns/net > $tmp/ns.$name\`" "$@"
}

# Nothing of the run is left: no process with the script in its command line
# (pktdrill, its child, the commands' keeper), no process in its network
# namespace, no new namespace mount; allowing for the sniffer's closer.
nothing_left() {
	eventually nothing_left_now "$1"
}
nothing_left_now() {
	local ns
	ns=$(cat "$tmp/ns.$1" 2> /dev/null) || { echo "     no namespace noted"; return 1; }
	if pgrep -fa -- "$d/$1.pkt"; then
		return 1
	elif for f in /proc/[0-9]*/ns/net; do
		[ "$(readlink "$f" 2> /dev/null)" = "$ns" ] && echo "     in it: $f" && break
	done | grep -q .; then
		return 1
	fi
	test "$(nsfs_mounts)" = "$mounts0"
}

# expect_stderr LINE...: the exact error output.
expect_stderr() {
	printf '%s\n' "$@" | diff - "$tmp/err" > "$tmp/diff"
}

listen=('+0  socket(..., SOCK_STREAM, IPPROTO_TCP) = 3'
	'+0  setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0'
	'+0  bind(3, ..., ...) = 0'
	'+0  listen(3, 1) = 0')
accepted=("${listen[@]}"
	  '+0  < S 0:0(0) win 65535 <mss 1460>'
	  '+0  > S. 0:0(0) ack 1 <...>'
	  '+.1 < . 1:1(0) ack 1 win 65535'
	  '+0  accept(3, ..., ...) = 4')

# ---- --timeout in single-script mode
# name, then the expected stderr: each case stops after 1 s, exits 1, leaves nothing.
timeout_case() {
	local name=$1
	shift
	run --timeout=1 "$d/$name.pkt"
	check "$name: exit 1" test "$rc" = 1
	check "$name: the message names the line ($(head -1 "$tmp/err"))" expect_stderr "$@"
	check "$name: stopped in time (${ms} ms)" test "$ms" -lt 3000
	check "$name: nothing left" nothing_left "$name"
}

runaway accept "${listen[@]}" '+0  accept(3, ..., ...) = 4'
timeout_case accept "$d/accept.pkt:6: error: timed out after 1 s waiting in accept()" \
	'    6 | +0  accept(3, ..., ...) = 4'

runaway read "${accepted[@]}" '+0  read(4, ..., 1000) = 1000'
timeout_case read "$d/read.pkt:10: error: timed out after 1 s waiting in read()" \
	'   10 | +0  read(4, ..., 1000) = 1000'

runaway star "${accepted[@]}" '*   > F. 1:1(0) ack 1'
timeout_case star "$d/star.pkt:10: error: timed out after 1 s waiting for the outbound packet" \
	'   10 | *   > F. 1:1(0) ack 1'

runaway blocked "${listen[@]}" '+0...0.1 accept(3, ..., ...) = 4'
timeout_case blocked "$d/blocked.pkt:6: error: timed out after 1 s waiting in accept()" \
	'    6 | +0...0.1 accept(3, ..., ...) = 4'

runaway both "${accepted[@]}" '+0...0.1 read(4, ..., 1000) = 1000' '*   > . 1:1(0) ack 1'
timeout_case both \
	"$d/both.pkt:11: error: timed out after 1 s waiting for the outbound packet (line 10's read() still blocks)" \
	'   11 | *   > . 1:1(0) ack 1'

runaway command "+0 \`sleep 71$u & sh -c 'sleep 72$u'\`"
timeout_case command "$d/command.pkt:2: error: timed out after 1 s waiting in the shell command" \
	"    2 | +0 \`sleep 71$u & sh -c 'sleep 72$u'\`"
check "command: its children are gone" test -z "$(leftovers "sleep 7[12]$u")"

runaway late '+10 `true`'
run --timeout=1 "$d/late.pkt"
check "a line due after the deadline: exit 1, in time (${ms} ms)" test "$rc:$((ms < 3000))" = 1:1
check "it says so ($(head -1 "$tmp/err"))" grep -qE \
	"^$d/late.pkt:2: error: timed out after 1 s waiting for this line's time \(10\.[0-9]{3} s\)$" "$tmp/err"

script "$d/init.pkt" "\`readlink /proc/self/ns/net > $tmp/ns.init; sleep 73$u\`" '0 `true`'
timeout_case init "$d/init.pkt: error: timed out after 1 s waiting in the init command"
check "init: its command is gone" test -z "$(leftovers "sleep 73$u")"

# After a timeout the cleanup command still runs, for a second at most.
script "$d/cleanup.pkt" "\`readlink /proc/self/ns/net > $tmp/ns.cleanup\`" "0 \`sleep 74$u\`" \
	"\`touch $tmp/cleaned; sleep 75$u\`"
timeout_case cleanup "$d/cleanup.pkt:2: error: timed out after 1 s waiting in the shell command" \
	"    2 | 0 \`sleep 74$u\`" \
	"$d/cleanup.pkt: error executing cleanup command: stopped at the deadline (--timeout)"
check "cleanup: the cleanup command ran" test -e "$tmp/cleaned"
check "cleanup: its commands are gone" test -z "$(leftovers "sleep 7[45]$u")"

# The code blocks' interpreter: stopped, its temporary file removed.
printf '#!/bin/sh\necho "$1" > %s/code_file\nexec sleep 76%s\n' "$tmp" "$u" > "$tmp/slow_python"
chmod +x "$tmp/slow_python"
runaway code "${listen[@]}" '+0  %{ import os }%'
run --timeout=1 --code_command="$tmp/slow_python" "$d/code.pkt"
check "code: exit 1, in time (${ms} ms)" test "$rc:$((ms < 3000))" = 1:1
check "code: the message ($(head -1 "$tmp/err"))" \
	expect_stderr "$d/code.pkt: error: timed out after 1 s waiting in the code blocks' interpreter"
check "code: the interpreter is gone" test -z "$(leftovers "sleep 76$u")"
check "code: its file is removed" test -s "$tmp/code_file" -a ! -e "$(cat "$tmp/code_file")"
check "code: nothing left" nothing_left code

# One script has no timeout unless asked.
"$bin" "$d/accept.pkt" 2> /dev/null &
pid=$!
sleep 2
check "no --timeout: one script still waits after 2 s" kill -0 $pid
kill $pid
wait $pid 2> /dev/null

# A run that cannot stop itself (stopped by its own command) is killed a
# little later, by pktdrill itself and by the runner.
script "$d/stop/stop.pkt" '0 `kill -STOP $PPID`'
run --timeout=1 "$d/stop/stop.pkt"
check "frozen: exit 1 after the backstop (${ms} ms)" test "$rc:$((ms >= 4000 && ms < 7000))" = 1:1
check "frozen: says so" expect_stderr \
	"$d/stop/stop.pkt: error: timed out after 1 s and did not stop within 3 s more; killed it"
run --timeout=1 -j1 "$d/stop"
check "frozen in the runner: TIMEOUT after the backstop (${ms} ms)" \
	test "$rc:$((ms >= 4000 && ms < 7000))" = 1:1
check "frozen in the runner: says so" grep -qF \
	"| pktdrill: $d/stop/stop.pkt: timed out after 1 s and did not stop within 3 s more; killed it and its process group" \
	"$tmp/out"
check "no frozen run left" test -z "$(pgrep -f -- "$d/stop")"

# ---- what a shell command starts dies with pktdrill
# Commands still see pktdrill as $PPID and PACKETDRILL_PID (set_sysctls.py's
# restore files), write the namespace's sysctls, and what they leave running
# lives until the run ends.
script "$d/env.pkt" '0 `test "$PPID" = "$PACKETDRILL_PID" && test -d /proc/$PPID`' \
	"+0 \`echo 0 > /proc/sys/net/ipv4/tcp_sack && sh -c 'test \$(cat /proc/sys/net/ipv4/tcp_sack) = 0'\`" \
	"+0 \`sleep 77$u > /dev/null 2>&1 &\`" "+.2 \`pgrep -f 'sleep 77$u' > /dev/null\`"
check "commands: \$PPID, sysctls and background processes as before" quiet "$bin" "$d/env.pkt"
check "commands: what they left ends with the run" test -z "$(leftovers "sleep 77$u")"

# kill_case what SIG PATTERN N COMMAND...: once N processes match PATTERN,
# sends SIG to the command; a second later none may be left.
kill_case() {
	local name=$1 sig=$2 pattern=$3 n=$4
	shift 4
	"$@" > /dev/null 2>&1 &
	local pid=$!
	for _ in $(seq 50); do
		[ "$(pgrep -fc -- "$pattern")" -ge "$n" ] && break
		sleep 0.1
	done
	kill -"$sig" $pid
	wait $pid 2> /dev/null
	sleep 1
	check "SIG$sig $name: nothing left" test -z "$(leftovers "$pattern"; pgrep -fa -- "$d/kill")"
}
script "$d/kill/bg.pkt" "0 \`sleep 78$u & sleep 78$u & wait\`"
script "$d/kill/nested.pkt" "0 \`sh -c 'sleep 79$u'\`"
script "$d/kill/setsid.pkt" "0 \`setsid sleep 80$u > /dev/null 2>&1 < /dev/null & sleep 80$u\`"
kill_case "background children" KILL "sleep 78$u" 3 "$bin" "$d/kill/bg.pkt"
kill_case "a nested shell" KILL "sleep 79$u" 3 "$bin" "$d/kill/nested.pkt"
kill_case "a setsid child" KILL "sleep 80$u" 3 "$bin" "$d/kill/setsid.pkt"
for sig in INT TERM HUP; do
	kill_case "a setsid child" $sig "sleep 80$u" 3 "$bin" "$d/kill/setsid.pkt"
done
kill_case "the runner" KILL "sleep (78|79|80)$u" 9 "$bin" -j3 "$d/kill"
finish
