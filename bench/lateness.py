#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Event lateness: actual minus scheduled time of injected packets and system
calls, from pktdrill's own --timing-report, over a generated script of N
events (default 500) at 1-5 ms spacing. Run idle, then with a CPU hog (a
busy loop) on the other core. Prints p50/p99/max in microseconds."""
import os
import random
import subprocess
import sys
import tempfile

from common import PKTDRILL, machine, pct

N = int(sys.argv[1]) if len(sys.argv) > 1 else 500
HANDSHAKE = """0   socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0  setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
+0  bind(3, ..., ...) = 0
+0  listen(3, 1) = 0
+0  < S 0:0(0) win 65535 <mss 1460>
+0  > S. 0:0(0) ack 1 <...>
+0  < . 1:1(0) ack 1 win 65535
+0  accept(3, ..., ...) = 4
"""
# The handshake's injected packets and system calls, left out of the figures.
HANDSHAKE_TIMED = sum(1 for line in HANDSHAKE.splitlines() if " > " not in line)


def script(n):
    """Alternating duplicate ACKs (the kernel answers nothing) and fcntl()."""
    rnd = random.Random(1)
    lines = [HANDSHAKE]
    for i in range(n):
        gap = rnd.uniform(0.001, 0.005)
        event = "< . 1:1(0) ack 1 win 65535" if i % 2 else "fcntl(4, F_GETFL) = 0x2"
        lines.append("+%.6f %s\n" % (gap, event))
    return "".join(lines)


def lateness(path, report):
    rc = subprocess.run([PKTDRILL, "--timing-report=" + report, path],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    late = []
    with open(report) as f:
        for line in f:
            if line.startswith("#"):
                continue
            _, kind, sched, actual = line.rstrip("\n").split("\t")
            if kind != "outbound packet":
                late.append(int(actual) - int(sched))
    return rc.returncode, rc.stderr, late[HANDSHAKE_TIMED:]


def report_line(label, rc, err, late):
    status = "pass" if rc == 0 else "FAIL: " + err.splitlines()[0]
    print("  %-8s p50 %4d us  p99 %5d us  max %6d us over %d events (%s)" % (
        label, pct(late, 50), pct(late, 99), max(late), len(late), status))


def main():
    print("lateness: %d events at 1-5 ms spacing, %s" % (N, machine()))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "events.pkt")
        with open(path, "w") as f:
            f.write(script(N))
        report_line("idle", *lateness(path, os.path.join(tmp, "idle.tsv")))
        hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            report_line("cpu hog", *lateness(path, os.path.join(tmp, "hog.tsv")))
        finally:
            hog.kill()
            hog.wait()


main()
