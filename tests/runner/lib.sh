# Shared by tests/runner/test_*.sh: the binary, a scratch directory, checks.
# Each test prints "ok   what" / "FAIL what" lines and exits non-zero on a failure.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A private copy: the tree's binary may be rebuilt while a long test runs.
cp "${PKTDRILL:-$top/pktdrill}" "$tmp/pktdrill"
bin=$tmp/pktdrill
failures=0

ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# check "what" command...: ok if the command succeeds.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}

# Runs a command with its output thrown away (for check).
quiet() {
	"$@" > /dev/null 2>&1
}

# Processes whose command line matches $1 (our scripts' unique sleeps).
leftovers() {
	pgrep -fa -- "$1"
}

# Writes a script: path, then its lines.
script() {
	local path=$1
	shift
	mkdir -p "$(dirname "$path")"
	printf '%s\n' "$@" > "$path"
}

finish() {
	[ "$failures" -eq 0 ] && echo "all passed" && exit 0
	echo "$failures failed"
	exit 1
}
