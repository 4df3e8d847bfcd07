#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Repeats the 11 state scripts ROUNDS times (default 50) in IPv4 and IPv6 with
# JOBS (default 2) running at once, and counts the verdicts. Not part of
# make check (it takes minutes); the acceptance run of issue #3.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL:-$top/pktdrill}
rounds=${ROUNDS:-50}
jobs=${JOBS:-2}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for i in $(seq 1 "$rounds"); do
	for s in "$top"/scripts/state_*.pkt; do
		echo "$s ipv4"
		echo "$s ipv6"
	done
done | xargs -P "$jobs" -L 1 sh -c \
	'if err=$("$0" --ip_version=$2 "$1" 2>&1 >/dev/null); then echo "ok $1 $2"; else echo "FAIL $1 $2"; printf "%s\n" "$err"; fi' \
	"$bin" > "$out"
grep -A6 '^FAIL' "$out"
echo "$(grep -c '^ok' "$out") passed, $(grep -c '^FAIL' "$out") failed"
