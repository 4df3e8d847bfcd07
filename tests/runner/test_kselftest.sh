#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# pktdrill as the kernel selftests' packetdrill: `make install
# install-packetdrill-link DESTDIR=...` gives it that name, and a wrapper shaped
# like tools/testing/selftests/net/packetdrill/ksft_runner.sh (per family, from
# the script's directory: unshare -n packetdrill <flags> x.pkt > /dev/null)
# runs scripts with it.
. "$(dirname "$0")/lib.sh"

root=$tmp/root
make -s -C "$top" install install-packetdrill-link DESTDIR="$root" PREFIX=/usr \
	BIN="${BIN:-pktdrill}" BUILD="${BUILD:-build}" > "$tmp/make.out" 2>&1
check "make install install-packetdrill-link DESTDIR=... PREFIX=/usr" test $? = 0
check "/usr/bin/packetdrill links to pktdrill" test "$(readlink "$root/usr/bin/packetdrill")" = pktdrill
check "packetdrill runs pktdrill" test "$("$root/usr/bin/packetdrill" --version)" = "pktdrill 0.1"

cat > "$tmp/ksft_runner.sh" <<'WRAPPER'
#!/bin/bash
# The kernel's way: each family's flags, the script's own --ip_version line
# if it has one, stdout discarded, one KTAP result per family.
declare -A ip_args=(
	[ipv4]="--ip_version=ipv4 --local_ip=192.168.0.1 --gateway_ip=192.168.0.1
		--netmask_ip=255.255.0.0 --remote_ip=192.0.2.1 -D TFO_COOKIE=3021b9d889017eeb
		-D CMSG_LEVEL_IP=SOL_IP -D CMSG_TYPE_RECVERR=IP_RECVERR"
	[ipv6]="--ip_version=ipv6 --mtu=1520 --local_ip=fd3d:0a0b:17d6::1
		--gateway_ip=fd3d:0a0b:17d6:8888::1 --remote_ip=fd3d:fa7b:d17d::1
		-D TFO_COOKIE=c1d1e9742a47a9bc -D CMSG_LEVEL_IP=SOL_IPV6
		-D CMSG_TYPE_RECVERR=IPV6_RECVERR"
)
cd "$(dirname "$1")" || exit 1
script=$(basename "$1")
if [ -z "$(which packetdrill)" ]; then
	echo "1..0 # SKIP packetdrill not found in PATH"
	exit 4
fi
ip_versions=$(grep -E '^--ip_version=' "$script" | cut -d '=' -f 2)
[ -z "$ip_versions" ] && ip_versions="ipv4 ipv6"
echo "TAP version 13"
echo "1..$(echo $ip_versions | wc -w)"
n=0 rc=0
for v in $ip_versions; do
	n=$((n + 1))
	if unshare -n packetdrill ${ip_args[$v]} "$script" > /dev/null; then
		echo "ok $n $v"
	else
		echo "not ok $n $v"
		rc=1
	fi
done
exit $rc
WRAPPER
chmod +x "$tmp/ksft_runner.sh"

k=$tmp/packetdrill
mkdir -p "$k"
cp "$top/tests/scripts/pass/states/state_established.pkt" "$k/tcp_established.pkt"
script "$k/tcp_v4_only.pkt" '--ip_version=ipv4' \
	"0 \`ip -4 -o addr show dev tun0 | grep -q 'inet 192.168.0.1/16'\`"
script "$k/tcp_cwd.pkt" '0 `./helper.sh`'
printf '#!/bin/sh\ntest -e /dev/net/tun\n' > "$k/helper.sh"
chmod +x "$k/helper.sh"
script "$k/tcp_broken.pkt" '0 `echo broken-on-purpose >&2; false`'
ksft() { (cd / && PATH="$root/usr/bin:$PATH" "$tmp/ksft_runner.sh" "$k/$1" 2> "$tmp/$1.err"); }

check "a TCP script passes in both families" \
	test "$(ksft tcp_established.pkt | tail -2 | tr '\n' ' ')" = "ok 1 ipv4 ok 2 ipv6 "
check "a script's --ip_version line: that family only, with its addresses" \
	test "$(ksft tcp_v4_only.pkt | tail -2 | tr '\n' ' ')" = "1..1 ok 1 ipv4 "
check "commands run from the script's directory" \
	test "$(ksft tcp_cwd.pkt | tail -2 | tr '\n' ' ')" = "ok 1 ipv4 ok 2 ipv6 "
out=$(ksft tcp_broken.pkt)
check "a failing script: not ok, exit 1" test "$? $(echo $out)" = "1 TAP version 13 1..2 not ok 1 ipv4 not ok 2 ipv6"
check "its error reaches stderr" grep -q 'tcp_broken.pkt:1: .*broken-on-purpose' "$tmp/tcp_broken.pkt.err"
finish
