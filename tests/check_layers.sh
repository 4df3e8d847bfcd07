#!/bin/bash
# Checks that #include lines follow the layering of docs/DESIGN.md:
# util <- packet <- parser, netdev <- runtime, traffic, syscalls, code <- cli <- main;
# libnl and libpcap only in netdev/.
set -u
cd "$(dirname "$0")/.."
bad=0
forbid() {	# folder, pattern, why
	local hits
	hits=$(grep -nE "^#include [<\"]($2)" "$1"/*.[chly] 2>/dev/null)
	if [ -n "$hits" ]; then
		printf '%s\n' "$hits" | sed "s|\$|   <- $3|"
		bad=1
	fi
}
run='runtime/|traffic/|syscalls/|code/|cli/'
forbid util "packet/|parser/|netdev/|$run" "util/ depends on nothing"
forbid packet "parser/|netdev/|$run" "packet/ is pure"
forbid parser "netdev/|$run" "parser/ knows text (and packet/ models) only"
forbid netdev "parser/|$run" "netdev/ never sees the script model"
for d in runtime traffic syscalls code; do
	forbid "$d" 'cli/' "cli/ (command line, runner, reports) is the top: nothing below includes it"
done
forbid syscalls 'code/' "system calls do not evaluate %{ }% blocks"
for d in util packet parser runtime traffic syscalls code cli; do
	forbid "$d" 'netlink/|pcap' "libnl and libpcap belong in netdev/"
done
[ $bad -eq 0 ] && echo "layers: ok"
exit $bad
