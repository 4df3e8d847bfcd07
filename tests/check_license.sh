#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Every file in the repository says its license: an SPDX-License-Identifier
# line (GPL-2.0-only) in its first three lines, or a Files: pattern of
# .reuse/dep5 (for files that cannot carry one). LICENSE holds the text.
set -u
set -f	# the patterns are globs for [[ ]], not for the shell
cd "$(dirname "$0")/.."
[ -f LICENSE ] && grep -q "GNU GENERAL PUBLIC LICENSE" LICENSE && grep -q "Version 2, June 1991" LICENSE ||
	{ echo "license: LICENSE is not the GPL version 2 text"; exit 1; }
# The Files: patterns of .reuse/dep5 (fnmatch globs, * matching /)
patterns=$(awk '/^Files:/ { sub(/^Files:/, ""); on = 1 } /^[A-Z][a-z-]*:/ && !/^Files:/ { on = 0 }
	on { print }' .reuse/dep5 | tr ' ' '\n' | grep -v '^$')
bad=0
while IFS= read -r f; do
	[ -L "$f" ] || [ ! -f "$f" ] && continue
	head -3 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-only' && continue
	covered=0
	for p in $patterns; do
		# shellcheck disable=SC2053
		[[ "$f" == $p ]] && covered=1 && break
	done
	[ $covered = 1 ] && continue
	echo "license: $f has no SPDX line and .reuse/dep5 does not cover it"
	bad=1
done < <(git ls-files)
[ $bad = 0 ] && echo "license: every file says GPL-2.0-only"
exit $bad
