#!/bin/sh
# bench/python.sh - the Python package's threads: THREADS threads each
# checking one large feed at once, against the same checks one after the
# other in one thread (issue 27: the GIL is released while libfeedcheck
# checks, so threads check in parallel).  The feeds are bench/gen_feed.py's
# RSS and Atom of ITEMS items (20,000: about 12 MB each).  Printed: the
# feedcheck program's wall time for one check of the file, the package's
# for one check, for THREADS checks in a row and at once, the speed-up, and
# the processors the threads kept busy (the process's CPU time over the
# wall time: with the GIL held through a check it could not pass 1), and
# beside them the speed-up of THREADS feedcheck programs at once over the
# same in a row: what the machine allows as it is loaded, the ceiling of
# the threads'.  Best of RUNS of each.  Not a test: run by hand (make
# bench runs it too).
#
#   sh bench/python.sh [ITEMS] [RUNS] [THREADS]      (20000 5 2 x processors)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
items=${1:-20000}
runs=${2:-5}
threads=${3:-$((2 * $(nproc)))}
work=$top/bench/work/python
PY=${PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
mkdir -p "$work"
make -s -C "$top" python PYTHON="$PY" PYDIR="$work/site" >/dev/null
python3 "$top/bench/gen_feed.py" "$work" "$items"
PYTHONPATH=$work/site "$PY" - "$work" "$runs" "$threads" "$top/bin/feedcheck" <<'PY'
import os, subprocess, sys, threading, time
import feedcheck

work, runs, n, fc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]


def best(f):
    """the best wall time of runs, and the CPU time of that run"""
    t = []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        f()
        t.append((time.perf_counter() - t0, time.process_time() - c0))
    return min(t)


print(f"{n} checks of each feed, {os.cpu_count()} processors, best of {runs}")
print(f"{'feed':<15} {'MB':>5} {'program_s':>9} {'one_s':>6} "
      f"{'in_a_row_s':>10} {'at_once_s':>9} {'speed-up':>8} {'busy':>5} "
      f"{'programs':>9}")
for name in ("bench-rss.xml", "bench-atom.xml"):
    path = os.path.join(work, name)
    data = open(path, "rb").read()
    want = feedcheck.check(data)

    def row():
        for _ in range(n):
            assert feedcheck.check(data) == want

    def once():
        out = [None] * n
        def one(i):
            out[i] = feedcheck.check(data)
        ts = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        assert all(r == want for r in out)

    def prog_row():
        for _ in range(n):
            subprocess.run([fc, "-q", path], stdout=subprocess.DEVNULL)

    def prog_once():
        ps = [subprocess.Popen([fc, "-q", path], stdout=subprocess.DEVNULL)
              for _ in range(n)]
        for q in ps:
            q.wait()

    prog, _ = best(lambda: subprocess.run([fc, "-q", path],
                                          stdout=subprocess.DEVNULL))
    one, _ = best(lambda: feedcheck.check(data))
    s, _ = best(row)
    p, cpu = best(once)
    ps, _ = best(prog_row)
    pp, _ = best(prog_once)
    print(f"{name:<15} {len(data) / 1e6:5.1f} {prog:9.3f} {one:6.3f} "
          f"{s:10.3f} {p:9.3f} {s / p:7.2f}x {cpu / p:5.2f} {ps / pp:8.2f}x")
PY
