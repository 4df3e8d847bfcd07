#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs upstream packetdrill's test scripts (../shared/conformance) with the
# arguments of upstream's run_all.py, in IPv4 and IPv6, two at a time, and
# compares with tests/conformance_pass.txt (what pktdrill is known to pass):
# a listed script that fails (after two retries, as flaky scripts get
# upstream too) fails the run; newly passing scripts are listed so the file
# can be updated (UPDATE=1 rewrites it). A failure that
# tests/conformance_drift.txt explains for this kernel build is reported as
# KNOWN DRIFT, not as a regression. expected.tsv in the corpus says what
# upstream packetdrill does with each script.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL:-$top/pktdrill}
corpus=${CORPUS:-$top/../shared/conformance}
list=$top/tests/conformance_pass.txt
jobs=${JOBS:-2}
[ -d "$corpus/gtests" ] || { echo "conformance: no corpus at $corpus"; exit 1; }

# defaults.sh selects cubic; a namespace may only use what the host allows.
# As the corpus README permits, allow cubic for the run (tests/with_cubic.sh).
[ -n "${WITH_CUBIC:-}" ] || WITH_CUBIC=1 exec "$top/tests/with_cubic.sh" "$0" "$@"

V4="--ip_version=ipv4 --local_ip=192.168.0.1 --gateway_ip=192.168.0.1 --netmask_ip=255.255.0.0 --remote_ip=192.0.2.1 -D TFO_COOKIE=3021b9d889017eeb -D CODE=host_unreachable -D CMSG_LEVEL_IP=SOL_IP -D CMSG_TYPE_RECVERR=IP_RECVERR"
V6="--ip_version=ipv6 --mtu=1520 --local_ip=fd3d:0a0b:17d6::1 --gateway_ip=fd3d:0a0b:17d6:8888::1 --remote_ip=fd3d:fa7b:d17d::1 -D TFO_COOKIE=c1d1e9742a47a9bc -D CMSG_LEVEL_IP=SOL_IPV6 -D CMSG_TYPE_RECVERR=IPV6_RECVERR"
export bin V4 V6

one() {	# script variant -> "pass|fail script variant first-error"
	local f=$1 v=$2 args out
	[ "$v" = ipv4 ] && args=$V4 || args=$V6
	out=$(cd "$(dirname "$f")" && timeout 120 "$bin" $args "$(basename "$f")" 2>&1 >/dev/null)
	if [ $? -eq 0 ]; then echo "pass $f $v"; else echo "fail $f $v $(printf '%s' "$out" | head -1)"; fi
}
export -f one

cd "$corpus"
find gtests -name '*.pkt' | sort | while read -r f; do
	case "$f" in *v4.pkt) echo "$f ipv4" ;; *v6.pkt) echo "$f ipv6" ;; *) echo "$f ipv4"; echo "$f ipv6" ;; esac
done | xargs -P "$jobs" -L 1 bash -c 'one "$0" "$1"' | sort -k2 > /tmp/conformance.$$

# Retry listed scripts that failed: timing under load, as upstream's own baseline.
while read -r verdict f v rest; do
	[ "$verdict" = fail ] && grep -qx "$f $v" "$list" 2>/dev/null || continue
	for try in 1 2; do
		r=$(one "$f" "$v")
		[ "${r%% *}" = pass ] && { sed -i "s|^fail $f $v .*|$r (retry $try)|" /tmp/conformance.$$; break; }
	done
done < /tmp/conformance.$$

# known_drift SCRIPT FAMILY ERROR: true if tests/conformance_drift.txt
# explains this failure on this kernel (and says so).
kernel=$(uname -r)
known_drift() {
	local f v glob text why
	while IFS=$'\t' read -r f v glob text why; do
		case "$f" in '#'* | '') continue ;; esac
		# shellcheck disable=SC2254
		case "$kernel" in $glob) ;; *) continue ;; esac
		if [ "$f" = "$1" ] && [ "$v" = "$2" ] && [[ "$3" == *"$text"* ]]; then
			echo "KNOWN DRIFT $1 ($2) on $kernel: $why"
			return 0
		fi
	done < "$top/tests/conformance_drift.txt"
	return 1
}

regressions=0
while read -r f v; do
	if ! grep -q "^pass $f $v" /tmp/conformance.$$; then
		err=$(grep " $f $v " /tmp/conformance.$$ | cut -d' ' -f4-)
		known_drift "$f" "$v" "$err" && continue
		echo "REGRESSION $f ($v): $err"
		regressions=$((regressions + 1))
	fi
done < <(grep -v '^#' "$list")
grep '^pass' /tmp/conformance.$$ | while read -r _ f v _; do
	grep -qx "$f $v" "$list" || echo "new pass: $f ($v)"
done
[ "${UPDATE:-0}" = 1 ] && { grep '^#' "$list"
	grep '^pass' /tmp/conformance.$$ | awk '{print $2, $3}' | sort; } > "$list.new" && mv "$list.new" "$list"
p4=$(grep -c '^pass .* ipv4' /tmp/conformance.$$); n4=$(grep -c ' ipv4' /tmp/conformance.$$)
p6=$(grep -c '^pass .* ipv6' /tmp/conformance.$$); n6=$(grep -c ' ipv6' /tmp/conformance.$$)
echo "conformance: IPv4 $p4/$n4 pass, IPv6 $p6/$n6 pass; known passes: $(grep -vc '^#' "$list")"
cp /tmp/conformance.$$ "${RESULTS:-/tmp/conformance.last}"
rm -f /tmp/conformance.$$
echo "conformance: $regressions regressions against tests/conformance_pass.txt"
[ "$regressions" -eq 0 ]
