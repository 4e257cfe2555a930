#!/usr/bin/env python3
"""feedcheck_dask.py - check a long list of feed files or URLs on a Dask
cluster, writing what ``feedcheck --format jsonl`` writes for the same
list: one JSON line per feed, in the order of the list.

    feedcheck_dask.py [--scheduler ADDRESS | --workers N] [--urls FILE]
                      [--profile NAME] [--strict] [--chunk K]
                      [--feedcheck PROGRAM] [-o OUT] [SOURCE...]

The list (the SOURCEs, then the lines of --urls FILE: blank lines and
lines starting with '#' skipped) is cut into chunks of K sources (default
64), one Dask task each.  On the worker, a source that is a regular file is
read and checked in the worker's process with the feedcheck Python
package (feedcheck.check(), the rules of libfeedcheck, the GIL released);
anything else -- an http(s) or file: URL, a folder, a file that cannot be
opened -- goes to the feedcheck program on the worker (one run per run of
such sources, ``feedcheck --format jsonl -- SOURCE...``), because fetching,
with its bounds, redirects and transport findings, is the program's job
and never the library's.  Either way the line is byte for byte the
program's.  No .feedcheckrc is read (the program runs with --no-config).

Where it runs:
  --scheduler tcp://HOST:8786   an existing cluster (dask-scheduler and
                                dask-worker, or any Dask deployment); every
                                worker has the feedcheck package, the
                                feedcheck program for URLs, and the files
                                at the same paths (a shared file system)
  --workers N                   else a local cluster of N worker processes
                                on 127.0.0.1 (default: one per processor)

The exit status is feedcheck's: 0 no errors (with --strict, no warnings
either), 1 errors, 2 usage or a failed job (a task that failed on its
worker: no feedcheck package or program there, a worker lost), 3 a source
that could not be read or fetched.

    feedcheck_dask.py --scheduler tcp://10.0.0.5:8786 --urls crawl.txt -o all.jsonl
    jq -r 'select(.summary.errors > 0) | .source' all.jsonl

Needs Debian's python3-distributed (Dask) and the feedcheck package
(feedtools' python/: make python, or pip install ./python).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import stat
import subprocess
import sys
from typing import Any, Dict, Iterator, List, Optional, Sequence

# ---- on the workers --------------------------------------------------------

_ESCAPE = re.compile(r"\\(u[0-9a-f]{4}|.)")


def jsonl_line(obj: Dict[str, Any]) -> str:
    """obj as feedcheck --format jsonl writes it (jansson, JSON_COMPACT):
    compact, UTF-8 unescaped, a control character as \\uXXXX in upper
    case."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return _ESCAPE.sub(lambda m: "\\" + (m.group(1).upper()
                                         if m.group(1)[0] == "u" else m.group(1)),
                       s)


def _regular_file(source: str) -> bool:
    if "://" in source:
        return False
    try:
        return stat.S_ISREG(os.stat(source).st_mode)
    except OSError:
        return False


def _program(prog: str, options: Sequence[str], sources: Sequence[str]) -> List[str]:
    """feedcheck --format jsonl over sources: its lines."""
    p = subprocess.run([prog, "--format", "jsonl", "--no-config", *options,
                        "--", *sources], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, encoding="utf-8",
                       errors="replace")
    if p.returncode not in (0, 1, 3):
        raise RuntimeError(f"{prog} exited with status {p.returncode}: "
                           f"{p.stderr.strip()}")
    return p.stdout.splitlines()


def check_chunk(sources: Sequence[str], profile: Optional[str],
                prog: str) -> List[str]:
    """The JSON lines of a chunk of sources, in order (runs on a worker)."""
    import feedcheck

    lines: List[str] = []
    others: List[str] = []
    options = ["--profile", profile] if profile else []

    def flush() -> None:
        if others:
            lines.extend(_program(prog, options, others))
            others.clear()

    for s in sources:
        data = None
        if _regular_file(s):
            try:
                with open(s, "rb") as f:
                    data = f.read()
            except OSError:
                data = None        # the program says why, as it says it
        if data is None:
            others.append(s)
            continue
        flush()
        report = feedcheck.check(data, profile=profile)
        lines.append(jsonl_line(report.to_json(s)))
    flush()
    return lines


