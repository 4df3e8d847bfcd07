#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The bash completion (build/pktdrill.bash, generated from the flag tables by
# `pktdrill --bash-completion`): flags, their values, files and scripts,
# whether or not bash breaks words at '=' (issue #16).
. "$(dirname "$0")/lib.sh"

file=$tmp/pktdrill.bash
"$bin" --bash-completion > "$file"
check "--bash-completion prints a script bash reads" bash -n "$file"
if [ -n "${BUILD:-}" ] && [ -f "$top/${BUILD}/pktdrill.bash" ]; then
	check "the built completion file is what the binary generates" \
		cmp -s "$file" "$top/${BUILD}/pktdrill.bash"
fi

d=$tmp/d
mkdir -p "$d/sub" && touch "$d/a.pkt" "$d/b.pkt" "$d/notes.txt" "$d/out.pcap"
breaks_eq=$' \t\n"\'><=;|&(:'	# bash's default COMP_WORDBREAKS
breaks_no_eq=$' \t\n"\'><;|&(:'

# comp BREAKS WORDS...: what completing the last word offers, one per line,
# sorted; the command line as bash gives it to the function.
comp() {
	local breaks=$1
	shift
	(cd "$d" && bash -c '
		breaks=$1 file=$2
		shift 2
		source "$file"
		COMP_WORDBREAKS=$breaks
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		# the words as readline splits them
		read -r -a COMP_WORDS <<< "$(sed -E "s/=/ = /g" <<< "$COMP_LINE")"
		[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
		[[ $breaks == *=* ]] || read -r -a COMP_WORDS <<< "$COMP_LINE"
		[[ $COMP_LINE == *" " && $breaks != *=* ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_pktdrill
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$breaks" "$file" "$@" | sort | tr '\n' ' ')
}

got=$(comp "$breaks_eq" pktdrill --ip_v)
check "--ip_v completes to --ip_version= ($got)" test "$got" = "--ip_version= "
got=$(comp "$breaks_no_eq" pktdrill --ip_v)
check "  also without '=' in COMP_WORDBREAKS ($got)" test "$got" = "--ip_version= "
got=$(comp "$breaks_eq" pktdrill --ip_version=)
check "--ip_version=: the families ($got)" test "$got" = "ipv4 ipv4-mapped-ipv6 ipv6 "
got=$(comp "$breaks_no_eq" pktdrill --ip_version=ipv4)
check "  whole words when bash does not break at '=' ($got)" \
	test "$got" = "--ip_version=ipv4 --ip_version=ipv4-mapped-ipv6 "
got=$(comp "$breaks_eq" pktdrill --ip_version ipv)
check "  after the flag given apart ($got)" test "$got" = "ipv4 ipv4-mapped-ipv6 ipv6 "
got=$(comp "$breaks_eq" pktdrill --format=t)
check "--format=t: text and tap ($got)" test "$got" = "tap text "
got=$(comp "$breaks_eq" pktdrill --variants=)
check "--variants=: the runner's families and ksft ($got)" test "$got" = "ipv4 ipv4-mapped-ipv6 ipv6 ksft "
got=$(comp "$breaks_eq" pktdrill --netns=)
check "--netns=: auto, current, new ($got)" test "$got" = "auto current new "
got=$(comp "$breaks_eq" pktdrill --pcap=o)
check "--pcap=o: files ($got)" test "$got" = "out.pcap "
got=$(comp "$breaks_eq" pktdrill --mtu=)
check "--mtu=: nothing to offer ($got)" test -z "$got"
got=$(comp "$breaks_eq" pktdrill -j "")
check "-j N: nothing to offer ($got)" test -z "$got"
got=$(comp "$breaks_eq" pktdrill --dry_run "")
check "paths: scripts and directories, not other files ($got)" test "$got" = "a.pkt b.pkt sub "
"$bin" --help | grep -oE -- '^  (-[a-zA-Z]( [A-Z=]+)?, )?--[A-Za-z0-9_-]+' | grep -oE -- '--[A-Za-z0-9_-]+$' | sort -u > "$tmp/help_flags"
comp "$breaks_eq" pktdrill -- | tr ' ' '\n' | sed 's/=$//' | grep -- '^--' | sort -u > "$tmp/offered"
check "every flag of --help is offered ($(wc -l < "$tmp/offered") of $(wc -l < "$tmp/help_flags"))" \
	cmp -s "$tmp/help_flags" "$tmp/offered"
finish
