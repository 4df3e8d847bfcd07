#!/bin/bash
# Checks that #include lines follow the layering of docs/DESIGN.md:
# util <- packet <- parser, netdev <- runtime <- main; libnl and libpcap only in netdev/.
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
forbid util 'packet/|parser/|netdev/|runtime/' "util/ depends on nothing"
forbid packet 'parser/|netdev/|runtime/' "packet/ is pure"
forbid parser 'netdev/|runtime/' "parser/ knows text (and packet/ models) only"
forbid netdev 'parser/|runtime/' "netdev/ never sees the script model"
for d in util packet parser runtime; do
	forbid "$d" 'netlink/|pcap' "libnl and libpcap belong in netdev/"
done
[ $bad -eq 0 ] && echo "layers: ok"
exit $bad
