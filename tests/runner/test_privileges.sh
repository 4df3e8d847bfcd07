#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Without the capabilities it needs, pktdrill exits 3 before doing anything and
# says which capability is missing; --dry_run needs none.
. "$(dirname "$0")/lib.sh"
chmod 755 "$tmp" "$bin"
cp "$top/scripts/state_listen.pkt" "$tmp/x.pkt"
chmod 644 "$tmp/x.pkt"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }

out=$(nobody "$bin" "$tmp/x.pkt" 2>&1)
check "non-root: exit 3" test $? -eq 3
check "non-root: names the missing capabilities" \
	grep -q "missing capability CAP_NET_ADMIN and CAP_SYS_ADMIN" <<< "$out"
out=$(capsh --drop=cap_sys_admin -- -c "'$bin' '$tmp/x.pkt'" 2>&1)
check "root without CAP_SYS_ADMIN: exit 3" test $? -eq 3
check "root without CAP_SYS_ADMIN: names it alone" \
	grep -q "missing capability CAP_SYS_ADMIN:" <<< "$out"
check "non-root --dry_run: exit 0" quiet nobody "$bin" --dry_run "$tmp/x.pkt"
[ "$failures" -eq 0 ] && echo "all passed"
exit $((failures > 0))
