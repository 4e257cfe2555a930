"""check() gives what the program gives, file by file: the tree's own
feeds and every case of the W3C Feed Validation Service's suite."""
from __future__ import annotations

import json
import os
import unittest
from typing import List

import feedcheck
from support import TOP, W3C, files_under, jsonl, tree_feeds


def compare(case: unittest.TestCase, files: List[str]) -> None:
    """The program's JSON line for each file against Report.to_json(): the
    whole object, so the diagnostics, the format, the encoding decision
    and the counts; the source is the file's name in both."""
    want = jsonl([], files)
    case.assertEqual(len(want), len(files))
    for path, w in zip(files, want):
        with case.subTest(file=os.path.relpath(path, TOP)):
            with open(path, "rb") as f:
                got = feedcheck.check(f.read()).to_json(path)
            case.assertEqual(got["diagnostics"], w["diagnostics"])
            case.assertEqual(got, w)
            case.assertEqual(json.dumps(got), json.dumps(w))


class TestCompare(unittest.TestCase):
    def test_tree(self) -> None:
        """tests/feedcheck, the podcast cases and a case per rule: the program's findings"""
        files = tree_feeds()
        self.assertGreater(len(files), 150)
        compare(self, files)

    def test_w3c(self) -> None:
        """the 1,204 W3C cases of ../shared/conformance/w3c: the program's findings"""
        if not os.path.isdir(W3C):
            self.skipTest(f"{W3C} not found (FEEDTOOLS_SHARED=DIR names "
                          "another place)")
        files = files_under(W3C)
        self.assertGreaterEqual(len(files), 1204)
        compare(self, files)


if __name__ == "__main__":
    unittest.main()
