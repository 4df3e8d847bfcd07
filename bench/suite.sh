#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Suite wall time: the conformance corpus (../shared/conformance, IPv4, the
# arguments of upstream's run_all.py) with pktdrill's runner at -j JOBS (8:
# the scripts mostly wait, so more than one per CPU pays), with cubic allowed
# as tests/conformance.sh does, and the 11 state scripts 50 times each with
# -j2 (the count of timing failures). The scripts' own commands (defaults.sh,
# set_sysctls.py) are a large part of the corpus's CPU: measure with the
# system's python3 (a pyenv shim costs ~0.5 s per call).
# With PACKETDRILL=/path/to/packetdrill the corpus also runs under upstream,
# two at a time, each in a fresh `unshare -n`, and the ratio is printed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${PKTDRILL_BIN:-$top/pktdrill}
corpus=${CORPUS:-$top/../shared/conformance}
v4="--ip_version=ipv4 --local_ip=192.168.0.1 --gateway_ip=192.168.0.1 --netmask_ip=255.255.0.0
    --remote_ip=192.0.2.1 -D TFO_COOKIE=3021b9d889017eeb -D CODE=host_unreachable
    -D CMSG_LEVEL_IP=SOL_IP -D CMSG_TYPE_RECVERR=IP_RECVERR"

jobs=${JOBS:-8}
now() { date +%s.%N; }
[ -n "${WITH_CUBIC:-}" ] || WITH_CUBIC=1 exec "$top/tests/with_cubic.sh" "$0" "$@"

echo "suite: $(nproc) cores, $(uname -r)"
if [ -d "$corpus/gtests" ]; then
	t0=$(now)
	out=$(cd "$corpus" && "$bin" -j "$jobs" $v4 gtests 2>&1 | tail -1)
	t1=$(now)
	printf '  corpus (IPv4, -j%s): %.1f s wall; %s\n' "$jobs" "$(awk "BEGIN { print $t1 - $t0 }")" "$out"
	if [ -n "${PACKETDRILL:-}" ]; then
		t0=$(now)
		find "$corpus/gtests" -name '*.pkt' | sort | xargs -P 2 -I{} sh -c \
			'cd "$(dirname {})" && unshare -n sh -c "ip link set lo up && exec $PACKETDRILL '"$v4"' $(basename {})" >/dev/null 2>&1' || true
		t1=$(now)
		printf '  upstream corpus (IPv4, 2 at a time): %.1f s wall\n' "$(awk "BEGIN { print $t1 - $t0 }")"
	fi
fi
t0=$(now)
res=$(ROUNDS=${ROUNDS:-50} JOBS=2 PKTDRILL=$bin "$top/tests/stress_states.sh" | tail -1)
t1=$(now)
printf '  state scripts x%s, IPv4+IPv6, -j2: %s in %.1f s\n' "${ROUNDS:-50}" "$res" "$(awk "BEGIN { print $t1 - $t0 }")"
