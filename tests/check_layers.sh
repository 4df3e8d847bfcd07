#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Checks the #include lines against the layers of docs/DESIGN.md:
# - no ring: no two folders include each other, however indirectly (tsort
#   finds the loop);
# - each folder includes only folders of a lower layer (the table below);
# - libnl and libpcap headers only in netdev/.
# A folder is a leaf folder of the tree (netdev/packet is not netdev).
set -u
cd "$(dirname "$0")/.."
bad=0

# layer of each folder of the tool's code, lowest first
declare -A layer=(
	[parser/util]=0		# growable strings, checked allocation
	[netdev/packet]=1	# the packet codec: pure, no I/O
	[parser]=2		# script text -> struct script
	[netdev]=2		# namespace, TUN, netlink, sniffer, sock_diag, pcap
	[runtime/context]=3	# what a run's parts share: the run, config, clock, sockets
	[runtime/traffic]=4	# the script's packets
	[runtime/codeblock]=4	# %{ }% blocks
	[runtime/diagram]=4	# drawings of a run's record: ladder diagrams, capture comments
	[runtime/syscalls]=5	# system calls (their {gre ...} values use traffic's outer layers)
	[runtime]=6		# the event loop, the test network, the end of a run
	[runtime/cli]=7		# command line, runner, reports, main()
)

edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for dir in "${!layer[@]}"; do
	for f in "$dir"/*.[chly]; do
		[ -e "$f" ] || continue
		grep -nE '^#include "[a-z/_]+\.h"' "$f" | while IFS=: read -r line text; do
			inc=${text#*\"}
			inc=${inc%\"}
			to=$(dirname "$inc")
			[ "$to" = "$dir" ] && continue
			[ -z "${layer[$to]:-}" ] && continue	# generated headers (build/)
			echo "$dir $to" >> "$edges"
			if [ "${layer[$to]}" -ge "${layer[$dir]}" ]; then
				echo "$f:$line: $text   <- $dir (layer ${layer[$dir]}) may not include $to (layer ${layer[$to]})"
				echo bad >> "$edges.bad"
			fi
		done
	done
done
[ -e "$edges.bad" ] && bad=1 && rm -f "$edges.bad"
if ! sort -u "$edges" | tsort > /dev/null 2> "$edges.loop"; then
	echo "a ring of folders including each other:"
	grep -v 'input contains a loop' "$edges.loop" | sed 's/^tsort: /  /'
	bad=1
fi
rm -f "$edges.loop"

for dir in "${!layer[@]}"; do
	[ "$dir" = netdev ] && continue
	hits=$(grep -nE '^#include [<"](netlink/|pcap)' "$dir"/*.[chly] 2> /dev/null)
	[ -n "$hits" ] && printf '%s   <- libnl and libpcap belong in netdev/\n' "$hits" && bad=1
done
undeclared=$(find parser netdev runtime -type d | sort | while read -r d; do
	[ -z "${layer[$d]:-}" ] && ls "$d"/*.[ch] > /dev/null 2>&1 && echo "$d"; done)
[ -n "$undeclared" ] && echo "folders with code but no layer here: $undeclared" && bad=1
[ $bad -eq 0 ] && echo "layers: ok"
exit $bad
