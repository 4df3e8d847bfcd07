#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""What --diagram and --pcap=FILE.pcapng cost a run (issue #17: at most 1 ms
more than without). Runs each script N times (default 40) plainly and with
each output, interleaved so that load hits all alike, each after a random
pause of up to one tick (see startup.py), through bench/measure: wall until
pktdrill exits and CPU of the whole process tree. Prints medians and the
difference of each output's median from the plain run's.

Scripts: bench/trivial.pkt (socket, close: the fixed cost of drawing and
writing) and scripts/state_time_wait.pkt (7 packets, 8 calls, 6 state
changes: the per-event cost of recording, a sock_diag query after each
event). The files go to a temporary directory (TMPDIR); say which file
system it is, since --pcap syncs its file to disk."""
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from common import PKTDRILL, TOP, machine, run

N = int(sys.argv[1]) if len(sys.argv) > 1 else 40
SCRIPTS = [os.path.join(TOP, "bench", "trivial.pkt"),
           os.path.join(TOP, "scripts", "state_time_wait.pkt")]
OUTPUTS = [("plain", None), ("--diagram=F.svg", "svg"), ("--diagram=F.mmd", "mmd"),
           ("--pcap=F.pcapng", "pcapng"), ("--pcap=F.pcap (classic)", "pcap")]


def argv(script, ext, out):
    if ext is None:
        return [PKTDRILL, script]
    flag = "--pcap" if ext.startswith("pcap") else "--diagram"
    return [PKTDRILL, "%s=%s/run.%s" % (flag, out, ext), script]


def main():
    out = tempfile.mkdtemp()
    fs = subprocess.run(["stat", "-f", "-c", "%T", out], capture_output=True,
                        text=True).stdout.strip()
    print("diagram_cost: %d runs of each, %s; files on %s (%s)" % (N, machine(), out, fs))
    for script in SCRIPTS:
        walls = {name: [] for name, _ in OUTPUTS}
        cpus = {name: [] for name, _ in OUTPUTS}
        for _ in range(N):
            for name, ext in OUTPUTS:
                time.sleep(random.uniform(0, 0.004))
                rc, wall, cpu, _ = run(argv(script, ext, out))
                if rc != 0:
                    sys.exit("diagram_cost: %s %s failed (exit %d)" % (script, name, rc))
                walls[name].append(wall)
                cpus[name].append(cpu)
        print("  %s" % os.path.relpath(script, TOP))
        base_w = statistics.median(walls["plain"])
        base_c = statistics.median(cpus["plain"])
        for name, _ in OUTPUTS:
            w, c = statistics.median(walls[name]), statistics.median(cpus[name])
            extra = "" if name == "plain" else "  (%+.2f ms wall, %+.2f ms cpu)" % (
                (w - base_w) * 1e3, (c - base_c) * 1e3)
            print("    %-26s wall %7.2f ms  cpu %5.2f ms%s" % (name, w * 1e3, c * 1e3, extra))
    for f in os.listdir(out):
        os.unlink(os.path.join(out, f))
    os.rmdir(out)


main()
