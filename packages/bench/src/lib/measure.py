# Runs one command per stdin line ({"argv": [...], "env": {...}}) and answers one JSON line per run:
# wall time and the child's own CPU time and peak RSS from wait4(2). Node cannot read a child's
# rusage, and GNU time's 10 ms resolution is coarser than the 20 ms being measured, hence Python.
import json
import os
import subprocess
import sys
import time

for line in sys.stdin:
    req = json.loads(line)
    t0 = time.perf_counter()
    try:
        child = subprocess.Popen(
            req["argv"],
            env=req["env"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        out = {
            "wallMs": wall * 1000,
            "cpuMs": (usage.ru_utime + usage.ru_stime) * 1000,
            "maxRssKb": usage.ru_maxrss,
            "code": child.returncode,
        }
    except OSError as e:
        out = {"error": str(e)}
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
