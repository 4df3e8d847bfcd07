#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""rt_spin.py CPU DELAY LENGTH [MARK]: stalls CPU as a debug kernel's latency
spike or a real-time job would: after DELAY seconds, spins LENGTH seconds at
SCHED_FIFO priority 50, pinned to CPU, so that nothing of lower priority (a
pktdrill run: SCHED_RR 1) runs there meanwhile. With MARK, only if the file
MARK does not exist yet (and creates it): one stall for the first of several
tries. Needs root."""
import os
import sys
import time

cpu, delay, length = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
if len(sys.argv) > 4:
    try:
        os.close(os.open(sys.argv[4], os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        sys.exit(0)
os.sched_setaffinity(0, {cpu})
os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(50))
time.sleep(delay)
end = time.monotonic() + length
while time.monotonic() < end:
    pass
