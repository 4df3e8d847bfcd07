#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make conformance, the kernel's half: the kernel's own packetdrill selftests
# (KSFT_CORPUS: ../shared/conformance-ksft, or a kernel tree) run through the
# kernel's own tools/testing/selftests/net/packetdrill/ksft_runner.sh, with
# pktdrill as the `packetdrill` first on PATH, JOBS scripts at a time (each
# runs its families one after another, as kselftest does). A run that upstream
# packetdrill passes (the corpus's expected.tsv) and pktdrill fails is tried
# again, one script at a time, up to two more times; failing all three times
# it is a regression and the check fails. Prints pktdrill's counts per family
# beside upstream's, and the wall time (UPSTREAM_PACKETDRILL=/path/packetdrill
# also times upstream's binary on the same runs).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${PKTDRILL:-$top/pktdrill}")
corpus=$(realpath "${KSFT_CORPUS:-$top/../shared/conformance-ksft}" 2> /dev/null)
dir=$corpus/tools/testing/selftests/net/packetdrill
expected=$corpus/expected.tsv
jobs=${JOBS:-2}
[ -x "$dir/ksft_runner.sh" ] || { echo "conformance-ksft: no ksft_runner.sh under $dir"; exit 1; }

# defaults.sh selects cubic; a namespace may only use what the host allows.
[ -n "${WITH_CUBIC:-}" ] || WITH_CUBIC=1 exec "$top/tests/with_cubic.sh" "$0" "$@"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one SCRIPT ERRDIR: the script through ksft_runner.sh, as "pass|fail SCRIPT
# FAMILY" lines ("fail SCRIPT -" if the runner failed it without a run);
# its stderr in ERRDIR/SCRIPT.
one() {
	local s=$1 out
	out=$(cd "$dir" && ./ksft_runner.sh "$s" 2> "$2/$s")
	sed -n -E "s/^ok [0-9]+ ([a-z0-9-]+)\$/pass $s \1/p; s/^not ok [0-9]+ ([a-z0-9-]+)\$/fail $s \1/p" <<< "$out"
	grep -q '^ok\|^not ok' <<< "$out" || echo "fail $s -"
}
export -f one
export dir

# run_all ENGINE OUT: every script with ENGINE as packetdrill, JOBS at a time.
run_all() {
	local engine=$1 out=$2
	mkdir -p "$out.bin" "$out.err"
	ln -sf "$engine" "$out.bin/packetdrill"
	(cd "$dir" && ls -- *.pkt) | PATH="$out.bin:$PATH" xargs -P "$jobs" -I{} \
		bash -c 'one "$1" "$2"' _ {} "$out.err" | sort > "$out"
}

t0=$SECONDS
run_all "$bin" "$tmp/pktdrill"
wall=$((SECONDS - t0))

# Retries, one script at a time: a run upstream passes that failed here.
upstream_passes() { [ -f "$expected" ] && awk -F'\t' '$3 == "pass" { print $1, $2 }' "$expected"; }
retried=0
while read -r s f; do
	grep -qx "pass $s $f" "$tmp/pktdrill" && continue
	for try in 2 3; do
		retried=$((retried + 1))
		r=$(cd "$dir" && PATH="$tmp/pktdrill.bin:$PATH" ./ksft_runner.sh "$s" 2> "$tmp/retry.err" |
			grep -E "^ok [0-9]+ $f$")
		if [ -n "$r" ]; then
			sed -i "s|^fail $s $f\$|pass $s $f (try $try)|" "$tmp/pktdrill"
			break
		fi
		cp "$tmp/retry.err" "$tmp/pktdrill.err/$s"
	done
done < <(upstream_passes)

regressions=0
while read -r s f; do
	grep -q "^pass $s $f" "$tmp/pktdrill" && continue
	echo "REGRESSION $s ($f), failed 3 times: $(grep -m1 -E 'error|Timed out' "$tmp/pktdrill.err/$s")"
	regressions=$((regressions + 1))
done < <(upstream_passes)
if [ -f "$expected" ]; then
	while read -r _ s f _; do
		grep -qP "^$s\t$f\tpass" "$expected" || echo "new pass: $s ($f), upstream: $(awk -F'\t' -v s="$s" -v f="$f" '$1 == s && $2 == f { print $3 }' "$expected")"
	done < <(grep '^pass' "$tmp/pktdrill")
fi

count() { grep -c "^pass [^ ]* $2\( \|$\)" "$1"; }
total() { grep -c " $2\( \|$\)" "$1"; }
for f in ipv4 ipv6 ipv4-mapped-ipv6; do
	line="conformance-ksft: $f: pktdrill $(count "$tmp/pktdrill" $f)/$(total "$tmp/pktdrill" $f) pass"
	[ -f "$expected" ] && line+=", upstream $(awk -F'\t' -v f=$f '$2 == f && $3 == "pass"' "$expected" | wc -l)/$(awk -F'\t' -v f=$f '$2 == f' "$expected" | wc -l)"
	echo "$line"
done
line="conformance-ksft: wall time ${wall} s for pktdrill at -j$jobs ($retried retries after it)"
if [ -n "${UPSTREAM_PACKETDRILL:-}" ]; then
	t0=$SECONDS
	run_all "$(realpath "$UPSTREAM_PACKETDRILL")" "$tmp/upstream"
	line+=", $((SECONDS - t0)) s for upstream ($(grep -c '^pass' "$tmp/upstream") passes)"
else
	line+="; upstream's: not measured here (UPSTREAM_PACKETDRILL=/path/to/packetdrill times it)"
fi
echo "$line"
cp "$tmp/pktdrill" "${RESULTS:-/tmp/conformance-ksft.last}"
echo "conformance-ksft: $regressions regressions against upstream's passes"
[ "$regressions" -eq 0 ]
