#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Builds the libFuzzer targets build/fuzz/fuzz_parser and build/fuzz/fuzz_packet with
# clang (ASan + UBSan, every UBSan report fatal) and writes their seed corpora to
# build/fuzz/seeds/{parser,packet}/. The flex/bison sources are generated into
# build/fuzz/gen/, so neither the Makefile nor its build/ tree is involved.
# Used by tests/fuzz/run.sh and tests/fuzz/regress.sh.
# Environment: CC_FUZZ (default clang), FUZZ_BUILD (default build/fuzz).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_BUILD:-$top/build/fuzz}
cc=${CC_FUZZ:-clang}
cd "$top"

mkdir -p "$out/gen/parser" "$out/obj"
flex --header-file="$out/gen/parser/lexer.h" -o "$out/gen/parser/lexer.c" parser/lexer.l
bison -Wall -Werror --defines="$out/gen/parser/grammar.h" -o "$out/gen/parser/grammar.c" \
	parser/grammar.y

cflags=(-g -O1 -fno-omit-frame-pointer -std=gnu11 -D_GNU_SOURCE -I. -I"$out/gen"
	"-fsanitize=address,undefined" -fno-sanitize-recover=all)

# Runs "$@" in the background; finish() waits for all of them and fails if any did.
pids=()
spawn() { "$@" & pids+=($!); }
finish() {
	local rc=0
	for p in "${pids[@]}"; do wait "$p" || rc=1; done
	pids=()
	return $rc
}

objs=()
for src in parser/util/*.c netdev/packet/*.c parser/*.c "$out"/gen/parser/{lexer,grammar}.c; do
	rel=${src#"$out"/gen/}
	obj=$out/obj/${rel//\//_}
	obj=${obj%.c}.o
	objs+=("$obj")
	# coverage instrumentation, without libFuzzer's main()
	spawn "$cc" "${cflags[@]}" -fsanitize=fuzzer-no-link -c -o "$obj" "$src"
done
finish

for t in fuzz_parser fuzz_packet; do
	spawn "$cc" "${cflags[@]}" -fsanitize=fuzzer -o "$out/$t" "tests/fuzz/$t.c" "${objs[@]}"
done
finish

# Parser seeds: every script in the repository, flattened to unique names.
rm -rf "$out/seeds"
mkdir -p "$out/seeds/parser" "$out/seeds/packet"
find tests scripts docs -name '*.pkt' | while read -r f; do
	cp "$f" "$out/seeds/parser/${f//\//_}"
done

# Packet seeds: one IP packet each, written as hex (checksums are not checked).
seed() { printf '%s' "$2" | tr -d ' \t\n' | xxd -r -p > "$out/seeds/packet/$1"; }
v4="c0000201 c0a80001"
v6="20010db8000000000000000000000001 fd3dfa7bd17d88880000000000000002"
# IPv4 SYN <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>
seed ipv4_syn "450000 3c 0000 4000 40 06 0000 $v4 1f90 04d2 00000000 00000000 a002 ffff 0000 0000
	020405b4 0402 080a0000000100000000 01 030307"
# IPv6 SYN-ACK <nop,nop,sack 1:2,FO 01020304,nop,nop>
seed ipv6_synack "60000000 0028 06 40 $v6 1f90 04d2 00000001 00000001 a012 ffff 0000 0000
	0101050a0000000100000002 220601020304 0101"
# IPv4 UDP with 4 payload bytes
seed ipv4_udp "450000 20 0000 4000 40 11 0000 $v4 1f90 0035 000c 0000 61626364"
# IPv4 ICMP unreachable/frag_needed (mtu 1500) quoting an IPv4 TCP header
seed ipv4_icmp "450000 38 0000 4000 40 01 0000 $v4 0304 0000 000005dc
	450000 28 0000 4000 40 06 0000 c0a80001 c0000201 04d2 1f90 00000000"
# ICMPv6 packet_too_big (mtu 1280)
seed ipv6_icmp "60000000 0008 3a 40 $v6 0200 0000 00000500"
# IPv6 hop-by-hop options header, then UDP
seed ipv6_hbh_udp "60000000 0010 00 40 $v6 1100 0104 00000000 0035 1f90 0008 0000"
# IPv4 P.A with AE set <FOEXP aabb,ECN e0b 1 ceb 2,nop,nop> and 2 payload bytes
seed ipv4_accecn "450000 3a 0000 4000 40 06 0000 $v4 1f90 04d2 00000001 00000001 9118 ffff 0000 0000
	fe06f989aabb ac08000001000002 0101 6869"
# IPv4 header with options (IHL 6), then a RST
seed ipv4_ipopts_rst "460000 2c 0000 4000 40 06 0000 $v4 01010100 1f90 04d2 00000001 00000000 5004 0000 0000 0000"
# IPv4 outer, GRE with checksum, key and sequence number, inner IPv4 SYN
seed ipv4_gre_syn "450000 4c 0000 0000 ff 2f 0000 $v4 b000 0800 0000 0000 00000007 00000009
	450000 28 0000 0000 ff 06 0000 $v4 1f90 04d2 00000000 00000000 5002 03e8 0000 0000"
# IPv6 outer, plain GRE, two MPLS labels (the second the bottom), inner IPv4 UDP
seed ipv6_gre_mpls_udp "60000000 0028 2f 40 $v6 0000 8847 00064140 000c8140
	450000 1c 0000 0000 40 11 0000 $v4 1f90 0035 0008 0000"
# IPv4 in IPv4, inner RST
seed ipip_rst "450000 3c 0000 0000 40 04 0000 $v4
	450000 28 0000 0000 40 06 0000 $v4 1f90 04d2 00000001 00000000 5004 0000 0000 0000"
echo "built $out/fuzz_parser $out/fuzz_packet; seeds in $out/seeds"
