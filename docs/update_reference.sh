#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make docs: rewrites the generated parts of docs/pktdrill-script.5 (the lines
# between ".\" BEGIN GENERATED NAME" and ".\" END GENERATED NAME") with what
# `pktdrill --list-NAME` prints, from the tables the binary was built with.
# Usage: docs/update_reference.sh PKTDRILL [REFERENCE]
set -eu
bin=$1
ref=${2:-$(dirname "$0")/pktdrill-script.5}
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.part"' EXIT
for part in syscalls symbols; do
	"$bin" "--list-$part" > "$tmp.part"
	awk -v part="$part" -v file="$tmp.part" '
		index($0, ".\\\" BEGIN GENERATED " part " ") == 1 {
			print; while ((getline line < file) > 0) print line; skip = 1; next }
		index($0, ".\\\" END GENERATED " part " ") == 1 || $0 == ".\\\" END GENERATED " part {
			skip = 0 }
		!skip { print }' "$ref" > "$tmp"
	cmp -s "$tmp" "$ref" || { cat "$tmp" > "$ref"; echo "$ref: $part updated"; }
done
