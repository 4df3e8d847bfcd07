#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# with_cubic.sh COMMAND...: runs COMMAND with cubic in the host's
# net.ipv4.tcp_allowed_congestion_control, then puts the list back as it was.
# The corpus's defaults.sh selects cubic inside each namespace, which works
# only if the host allows it (corpus README); pktdrill itself never changes
# host settings, so the harness does it, for the length of the command.
# Concurrent callers take turns (flock): otherwise the first to finish would
# take cubic away from the others while they still run.
set -u
allowed_file=/proc/sys/net/ipv4/tcp_allowed_congestion_control
exec 9> /run/lock/pktdrill-with-cubic.lock
flock 9
allowed=$(cat $allowed_file)
case " $allowed " in
*" cubic "*) exec 9>&- ; "$@"; exit ;;
esac
echo "$allowed cubic" > $allowed_file
trap 'echo "$allowed" > $allowed_file' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
"$@" 9>&-
