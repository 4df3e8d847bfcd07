#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""stalls.py [ROUNDS]: timing verdicts under a stalling machine (issue #18).

The stall generator: on every CPU, a SCHED_FIFO process that spins 25 ms
every ~100 ms (65-85 ms asleep in between, at random), as a debug kernel's
latency spikes or a real-time job do; nothing of lower priority (pktdrill
runs SCHED_RR 1, the kernel's softirq threads SCHED_OTHER) runs on that CPU
meanwhile. Under it, the 11 state scripts ROUNDS times (10), 2 at a time,
counted as pktdrill reports them: passed, stalled (exit 4: no clean try in
1 + --stall-retries), failed; and how many tries were stalled and retried.
The same with --stall-retries=0, to show how many single tries the machine
spoiled. Then the controls, each 5 times with and 5 times without the
generator: bench/control_early.pkt (the kernel's packet 50 ms early) and
bench/control_late.pkt (~60 ms late, pktdrill on time), which must fail (exit
1) every time, never be called stalled. Needs root."""
import glob
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from common import PKTDRILL, TOP, machine

SPIN, SLEEP_MIN, SLEEP_MAX = 0.025, 0.065, 0.085


def spinner(cpu):
    """The generator's process for one CPU; runs until killed."""
    pid = os.fork()
    if pid:
        return pid
    try:
        os.sched_setaffinity(0, {cpu})
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(50))
        rng = random.Random(cpu)
        while True:
            time.sleep(rng.uniform(SLEEP_MIN, SLEEP_MAX))
            end = time.monotonic() + SPIN
            while time.monotonic() < end:
                pass
    finally:
        os._exit(0)


class Generator:
    def __enter__(self):
        self.pids = [spinner(cpu) for cpu in sorted(os.sched_getaffinity(0))]
        return self

    def __exit__(self, *exc):
        for pid in self.pids:
            os.kill(pid, 9)
            os.waitpid(pid, 0)


def run_one(script, *args):
    """(exit status, stderr) of one pktdrill run."""
    p = subprocess.run([PKTDRILL, *args, script], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stderr


def states(rounds, *args):
    """Counts of the verdicts of the state scripts, rounds times, 2 at a time."""
    scripts = sorted(glob.glob(os.path.join(TOP, "scripts", "state_*.pkt"))) * rounds
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda s: (s,) + run_one(s, *args), scripts))
    counts = {"passed": 0, "stalled": 0, "failed": 0, "retried tries": 0}
    for script, rc, err in results:
        verdict = {0: "passed", 4: "stalled"}.get(rc, "failed")
        counts[verdict] += 1
        counts["retried tries"] += err.count("running it again")
        if verdict != "passed":
            first = next((l for l in err.splitlines() if "error" in l or "stalled" in l), "")
            print("  %s %s: %s" % (verdict, os.path.basename(script), first[:160]))
    return counts, len(results)


def controls(times=5):
    out = {}
    for name in ("control_early.pkt", "control_late.pkt"):
        rcs = [run_one(os.path.join(TOP, "bench", name))[0] for _ in range(times)]
        out[name] = "%d of %d failed (exit statuses %s)" % (rcs.count(1), times, rcs)
    return out


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    print(machine())
    print("stall generator: SCHED_FIFO spin %.0f ms every %.0f-%.0f ms on each of %d CPUs"
          % (SPIN * 1e3, (SPIN + SLEEP_MIN) * 1e3, (SPIN + SLEEP_MAX) * 1e3,
             len(os.sched_getaffinity(0))))
    for name, verdicts in controls().items():
        print("no generator, %s: %s" % (name, verdicts))
    with Generator():
        for args in ([], ["--stall-retries=0"]):
            start = time.monotonic()
            counts, n = states(rounds, *args)
            print("generator, state scripts x%d %s: %d runs in %.0f s: %s" % (
                rounds, " ".join(args) or "(defaults)", n, time.monotonic() - start,
                ", ".join("%s %d" % kv for kv in counts.items())))
        for name, verdicts in controls().items():
            print("generator, %s: %s" % (name, verdicts))


if __name__ == "__main__":
    main()
