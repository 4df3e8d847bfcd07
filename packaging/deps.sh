#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# deps.sh build|check|demo|list PURPOSE: the Debian packages pktdrill needs,
# checked the way its build finds them (pkg-config for libraries, the PATH for
# tools). What is missing is named; run as root on a dpkg system it is
# installed with apt-get (saying so), unless NO_INSTALL=1, which only prints
# the apt-get line and fails. The one list of them: debian/control's
# Build-Depends, README and .ci/run agree with it (tests/check_packaging.sh).
# "list PURPOSE" prints the packages of PURPOSE, one per line.

# package: probes (pkg:MODULE or a command); "build" is needed by the others.
build_deps="
gcc:gcc
make:make
pkg-config:pkg-config
flex:flex
bison:bison
libnl-3-dev:pkg:libnl-3.0
libnl-route-3-dev:pkg:libnl-route-3.0
libpcap-dev:pkg:libpcap
"
# make check: cmocka, and what the test scripts and harness call.
check_deps="
libcmocka-dev:pkg:cmocka
iproute2:ip
procps:sysctl
python3:python3
libxml2-utils:xmllint
libcap2-bin:capsh
util-linux:setpriv
groff-base:groff
perl:prove
"
demo_deps=""

set -u
purpose=${1:-build}
case "$purpose" in
list) shift; purpose=${1:-build}; list_only=1 ;;
*) list_only=0 ;;
esac
case "$purpose" in
build) want=$build_deps ;;
check) want="$build_deps $check_deps" ;;
demo) want="$build_deps $demo_deps" ;;
*) echo "usage: $0 build|check|demo|list PURPOSE" >&2; exit 2 ;;
esac

present() {	# probe
	case "$1" in
	pkg:*) command -v pkg-config > /dev/null 2>&1 && pkg-config --exists "${1#pkg:}" ;;
	*) command -v "$1" > /dev/null 2>&1 ;;
	esac
}

missing=""
for entry in $want; do
	pkg=${entry%%:*}
	if [ "$list_only" = 1 ]; then
		echo "$pkg"
		continue
	fi
	present "${entry#*:}" || missing="$missing $pkg"
done
[ "$list_only" = 1 ] && exit 0
[ -z "$missing" ] && exit 0

echo "pktdrill needs these Debian packages for 'make $purpose':$missing"
line="apt-get install -y$missing"
if [ "${NO_INSTALL:-0}" = 1 ] || [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null 2>&1; then
	echo "install them with:"
	echo "    $line"
	exit 1
fi
echo "installing them: $line"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq $missing > /dev/null || {
	echo "apt-get failed: install them by hand and run make again"
	exit 1
}
