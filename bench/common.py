# SPDX-License-Identifier: GPL-2.0-only
"""Helpers shared by the benchmarks: run a command, collect wall time, CPU time
and peak RSS of the whole process tree (wait4 rusage), and summarise."""
import os
import statistics
import subprocess
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKTDRILL = os.environ.get("PKTDRILL_BIN", os.path.join(TOP, "pktdrill"))
UPSTREAM = os.environ.get("PACKETDRILL")  # an upstream packetdrill binary, optional


MEASURE = os.path.join(TOP, "build", "bench", "measure")


def run_tail(argv, cwd=None):
    """Runs argv (stdin from /dev/null, output discarded) under bench/measure;
    returns (exit status, wall s, cpu s, peak rss KiB, tail s): wall until it
    exits, tail until the last process it left behind has ended too; cpu of
    all of them."""
    if cwd:
        argv = ["sh", "-c", 'cd "$0" && exec "$@"', cwd, *argv]
    out = subprocess.run([MEASURE, *argv], capture_output=True, text=True, check=True).stdout
    rc, wall, cpu, rss, tail = (int(x) for x in out.split())
    return rc, wall / 1e6, cpu / 1e6, rss, tail / 1e6


def run(argv, cwd=None):
    """run_tail() without the tail."""
    return run_tail(argv, cwd)[:4]


def upstream_argv(script, *args):
    """Upstream packetdrill does not make its own namespace: wrap it like
    run_all.py does (a fresh one per script)."""
    return ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', UPSTREAM,
            *args, script]


def pct(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summary(values, unit="", scale=1.0):
    return "median %.2f%s  p90 %.2f%s  min %.2f%s  max %.2f%s (n=%d)" % (
        statistics.median(values) * scale, unit, pct(values, 90) * scale, unit,
        min(values) * scale, unit, max(values) * scale, unit, len(values))


def machine():
    with open("/proc/cpuinfo") as f:
        model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    return "%d cores, %s, Linux %s" % (os.cpu_count(), model, os.uname().release)
