"""feedcheck.check(), rules() and the arguments, against the program."""
from __future__ import annotations

import array
import json
import os
import subprocess
import sys
import typing
import unittest

import feedcheck
from support import TOP, jsonl, run_feedcheck

FEEDS = os.path.join(TOP, "tests", "feedcheck")
PODCAST = os.path.join(TOP, "tests", "podcast")
KEYS = ["severity", "rule", "message", "line", "column", "path", "element"]


def read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


class TestCheck(unittest.TestCase):
    def test_json_object(self) -> None:
        """Report.to_json() is feedcheck --format json FILE's object, key order too"""
        for name in sorted(os.listdir(FEEDS)):
            path = os.path.join(FEEDS, name)
            with self.subTest(file=name):
                st, out = run_feedcheck(["--format", "json", path])
                self.assertIn(st, (0, 1))
                want = json.loads(out)
                got = feedcheck.check(read(path)).to_json(path)
                self.assertEqual(got, want)
                self.assertEqual(json.dumps(got), json.dumps(want))

    def test_diagnostics(self) -> None:
        """check() gives a list of dicts with the JSON diagnostics' keys, in order"""
        rep = feedcheck.check(read(os.path.join(FEEDS, "invalid.json")))
        self.assertIsInstance(rep, list)
        self.assertGreater(len(rep), 0)
        for d in rep:
            self.assertEqual(list(d), KEYS)
        self.assertEqual(rep.format, "jsonfeed")
        self.assertEqual(rep[0]["rule"], "json-missing-member")
        item = [d for d in rep if d["path"] == "/items/0"]
        self.assertEqual(len(item), 1)
        self.assertIsInstance(item[0]["line"], int)
        self.assertIsInstance(item[0]["column"], int)
        self.assertEqual(rep.summary["errors"],
                         sum(d["severity"] == "error" for d in rep))
        self.assertFalse(rep.valid)
        self.assertEqual(rep.dropped, 0)

    def test_empty(self) -> None:
        """no bytes: the program's findings for an empty file"""
        empty = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                             f"feedcheck-empty-{os.getpid()}")
        open(empty, "wb").close()
        try:
            want = jsonl([], [empty])[0]
        finally:
            os.unlink(empty)
        self.assertEqual(feedcheck.check(b"").to_json(empty), want)
        self.assertEqual(want["diagnostics"][0]["rule"], "not-a-feed")

    def test_bytes_like(self) -> None:
        """bytes, bytearray, memoryview and array give the same report"""
        data = read(os.path.join(FEEDS, "invalid-rss.xml"))
        want = feedcheck.check(data)
        for other in (bytearray(data), memoryview(data),
                      memoryview(b"xx" + data)[2:], array.array("B", data)):
            with self.subTest(type=type(other).__name__):
                self.assertEqual(feedcheck.check(other), want)

    def test_bad_arguments(self) -> None:
        """bad arguments raise TypeError or ValueError, as Python's own functions do"""
        ok = read(os.path.join(FEEDS, "valid-rss.xml"))
        for args, kw, exc in [
                (("<rss/>",), {}, TypeError),          # str: encode it first
                ((None,), {}, TypeError),
                ((42,), {}, TypeError),
                ((memoryview(ok)[::2],), {}, ValueError),
                ((ok,), {"url": b"http://x/"}, TypeError),
                ((ok,), {"url": 3}, TypeError),
                ((ok,), {"url": "http://x/\0"}, ValueError),
                ((ok,), {"content_type": 3}, TypeError),
                ((ok,), {"content_type": "text/xml\0"}, ValueError),
                ((ok,), {"profile": "itunes"}, ValueError),
                ((ok,), {"profile": ""}, ValueError),
                ((ok,), {"profile": []}, ValueError),
                ((ok,), {"profile": [1]}, TypeError),
                ((ok,), {"profile": 1}, TypeError),
                ((ok,), {"profile": b"apple"}, TypeError)]:
            with self.subTest(args=repr(args)[:40], kw=kw):
                with self.assertRaises(exc):
                    feedcheck.check(*args, **kw)

    def test_error(self) -> None:
        """feedcheck.Error is the documented exception of a check that could not run"""
        self.assertTrue(issubclass(feedcheck.Error, Exception))
        self.assertIn("Error: the library ran out of memory",
                      feedcheck.check.__doc__ or "")
        self.assertIn("feedcheck.Error", feedcheck.__doc__ or "")

    def test_profiles(self) -> None:
        """profile= is feedcheck --profile: the same findings, the same names refused"""
        files = [os.path.join(PODCAST, n) for n in sorted(os.listdir(PODCAST))
                 if n.endswith(".xml")]
        for prof in ("apple", "spotify", "podcastindex", "apple,spotify",
                     "spotify,podcastindex,apple", "apple,", ",apple",
                     "apple,,spotify", "Apple", "apple spotify"):
            st, _ = run_feedcheck(["--profile", prof, files[0]])
            with self.subTest(profile=prof):
                if st == 2:
                    with self.assertRaises(ValueError):
                        feedcheck.check(b"", profile=prof)
                    continue
                want = jsonl(["--profile", prof], files)
                for path, w in zip(files, want):
                    got = feedcheck.check(read(path), profile=prof)
                    self.assertEqual(got.to_json(path), w, path)
        data = read(os.path.join(PODCAST, "apple-profile.xml"))
        self.assertEqual(feedcheck.check(data, profile=["apple", "spotify"]),
                         feedcheck.check(data, profile="apple,spotify"))
        self.assertNotEqual(feedcheck.check(data, profile="apple"),
                            feedcheck.check(data))

    def test_strict(self) -> None:
        """Report.valid is feedcheck's exit status 0, with and without --strict"""
        for name in sorted(os.listdir(FEEDS)):
            path = os.path.join(FEEDS, name)
            for strict in (False, True):
                with self.subTest(file=name, strict=strict):
                    st, _ = run_feedcheck((["--strict"] if strict else [])
                                          + ["-q", path])
                    self.assertIn(st, (0, 1))
                    rep = feedcheck.check(read(path), strict=strict)
                    self.assertEqual(rep.valid, st == 0)
                    self.assertEqual(rep, feedcheck.check(read(path)))
        warn = feedcheck.check(read(os.path.join(FEEDS, "warning-only.xml")),
                               strict=True)
        self.assertFalse(warn.valid)


