#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fuzzes the parser and the packet decoder: builds both libFuzzer targets into
# build/fuzz/ (tests/fuzz/build.sh) and runs each for SECONDS (default 60), one
# after the other, starting from the seed corpus plus what earlier runs found
# (build/fuzz/corpus/). Findings are written to build/fuzz/artifacts/; copy each
# reproducer to tests/fuzz/crashers/<target>/ so tests/fuzz/regress.sh replays it.
# Usage: tests/fuzz/run.sh [SECONDS]. Exits non-zero if a target found a problem.
# Environment: FUZZ_JOBS (parallel fuzzing processes per target, default 1),
# whose logs go to fuzz-N.log; FUZZ_ARGS (extra libFuzzer flags), plus build.sh's CC_FUZZ and FUZZ_BUILD.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_BUILD:-$top/build/fuzz}
secs=${1:-60}
jobs=${FUZZ_JOBS:-1}

case "$secs" in
'' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac
"$top/tests/fuzz/build.sh" || exit 2

status=0
for t in parser packet; do
	corpus=$out/corpus/$t
	mkdir -p "$corpus" "$out/artifacts"
	extra=()
	[ "$t" = parser ] && extra+=(-dict="$top/tests/fuzz/pkt.dict")
	[ "$jobs" -gt 1 ] && extra+=(-jobs="$jobs" -workers="$jobs")
	echo "== fuzz_$t for ${secs}s"
	# -timeout: a single input taking over 10 s counts as a hang;
	# -rss_limit_mb: the default 2 GB, stated so that it is visible here.
	# shellcheck disable=SC2086
	"$out/fuzz_$t" "$corpus" "$out/seeds/$t" "${extra[@]}" \
		-max_len=65536 -timeout=10 -rss_limit_mb=2048 -max_total_time="$secs" \
		-print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" ${FUZZ_ARGS:-} ||
		status=1
done
if [ $status -ne 0 ]; then
	echo "fuzz: findings in $out/artifacts/" >&2
fi
exit $status
