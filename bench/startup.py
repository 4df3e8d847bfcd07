#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Start-up overhead: a trivial script (socket, close), whole process
including namespace, TUN set-up and teardown. Wall and CPU time and peak RSS,
over N runs (default 50). Wall ends when pktdrill exits; "until its last
process ends" also waits for the child that finishes closing the packet
socket (an RCU grace period in the kernel), whose CPU is in the CPU figure. With PACKETDRILL=/path/to/packetdrill, upstream is
measured the same way (in a fresh unshare -n namespace) and the ratio shown.

The floor is `unshare -n /bin/true`, run interleaved with pktdrill: the price
the kernel charges for any new process in a new network namespace, which no
tool that isolates each run can go under; "above the floor" is pktdrill's own."""
import os
import random
import statistics
import sys
import time

from common import PKTDRILL, UPSTREAM, machine, run_tail, summary, upstream_argv

N = int(sys.argv[1]) if len(sys.argv) > 1 else 50
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "trivial.pkt")


def pause():
    """A random pause of up to one kernel tick (4 ms at HZ=250) before each
    run. pktdrill starts its script clock 250 us after a tick, so its wall
    time includes a wait of 0-4 ms that depends on the phase it starts at;
    back to back, every run would start at the same phase (a run, and the
    closer measure waits for, ends on a tick), which is not how a user's
    runs start, and locks the figure to one end of that range."""
    time.sleep(random.uniform(0, 0.004))


def measure(argv_fn):
    walls, cpus, rss = [], [], []
    for _ in range(N):
        pause()
        rc, wall, cpu, maxrss, _ = run_tail(argv_fn())
        if rc != 0:
            sys.exit("startup: the trivial script failed (exit %d)" % rc)
        walls.append(wall)
        cpus.append(cpu)
        rss.append(maxrss / 1024)
    return walls, cpus, rss


def interleaved(argv_a, argv_b):
    """N runs of each, alternating, so that load hits both alike."""
    a, b = ([], [], [], []), ([], [], [], [])
    for _ in range(N):
        for argv, out in ((argv_a, a), (argv_b, b)):
            pause()
            rc, wall, cpu, maxrss, tail = run_tail(argv)
            if rc != 0:
                sys.exit("startup: %s failed (exit %d)" % (argv[0], rc))
            out[0].append(wall)
            out[1].append(cpu)
            out[2].append(maxrss / 1024)
            out[3].append(tail)
    return a, b


print("startup: trivial script, %d runs, %s" % (N, machine()))
(walls, cpus, rss, tails), (fw, fc, _, _) = interleaved([PKTDRILL, SCRIPT], ["unshare", "-n", "/bin/true"])
print("  pktdrill wall: " + summary(walls, " ms", 1e3))
print("  pktdrill wall until its last process ends: " + summary(tails, " ms", 1e3))
print("  pktdrill cpu:  " + summary(cpus, " ms", 1e3))
print("  pktdrill peak RSS: " + summary(rss, " MiB"))
print("  floor (unshare -n /bin/true) wall: " + summary(fw, " ms", 1e3))
print("  floor (unshare -n /bin/true) cpu:  " + summary(fc, " ms", 1e3))
print("  pktdrill above the floor (medians): wall %.2f ms, cpu %.2f ms" % (
    (statistics.median(walls) - statistics.median(fw)) * 1e3,
    (statistics.median(cpus) - statistics.median(fc)) * 1e3))
if UPSTREAM:
    uw, uc, _ = measure(lambda: upstream_argv(SCRIPT))
    print("  upstream wall: " + summary(uw, " ms", 1e3))
    print("  upstream cpu:  " + summary(uc, " ms", 1e3))
    print("  ratio pktdrill/upstream: wall %.2f, cpu %.2f" % (
        statistics.median(walls) / statistics.median(uw),
        statistics.median(cpus) / statistics.median(uc)))
