#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Replays, without fuzzing, every saved reproducer in tests/fuzz/crashers/<target>/
# and the whole seed corpus through the libFuzzer targets (built by build.sh).
# Inputs run in one process, so the first failure hides later ones; fix and rerun.
# A reproducer stays here after its bug is fixed, so the bug cannot come back.
# Prints one line per target and exits non-zero if any input crashes, leaks,
# trips a sanitizer or takes longer than 10 s.
# FUZZ_NO_BUILD=1 replays with the targets and seeds already in FUZZ_BUILD
# (as .ci/run does right after run.sh built them) instead of building again.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_BUILD:-$top/build/fuzz}
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
	"$top/tests/fuzz/build.sh" >/dev/null || exit 2
elif [ ! -x "$out/fuzz_parser" ] || [ ! -x "$out/fuzz_packet" ]; then
	echo "FUZZ_NO_BUILD: no targets in $out" >&2
	exit 2
fi

status=0
for t in parser packet; do
	inputs=$(find "$top/tests/fuzz/crashers/$t" "$out/seeds/$t" -type f ! -name README\* \
		2>/dev/null | sort)
	n=$(printf '%s\n' "$inputs" | grep -c .)
	log=$out/regress-$t.log
	# libFuzzer runs file arguments once each, printing "Running: <file>" first
	# shellcheck disable=SC2086
	if [ "$n" -eq 0 ] || "$out/fuzz_$t" -timeout=10 -rss_limit_mb=2048 $inputs >"$log" 2>&1; then
		echo "fuzz_$t: $n inputs, ok"
		continue
	fi
	echo "FAIL fuzz_$t on $(grep '^Running: ' "$log" | tail -1 | cut -d' ' -f2-)"
	grep -vE '^(Running|Executed) ' "$log" | grep -E 'ERROR|SUMMARY|runtime error' | head -5 |
		sed 's/^/     | /'
	status=1
done
exit $status