# ---- on the client ---------------------------------------------------------

def read_list(path: str) -> List[str]:
    """--urls FILE as feedcheck reads it: one a line, blank lines and
    '#' comments skipped, white space around trimmed."""
    f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with f:
        return [ln.strip() for ln in f
                if ln.strip() and not ln.strip().startswith("#")]


def chunks(v: Sequence[str], k: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(v), k):
        yield v[i:i + k]


def status_of(line: str, strict: bool) -> int:
    """feedcheck's exit status for one source's line."""
    o = json.loads(line)
    if o["format"] is None:
        return 3
    s = o["summary"]
    return 1 if s["errors"] or (strict and s["warnings"]) else 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(
        prog="feedcheck_dask.py",
        description="Check feed files or URLs on a Dask cluster; "
                    "feedcheck --format jsonl's lines on the output.")
    ap.add_argument("sources", nargs="*", metavar="SOURCE")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="a running cluster's scheduler, tcp://HOST:PORT")
    where.add_argument("--workers", type=int, metavar="N",
                       help="a local cluster of N worker processes")
    ap.add_argument("--urls", metavar="FILE", help="more sources, one a line")
    ap.add_argument("--profile", metavar="NAME",
                    help="feedcheck --profile (apple, spotify, podcastindex)")
    ap.add_argument("--strict", action="store_true",
                    help="warnings fail too (the exit status)")
    ap.add_argument("--chunk", type=int, default=64, metavar="K",
                    help="sources per task (default 64)")
    ap.add_argument("--feedcheck", default="feedcheck", metavar="PROGRAM",
                    help="the feedcheck program on the workers, for URLs")
    ap.add_argument("-o", "--output", metavar="FILE",
                    help="write the lines here (default: standard output)")
    a = ap.parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")  # whatever the locale
    sources = list(a.sources)
    if a.urls:
        try:
            sources += read_list(a.urls)
        except OSError as e:
            ap.error(f"cannot read --urls {a.urls}: {e.strerror}")
    if not sources:
        ap.error("no SOURCE given")
    if "-" in sources:
        ap.error("standard input cannot be checked on a cluster")
    if a.chunk < 1 or (a.workers is not None and a.workers < 1):
        ap.error("--chunk and --workers take a number from 1")
    if a.profile:
        import feedcheck
        try:
            # the package says whether the names are right, before any
            # worker is asked
            feedcheck.check(b"", profile=a.profile)
        except ValueError as e:
            ap.error(str(e))

    from distributed import Client, LocalCluster

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers or os.cpu_count() or 1,
                               threads_per_worker=1, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    out = open(a.output, "w", encoding="utf-8") if a.output else sys.stdout
    status = 0
    try:
        futures = [client.submit(check_chunk, list(c), a.profile, a.feedcheck,
                                 pure=False) for c in chunks(sources, a.chunk)]
        # in the order of the list, each chunk as soon as those before it
        for k, fut in enumerate(futures):
            try:
                lines = fut.result()
            except Exception as e:
                # a worker without the package or the program, a lost
                # worker: the job failed (feedcheck's status for it is 2)
                print(f"feedcheck_dask.py: sources {k * a.chunk + 1} to "
                      f"{min((k + 1) * a.chunk, len(sources))}: "
                      f"{type(e).__name__}: {e}", file=sys.stderr)
                return 2
            for line in lines:
                out.write(line + "\n")
                status = max(status, status_of(line, a.strict))
            fut.release()
        out.flush()
    finally:
        if a.output:
            out.close()
        client.close()
        if cluster is not None:
            cluster.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
