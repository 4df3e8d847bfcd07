#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Which network namespace a run uses (--netns=auto, the default): a script run
# from the host's namespace gets a private one; run in a namespace its caller
# prepared (unshare -n, nsenter, ip netns exec) it uses that one and sees the
# sysctls set there, as packetdrill does, and leaves no tun0 behind in it.
# --netns=new nests a private namespace anyway. The host's namespace is left
# as it was.
. "$(dirname "$0")/lib.sh"
script "$tmp/ecn.pkt" '// passes if tcp_ecn in the namespace it runs in is $WANT' \
	'0 `test "$(sysctl -n net.ipv4.tcp_ecn)" = "$WANT"`'
script "$tmp/fails.pkt" '0 `false`'
host_links=$(ip -o link show | cut -d: -f2 | sort)
host_ecn=$(sysctl -n net.ipv4.tcp_ecn)

check "from the host's namespace: a private one (tcp_ecn at its default, 2)" \
	quiet env WANT=2 "$bin" "$tmp/ecn.pkt"
check "unshare -n: the caller's namespace (tcp_ecn=1 set there)" quiet unshare -n sh -c \
	'sysctl -qw net.ipv4.tcp_ecn=1 && WANT=1 "$0" "$1" && ! ip link show tun0' \
	"$bin" "$tmp/ecn.pkt"
check "unshare -n, --netns=new: a private one inside it" quiet unshare -n sh -c \
	'sysctl -qw net.ipv4.tcp_ecn=1 && WANT=2 "$0" --netns=new "$1"' "$bin" "$tmp/ecn.pkt"
check "unshare -n, a failing script: exit 1 and no tun0 left" quiet unshare -n sh -c \
	'"$0" "$1"; rc=$?; ! ip link show tun0 && test $rc -eq 1' "$bin" "$tmp/fails.pkt"

# nsenter into a namespace that outlives the run (held by a sleeping process).
unshare -n sleep 60 &
holder=$!
eventually test "$(readlink /proc/$holder/ns/net)" != "$(readlink /proc/self/ns/net)"
ns=/proc/$holder/ns/net
nsenter --net=$ns sysctl -qw net.ipv4.tcp_ecn=1
check "nsenter: the caller's namespace" quiet env WANT=1 nsenter --net=$ns "$bin" "$tmp/ecn.pkt"
check "nsenter: twice in a row (tun0 of the first run is gone)" \
	quiet env WANT=1 nsenter --net=$ns "$bin" "$tmp/ecn.pkt"
check "nsenter: no tun0 left in that namespace" quiet nsenter --net=$ns sh -c '! ip link show tun0'
kill $holder
wait $holder 2> /dev/null

check "the host's links are as they were" test "$(ip -o link show | cut -d: -f2 | sort)" = "$host_links"
check "the host's tcp_ecn is as it was" test "$(sysctl -n net.ipv4.tcp_ecn)" = "$host_ecn"
finish
