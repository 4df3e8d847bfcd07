#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make check-deb (CI): builds the Debian package from the committed sources
# (dpkg-buildpackage -us -uc -b, in a scratch copy), checks it with lintian
# (no error; the warnings are printed), checks that debian/control's
# Build-Depends are packaging/deps.sh's build list, then installs it with dpkg
# on this machine, runs the installed state scripts, pktdrill-demo and man,
# and purges it, checking that nothing it installed is left.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }

if dpkg -s pktdrill > /dev/null 2>&1; then
	echo "check-deb: a pktdrill package is installed here already; not touching it"
	exit 1
fi

# Build-Depends (debhelper aside) against deps.sh's build list (the
# compiler and make are build-essential).
want=$("$top/packaging/deps.sh" list build | grep -vx 'gcc\|make' | sort)
have=$(sed -n '/^Build-Depends:/,/^[A-Z]/p' "$top/debian/control" | sed 's/^Build-Depends://' |
	tr ',' '\n' | sed 's/^[[:space:]]*//; s/[[:space:](].*//' | grep -v '^debhelper-compat$\|^$\|^[A-Z]' |
	sort)
check "debian/control's Build-Depends are packaging/deps.sh's build list" test "$want" = "$have"

src=$tmp/pktdrill-0.1
mkdir -p "$src"
(cd "$top" && git ls-files -z | xargs -0 cp -d --parents -t "$src")
(cd "$src" && dpkg-buildpackage -us -uc -b) > "$tmp/build.log" 2>&1
check "dpkg-buildpackage -us -uc -b" test $? -eq 0 || tail -20 "$tmp/build.log"
deb=$(ls "$tmp"/pktdrill_*.deb 2> /dev/null | head -1)
[ -n "$deb" ] || { echo "check-deb: no package built"; exit 1; }

lintian "$tmp"/pktdrill_*.changes > "$tmp/lintian.log" 2>&1
grep '^[WI]:' "$tmp/lintian.log" | sed 's/^/     lintian /'
check "lintian: no error" sh -c "! grep -q '^E:' '$tmp/lintian.log'" || cat "$tmp/lintian.log"

files=$(dpkg-deb -c "$deb" | awk '{ print substr($6, 2) }' | grep -v '/$')
dpkg -i "$deb" > "$tmp/dpkg.log" 2>&1
check "dpkg -i" test $? -eq 0 || cat "$tmp/dpkg.log"
check "the installed pktdrill links libnl-3 as a shared library" \
	sh -c "ldd /usr/bin/pktdrill | grep -q 'libnl-3.so'"
# libpcap is loaded only for --pcap: the package must depend on it anyway.
check "the package depends on the libpcap it loads for --pcap" \
	sh -c "dpkg-query -W -f '\${Depends}' pktdrill | grep -q 'libpcap0.8'"
pktdrill --pcap="$tmp/x.pcap" /usr/share/pktdrill/scripts/state_listen.pkt > /dev/null 2>&1
check "  and --pcap writes a capture with it" test "$(head -c4 "$tmp/x.pcap" | od -An -tx1 | tr -d ' ')" = "4d3cb2a1"
out=$(pktdrill /usr/share/pktdrill/scripts/*.pkt 2>&1)
check "pktdrill /usr/share/pktdrill/scripts/*.pkt: 11 passed" grep -q '^11 passed, 0 failed' <<< "$out" ||
	printf '%s\n' "$out" | tail -20
check "pktdrill-demo: 11 states pass" test "$(pktdrill-demo -o "$tmp/handout.html" | grep -c ' pass ')" = 11
check "  and its handout has 11 diagrams" test "$(grep -c '<svg ' "$tmp/handout.html")" = 11
check "its man pages render" sh -c "zcat /usr/share/man/man1/pktdrill.1.gz | groff -man -Tutf8 2> /dev/null | grep -q namespace && zcat /usr/share/man/man1/pktdrill-demo.1.gz | groff -man -Tutf8 2> /dev/null | grep -q TIME"
dpkg -P pktdrill > "$tmp/dpkg.log" 2>&1
check "dpkg -P pktdrill" test $? -eq 0
left=$(for f in $files; do [ -e "$f" ] && echo "$f"; done)
check "nothing it installed is left" test -z "$left" || echo "$left"
echo "check-deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
