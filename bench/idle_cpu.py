#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""CPU while a script waits: a script that sleeps S seconds (default 5)
between two system calls and between two packets; CPU time as a share of the
wall time of the run."""
import os
import sys
import tempfile

from common import PKTDRILL, machine, run

S = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
SCRIPT = """0   socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0  setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
+0  bind(3, ..., ...) = 0
+0  listen(3, 1) = 0
+0  < S 0:0(0) win 65535 <mss 1460>
+0  > S. 0:0(0) ack 1 <...>
+%.3f < . 1:1(0) ack 1 win 65535
+%.3f accept(3, ..., ...) = 4
""" % (S / 2, S / 2)

print("idle CPU: a script that waits %.1f s, %s" % (S, machine()))
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "wait.pkt")
    with open(path, "w") as f:
        f.write(SCRIPT)
    rc, wall, cpu, _ = run([PKTDRILL, path])
    print("  exit %d, wall %.3f s, cpu %.2f ms = %.3f%% of the wait" % (
        rc, wall, cpu * 1e3, 100 * cpu / wall))
