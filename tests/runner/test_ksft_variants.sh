#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# --variants=ksft runs a directory as the kernel's ksft_runner.sh runs each
# script: ipv4, ipv6 and ipv4-mapped-ipv6 with its addresses and defines
# (TFO_COOKIE_ZERO among them), or only the family of a script's own
# "--ip_version=ipv4|ipv6" line; any other such line fails the script without
# a run; no file-name rule. KSFT_MACHINE_SLOW widens the tolerance to 14 ms
# and turns failures into XFAIL.
. "$(dirname "$0")/lib.sh"
k=$tmp/ksft
fo_syn=(
	'0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3'
	'+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0'
	'+0 bind(3, ..., ...) = 0'
	'+0 listen(3, 1) = 0'
	'// TFO_COOKIE_ZERO must be defined, or this line does not parse'
	'+0 < S 0:0(0) win 65535 <mss 1460,FO TFO_COOKIE_ZERO,nop,nop>'
	'+0 > S. 0:0(0) ack 1 <...>'
)
script "$k/tcp_all.pkt" "${fo_syn[@]}"
script "$k/tcp_named_v6.pkt" "${fo_syn[@]}"
script "$k/tcp_only6.pkt" '--ip_version=ipv6' \
	"0 \`ip -6 -o addr show dev tun0 | grep -q 'fd3d:a0b:17d6::1/'\`"
script "$k/tcp_mapped.pkt" '--ip_version=ipv4-mapped-ipv6' '0 `true`'
# Late by 8 ms, between the 4 and 14 ms tolerances: a 9 ms poll() is as
# precise as a timer (a shell command's own cost varies by 2-6 ms).
script "$k/tcp_late.pkt" '0 poll([], 0, 9) = 0' '0.001 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3'
script "$k/tcp_fails.pkt" '--ip_version=ipv4' '0 `false`'
ksft() { (cd "$k" && "$bin" --variants=ksft --format=ktap -j2 "$@" . 2> /dev/null); }

out=$(ksft)
check "exit 1: a script failed" test $? -eq 1
results=$(grep -E '^(not )?ok ' <<< "$out")
check "no family: ipv4, ipv6 and ipv4-mapped-ipv6, with TFO_COOKIE_ZERO" test \
	"$(grep -c '^ok [0-9]* ./tcp_all.pkt (' <<< "$results")" = 3
check "no file-name rule: tcp_named_v6.pkt runs in all three" test \
	"$(grep -c '^ok [0-9]* ./tcp_named_v6.pkt (' <<< "$results")" = 3
check "--ip_version=ipv6: that family alone, with ksft's addresses" test \
	"$(grep ' ./tcp_only6.pkt' <<< "$results" | sed 's/ok [0-9]* //')" = "./tcp_only6.pkt (ipv6)"
check "--ip_version=ipv4-mapped-ipv6: one failure, no run" test \
	"$(grep -c 'tcp_mapped.pkt' <<< "$results")" = 1
check "  as not ok" grep -q '^not ok [0-9]* ./tcp_mapped.pkt$' <<< "$results"
check "  saying why" grep -q 'Too many or unsupported --ip_version: ipv4-mapped-ipv6' <<< "$out"
check "a run 8 ms late fails at the default tolerance" \
	grep -q '^not ok [0-9]* ./tcp_late.pkt (ipv4)' <<< "$results"
check "totals as kselftest prints them" \
	grep -q '^# Totals: pass:7 fail:5 xfail:0 xpass:0 skip:0 error:0$' <<< "$out"

out=$(KSFT_MACHINE_SLOW=yes ksft)
check "KSFT_MACHINE_SLOW: the late run passes at 14 ms" \
	grep -q '^ok [0-9]* ./tcp_late.pkt (ipv4)$' <<< "$out"
check "  a failed run is an XFAIL" grep -q '^ok [0-9]* ./tcp_fails.pkt (ipv4) # XFAIL$' <<< "$out"
check "  an unsupported --ip_version still fails, as in ksft_runner.sh" \
	grep -q '^not ok [0-9]* ./tcp_mapped.pkt$' <<< "$out"
check "  totals" grep -q '^# Totals: pass:10 fail:1 xfail:1 xpass:0 skip:0 error:0$' <<< "$out"

# A script's runs in different families never overlap (scripts share fixed
# files, as /tmp/testfile): with room for three at once, each family still
# finds the lock free.
script "$tmp/one/excl.pkt" "0 \`mkdir '$tmp/lock'\`" "+.2 \`rmdir '$tmp/lock'\`"
check "-j3: a script's three families run one after another" \
	quiet "$bin" --variants=ksft -j3 "$tmp/one"
finish
