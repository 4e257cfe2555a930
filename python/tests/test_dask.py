"""man/examples/feedcheck_dask.py on a local cluster of two worker
processes over loopback: the same JSON lines, byte for byte, and the same
exit status as feedcheck --format jsonl over the same list."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unittest
from typing import List, Sequence, Tuple

from support import FC, TOP, Server, files_under, run_feedcheck

RECIPE = os.path.join(TOP, "man", "examples", "feedcheck_dask.py")

try:
    import distributed  # noqa: F401
    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False

RSS = (b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
       b"<title>t</title><link>http://example.com/</link><description>d"
       b"</description><item><title>i</title><pubDate>16 Jul 2022</pubDate>"
       b"</item></channel></rss>\n")


def recipe(args: Sequence[str], tmp: str) -> Tuple[int, str, str]:
    """The recipe on two local workers; the feedcheck program it runs
    logs its sources, a line per run, to tmp/feedcheck.runs."""
    prog = os.path.join(tmp, "feedcheck")
    with open(prog, "w") as f:
        f.write('#!/bin/sh\nsrc=\nfor a; do [ -n "$src" ] && printf "%s " "$a"; '
                '[ "$a" = -- ] && src=1; done >>"$0.runs"\n'
                f'echo >>"$0.runs"\nexec "{FC}" "$@"\n')
    os.chmod(prog, 0o755)
    env = dict(os.environ, DASK_CONFIG=os.path.join(tmp, "dask-config"),
               DASK_TEMPORARY_DIRECTORY=tmp)
    p = subprocess.run([sys.executable, RECIPE, "--workers", "2",
                        "--feedcheck", prog, *args], cwd=TOP, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       encoding="utf-8", timeout=300)
    return p.returncode, p.stdout, p.stderr


@unittest.skipUnless(HAVE_DASK, "python3-distributed is not installed "
                                "(setup.sh installs it)")
class TestDask(unittest.TestCase):
    def test_same_lines(self) -> None:
        """files, a folder, a missing file and URLs: feedcheck --format jsonl's lines and status"""
        os.chdir(TOP)
        files: List[str] = [os.path.relpath(p, TOP) for p in
                            files_under(os.path.join(TOP, "tests", "feedcheck"))]
        files += ["tests/podcast/apple.xml", "tests/nosuch.xml",
                  "tests/reports"]
        with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as tmp, \
                Server({"/feed.xml": (200, [("Content-Type", "text/xml")], RSS),
                        "/gone.xml": (404, [], b"")}) as srv:
            urls = [srv.base + "/feed.xml", srv.base + "/gone.xml"]
            # URLs between files, so that the chunks mix both
            sources = files[:3] + urls[:1] + files[3:] + urls[1:]
            st, out, err = recipe(["--chunk", "4", *sources], tmp)
            want_st, want = run_feedcheck(["--format", "jsonl", "--", *sources])
            with open(os.path.join(tmp, "feedcheck.runs")) as f:
                runs = f.read().split()
        self.assertEqual(out, want, err[-2000:])
        self.assertEqual(st, want_st, err[-2000:])
        self.assertEqual(want_st, 3)
        self.assertGreater(len(want.splitlines()), len(sources))
        # the files were checked on the workers by the package, and the
        # program got the rest (URLs, the folder, the missing file)
        self.assertEqual(sorted(runs), sorted(urls + files[-2:]))

    def test_urls_profile_strict(self) -> None:
        """--urls FILE, --profile and --strict: the program's lines and status"""
        os.chdir(TOP)
        with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as tmp:
            lst = os.path.join(tmp, "list")
            with open(lst, "w") as f:
                f.write("# podcasts\n\n  tests/podcast/good.xml \n"
                        "tests/podcast/plain.xml\ntests/feedcheck/warning-only.xml\n")
            args = ["--urls", lst, "--profile", "apple", "--strict"]
            st, out, err = recipe(args, tmp)
            want_st, want = run_feedcheck(["--format", "jsonl", *args])
            self.assertFalse(os.path.exists(os.path.join(tmp, "feedcheck.runs")))
        self.assertEqual(out, want, err[-2000:])
        self.assertEqual(st, want_st, err[-2000:])
        self.assertEqual(len(want.splitlines()), 3)


    def test_failed_job(self) -> None:
        """a task that fails on its worker (no program for a URL): exit 2, saying which sources"""
        with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as tmp:
            env = dict(os.environ, DASK_CONFIG=os.path.join(tmp, "dask-config"),
                       DASK_TEMPORARY_DIRECTORY=tmp)
            p = subprocess.run([sys.executable, RECIPE, "--workers", "2",
                                "--feedcheck", os.path.join(tmp, "nosuch"),
                                "tests/feedcheck/valid-rss.xml",
                                "http://127.0.0.1:9/feed.xml"], cwd=TOP,
                               env=env, capture_output=True, text=True,
                               timeout=300)
        self.assertEqual(p.returncode, 2, p.stderr[-2000:])
        self.assertIn("feedcheck_dask.py: sources 1 to 2: FileNotFoundError",
                      p.stderr)


class TestDaskUsage(unittest.TestCase):
    def test_usage(self) -> None:
        """no source, standard input or an unknown profile: exit 2 before any cluster starts"""
        for args in ([], ["-"], ["--profile", "itunes", "x.xml"]):
            with self.subTest(args=args):
                p = subprocess.run([sys.executable, RECIPE, *args],
                                   capture_output=True, text=True, timeout=60)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertEqual(p.stdout, "")


if __name__ == "__main__":
    unittest.main()