class TestRules(unittest.TestCase):
    def test_rules(self) -> None:
        """rules() is feedcheck --list-rules --format json"""
        st, out = run_feedcheck(["--list-rules", "--format", "json"])
        self.assertEqual(st, 0)
        self.assertEqual(feedcheck.rules(), json.loads(out))
        self.assertGreater(len(feedcheck.rules()), 200)

    def test_versions(self) -> None:
        """library_version() is the program's version, and the package's"""
        st, out = run_feedcheck(["--version"])
        self.assertEqual(out.split()[:2], ["feedcheck",
                                           feedcheck.library_version()])
        self.assertEqual(feedcheck.__version__, feedcheck.library_version())


class TestTyped(unittest.TestCase):
    def test_py_typed(self) -> None:
        """the installed package is typed (PEP 561: py.typed) and its hints resolve"""
        here = os.path.dirname(feedcheck.__file__)
        self.assertTrue(os.path.isfile(os.path.join(here, "py.typed")))
        hints = typing.get_type_hints(feedcheck.check)
        self.assertIs(hints["return"], feedcheck.Report)
        self.assertEqual(typing.get_type_hints(feedcheck.rules)["return"],
                         typing.List[feedcheck.Rule])
        for f in (feedcheck.check, feedcheck.rules, feedcheck.Report.to_json,
                  feedcheck.library_version):
            self.assertTrue(f.__doc__, f.__name__)

    def test_mypy(self) -> None:
        """mypy --strict accepts the package and a program using it"""
        try:
            import mypy  # noqa: F401
        except ImportError:
            self.skipTest("mypy is not installed (setup.sh installs it)")
        tmp = os.environ.get("TMPDIR", "/tmp")
        prog = os.path.join(tmp, f"use_feedcheck_{os.getpid()}.py")
        with open(prog, "w") as f:
            f.write(USE)
        site = os.path.dirname(os.path.dirname(feedcheck.__file__))
        env = dict(os.environ, MYPYPATH=site)
        try:
            p = subprocess.run([sys.executable, "-m", "mypy", "--strict",
                                "--no-error-summary", "--cache-dir",
                                os.path.join(tmp, "mypy-cache"),
                                os.path.join(site, "feedcheck"), prog],
                               capture_output=True, text=True, env=env)
        finally:
            os.unlink(prog)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)


USE = '''
import feedcheck

def errors(data: bytes) -> list[str]:
    report = feedcheck.check(data, content_type="application/rss+xml",
                             url="https://example.com/feed", profile="apple")
    out: list[str] = []
    for d in report:
        line: int | None = d["line"]
        out.append(f"{line}: {d['message']} [{d['rule']}]")
    summary: feedcheck.Summary = report.summary
    assert summary["errors"] >= 0 and report.valid in (True, False)
    return out

rules: list[feedcheck.Rule] = feedcheck.rules()
ids = [r["id"] for r in rules]
'''


if __name__ == "__main__":
    unittest.main()
