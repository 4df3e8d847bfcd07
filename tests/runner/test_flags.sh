#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The command line as packetdrill's getopt_long reads it: unique prefixes,
# "--", bundled short flags, flags after paths; an unknown flag gets the
# nearest ones, an ambiguous prefix its candidates; --help marks the flags
# that are recognised but not supported; a script taken as a flag's value is
# named (issue #16).
. "$(dirname "$0")/lib.sh"

d=$tmp/d
script "$d/s.pkt" '// SPDX-License-Identifier: GPL-2.0-only' \
	'0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3' \
	'+0 setsockopt(3, SOL_SOCKET, MYOPT, [1], 4) = 0'
script "$d/-odd.pkt" '0 `true`'
cd "$d" || exit 1

# run ARGS...: exit status in $rc, stderr in $tmp/err
run() { "$bin" "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?; }
says() { grep -qF -- "$1" "$tmp/err"; }

run --dry_run -D MYOPT=SO_REUSEADDR s.pkt
check "the script passes --dry_run with its define ($rc)" test "$rc" = 0
run --dry_run s.pkt
check "and not without it ($rc)" test "$rc" = 2

# ---- prefixes
run --dry -D MYOPT=SO_REUSEADDR --ip_v=ipv6 s.pkt
check "unique prefixes: --dry, --ip_v ($rc)" test "$rc" = 0
run --dry_run -D MYOPT=SO_REUSEADDR --ip_v=ipv5 s.pkt
check "a prefix sets its flag: --ip_v=ipv5 is a bad --ip_version" \
	sh -c "[ $rc = 2 ] && grep -qF \"bad --ip_version: 'ipv5'\" '$tmp/err'"
run --b=8081 --l=192.168.0.9 --dry -D MYOPT=SO_REUSEADDR s.pkt
check "packetdrill's one-letter prefixes --b (bind_port), --l (local_ip) ($rc)" test "$rc" = 0
run --list-syscalls s.pkt
check "the build's dumps only alone: --list-syscalls with a script is unknown" \
	says "unknown option '--list-syscalls'"
run --t=1 s.pkt
check "an ambiguous prefix: exit 2 ($rc)" test "$rc" = 2
check "  with the flags it could be" says "option '--t' is ambiguous; possibilities: --timeout, --tolerance_usecs"
run --wire_server s.pkt
check "an exact name wins over the longer ones it starts (--wire_server)" \
	says "option '--wire_server' is not supported yet"

# ---- unknown flags
run --ip_verison=ipv4 s.pkt
check "an unknown flag: exit 2 ($rc)" test "$rc" = 2
check "  --ip_verison: did you mean --ip_version" \
	says "unknown option '--ip_verison' (did you mean '--ip_version'?)"
run --frobnicate s.pkt
check "  nothing near: no suggestion" sh -c "grep -qx \"pktdrill: error: unknown option '--frobnicate'\" '$tmp/err'"
run -ip_version=ipv4 s.pkt
check "  a long flag with one dash: said so, with the flag meant" \
	says "in '-ip_version=ipv4' (long options start with '--') (did you mean '--ip_version'?)"
run -x s.pkt
check "  an unknown short flag" says "unknown option '-x'"
run --dry_run=1 s.pkt
check "a value for a flag that takes none" sh -c "[ $rc = 2 ] && grep -qF \"option '--dry_run' takes no value\" '$tmp/err'"
run s.pkt -j
check "a missing value" sh -c "[ $rc = 2 ] && grep -qF \"option '-j' requires a value\" '$tmp/err'"

# ---- short flags, order, --
run -vDMYOPT=SO_REUSEADDR --dry_run s.pkt
check "bundled short flags: -vDNAME=VALUE ($rc)" test "$rc" = 0
run s.pkt --dry_run -D MYOPT=SO_REUSEADDR
check "flags after the path ($rc)" test "$rc" = 0
run --dry_run -- -odd.pkt
check "after --, a path that starts with '-' ($rc)" test "$rc" = 0

# ---- a script as a flag's value
run --pcap s.pkt
check "--pcap s.pkt and no script: exit 2 ($rc)" test "$rc" = 2
check "  says the script was taken as the value" \
	says "missing script path: 's.pkt' was taken as the value of --pcap (write --pcap=FILE, then the script)"
check "  the script is untouched" grep -q MYOPT s.pkt
run --junit=s.pkt -D MYOPT=SO_REUSEADDR --dry_run -- -odd.pkt
check "a file the run writes named like a script: refused" \
	sh -c "[ $rc = 2 ] && grep -qF -- '--junit=s.pkt would overwrite a script' '$tmp/err'"
run --timeout 5
check "no path at all: a short usage, not the whole --help" \
	sh -c "[ $rc = 2 ] && [ \$(wc -l < '$tmp/err') -le 2 ] && grep -q 'missing script path$' '$tmp/err'"

# ---- --help
"$bin" --help > "$tmp/help"
check "--help marks --speed as not supported" grep -qE -- '^  --speed=VALUE +\(not supported\)$' "$tmp/help"
check "  and not --mtu" grep -qE -- '^  --mtu=VALUE$' "$tmp/help"
check "  12 of packetdrill's flags are marked ($(grep -c '(not supported)$' "$tmp/help"))" \
	test "$(grep -c '(not supported)$' "$tmp/help")" = 12
check "  each marked flag is refused when set" sh -c '
	for f in $(grep -oE -- "^  --[a-z_]+(=VALUE)? +\(not supported\)$" "$1" | grep -oE -- "--[a-z_]+"); do
		"$2" "$f=1" "$3" 2>&1 | grep -q "is not supported yet" ||
		"$2" "$f" "$3" 2>&1 | grep -q "is not supported yet" || { echo "$f"; exit 1; }
	done' _ "$tmp/help" "$bin" "$d/s.pkt"
finish
