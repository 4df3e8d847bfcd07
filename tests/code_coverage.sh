#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Reports how many %{ }% blocks of the .pkt scripts under a directory pktdrill
# evaluates natively (the rest wait for one python3 run at the end):
#   tests/code_coverage.sh [-v] [dir]   (default: /work/shared/conformance/gtests)
# -v also lists each block left to Python with the reason. Needs `make` first
# (links build/libpktdrill.a).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
verbose=
if [ "${1:-}" = -v ]; then verbose=-v; shift; fi
dir=${1:-/work/shared/conformance/gtests}
build=${BUILD:-$top/build}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pkgs="libnl-3.0 libnl-route-3.0 libnl-idiag-3.0 libpcap"
${CC:-cc} -std=gnu11 -D_GNU_SOURCE -I"$top" -I"$build" $(pkg-config --cflags $pkgs) \
	-o "$tmp/code_coverage" "$top/tests/code_coverage.c" "$build/libpktdrill.a" \
	$(pkg-config --libs $pkgs) -lpthread

mapfile -t files < <(grep -rl --include='*.pkt' '%{' "$dir" | sort)
out=$("$tmp/code_coverage" $verbose "${files[@]}")
printf '%s\n' "$out" | sed '$d'
read -r native total < <(printf '%s\n' "$out" | tail -1)
echo "$native of $total %{ }% blocks in $dir run natively"
