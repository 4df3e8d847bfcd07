#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make install (PREFIX, DESTDIR, BINDIR, MANDIR) puts pktdrill, pktdrill-demo,
# the man pages, the 11 state scripts, the editor support (vim, TextMate) and
# the bash completion in place, and the installed demo and
# scripts run; install-strip strips the binary; install-packetdrill-link adds
# the packetdrill name only over nothing or its own link; uninstall removes
# exactly what install put, leaving the staging root as it found it.
. "$(dirname "$0")/lib.sh"
root=$tmp/root
mkdir -p "$root"
mk() { make -s -C "$top" BIN="${BIN:-pktdrill}" BUILD="${BUILD:-build}" DESTDIR="$root" "$@" \
	> "$tmp/make.out" 2>&1; }

check "make install PREFIX=/usr" mk install PREFIX=/usr
for f in usr/bin/pktdrill usr/bin/pktdrill-demo usr/share/man/man1/pktdrill.1 \
	usr/share/man/man5/pktdrill-script.5; do
	check "  installs /$f" test -f "$root/$f"
done
check "  the 11 state scripts in /usr/share/pktdrill/scripts" \
	test "$(ls "$root"/usr/share/pktdrill/scripts/state_*.pkt | wc -l)" = 11
for f in vim/ftdetect/pktdrill.vim vim/syntax/pktdrill.vim vscode/package.json \
	vscode/syntaxes/pktdrill.tmLanguage.json; do
	check "  the editor support: /usr/share/pktdrill/editors/$f" \
		cmp -s "$top/packaging/editors/$f" "$root/usr/share/pktdrill/editors/$f"
done
check "  the bash completion in /usr/share/bash-completion/completions" \
	grep -q '^complete -F _pktdrill pktdrill$' "$root/usr/share/bash-completion/completions/pktdrill"
check "  no packetdrill name without install-packetdrill-link" test ! -e "$root/usr/bin/packetdrill"
check "  the installed pktdrill runs an installed script" \
	quiet "$root/usr/bin/pktdrill" "$root/usr/share/pktdrill/scripts/state_established.pkt"
out=$("$root/usr/bin/pktdrill-demo" -o "$tmp/handout.html")
check "  the installed demo: 11 states, all pass" test "$(grep -c ' pass ' <<< "$out")" = 11
check "  from the installed scripts" grep -q '^TIME-WAIT .*state_time_wait.pkt *pass' <<< "$out"
check "  its handout: 11 diagrams" test "$(grep -c '<svg ' "$tmp/handout.html")" = 11
check "  and its path printed at the end" grep -q "handout.*: $tmp/handout.html\$" <<< "$(tail -1 <<< "$out")"

check "install-packetdrill-link: a link to pktdrill" mk install-packetdrill-link PREFIX=/usr
check "  it is the link" test "$(readlink "$root/usr/bin/packetdrill")" = pktdrill
check "  twice: fine" mk install-packetdrill-link PREFIX=/usr
check "uninstall" mk uninstall PREFIX=/usr
check "  leaves nothing behind" test -z "$(find "$root" -mindepth 1)"

mkdir -p "$root/usr/bin"
echo "someone else's packetdrill" > "$root/usr/bin/packetdrill"
mk install PREFIX=/usr
mk install-packetdrill-link PREFIX=/usr
check "install-packetdrill-link over a file not pktdrill's: refused" test $? -ne 0
check "  the file is untouched" grep -q "someone else's" "$root/usr/bin/packetdrill"
mk uninstall PREFIX=/usr
check "  uninstall keeps it" grep -q "someone else's" "$root/usr/bin/packetdrill"
rm -f "$root/usr/bin/packetdrill"
rmdir -p "$root/usr/bin" 2> /dev/null

check "BINDIR, MANDIR and install-strip" mk install-strip PREFIX=/opt/p BINDIR=/opt/p/sbin \
	MANDIR=/opt/p/man
check "  the binary in BINDIR" test -x "$root/opt/p/sbin/pktdrill"
check "  the man page in MANDIR" test -f "$root/opt/p/man/man1/pktdrill.1"
check "  stripped: no symbol table" sh -c "! readelf -S '$root/opt/p/sbin/pktdrill' | grep -q symtab"
check "  uninstall with the same variables" mk uninstall PREFIX=/opt/p BINDIR=/opt/p/sbin \
	MANDIR=/opt/p/man
check "  leaves nothing behind" test -z "$(find "$root" -mindepth 1)"
finish
